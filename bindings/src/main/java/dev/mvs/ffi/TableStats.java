package dev.mvs.ffi;

/**
 * Statistics of the version a table handle reads.
 *
 * @param version        the version number
 * @param rows           live rows
 * @param deletedRows    rows marked deleted, not yet compacted away
 * @param fragments      fragments (each keeps data files open while scanned)
 */
public record TableStats(long version, long rows, long deletedRows, long fragments) {}
