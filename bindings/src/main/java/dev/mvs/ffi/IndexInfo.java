package dev.mvs.ffi;

import java.util.List;
import java.util.Optional;

/**
 * One index of a table.
 *
 * @param rowsUnindexed live rows no segment of the index covers yet (searched exhaustively until
 *                      {@link Table#optimizeIndices()})
 */
public record IndexInfo(String name, String type, String column, long rowsIndexed, long rowsUnindexed) {

    /** The first of {@code indexes} on {@code column}, if there is one. */
    public static Optional<IndexInfo> on(List<IndexInfo> indexes, String column) {
        return indexes.stream().filter(i -> i.column().equals(column)).findFirst();
    }
}
