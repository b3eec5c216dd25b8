package dev.mvs.bench.limit;

import dev.mvs.bench.ReadingOrderEmbedder;
import dev.mvs.engine.Engine;
import dev.mvs.engine.embed.Embedder;
import dev.mvs.engine.embed.EmbeddingModel;
import dev.mvs.engine.embed.OnnxEmbedder;
import dev.mvs.engine.embed.PreparedBatch;
import dev.mvs.engine.index.EmbeddedText;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.store.RowValues;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Phase 2 as a fraction of this machine's limit (issue 16): the sustained GEMM rates of the kernels the
 * models run on ({@link GemmRate}), the matrix work each configuration of the model table did (its
 * batches rebuilt from its index: the same texts, windows and batching as the run), and the time that
 * work would take at those rates against the time the model took.
 *
 * <pre>PhaseTwoLimit MODEL_TABLE_RESULTS_JSON OUT_DIR</pre>
 */
public final class PhaseTwoLimit {

    /** Chunks the phase-2 reader resolves and hands to {@code prepare} at once (Phase2Embedder.RESOLVE_BATCH). */
    static final int WINDOW = 1_024;
    /** Texts run through each model with ONNX Runtime's profiler on. */
    static final int PROFILED = 512;
    private static final int REPEATS = 3;

    /** The three weight shapes of a BERT layer of width h: Q, K, V and output (h × h, four), FFN up and down. */
    private record Shape(String name, int k, int n, int perLayer) {}

