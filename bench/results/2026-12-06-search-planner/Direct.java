import dev.mvs.bench.SearchBenchmark;
import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/** INDEX NPROBES K ROUNDS: row ids only (the index alone when it can) against row ids + chunk_id (always planned): same rows? p50 of each. */
public class Direct {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        int np = Integer.parseInt(a[1]), k = Integer.parseInt(a[2]);
        Path vectors;
        try (var s = Files.list(index)) { vectors = s.filter(p -> p.getFileName().toString().startsWith("gen-")).findFirst().orElseThrow().resolve("vectors.lance"); }
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(index); Table t = Table.open(engine.runtime(), vectors)) {
            List<String> qs = SearchBenchmark.generatedQueries(engine.runtime(), index, 200);
            List<float[]> vs = new ArrayList<>();
            for (String q : qs) vs.add(s.embed(q));
            int same = 0, sameOrder = 0, distOk = 0;
            for (float[] v : vs) {
                ResultRows d = t.nearestRows(NearestQuery.of("vector", v, k).withNprobes(np).withColumns("_rowid"));
                ResultRows p = t.nearestRows(NearestQuery.of("vector", v, k).withNprobes(np).withColumns("_rowid", "chunk_id"));
                List<Long> x = new ArrayList<>(), y = new ArrayList<>();
                boolean dd = d.size() == p.size();
                for (int i = 0; i < d.size(); i++) x.add(d.int64("_rowid", i));
                for (int i = 0; i < p.size(); i++) y.add(p.int64("_rowid", i));
                for (int i = 0; dd && i < d.size(); i++) dd &= Math.abs(d.float32("_distance", i) - p.float32("_distance", i)) < 1e-5;
                if (x.equals(y)) sameOrder++;
                if (new HashSet<>(x).equals(new HashSet<>(y))) same++;
                if (dd) distOk++;
            }
            System.out.printf("%d queries: same rows %d, same order %d, same distances %d%n", vs.size(), same, sameOrder, distOk);
            for (int r = 0; r < Integer.parseInt(a[3]); r++) {
                long[] td = new long[vs.size()], tp = new long[vs.size()];
                for (int i = 0; i < vs.size(); i++) {
                    long t0 = System.nanoTime();
                    t.nearestRows(NearestQuery.of("vector", vs.get(i), k).withNprobes(np).withColumns("_rowid"));
                    long t1 = System.nanoTime();
                    t.nearestRows(NearestQuery.of("vector", vs.get(i), k).withNprobes(np).withColumns("_rowid", "chunk_id"));
                    long t2 = System.nanoTime();
                    td[i] = t1 - t0; tp[i] = t2 - t1;
                }
                Arrays.sort(td); Arrays.sort(tp);
                System.out.printf(Locale.ROOT, "round %d  index alone p50 %.3f ms   planned p50 %.3f ms%n", r, td[100] / 1e6, tp[100] / 1e6);
            }
        }
    }
}
