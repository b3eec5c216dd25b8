package dev.mvs.engine.store;

/** One row of files.lance. */
public record FileRow(String path, String contentHash, long size, long mtimeMillis, String language, int chunkCount) {}
