import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/** p50 of raw vectors.lance nearest queries: args INDEX then specs "k:nprobes:cols" (cols comma list or - for none). */
public class Raw {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        Path vectors = index.resolve("gen-000001/vectors.lance");
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(index); Table t = Table.open(engine.runtime(), vectors)) {
            List<String> qs = dev.mvs.bench.SearchBenchmark.generatedQueries(engine.runtime(), index, 100);
            List<float[]> vs = new ArrayList<>();
            for (String q : qs) vs.add(s.embed(q));
            for (int round = 0; round < 3; round++) {
                for (int j = 1; j < a.length; j++) {
                    String[] p = a[j].split(":");
                    int k = Integer.parseInt(p[0]), np = Integer.parseInt(p[1]);
                    String[] cols = p[2].equals("-") ? new String[0] : p[2].split(",");
                    long[] tt = new long[vs.size()];
                    for (int i = 0; i < vs.size(); i++) {
                        long t0 = System.nanoTime();
                        ResultRows r = t.nearestRows(NearestQuery.of("vector", vs.get(i), k).withNprobes(np).withColumns(cols));
                        tt[i] = System.nanoTime() - t0;
                    }
                    Arrays.sort(tt);
                    if (round > 0) System.out.printf(Locale.ROOT, "round %d %-28s p50 %.2f ms p10 %.2f%n", round, a[j], tt[tt.length / 2] / 1e6, tt[tt.length / 10] / 1e6);
                }
            }
        }
    }
}
