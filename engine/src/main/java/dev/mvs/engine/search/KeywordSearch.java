package dev.mvs.engine.search;

import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.FullTextQuery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/** BM25 over the full-text index of chunk content (phase 1 is enough), filters applied first. */
final class KeywordSearch {

    private KeywordSearch() {}

    static List<SearchHit> search(OpenIndex index, String query, int k, Filters filters) throws IOException {
        FullTextQuery q = FullTextQuery.of(query, k).inColumns(IndexSchemas.CONTENT)
                .withColumns(ChunkRows.COLUMNS.toArray(String[]::new))
                .withFilter(filters.sql());
        List<SearchHit> hits = new ArrayList<>();
        try (ArrowReader reader = index.chunks().fullTextSearch(q)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                Float4Vector score = (Float4Vector) root.getVector("_score");
                for (int i = 0; i < root.getRowCount(); i++) {
                    hits.add(ChunkRows.hit(root, i, score.get(i), query));
                }
            }
        }
        hits.sort(Ranking.BY_SCORE);
        return hits;
    }
}
