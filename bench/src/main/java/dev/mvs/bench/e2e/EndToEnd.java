package dev.mvs.bench.e2e;

import dev.mvs.engine.Engine;

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

/**
 * The end-to-end benchmark (bench/run.sh): real corpora indexed by mvs-engine, then the same
 * vectors stored and searched by mvs-engine, the official Lance Java binding and Lucene's HNSW;
 * every figure repeated in fresh processes; results.json, results.md and PNG plots written.
 * <pre>
 * EndToEnd [--quick] [--model NAME|hash] [--repeats N] [--work DIR] [--out DIR] [--python-stdlib DIR] [--queries N]
 * </pre>
 * The full run embeds the JDK + Python standard library (220k declarations) with the real model once
 * (hours on 2 cores; kept in the work directory and reused) — or, with --model hash, with the
 * word-hashing embedder in seconds (vectors from the real text, but not a model's); --quick uses
 * java.util.concurrent and two Python packages with the hash embedder, so it finishes in minutes.
 */
public final class EndToEnd {

    /** The chunkers phase 1 is measured with: line windows and declarations (the default). */
    static final List<String> CHUNKERS = List.of("lines", "syntax");

    private EndToEnd() {}

    private record Plan(String mode, List<String> phase1Corpora, String sampleZipPrefix, String vectorCorpus, String chunker, String model,
                        int maxTokens, String editedFile, int queries) {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        boolean quick = false;
        int repeats = 3;
        Path work = Path.of(System.getProperty("user.home"), ".cache", "mvs-engine", "bench");
        Path out = null;
        Path python = null;
        Integer queries = null;
        String model = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--python-stdlib" -> python = Path.of(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--model" -> model = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: [--quick] [--model NAME|hash] [--repeats N] [--work DIR] [--out DIR] [--python-stdlib DIR] [--queries N])");
            }
        }
        if (model == null) {
            model = quick ? "hash" : Engine.DEFAULT_MODEL.id();
        }
        if (!Engine.modelNames().contains(model)) {
            throw new IllegalArgumentException("--model must be one of " + Engine.modelNames() + ", got " + model);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1");
        }
        String nativeLib = System.getProperty("mvs.native.path");
        if (nativeLib == null) {
            throw new IllegalStateException("set -Dmvs.native.path to libmvs_native.so (bench/run.sh does)");
        }
        Path srcZip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        Corpora corpora = new Corpora(work, srcZip, python);
        Plan plan = quick
                ? new Plan("quick", List.of("quick"), "java.base/java/util/concurrent/atomic/", "quick", "lines", model, 256,
                        "jdk/java.base/java/util/concurrent/ConcurrentHashMap.java", queries == null ? 50 : queries)
                : new Plan("full", corpora.hasPython() ? List.of("jdk", "python") : List.of("jdk"), "java.base/java/util/concurrent/locks/",
                        "jdk-python", "syntax", model, 128, "jdk/java.base/java/util/ArrayList.java", queries == null ? 200 : queries);
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        if (out == null) {
            out = quick ? Path.of("bench", "target", "results-quick") : Path.of("bench", "results", date + (model.equals("hash") ? "-hash-vectors" : ""));
        }
        Files.createDirectories(out);
        Files.createDirectories(work);
        long started = System.nanoTime();

        ChildStage child = new ChildStage(Path.of(nativeLib).toAbsolutePath());
        Results results = new Results();
        Map<String, Object> once = new LinkedHashMap<>();

        // 1. mvs-engine phase 1 of each corpus, fresh index each time, with each chunker (their order alternating
        // between repeats, so a drift of the machine's speed does not favour one).
        for (int r = 0; r < repeats; r++) {
            for (String name : plan.phase1Corpora()) {
                Path corpus = corpus(corpora, name);
                for (String chunker : r % 2 == 0 ? CHUNKERS : CHUNKERS.reversed()) {
                    results.add("phase1/" + name + "/" + chunker, child.run("phase1", corpus.toString(), work.resolve("phase1-" + name).toString(), chunker));
                }
            }
        }
        // 2. Embeddings/s of the real model, through the pipeline and raw.
        Path sample = corpora.embeddingSample(plan.sampleZipPrefix());
        for (int r = 0; r < repeats; r++) {
            results.add("embed", child.run("embed", sample.toString(), work.resolve("embed-index").toString()));
        }
        // 3. The embedded index the vectors come from (built once; later runs only check it is complete).
        Path vectorCorpus = corpus(corpora, plan.vectorCorpus());
        Path vectorIndex = work.resolve(plan.vectorCorpus() + "-" + plan.model() + "-index");
        once.put("prepare", child.run("prepare", vectorCorpus.toString(), vectorIndex.toString(), plan.chunker(), plan.model(),
                Integer.toString(plan.maxTokens())));
        Path data = work.resolve("vectors-" + plan.vectorCorpus() + "-" + plan.model());
        once.put("export", child.run("export", vectorIndex.toString(), data.toString(), Integer.toString(plan.queries()),
                Integer.toString(plan.maxTokens())));
        // 4. Incremental reindex of that index, model warm.
        for (int r = 0; r < repeats; r++) {
            results.add("reindex", child.run("reindex", vectorCorpus.toString(), vectorIndex.toString(), plan.chunker(), plan.editedFile(),
                    Integer.toString(plan.maxTokens())));
        }
        // 4b. CLI start-up on that index: the launcher `engine-cli install` writes (AOT cache, quick-command JIT
        // settings) against the same jar run as `java -jar`, interleaved within each repeat.
        Path cliJar = Path.of("cli", "target", "engine-cli.jar").toAbsolutePath();
        Path installed = work.resolve("startup");
        once.put("startup_install", install(cliJar, installed));
        for (int r = 0; r < repeats; r++) {
            results.add("startup/installed", StartupTimes.measure(List.of(installed.resolve("bin/engine-cli").toString()), vectorIndex));
            results.add("startup/java-jar", StartupTimes.measure(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    installed.resolve("lib/engine-cli.jar").toString()), vectorIndex));
        }
        // 5. The same vectors in each engine; engines interleaved within each repeat.
        for (int r = 0; r < repeats; r++) {
            for (String engine : VectorStore.ENGINES) {
                results.add("vectors/" + engine, child.run("vectors", engine, data.toString(), work.resolve("store-" + engine).toString()));
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;

        Map<String, Object> header = new LinkedHashMap<>();
        header.put("date", date);
        header.put("mode", plan.mode());
        header.put("vector_corpus", plan.vectorCorpus());
        header.put("command", "./bench/run.sh" + (quick ? " --quick" : "") + (model.equals(quick ? "hash" : Engine.DEFAULT_MODEL.id()) ? "" : " --model " + model));
        header.put("repeats", repeats);
        header.put("machine", machine());
        header.put("versions", "mvs-engine (lance 14.0.2 through FFM), org.lance:lance-core 7.0.0 (JNI), lucene-core 10.3.2");
        header.put("vectors", vectorsLine(plan, once));
        header.put("embedding_sample", "src.zip " + plan.sampleZipPrefix() + ", " + num(results.spread("embed", "embedded").median()) + " chunks");
        header.put("reindex", String.format(Locale.ROOT, "%s, %s chunks, edit of %s", plan.vectorCorpus(),
                num(results.spread("reindex", "chunks").median()), plan.editedFile()));
        header.put("startup", String.format(Locale.ROOT, "the %s index, median of %d processes per figure and repeat, one query each; "
                + "installed = `engine-cli install` (AOT cache, C1 only for quick commands)", plan.vectorCorpus(), StartupTimes.RUNS));
        header.put("minutes", minutes);

        Report report = new Report(results, VectorStore.ENGINES);
        List<String> plots = Plots.write(results, VectorStore.ENGINES, out, plan.vectorCorpus() + ", " + plan.mode());
        String md = report.markdown(header, plots) + String.format(Locale.ROOT, "%nWhole run: %.1f min.%n", minutes);
        Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);

        Map<String, Object> json = new LinkedHashMap<>(header);
        json.put("once", once);
        json.put("summary", results.summary());
        Map<String, Object> curves = new LinkedHashMap<>();
        for (String e : VectorStore.ENGINES) {
            curves.put(e, results.curve(e));
        }
        json.put("curves", curves);
        json.put("ratios", report.ratiosJson());
        json.put("runs", results.runs());
        Files.writeString(out.resolve("results.json"), new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(json),
                StandardCharsets.UTF_8);
        System.out.print(md);
        System.err.printf(Locale.ROOT, "bench: wrote %s (results.md, results.json, %s) in %.1f min%n", out, String.join(", ", plots), minutes);
    }

    /** {@code engine-cli install} of the jar under test into {@code dir} (bin/, lib/); returns how long it took. */
    private static Map<String, Object> install(Path jar, Path dir) throws IOException, InterruptedException {
        System.err.println("bench: engine-cli install into " + dir);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-jar", jar.toString(), "install",
                dir.resolve("bin").toString(), "--lib", dir.resolve("lib").toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IOException("engine-cli install failed: " + String.join(" ", command));
        }
        return Map.of("install_with_aot_cache_ms", (System.nanoTime() - t0) / 1e6);
    }

    private static Path corpus(Corpora corpora, String name) throws IOException {
        return switch (name) {
            case "jdk" -> corpora.jdk();
            case "python" -> corpora.python();
            case "jdk-python" -> corpora.jdkAndPython();
            case "quick" -> corpora.quick();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String vectorsLine(Plan plan, Map<String, Object> once) {
        @SuppressWarnings("unchecked")
        Map<String, Object> export = (Map<String, Object>) once.get("export");
        return String.format(Locale.ROOT, "%s vectors of %s dimensions, stored with their chunk id and path (searches return all three): every chunk of the `%s` corpus (%s chunker) embedded by `%s`%s; "
                        + "%s queries (class names of the corpus split into words, embedded by the same model); k = 10; recall against exact "
                        + "brute-force neighbours; mvs-engine builds its IVF_RQ, the Lance binding IVF_PQ with mvs-engine's partitions and sub-vectors.",
                num(((Number) export.get("vectors")).doubleValue()), num(((Number) export.get("dimension")).doubleValue()), plan.vectorCorpus(),
                plan.chunker(), export.get("model"), !plan.model().equals("hash") ? " (max " + plan.maxTokens() + " tokens)"
                        : " (the word-hashing embedder, not a language model: these vectors come from the real text, so they exercise the "
                        + "engines realistically, but recall here describes the ANN indexes, not search quality)",
                num(((Number) export.get("queries")).doubleValue()));
    }

    static String machine() {
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // unknown memory is shown as 0
        }
        List<String> parts = new ArrayList<>();
        parts.add(Runtime.getRuntime().availableProcessors() + " cores");
        parts.add(String.format(Locale.ROOT, "%.1f GiB", memKb / 1048576.0));
        parts.add(System.getProperty("os.name") + " " + System.getProperty("os.version"));
        parts.add("JDK " + System.getProperty("java.version"));
        return String.join(", ", parts);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.1f", v);
    }
}
