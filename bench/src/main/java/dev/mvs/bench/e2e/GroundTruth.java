package dev.mvs.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Exact L2 nearest neighbours by brute force: the answer every engine's recall is measured against. */
final class GroundTruth {

    private GroundTruth() {}

    /** For each query, the ids of the {@code k} nearest rows of {@code base}, nearest first. */
    static int[][] exact(VectorFile base, VectorFile queries, int k, int threads) throws Exception {
        int[][] out = new int[queries.rows()][];
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> jobs = new ArrayList<>();
            for (int q = 0; q < queries.rows(); q++) {
                int qi = q;
                jobs.add(pool.submit(() -> out[qi] = nearest(base, queries.get(qi), k)));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        }
        return out;
    }

    private static int[] nearest(VectorFile base, float[] q, int k) {
        int dim = base.dimension();
        float[] row = new float[dim];
        int[] ids = new int[k];
        float[] dist = new float[k];
        java.util.Arrays.fill(dist, Float.POSITIVE_INFINITY);
        for (int r = 0; r < base.rows(); r++) {
            base.copy(r, row, 0);
            float d = squaredL2(row, q);
            if (d < dist[k - 1]) {
                int i = k - 1;
                while (i > 0 && dist[i - 1] > d) {
                    dist[i] = dist[i - 1];
                    ids[i] = ids[i - 1];
                    i--;
                }
                dist[i] = d;
                ids[i] = r;
            }
        }
        return ids;
    }

    /**
     * Tie-aware recall: the share of the {@code k} answers whose exact distance to {@code query} is
     * within the exact k-th neighbour's ({@code truth} nearest first). The corpora hold many identical
     * chunks, so rows at the same distance are equally right; plain {@link #recall} counts only the ids
     * the brute force happened to keep. Never below plain recall.
     */
    static double tieAwareRecall(int[] found, int[] truth, VectorFile base, float[] query) {
        float[] row = new float[base.dimension()];
        float kth = distance(base, truth[truth.length - 1], query, row);
        // the same float sums in another order may differ in the last bits
        float within = kth + Math.max(1e-6f, kth * 1e-5f);
        int hits = 0;
        for (int f : found) {
            if (f >= 0 && f < base.rows() && distance(base, f, query, row) <= within) {
                hits++;
            }
        }
        return Math.min(hits, truth.length) / (double) truth.length;
    }

    /** The squared L2 distance of row {@code r} of {@code base} to {@code query}, read through {@code buffer}. */
    private static float distance(VectorFile base, int r, float[] query, float[] buffer) {
        base.copy(r, buffer, 0);
        return squaredL2(buffer, query);
    }

    /** The distance the brute force ranks by (the engines' L2, without the square root). */
    static float squaredL2(float[] a, float[] b) {
        float d = 0;
        for (int j = 0; j < a.length; j++) {
            float x = a[j] - b[j];
            d += x * x;
        }
        return d;
    }

    /** |found ∩ truth| / |truth|. */
    static double recall(int[] found, int[] truth) {
        int hits = 0;
        for (int t : truth) {
            for (int f : found) {
                if (f == t) {
                    hits++;
                    break;
                }
            }
        }
        return hits / (double) truth.length;
    }
}
