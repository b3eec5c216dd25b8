package dev.mvs.bench;

import dev.mvs.engine.Engine;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.search.SearchHit;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.SearchResult;
import dev.mvs.engine.search.Searcher;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.NearestQuery;
import dev.mvs.ffi.ResultRows;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Search quality and latency on an index built by {@code engine-cli index} (not a timed test):
 * <ul>
 *   <li>hit@5 per mode on the hand-written relevance set bench/relevance/jdk-questions.tsv;</li>
 *   <li>recall@10 of the default vector settings against exact search, over generated queries
 *       (class names of the index split into words, seeded), and p50/p99 latency per mode.</li>
 * </ul>
 * Run: {@code java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar dev.mvs.bench.SearchBenchmark INDEX_DIR [QUERIES]}
 */
public final class SearchBenchmark {

    private SearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path index = Path.of(args[0]);
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path questions = args.length > 2 ? Path.of(args[2]) : Path.of("bench/relevance/jdk-questions.tsv");
        int threads = Runtime.getRuntime().availableProcessors();
        try (Engine engine = Engine.start(threads); Searcher searcher = engine.searcher(index)) {
            NativeRuntime runtime = engine.runtime();
            EngineState state = searcher.index().state();
            System.out.printf(Locale.ROOT, "index %s: %,d files, %,d chunks, %,d vectors, model %s%n", index, state.files(), state.chunks(),
                    state.vectors(), state.modelId());
            relevance(searcher, questions);
            List<String> generated = generatedQueries(runtime, index, queries);
            recallAndLatency(runtime, searcher, index, generated);
        }
    }

    private static void relevance(Searcher searcher, Path file) throws IOException {
        RelevanceSet set = RelevanceSet.read(file);
        System.out.println();
        System.out.println("| mode | hit@5 | hit@1 | questions |");
        System.out.println("|---|---|---|---|");
        for (SearchMode mode : SearchMode.values()) {
            RelevanceSet.Score score = set.score(searcher, mode);
            System.out.printf(Locale.ROOT, "| %s | %.2f (%d/%d) | %.2f | %d |%n", mode.label(), score.hit5Rate(), score.hit5(), score.questions(),
                    score.hit1Rate(), score.questions());
            System.err.println(mode.label() + " missed: " + score.missed());
        }
    }

    /** Class names from the index's paths, split into lower-case words: "concurrent hash map"; seeded, so every run asks the same. */
    public static List<String> generatedQueries(NativeRuntime runtime, Path index, int n) throws IOException {
        IndexLayout layout = new IndexLayout(index);
        String gen = EngineState.read(layout).orElseThrow().generation();
        List<String> names = new ArrayList<>();
        try (Table files = Table.open(runtime, layout.generation(gen).files());
             ArrowReader r = files.scan(dev.mvs.ffi.ScanRequest.all().withColumns("path"))) {
            while (r.loadNextBatch()) {
                VarCharVector v = (VarCharVector) r.getVectorSchemaRoot().getVector("path");
                for (int i = 0; i < v.getValueCount(); i++) {
                    String p = new String(v.get(i), StandardCharsets.UTF_8);
                    String name = p.substring(p.lastIndexOf('/') + 1).replaceAll("\\.[a-z]+$", "");
                    String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT).strip();
                    if (words.contains(" ")) {
                        names.add(words);
                    }
                }
            }
        }
        java.util.Collections.sort(names);
        java.util.Collections.shuffle(names, new Random(42));
        return names.subList(0, Math.min(n, names.size()));
    }

    /** IVF settings (nprobes, refine factor) swept after the default, to show what recall costs at this size. */
    private static final int[][] SWEEP = {{20, 5}, {10, 5}, {20, 10}, {40, 5}, {40, 10}, {60, 10}, {80, 10}, {120, 10}, {160, 10}};

    private static void recallAndLatency(NativeRuntime runtime, Searcher searcher, Path index, List<String> queries) throws IOException {
        IndexLayout layout = new IndexLayout(index);
        EngineState state = EngineState.read(layout).orElseThrow();
        List<int[]> settings = new ArrayList<>();
        SearchRequest.VectorSetting d = SearchRequest.defaultVectorSetting(state.vectors(), state.dimension(), searcher.index().vectorIndexType());
        int[] dflt = {d.nprobes(), d.refineFactor()};
        settings.add(dflt);
        for (int[] s : SWEEP) {
            if (s[0] != dflt[0] || s[1] != dflt[1]) {
                settings.add(s);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "raw vector queries (vectors.lance only, k = 10), %d queries, recall@10 against exact search:%n%n", queries.size());
        System.out.println("| nprobes, refine | recall@10 | p50 | p99 |");
        System.out.println("|---|---|---|---|");
        try (Table vectors = Table.open(runtime, layout.generation(state.generation()).vectors())) {
            List<float[]> embedded = new ArrayList<>();
            List<Set<String>> exact = new ArrayList<>();
            for (String q : queries) {
                float[] v = searcher.embed(q);
                embedded.add(v);
                exact.add(ids(vectors.nearest(NearestQuery.of("vector", v, 10).withColumns("chunk_id").exactly())));
            }
            for (int[] s : settings) { // page each setting's partitions in and let the JIT compile before timing any
                for (int i = 0; i < Math.min(20, embedded.size()); i++) {
                    ids(vectors.nearest(ann(embedded.get(i), s)));
                }
            }
            for (int[] s : settings) {
                double recallSum = 0;
                long[] annNanos = new long[queries.size()];
                for (int i = 0; i < queries.size(); i++) {
                    NearestQuery ann = ann(embedded.get(i), s);
                    long t0 = System.nanoTime();
                    Set<String> got = ids(vectors.nearest(ann));
                    annNanos[i] = System.nanoTime() - t0;
                    got.retainAll(exact.get(i));
                    recallSum += exact.get(i).isEmpty() ? 1 : got.size() / (double) exact.get(i).size();
                }
                boolean isDefault = s == settings.get(0);
                System.out.printf(Locale.ROOT, "| %d, %d%s | %.3f | %.1f ms | %.1f ms |%n", s[0], s[1], isDefault ? " (default)" : "",
                        recallSum / queries.size(), pct(annNanos, 50), pct(annNanos, 99));
            }
            semanticModeRecall(vectors, embedded, d);
        }
        System.out.println();
        System.out.println("Through Searcher, k = 10, the query's embedding cached. The first two columns are timed with the model idle: each");
        System.out.printf(Locale.ROOT, "block of %d queries is embedded, then searched. The last is timed right after the query's own embedding, while%n", CACHED_BLOCK);
        System.out.println("ONNX Runtime's threads still spin (as SearchBenchmark timed it before 2026-12-05).");
        System.out.println();
        System.out.println("| mode | p50 | p99 | p50 right after the model ran | queries |");
        System.out.println("|---|---|---|---|---|");
        // Warm every mode with every query first, so the JIT has compiled the search path (a long-lived reader such as the
        // MCP server is warm) and its compiles do not take one of the cores while queries are timed.
        for (SearchMode mode : SearchMode.values()) {
            timedWithModelIdle(searcher, queries, mode);
        }
        for (SearchMode mode : SearchMode.values()) {
            long[] idle = timedWithModelIdle(searcher, queries, mode);
            long[] afterModel = new long[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                searcher.embed(queries.get(i)); // cached by now or by this call: the model's time is not the storage engine's
                afterModel[i] = timedSearch(searcher, queries.get(i), mode);
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %d |%n", mode.label(), pct(idle, 50), pct(idle, 99), pct(afterModel, 50),
                    queries.size());
        }
    }

    /** Queries embedded, then searched, per block: fewer than the searcher's query cache holds (64). */
    private static final int CACHED_BLOCK = 50;

    /** Each query's search time in {@code mode}, its block of {@link #CACHED_BLOCK} queries embedded before any is searched. */
    private static long[] timedWithModelIdle(Searcher searcher, List<String> queries, SearchMode mode) throws IOException {
        long[] nanos = new long[queries.size()];
        for (int from = 0; from < queries.size(); from += CACHED_BLOCK) {
            int to = Math.min(queries.size(), from + CACHED_BLOCK);
            for (int i = from; i < to; i++) {
                searcher.embed(queries.get(i));
            }
            for (int i = from; i < to; i++) {
                nanos[i] = timedSearch(searcher, queries.get(i), mode);
            }
        }
        return nanos;
    }

    private static long timedSearch(Searcher searcher, String query, SearchMode mode) throws IOException {
        long t0 = System.nanoTime();
        SearchResult r = searcher.search(SearchRequest.of(query, 10).withMode(mode));
        long nanos = System.nanoTime() - t0;
        if (r.hits().isEmpty()) {
            System.err.println("no hits for " + query + " in " + mode);
        }
        return nanos;
    }

    /**
     * Recall@10 of the vector query semantic mode runs (k 10: 30 candidates, {@link SearchRequest.VectorSetting#rowsToFetch}
     * rows re-ranked exactly by their stored vectors, the best 10 kept), plain and tie-aware: a chunk at the exact 10th
     * distance or nearer counts too (the corpora hold identical chunks, equally right).
     */
    private static void semanticModeRecall(Table vectors, List<float[]> embedded, SearchRequest.VectorSetting setting) throws IOException {
        int rows = setting.rowsToFetch(10 * 3, 10);
        double plain = 0;
        double tieAware = 0;
        for (float[] v : embedded) {
            ResultRows exact = vectors.nearestRows(NearestQuery.of("vector", v, 10).withColumns("chunk_id").exactly());
            Set<String> exactIds = new HashSet<>();
            float tenth = 0;
            for (int i = 0; i < exact.size(); i++) {
                exactIds.add(exact.text("chunk_id", i));
                tenth = Math.max(tenth, exact.float32("_distance", i));
            }
            ResultRows got = vectors.nearestRows(NearestQuery.of("vector", v, rows).withNprobes(setting.nprobes()).withColumns("chunk_id", "vector"));
            List<Object[]> ranked = new ArrayList<>();
            for (int i = 0; i < got.size(); i++) {
                ranked.add(new Object[] {got.text("chunk_id", i), squaredL2(v, got.floatVector("vector", i))});
            }
            ranked.sort(java.util.Comparator.comparingDouble(r -> (float) r[1]));
            int same = 0;
            int withinTenth = 0;
            for (Object[] r : ranked.subList(0, Math.min(10, ranked.size()))) {
                same += exactIds.contains((String) r[0]) ? 1 : 0;
                withinTenth += (float) r[1] <= tenth * (1 + 1e-5f) + 1e-6f ? 1 : 0;
            }
            plain += exactIds.isEmpty() ? 1 : same / (double) exactIds.size();
            tieAware += exactIds.isEmpty() ? 1 : Math.min(withinTenth, exactIds.size()) / (double) exactIds.size();
        }
        System.out.printf(Locale.ROOT, "%nsemantic mode's vector query (nprobes %d, %d rows re-ranked by their vectors, best 10 kept): recall@10 %.3f, tie-aware %.3f%n",
                setting.nprobes(), rows, plain / embedded.size(), tieAware / embedded.size());
    }

    private static float squaredL2(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return (float) sum;
    }

    /** The top 10 chunk ids for {@code vector} at {@code setting} (nprobes, refine factor). */
    private static NearestQuery ann(float[] vector, int[] setting) {
        return NearestQuery.of("vector", vector, 10).withColumns("chunk_id").withNprobes(setting[0]).withRefine(setting[1]);
    }

    private static Set<String> ids(ArrowReader reader) throws IOException {
        Set<String> ids = new HashSet<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                VarCharVector v = (VarCharVector) reader.getVectorSchemaRoot().getVector("chunk_id");
                for (int i = 0; i < v.getValueCount(); i++) {
                    ids.add(new String(v.get(i), StandardCharsets.UTF_8));
                }
            }
        }
        return ids;
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
