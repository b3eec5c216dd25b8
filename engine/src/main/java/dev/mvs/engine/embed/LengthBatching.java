package dev.mvs.engine.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts tokenized texts into model batches of similar length. A batch is padded to its longest text,
 * so texts in reading order waste most of the model's work on padding when one long chunk shares a
 * batch with short ones; sorted by length, each batch pads little. A batch is bounded by the tokens it
 * pads to (the model's work and memory), not by a count.
 *
 * @param tokenBudget most padded tokens (texts × longest) per batch
 * @param maxTexts    most texts per batch (very short texts would otherwise make huge batches)
 */
public record LengthBatching(int tokenBudget, int maxTexts) {

    public LengthBatching {
        if (tokenBudget < 1 || maxTexts < 1) {
            throw new IllegalArgumentException("token budget and max texts must be positive: " + tokenBudget + ", " + maxTexts);
        }
    }

    /** The batches for {@code texts} (token ids per text), longest first; every text is in exactly one. */
    public List<PreparedBatch> batches(List<String> texts, long[][] ids) {
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> ids[i].length).reversed());
        List<PreparedBatch> out = new ArrayList<>();
        int from = 0;
        while (from < order.length) {
            int longest = Math.max(1, ids[order[from]].length); // the first of a batch is its longest
            int count = Math.max(1, Math.min(maxTexts, tokenBudget / longest));
            int to = Math.min(order.length, from + count);
            int[] positions = new int[to - from];
            long[][] batchIds = new long[to - from][];
            List<String> batchTexts = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                positions[k - from] = order[k];
                batchIds[k - from] = ids[order[k]];
                batchTexts.add(texts.get(order[k]));
            }
            out.add(new PreparedBatch(positions, batchTexts, batchIds));
            from = to;
        }
        return out;
    }
}
