package dev.mvs.engine.embed;

import dev.mvs.engine.error.EngineException;

import dev.mvs.ffi.FenceGuard;
import dev.mvs.ffi.NativeRuntime;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT-style sentence embedding model ({@link EmbeddingModel}) on ONNX Runtime, fully offline: the
 * model and tokenizer come from its jar on the class path. Texts are tokenized without padding and cut
 * into batches of similar length ({@link LengthBatching}), so the model computes little padding; the
 * token vectors are pooled as the model was trained ({@link Pooling}) and L2-normalised.
 *
 * <p>The model load maps the .onnx file and starts ONNX Runtime's threads; it runs under the native
 * fence's exclusive side so that no Lance file rewrite (delete, compaction, index build, cleanup)
 * overlaps it — the overlap that crashed the Python engine with SIGBUS.
 */
public final class OnnxEmbedder implements Embedder {

    public static final int DEFAULT_MAX_TOKENS = 256;
    /** Padded tokens per model call: large enough to keep the GEMMs efficient, small enough for the caches. */
    static final int TOKEN_BUDGET = 8_192;
    static final int MAX_BATCH_TEXTS = 128;

    private final EmbeddingModel model;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean typeIds;
    private final String output;
    private final LengthBatching batching = new LengthBatching(TOKEN_BUDGET, MAX_BATCH_TEXTS);

    private OnnxEmbedder(EmbeddingModel model, HuggingFaceTokenizer tokenizer, OrtEnvironment env, OrtSession session) throws OrtException {
        this.model = model;
        this.tokenizer = tokenizer;
        this.env = env;
        this.session = session;
        this.typeIds = session.getInputNames().contains("token_type_ids");
        this.output = lastHiddenState(session);
    }

    /** Loads {@code model} (the first call also copies it into the cache directory). */
    public static OnnxEmbedder load(NativeRuntime runtime, EmbeddingModel model, Options options) throws IOException {
        ModelFiles files = ModelFiles.extract(model, options.cacheDir());
        OnnxRuntimeNatives.useCachedCopy();
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true"); // the tokenizer library never needs the network
        }
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(files.tokenizer())
                .optMaxLength(options.maxTokens())
                .optTruncation(true)
                .optPadding(false) // overrides the file's fixed padding: batches pad only to their longest text
                .build();
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session;
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
                 FenceGuard fence = runtime.acquireExclusive(options.fenceTimeout())) {
                so.setIntraOpNumThreads(options.threads());
                so.setInterOpNumThreads(1);
                so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                if (options.profile() != null) {
                    so.enableProfiling(options.profile().toString());
                }
                session = env.createSession(files.model().toString(), so);
            }
            return new OnnxEmbedder(model, tokenizer, env, session);
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            throw new IOException("loading " + model.id() + " failed: " + e.getMessage(), e);
        }
    }

    public EmbeddingModel model() {
        return model;
    }

    @Override
    public String modelId() {
        return model.id();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public List<PreparedBatch> prepare(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        long[][] ids = new long[encodings.length][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = encodings[i].getIds();
        }
        return batching.batches(texts, ids);
    }

    @Override
    public List<float[]> embed(PreparedBatch batch) {
        long[][] ids = batch.tokenIds();
        int rows = ids.length;
        int width = 0;
        for (long[] row : ids) {
            width = Math.max(width, row.length);
        }
        LongBuffer tokens = LongBuffer.allocate(rows * width);
        LongBuffer mask = LongBuffer.allocate(rows * width);
        for (long[] row : ids) {
            tokens.put(row).position(tokens.position() + width - row.length); // pad id 0
            for (int j = 0; j < width; j++) {
                mask.put(j < row.length ? 1 : 0);
            }
        }
        long[] shape = {rows, width};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, tokens.flip(), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask.flip(), shape));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.allocate(rows * width), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor hidden = (OnnxTensor) result.get(output).orElseThrow();
                return pool(hidden.getFloatBuffer(), ids, width);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding " + rows + " texts with " + model.id() + " failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(List.of(model.queryPrefix() + query)).get(0);
    }

    private List<float[]> pool(FloatBuffer hidden, long[][] ids, int width) {
        int dim = model.dimension();
        List<float[]> out = new ArrayList<>(ids.length);
        for (int r = 0; r < ids.length; r++) {
            float[] v = new float[dim];
            int tokens = model.pooling() == Pooling.CLS ? 1 : ids[r].length;
            int base = r * width * dim;
            for (int t = 0; t < tokens; t++) {
                int at = base + t * dim;
                for (int d = 0; d < dim; d++) {
                    v[d] += hidden.get(at + d);
                }
            }
            out.add(normalize(v));
        }
        return out;
    }

    private static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        // Mean pooling's 1/n cancels here, so it is never applied.
        float inv = norm == 0 ? 0f : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static String lastHiddenState(OrtSession session) throws OrtException {
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (outputs.containsKey("last_hidden_state")) {
            return "last_hidden_state";
        }
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 3) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("the model has no [batch, tokens, hidden] output: " + outputs.keySet());
    }

    /**
     * Ends ONNX Runtime's profiling of this session ({@link Options#withProfile}) and returns the file it
     * wrote: a Chrome trace with each node's kernel time.
     */
    public Path endProfiling() {
        try {
            return Path.of(session.endProfiling());
        } catch (OrtException e) {
            throw new IllegalStateException("profiling " + model.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing " + model.id() + ": " + e.getMessage(), e);
        } finally {
            tokenizer.close();
        }
    }

    /**
     * How to load a model.
     *
     * @param cacheDir     where the .onnx and tokenizer.json are copied out of the jar
     * @param maxTokens    longer texts are truncated to this many tokens (the models allow 512)
     * @param threads      ONNX Runtime intra-op threads
     * @param fenceTimeout how long to wait for running file rewrites to finish before loading
     * @param profile      null, or the file prefix for ONNX Runtime's per-node profile (benchmarks)
     */
    public record Options(Path cacheDir, int maxTokens, int threads, Duration fenceTimeout, Path profile) {
        public Options {
            if (maxTokens < 8 || maxTokens > 512) {
                throw new EngineException.InvalidRequest("max tokens must be within 8..512 (the model's limit), was " + maxTokens);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
        }

        public static Options defaults() {
            return new Options(ModelFiles.defaultCacheDir(), DEFAULT_MAX_TOKENS,
                    Math.max(1, Runtime.getRuntime().availableProcessors()), Duration.ofMinutes(5), null);
        }

        public Options withCacheDir(Path dir) {
            return new Options(dir, maxTokens, threads, fenceTimeout, profile);
        }

        public Options withMaxTokens(int n) {
            return new Options(cacheDir, n, threads, fenceTimeout, profile);
        }

        public Options withThreads(int n) {
            return new Options(cacheDir, maxTokens, n, fenceTimeout, profile);
        }

        /** Profiles every node of the session into {@code prefix}_&lt;time&gt;.json (see {@link #endProfiling}). */
        public Options withProfile(Path prefix) {
            return new Options(cacheDir, maxTokens, threads, fenceTimeout, prefix);
        }
    }
}
