package dev.mvs.bench.e2e;

import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.error.EngineException;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.search.Filters;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.Searcher;
import dev.mvs.engine.watch.RepositoryWatch;
import dev.mvs.engine.watch.WatchListener;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

/**
 * Issue 19's figures for {@code engine-cli watch} (the same {@code Engine.watch}, in this process) over an
 * existing, embedded index: for each of N saves of a real file (a comment line with a fresh word appended),
 * the time from the write to the change being found by a keyword search, and to the changed chunk having its
 * vector (a find_similar seeded by that chunk stops failing), polled every 10 ms by a reader that reopens the
 * index when a commit changed it ({@code Searcher.latest}), as the MCP server does. Each save is reverted, and the revert indexed,
 * before the next. Then the watch's CPU use over an idle period. Files are picked by a seeded random
 * choice among the .java and .py files; the repository (a copy of the JDK + Python corpus, its own) is
 * modified and restored. The index is built first when missing (engine-cli index defaults).
 *
 * <pre>java ... dev.mvs.bench.e2e.WatchLatency --python-stdlib DIR [--out DIR] [--work DIR] [--saves N] [--idle-seconds S]</pre>
 */
public final class WatchLatency {

    private static final long POLL_MILLIS = 10;

    record Save(String path, long keywordMillis, long semanticMillis, long runMillis, long watchLatencyMillis) {}

    private WatchLatency() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = Arrays.asList(args);
        int saves = Integer.parseInt(option(rest, "--saves", "25"));
        int idleSeconds = Integer.parseInt(option(rest, "--idle-seconds", "30"));
        Path work = Path.of(option(rest, "--work", Path.of(System.getProperty("user.home"), ".cache", "mvs-engine", "bench").toString()));
        Path out = Path.of(option(rest, "--out", "bench/results/" + LocalDate.now() + "-watch"));
        String stdlib = option(rest, "--python-stdlib", null);
        Corpora corpora = new Corpora(work, Path.of(System.getProperty("java.home"), "lib", "src.zip"), stdlib == null ? null : Path.of(stdlib));
        Path repo = corpora.jdkAndPython("watch-jdk-python").toAbsolutePath().normalize();
        Path index = work.resolve("watch-jdk-python-index").toAbsolutePath().normalize();
        Files.createDirectories(out);

