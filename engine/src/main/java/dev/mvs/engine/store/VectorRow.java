package dev.mvs.engine.store;

/** One row of vectors.lance: a chunk's embedding with the columns search filters on. */
public record VectorRow(String chunkId, String contentHash, String path, String language, String kind, float[] vector) {}
