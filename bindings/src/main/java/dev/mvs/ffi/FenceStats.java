package dev.mvs.ffi;

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
                         long overlaps, long sharedActive, boolean exclusiveActive) {}
