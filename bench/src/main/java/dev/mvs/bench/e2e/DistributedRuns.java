package dev.mvs.bench.e2e;

import dev.mvs.bench.CorpusFiles;
import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.FileTrees;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.ffi.FragmentCommit;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.WrittenFragment;
import dev.mvs.spark.SparkDistributor;

import com.google.gson.GsonBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Issue 20's figures (bench/distributed.sh): phase 2 with its model work on Spark in local mode against the
 * single-machine pipeline, on the same sample of the JDK's sources with the same model (chunks embedded per second of
 * phase 2, median of repeats, each into a fresh index), and the coordinator's commit of 1, 100 and 1,000 fragments.
 */
public final class DistributedRuns {

    private DistributedRuns() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = Arrays.asList(args);
        int repeats = Integer.parseInt(option(rest, "--repeats", "3"));
        String master = option(rest, "--master", "local[2]");
        String model = option(rest, "--model", Engine.DEFAULT_MODEL.id());
        List<String> prefixes = List.of(option(rest, "--prefixes", "java.base/java/util/concurrent/,java.base/java/util/stream/").split(","));
        Path out = Path.of(option(rest, "--out", "bench/results/" + LocalDate.now() + "-distributed"));
        Path work = Files.createTempDirectory("mvs-distributed-");
        Files.createDirectories(out);
        Path repo = unpack(work.resolve("repo"), prefixes);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("command", "./bench/distributed.sh " + String.join(" ", args));
        results.put("model", model);
        results.put("master", master);
        results.put("sample", prefixes);
        IndexProgress quiet = new IndexProgress() {};
        List<Map<String, Object>> runs = new ArrayList<>();
        Path lastIndex = null;
        try (Engine engine = Engine.start(0);
             JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster(master).setAppName("mvs-bench distributed")
                     .set("spark.ui.enabled", "false"))) {
            for (int r = 0; r < repeats; r++) {
                for (String mode : List.of("single-machine", "spark " + master)) {
                    Path index = work.resolve("index-" + r + (mode.startsWith("spark") ? "-spark" : "-local"));
                    IndexRequest request = IndexRequest.of(repo, index).withModel(model);
                    long t0 = System.nanoTime();
                    IndexReport report = engine.index(request, quiet, mode.startsWith("spark") ? new SparkDistributor(spark) : null);
                    long wall = (System.nanoTime() - t0) / 1_000_000;
                    Map<String, Object> run = new LinkedHashMap<>();
                    run.put("repeat", r);
                    run.put("mode", mode);
                    run.put("chunks", report.chunks());
                    run.put("missing", report.phase2().missing());
                    // the distributed report counts every chunk of the job as embedded (texts repeated within a task are
                    // embedded once there, unreported): compare chunks given a vector per second, alike for both
                    run.put("embedded", report.phase2().embedded());
                    run.put("phase2_ms", report.phase2().millis());
                    run.put("chunks_per_s", report.phase2().missing() * 1000.0 / report.phase2().millis());
                    run.put("run_ms", wall);
                    runs.add(run);
                    System.err.printf(Locale.ROOT, "%s repeat %d: %,d chunks given a vector in %,d ms of phase 2 (%.1f chunks/s), run %,d ms%n",
                            mode, r, report.phase2().missing(), report.phase2().millis(), (double) run.get("chunks_per_s"), wall);
                    if (lastIndex != null) {
                        FileTrees.delete(lastIndex);
                    }
                    lastIndex = index;
                }
            }
            results.put("runs", runs);
            results.put("commits", commits(engine, lastIndex, work, repeats));
        }
        Files.writeString(out.resolve("results.json"), new GsonBuilder().setPrettyPrinting().create().toJson(results));
        System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(results));
        FileTrees.delete(work);
    }

    /** The coordinator's commit of N fragments of real rows (the index's own vectors), N = 1, 100, 1,000; each timed on a fresh table. */
    private static List<Map<String, Object>> commits(Engine engine, Path index, Path work, int repeats) throws Exception {
        IndexLayout layout = new IndexLayout(index);
        Path vectors = layout.generation(EngineState.read(layout).orElseThrow().generation()).vectors();
        List<Map<String, Object>> commits = new ArrayList<>();
        try (Table source = Table.open(engine.runtime(), vectors)) {
            for (int n : new int[] {1, 100, 1_000}) {
                for (int r = 0; r < repeats; r++) {
                    Path target = work.resolve("commit-" + n + "-" + r + ".lance");
                    try (Table table = Table.create(engine.runtime(), target, source.scan(ScanRequest.all().withLimit(1)))) {
                        List<WrittenFragment> fragments = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            fragments.addAll(table.writeFragments(source.scan(ScanRequest.all().withLimit(64))));
                        }
                        long t0 = System.nanoTime();
                        FragmentCommit commit = table.commitFragments(table.version(), fragments, "bench-" + n + "-" + r);
                        double ms = (System.nanoTime() - t0) / 1e6;
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("fragments", fragments.size());
                        c.put("rows", commit.rows());
                        c.put("repeat", r);
                        c.put("commit_ms", ms);
                        commits.add(c);
                        System.err.printf(Locale.ROOT, "commit of %,d fragments (%,d rows): %.1f ms%n", fragments.size(), commit.rows(), ms);
                    }
                    FileTrees.delete(target);
                }
            }
        }
        return commits;
    }

    private static Path unpack(Path repo, List<String> prefixes) throws Exception {
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        for (String prefix : prefixes) {
            CorpusFiles.unzip(zip, repo, prefix);
        }
        return repo;
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }
}
