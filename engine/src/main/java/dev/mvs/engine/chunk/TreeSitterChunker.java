package dev.mvs.engine.chunk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Chunks source code by declaration, with tree-sitter grammars for Java, Python, TypeScript (".tsx"
 * files with the TSX grammar), JavaScript (JSX included), Go and Rust (one {@link LanguageRules} each);
 * any other language goes to the fallback (line windows). This class is the algorithm they share.
 *
 * <p>Each function, method, constructor, class, interface, enum, record, struct, trait, impl, ...
 * becomes one chunk whose {@code kind} names the declaration ("method", "class", ...) and whose
 * {@code symbol} is the declared name, qualified by the enclosing types ({@code Outer.Inner.method};
 * a Go method by its receiver type, a Rust method by its impl's or trait's type). The comments,
 * annotations, attributes and decorators right above a declaration belong to it.
 *
 * <p>A container (class, interface, enum, record, trait, impl, Rust module, TS namespace) of at most
 * {@code maxLines} lines is one chunk, its members included. A larger one is cut up: each member
 * declaration is handled the same way on its own (recursively), and the container's remaining lines
 * — the header before the first member, fields between members — become chunks of the container's
 * kind and symbol. A declaration still larger than {@code maxLines} without member declarations is
 * cut into windows of {@code maxLines} lines overlapping by {@code overlapLines}, each with its kind
 * and symbol. Lines outside any declaration (package, imports, module-level statements) are covered
 * by "lines" windows of the same size. So no chunk is longer than {@code maxLines}, and every line
 * with content is in a chunk; a stretch holding nothing but blanks and brackets (a closing "}" on its
 * own) is not made a chunk of its own.
 *
 * <p>A file with syntax errors is chunked from whatever tree-sitter recovered (whole declarations
 * where it found them, windows elsewhere). Anything that goes wrong on the way (a native library
 * that does not load on this platform, say) sends the file to the fallback: {@link #chunk} does not
 * throw for any text.
 *
 * <p>Thread-safe: each call makes its own parser (a few microseconds) and frees it, and the tree,
 * before returning; the grammars are immutable and shared.
 */
public final class TreeSitterChunker implements Chunker {

    public static final int DEFAULT_MAX_LINES = 120;
    public static final int DEFAULT_OVERLAP_LINES = 10;

    /** Siblings that belong to the declaration right below them. */
    private static final Set<String> LEADING = Set.of("comment", "line_comment", "block_comment", "attribute_item", "decorator");

    private final int maxLines;
    private final LineWindowChunker windows;
    private final Chunker fallback;

    /**
     * @param maxLines     the longest chunk, in lines
     * @param overlapLines how many lines the windows of an oversized declaration share
     * @param fallback     chunks the languages this class has no grammar for, and files that go wrong
     */
    public TreeSitterChunker(int maxLines, int overlapLines, Chunker fallback) {
        this.windows = new LineWindowChunker(maxLines, overlapLines); // validates both numbers
        this.maxLines = maxLines;
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** 120-line declarations at most, windows overlapping by 10, {@link LineWindowChunker#defaults()} as fallback. */
    public static TreeSitterChunker defaults() {
        return new TreeSitterChunker(DEFAULT_MAX_LINES, DEFAULT_OVERLAP_LINES, LineWindowChunker.defaults());
    }

    /** Whether {@code language} (a name from {@code dev.mvs.engine.scan.Languages}) has a grammar here. */
    public static boolean supports(String language) {
        return LanguageRules.of(language) != null;
    }

    public int maxLines() {
        return maxLines;
    }

    /** "syntax" with the default sizes and fallback; otherwise the sizes and the fallback's name too. */
    @Override
    public String name() {
        String base = "syntax";
        boolean defaults = maxLines == DEFAULT_MAX_LINES && windows.name().equals("lines:" + DEFAULT_MAX_LINES + "/" + DEFAULT_OVERLAP_LINES)
                && fallback.name().equals(LineWindowChunker.KIND);
        return defaults ? base : base + ":" + windows.name().substring("lines:".length()) + "+" + fallback.name();
    }

    @Override
    public List<Chunk> chunk(String path, String language, String text) {
        LanguageRules rules = language == null ? null : LanguageRules.of(language);
        if (rules == null || hasLoneSurrogate(text)) {
            return fallback.chunk(path, language, text);
        }
        try {
            return parseAndChunk(rules, path, language, text);
        } catch (RuntimeException | LinkageError e) {
            // No grammar on this platform, a tree we did not expect...: never lose the file over it.
            return fallback.chunk(path, language, text);
        }
    }

    private List<Chunk> parseAndChunk(LanguageRules rules, String path, String language, String text) {
        List<String> lines = LineWindowChunker.lines(text);
        List<Chunk> out = new ArrayList<>();
        if (lines.isEmpty()) {
            return out;
        }
        try (TSParser parser = new TSParser()) {
            if (!parser.setLanguage(rules.grammar(path, language))) {
                throw new IllegalStateException("the " + language + " grammar does not fit this tree-sitter");
            }
            // parseString hands tree-sitter UTF-8: node byte offsets index text's UTF-8 bytes.
            try (TSTree tree = parser.parseString(null, text)) {
                Parsed file = new Parsed(new SyntaxTree(rules, lines, text.getBytes(StandardCharsets.UTF_8)), path, language, lines);
                file.emitRange(LineWindowChunker.KIND, "", 0, lines.size(), file.collect(tree.getRootNode(), Scope.TOP), out);
            }
        }
        return out;
    }

    /** tree-sitter's UTF-16 to UTF-8 conversion refuses unpaired surrogates (and would leak the tree). */
    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The state of one call: everything here dies with the tree. */
    private final class Parsed {
        private final SyntaxTree tree;
        private final String path;
        private final String language;
        private final List<String> lines;

        Parsed(SyntaxTree tree, String path, String language, List<String> lines) {
            this.tree = tree;
            this.path = path;
            this.language = language;
            this.lines = lines;
        }

        // ---- output ---------------------------------------------------------------------------

        /** Chunks rows [from, to) given the member declarations in them, in order. */
        void emitRange(String kind, String symbol, int from, int to, List<Decl> members, List<Chunk> out) {
            int cursor = from;
            for (Decl member : members) {
                int start = Math.max(member.start(), cursor);
                int end = Math.min(member.end(), to - 1);
                if (end < start) {
                    continue; // inside the previous member (several declarations on one line)
                }
                if (start > cursor) {
                    gap(kind, symbol, cursor, start, out);
                }
                emitDecl(member.withRange(start, end), out);
                cursor = end + 1;
            }
            if (cursor < to) {
                gap(kind, symbol, cursor, to, out);
            }
        }

        private void emitDecl(Decl decl, List<Chunk> out) {
            int from = decl.start();
            int to = decl.end() + 1;
            if (to - from <= maxLines) {
                out.add(Chunk.of(path, language, decl.kind(), decl.symbol(), from + 1, to,
                        String.join("\n", lines.subList(from, to))));
                return;
            }
            if (decl.body() != null) {
                List<Decl> members = collect(decl.body(), decl.members());
                if (!members.isEmpty()) {
                    emitRange(decl.kind(), decl.symbol(), from, to, members, out);
                    return;
                }
            }
            windows.windows(path, language, decl.kind(), decl.symbol(), lines, from, to, out);
        }

        /** Rows [from, to) outside any member: windows, unless there is nothing in them but brackets. */
        private void gap(String kind, String symbol, int from, int to, List<Chunk> out) {
            for (int row = from; row < to; row++) {
                if (!isTrivial(lines.get(row))) {
                    windows.windows(path, language, kind, symbol, lines, from, to, out);
                    return;
                }
            }
        }

        // ---- declarations ---------------------------------------------------------------------

        /** The declarations among the named children of {@code parent}, with their leading comments. */
        List<Decl> collect(TSNode parent, Scope scope) {
            List<Decl> decls = new ArrayList<>();
            int leadStart = -1;
            int leadEnd = -1;
            int previousEnd = -1;
            for (TSNode child : tree.children(parent)) {
                int start = tree.startRow(child);
                int end = tree.endRow(child);
                if (LEADING.contains(child.getType())) {
                    if (start == previousEnd && leadStart < 0) {
                        continue; // a comment at the end of the previous sibling's line is its own
                    }
                    if (leadStart < 0 || start > leadEnd + 1) {
                        leadStart = start;
                    }
                    leadEnd = Math.max(leadEnd, end);
                    previousEnd = end;
                    continue;
                }
                Decl decl = tree.declaration(child, scope);
                if (decl != null) {
                    if (leadStart >= 0 && leadStart < decl.start() && leadEnd >= decl.start() - 1) {
                        decl = decl.withRange(leadStart, decl.end());
                    }
                    decls.add(decl);
                }
                leadStart = -1;
                leadEnd = -1;
                previousEnd = end;
            }
            return decls;
        }
    }

    /** Nothing but blanks and brackets: not worth a chunk of its own. */
    static boolean isTrivial(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c) && "{}()[];,".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
