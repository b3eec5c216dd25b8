package dev.mvs.engine.chunk;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Splits the text of one file into chunks. */
public interface Chunker {

    List<Chunk> chunk(String path, String language, String text);

    /** Chunks a file given as its UTF-8 bytes (as read from disk); the default decodes them first. */
    default List<Chunk> chunk(String path, String language, byte[] utf8) {
        return chunk(path, language, new String(utf8, StandardCharsets.UTF_8));
    }

    /** The chunks of a file given as its UTF-8 bytes, and whether this chunker fell back to another for it. */
    default ChunkedFile chunkFile(String path, String language, byte[] utf8) {
        return ChunkedFile.of(chunk(path, language, utf8));
    }

    /**
     * What engine.json records, so a later run chunks changed files the same way (a different
     * chunker needs a rebuild): "lines", "syntax", or the class name of another chunker.
     */
    default String name() {
        return getClass().getSimpleName();
    }
}
