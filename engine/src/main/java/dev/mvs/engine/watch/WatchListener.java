package dev.mvs.engine.watch;

import dev.mvs.engine.index.IndexReport;

/** What a watch tells its user; called on the watch's run thread. */
public interface WatchListener {

    /** Watching began: {@code directories} directories registered for change events. */
    default void watching(long directories) {}

    /** A batch of {@code changes} change events is being indexed (0: the run at start). */
    default void indexing(int changes) {}

    /**
     * A run committed: {@code latencyMillis} from the batch's first change event to the commit, the time after
     * which the change is searchable; -1 for the run at start, which no event asked for.
     */
    default void indexed(IndexReport report, long latencyMillis) {}

    /** A run failed; the watch goes on, and the next change runs again (a killed run is completed by the next). */
    default void failed(Exception e) {}
}
