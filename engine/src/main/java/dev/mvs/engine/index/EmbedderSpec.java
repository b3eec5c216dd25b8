package dev.mvs.engine.index;

import dev.mvs.engine.embed.Embedder;

import java.io.IOException;

/**
 * The model an index run embeds with: its id and dimension are known without loading it (to check
 * the index is compatible, and to skip the load when nothing needs embedding).
 *
 * @param maxTokens where the model truncates its input (recorded in engine.json: vectors of one
 *                  index must be made alike); 0 when the embedder does not truncate
 */
public record EmbedderSpec(String modelId, int dimension, int maxTokens, Loader loader) {

    /** An embedder that does not truncate (the hash embedder, test doubles). */
    public EmbedderSpec(String modelId, int dimension, Loader loader) {
        this(modelId, dimension, 0, loader);
    }

    @FunctionalInterface
    public interface Loader {
        Embedder load() throws IOException;
    }
}
