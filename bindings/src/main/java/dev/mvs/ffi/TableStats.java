package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_table_stats;

/**
 * Statistics of the version a table handle reads.
 *
 * @param version      the version number
 * @param rows         live rows
 * @param deletedRows  rows marked deleted, not yet compacted away
 * @param fragments    fragments (each keeps data files open while scanned)
 * @param dataFiles    data files the version reads
 * @param versions     versions kept on disk
 * @param indexes      user indexes
 * @param bytesOnDisk  bytes of every file of the table, old versions and indexes included
 */
public record TableStats(long version, long rows, long deletedRows, long fragments, long dataFiles, long versions,
                         long indexes, long bytesOnDisk) {

    /** Reads the caller-allocated struct the native side filled. */
    static TableStats from(MemorySegment s) {
        return new TableStats(mvs_table_stats.version(s), mvs_table_stats.num_rows(s), mvs_table_stats.num_deleted_rows(s),
                mvs_table_stats.num_fragments(s), mvs_table_stats.num_data_files(s), mvs_table_stats.num_versions(s),
                mvs_table_stats.num_indexes(s), mvs_table_stats.bytes_on_disk(s));
    }
}

