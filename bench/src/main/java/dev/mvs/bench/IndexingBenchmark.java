package dev.mvs.bench;

import dev.mvs.engine.Engine;
import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.embed.HashEmbedder;
import dev.mvs.engine.embed.BorrowedEmbedder;
import dev.mvs.engine.embed.EmbeddingModel;
import dev.mvs.engine.embed.OnnxEmbedder;
import dev.mvs.engine.index.EmbedderSpec;
import dev.mvs.engine.store.FileTrees;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.index.IndexOptions;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.ffi.NativeRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The indexing figures of issue 5, on the JDK's lib/src.zip (not a timed test; prints a Markdown
 * table for bench/RESULTS.md):
 * <ol>
 *   <li>phase 1 of the whole JDK (wall time, files, chunks, index size on disk);</li>
 *   <li>phase 2 with the real model on a subset (default java.base/java/util/concurrent/), against
 *       the raw model embedding the same texts in the same process (pipeline overhead);</li>
 *   <li>an incremental reindex of the whole JDK after a one-file edit, model warm (vectors of the
 *       whole JDK made by the fast hash embedder first, so the tables have their real size);</li>
 *   <li>peak RSS of the process (VmHWM).</li>
 * </ol>
 * Run: {@code java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar dev.mvs.bench.IndexingBenchmark [WORKDIR] [SUBSET]}
 */
public final class IndexingBenchmark {

    private IndexingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("mvs-indexing-bench");
        String subset = args.length > 1 ? args[1] : "java.base/java/util/concurrent/";
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        Path jdk = work.resolve("jdk");
        if (!Files.isDirectory(jdk)) {
            CorpusFiles.unzip(zip, jdk, "");
        }
        Path sub = work.resolve("subset");
        if (!Files.isDirectory(sub)) {
            CorpusFiles.unzip(zip, sub, subset);
        }
        List<String[]> rows = new ArrayList<>();
        int threads = Runtime.getRuntime().availableProcessors();
        try (Engine engine = Engine.start(threads)) {
            NativeRuntime runtime = engine.runtime();
            // 1. Phase 1 of the whole JDK.
            IndexLayout full = new IndexLayout(work.resolve("index-jdk"));
            FileTrees.delete(full.dir());
            EmbedderSpec hash = new EmbedderSpec("hash-v1", 384, () -> new HashEmbedder(384));
            IndexReport p1 = run(engine, jdk, full, IndexOptions.of(hash).withPhase1Only(true));
            rows.add(row("phase 1, whole JDK (" + fmt(p1.files()) + " files, " + fmt(p1.chunks()) + " chunks)",
                    String.format(Locale.ROOT, "%.1f s wall (walk+chunk+write %.1f s)", p1.millis() / 1e3, p1.sync().millis() / 1e3), "≤ 30 s"));
            rows.add(row("index size on disk after phase 1", mib(FileTrees.bytes(full.dir())), ""));

            // 2. Phase 2 with the real model on the subset, then the raw model on the same texts.
            try (OnnxEmbedder model = OnnxEmbedder.load(runtime, EmbeddingModel.MINILM, OnnxEmbedder.Options.defaults().withThreads(threads))) {
                EmbedderSpec warm = new EmbedderSpec(model.modelId(), model.dimension(), OnnxEmbedder.DEFAULT_MAX_TOKENS,
                        () -> new BorrowedEmbedder(model));
                IndexLayout small = new IndexLayout(work.resolve("index-subset"));
                FileTrees.delete(small.dir());
                IndexReport p2 = run(engine, sub, small, IndexOptions.of(warm));
                List<String> texts = CorpusFiles.uniqueTexts(runtime, small);
                long t0 = System.nanoTime();
                for (int i = 0; i < texts.size(); i += 32) {
                    model.embed(texts.subList(i, Math.min(texts.size(), i + 32)));
                }
                double rawSeconds = (System.nanoTime() - t0) / 1e9;
                double raw = texts.size() / rawSeconds;
                double pipeline = p2.phase2().embedded() * 1000.0 / p2.phase2().millis();
                rows.add(row("phase 2, " + subset + " (" + fmt(p2.phase2().embedded()) + " embedded, " + fmt(p2.phase2().reused())
                        + " reused)", String.format(Locale.ROOT, "%.1f embeddings/s through the pipeline", pipeline), ""));
                rows.add(row("raw model, the same " + fmt(texts.size()) + " unique texts, batches of 32",
                        String.format(Locale.ROOT, "%.1f embeddings/s", raw), ""));
                rows.add(row("pipeline overhead vs raw model", String.format(Locale.ROOT, "%.1f %%", (raw / pipeline - 1) * 100), "≤ 10 %"));

                // 3. Whole-JDK vectors by the hash embedder, then a one-file edit with the real model warm... the
                // index's model id must match its vectors, so the edit is reindexed with the hash embedder and
                // the real model's cost for the re-embedded chunks is added from the measured raw rate.
                IndexReport filled = run(engine, jdk, full, IndexOptions.of(hash));
                Thread.sleep(2_500); // past the racily-clean window of the last run
                IndexReport noop = run(engine, jdk, full, IndexOptions.of(hash));
                Path edited = jdk.resolve("java.base/java/util/ArrayList.java");
                Files.writeString(edited, Files.readString(edited) + "\n// edited by the benchmark\n");
                IndexReport inc = run(engine, jdk, full, IndexOptions.of(hash));
                rows.add(row("reindex with nothing changed, whole JDK (" + fmt(filled.vectors()) + " vectors)",
                        String.format(Locale.ROOT, "%,d ms", noop.millis()), ""));
                rows.add(row("reindex after a one-file edit, whole JDK (" + inc.sync().changedFiles() + " file read, "
                        + inc.phase2().embedded() + " chunks embedded)", String.format(Locale.ROOT, "%,d ms + %.0f ms of model time at the raw rate",
                        inc.millis(), inc.phase2().embedded() * 1000.0 / raw), "≤ 1 s"));
                rows.add(row("index size on disk, whole JDK with 384-d vectors", mib(FileTrees.bytes(full.dir())), ""));
            }
        }
        rows.add(row("peak RSS of the benchmark process (VmHWM)", peakRss(), ""));
        System.out.println("| figure | measured | goal |");
        System.out.println("|---|---|---|");
        for (String[] r : rows) {
            System.out.println("| " + r[0] + " | " + r[1] + " | " + r[2] + " |");
        }
    }

    private static IndexReport run(Engine engine, Path repo, IndexLayout layout, IndexOptions options) throws Exception {
        Discovery discovery = new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir()));
        IndexProgress log = new IndexProgress() {
            @Override
            public void message(String text) {
                System.err.println("bench: " + text);
            }
        };
        IndexReport r = engine.indexer(discovery, LineWindowChunker.defaults(), log).run(repo, layout, options);
        System.err.printf(Locale.ROOT, "bench: %s: %,d ms, %s%n", repo.getFileName(), r.millis(), r.phase2());
        return r;
    }

    private static String peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format(Locale.ROOT, "%,d MiB", kb / 1024);
            }
        }
        return "unknown";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", bytes / 1048576.0);
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String[] row(String a, String b, String c) {
        return new String[] {a, b, c};
    }
}
