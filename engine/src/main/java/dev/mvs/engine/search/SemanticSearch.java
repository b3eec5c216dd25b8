package dev.mvs.engine.search;

import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.NearestQuery;
import dev.mvs.ffi.ResultRows;
import dev.mvs.ffi.ScanRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nearest chunks to a query vector: vectors.lance answers (prefiltered on its own path, language and
 * kind columns; through the IVF index when there is one, exactly otherwise; rows appended since the
 * last index optimize are searched too, by Lance), then the chunks' lines and text come from
 * chunks.lance by chunk id.
 */
final class SemanticSearch {

    private SemanticSearch() {}

    /** Vector search settings: IVF partitions to probe and the exact re-rank factor (0: Lance's defaults / none). */
    record Tuning(int nprobes, int refineFactor) {
        /** The defaults for a vectors table of {@code rows} rows of {@code dimension} floats. */
        static Tuning defaults(long rows, int dimension) {
            return new Tuning(SearchRequest.defaultNprobes(rows, dimension), SearchRequest.DEFAULT_REFINE);
        }
    }

    static List<SearchHit> search(OpenIndex index, float[] query, int k, Filters filters, Tuning tuning, String queryText) {
        return search(index, query, k, filters.sql(), tuning, queryText);
    }

    /** The same, with the prefilter as SQL over vectors.lance's columns (null: none). */
    static List<SearchHit> search(OpenIndex index, float[] query, int k, String predicate, Tuning tuning, String queryText) {
        if (!index.hasVectors()) {
            return List.of();
        }
        NearestQuery q = NearestQuery.of(IndexSchemas.VECTOR, query, k).withColumns(IndexSchemas.CHUNK_ID).withFilter(predicate)
                .withNprobes(tuning.nprobes()).withRefine(tuning.refineFactor());
        Map<String, Float> similarity = new HashMap<>();
        List<String> order = new ArrayList<>();
        ResultRows nearest = index.vectors().nearestRows(q);
        for (int i = 0; i < nearest.size(); i++) {
            String id = nearest.text(IndexSchemas.CHUNK_ID, i);
            // Unit vectors: squared L2 distance d = 2 - 2 cos, so cos = 1 - d / 2.
            similarity.put(id, 1f - nearest.float32("_distance", i) / 2f);
            order.add(id);
        }
        if (order.isEmpty()) {
            return List.of();
        }
        List<SearchHit> hits = new ArrayList<>();
        StringBuilder in = new StringBuilder("chunk_id IN (");
        for (int i = 0; i < order.size(); i++) {
            in.append(i == 0 ? "" : ", ").append('\'').append(order.get(i)).append('\'');
        }
        in.append(')');
        ResultRows chunks = index.chunks().scanRows(ScanRequest.all().withColumns(ChunkRows.COLUMNS.toArray(String[]::new))
                .withFilter(in.toString()));
        for (int i = 0; i < chunks.size(); i++) {
            hits.add(ChunkRows.hit(chunks, i, similarity.get(chunks.text(IndexSchemas.CHUNK_ID, i)), queryText));
        }
        hits.sort(Ranking.BY_SCORE);
        return hits;
    }
}
