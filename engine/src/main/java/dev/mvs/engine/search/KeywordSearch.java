package dev.mvs.engine.search;

import dev.mvs.engine.index.EngineState;
import dev.mvs.engine.index.IndexLayout;
import dev.mvs.ffi.FullTextQuery;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * BM25 search over the chunks of an index (phase 1 is enough). Filters on language and path
 * glob are applied before ranking, so k results come back whenever k chunks match.
 */
public final class KeywordSearch {

    private static final int SNIPPET_LINES = 4;

    private final NativeRuntime runtime;
    private final Path indexDir;

    public KeywordSearch(NativeRuntime runtime, Path indexDir) {
        this.runtime = runtime;
        this.indexDir = indexDir;
    }

    /** Filters: {@code language} (null: any) and {@code pathGlob} / {@code excludeGlob} (null: none). */
    public record Filters(String language, String pathGlob, String excludeGlob) {
        public static Filters none() {
            return new Filters(null, null, null);
        }

        String sql() {
            List<String> parts = new ArrayList<>();
            if (language != null) {
                parts.add("language = '" + language.replace("'", "''") + "'");
            }
            if (pathGlob != null) {
                parts.add("path LIKE '" + PathGlob.toLike(pathGlob) + "'");
            }
            if (excludeGlob != null) {
                parts.add("NOT (path LIKE '" + PathGlob.toLike(excludeGlob) + "')");
            }
            return parts.isEmpty() ? null : String.join(" AND ", parts);
        }
    }

    public List<SearchHit> search(String query, int k, Filters filters) throws IOException {
        if (query.isBlank()) {
            throw new IllegalArgumentException("the query is empty");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        IndexLayout layout = new IndexLayout(indexDir);
        String generation = EngineState.read(layout).map(EngineState::generation).orElse(null);
        Path chunks = generation == null ? null : layout.generation(generation).chunks();
        if (chunks == null || !Files.isDirectory(chunks)) {
            throw new IndexMissingException(indexDir);
        }
        FullTextQuery q = FullTextQuery.of(query, k).inColumns("content")
                .withColumns("path", "start_line", "end_line", "symbol", "kind", "content")
                .withFilter(filters.sql());
        List<SearchHit> hits = new ArrayList<>();
        try (Table table = Table.open(runtime, chunks); ArrowReader reader = table.fullTextSearch(q)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    hits.add(new SearchHit(text(root, "path", i), ((IntVector) root.getVector("start_line")).get(i),
                            ((IntVector) root.getVector("end_line")).get(i), text(root, "symbol", i), text(root, "kind", i),
                            ((Float4Vector) root.getVector("_score")).get(i), snippet(text(root, "content", i), query)));
                }
            }
        }
        // Equal scores keep a stable order: by path, then line.
        hits.sort(java.util.Comparator.comparing((SearchHit h) -> -h.score()).thenComparing(SearchHit::path)
                .thenComparingInt(SearchHit::startLine));
        return hits;
    }

    /** A few lines from the first one that contains a query word (the chunk's first lines if none does). */
    static String snippet(String content, String query) {
        List<String> lines = content.lines().toList();
        List<String> words = java.util.Arrays.stream(query.toLowerCase(java.util.Locale.ROOT).split("\\W+"))
                .filter(w -> !w.isEmpty()).toList();
        int first = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).toLowerCase(java.util.Locale.ROOT);
            if (words.stream().anyMatch(line::contains)) {
                first = Math.max(0, i - 1);
                break;
            }
        }
        return String.join("\n", lines.subList(first, Math.min(lines.size(), first + SNIPPET_LINES)));
    }

    private static String text(VectorSchemaRoot root, String column, int row) {
        return new String(((VarCharVector) root.getVector(column)).get(row), StandardCharsets.UTF_8);
    }
}
