package dev.mvs.engine.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns chunk texts into unit-length vectors. {@link #prepare} may run on one thread while
 * {@link #embed(PreparedBatch)} runs on another; each of the two is used by one thread at a time.
 */
public interface Embedder extends AutoCloseable {

    /** Texts per batch of an embedder that does not tokenize. */
    int PLAIN_BATCH = 32;

    /** Recorded in engine.json; an index is only ever searched with the model that built it. */
    String modelId();

    int dimension();

    /** The work before the model (tokenizing), cut into model batches; every text is in exactly one batch. */
    default List<PreparedBatch> prepare(List<String> texts) {
        List<PreparedBatch> out = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += PLAIN_BATCH) {
            int to = Math.min(texts.size(), from + PLAIN_BATCH);
            int first = from;
            int[] positions = new int[to - from];
            Arrays.setAll(positions, i -> first + i);
            out.add(new PreparedBatch(positions, List.copyOf(texts.subList(from, to)), null));
        }
        return out;
    }

    /** One L2-normalised vector of {@link #dimension()} floats per text of the batch, in the batch's order. */
    List<float[]> embed(PreparedBatch batch);

    /** One vector per text, in order. */
    default List<float[]> embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (PreparedBatch batch : prepare(texts)) {
            List<float[]> vectors = embed(batch);
            for (int i = 0; i < batch.size(); i++) {
                out[batch.positions()[i]] = vectors.get(i);
            }
        }
        return Arrays.asList(out);
    }

    /** A search query's vector: as a document's, with the model's query prefix if it has one. */
    default float[] embedQuery(String query) {
        return embed(List.of(query)).get(0);
    }

    @Override
    void close();
}
