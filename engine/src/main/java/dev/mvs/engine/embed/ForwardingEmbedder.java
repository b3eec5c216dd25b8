package dev.mvs.engine.embed;

import java.util.List;

/** An embedder that hands every call to another; implementations override only what they change. */
public interface ForwardingEmbedder extends Embedder {

    Embedder delegate();

    @Override
    default String modelId() {
        return delegate().modelId();
    }

    @Override
    default int dimension() {
        return delegate().dimension();
    }

    @Override
    default List<PreparedBatch> prepare(List<String> texts) {
        return delegate().prepare(texts);
    }

    @Override
    default List<float[]> embed(PreparedBatch batch) {
        return delegate().embed(batch);
    }

    @Override
    default float[] embedQuery(String query) {
        return delegate().embedQuery(query);
    }

    @Override
    default void close() {
        delegate().close();
    }
}
