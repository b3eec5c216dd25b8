package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_cleanup_stats;

/** What a cleanup of old versions removed. */
public record CleanupStats(long bytesRemoved, long versionsRemoved, long dataFilesRemoved, long indexFilesRemoved,
                           long deletionFilesRemoved) {

    /** Reads the caller-allocated struct the native side filled. */
    static CleanupStats from(MemorySegment s) {
        return new CleanupStats(mvs_cleanup_stats.bytes_removed(s), mvs_cleanup_stats.versions_removed(s),
                mvs_cleanup_stats.data_files_removed(s), mvs_cleanup_stats.index_files_removed(s), mvs_cleanup_stats.deletion_files_removed(s));
    }
}

