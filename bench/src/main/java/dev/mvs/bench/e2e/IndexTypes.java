package dev.mvs.bench.e2e;

import dev.mvs.engine.Engine;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;

import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which vector index (issue 18): the same vectors in every Lance index type through mvs-engine (IVF_RQ, the
 * pipeline's; IVF_PQ, its index before; IVF_SQ; IVF_HNSW_SQ), the official Lance Java binding (IVF_PQ as
 * mvs-engine builds it: the binding's older IVF_RQ does not reach usable recall) and Lucene HNSW, at the JDK + Python + Go corpus's size (about 240k vectors) and at {@code --scale}
 * times it (each vector plus noisy copies: {@code Stage replicate}). Each engine and size runs in its own JVM
 * ({@code Stage vectors}), the engines interleaved within each repeat: build time, disk, and a sweep of search
 * settings with p50/p99 and recall@10 (plain and tie-aware) against the exact answer.
 *
 * <pre>java ... dev.mvs.bench.e2e.IndexTypes --python-stdlib DIR [--model hash] [--repeats 3] [--scale 4] [--large-repeats 1]
 *     [--engines a,b] [--large-engines a,b] [--out DIR] [--work DIR]</pre>
 */
public final class IndexTypes {

    /** The corpus copy (not the one bench/incremental.sh edits). */
    private static final String CORPUS = "jdk-python-go";

    /** The recall the issue asks of the default: the table reports the fastest setting of each engine reaching it. */
    static final double TARGET_RECALL = 0.95;

    private IndexTypes() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path work = Path.of(System.getProperty("user.home"), ".cache", "mvs-engine", "bench");
        Path out = null;
        Path python = null;
        Path givenIndex = null;
        String model = "hash";
        int repeats = 3;
        int largeRepeats = 1;
        int scale = 4;
        List<String> engines = new ArrayList<>(VectorStore.INDEX_TYPES);
        engines.addAll(VectorStore.ENGINES.subList(1, VectorStore.ENGINES.size()));
        List<String> largeEngines = VectorStore.INDEX_TYPES; // the index choice; the peers are compared at the base size
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--python-stdlib" -> python = Path.of(args[++i]);
                case "--model" -> model = args[++i];
                case "--index" -> givenIndex = Path.of(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--large-repeats" -> largeRepeats = Integer.parseInt(args[++i]);
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--engines" -> engines = List.of(args[++i].split(","));
                case "--large-engines" -> largeEngines = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (usage: --python-stdlib DIR [--model hash|NAME] "
                        + "[--repeats N] [--scale N (0: none)] [--large-repeats N] [--engines a,b] [--large-engines a,b] [--out DIR] [--work DIR] [--index DIR])");
            }
        }
        if (!Engine.modelNames().contains(model)) {
            throw new IllegalArgumentException("--model must be one of " + Engine.modelNames() + ", got " + model);
        }
        String nativeLib = System.getProperty("mvs.native.path");
        if (nativeLib == null) {
            throw new IllegalStateException("set -Dmvs.native.path to libmvs_native.so (bench/index-types.sh does)");
        }
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        if (out == null) {
            out = Path.of("bench", "results", date + "-index-types");
        }
        Files.createDirectories(out);
        Files.createDirectories(work);
        long started = System.nanoTime();
        Corpora corpora = new Corpora(work, Path.of(System.getProperty("java.home"), "lib", "src.zip"), python);
        ChildStage child = new ChildStage(Path.of(nativeLib).toAbsolutePath());

        // The vectors: the same index and export EndToEnd uses (reused when already there), then the scaled copy. An index
        // given with --index is taken as it is: embedding the corpus again with a real model takes most of an hour.
        Path index;
        Map<String, Object> prepare;
        if (givenIndex == null) {
            index = work.resolve(CORPUS + "-" + model + "-index");
            prepare = child.run("prepare", corpora.jdkPythonGo(CORPUS).toString(), index.toString(), "syntax", model, "128");
        } else {
            Path given = givenIndex;
            index = given;
            String indexModel = EngineState.read(new IndexLayout(given)).orElseThrow(() -> new IOException("no index at " + given)).modelId();
            if (!indexModel.equals(model)) {
                throw new IllegalArgumentException("--index " + index + " was embedded by " + indexModel + ", not --model " + model);
            }
            prepare = new LinkedHashMap<>(Map.of("index", index.toString(), "reused", true));
        }
        Path base = work.resolve("vectors-" + CORPUS + "-" + model + (givenIndex == null ? "" : "-given"));
        Map<String, Object> export = child.run("export", index.toString(), base.toString(), "200", "128");
        List<Size> sizes = new ArrayList<>(List.of(new Size("base", base, repeats, export, engines)));
        if (scale > 1) {
            Path large = work.resolve("vectors-" + CORPUS + "-" + model + "-x" + scale);
            Map<String, Object> replicated = child.run("replicate", base.toString(), large.toString(), Integer.toString(scale));
            sizes.add(new Size("x" + scale, large, largeRepeats, replicated, largeEngines));
        }

        Map<String, Object> json = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder();
        md.append("# Vector index types: ").append(date).append("\n\n`./bench/index-types.sh");
        md.append(model.equals("hash") ? "" : " --model " + model).append(scale == 4 ? "" : " --scale " + scale)
                .append(repeats == 3 ? "" : " --repeats " + repeats)
                .append(givenIndex == null ? "" : " --index " + givenIndex).append("` on ")
                .append(EndToEnd.machine()).append(". Vectors: the JDK's src.zip + the Python standard library + Go's sources, declaration chunks, model ")
                .append(model).append(model.equals("hash") ? " (word hashing: real text, not a trained model; recall says how good the ANN index is)" : "")
                .append(". 200 queries generated from class names, k 10, exact top 10 by brute force. Each engine and size in its own JVM, ")
                .append("the engines interleaved within each repeat; figures are medians over the repeats.\n\n");
        for (Size size : sizes) {
            Results results = new Results();
            for (int r = 0; r < size.repeats(); r++) {
                for (String engine : size.engines()) {
                    results.add("vectors/" + engine, child.run("vectors", engine, size.data().toString(), work.resolve("store-" + engine).toString()));
                    Files.writeString(out.resolve("results.json"), json(json, size, results, prepare), StandardCharsets.UTF_8); // resumable reading
                }
            }
            json.put(size.name(), sizeJson(size, results));
            md.append(table(size, results, size.engines()));
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        json.put("minutes", minutes);
        Files.writeString(out.resolve("results.json"), new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(json),
                StandardCharsets.UTF_8);
        md.append(String.format(Locale.ROOT, "%nWhole run: %.1f min.%n", minutes));
        Files.writeString(out.resolve("results.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
    }

    private record Size(String name, Path data, int repeats, Map<String, Object> made, List<String> engines) {}

    private static String json(Map<String, Object> done, Size size, Results partial, Map<String, Object> prepare) {
        Map<String, Object> all = new LinkedHashMap<>(done);
        all.put("prepare", prepare);
        all.put(size.name() + " (in progress)", partial.runs());
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(all);
    }

    private static Map<String, Object> sizeJson(Size size, Results results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", size.made());
        m.put("summary", results.summary());
        m.put("runs", results.runs());
        return m;
    }

    /** One size's table: build, disk, the default setting, and the fastest setting reaching {@link #TARGET_RECALL} (plain, tie-aware). */
    static String table(Size size, Results results, List<String> engines) {
        StringBuilder md = new StringBuilder();
        Object rows = size.made().get("vectors");
        md.append(String.format(Locale.ROOT, "## %s vectors%s (%d repeat%s)%n%n", num(((Number) rows).doubleValue()),
                size.name().equals("base") ? "" : ": every exported vector and " + (((Number) size.made().get("factor")).intValue() - 1)
                        + " copies with noise of norm " + size.made().get("noise_norm"), size.repeats(), size.repeats() == 1 ? "" : "s"));
        md.append("| engine | index | build s | disk MiB | default setting: p50 / p99 ms, recall@10 (tie-aware) | fastest at recall@10 ≥ ")
                .append(TARGET_RECALL).append(": p50 ms (setting) | fastest at tie-aware recall ≥ ").append(TARGET_RECALL)
                .append(" | best recall reached |\n|---|---|---|---|---|---|---|---|\n");
        for (String e : engines) {
            Results.CurvePoint d = results.defaultPoint(e);
            Optional<Results.CurvePoint> plain = results.fastestAtRecall(e, TARGET_RECALL);
            Optional<Results.CurvePoint> ties = results.curve(e).stream().filter(p -> p.recallTies() >= TARGET_RECALL)
                    .min((a, b) -> Double.compare(a.p50Ms(), b.p50Ms()));
            double best = results.curve(e).stream().mapToDouble(Results.CurvePoint::recall).max().orElse(0);
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.0f | %s: %.2f / %.2f, %.3f (%.3f) | %s | %s | %.3f |%n", e, indexOf(e),
                    results.spread("vectors/" + e, "index_build_ms").median() / 1000, results.spread("vectors/" + e, "disk_mib").median(),
                    d.setting(), d.p50Ms(), d.p99Ms(), d.recall(), d.recallTies(),
                    plain.map(p -> String.format(Locale.ROOT, "%.2f (%s)", p.p50Ms(), p.setting())).orElse("not reached"),
                    ties.map(p -> String.format(Locale.ROOT, "%.2f (%s)", p.p50Ms(), p.setting())).orElse("not reached"), best));
        }
        md.append("\n<details><summary>every setting</summary>\n\n| engine | setting | p50 ms | p99 ms | recall@10 | tie-aware |\n|---|---|---|---|---|---|\n");
        for (String e : engines) {
            for (Results.CurvePoint p : results.curve(e)) {
                md.append(String.format(Locale.ROOT, "| %s | %s%s | %.2f | %.2f | %.3f | %.3f |%n", e, p.setting(), p.isDefault() ? " (default)" : "",
                        p.p50Ms(), p.p99Ms(), p.recall(), p.recallTies()));
            }
        }
        return md.append("\n</details>\n\n").toString();
    }

    private static String indexOf(String engine) {
        return switch (engine) {
            case "mvs-engine" -> "IVF_RQ (default)";
            case "mvs-ivf-pq" -> "IVF_PQ (default before)";
            case "mvs-ivf-sq" -> "IVF_SQ";
            case "mvs-ivf-hnsw-sq" -> "IVF_HNSW_SQ, " + MvsVectorStore.HNSW_ROWS_PER_PARTITION + " rows per partition";
            case "lance-jni" -> "IVF_PQ (lance-core 7.0.0)";
            case "lucene-hnsw" -> "HNSW (lucene-core 10.3.2)";
            default -> engine;
        };
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
