package dev.mvs.engine.admin;

import dev.mvs.ffi.IndexInfo;
import dev.mvs.ffi.TableStats;

import java.util.List;

/** One table of the current generation: its stats and its indexes (with rows not yet indexed). */
public record TableStatus(String name, TableStats stats, List<IndexInfo> indexes) {

    public TableStatus {
        indexes = List.copyOf(indexes);
    }

    /** Rows no index covers yet, summed over the table's indexes. */
    public long unindexedRows() {
        return indexes.stream().mapToLong(IndexInfo::rowsUnindexed).sum();
    }
}
