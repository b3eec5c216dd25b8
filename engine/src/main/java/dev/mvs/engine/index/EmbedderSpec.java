package dev.mvs.engine.index;

import dev.mvs.engine.embed.Embedder;

import java.io.IOException;

/**
 * The model an index run embeds with: its id and dimension are known without loading it (to check
 * the index is compatible, and to skip the load when nothing needs embedding).
 */
public record EmbedderSpec(String modelId, int dimension, Loader loader) {

    @FunctionalInterface
    public interface Loader {
        Embedder load() throws IOException;
    }
}
