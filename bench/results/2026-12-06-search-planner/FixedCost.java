import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/** INDEX SECONDS: the vector query's cost at nprobes 1, 10 and 197 (row ids only, k 60), then a loop of SECONDS at nprobes 1 (for perf); the searcher that embeds the queries is closed first, so the timed table handle is the only one open. */
public class FixedCost {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        Path vectors;
        try (var s = Files.list(index)) { vectors = s.filter(p -> p.getFileName().toString().startsWith("gen-")).findFirst().orElseThrow().resolve("vectors.lance"); }
        try (Engine engine = Engine.start(2)) {
            List<String> qs = dev.mvs.bench.SearchBenchmark.generatedQueries(engine.runtime(), index, 100);
            List<float[]> vs = new ArrayList<>();
            try (Searcher s = engine.searcher(index)) {
                for (String q : qs) vs.add(s.embed(q));
            }
            Table t = Table.open(engine.runtime(), vectors); // the only table handle open while timed
            int[] probes = {1, 10, 197};
            for (int round = 0; round < 3; round++) {
                for (int np : probes) {
                    long[] tt = new long[vs.size()];
                    for (int i = 0; i < vs.size(); i++) {
                        long t0 = System.nanoTime();
                        ResultRows r = t.nearestRows(NearestQuery.of("vector", vs.get(i), 60).withNprobes(np).withColumns("_rowid"));
                        tt[i] = System.nanoTime() - t0;
                    }
                    Arrays.sort(tt);
                    if (round > 0) System.out.printf(Locale.ROOT, "round %d nprobes %3d p50 %.3f ms%n", round, np, tt[tt.length / 2] / 1e6);
                }
            }
            long end = System.nanoTime() + Long.parseLong(a[1]) * 1_000_000_000L;
            int n = 0;
            System.out.println("LOOP START");
            while (System.nanoTime() < end) {
                t.nearestRows(NearestQuery.of("vector", vs.get(n++ % vs.size()), 60).withNprobes(1).withColumns("_rowid"));
            }
            System.out.println("loop queries " + n);
            t.close();
        }
    }
}
