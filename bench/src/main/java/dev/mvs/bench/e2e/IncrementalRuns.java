package dev.mvs.bench.e2e;

import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.Searcher;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.IndexInfo;
import dev.mvs.ffi.NearestQuery;
import dev.mvs.ffi.ResultRows;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.TableStats;
import dev.mvs.ffi.VectorIndexHealth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Issue 18's first figure: search latency across a developer's day of incremental runs. A fresh index of a
 * copy of the JDK + Python + Go corpus (engine-cli index defaults, the model given: the hash embedder by default,
 * which gives real vectors of the real text in minutes; latency depends on the index, not on which model
 * made the vectors), then 20 edits, each followed by {@code engine-cli index}'s run in this process: one
 * file edited (a line inserted mid-file, so later chunks move), the same file saved again (its previous
 * run's rows deleted whole), files deleted, files added, ten files edited at once, a directory renamed.
 * After the build and after every run: the engine's vector search on vectors.lance alone, as semantic search
 * runs it (the row ids of its candidates at the engine's nprobes, their vectors taken by row id and re-ranked
 * exactly; k 10, 200 queries made of chunks' first lines, one warm-up pass), its recall@10 against the exact
 * answer on 50 of them (plain, and tie-aware: a hit as near as the exact 10th counts), and the vector index's health (segments, deletion files, missing and unindexed fragments).
 * A run that makes the vector fold due leaves it, as engine-cli index does, to a process of its own: here the fold runs
 * right after the run, timed apart, and the vector p50 is measured once before it too (what a search meanwhile gets).
 *
 * <pre>java ... dev.mvs.bench.e2e.IncrementalRuns --python-stdlib DIR [--model hash] [--runs 20] [--out DIR] [--work DIR]</pre>
 */
public final class IncrementalRuns {

    private static final int QUERIES = 200;
    private static final int RECALL_QUERIES = 50;
    private static final int K = 10;
    private static final String CORPUS = "incremental-jdk-python-go";
    // Lance's name for the vector column's index (TableMaintenance.VECTOR_INDEX; spelled out so a bench jar built with an older engine runs too).
    private static final String VECTOR_INDEX = IndexSchemas.VECTOR + "_idx";

    /** One measurement: after the build (run 0) or after run N. */
    record Point(int run, String edit, long runMillis, Fold fold, long changedFiles, long vectors, long fragments, long deletedRows,
                 VectorIndexHealth health, double p50Millis, double p99Millis, double recall, double recallTies, double semanticP50Millis,
                 double hybridP50Millis) {}

    /**
     * The vector fold a run left for later, as engine-cli index's background process runs it: how long it took, and
     * the vector p50 between the run and the fold (searches then take Lance's planned path). None: no fold was due.
     */
    record Fold(long millis, double p50MillisBefore) {
        static final Fold NONE = new Fold(-1, Double.NaN);
    }

    private IncrementalRuns() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = Arrays.asList(args);
        int runs = Integer.parseInt(option(rest, "--runs", "20"));
        String model = option(rest, "--model", "hash");
        Path work = Path.of(option(rest, "--work", Path.of(System.getProperty("user.home"), ".cache", "mvs-engine", "bench").toString()));
        Path out = Path.of(option(rest, "--out", "bench/results/" + LocalDate.now() + "-incremental"));
        String stdlib = option(rest, "--python-stdlib", null);
        Corpora corpora = new Corpora(work, Path.of(System.getProperty("java.home"), "lib", "src.zip"), stdlib == null ? null : Path.of(stdlib));
        // A fresh copy every time: the runs edit it.
        corpora.discard(CORPUS);
        Path repo = corpora.jdkPythonGo(CORPUS).toAbsolutePath().normalize();
        Path index = Files.createTempDirectory("mvs-incremental-").resolve("index");
        Files.createDirectories(out);
        List<Point> points = new ArrayList<>();
        String paired;
        Edits edits = new Edits(repo, new Random(18));
        try (Engine engine = Engine.start(0)) {
            // As engine-cli index runs it: the vector fold a run makes due is left to a process of its own (timed apart here).
            IndexRequest request = IndexRequest.of(repo, index).withModel(model).withLockWait(Duration.ofHours(1)).withFoldVectorsLater(true);
            System.err.println("bench: indexing " + repo + " (model " + model + ")");
            IndexReport built = engine.index(request, progress());
            List<float[]> queries = queryVectors(engine, index);
            points.add(measure(engine, index, queries, 0, "fresh build", built, Fold.NONE));
            // Lance never rewrites a file in place, so a copy of the directory is the fresh build's table as it was.
            Path freshVectors = index.resolveSibling("fresh-vectors.lance");
            Corpora.copyTree(generationVectors(index), freshVectors);
            for (int run = 1; run <= runs; run++) {
                String edit = edits.apply(run);
                IndexReport report = engine.index(request, progress());
                Fold fold = report.vectorFoldDue() ? fold(engine, index, queries) : Fold.NONE;
                points.add(measure(engine, index, queries, run, edit, report, fold));
            }
            int dimension = EngineState.read(new IndexLayout(index)).orElseThrow().dimension();
            paired = pairedWithFresh(engine, freshVectors, generationVectors(index), queries, dimension);
        }
        String table = table(points, model) + paired;
        Files.writeString(out.resolve("results.md"), table, StandardCharsets.UTF_8);
        System.out.print(table);
        System.err.println("bench: wrote " + out.resolve("results.md") + "; index left at " + index + ", the fresh build's vectors.lance beside it");
    }

    private static IndexProgress progress() {
        return new IndexProgress() {
            @Override
            public void message(String text) {
                System.err.println("bench: index: " + text);
            }
        };
    }

    /**
     * The queries: the first two lines of 200 chunks spread over chunks.lance, embedded by the index's own
     * model, so they lie where the data lies (random directions would be about equally far from every row).
     */
    private static List<float[]> queryVectors(Engine engine, Path index) throws Exception {
        IndexLayout layout = new IndexLayout(index);
        IndexLayout.Generation g = layout.generation(EngineState.read(layout).orElseThrow().generation());
        List<String> texts = new ArrayList<>();
        try (Table chunks = Table.open(engine.runtime(), g.chunks())) {
            ResultRows rows = chunks.scanRows(dev.mvs.ffi.ScanRequest.all().withColumns(IndexSchemas.CONTENT));
            int stride = Math.max(1, rows.size() / QUERIES);
            for (int i = 0; i < rows.size() && texts.size() < QUERIES; i += stride) {
                List<String> lines = rows.text(IndexSchemas.CONTENT, i).lines().map(String::strip).filter(l -> !l.isEmpty()).limit(2).toList();
                texts.add(String.join(" ", lines));
            }
        }
        List<float[]> vectors = new ArrayList<>();
        try (Searcher searcher = engine.searcher(index)) {
            for (String text : texts) {
                vectors.add(searcher.embed(text));
            }
        }
        return vectors;
    }

    /** The vector p50 (one pass after a warm-up) while the fold is due, then the fold as engine-cli fold runs it. */
    private static Fold fold(Engine engine, Path index, List<float[]> queries) throws Exception {
        IndexLayout layout = new IndexLayout(index);
        EngineState state = EngineState.read(layout).orElseThrow();
        double before;
        try (Table vectors = Table.open(engine.runtime(), layout.generation(state.generation()).vectors())) {
            SearchRequest.VectorSetting setting = settingOf(vectors, state.dimension());
            long[] nanos = new long[QUERIES];
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < QUERIES; i++) {
                    nanos[i] = timed(vectors, queries.get(i), setting);
                }
            }
            before = percentile(nanos, 0.5);
        }
        long t0 = System.nanoTime();
        var done = engine.admin(index).foldVectors(m -> System.err.println("bench: fold: " + m));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.err.printf(Locale.ROOT, "bench: fold %s in %,d ms (vector p50 before it %.2f ms)%n", done.outcome(), millis, before);
        return new Fold(millis, before);
    }

    private static Point measure(Engine engine, Path index, List<float[]> queries, int run, String edit, IndexReport report, Fold fold)
            throws Exception {
        IndexLayout layout = new IndexLayout(index);
        EngineState state = EngineState.read(layout).orElseThrow();
        IndexLayout.Generation g = layout.generation(state.generation());
        double[] latency;
        double recall;
        double recallTies;
        VectorIndexHealth health;
        TableStats stats;
        try (Table vectors = Table.open(engine.runtime(), g.vectors())) {
            stats = vectors.stats();
            health = vectors.indexOn(IndexSchemas.VECTOR).isPresent() ? vectors.vectorIndexHealth(VECTOR_INDEX) : null;
            SearchRequest.VectorSetting setting = settingOf(vectors, state.dimension());
            long[] nanos = new long[QUERIES];
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < QUERIES; i++) {
                    nanos[i] = timed(vectors, queries.get(i), setting);
                }
            }
            latency = new double[] {percentile(nanos, 0.5), percentile(nanos, 0.99)};
            int found = 0;
            int foundTies = 0;
            for (int i = 0; i < RECALL_QUERIES; i++) {
                ResultRows exact = vectors.nearestRows(NearestQuery.of(IndexSchemas.VECTOR, queries.get(i), K)
                        .withColumns(IndexSchemas.ROW_ID).exactly());
                List<SemanticVectorQuery.Hit> approx = search(vectors, queries.get(i), setting);
                Set<Long> exactRows = new HashSet<>();
                for (int r = 0; r < exact.size(); r++) {
                    exactRows.add(exact.int64(IndexSchemas.ROW_ID, r));
                }
                float kth = exact.float32("_distance", exact.size() - 1);
                for (SemanticVectorQuery.Hit hit : approx) {
                    found += exactRows.contains(hit.rowId()) ? 1 : 0;
                    // Identical chunks have identical vectors: any row as near as the k-th is as right (the re-rank gives exact distances).
                    foundTies += hit.distance() <= kth * (1 + 1e-5f) + 1e-7f ? 1 : 0;
                }
            }
            recall = found / (double) (RECALL_QUERIES * K);
            recallTies = Math.min(1, foundTies / (double) (RECALL_QUERIES * K));
        }
        double[] searcher = searcherP50s(engine, index);
        double semantic = searcher[0];
        Point p = new Point(run, edit, report.millis(), fold, report.sync().changedFiles() + report.sync().deletedFiles(), stats.rows(),
                stats.fragments(), stats.deletedRows(), health, latency[0], latency[1], recall, recallTies, semantic, searcher[1]);
        System.err.printf(Locale.ROOT, "bench: run %2d %-44s %,7d ms  vector p50 %6.2f ms  p99 %6.2f ms  recall %.3f (ties %.3f)  semantic p50 %6.2f ms  hybrid p50 %6.2f ms  %s%n",
                run, edit, report.millis(), latency[0], latency[1], recall, recallTies, semantic, searcher[1], health);
        return p;
    }

    /** Searcher's semantic and hybrid p50 over 40 fixed questions (their embeddings cached after the warm-up pass, as a server's are). */
    private static double[] searcherP50s(Engine engine, Path index) throws Exception {
        List<String> questions = new ArrayList<>();
        String[] subjects = {"parse", "read a file", "thread pool", "hash map", "socket", "json", "date format", "regular expression",
            "compress", "encrypt"};
        String[] verbs = {"how to", "where is", "code that does", "function to"};
        for (String v : verbs) {
            for (String s : subjects) {
                questions.add(v + " " + s);
            }
        }
        long[] semantic = new long[questions.size()];
        long[] hybrid = new long[questions.size()];
        try (Searcher searcher = engine.searcher(index)) {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < questions.size(); i++) {
                    long t0 = System.nanoTime();
                    searcher.search(SearchRequest.of(questions.get(i), K).withMode(SearchMode.SEMANTIC));
                    long t1 = System.nanoTime();
                    searcher.search(SearchRequest.of(questions.get(i), K).withMode(SearchMode.HYBRID));
                    semantic[i] = t1 - t0;
                    hybrid[i] = System.nanoTime() - t1;
                }
            }
        }
        return new double[] {percentile(semantic, 0.5), percentile(hybrid, 0.5)};
    }

    /** The engine's vector search as semantic search runs it, the vectors alone taken; the K nearest. */
    private static List<SemanticVectorQuery.Hit> search(Table vectors, float[] vector, SearchRequest.VectorSetting setting) {
        return SemanticVectorQuery.run(vectors, vector, K, setting, List.of()).nearest();
    }

    /** The day's edits, in order; each changes the repository and says what it did. */
    private static final class Edits {
        private final Path repo;
        private final Random random;
        private final List<Path> sources;
        private Path lastEdited;

        Edits(Path repo, Random random) throws Exception {
            this.repo = repo;
            this.random = random;
            try (Stream<Path> walk = Files.walk(repo)) {
                sources = new ArrayList<>(walk.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".py")).sorted().toList());
            }
            Collections.shuffle(sources, random);
        }

        String apply(int run) throws Exception {
            return switch (run % 10) {
                case 3 -> editTwice();
                case 5 -> delete(3);
                case 7 -> add(2);
                case 8 -> editMany(10);
                case 0 -> renameDirectory();
                default -> edit(next());
            };
        }

        private Path next() {
            Path p;
            do {
                p = sources.removeFirst();
            } while (!Files.exists(p));
            return p;
        }

        private String edit(Path file) throws Exception {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            int at = lines.size() / 2;
            String comment = (file.toString().endsWith(".py") ? "# " : "// ") + "edited " + random.nextInt(1_000_000);
            String indent = at < lines.size() ? lines.get(at).replaceAll("^(\\s*).*$", "$1") : "";
            lines.add(at, indent + comment);
            Files.write(file, lines, StandardCharsets.UTF_8);
            lastEdited = file;
            return "edit " + name(file);
        }

        private String editTwice() throws Exception {
            Path file = lastEdited != null ? lastEdited : next();
            edit(file);
            return "edit the same file again " + name(file);
        }

        private String editMany(int n) throws Exception {
            for (int i = 0; i < n; i++) {
                edit(next());
            }
            return "edit " + n + " files";
        }

        private String delete(int n) throws Exception {
            for (int i = 0; i < n; i++) {
                Files.delete(next());
            }
            return "delete " + n + " files";
        }

        private String add(int n) throws Exception {
            for (int i = 0; i < n; i++) {
                Path from = next();
                String text = Files.readString(from, StandardCharsets.UTF_8);
                String base = from.getFileName().toString();
                int dot = base.lastIndexOf('.');
                Path to = from.resolveSibling(base.substring(0, dot) + "Copy" + copySuffix() + base.substring(dot));
                Files.writeString(to, text.replace("Copyright", "Copyright (copy)"), StandardCharsets.UTF_8);
            }
            return "add " + n + " files";
        }

        /** A number for a copy's name, so two copies of one file do not collide. */
        private int copySuffix() {
            return random.nextInt(1_000);
        }

        /** A directory of 20 to 200 source files, moved under a new name: every row of it deleted and written again. */
        private String renameDirectory() throws Exception {
            Path from = next().getParent();
            for (int tries = 0; tries < 100; tries++) {
                long files;
                try (Stream<Path> list = Files.list(from)) {
                    files = list.filter(Files::isRegularFile).count();
                }
                if (files >= 20 && files <= 200) {
                    break;
                }
                from = next().getParent();
            }
            Path to = from.resolveSibling(from.getFileName() + "_renamed");
            Files.move(from, to);
            long moved;
            try (Stream<Path> walk = Files.walk(to)) {
                moved = walk.filter(Files::isRegularFile).count();
            }
            return "rename " + name(from) + " (" + moved + " files)";
        }

        private String name(Path p) {
            return repo.relativize(p).toString().replace('\\', '/');
        }
    }

    private static String table(List<Point> points, String model) {
        StringBuilder s = new StringBuilder();
        s.append("# Search latency across incremental runs (issue 18)\n\n");
        s.append(String.format(Locale.ROOT, "Model %s; %d queries (the first two lines of chunks spread over the index, embedded), k %d, the engine's vector search (row ids of its candidates at its nprobes, their vectors taken and re-ranked exactly); "
                + "p50/p99 of the second of two passes; recall@10 against the exact answer on %d of them. Semantic, hybrid: Searcher's "
                + "modes, 40 fixed questions (embeddings cached), p50 of the second pass. Run ms: what the run took (engine-cli index "
                + "returns then); background fold ms: the vector fold the run left to a process of its own, run after it here, with the vector "
                + "p50 between the two; the other figures are measured after the fold.%n%n", model, QUERIES, K, RECALL_QUERIES));
        s.append("| run | edit | run ms | background fold ms (vector p50 before it) | files changed | vectors | fragments | deleted rows | segments / deletion files / missing / unindexed (rows deleted, rows unindexed, gap served by the engine's query) |"
                + " vector p50 ms | p99 ms | recall@10 (tie-aware) | semantic p50 ms | hybrid p50 ms |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Point p : points) {
            String h = p.health() == null ? "no index" : p.health().segments() + " / " + p.health().fragmentsWithDeletions() + " / "
                    + p.health().missingFragments() + " / " + p.health().uncoveredFragments()
                    + (p.health().onFastPath() ? "" : String.format(Locale.ROOT, " (%,d, %,d, %s)", p.health().deletedRows(), p.health().uncoveredRows(),
                            p.health().servedDirectly() ? "served" : "not served"));
            String fold = p.fold().millis() < 0 ? "" : String.format(Locale.ROOT, "%,d (%.2f)", p.fold().millis(), p.fold().p50MillisBefore());
            s.append(String.format(Locale.ROOT, "| %d | %s | %,d | %s | %,d | %,d | %d | %,d | %s | %.2f | %.2f | %.3f (%.3f) | %.2f | %.2f |%n", p.run(),
                    p.edit(), p.runMillis(), fold, p.changedFiles(), p.vectors(), p.fragments(), p.deletedRows(), h, p.p50Millis(), p.p99Millis(), p.recall(),
                    p.recallTies(), p.semanticP50Millis(), p.hybridP50Millis()));
        }
        Point fresh = points.getFirst();
        Point last = points.getLast();
        s.append(String.format(Locale.ROOT, "%nAfter run %d: vector p50 %.2f ms = %.2fx the fresh build's %.2f ms (goal <= 1.15x).%n", last.run(),
                last.p50Millis(), last.p50Millis() / fresh.p50Millis(), fresh.p50Millis()));
        return s.toString();
    }

    private static Path generationVectors(Path index) throws Exception {
        IndexLayout layout = new IndexLayout(index);
        return layout.generation(EngineState.read(layout).orElseThrow().generation()).vectors();
    }

    /**
     * The last run's vectors.lance against the fresh build's copy in one JVM: each query on both, in alternating order, 3
     * passes. Single p50s taken minutes apart drift on a shared machine by as much as the 1.15x goal allows (2026-12-05:
     * 1.17x at run 20 where the index explained 1.035x); paired, the drift hits both alike.
     */
    private static String pairedWithFresh(Engine engine, Path freshVectors, Path lastVectors, List<float[]> queries, int dimension)
            throws Exception {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%nPaired after the last run (each query on the fresh build's copy and on"
                + " the last run's table, alternating, 3 passes of %d queries):%n%n| pass | fresh p50 ms | last run p50 ms | median of per-query ratios |%n"
                + "|---|---|---|---|%n", QUERIES));
        try (Table fresh = Table.open(engine.runtime(), freshVectors); Table last = Table.open(engine.runtime(), lastVectors)) {
            SearchRequest.VectorSetting freshSetting = settingOf(fresh, dimension);
            SearchRequest.VectorSetting lastSetting = settingOf(last, dimension);
            for (int pass = 1; pass <= 3; pass++) {
                long[] a = new long[QUERIES];
                long[] b = new long[QUERIES];
                double[] ratio = new double[QUERIES];
                for (int i = 0; i < QUERIES; i++) {
                    boolean freshFirst = (i + pass) % 2 == 0;
                    if (freshFirst) {
                        a[i] = timed(fresh, queries.get(i), freshSetting);
                    }
                    b[i] = timed(last, queries.get(i), lastSetting);
                    if (!freshFirst) {
                        a[i] = timed(fresh, queries.get(i), freshSetting);
                    }
                    ratio[i] = b[i] / (double) a[i];
                }
                Arrays.sort(ratio);
                s.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.3f |%n", pass, percentile(a, 0.5), percentile(b, 0.5), ratio[QUERIES / 2]));
            }
        }
        return s.toString();
    }

    /** The engine's default setting for this table's index (its type and size). */
    private static SearchRequest.VectorSetting settingOf(Table vectors, int dimension) {
        String type = vectors.indexOn(IndexSchemas.VECTOR).map(IndexInfo::type).orElse(null);
        return SearchRequest.defaultVectorSetting(vectors.countRows(), dimension, type);
    }

    private static long timed(Table vectors, float[] query, SearchRequest.VectorSetting setting) {
        long t0 = System.nanoTime();
        search(vectors, query, setting);
        return System.nanoTime() - t0;
    }

    private static double percentile(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i < 0 ? fallback : args.get(i + 1);
    }
}
