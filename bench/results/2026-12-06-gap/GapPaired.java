import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/**
 * A B ROUNDS: the engine's vector search (row ids of rowsToFetch(10, 10) candidates at the engine's nprobes, their
 * vectors taken by row id, re-ranked exactly) on vectors.lance A and B, each query on both in alternating order;
 * 200 queries are the vectors of rows spread over A. Prints per round p50 of each and the median per-query ratio B/A.
 */
public class GapPaired {
    static final int K = 10;
    static boolean raw;
    public static void main(String[] a) throws Exception {
        raw = a.length > 3 && a[3].equals("raw");
        try (NativeRuntime rt = NativeRuntime.create(2); Table ta = Table.open(rt, Path.of(a[0])); Table tb = Table.open(rt, Path.of(a[1]))) {
            System.out.println("A " + ta.vectorIndexHealth("vector_idx") + " fragments " + ta.stats().fragments());
            System.out.println("B " + tb.vectorIndexHealth("vector_idx") + " fragments " + tb.stats().fragments());
            SearchRequest.VectorSetting sa = SearchRequest.defaultVectorSetting(ta.countRows(), 384, "IVF_RQ");
            SearchRequest.VectorSetting sb = SearchRequest.defaultVectorSetting(tb.countRows(), 384, "IVF_RQ");
            ResultRows all = ta.scanRows(ScanRequest.all().withColumns(IndexSchemas.ROW_ID));
            long[] picked = new long[200];
            for (int i = 0; i < 200; i++) picked[i] = all.int64(IndexSchemas.ROW_ID, (int) ((long) all.size() * i / 200));
            ResultRows taken = ta.takeRowsResult(picked, List.of(IndexSchemas.VECTOR));
            List<float[]> qs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                float[] v = taken.floatVector(IndexSchemas.VECTOR, i).clone();
                for (int j = 0; j < v.length; j++) v[j] += (float) (0.01 * Math.sin(i * 31 + j)); // not the row itself
                qs.add(v);
            }
            for (float[] q : qs) { search(ta, q, sa); search(tb, q, sb); }
            for (int round = 0; round < Integer.parseInt(a[2]); round++) {
                long[] na = new long[qs.size()], nb = new long[qs.size()];
                double[] ratio = new double[qs.size()];
                for (int i = 0; i < qs.size(); i++) {
                    boolean aFirst = (i + round) % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        boolean isA = (side == 0) == aFirst;
                        long t0 = System.nanoTime();
                        search(isA ? ta : tb, qs.get(i), isA ? sa : sb);
                        long t = System.nanoTime() - t0;
                        if (isA) na[i] = t; else nb[i] = t;
                    }
                    ratio[i] = nb[i] / (double) na[i];
                }
                Arrays.sort(na); Arrays.sort(nb); Arrays.sort(ratio);
                System.out.printf(Locale.ROOT, "round %d  A p50 %.2f ms  B p50 %.2f ms  median ratio B/A %.3f%n", round, na[100] / 1e6, nb[100] / 1e6, ratio[100]);
            }
        }
    }

    static List<Long> search(Table t, float[] q, SearchRequest.VectorSetting s) {
        ResultRows c = t.nearestRows(NearestQuery.of(IndexSchemas.VECTOR, q, s.rowsToFetch(K, K)).withNprobes(s.nprobes()).withColumns(IndexSchemas.ROW_ID));
        if (raw) return List.of();
        long[] ids = new long[c.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = c.int64(IndexSchemas.ROW_ID, i);
        ResultRows v = t.takeRowsResult(ids, List.of(IndexSchemas.VECTOR));
        Long[] order = new Long[ids.length];
        float[] d = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            float[] x = v.floatVector(IndexSchemas.VECTOR, i);
            float s2 = 0;
            for (int j = 0; j < x.length; j++) s2 += (x[j] - q[j]) * (x[j] - q[j]);
            d[i] = s2;
            order[i] = (long) i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> d[(int) (long) i]));
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < Math.min(K, order.length); i++) out.add(ids[(int) (long) order[i]]);
        return out;
    }
}
