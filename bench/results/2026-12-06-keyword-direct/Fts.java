import dev.mvs.bench.SearchBenchmark;
import dev.mvs.engine.Engine;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/** INDEX ROUNDS: the keyword side's parts by hand on chunks.lance: full-text query for row ids (k 50), the same for a word no chunk has, and the take of 50 rows' 8 columns. p50 of 200 queries per round. */
public class Fts {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        Path cp;
        try (var st = Files.list(index)) { cp = st.filter(p -> p.getFileName().toString().startsWith("gen-")).findFirst().orElseThrow().resolve("chunks.lance"); }
        List<String> cols = List.of("chunk_id", "path", "start_line", "end_line", "symbol", "kind", "content", "content_hash");
        try (Engine engine = Engine.start(2); Table t = Table.openForReading(engine.runtime(), cp, Table.LATEST)) {
            List<String> qs = SearchBenchmark.generatedQueries(engine.runtime(), index, 200);
            for (int r = 0; r < Integer.parseInt(a[1]); r++) {
                long[] q = new long[200], none = new long[200], take = new long[200];
                for (int i = 0; i < 200; i++) {
                    long t0 = System.nanoTime();
                    ResultRows f = t.fullTextSearchRows(FullTextQuery.of(qs.get(i), 50).inColumns("content").withColumns("_rowid"));
                    long t1 = System.nanoTime();
                    t.fullTextSearchRows(FullTextQuery.of("zqxjvwkq", 50).inColumns("content").withColumns("_rowid"));
                    long t2 = System.nanoTime();
                    long[] ids = new long[f.size()];
                    for (int j = 0; j < ids.length; j++) ids[j] = f.int64("_rowid", j);
                    t.takeRowsResult(ids, cols);
                    long t3 = System.nanoTime();
                    q[i] = t1 - t0; none[i] = t2 - t1; take[i] = t3 - t2;
                }
                Arrays.sort(q); Arrays.sort(none); Arrays.sort(take);
                System.out.printf(Locale.ROOT, "round %d  full-text query p50 %.2f  query for no match %.2f  take of 50 %.2f ms%n", r, q[100] / 1e6, none[100] / 1e6, take[100] / 1e6);
            }
        }
    }
}
