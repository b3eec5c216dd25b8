package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_fence_stats;

/**
 * Counters of a runtime's fence.
 *
 * @param sharedAcquisitions    file-rewriting operations that took the shared side
 * @param exclusiveAcquisitions model loads that took the exclusive side
 * @param waits                 acquisitions that had to wait
 * @param waitNanos             total time spent waiting
 * @param timeouts              exclusive acquisitions that gave up
 * @param overlaps              times both sides were held together: must stay 0
 * @param sharedActive          shared holders right now
 * @param exclusiveActive       whether the exclusive side is held right now
 */
public record FenceStats(long sharedAcquisitions, long exclusiveAcquisitions, long waits, long waitNanos, long timeouts,
                         long overlaps, long sharedActive, boolean exclusiveActive) {

    /** Reads the caller-allocated struct the native side filled. */
    static FenceStats from(MemorySegment s) {
        return new FenceStats(mvs_fence_stats.shared_acquisitions(s), mvs_fence_stats.exclusive_acquisitions(s), mvs_fence_stats.waits(s),
                mvs_fence_stats.wait_nanos(s), mvs_fence_stats.timeouts(s), mvs_fence_stats.overlaps(s), mvs_fence_stats.shared_active(s),
                mvs_fence_stats.exclusive_active(s) != 0);
    }
}

