package dev.mvs.engine.search;

import dev.mvs.engine.store.HitColumn;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.store.Sql;
import dev.mvs.ffi.NearestQuery;
import dev.mvs.ffi.ResultRows;
import dev.mvs.ffi.ScanRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nearest chunks to a query vector: vectors.lance answers (prefiltered on its own path, language and
 * kind columns; through the IVF index when there is one, exactly otherwise; rows appended since the
 * last index optimize are searched too, by Lance) with each hit whole from its hit column; on a
 * version-1 index, without that column, the chunks' lines and text come from chunks.lance by chunk id.
 */
final class SemanticSearch {

    private SemanticSearch() {}

    /**
     * The {@code k} nearest chunks, best first. Only the first {@code shown} of them are shown to the user, so only
     * those need the full re-rank depth ({@link SearchRequest.VectorSetting#rowsToFetch}).
     */
    static List<SearchHit> search(OpenIndex index, float[] query, int k, int shown, Filters filters, SearchRequest.VectorSetting tuning) {
        return search(index, query, k, shown, filters.sql(), tuning);
    }

    /** The same, with the prefilter as SQL over vectors.lance's columns (null: none). */
    static List<SearchHit> search(OpenIndex index, float[] query, int k, int shown, String predicate, SearchRequest.VectorSetting tuning) {
        if (!index.hasVectors()) {
            return List.of();
        }
        if (!index.vectorsCarryHits()) {
            NearestQuery q = NearestQuery.of(IndexSchemas.VECTOR, query, k).withColumns(IndexSchemas.CHUNK_ID).withFilter(predicate)
                    .withNprobes(tuning.nprobes()).withRefine(tuning.refineFactor());
            return fromChunks(index, index.vectors().nearestRows(q));
        }
        // The exact re-rank is done here, on the candidates' vectors taken with their hits: Lance's own refine reads
        // them again in a second take (60 candidates: 8.1 against 6.6 ms, issue 18), and its distances would
        // otherwise be IVF_RQ's estimates, shown as similarities. The query asks for row ids alone (on a table the upkeep
        // left whole, native code then asks the index without Lance's planner), and the rows are taken by row id.
        int refine = tuning.refineFactor();
        NearestQuery q = NearestQuery.of(IndexSchemas.VECTOR, query, tuning.rowsToFetch(k, shown)).withFilter(predicate)
                .withNprobes(tuning.nprobes()).withColumns(IndexSchemas.ROW_ID);
        ResultRows nearest = index.vectors().nearestRows(q);
        if (nearest.size() == 0) {
            return List.of();
        }
        ResultRows rows = CandidateTake.take(index.vectors(), IndexSchemas.VECTORS_TABLE, nearest,
                refine > 0 ? List.of(IndexSchemas.HIT, IndexSchemas.VECTOR) : List.of(IndexSchemas.HIT));
        List<Candidate> candidates = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            float d = refine > 0 ? squaredL2(query, rows.floatVector(IndexSchemas.VECTOR, i)) : nearest.float32("_distance", i);
            candidates.add(new Candidate(rows.text(IndexSchemas.HIT, i), d));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::distance));
        List<SearchHit> hits = new ArrayList<>(Math.min(k, candidates.size()));
        for (Candidate c : candidates.subList(0, Math.min(k, candidates.size()))) {
            hits.add(ChunkRows.hit(HitColumn.decode(c.hit()), similarity(c.distance())));
        }
        hits.sort(Ranking.BY_SCORE);
        return hits;
    }

    private record Candidate(String hit, float distance) {}

    /** Lance's L2 distance: the squared Euclidean one. */
    static float squaredL2(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException("a stored vector of " + b.length + " dimensions against a query of " + a.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return (float) sum;
    }

    /** Unit vectors: squared L2 distance d = 2 - 2 cos, so cos = 1 - d / 2. */
    private static float similarity(float distance) {
        return 1f - distance / 2f;
    }

    /** A version-1 index: the hits' lines and text from chunks.lance by chunk id, a second query. */
    private static List<SearchHit> fromChunks(OpenIndex index, ResultRows nearest) {
        Map<String, Float> similarity = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < nearest.size(); i++) {
            String id = nearest.text(IndexSchemas.CHUNK_ID, i);
            similarity.put(id, similarity(nearest.float32("_distance", i)));
            order.add(id);
        }
        if (order.isEmpty()) {
            return List.of();
        }
        List<SearchHit> hits = new ArrayList<>();
        List<String> columns = new ArrayList<>(ChunkRows.COLUMNS);
        columns.add(IndexSchemas.CHUNK_ID);
        ResultRows chunks = index.chunks().scanRows(ScanRequest.all().withColumns(columns.toArray(String[]::new))
                .withFilter(String.join(" OR ", Sql.inLists(IndexSchemas.CHUNK_ID, order))));
        for (int i = 0; i < chunks.size(); i++) {
            hits.add(ChunkRows.hit(chunks, i, similarity.get(chunks.text(IndexSchemas.CHUNK_ID, i))));
        }
        hits.sort(Ranking.BY_SCORE);
        return hits;
    }
}
