package dev.mvs.bench;

import dev.mvs.engine.embed.Embedder;
import dev.mvs.engine.embed.ForwardingEmbedder;
import dev.mvs.engine.embed.PreparedBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * The batching before issue 16, for comparison in the same run: batches of 32 texts in reading order,
 * each padded to its longest text. Wraps a real model; only the batch shapes differ.
 */
public record ReadingOrderEmbedder(Embedder delegate) implements ForwardingEmbedder {

    static final int BATCH = 32;

    @Override
    public List<PreparedBatch> prepare(List<String> texts) {
        List<PreparedBatch> out = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += BATCH) {
            int to = Math.min(texts.size(), from + BATCH);
            int[] positions = new int[to - from];
            long[][] ids = new long[to - from][];
            for (PreparedBatch part : delegate.prepare(texts.subList(from, to))) {
                for (int k = 0; k < part.size(); k++) {
                    positions[part.positions()[k]] = from + part.positions()[k];
                    ids[part.positions()[k]] = part.tokenIds()[k];
                }
            }
            out.add(new PreparedBatch(positions, List.copyOf(texts.subList(from, to)), ids));
        }
        return out;
    }
}
