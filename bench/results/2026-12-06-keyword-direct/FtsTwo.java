import dev.mvs.bench.SearchBenchmark;
import dev.mvs.engine.Engine;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/** INDEX ROUNDS: the keyword side's parts by hand on chunks.lance: full-text query for row ids (k 50), the same for a word no chunk has, and the take of 50 rows' 8 columns. p50 of 200 queries per round. */
public class FtsTwo {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        Path cp;
        try (var st = Files.list(index)) { cp = st.filter(p -> p.getFileName().toString().startsWith("gen-")).findFirst().orElseThrow().resolve("chunks.lance"); }
        List<String> cols = List.of("chunk_id", "path", "start_line", "end_line", "symbol", "kind", "content", "content_hash");
        try (Engine engine = Engine.start(2); Table tb = Table.openForReading(engine.runtime(), cp, Table.LATEST)) {
            List<String> qs = SearchBenchmark.generatedQueries(engine.runtime(), index, 200);
            for (int r = 0; r < Integer.parseInt(a[1]); r++) {
                List<List<String>> sets = List.of(cols.subList(1, 8), List.of("path", "start_line", "end_line", "symbol", "kind", "content_hash"), List.of("content"));
                long[][] t = new long[sets.size()][200];
                for (int i = 0; i < 200; i++) {
                    ResultRows f = tb.fullTextSearchRows(FullTextQuery.of(qs.get(i), 50).inColumns("content").withColumns("_rowid"));
                    long[] ids = new long[f.size()];
                    for (int j = 0; j < ids.length; j++) ids[j] = f.int64("_rowid", j);
                    for (int c = 0; c < sets.size(); c++) {
                        long t0 = System.nanoTime();
                        tb.takeRowsResult(c == 2 ? Arrays.copyOf(ids, Math.min(10, ids.length)) : ids, sets.get(c));
                        t[c][i] = System.nanoTime() - t0;
                    }
                }
                StringBuilder line = new StringBuilder("round " + r);
                for (int c = 0; c < sets.size(); c++) { Arrays.sort(t[c]); line.append(String.format(Locale.ROOT, "  %s %.2f", sets.get(c).size() == 8 ? "all" : sets.get(c).size() == 7 ? "all-but-chunk_id" : String.join("+", sets.get(c)), t[c][100] / 1e6)); }
                System.out.println(line);
            }
        }
    }
}
