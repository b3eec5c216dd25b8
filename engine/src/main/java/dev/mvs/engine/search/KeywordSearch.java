package dev.mvs.engine.search;

import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.FullTextQuery;
import dev.mvs.ffi.ResultRows;

import java.util.ArrayList;
import java.util.List;

/** BM25 over the full-text index of chunk content (phase 1 is enough), filters applied first. */
final class KeywordSearch {

    private KeywordSearch() {}

    static List<SearchHit> search(OpenIndex index, String query, int k, Filters filters) {
        FullTextQuery q = FullTextQuery.of(query, k).inColumns(IndexSchemas.CONTENT)
                .withColumns(ChunkRows.COLUMNS.toArray(String[]::new))
                .withFilter(filters.sql());
        List<SearchHit> hits = new ArrayList<>();
        ResultRows rows = index.chunks().fullTextSearchRows(q);
        for (int i = 0; i < rows.size(); i++) {
            hits.add(ChunkRows.hit(rows, i, rows.float32("_score", i)));
        }
        hits.sort(Ranking.BY_SCORE);
        return hits;
    }
}
