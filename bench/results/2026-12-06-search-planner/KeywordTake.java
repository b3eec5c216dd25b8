import dev.mvs.bench.SearchBenchmark;
import dev.mvs.engine.Engine;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/** INDEX QUERIES ROUNDS: BM25 top 50 on chunks.lance, the 8 result columns projected in the query (now) or _rowid only then a take. */
public class KeywordTake {
    static final List<String> COLS = List.of("chunk_id", "path", "start_line", "end_line", "symbol", "kind", "content", "content_hash");
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        int n = Integer.parseInt(a[1]), rounds = Integer.parseInt(a[2]);
        Path chunks;
        try (var s = Files.list(index)) { chunks = s.filter(p -> p.getFileName().toString().startsWith("gen-")).findFirst().orElseThrow().resolve("chunks.lance"); }
        try (Engine engine = Engine.start(2); Table t = Table.open(engine.runtime(), chunks)) {
            List<String> qs = SearchBenchmark.generatedQueries(engine.runtime(), index, n);
            int ties = 0; // same rows both ways
            for (String q : qs.subList(0, 20)) {
                ResultRows p = t.fullTextSearchRows(FullTextQuery.of(q, 50).inColumns("content").withColumns(COLS.toArray(String[]::new)));
                ResultRows ids = t.fullTextSearchRows(FullTextQuery.of(q, 50).inColumns("content").withColumns("_rowid"));
                long[] r = new long[ids.size()];
                for (int i = 0; i < r.length; i++) r[i] = ids.int64("_rowid", i);
                ResultRows took = t.takeRowsResult(r, COLS);
                if (took.size() != p.size()) throw new IllegalStateException(q + ": " + took.size() + " vs " + p.size());
                Map<String, Float> a1 = new HashMap<>(), a2 = new HashMap<>();
                for (int i = 0; i < p.size(); i++) {
                    a1.put(p.text("chunk_id", i), p.float32("_score", i));
                    a2.put(took.text("chunk_id", i), ids.float32("_score", i));
                }
                if (!a1.equals(a2)) { ties++; System.out.println("differs (ties at the cut?) " + q); }
            }
            System.out.println("same chunks with the same scores for " + (20 - ties) + " of 20 queries");
            for (int round = 0; round < rounds; round++) {
                long[] proj = new long[qs.size()], take = new long[qs.size()];
                for (int i = 0; i < qs.size(); i++) {
                    String q = qs.get(i);
                    long t0 = System.nanoTime();
                    t.fullTextSearchRows(FullTextQuery.of(q, 50).inColumns("content").withColumns(COLS.toArray(String[]::new)));
                    long t1 = System.nanoTime();
                    ResultRows ids = t.fullTextSearchRows(FullTextQuery.of(q, 50).inColumns("content").withColumns("_rowid"));
                    long[] r = new long[ids.size()];
                    for (int j = 0; j < r.length; j++) r[j] = ids.int64("_rowid", j);
                    t.takeRowsResult(r, COLS);
                    long t2 = System.nanoTime();
                    proj[i] = t1 - t0; take[i] = t2 - t1;
                }
                Arrays.sort(proj); Arrays.sort(take);
                System.out.printf(Locale.ROOT, "round %d  projected p50 %.2f ms  rowid+take p50 %.2f ms%n", round, proj[n / 2] / 1e6, take[n / 2] / 1e6);
            }
        }
    }
}
