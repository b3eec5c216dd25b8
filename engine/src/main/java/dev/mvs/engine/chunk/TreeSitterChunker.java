package dev.mvs.engine.chunk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterTsx;
import org.treesitter.TreeSitterTypescript;

/**
 * Chunks source code by declaration, with tree-sitter grammars for Java, Python, TypeScript (".tsx"
 * files with the TSX grammar), JavaScript (JSX included), Go and Rust; any other language goes to
 * the fallback (line windows).
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

    private static final Set<String> LANGUAGES = Set.of("java", "python", "typescript", "javascript", "go", "rust");

    /** Siblings that belong to the declaration right below them. */
    private static final Set<String> LEADING = Set.of("comment", "line_comment", "block_comment", "attribute_item", "decorator");

    private static final Set<String> FUNCTION_VALUES = Set.of("arrow_function", "function_expression", "function",
            "generator_function");

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
        return LANGUAGES.contains(language);
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
        Grammar grammar = Grammar.of(path, language);
        if (grammar == null || hasLoneSurrogate(text)) {
            return fallback.chunk(path, language, text);
        }
        try {
            return parseAndChunk(grammar, path, language, text);
        } catch (RuntimeException | LinkageError e) {
            // No grammar on this platform, a tree we did not expect...: never lose the file over it.
            return fallback.chunk(path, language, text);
        }
    }

    private List<Chunk> parseAndChunk(Grammar grammar, String path, String language, String text) {
        List<String> lines = LineWindowChunker.lines(text);
        List<Chunk> out = new ArrayList<>();
        if (lines.isEmpty()) {
            return out;
        }
        try (TSParser parser = new TSParser()) {
            if (!parser.setLanguage(grammar.language())) {
                throw new IllegalStateException("grammar " + grammar + " does not fit this tree-sitter");
            }
            // parseString hands tree-sitter UTF-8: node byte offsets index text's UTF-8 bytes.
            try (TSTree tree = parser.parseString(null, text)) {
                Parsed file = new Parsed(grammar, path, language, lines, text.getBytes(StandardCharsets.UTF_8));
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

    private enum Grammar {
        JAVA, PYTHON, TYPESCRIPT, TSX, JAVASCRIPT, GO, RUST;

        static Grammar of(String path, String language) {
            return switch (language) {
                case "java" -> JAVA;
                case "python" -> PYTHON;
                case "typescript" -> path.toLowerCase(Locale.ROOT).endsWith(".tsx") ? TSX : TYPESCRIPT;
                case "javascript" -> JAVASCRIPT;
                case "go" -> GO;
                case "rust" -> RUST;
                case null, default -> null;
            };
        }

        /** Loaded on first use, once per JVM (class initialisation is thread-safe and immutable after). */
        TSLanguage language() {
            return switch (this) {
                case JAVA -> Grammars.Java.LANGUAGE;
                case PYTHON -> Grammars.Python.LANGUAGE;
                case TYPESCRIPT -> Grammars.Typescript.LANGUAGE;
                case TSX -> Grammars.Tsx.LANGUAGE;
                case JAVASCRIPT -> Grammars.Javascript.LANGUAGE;
                case GO -> Grammars.Go.LANGUAGE;
                case RUST -> Grammars.Rust.LANGUAGE;
            };
        }
    }

    /** One holder per grammar, so a JVM that sees only Java files never loads the Rust library. */
    private static final class Grammars {
        private static final class Java { static final TSLanguage LANGUAGE = new TreeSitterJava(); }
        private static final class Python { static final TSLanguage LANGUAGE = new TreeSitterPython(); }
        private static final class Typescript { static final TSLanguage LANGUAGE = new TreeSitterTypescript(); }
        private static final class Tsx { static final TSLanguage LANGUAGE = new TreeSitterTsx(); }
        private static final class Javascript { static final TSLanguage LANGUAGE = new TreeSitterJavascript(); }
        private static final class Go { static final TSLanguage LANGUAGE = new TreeSitterGo(); }
        private static final class Rust { static final TSLanguage LANGUAGE = new TreeSitterRust(); }
    }

    /**
     * Where declarations are found: {@code prefix} qualifies their names; inside a type, functions
     * are methods.
     */
    private record Scope(String prefix, boolean inType) {
        static final Scope TOP = new Scope("", false);

        String qualify(String name) {
            return prefix + name;
        }

        String functionKind() {
            return inType ? "method" : "function";
        }
    }

    /**
     * A declaration: rows {@code start..end} (0-based, inclusive), and for a container the node
     * holding its members and the scope they are in.
     */
    private record Decl(int start, int end, String kind, String symbol, TSNode body, Scope members) {
        Decl withRange(int newStart, int newEnd) {
            return new Decl(newStart, newEnd, kind, symbol, body, members);
        }
    }

    /** The state of one call: everything here dies with the tree. */
    private final class Parsed {
        private final Grammar grammar;
        private final String path;
        private final String language;
        private final List<String> lines;
        private final byte[] utf8;

        Parsed(Grammar grammar, String path, String language, List<String> lines, byte[] utf8) {
            this.grammar = grammar;
            this.path = path;
            this.language = language;
            this.lines = lines;
            this.utf8 = utf8;
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
            for (TSNode child : children(parent)) {
                int start = startRow(child);
                int end = endRow(child);
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
                Decl decl = declOf(child, scope);
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

        /** Named children, with Java's enum_body_declarations opened up (the members of an enum sit there). */
        private List<TSNode> children(TSNode parent) {
            List<TSNode> children = new ArrayList<>();
            try (TSTreeCursor cursor = new TSTreeCursor(parent)) {
                if (cursor.gotoFirstChild()) {
                    do {
                        TSNode node = cursor.currentNode();
                        if (!node.isNamed()) {
                            continue;
                        }
                        if (node.getType().equals("enum_body_declarations")) {
                            children.addAll(children(node));
                        } else {
                            children.add(node);
                        }
                    } while (cursor.gotoNextSibling());
                }
            }
            return children;
        }

        private Decl declOf(TSNode node, Scope scope) {
            String type = node.getType();
            return switch (grammar) {
                case JAVA -> java(node, type, scope);
                case PYTHON -> python(node, type, scope);
                case TYPESCRIPT, TSX, JAVASCRIPT -> ecma(node, type, scope);
                case GO -> go(node, type, scope);
                case RUST -> rust(node, type, scope);
            };
        }

        private Decl java(TSNode node, String type, Scope scope) {
            return switch (type) {
                case "class_declaration" -> typeDecl(node, "class", scope);
                case "interface_declaration" -> typeDecl(node, "interface", scope);
                case "enum_declaration" -> typeDecl(node, "enum", scope);
                case "record_declaration" -> typeDecl(node, "record", scope);
                case "annotation_type_declaration" -> typeDecl(node, "annotation", scope);
                case "method_declaration" -> leaf(node, "method", scope.qualify(name(node)));
                case "constructor_declaration", "compact_constructor_declaration" ->
                        leaf(node, "constructor", scope.qualify(name(node)));
                default -> null;
            };
        }

        private Decl python(TSNode node, String type, Scope scope) {
            return switch (type) {
                case "class_definition" -> typeDecl(node, "class", scope);
                case "function_definition" -> leaf(node, scope.functionKind(), scope.qualify(name(node)));
                case "decorated_definition" -> wrap(node, field(node, "definition"), scope);
                default -> null;
            };
        }

        /** JavaScript, TypeScript and TSX share these node types. */
        private Decl ecma(TSNode node, String type, Scope scope) {
            return switch (type) {
                case "class_declaration", "abstract_class_declaration", "class" -> typeDecl(node, "class", scope);
                case "function_declaration", "generator_function_declaration" ->
                        leaf(node, scope.functionKind(), scope.qualify(name(node)));
                case "method_definition", "abstract_method_signature" -> leaf(node, "method", scope.qualify(name(node)));
                case "field_definition", "public_field_definition" -> {
                    // handler = () => { ... }
                    TSNode value = field(node, "value");
                    TSNode name = field(node, type.equals("field_definition") ? "property" : "name");
                    yield value != null && name != null && FUNCTION_VALUES.contains(value.getType())
                            ? leaf(node, "method", scope.qualify(text(name))) : null;
                }
                case "lexical_declaration", "variable_declaration" -> variable(node, scope);
                case "interface_declaration" -> leaf(node, "interface", scope.qualify(name(node)));
                case "type_alias_declaration" -> leaf(node, "type", scope.qualify(name(node)));
                case "enum_declaration" -> leaf(node, "enum", scope.qualify(name(node)));
                case "internal_module", "module" -> {
                    String name = name(node);
                    yield container(node, "namespace", scope.qualify(name), field(node, "body"),
                            new Scope(scope.qualify(name) + ".", false));
                }
                case "export_statement" -> {
                    TSNode inner = field(node, "declaration");
                    yield wrap(node, inner != null ? inner : field(node, "value"), scope);
                }
                case "ambient_declaration", "expression_statement" -> {
                    // declare module "m" { ... }; namespace N { ... } (an expression statement);
                    // Foo.prototype.bar = function () { ... }
                    List<TSNode> inner = children(node);
                    if (inner.size() != 1) {
                        yield null;
                    }
                    TSNode only = inner.getFirst();
                    if (type.equals("ambient_declaration") || only.getType().equals("internal_module")) {
                        yield wrap(node, only, scope);
                    }
                    TSNode left = only.getType().equals("assignment_expression") ? field(only, "left") : null;
                    TSNode right = left == null ? null : field(only, "right");
                    yield right != null && FUNCTION_VALUES.contains(right.getType())
                            ? leaf(node, scope.functionKind(), scope.qualify(text(left))) : null;
                }
                default -> null;
            };
        }

        /** {@code const f = () => ...}, {@code const C = class { ... }}: one declarator only. */
        private Decl variable(TSNode node, Scope scope) {
            List<TSNode> declarators = children(node).stream()
                    .filter(child -> child.getType().equals("variable_declarator")).toList();
            if (declarators.size() != 1) {
                return null;
            }
            TSNode name = field(declarators.getFirst(), "name");
            TSNode value = field(declarators.getFirst(), "value");
            if (name == null || value == null || !name.getType().equals("identifier")) {
                return null;
            }
            String symbol = scope.qualify(text(name));
            if (FUNCTION_VALUES.contains(value.getType())) {
                return leaf(node, scope.functionKind(), symbol);
            }
            if (value.getType().equals("class")) {
                return container(node, "class", symbol, field(value, "body"), new Scope(symbol + ".", true));
            }
            return null;
        }

        private Decl go(TSNode node, String type, Scope scope) {
            return switch (type) {
                case "function_declaration" -> leaf(node, "function", scope.qualify(name(node)));
                case "method_declaration" -> {
                    // func (p *Point) Dist(...): Point.Dist
                    TSNode receiver = field(node, "receiver");
                    List<TSNode> params = receiver == null ? List.of() : children(receiver).stream()
                            .filter(child -> child.getType().equals("parameter_declaration")).toList();
                    String owner = params.isEmpty() ? "" : simpleTypeName(field(params.getFirst(), "type"));
                    yield leaf(node, "method", scope.qualify(owner.isEmpty() ? name(node) : owner + "." + name(node)));
                }
                case "type_declaration" -> {
                    // type Point struct {...}; a group type ( A ...; B ... ) is named after its first type
                    List<TSNode> specs = children(node).stream()
                            .filter(child -> child.getType().equals("type_spec") || child.getType().equals("type_alias"))
                            .toList();
                    if (specs.isEmpty()) {
                        yield null;
                    }
                    TSNode spec = specs.getFirst();
                    TSNode declared = field(spec, "type");
                    String kind = specs.size() > 1 || declared == null ? "type" : switch (declared.getType()) {
                        case "struct_type" -> "struct";
                        case "interface_type" -> "interface";
                        default -> "type";
                    };
                    yield leaf(node, kind, scope.qualify(name(spec)));
                }
                default -> null;
            };
        }

        private Decl rust(TSNode node, String type, Scope scope) {
            return switch (type) {
                case "function_item" -> leaf(node, scope.functionKind(), scope.qualify(name(node)));
                case "struct_item" -> leaf(node, "struct", scope.qualify(name(node)));
                case "enum_item" -> leaf(node, "enum", scope.qualify(name(node)));
                case "union_item" -> leaf(node, "union", scope.qualify(name(node)));
                case "macro_definition" -> leaf(node, "macro", scope.qualify(name(node)));
                case "trait_item" -> typeDecl(node, "trait", scope);
                case "impl_item" -> {
                    // impl<T> Display for Wrapper<T>: methods are Wrapper.fmt
                    String owner = scope.qualify(simpleTypeName(field(node, "type")));
                    yield container(node, "impl", owner, field(node, "body"), new Scope(owner + ".", true));
                }
                case "mod_item" -> {
                    TSNode body = field(node, "body");
                    String name = scope.qualify(name(node));
                    yield body == null ? null : container(node, "module", name, body, new Scope(name + ".", false));
                }
                default -> null;
            };
        }

        // ---- helpers ----------------------------------------------------------------------------

        /** A class-like container: its members are methods qualified by its name. */
        private Decl typeDecl(TSNode node, String kind, Scope scope) {
            String symbol = scope.qualify(name(node));
            return container(node, kind, symbol, field(node, "body"), new Scope(symbol + ".", true));
        }

        private Decl container(TSNode node, String kind, String symbol, TSNode body, Scope members) {
            return new Decl(startRow(node), endRow(node), kind, symbol, body, members);
        }

        private Decl leaf(TSNode node, String kind, String symbol) {
            return new Decl(startRow(node), endRow(node), kind, symbol, null, null);
        }

        /** The declaration {@code inner} stands for, over the lines of {@code outer} (decorators, "export"). */
        private Decl wrap(TSNode outer, TSNode inner, Scope scope) {
            Decl decl = inner == null ? null : declOf(inner, scope);
            return decl == null ? null : decl.withRange(Math.min(startRow(outer), decl.start()), Math.max(endRow(outer), decl.end()));
        }

        private String name(TSNode node) {
            TSNode name = field(node, "name");
            return name == null ? "(anonymous)" : text(name);
        }

        /** {@code Wrapper<T>}, {@code *Point}, {@code fmt::Formatter}, {@code &mut Foo}: the bare type name. */
        private String simpleTypeName(TSNode node) {
            for (int depth = 0; node != null && depth < 8; depth++) {
                if (node.getType().endsWith("identifier")) {
                    return text(node);
                }
                TSNode next = field(node, "type");
                if (next == null) {
                    next = field(node, "name");
                }
                if (next == null) {
                    List<TSNode> children = children(node);
                    next = children.isEmpty() ? null : children.getLast();
                }
                if (next == null) {
                    return text(node).strip();
                }
                node = next;
            }
            return node == null ? "" : text(node).strip();
        }

        private TSNode field(TSNode node, String name) {
            TSNode child = node.getChildByFieldName(name);
            return child == null || child.isNull() ? null : child;
        }

        private String text(TSNode node) {
            int start = Math.max(0, Math.min(node.getStartByte(), utf8.length));
            int end = Math.max(start, Math.min(node.getEndByte(), utf8.length));
            return new String(utf8, start, end - start, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        }

        private int startRow(TSNode node) {
            return Math.min(node.getStartPoint().getRow(), lines.size() - 1);
        }

        /** The row of the node's last character (a node that ends with its newline ends on the row before). */
        private int endRow(TSNode node) {
            var end = node.getEndPoint();
            int row = end.getColumn() == 0 && end.getRow() > startRow(node) ? end.getRow() - 1 : end.getRow();
            return Math.max(startRow(node), Math.min(row, lines.size() - 1));
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
