import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import java.nio.file.*;
import java.util.*;

/**
 * Loops one search mode for SECONDS and prints its p50 (also what perf record / perf stat attached to): args INDEX MODE SECONDS.
 * -Dn=N: the first N generated queries (default 50, under the query cache of 64); -DembedFirst=true embeds each query,
 * untimed, right before its search.
 */
public class Loop {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        SearchMode mode = SearchMode.valueOf(a[1]);
        long secs = Long.parseLong(a[2]);
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(index)) {
            List<String> qs = dev.mvs.bench.SearchBenchmark.generatedQueries(engine.runtime(), index, Integer.parseInt(System.getProperty("n", "50")));
            for (String q : qs) s.embed(q);
            for (String q : qs) s.search(SearchRequest.of(q, 10).withMode(mode));
            System.err.println("READY " + ProcessHandle.current().pid());
            long end = System.nanoTime() + secs * 1_000_000_000L;
            int n = 0;
            long[] tt = new long[1_000_000];
            while (System.nanoTime() < end) {
                if (Boolean.getBoolean("embedFirst")) s.embed(qs.get(n % qs.size())); // untimed, as SearchBenchmark does
                long t0 = System.nanoTime();
                s.search(SearchRequest.of(qs.get(n % qs.size()), 10).withMode(mode));
                tt[n++] = System.nanoTime() - t0;
            }
            long[] c = Arrays.copyOf(tt, n);
            Arrays.sort(c);
            System.err.printf(Locale.ROOT, "%s: %d searches, p50 %.2f ms%n", mode, n, c[n / 2] / 1e6);
        }
    }
}
