import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import java.nio.file.*;
import java.util.*;

public class SearcherProbe {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        List<String> qs = List.of("concurrent hash map resize", "parse json string", "http request headers", "thread pool executor shutdown",
                "read file lines", "regular expression match", "sort a list by key", "socket timeout", "base64 encode", "date time format",
                "lock free queue", "zip file entries", "url encode query", "xml parser sax", "random number generator seed",
                "string builder append", "tls handshake", "garbage collection weak reference", "unicode normalization", "priority queue heap");
        try (Engine engine = Engine.start(Runtime.getRuntime().availableProcessors()); Searcher s = engine.searcher(index)) {
            for (String q : qs) s.embed(q);
            String[] labels = {"semantic k10", "semantic k17", "keyword k17", "keyword k10", "hybrid k10"};
            for (int round = 0; round < 3; round++) {
                for (String label : labels) {
                    String[] p = label.split(" k");
                    SearchMode m = SearchMode.valueOf(p[0].toUpperCase(Locale.ROOT));
                    int k = Integer.parseInt(p[1]);
                    long[] t = new long[qs.size() * 5];
                    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                    long cpu0 = os.getProcessCpuTime(), w0 = System.nanoTime();
                    int n = 0;
                    for (int r = 0; r < 5; r++) for (String q : qs) {
                        long t0 = System.nanoTime();
                        s.search(SearchRequest.of(q, k).withMode(m));
                        t[n++] = System.nanoTime() - t0;
                    }
                    double cpuPerWall = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - w0);
                    Arrays.sort(t);
                    if (round > 0) System.out.printf(Locale.ROOT, "round %d %-14s p50 %.2f ms  cores busy %.2f%n", round, label, t[t.length / 2] / 1e6, cpuPerWall);
                }
            }
        }
    }
}
