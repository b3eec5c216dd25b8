package dev.mvs.engine.search;

import dev.mvs.engine.store.HitColumn;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.ResultRows;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns chunk rows into hits. A hit first carries its chunk's whole text; {@link #withSnippets} cuts the snippet (a few
 * lines around the first one that mentions the query) for the hits shown only: a hybrid search of 10 ranks 100 candidates.
 */
final class ChunkRows {

    /**
     * The columns a hit shows; not the chunk id, which no hit shows. Each column costs a take: without the chunk id a keyword
     * search's take of 50 candidates went from 1.94–2.09 to 1.60–1.75 ms (issue 18).
     */
    static final List<String> COLUMNS = List.of(IndexSchemas.PATH, IndexSchemas.START_LINE, IndexSchemas.END_LINE, IndexSchemas.SYMBOL, IndexSchemas.KIND, IndexSchemas.CONTENT, IndexSchemas.CONTENT_HASH);
    private static final int SNIPPET_LINES = 4;

    private ChunkRows() {}

    /** A hit with its chunk's whole text in place of the snippet. */
    static SearchHit hit(ResultRows rows, int row, float score) {
        return new SearchHit(rows.text(IndexSchemas.PATH, row), rows.int32(IndexSchemas.START_LINE, row), rows.int32(IndexSchemas.END_LINE, row),
                text(rows, IndexSchemas.SYMBOL, row), text(rows, IndexSchemas.KIND, row), score,
                text(rows, IndexSchemas.CONTENT, row), rows.text(IndexSchemas.CONTENT_HASH, row), List.of());
    }

    /** A hit with its chunk's whole text in place of the snippet. */
    static SearchHit hit(HitColumn.StoredHit h, float score) {
        return new SearchHit(h.path(), h.startLine(), h.endLine(), h.symbol(), h.kind(), score, h.content(), h.contentHash(), List.of());
    }

    /** The hits to show, each with its whole text cut down to the snippet for {@code query}. */
    static List<SearchHit> withSnippets(List<SearchHit> shown, String query) {
        return shown.stream().map(h -> h.withSnippet(snippet(h.snippet(), query))).toList();
    }

    private static String text(ResultRows rows, String column, int row) {
        return Objects.requireNonNullElse(rows.text(column, row), "");
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
