package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_vector_upkeep_stats;

/**
 * What {@link Table#restoreVectorFastPath} did.
 *
 * @param merged                 whether the segments of every index were merged (nothing was done otherwise)
 * @param fragmentsRewritten     fragments compaction rewrote (deletions materialised, small ones combined)
 * @param fragmentsWritten       fragments it wrote in their place
 * @param missingFragmentsPruned ids of fragments the table no longer has, dropped from the index's bitmaps
 */
public record VectorUpkeepStats(boolean merged, long fragmentsRewritten, long fragmentsWritten, long missingFragmentsPruned) {

    /** Reads the caller-allocated struct the native side filled. */
    static VectorUpkeepStats from(MemorySegment s) {
        return new VectorUpkeepStats(mvs_vector_upkeep_stats.merged(s) != 0, mvs_vector_upkeep_stats.fragments_rewritten(s),
                mvs_vector_upkeep_stats.fragments_written(s), mvs_vector_upkeep_stats.missing_fragments_pruned(s));
    }
}
