package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_merge_insert_stats;

/** Rows a merge-insert inserted, updated and deleted. */
public record MergeInsertStats(long inserted, long updated, long deleted) {

    /** Reads the caller-allocated struct the native side filled. */
    static MergeInsertStats from(MemorySegment s) {
        return new MergeInsertStats(mvs_merge_insert_stats.inserted(s), mvs_merge_insert_stats.updated(s), mvs_merge_insert_stats.deleted(s));
    }
}

