package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_vector_index_health;

/**
 * What keeps a vector index off Lance's batched search kernel (docs/lance-prefilter.md): any
 * deletion file on a fragment it covers, any fragment its bitmaps name that the table no longer
 * has, any live fragment it does not cover each switch every probed partition to a per-row path
 * (3-4x slower); each segment beyond the first is searched on its own.
 *
 * @param segments                segments of the index (1 after a build, one more per appended delta)
 * @param fragmentsWithDeletions  covered fragments with a deletion file
 * @param missingFragments        fragment ids in its bitmaps the table no longer has
 * @param uncoveredFragments      live fragments no segment covers
 */
public record VectorIndexHealth(long segments, long fragmentsWithDeletions, long missingFragments, long uncoveredFragments) {

    /** True when searches take the batched kernel: one segment and none of the three causes. */
    public boolean onFastPath() {
        return segments <= 1 && fragmentsWithDeletions == 0 && missingFragments == 0 && uncoveredFragments == 0;
    }

    /** Reads the caller-allocated struct the native side filled. */
    static VectorIndexHealth from(MemorySegment s) {
        return new VectorIndexHealth(mvs_vector_index_health.segments(s), mvs_vector_index_health.fragments_with_deletions(s),
                mvs_vector_index_health.missing_fragments(s), mvs_vector_index_health.uncovered_fragments(s));
    }
}
