package dev.mvs.engine.scan;

/**
 * A file the {@link StatCache} vouched for: still present with the indexed size and mtime, so it was
 * not read. Its rows in the index stay as they are.
 */
public record UnchangedFile(String path, long size, long mtimeMillis, String contentHash) {}
