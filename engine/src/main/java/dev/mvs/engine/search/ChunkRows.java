package dev.mvs.engine.search;

import dev.mvs.engine.store.RowValues;
import dev.mvs.engine.store.IndexSchemas;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Turns chunk rows into hits, with a snippet around the first line that mentions the query. */
final class ChunkRows {

    static final List<String> COLUMNS = List.of(IndexSchemas.CHUNK_ID, IndexSchemas.PATH, IndexSchemas.START_LINE, IndexSchemas.END_LINE, IndexSchemas.SYMBOL, IndexSchemas.KIND, IndexSchemas.CONTENT, IndexSchemas.CONTENT_HASH);
    private static final int SNIPPET_LINES = 4;

    private ChunkRows() {}

    static SearchHit hit(VectorSchemaRoot root, int row, float score, String query) {
        return new SearchHit(RowValues.text(root, IndexSchemas.PATH, row), ((IntVector) root.getVector(IndexSchemas.START_LINE)).get(row),
                ((IntVector) root.getVector(IndexSchemas.END_LINE)).get(row), RowValues.text(root, IndexSchemas.SYMBOL, row), RowValues.text(root, IndexSchemas.KIND, row), score,
                snippet(RowValues.text(root, IndexSchemas.CONTENT, row), query), RowValues.text(root, IndexSchemas.CONTENT_HASH, row), List.of());
    }

    /** A few lines from the first one that contains a query word (the chunk's first lines if none does). */
    static String snippet(String content, String query) {
        List<String> lines = content.lines().toList();
        List<String> words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\W+")).filter(w -> w.length() > 2).toList();
        int first = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).toLowerCase(Locale.ROOT);
            if (words.stream().anyMatch(line::contains)) {
                first = Math.max(0, i - 1);
                break;
            }
        }
        return String.join("\n", lines.subList(first, Math.min(lines.size(), first + SNIPPET_LINES)));
    }
}
