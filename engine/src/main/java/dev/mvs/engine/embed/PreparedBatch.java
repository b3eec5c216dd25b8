package dev.mvs.engine.embed;

import java.util.List;

/**
 * One model call's worth of texts, prepared ahead of the model (tokenized, for a real model) so that
 * the preparation can run on another thread while the model works on the previous batch.
 *
 * @param positions where each text stood in the list given to {@link Embedder#prepare}
 * @param texts     the texts, in this batch's order
 * @param tokenIds  the token ids of each text (unpadded), or null for an embedder without a tokenizer
 */
public record PreparedBatch(int[] positions, List<String> texts, long[][] tokenIds) {

    public int size() {
        return positions.length;
    }

    /** Tokens the model processes for this batch, padding included: size × the longest text. */
    public long paddedTokens() {
        if (tokenIds == null) {
            return 0;
        }
        int longest = 0;
        for (long[] ids : tokenIds) {
            longest = Math.max(longest, ids.length);
        }
        return (long) longest * tokenIds.length;
    }
}
