package dev.mvs.engine.embed;

import dev.mvs.engine.error.EngineException;

import dev.mvs.ffi.FenceGuard;
import dev.mvs.ffi.NativeRuntime;

import ai.djl.ModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.translator.TextEmbeddingTranslator;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (384 dimensions) through DJL and ONNX Runtime, fully offline: the model and
 * tokenizer come from the langchain4j jar on the class path. Mean pooling over the attention
 * mask, then L2 normalisation, as sentence-transformers does.
 *
 * <p>The model load maps a 90 MB file and starts ONNX Runtime's threads; it runs under the
 * native fence's exclusive side so that no Lance file rewrite (delete, compaction, index build,
 * cleanup) overlaps it — the overlap that crashed the Python engine with SIGBUS.
 */
public final class MiniLmEmbedder implements Embedder {

    public static final String MODEL_ID = "all-minilm-l6-v2";
    public static final int DIMENSION = 384;
    public static final int DEFAULT_MAX_TOKENS = 256;

    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<String, float[]> model;
    private final Predictor<String, float[]> predictor;

    private MiniLmEmbedder(HuggingFaceTokenizer tokenizer, ZooModel<String, float[]> model) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.predictor = model.newPredictor();
    }

    /**
     * Loads the model (the first call also copies it into the cache directory).
     */
    public static MiniLmEmbedder load(NativeRuntime runtime, Options options) throws IOException {
        // DJL never needs the network here (ONNX Runtime and the tokenizer carry their natives);
        // offline mode also keeps it from phoning home on cloud machines.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        ModelFiles files = ModelFiles.extract(options.cacheDir());
        OnnxRuntimeNatives.useCachedCopy();
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(files.tokenizer())
                .optMaxLength(options.maxTokens())
                .optTruncation(true)
                .optPadding(true)
                .build();
        try {
            TextEmbeddingTranslator translator = TextEmbeddingTranslator.builder(tokenizer)
                    .optPoolingMode("mean").optNormalize(true).optIncludeTokenTypes(true).build();
            Criteria<String, float[]> criteria = Criteria.builder().setTypes(String.class, float[].class)
                    .optModelPath(files.model().getParent())
                    .optModelName(MODEL_ID)
                    .optEngine("OnnxRuntime")
                    .optOption("intraOpNumThreads", Integer.toString(options.threads()))
                    .optOption("interOpNumThreads", "1")
                    .optTranslator(translator)
                    .build();
            ZooModel<String, float[]> model;
            try (FenceGuard fence = runtime.acquireExclusive(options.fenceTimeout())) {
                model = criteria.loadModel();
            }
            return new MiniLmEmbedder(tokenizer, model);
        } catch (ModelException | IOException | RuntimeException e) {
            tokenizer.close();
            throw e instanceof IOException io ? io : new IOException("loading " + MODEL_ID + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        try {
            return predictor.batchPredict(texts);
        } catch (TranslateException e) {
            throw new IllegalStateException("embedding " + texts.size() + " texts failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
        tokenizer.close();
    }

    /**
     * How to load the model.
     *
     * @param cacheDir     where the .onnx and tokenizer.json are copied out of the jar
     * @param maxTokens    longer texts are truncated to this many tokens (the model allows 512)
     * @param threads      ONNX Runtime intra-op threads
     * @param fenceTimeout how long to wait for running file rewrites to finish before loading
     */
    public record Options(java.nio.file.Path cacheDir, int maxTokens, int threads, Duration fenceTimeout) {
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
                    Math.max(1, Runtime.getRuntime().availableProcessors()), Duration.ofMinutes(5));
        }

        public Options withCacheDir(java.nio.file.Path dir) {
            return new Options(dir, maxTokens, threads, fenceTimeout);
        }

        public Options withMaxTokens(int n) {
            return new Options(cacheDir, n, threads, fenceTimeout);
        }

        public Options withThreads(int n) {
            return new Options(cacheDir, maxTokens, n, fenceTimeout);
        }
    }
}
