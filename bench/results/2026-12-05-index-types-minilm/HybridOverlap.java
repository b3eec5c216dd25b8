import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

/** Hybrid's two sides run by hand: alone, one after the other, and side by side (two threads), p50 over generated queries. */
public class HybridOverlap {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(index)) {
            List<String> qs = dev.mvs.bench.SearchBenchmark.generatedQueries(engine.runtime(), index, 200);
            ExecutorService other = Executors.newSingleThreadExecutor();
            for (int round = 0; round < 3; round++) {
                long[] sem = new long[qs.size()], kw = new long[qs.size()], both = new long[qs.size()], hyb = new long[qs.size()];
                for (int i = 0; i < qs.size(); i++) {
                    String q = qs.get(i);
                    s.embed(q);
                    long t0 = System.nanoTime();
                    s.search(SearchRequest.of(q, 17).withMode(SearchMode.SEMANTIC));
                    long t1 = System.nanoTime();
                    s.search(SearchRequest.of(q, 17).withMode(SearchMode.KEYWORD));
                    long t2 = System.nanoTime();
                    Future<?> f = other.submit(() -> { try { s.search(SearchRequest.of(q, 17).withMode(SearchMode.SEMANTIC)); } catch (Exception e) { throw new RuntimeException(e); } });
                    s.search(SearchRequest.of(q, 17).withMode(SearchMode.KEYWORD));
                    f.get();
                    long t3 = System.nanoTime();
                    s.search(SearchRequest.of(q, 10).withMode(SearchMode.HYBRID));
                    long t4 = System.nanoTime();
                    sem[i] = t1 - t0; kw[i] = t2 - t1; both[i] = t3 - t2; hyb[i] = t4 - t3;
                }
                if (round > 0) System.out.printf(Locale.ROOT, "round %d: semantic k17 %.2f, keyword k17 %.2f, both side by side %.2f, hybrid k10 %.2f ms p50%n",
                        round, p50(sem), p50(kw), p50(both), p50(hyb));
            }
            other.shutdown();
        }
    }
    static double p50(long[] t) { long[] c = t.clone(); Arrays.sort(c); return c[c.length / 2] / 1e6; }
}
