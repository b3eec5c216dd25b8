package dev.mvs.engine.chunk;

import java.util.List;

/** Splits the text of one file into chunks. */
public interface Chunker {

    List<Chunk> chunk(String path, String language, String text);
}
