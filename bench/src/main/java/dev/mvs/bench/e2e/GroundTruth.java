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
            float d = 0;
            for (int j = 0; j < dim; j++) {
                float x = row[j] - q[j];
                d += x * x;
            }
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
