package dev.mvs.bench;

import dev.mvs.engine.embed.Embedder;

import java.util.List;

/** A warm model lent to index runs: a run closes its embedder, which must not close the lender's. */
public record BorrowedEmbedder(Embedder model) implements Embedder {

    @Override
    public String modelId() {
        return model.modelId();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return model.embed(texts);
    }

    @Override
    public void close() {}
}
