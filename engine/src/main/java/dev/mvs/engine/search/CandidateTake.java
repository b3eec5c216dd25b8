package dev.mvs.engine.search;

import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.ResultRows;
import dev.mvs.ffi.Table;

import java.util.List;

/**
 * The columns of the candidates a search found, taken by their row ids: the table handle keeps each fragment's reader
 * open for its version, where a query that projects the columns opens every fragment it reads from again (issue 18).
 */
final class CandidateTake {

    private CandidateTake() {}

    /** {@code columns} of the rows in {@code found}'s row id column, in its order. */
    static ResultRows take(Table table, String tableName, ResultRows found, List<String> columns) {
        long[] rowIds = new long[found.size()];
        for (int i = 0; i < rowIds.length; i++) {
            rowIds[i] = found.int64(IndexSchemas.ROW_ID, i);
        }
        ResultRows rows = table.takeRowsResult(rowIds, columns);
        if (rows.size() != rowIds.length) {
            // Both read the version the index was opened at, so every candidate is there; never pair rows wrongly.
            throw new IllegalStateException("took " + rows.size() + " of " + rowIds.length + " candidates from " + tableName);
        }
        return rows;
    }
}
