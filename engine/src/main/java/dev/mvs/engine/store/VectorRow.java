package dev.mvs.engine.store;

/**
 * One row of vectors.lance: a chunk's embedding with the columns search filters on, and what a result shows of it
 * ({@link HitColumn}; null for a version-1 table, which has no such column).
 */
public record VectorRow(String chunkId, String contentHash, String path, String language, String kind, float[] vector, String hit) {}
