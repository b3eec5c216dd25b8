import dev.mvs.bench.SearchBenchmark;
import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/** INDEX ROUNDS: semantic mode's take for 30 candidates: hit+vector for all (now), or vector+content_hash for all then hit for the first 12. */
public class SemanticTake {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        Path vectors;
        try (var s = Files.list(index)) { vectors = s.filter(p -> p.getFileName().toString().startsWith("gen-")).findFirst().orElseThrow().resolve("vectors.lance"); }
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(index); Table t = Table.open(engine.runtime(), vectors)) {
            List<String> qs = SearchBenchmark.generatedQueries(engine.runtime(), index, 200);
            List<long[]> ids = new ArrayList<>();
            for (String q : qs) {
                ResultRows r = t.nearestRows(NearestQuery.of("vector", s.embed(q), 30).withNprobes(197).withColumns("_rowid"));
                long[] x = new long[r.size()];
                for (int i = 0; i < x.length; i++) x[i] = r.int64("_rowid", i);
                ids.add(x);
            }
            for (int round = 0; round < Integer.parseInt(a[1]); round++) {
                long[] now = new long[ids.size()], split = new long[ids.size()], vecOnly = new long[ids.size()];
                for (int i = 0; i < ids.size(); i++) {
                    long t0 = System.nanoTime();
                    t.takeRowsResult(ids.get(i), List.of("hit", "vector"));
                    long t1 = System.nanoTime();
                    t.takeRowsResult(ids.get(i), List.of("vector", "content_hash"));
                    long t2 = System.nanoTime();
                    t.takeRowsResult(Arrays.copyOf(ids.get(i), 12), List.of("hit"));
                    long t3 = System.nanoTime();
                    now[i] = t1 - t0; split[i] = t3 - t1; vecOnly[i] = t2 - t1;
                }
                Arrays.sort(now); Arrays.sort(split); Arrays.sort(vecOnly);
                System.out.printf(Locale.ROOT, "round %d  hit+vector x30 p50 %.3f ms   vector+hash x30 then hit x12 p50 %.3f ms (first take alone %.3f)%n", round, now[100] / 1e6, split[100] / 1e6, vecOnly[100] / 1e6);
            }
        }
    }
}
