package dev.mvs.engine.index;

import dev.mvs.engine.embed.Embedder;
import dev.mvs.engine.embed.EmbeddingModel;

import java.io.IOException;
import java.util.Objects;

/**
 * How an index run makes its vectors: the model's id and dimension are known without loading it (to
 * check the index is compatible, and to skip the load when nothing needs embedding), and everything
 * that must be alike for all vectors of one index (recorded in engine.json).
 *
 * @param maxTokens    where the model truncates its input; 0 when the embedder does not truncate
 * @param input        what of a chunk is embedded
 * @param pooling      the model's pooling ("mean", "cls"), "" for an embedder without one
 * @param queryPrefix  what the model puts before a query
 * @param quantization "fp32", "int8", "" for an embedder without weights
 */
public record EmbedderSpec(String modelId, int dimension, int maxTokens, EmbeddedText input, String pooling, String queryPrefix,
                           String quantization, Loader loader) {

    public EmbedderSpec {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(queryPrefix, "queryPrefix");
        Objects.requireNonNull(quantization, "quantization");
    }

    /** An embedder without a model file: the hash embedder, test doubles. */
    public EmbedderSpec(String modelId, int dimension, int maxTokens, Loader loader) {
        this(modelId, dimension, maxTokens, EmbeddedText.TEXT, "", "", "", loader);
    }

    /** An embedder that does not truncate (the hash embedder, test doubles). */
    public EmbedderSpec(String modelId, int dimension, Loader loader) {
        this(modelId, dimension, 0, loader);
    }

    /** A shipped model. */
    public static EmbedderSpec of(EmbeddingModel model, int maxTokens, EmbeddedText input, Loader loader) {
        return new EmbedderSpec(model.id(), model.dimension(), maxTokens, input, model.pooling().id(),
                model.queryPrefix(), model.quantization(), loader);
    }

    public EmbedderSpec withInput(EmbeddedText t) {
        return new EmbedderSpec(modelId, dimension, maxTokens, t, pooling, queryPrefix, quantization, loader);
    }

    @FunctionalInterface
    public interface Loader {
        Embedder load() throws IOException;
    }
}
