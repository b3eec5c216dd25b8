package dev.mvs.engine.index;

/** What a long index run reports while it works; every method may be called from the indexing thread only. */
public interface IndexProgress {

    IndexProgress NONE = new IndexProgress() {};

    /** A step began or ended ("building the full-text index", ...). */
    default void message(String text) {}

    /** Phase 1 went on: files looked at so far, of which changed (read and chunked), chunks written. */
    default void phase1(long filesSeen, long filesChanged, long chunksWritten) {}

    /** Phase 2 starts with {@code total} chunks lacking a vector. */
    default void phase2Started(long total) {}

    /** Phase 2 went on: chunks given a vector so far, of which reused by content hash. */
    default void phase2(long done, long reused) {}
}