    private PhaseTwoLimit() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Map<String, Object> table = new Gson().fromJson(Files.readString(Path.of(args[0])), new TypeToken<Map<String, Object>>() {}.getType());
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        int threads = Runtime.getRuntime().availableProcessors();
        int h = 384;
        List<Shape> shapes = List.of(new Shape("h x h (Q, K, V, output)", h, h, 4), new Shape("h x 4h (FFN up)", h, 4 * h, 1),
                new Shape("4h x h (FFN down)", 4 * h, h, 1));
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> gemm = new LinkedHashMap<>();
        Map<String, double[]> rates = new LinkedHashMap<>();
        for (boolean int8 : new boolean[] {false, true}) {
            double[] r = new double[shapes.size()];
            for (int i = 0; i < shapes.size(); i++) {
                Shape s = shapes.get(i);
                r[i] = GemmRate.measure(int8, s.k(), s.n(), threads, REPEATS);
                gemm.put((int8 ? "int8 " : "fp32 ") + s.name(), r[i]);
                System.err.printf("gemm %s [%d x %d] x [%d x %d]: %.1f GFLOP/s%n", int8 ? "int8" : "fp32", GemmRate.ROWS, s.k(), s.k(), s.n(), r[i]);
            }
            rates.put(int8 ? "int8" : "fp32", r);
        }
        json.put("date", java.time.LocalDate.now().toString());
        json.put("gemm_gflops", gemm);
        json.put("gemm_rows", GemmRate.ROWS);
        json.put("threads", threads);
        Map<String, Object> configs = new LinkedHashMap<>();
        try (Engine engine = Engine.start(threads)) {
            for (Map.Entry<String, Object> e : table.entrySet()) {
                Map<String, Object> run = (Map<String, Object>) e.getValue();
                if (!run.containsKey("model_ms")) {
                    continue; // the header, the int8-against-fp32 comparisons
                }
                Path index = Path.of((String) run.get("index"));
                boolean readingOrder = e.getKey().contains("reading order");
                configs.put(e.getKey(), workload(engine, index, readingOrder, ((Number) run.get("model_ms")).doubleValue(), shapes, rates));
                System.err.println(e.getKey() + ": " + configs.get(e.getKey()));
            }
        }
        json.put("configurations", configs);
        Map<String, Object> profiles = new LinkedHashMap<>();
        Path scratch = Files.createTempDirectory("mvs-ort-profile");
        try (Engine engine = Engine.start(threads)) {
            for (Map.Entry<String, Object> e : table.entrySet()) {
                Map<String, Object> run = (Map<String, Object>) e.getValue();
                if (run.containsKey("model_ms") && e.getKey().endsWith(" text")) {
                    profiles.put(e.getKey(), profile(engine, Path.of((String) run.get("index")), scratch));
                    System.err.println("profile " + e.getKey() + ": " + profiles.get(e.getKey()));
                }
            }
        }
        json.put("kernel_time_pct", profiles);
        json.put("profiled_texts", PROFILED);
        Files.writeString(out.resolve("limit.json"), new GsonBuilder().setPrettyPrinting().create().toJson(json), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("limit.md"), LimitTable.markdown(json, shapes.stream().map(Shape::name).toList()), StandardCharsets.UTF_8);
    }

    /** The matrix work of one configuration's run, and what fraction of the model's time the GEMM limit accounts for. */
    private static Map<String, Object> workload(Engine engine, Path index, boolean readingOrder, double modelMs, List<Shape> shapes,
                                                Map<String, double[]> rates) throws Exception {
        IndexLayout layout = new IndexLayout(index);
        EngineState state = EngineState.read(layout).orElseThrow();
        EmbeddingModel model = Engine.model(state.modelId());
        EmbeddedText input = EmbeddedText.byId(state.embeddedOrDefault());
        int layers = model.layers();
        int h = model.dimension();
        double[] r = rates.get(model.quantized() ? "int8" : "fp32");
        // Seconds per token of the weight matmuls at the measured rates, and per (token × context token) of attention
        // (QK^T and AV: 4·h·layers FLOPs, fp32 in every model; at the fp32 h × h rate, which flatters small heads).
        double linearSecondsPerToken = 0;
        double linearFlopsPerToken = 0;
        for (int i = 0; i < shapes.size(); i++) {
            Shape s = shapes.get(i);
            double flops = 2.0 * s.k() * s.n() * s.perLayer() * layers;
            linearFlopsPerToken += flops;
            linearSecondsPerToken += flops / (r[i] * 1e9);
        }
        double attentionFlopsPerPair = 4.0 * h * layers;
        double attentionSecondsPerPair = attentionFlopsPerPair / (rates.get("fp32")[0] * 1e9);
        long padded = 0;
        long real = 0;
        long pairs = 0;
        long batches = 0;
        long prepareNanos = 0;
        try (OnnxEmbedder onnx = OnnxEmbedder.load(engine.runtime(), model,
                OnnxEmbedder.Options.defaults().withThreads(1).withMaxTokens(state.maxTokens()));
             Table chunks = Table.open(engine.runtime(), layout.generation(state.generation()).chunks())) {
            Embedder embedder = readingOrder ? new ReadingOrderEmbedder(onnx) : onnx;
            List<List<String>> windows = windows(chunks, input);
            for (List<String> w : windows) {
                long t0 = System.nanoTime();
                List<PreparedBatch> prepared = embedder.prepare(w);
                prepareNanos += System.nanoTime() - t0;
                for (PreparedBatch b : prepared) {
                    int longest = 0;
                    for (long[] ids : b.tokenIds()) {
                        longest = Math.max(longest, ids.length);
                        real += ids.length;
                    }
                    padded += (long) b.size() * longest;
                    pairs += (long) b.size() * longest * longest;
                    batches++;
                }
            }
        }
        double gflop = (padded * linearFlopsPerToken + pairs * attentionFlopsPerPair) / 1e9;
        double limitMs = (padded * linearSecondsPerToken + pairs * attentionSecondsPerPair) * 1e3;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model.id());
        o.put("batches", batches);
        o.put("tokens", real);
        o.put("padded_tokens", padded);
        o.put("gflop", gflop);
        o.put("model_ms", modelMs);
        o.put("achieved_gflops", gflop / (modelMs / 1e3));
        o.put("gemm_limit_ms", limitMs);
        o.put("fraction_of_limit", limitMs / modelMs);
        o.put("tokenize_ms", prepareNanos / 1e6);
        return o;
    }

    /** The texts phase 2 embedded, in the windows its reader hands to {@code prepare}: table order, each text once. */
    static List<List<String>> windows(Table chunks, EmbeddedText input) throws java.io.IOException {
        Set<String> seen = new HashSet<>();
        List<String> window = new ArrayList<>(WINDOW);
        List<List<String>> windows = new ArrayList<>();
        try (ArrowReader reader = chunks.scan(ScanRequest.all().withColumns(IndexSchemas.PATH, IndexSchemas.LANGUAGE, IndexSchemas.KIND,
                IndexSchemas.SYMBOL, IndexSchemas.CONTENT))) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    String text = input.of(text(root, IndexSchemas.PATH, i), text(root, IndexSchemas.LANGUAGE, i), text(root, IndexSchemas.KIND, i),
                            text(root, IndexSchemas.SYMBOL, i), text(root, IndexSchemas.CONTENT, i));
                    if (seen.add(text)) {
                        window.add(text);
                    }
                    if (window.size() == WINDOW) {
                        windows.add(List.copyOf(window));
                        window.clear();
                    }
                }
            }
        }
        if (!window.isEmpty()) {
            windows.add(List.copyOf(window));
        }
        return windows;
    }

    /** Per-operator share of the model's kernel time over the first {@link #PROFILED} texts of an index, in its batches. */
    private static Map<String, Object> profile(Engine engine, Path index, Path scratch) throws Exception {
        IndexLayout layout = new IndexLayout(index);
        EngineState state = EngineState.read(layout).orElseThrow();
        EmbeddingModel model = Engine.model(state.modelId());
        Map<String, Double> micros;
        try (Table chunks = Table.open(engine.runtime(), layout.generation(state.generation()).chunks());
             OnnxEmbedder onnx = OnnxEmbedder.load(engine.runtime(), model, OnnxEmbedder.Options.defaults()
                     .withMaxTokens(state.maxTokens()).withProfile(scratch.resolve(model.id())))) {
            List<String> texts = windows(chunks, EmbeddedText.byId(state.embeddedOrDefault())).getFirst();
            onnx.embed(texts.subList(0, Math.min(PROFILED, texts.size())));
            Path trace = onnx.endProfiling();
            micros = OpProfile.microsByOperator(trace);
            Files.delete(trace);
        }
        double total = micros.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Object> shares = new LinkedHashMap<>();
        micros.forEach((op, us) -> shares.put(op, 100 * us / total));
        return shares;
    }

    private static String text(VectorSchemaRoot root, String column, int row) {
        return RowValues.text((VarCharVector) root.getVector(column), row);
    }
}
