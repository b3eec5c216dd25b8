package dev.mvs.bench.e2e;

import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.NearestQuery;
import dev.mvs.ffi.ResultRows;
import dev.mvs.ffi.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The vector query of the engine's semantic search (dev.mvs.engine.search.SemanticSearch), for the benchmarks that time
 * it: the row ids of {@code rowsToFetch(k, k)} candidates (no filter, so on an index the upkeep keeps whole or with a
 * small gap, native code asks the index without Lance's planner), their columns taken by row id, and, when the setting
 * re-ranks, the exact re-rank by their stored vectors done here, not by Lance.
 */
final class SemanticVectorQuery {

    /** One of the nearest: its place among the taken rows, its row id, its distance (squared L2; the index's estimate without a re-rank). */
    record Hit(int taken, long rowId, float distance) {}

    /** The candidates' columns as taken, and the k nearest of them, nearest first. */
    record Result(ResultRows taken, List<Hit> nearest) {}

    private SemanticVectorQuery() {}

    static Result run(Table vectors, float[] query, int k, SearchRequest.VectorSetting setting, List<String> columns) {
        ResultRows candidates = vectors.nearestRows(NearestQuery.of(IndexSchemas.VECTOR, query, setting.rowsToFetch(k, k))
                .withNprobes(setting.nprobes()).withColumns(IndexSchemas.ROW_ID));
        long[] rowIds = new long[candidates.size()];
        for (int i = 0; i < rowIds.length; i++) {
            rowIds[i] = candidates.int64(IndexSchemas.ROW_ID, i);
        }
        boolean reRank = setting.refineFactor() > 0;
        List<String> take = new ArrayList<>(columns);
        if (reRank && !take.contains(IndexSchemas.VECTOR)) {
            take.add(IndexSchemas.VECTOR);
        }
        ResultRows taken = vectors.takeRowsResult(rowIds, take);
        List<Hit> hits = new ArrayList<>(rowIds.length);
        for (int i = 0; i < rowIds.length; i++) {
            float d = reRank ? GroundTruth.squaredL2(query, taken.floatVector(IndexSchemas.VECTOR, i)) : candidates.float32("_distance", i);
            hits.add(new Hit(i, rowIds[i], d));
        }
        if (reRank) {
            hits.sort(Comparator.comparingDouble(Hit::distance));
        }
        return new Result(taken, hits.subList(0, Math.min(k, hits.size())));
    }
}
