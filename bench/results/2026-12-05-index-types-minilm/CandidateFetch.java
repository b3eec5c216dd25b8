import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/** What the semantic query's candidate count and columns cost: vectors.lance nearest query, nprobes 197, no Lance refine, p50 over class-name queries. */
public class CandidateFetch {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        Path vectors = index.resolve("gen-000001/vectors.lance");
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(index); Table t = Table.open(engine.runtime(), vectors)) {
            List<String> qs = dev.mvs.bench.SearchBenchmark.generatedQueries(engine.runtime(), index, 100);
            List<float[]> vs = new ArrayList<>();
            for (String q : qs) vs.add(s.embed(q));
            int[] ks = {20, 60, 100};
            String[][] cols = {{"hit", "vector"}, {"vector"}, {"hit"}, {"chunk_id"}};
            for (int round = 0; round < 3; round++) {
                for (int k : ks) for (String[] c : cols) {
                    long[] tt = new long[vs.size()];
                    for (int i = 0; i < vs.size(); i++) {
                        long t0 = System.nanoTime();
                        ResultRows r = t.nearestRows(NearestQuery.of("vector", vs.get(i), k).withNprobes(197).withColumns(c));
                        tt[i] = System.nanoTime() - t0;
                        if (r.size() != k) throw new IllegalStateException("rows " + r.size());
                    }
                    Arrays.sort(tt);
                    if (round > 0) System.out.printf(Locale.ROOT, "round %d k %3d columns %-12s p50 %.2f ms%n", round, k, String.join(",", c), tt[tt.length / 2] / 1e6);
                }
            }
        }
    }
}
