package dev.mvs.ffi;

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
                         long indexes, long bytesOnDisk) {}
