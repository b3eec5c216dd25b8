package dev.mvs.engine.index;

import dev.mvs.engine.embed.BorrowedEmbedder;
import dev.mvs.engine.embed.Embedder;

import java.io.IOException;

/**
 * Keeps the model of successive index runs loaded (a watch makes a run per save): the first run that
 * needs it loads it, later runs borrow it, closing it ends nothing. Closing this closes the model.
 */
public final class WarmModel implements AutoCloseable {

    private Embedder loaded;
    private String loadedKey;

    /** {@code spec} with a loader that lends this holder's model, loading it on first need. */
    public EmbedderSpec keep(EmbedderSpec spec) {
        return new EmbedderSpec(spec.modelId(), spec.dimension(), spec.maxTokens(), spec.input(), spec.pooling(), spec.queryPrefix(),
                spec.quantization(), () -> borrow(spec));
    }

    private synchronized Embedder borrow(EmbedderSpec spec) throws IOException {
        String key = spec.modelId() + " " + spec.maxTokens() + " " + spec.quantization();
        if (loaded == null || !key.equals(loadedKey)) {
            close();
            loaded = spec.loader().load();
            loadedKey = key;
        }
        return new BorrowedEmbedder(loaded);
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
    }
}
