package dev.mvs.engine.embed;

import dev.mvs.ffi.NativeRuntime;

import java.io.IOException;

/** The embedder that made an index, by the model id engine.json records. */
public final class Embedders {

    private Embedders() {}

    /** Loads the model {@code modelId} of {@code dimension}; an unknown id is an IOException naming it. */
    public static Embedder load(NativeRuntime runtime, String modelId, int dimension, int threads) throws IOException {
        return switch (modelId) {
            case MiniLmEmbedder.MODEL_ID -> MiniLmEmbedder.load(runtime, MiniLmEmbedder.Options.defaults().withThreads(threads));
            case HashEmbedder.MODEL_ID -> new HashEmbedder(dimension);
            default -> throw new IOException("the index was embedded with an unknown model \"" + modelId + "\"");
        };
    }
}
