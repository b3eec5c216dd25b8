package dev.mvs.bench.e2e;

import dev.mvs.engine.embed.BorrowedEmbedder;
import dev.mvs.engine.Engine;
import dev.mvs.bench.CorpusFiles;
import dev.mvs.bench.SearchBenchmark;
import dev.mvs.engine.chunk.Chunker;
import dev.mvs.engine.embed.Embedder;
import dev.mvs.engine.embed.Embedders;
import dev.mvs.engine.embed.HashEmbedder;
import dev.mvs.engine.embed.EmbeddingModel;
import dev.mvs.engine.embed.OnnxEmbedder;
import dev.mvs.engine.index.EmbedderSpec;
import dev.mvs.engine.store.FileTrees;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.index.IndexOptions;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.ffi.NativeRuntime;

import com.google.gson.Gson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One measured stage in its own process, so peak RSS and thread counts belong to that engine and
 * stage alone. {@link EndToEnd} starts it; the last stdout line is "RESULT " + a JSON object.
 * <pre>
 * phase1  CORPUS INDEX_DIR CHUNKER         phase 1 of a fresh index (no model)
 * embed   SAMPLE_DIR INDEX_DIR             phase 2 with the real model vs the raw model on the same texts
 * prepare CORPUS INDEX_DIR CHUNKER MODEL TOKENS  an incremental `index` run: builds the embedded index once
 * export  INDEX_DIR OUT_DIR QUERIES TOKENS       its vectors, generated queries embedded by its model, exact top 10
 * reindex CORPUS INDEX_DIR CHUNKER FILE TOKENS   no-change run, then one-file edit and its revert, model warm
 * vectors ENGINE DATA_DIR STORE_DIR        ingest, index build, latency/recall sweep of one engine
 * model-index CORPUS INDEX MODEL EMBED ORDER TOKENS CHUNKER QUESTIONS...  one model configuration (ModelMatrix, ChunkerTable)
 * model-compare INDEX_FP32 INDEX_INT8      int8 vectors against fp32 ones
 * </pre>
 */
public final class Stage {

    static final int K = 10;

