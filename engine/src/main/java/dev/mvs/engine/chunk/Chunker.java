package dev.mvs.engine.chunk;

import java.util.List;

/** Splits the text of one file into chunks. */
public interface Chunker {

    List<Chunk> chunk(String path, String language, String text);

    /**
     * What engine.json records, so a later run chunks changed files the same way (a different
     * chunker needs a rebuild): "lines", "syntax", or the class name of another chunker.
     */
    default String name() {
        return getClass().getSimpleName();
    }
}
