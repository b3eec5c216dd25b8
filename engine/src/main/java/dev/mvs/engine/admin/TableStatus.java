package dev.mvs.engine.admin;

import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.IndexInfo;
import dev.mvs.ffi.TableStats;
import dev.mvs.ffi.TableVersion;
import dev.mvs.ffi.VectorIndexHealth;

import java.util.List;

/**
 * One table of the current generation: its stats and its indexes (with rows not yet indexed).
 *
 * @param vectorIndex what keeps its vector index off Lance's batched search kernel; null without one
 * @param jobs        the kept versions a distributed job committed (docs/distributed.md): which job wrote which fragments
 */
public record TableStatus(String name, TableStats stats, List<IndexInfo> indexes, VectorIndexHealth vectorIndex, List<TableVersion> jobs) {

    public TableStatus {
        indexes = List.copyOf(indexes);
        jobs = List.copyOf(jobs);
    }

    /** The vector index's type as Lance names it (IVF_RQ, IVF_PQ...), or null without one. */
    public String vectorIndexType() {
        return IndexInfo.on(indexes, IndexSchemas.VECTOR).map(IndexInfo::type).orElse(null);
    }

    /** Rows no index covers yet, summed over the table's indexes. */
    public long unindexedRows() {
        return indexes.stream().mapToLong(IndexInfo::rowsUnindexed).sum();
    }
}