    private Stage() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Map<String, Object> out = new LinkedHashMap<>();
        int threads = Runtime.getRuntime().availableProcessors();
        switch (args[0]) {
            case "phase1" -> phase1(Path.of(args[1]), Path.of(args[2]), args[3], threads, out);
            case "embed" -> embed(Path.of(args[1]), Path.of(args[2]), threads, out);
            case "prepare" -> prepare(Path.of(args[1]), Path.of(args[2]), args[3], args[4], Integer.parseInt(args[5]), threads, out);
            case "export" -> export(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), threads, out);
            case "reindex" -> reindex(Path.of(args[1]), Path.of(args[2]), args[3], args[4], Integer.parseInt(args[5]), threads, out);
            case "vectors" -> vectors(args[1], Path.of(args[2]), Path.of(args[3]), threads, out);
            case "replicate" -> replicate(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), threads, out);
            case "model-index" -> ModelStage.index(args, threads, out);
            case "model-compare" -> ModelStage.compare(args, threads, out);
            default -> throw new IllegalArgumentException("unknown stage " + args[0]);
        }
        System.out.println("RESULT " + new Gson().toJson(out));
    }

    private static void phase1(Path corpus, Path index, String chunker, int threads, Map<String, Object> out) throws Exception {
        FileTrees.delete(index);
        try (Engine engine = Engine.start(threads)) {
            IndexReport r = index(engine, corpus, index, chunker, IndexOptions.of(hashSpec()).withPhase1Only(true));
            out.put("files", r.files());
            out.put("chunks", r.chunks());
            out.put("wall_ms", r.millis());
            out.put("files_per_s", r.files() * 1000.0 / r.millis());
            out.put("chunks_per_s", r.chunks() * 1000.0 / r.millis());
            out.put("bytes_read", r.sync().bytesRead());
            long fellBack = r.sync().fallbacks().values().stream().mapToLong(Long::longValue).sum();
            out.put("files_by_line_windows", chunker.equals("lines") ? r.files() : fellBack);
            r.sync().fallbacks().forEach((reason, n) -> out.put("fallback_" + reason, n));
            out.put("disk_mib", FileTrees.bytes(index) / 1048576.0);
            out.putAll(ProcessStats.now());
        }
    }

    private static void embed(Path sample, Path index, int threads, Map<String, Object> out) throws Exception {
        FileTrees.delete(index);
        try (Engine engine = Engine.start(threads)) {
            NativeRuntime runtime = engine.runtime();
            long t0 = System.nanoTime();
            try (OnnxEmbedder model = OnnxEmbedder.load(runtime, Engine.DEFAULT_MODEL, OnnxEmbedder.Options.defaults().withThreads(threads))) {
                out.put("model_load_ms", (System.nanoTime() - t0) / 1e6);
                EmbedderSpec warm = new EmbedderSpec(model.modelId(), model.dimension(), OnnxEmbedder.DEFAULT_MAX_TOKENS,
                        () -> new BorrowedEmbedder(model));
                IndexReport r = index(engine, sample, index, "lines", IndexOptions.of(warm));
                List<String> texts = CorpusFiles.uniqueTexts(runtime, new IndexLayout(index));
                // The raw model once right after the pipeline and once more, so a drift of the machine's speed over the stage
                // does not show up as pipeline overhead (or gain) of either sign.
                double raw = (rawRate(model, texts) + rawRate(model, texts)) / 2;
                double pipeline = r.phase2().embedded() * 1000.0 / r.phase2().millis();
                out.put("embedded", r.phase2().embedded());
                out.put("pipeline_embeddings_per_s", pipeline);
                out.put("raw_embeddings_per_s", raw);
                out.put("pipeline_overhead_pct", (raw / pipeline - 1) * 100);
                out.putAll(ProcessStats.now());
            }
        }
    }

    private static double rawRate(Embedder model, List<String> texts) {
        long t0 = System.nanoTime();
        for (int i = 0; i < texts.size(); i += 512) {
            model.embed(texts.subList(i, Math.min(texts.size(), i + 512)));
        }
        return texts.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static void prepare(Path corpus, Path index, String chunker, String model, int maxTokens, int threads, Map<String, Object> out)
            throws Exception {
        try (Engine engine = Engine.start(threads)) {
            NativeRuntime runtime = engine.runtime();
            EmbedderSpec spec = switch (model) {
                case "hash" -> hashSpec();
                default -> {
                    EmbeddingModel m = Engine.model(model);
                    yield new EmbedderSpec(m.id(), m.dimension(), maxTokens, () -> model(runtime, m.id(), m.dimension(), maxTokens, threads));
                }
            };
            IndexReport r = index(engine, corpus, index, chunker, IndexOptions.of(spec));
            out.put("chunks", r.chunks());
            out.put("vectors", r.vectors());
            out.put("embedded_this_run", r.phase2().embedded());
            out.put("wall_ms", r.millis());
        }
    }

    private static void export(Path index, Path dir, int queries, int maxTokens, int threads, Map<String, Object> out) throws Exception {
        Files.createDirectories(dir);
        IndexLayout layout = new IndexLayout(index);
        EngineState state = EngineState.read(layout).orElseThrow(() -> new IOException("no index at " + index));
        int exported;
        try (Engine engine = Engine.start(threads)) {
            NativeRuntime runtime = engine.runtime();
            StoredVectors stored = StoredVectors.read(runtime, index);
            exported = stored.vectors().size();
            VectorFile.write(dir.resolve("vectors.bin"), state.dimension(), stored.vectors());
            Payload.write(dir.resolve("payload.bin"), stored.chunkIds(), stored.paths());
            List<String> texts = SearchBenchmark.generatedQueries(runtime, index, queries);
            List<float[]> embedded = new ArrayList<>();
            try (Embedder model = model(runtime, state.modelId(), state.dimension(), maxTokens, threads)) {
                for (String text : texts) {
                    embedded.add(model.embedQuery(text)); // as a search embeds it (a model's query prefix)
                }
            }
            VectorFile.write(dir.resolve("queries.bin"), state.dimension(), embedded);
            Files.write(dir.resolve("queries.txt"), texts, StandardCharsets.UTF_8);
        }
        long t0 = System.nanoTime();
        int[][] truth = writeTruth(dir, threads);
        out.put("vectors", exported);
        out.put("dimension", state.dimension());
        out.put("model", state.modelId());
        out.put("queries", truth.length);
        out.put("ground_truth_ms", (System.nanoTime() - t0) / 1e6);
    }

    private static void reindex(Path corpus, Path index, String chunker, String file, int maxTokens, int threads, Map<String, Object> out)
            throws Exception {
        IndexLayout layout = new IndexLayout(index);
        EngineState state = EngineState.read(layout).orElseThrow(() -> new IOException("no index at " + index));
        Path edited = corpus.resolve(file);
        String original = Files.readString(edited, StandardCharsets.UTF_8);
        try (Engine engine = Engine.start(threads);
             Embedder model = model(engine.runtime(), state.modelId(), state.dimension(), maxTokens, threads)) {
            NativeRuntime runtime = engine.runtime();
            int truncation = state.modelId().equals(HashEmbedder.MODEL_ID) ? 0 : maxTokens;
            EmbedderSpec warm = new EmbedderSpec(state.modelId(), state.dimension(), truncation, () -> new BorrowedEmbedder(model));
            model.embed(List.of("warm up the model"));
            Thread.sleep(2_500); // past the racily-clean window of the previous run
            IndexReport cold = index(engine, corpus, index, chunker, IndexOptions.of(warm)); // first in the process, as a CLI run is
            IndexReport noop = index(engine, corpus, index, chunker, IndexOptions.of(warm));
            try {
                Files.writeString(edited, original + "\n// edited by the benchmark " + System.nanoTime() + "\n", StandardCharsets.UTF_8);
                IndexReport edit = index(engine, corpus, index, chunker, IndexOptions.of(warm));
                out.put("no_change_first_in_process_ms", cold.millis());
                out.put("no_change_ms", noop.millis());
                out.put("one_file_edit_ms", edit.millis());
                out.put("one_file_edit_chunks_embedded", edit.phase2().embedded());
                out.put("one_file_edit_model_ms", edit.phase2().modelMillis());
            } finally {
                Files.writeString(edited, original, StandardCharsets.UTF_8);
            }
            Thread.sleep(2_500);
            IndexReport revert = index(engine, corpus, index, chunker, IndexOptions.of(warm));
            out.put("revert_ms", revert.millis());
            out.put("chunks", revert.chunks());
            out.putAll(ProcessStats.now());
        }
    }

    private static void vectors(String engine, Path data, Path store, int threads, Map<String, Object> out) throws Exception {
        FileTrees.delete(store);
        VectorFile vectors = VectorFile.read(data.resolve("vectors.bin"));
        VectorFile queries = VectorFile.read(data.resolve("queries.bin"));
        int[][] truth = readTruth(data.resolve("truth.txt"));
        Payload payload = Payload.read(data.resolve("payload.bin"));
        try (VectorStore s = VectorStore.open(engine, threads)) {
            long t0 = System.nanoTime();
            s.ingest(store, vectors, payload);
            double ingestMs = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            s.buildIndex();
            double buildMs = (System.nanoTime() - t1) / 1e6;
            out.put("rows", vectors.rows());
            out.put("ingest_ms", ingestMs);
            out.put("ingest_rows_per_s", vectors.rows() * 1000.0 / ingestMs);
            out.put("index_build_ms", buildMs);
            out.put("ingest_and_build_ms", ingestMs + buildMs); // Lucene builds its graphs while ingesting: compare the sum
            out.put("disk_mib", FileTrees.bytes(store) / 1048576.0);
            List<Map<String, Object>> curve = new ArrayList<>();
            List<SearchSetting> settings = s.settings(vectors.rows(), vectors.dimension());
            SearchSetting defaultSetting = s.defaultSetting(vectors.rows(), vectors.dimension());
            for (SearchSetting setting : settings) { // page the index in and let the JIT compile every path before timing
                for (int warm = 0; warm < Math.min(20, queries.rows()); warm++) {
                    s.search(queries.get(warm), K, setting);
                }
            }
            for (SearchSetting setting : settings) {
                long[] nanos = new long[queries.rows()];
                double recall = 0;
                double recallTies = 0;
                for (int q = 0; q < queries.rows(); q++) {
                    float[] query = queries.get(q);
                    long q0 = System.nanoTime();
                    int[] found = s.search(query, K, setting);
                    nanos[q] = System.nanoTime() - q0;
                    double plain = GroundTruth.recall(found, truth[q]);
                    double ties = GroundTruth.tieAwareRecall(found, truth[q], vectors, query);
                    if (ties < plain) {
                        throw new IllegalStateException("tie-aware recall " + ties + " below plain recall " + plain + " for query " + q);
                    }
                    recall += plain;
                    recallTies += ties;
                }
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("setting", setting.label());
                point.put("default", setting.equals(defaultSetting));
                point.put("p50_ms", percentile(nanos, 50));
                point.put("p99_ms", percentile(nanos, 99));
                point.put("recall_at_10", recall / queries.rows());
                point.put("recall_at_10_ties", recallTies / queries.rows());
                curve.add(point);
            }
            out.put("curve", curve);
            out.putAll(ProcessStats.now());
        }
    }

    /**
     * A larger vector set from an exported one: {@code factor} copies of every row, the first the row itself, the
     * others the row plus Gaussian noise of norm about {@link #REPLICA_NOISE}, renormalised (the model's vectors
     * are unit vectors); the same queries, and their exact top 10 recomputed over the whole set.
     */
    private static void replicate(Path from, Path to, int factor, int threads, Map<String, Object> out) throws Exception {
        Files.createDirectories(to);
        VectorFile base = VectorFile.read(from.resolve("vectors.bin"));
        Payload payload = Payload.read(from.resolve("payload.bin"));
        Random random = new Random(18);
        double sigma = REPLICA_NOISE / Math.sqrt(base.dimension());
        List<float[]> rows = new ArrayList<>(base.rows() * factor);
        List<String> ids = new ArrayList<>(base.rows() * factor);
        List<String> paths = new ArrayList<>(base.rows() * factor);
        for (int copy = 0; copy < factor; copy++) {
            for (int r = 0; r < base.rows(); r++) {
                float[] v = base.get(r);
                if (copy > 0) {
                    double norm = 0;
                    for (int d = 0; d < v.length; d++) {
                        v[d] += (float) (random.nextGaussian() * sigma);
                        norm += v[d] * v[d];
                    }
                    float scale = (float) (1 / Math.sqrt(norm));
                    for (int d = 0; d < v.length; d++) {
                        v[d] *= scale;
                    }
                }
                rows.add(v);
                ids.add(copy == 0 ? payload.chunkIds().get(r) : payload.chunkIds().get(r) + "#" + copy);
                paths.add(payload.paths().get(r));
            }
        }
        VectorFile.write(to.resolve("vectors.bin"), base.dimension(), rows);
        rows = null; // the written file is what the truth and the engines read
        Payload.write(to.resolve("payload.bin"), ids, paths);
        Files.copy(from.resolve("queries.bin"), to.resolve("queries.bin"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(from.resolve("queries.txt"), to.resolve("queries.txt"), StandardCopyOption.REPLACE_EXISTING);
        long t0 = System.nanoTime();
        writeTruth(to, threads);
        out.put("vectors", (long) base.rows() * factor);
        out.put("factor", factor);
        out.put("noise_norm", REPLICA_NOISE);
        out.put("ground_truth_ms", (System.nanoTime() - t0) / 1e6);
    }

    /** Norm of the noise added to each replica: a copy is about as far from its row as near neighbours are from each other. */
    static final double REPLICA_NOISE = 0.3;

    /** The exact top K of every query in {@code dir} (queries.bin) over its vectors.bin, by brute force, written as truth.txt. */
    private static int[][] writeTruth(Path dir, int threads) throws Exception {
        int[][] truth = GroundTruth.exact(VectorFile.read(dir.resolve("vectors.bin")), VectorFile.read(dir.resolve("queries.bin")), K, threads);
        List<String> lines = new ArrayList<>();
        for (int[] row : truth) {
            lines.add(String.join(" ", Arrays.stream(row).mapToObj(Integer::toString).toList()));
        }
        Files.write(dir.resolve("truth.txt"), lines, StandardCharsets.UTF_8);
        return truth;
    }

    private static int[][] readTruth(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(l -> Arrays.stream(l.split(" ")).mapToInt(Integer::parseInt).toArray()).toArray(int[][]::new);
    }

    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static IndexReport index(Engine engine, Path corpus, Path index, String chunker, IndexOptions options) throws Exception {
        Discovery discovery = new Discovery(DiscoveryOptions.defaults(corpus).withIndexDir(index));
        Chunker c = Engine.chunker(chunker);
        IndexProgress log = new IndexProgress() {
            @Override
            public void message(String text) {
                System.err.println("  " + text);
            }
        };
        return engine.indexer(discovery, c, log).run(corpus, new IndexLayout(index), options);
    }

    /** The index's model, truncating at {@code maxTokens} as the index was built (the real model only). */
    private static Embedder model(NativeRuntime runtime, String modelId, int dimension, int maxTokens, int threads) throws IOException {
        return Embedders.load(runtime, modelId, dimension, maxTokens, threads);
    }

    private static EmbedderSpec hashSpec() {
        return new EmbedderSpec(HashEmbedder.MODEL_ID, 384, () -> new HashEmbedder(384));
    }

}
