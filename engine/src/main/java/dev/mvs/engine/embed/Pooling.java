package dev.mvs.engine.embed;

/** How a model's per-token outputs become one vector: as the model was trained, or its vectors mean little. */
public enum Pooling {
    /** The mean of the token vectors under the attention mask (sentence-transformers' MiniLM). */
    MEAN,
    /** The first token's vector, [CLS] (the BGE models). */
    CLS;

    /** The name engine.json records ({@code mean}, {@code cls}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
