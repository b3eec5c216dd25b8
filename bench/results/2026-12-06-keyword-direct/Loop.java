import dev.mvs.bench.SearchBenchmark;
import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import java.nio.file.*;
import java.util.*;

/** INDEX MODE SECONDS: embeds 200 queries, prints START, then searches in MODE for SECONDS; prints p50. */
public class Loop {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        SearchMode mode = SearchMode.valueOf(a[1].toUpperCase(Locale.ROOT));
        long seconds = Long.parseLong(a[2]);
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(index)) {
            List<String> qs = SearchBenchmark.generatedQueries(engine.runtime(), index, 200);
            for (String q : qs.subList(0, 50)) s.embed(q);
            for (String q : qs.subList(0, 50)) s.search(SearchRequest.of(q, 10).withMode(mode));
            System.out.println("START"); System.out.flush();
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime(), wall0 = System.nanoTime();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Long> times = new ArrayList<>();
            int i = 0;
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                s.search(SearchRequest.of(qs.get(i++ % 50), 10).withMode(mode));
                times.add(System.nanoTime() - t0);
            }
            long cpu = os.getProcessCpuTime() - cpu0, wall = System.nanoTime() - wall0;
            Collections.sort(times);
            System.out.printf(Locale.ROOT, "cpu per query %.3f ms, wall per query %.3f ms, cores busy %.2f%n", cpu / 1e6 / times.size(), wall / 1e6 / times.size(), (double) cpu / wall);
            System.out.printf(Locale.ROOT, "%s: %d queries, p50 %.3f ms%n", mode, times.size(), times.get(times.size() / 2) / 1e6);
        }
    }
}
