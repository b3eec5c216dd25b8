package dev.mvs.engine.search;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Turns chunk rows into hits, with a snippet around the first line that mentions the query. */
final class ChunkRows {

    static final List<String> COLUMNS = List.of("chunk_id", "path", "start_line", "end_line", "symbol", "kind", "content", "content_hash");
    private static final int SNIPPET_LINES = 4;

    private ChunkRows() {}

    static SearchHit hit(VectorSchemaRoot root, int row, float score, String query) {
        return new SearchHit(text(root, "path", row), ((IntVector) root.getVector("start_line")).get(row),
                ((IntVector) root.getVector("end_line")).get(row), text(root, "symbol", row), text(root, "kind", row), score,
                snippet(text(root, "content", row), query), text(root, "content_hash", row), List.of());
    }

    static String text(VectorSchemaRoot root, String column, int row) {
        return new String(((VarCharVector) root.getVector(column)).get(row), StandardCharsets.UTF_8);
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
