import dev.mvs.bench.SearchBenchmark;
import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/** INDEX: semantic search through Searcher against its parts done by hand (row-id query k 30 nprobes 197, take of hit+vector), p50 of 200 queries, 3 rounds. */
public class Gap {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        Path vp;
        try (var st = Files.list(index)) { vp = st.filter(p -> p.getFileName().toString().startsWith("gen-")).findFirst().orElseThrow().resolve("vectors.lance"); }
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(index); Table t = Table.open(engine.runtime(), vp)) {
            List<String> qs = SearchBenchmark.generatedQueries(engine.runtime(), index, 200);
            List<float[]> vs = new ArrayList<>();
            for (String q : qs) vs.add(s.embed(q));
            for (int r = 0; r < 3; r++) {
                long[] full = new long[200], query = new long[200], take = new long[200];
                for (int i = 0; i < 200; i++) {
                    long t0 = System.nanoTime();
                    s.search(SearchRequest.of(qs.get(i), 10).withMode(SearchMode.SEMANTIC));
                    long t1 = System.nanoTime();
                    ResultRows n = t.nearestRows(NearestQuery.of("vector", vs.get(i), 30).withNprobes(197).withColumns("_rowid"));
                    long t2 = System.nanoTime();
                    long[] ids = new long[n.size()];
                    for (int j = 0; j < ids.length; j++) ids[j] = n.int64("_rowid", j);
                    t.takeRowsResult(ids, List.of("hit", "vector"));
                    long t3 = System.nanoTime();
                    full[i] = t1 - t0; query[i] = t2 - t1; take[i] = t3 - t2;
                }
                Arrays.sort(full); Arrays.sort(query); Arrays.sort(take);
                System.out.printf(Locale.ROOT, "round %d  Searcher semantic p50 %.2f  row-id query %.2f  take %.2f ms%n", r, full[100] / 1e6, query[100] / 1e6, take[100] / 1e6);
            }
        }
    }
}
