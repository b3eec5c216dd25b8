package dev.mvs.engine.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic embedder for tests: each word is hashed into a signed bucket (feature hashing),
 * and the counts are L2-normalised. Texts sharing words get similar vectors, so search behaves
 * plausibly, and the same text always gives the same vector without any model.
 */
public final class HashEmbedder implements Embedder {

    /** The dimension indexes made with --model hash use (as MiniLM's, so the storage is alike). */
    public static final int DEFAULT_DIMENSION = 384;

    public static final String MODEL_ID = "hash-v1";

    private final int dimension;

    public HashEmbedder(int dimension) {
        if (dimension < 2) {
            throw new IllegalArgumentException("dimension must be at least 2, was " + dimension);
        }
        this.dimension = dimension;
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embed(PreparedBatch batch) {
        List<float[]> out = new ArrayList<>(batch.size());
        for (String text : batch.texts()) {
            out.add(embedOne(text));
        }
        return out;
    }

    private float[] embedOne(String text) {
        float[] v = new float[dimension];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}_]+")) {
            if (word.isEmpty()) {
                continue;
            }
            long h = fnv1a(word);
            int bucket = (int) Long.remainderUnsigned(h, dimension);
            v[bucket] += ((h >>> 63) == 0) ? 1f : -1f;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1f; // empty text: a fixed unit vector, never NaN
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h ^ (h >>> 29);
    }

    @Override
    public void close() {}
}
