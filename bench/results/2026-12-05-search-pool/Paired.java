import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/**
 * Vector query p50 on copies of one index, paired query by query (each query runs on every copy in a rotating order, so
 * drift of the machine hits all alike): args QUERIES ROUNDS SPEC INDEX... (SPEC k:nprobes:columns; the first INDEX is the
 * reference, its queries are used). Prints each copy's p50 and the median of per-query ratios to the first.
 */
public class Paired {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), rounds = Integer.parseInt(a[1]);
        String[] p = a[2].split(":");
        int k = Integer.parseInt(p[0]), np = Integer.parseInt(p[1]);
        String[] cols = p[2].split(",");
        List<Path> idx = new ArrayList<>();
        for (int i = 3; i < a.length; i++) idx.add(Path.of(a[i]));
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(idx.get(0))) {
            List<String> qs = dev.mvs.bench.SearchBenchmark.generatedQueries(engine.runtime(), idx.get(0), n);
            List<float[]> vs = new ArrayList<>();
            for (int i = 0; i < qs.size(); i++) {
                if (i % 50 == 0) s.embed(qs.get(i)); // the cache holds 64: keep the vectors ourselves
                vs.add(s.embed(qs.get(i)).clone());
            }
            List<Table> tables = new ArrayList<>();
            for (Path x : idx) tables.add(Table.open(engine.runtime(), x.resolve("gen-000001/vectors.lance")));
            for (Table t : tables) for (int i = 0; i < 50; i++) t.nearestRows(NearestQuery.of("vector", vs.get(i), k).withNprobes(np).withColumns(cols));
            for (int r = 0; r < rounds; r++) {
                long[][] tt = new long[tables.size()][vs.size()];
                for (int i = 0; i < vs.size(); i++) {
                    for (int j0 = 0; j0 < tables.size(); j0++) {
                        int j = (j0 + i) % tables.size();
                        long t0 = System.nanoTime();
                        tables.get(j).nearestRows(NearestQuery.of("vector", vs.get(i), k).withNprobes(np).withColumns(cols));
                        tt[j][i] = System.nanoTime() - t0;
                    }
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d %s:", r + 1, a[2]));
                for (int j = 0; j < tables.size(); j++) {
                    double[] ratio = new double[vs.size()];
                    for (int i = 0; i < vs.size(); i++) ratio[i] = tt[j][i] / (double) tt[0][i];
                    Arrays.sort(ratio);
                    long[] c = tt[j].clone();
                    Arrays.sort(c);
                    line.append(String.format(Locale.ROOT, "  %s p50 %.2f ms (paired ratio %.3f)", idx.get(j).getFileName(), c[c.length / 2] / 1e6, ratio[ratio.length / 2]));
                }
                System.out.println(line);
            }
            for (Table t : tables) t.close();
        }
    }
}
