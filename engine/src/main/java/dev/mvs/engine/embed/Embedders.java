package dev.mvs.engine.embed;

import dev.mvs.ffi.NativeRuntime;

import java.io.IOException;

/** The embedder that made an index, by the model id engine.json records. */
public final class Embedders {

    private Embedders() {}

    /**
     * Loads the model {@code modelId} of {@code dimension}, truncating at {@code maxTokens} (0: the default);
     * an unknown id is an IOException naming it.
     */
    public static Embedder load(NativeRuntime runtime, String modelId, int dimension, int maxTokens, int threads) throws IOException {
        if (modelId.equals(HashEmbedder.MODEL_ID)) {
            return new HashEmbedder(dimension);
        }
        EmbeddingModel model = EmbeddingModel.byId(modelId)
                .orElseThrow(() -> new IOException("the index was embedded with an unknown model \"" + modelId + "\""));
        OnnxEmbedder.Options options = OnnxEmbedder.Options.defaults().withThreads(threads);
        return OnnxEmbedder.load(runtime, model, maxTokens > 0 ? options.withMaxTokens(maxTokens) : options);
    }
}
