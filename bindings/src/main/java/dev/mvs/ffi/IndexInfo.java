package dev.mvs.ffi;

/**
 * One index of a table.
 *
 * @param rowsUnindexed live rows no segment of the index covers yet (searched exhaustively until
 *                      {@link Table#optimizeIndices()})
 */
public record IndexInfo(String name, String type, String column, long rowsIndexed, long rowsUnindexed) {}