        BlockingQueue<IndexReport> runs = new LinkedBlockingQueue<>();
        BlockingQueue<Long> latencies = new LinkedBlockingQueue<>();
        WatchListener listener = new WatchListener() {
            @Override
            public void indexed(IndexReport report, long latencyMillis) {
                runs.add(report);
                latencies.add(latencyMillis);
            }

            @Override
            public void failed(Exception e) {
                System.err.println("watch run failed: " + e);
            }
        };
        List<Path> files = pick(repo, saves);
        List<Save> measured = new ArrayList<>();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double idleCpuPercent;
        long idleRuns;
        try (Engine engine = Engine.start(0)) {
            IndexRequest request = IndexRequest.of(repo, index).withLockWait(Duration.ofHours(1));
            if (!Files.exists(index.resolve("engine.json"))) {
                System.err.println("bench: indexing " + repo + " into " + index + " (the default model: about 40 minutes on 2 cores)");
                engine.index(request, new IndexProgress() {
                    @Override
                    public void message(String text) {
                        System.err.println("bench: index: " + text);
                    }
                });
            }
            long t0 = System.nanoTime();
            try (RepositoryWatch watch = engine.watch(request, RepositoryWatch.DEFAULT_QUIET, IndexProgress.NONE, listener)) {
                IndexReport first = runs.poll(30, TimeUnit.MINUTES);
                latencies.clear();
                System.err.printf(Locale.ROOT, "watch started; its first run (nothing changed: %,d files read) took %,d ms, %,d ms after start%n",
                        first.sync().changedFiles(), first.millis(), (System.nanoTime() - t0) / 1_000_000);
                Searcher reader = engine.searcher(index); // latest() below closes each one it replaces
                for (int i = 0; i < files.size(); i++) {
                    Path file = files.get(i);
                    String path = repo.relativize(file).toString().replace('\\', '/');
                    byte[] original = Files.readAllBytes(file);
                    String word = "mvswatch" + i + "tide";
                    String comment = (path.endsWith(".py") ? "# " : "// ") + word + " computes the harmonic constants of a tide gauge";
                    String edited = new String(original, StandardCharsets.UTF_8).stripTrailing() + "\n" + comment + "\n";
                    int lastLine = (int) edited.lines().count();
                    long saved = System.nanoTime();
                    Files.writeString(file, edited, StandardCharsets.UTF_8);
                    long keyword = -1;
                    long semantic = -1;
                    while (keyword < 0 || semantic < 0) {
                        Thread.sleep(POLL_MILLIS);
                        Searcher s = reader = reader.latest();
                        long now = (System.nanoTime() - saved) / 1_000_000;
                        if (keyword < 0 && s.search(SearchRequest.of(word, 1).withMode(SearchMode.KEYWORD)).hits().stream()
                                .anyMatch(h -> h.path().equals(path))) {
                            keyword = now;
                        }
                        if (keyword >= 0 && semantic < 0 && embedded(s, path, lastLine)) {
                            semantic = (System.nanoTime() - saved) / 1_000_000;
                        }
                        if (now > 120_000) {
                            throw new IllegalStateException("save " + i + " of " + path + " not searchable after 2 minutes");
                        }
                    }
                    IndexReport run = runs.take();
                    long watchLatency = latencies.take();
                    measured.add(new Save(path, keyword, semantic, run.millis(), watchLatency));
                    System.err.printf(Locale.ROOT, "save %2d %-70s keyword %,5d ms  semantic %,5d ms  (run %,d ms)%n", i + 1, path, keyword, semantic,
                            run.millis());
                    Files.write(file, original);
                    runs.take(); // the revert's run
                    latencies.take();
                    Thread.sleep(300);
                    runs.clear();
                    latencies.clear();
                }
                Thread.sleep(2_000);
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                Thread.sleep(idleSeconds * 1_000L);
                idleCpuPercent = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);
                idleRuns = runs.size();
                reader.close();
            }
        }
        write(out, repo, index, measured, idleSeconds, idleCpuPercent, idleRuns);
    }

    /** Whether the chunk holding {@code line} of {@code path} has its vector: a similarity search seeded by it answers. */
    private static boolean embedded(Searcher s, String path, int line) throws Exception {
        try {
            s.similar(path, line, 1, Filters.none());
            return true;
        } catch (EngineException.InvalidRequest notYet) {
            return false;
        }
    }

    private static List<Path> pick(Path repo, int n) throws Exception {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(repo)) {
            all = walk.filter(p -> (p.toString().endsWith(".java") || p.toString().endsWith(".py")) && !repo.relativize(p).toString().contains("/.")
                    && Files.isRegularFile(p)).sorted().toList();
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no .java or .py file under " + repo);
        }
        List<Path> picked = new ArrayList<>(all);
        java.util.Collections.shuffle(picked, new Random(19));
        return picked.subList(0, Math.min(n, picked.size()));
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i < 0 ? fallback : args.get(i + 1);
    }

    private static long percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * (sorted.size() - 1) + 0.5)));
    }

    private static void write(Path out, Path repo, Path index, List<Save> saves, int idleSeconds, double idleCpu, long idleRuns) throws Exception {
        StringBuilder csv = new StringBuilder("path,keyword_ms,semantic_ms,run_ms,watch_latency_ms\n");
        saves.forEach(s -> csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d%n", s.path(), s.keywordMillis(), s.semanticMillis(), s.runMillis(),
                s.watchLatencyMillis())));
        Files.writeString(out.resolve("saves.csv"), csv);
        List<Long> kw = saves.stream().map(Save::keywordMillis).toList();
        List<Long> sem = saves.stream().map(Save::semanticMillis).toList();
        List<Long> run = saves.stream().map(Save::runMillis).toList();
        String md = String.format(Locale.ROOT, """
                # Save to searchable, engine-cli watch (issue 19)

                Repository %s, index %s; %d saves (a comment line with a new word appended to a real .java or .py file), each reverted
                and the revert indexed before the next. Polled every %d ms by a reader that reopens the index after a commit.

                | from the save to | p50 | p90 | max |
                |---|---|---|---|
                | keyword search finds the new word | %,d ms | %,d ms | %,d ms |
                | the changed chunk has its vector (semantic) | %,d ms | %,d ms | %,d ms |
                | (the index run alone) | %,d ms | %,d ms | %,d ms |

                Idle: %.2f %% of one core over %d s (process CPU time / wall time), %d runs.
                """, repo, index, saves.size(), POLL_MILLIS, percentile(kw, 0.5), percentile(kw, 0.9), percentile(kw, 1), percentile(sem, 0.5),
                percentile(sem, 0.9), percentile(sem, 1), percentile(run, 0.5), percentile(run, 0.9), percentile(run, 1), idleCpu, idleSeconds, idleRuns);
        Files.writeString(out.resolve("watch.md"), md);
        System.out.print(md);
    }
}
