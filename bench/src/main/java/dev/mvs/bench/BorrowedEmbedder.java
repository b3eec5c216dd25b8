package dev.mvs.bench;

import dev.mvs.engine.embed.Embedder;
import dev.mvs.engine.embed.PreparedBatch;

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
    public List<PreparedBatch> prepare(List<String> texts) {
        return model.prepare(texts);
    }

    @Override
    public List<float[]> embed(PreparedBatch batch) {
        return model.embed(batch);
    }

    @Override
    public float[] embedQuery(String query) {
        return model.embedQuery(query);
    }

    @Override
    public void close() {}
}
