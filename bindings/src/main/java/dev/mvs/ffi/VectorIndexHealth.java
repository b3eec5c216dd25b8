package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_vector_index_health;

/**
 * What keeps a vector index off Lance's batched search kernel (docs/lance-prefilter.md): any
 * deletion file on a fragment it covers, any fragment its bitmaps name that the table no longer
 * has, any live fragment it does not cover each switch every probed partition of a planned query
 * to a per-row path (3-4x slower); each segment beyond the first is searched on its own. The
 * engine's own vector query (row ids alone, no filter) stays on the batched kernel while the gap is
 * small ({@link #servedDirectly()}): it drops the deleted rows from the index's answers and compares
 * the unindexed ones itself.
 *
 * @param segments                segments of the index (1 after a build, one more per appended delta)
 * @param fragmentsWithDeletions  covered fragments with a deletion file
 * @param missingFragments        fragment ids in its bitmaps the table no longer has
 * @param uncoveredFragments      live fragments no segment covers
 * @param deletedRows             deleted rows of the covered fragments with a deletion file
 * @param uncoveredRows           live rows of the fragments no segment covers
 * @param servedDirectly          the gap is small enough for the engine's direct query (one segment, no
 *                                missing fragment, few deleted and uncovered rows): the upkeep may leave it
 */
public record VectorIndexHealth(long segments, long fragmentsWithDeletions, long missingFragments, long uncoveredFragments,
                                long deletedRows, long uncoveredRows, boolean servedDirectly) {

    /** True when every search takes the batched kernel: one segment and none of the three causes. */
    public boolean onFastPath() {
        return segments <= 1 && fragmentsWithDeletions == 0 && missingFragments == 0 && uncoveredFragments == 0;
    }

    /** True when the engine's searches take the batched kernel: on the fast path, or a gap served directly. */
    public boolean searchesOnFastPath() {
        return onFastPath() || servedDirectly;
    }

    /** Reads the caller-allocated struct the native side filled. */
    static VectorIndexHealth from(MemorySegment s) {
        return new VectorIndexHealth(mvs_vector_index_health.segments(s), mvs_vector_index_health.fragments_with_deletions(s),
                mvs_vector_index_health.missing_fragments(s), mvs_vector_index_health.uncovered_fragments(s),
                mvs_vector_index_health.deleted_rows(s), mvs_vector_index_health.uncovered_rows(s),
                mvs_vector_index_health.served_directly(s) != 0);
    }
}
