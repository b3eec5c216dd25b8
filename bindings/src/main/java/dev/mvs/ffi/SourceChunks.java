package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_native_h;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The native syntax chunker ({@code mvs_source_chunk}): one file's text in, its declaration spans
 * out, parsed by the tree-sitter grammars compiled into libmvs_native. Stateless and thread-safe:
 * the native side keeps one parser per calling thread.
 */
public final class SourceChunks {

    private SourceChunks() {
    }

    /** Why a file was not chunked by declaration ({@link Outcome#CHUNKED} when it was). */
    public enum Outcome {
        CHUNKED(mvs_native_h.MVS_CHUNK_OK()),
        UNSUPPORTED(mvs_native_h.MVS_CHUNK_UNSUPPORTED()),
        TIMED_OUT(mvs_native_h.MVS_CHUNK_TIMED_OUT()),
        UNPARSABLE(mvs_native_h.MVS_CHUNK_UNPARSABLE()),
        MINIFIED(mvs_native_h.MVS_CHUNK_MINIFIED());

        private final int code;

        Outcome(int code) {
            this.code = code;
        }

        static Outcome of(int code) {
            for (Outcome outcome : values()) {
                if (outcome.code == code) {
                    return outcome;
                }
            }
            throw new IllegalStateException("mvs_source_chunk returned the unknown outcome " + code);
        }
    }

    /** One chunk: lines {@code startLine..endLine} (1-based, inclusive) with their declaration's kind and symbol. */
    public record Span(String kind, String symbol, int startLine, int endLine) {
    }

    /** What came of one file: its spans when {@code outcome} is CHUNKED, else none. */
    public record Result(Outcome outcome, List<Span> spans) {
        public Result {
            spans = List.copyOf(spans);
        }
    }

    /** How chunks are sized and how long a parse may take ({@link Duration#ZERO}: no limit). */
    public record Limits(int maxLines, int overlapLines, Duration timeout) {
        public Limits {
            Objects.requireNonNull(timeout, "timeout");
            if (maxLines < 1 || overlapLines < 0 || overlapLines >= maxLines) {
                throw new IllegalArgumentException("need maxLines >= 1 and 0 <= overlapLines < maxLines, got " + maxLines + ", " + overlapLines);
            }
            if (timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the timeout must be 0 to " + Integer.MAX_VALUE + " ms, got " + timeout);
            }
        }
    }

    /**
     * Chunks {@code text} (UTF-8) of {@code language} (as {@code dev.mvs.engine.scan.Languages} names
     * it) at {@code path}.
     */
    public static Result chunk(String language, String path, byte[] text, Limits limits) {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        NativeLibrary.get();
        int[] outcome = new int[1];
        ResultRows rows = ResultRows.drain(out -> {
            try (NativeCall call = new NativeCall()) {
                MemorySegment bytes = call.arena().allocate(Math.max(1, text.length));
                MemorySegment.copy(text, 0, bytes, ValueLayout.JAVA_BYTE, 0, text.length);
                MemorySegment outcomeSlot = call.out(ValueLayout.JAVA_INT);
                call.check(mvs_native_h.mvs_source_chunk(call.string(language), call.string(path), bytes, text.length,
                        limits.maxLines(), limits.overlapLines(), (int) limits.timeout().toMillis(), outcomeSlot, out, call.error()));
                outcome[0] = outcomeSlot.get(ValueLayout.JAVA_INT, 0);
            }
        });
        List<Span> spans = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            spans.add(new Span(rows.text("kind", i), rows.text("symbol", i), rows.int32("start_line", i), rows.int32("end_line", i)));
        }
        return new Result(Outcome.of(outcome[0]), spans);
    }
}
