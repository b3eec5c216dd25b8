package dev.mvs.ffi;

import java.util.List;
import java.util.Optional;

/**
 * One index of a table.
 *
 * @param rowsUnindexed live rows no segment of the index covers yet (searched exhaustively until
 *                      {@link Table#optimizeIndices()})
 * @param segments      segments the index is made of: a build or a merge writes one, each delta append
 *                      ({@link Table#APPEND_DELTA}) adds one
 */
public record IndexInfo(String name, String type, String column, long rowsIndexed, long rowsUnindexed, long segments) {

    /** The first of {@code indexes} on {@code column}, if there is one. */
    public static Optional<IndexInfo> on(List<IndexInfo> indexes, String column) {
        return indexes.stream().filter(i -> i.column().equals(column)).findFirst();
    }
}
