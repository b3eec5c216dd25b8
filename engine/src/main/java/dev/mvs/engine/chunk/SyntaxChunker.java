package dev.mvs.engine.chunk;

import dev.mvs.ffi.MvsException;
import dev.mvs.ffi.SourceChunks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Chunks source code by declaration with the tree-sitter grammars compiled into the native library
 * ({@link SourceChunks}; the algorithm and the language rules are native/src/syntax*, described in
 * docs/chunking.md). Each function, method, class, ... is one chunk with its kind and its symbol
 * qualified by the enclosing types ({@code Outer.Inner.method}); no chunk is longer than
 * {@code maxLines}, and every line with content is in one.
 *
 * <p>Files of a language without a grammar, and files the grammar cannot chunk well (mostly syntax
 * errors, minified, a parse over the time limit), go to the fallback (line windows); {@link #chunkFile}
 * says why. {@link #chunk} does not throw for any text.
 *
 * <p>Thread-safe: the native side parses with one parser per calling thread.
 */
public final class SyntaxChunker implements Chunker {

    public static final String KIND = "syntax";
    /** The fallback reason of a file whose native chunking failed (a panic in a grammar, caught at the boundary). */
    public static final String FAILED = "failed";
    public static final int DEFAULT_MAX_LINES = 120;
    public static final int DEFAULT_OVERLAP_LINES = 10;
    /** A parse that takes longer than this is abandoned (the largest JDK file parses in ~50 ms). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final SourceChunks.Limits limits;
    private final Chunker fallback;

    /**
     * @param maxLines     the longest chunk, in lines
     * @param overlapLines how many lines the windows of an oversized declaration share
     * @param fallback     chunks the languages without a grammar, and files that go wrong
     */
    public SyntaxChunker(int maxLines, int overlapLines, Chunker fallback) {
        this.limits = new SourceChunks.Limits(maxLines, overlapLines, DEFAULT_TIMEOUT);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** 120-line declarations at most, windows overlapping by 10, {@link LineWindowChunker#defaults()} as fallback. */
    public static SyntaxChunker defaults() {
        return new SyntaxChunker(DEFAULT_MAX_LINES, DEFAULT_OVERLAP_LINES, LineWindowChunker.defaults());
    }

    public int maxLines() {
        return limits.maxLines();
    }

    /** "syntax" with the default sizes and fallback; otherwise the sizes and the fallback's name too. */
    @Override
    public String name() {
        boolean defaults = limits.maxLines() == DEFAULT_MAX_LINES && limits.overlapLines() == DEFAULT_OVERLAP_LINES
                && fallback.name().equals(LineWindowChunker.KIND);
        return defaults ? KIND : KIND + ":" + limits.maxLines() + "/" + limits.overlapLines() + "+" + fallback.name();
    }

    @Override
    public List<Chunk> chunk(String path, String language, String text) {
        return chunk(path, language, text.getBytes(StandardCharsets.UTF_8), text).chunks();
    }

    @Override
    public List<Chunk> chunk(String path, String language, byte[] utf8) {
        return chunkFile(path, language, utf8).chunks();
    }

    @Override
    public ChunkedFile chunkFile(String path, String language, byte[] utf8) {
        return chunk(path, language, utf8, new String(utf8, StandardCharsets.UTF_8));
    }

    private ChunkedFile chunk(String path, String language, byte[] utf8, String text) {
        SourceChunks.Result result;
        try {
            result = SourceChunks.chunk(language == null ? "" : language, path, utf8, limits);
        } catch (MvsException e) {
            // A native error on one file must not lose the file or stop the run: it gets line
            // windows like a file without a grammar.
            return new ChunkedFile(fallback.chunk(path, language, text), FAILED);
        }
        if (result.outcome() != SourceChunks.Outcome.CHUNKED) {
            return new ChunkedFile(fallback.chunk(path, language, text), ChunkedFile.reason(result.outcome()));
        }
        LineText lines = LineText.of(text);
        List<Chunk> out = new ArrayList<>(result.spans().size());
        for (SourceChunks.Span span : result.spans()) {
            int end = Math.min(span.endLine(), lines.count());
            String content = lines.join(span.startLine() - 1, end);
            if (!content.isBlank()) {
                out.add(Chunk.of(path, language, span.kind(), span.symbol(), span.startLine(), end, content));
            }
        }
        return ChunkedFile.of(out);
    }

    /**
     * A text's lines as {@link LineWindowChunker#lines} splits them, joined back with "\n" for a
     * range of rows. Without a "\r" in the text the join is a substring of it: no String per line.
     */
    private record LineText(String text, int[] starts, List<String> split) {

        static LineText of(String text) {
            if (text.indexOf('\r') >= 0) {
                List<String> split = LineWindowChunker.lines(text);
                return new LineText(text, null, split);
            }
            // starts[i] is where line i begins; one more entry past the last line's "\n" (or end)
            int[] starts = new int[16];
            int n = 0;
            int start = 0;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
                starts = grow(starts, n);
                starts[n++] = start;
                start = i + 1;
            }
            if (start < text.length()) {
                starts = grow(starts, n);
                starts[n++] = start;
                start = text.length() + 1;
            }
            starts = grow(starts, n);
            starts[n] = start;
            return new LineText(text, Arrays.copyOf(starts, n + 1), null);
        }

        private static int[] grow(int[] a, int n) {
            return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
        }

        int count() {
            return split != null ? split.size() : starts.length - 1;
        }

        /** Lines {@code from..to} (0-based, {@code to} exclusive) joined by "\n". */
        String join(int from, int to) {
            if (split != null) {
                return String.join("\n", split.subList(from, to));
            }
            return from >= to ? "" : text.substring(starts[from], starts[to] - 1);
        }
    }
}
