package dev.mvs.engine.search;

import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.FullTextQuery;
import dev.mvs.ffi.ResultRows;

import java.util.ArrayList;
import java.util.List;

/**
 * BM25 over the full-text index of chunk content (phase 1 is enough), filters applied first. The query returns row
 * ids and scores only; the candidates' columns are taken by row id ({@link CandidateTake}).
 */
final class KeywordSearch {

    /** Lance's BM25 score column. */
    private static final String SCORE = "_score";

    private KeywordSearch() {}

    static List<SearchHit> search(OpenIndex index, String query, int k, Filters filters) {
        FullTextQuery q = FullTextQuery.of(query, k).inColumns(IndexSchemas.CONTENT)
                .withColumns(IndexSchemas.ROW_ID)
                .withFilter(filters.sql());
        ResultRows found = index.chunks().fullTextSearchRows(q);
        if (found.size() == 0) {
            return List.of();
        }
        ResultRows rows = CandidateTake.take(index.chunks(), IndexSchemas.CHUNKS_TABLE, found, ChunkRows.COLUMNS);
        List<SearchHit> hits = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            hits.add(ChunkRows.hit(rows, i, found.float32(SCORE, i)));
        }
        hits.sort(Ranking.BY_SCORE);
        return hits;
    }
}
