package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_compaction_stats;

/** What one compaction rewrote. */
public record CompactionStats(long fragmentsRemoved, long fragmentsAdded, long filesRemoved, long filesAdded) {

    /** Reads the caller-allocated struct the native side filled. */
    static CompactionStats from(MemorySegment s) {
        return new CompactionStats(mvs_compaction_stats.fragments_removed(s), mvs_compaction_stats.fragments_added(s),
                mvs_compaction_stats.files_removed(s), mvs_compaction_stats.files_added(s));
    }
}

