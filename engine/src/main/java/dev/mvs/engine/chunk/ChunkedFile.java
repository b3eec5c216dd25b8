package dev.mvs.engine.chunk;

import java.util.List;
import java.util.Locale;

/**
 * The chunks of one file and how they were made.
 *
 * @param chunks   the file's chunks, in file order
 * @param fallback why the chunker fell back to line windows for this file ("unsupported", "timed_out",
 *                 "unparsable", "minified", "failed"), or null when it chunked the file its own way
 */
public record ChunkedFile(List<Chunk> chunks, String fallback) {

    public ChunkedFile {
        chunks = List.copyOf(chunks);
    }

    /** Chunks made the chunker's own way. */
    public static ChunkedFile of(List<Chunk> chunks) {
        return new ChunkedFile(chunks, null);
    }

    /** The name a fallback reason is recorded under: an enum constant's name in lower case. */
    public static String reason(Enum<?> why) {
        return why.name().toLowerCase(Locale.ROOT);
    }
}
