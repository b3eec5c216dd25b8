import dev.mvs.bench.SearchBenchmark;
import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import java.nio.file.*;
import java.util.*;

/** INDEX QUERIES PASSES: p50 per mode through Searcher (k 10), generated class-name queries embedded first in blocks of 50, as SearchBenchmark does; the last PASSES-1 passes counted. */
public class Modes {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        int n = Integer.parseInt(a[1]), passes = Integer.parseInt(a[2]);
        try (Engine engine = Engine.start(Runtime.getRuntime().availableProcessors()); Searcher s = engine.searcher(index)) {
            List<String> qs = SearchBenchmark.generatedQueries(engine.runtime(), index, n);
            SearchMode[] modes = {SearchMode.KEYWORD, SearchMode.SEMANTIC, SearchMode.HYBRID};
            Map<SearchMode, List<Long>> times = new EnumMap<>(SearchMode.class);
            for (int p = 0; p < passes; p++) {
                for (int from = 0; from < qs.size(); from += 50) {
                    int to = Math.min(qs.size(), from + 50);
                    for (int i = from; i < to; i++) s.embed(qs.get(i));
                    for (SearchMode m : modes) {
                        for (int i = from; i < to; i++) {
                            long t0 = System.nanoTime();
                            s.search(SearchRequest.of(qs.get(i), 10).withMode(m));
                            if (p > 0) times.computeIfAbsent(m, x -> new ArrayList<>()).add(System.nanoTime() - t0);
                        }
                    }
                }
            }
            StringBuilder line = new StringBuilder();
            for (SearchMode m : modes) {
                List<Long> t = times.get(m);
                Collections.sort(t);
                line.append(String.format(Locale.ROOT, "%s p50 %.2f p99 %.2f  ", m.label(), t.get(t.size() / 2) / 1e6, t.get(t.size() * 99 / 100) / 1e6));
            }
            System.out.println(line.toString().strip());
        }
    }
}
