package dev.mvs.engine.embed;

import java.util.List;

/** Turns chunk texts into unit-length vectors. Implementations are used by one thread at a time. */
public interface Embedder extends AutoCloseable {

    /** Recorded in engine.json; an index is only ever searched with the model that built it. */
    String modelId();

    int dimension();

    /** One L2-normalised vector of {@link #dimension()} floats per text, in order. */
    List<float[]> embed(List<String> texts);

    @Override
    void close();
}
