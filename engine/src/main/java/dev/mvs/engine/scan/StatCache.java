package dev.mvs.engine.scan;

/**
 * What the index already knows about a file, for the stat fast path of an incremental reindex: a file
 * whose size and mtime match the indexed ones is not read again.
 */
@FunctionalInterface
public interface StatCache {

    /** Nothing is known: every file is read and hashed. */
    StatCache NONE = (path, size, mtimeMillis) -> null;

    /** The indexed content hash if {@code path} is known with this size and mtime (and may be trusted), else null. */
    String unchangedHash(String path, long size, long mtimeMillis);
}
