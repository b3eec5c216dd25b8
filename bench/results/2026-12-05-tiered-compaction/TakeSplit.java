import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Per index: the vector query with hit,vector projected, against the same query returning _rowid then a take of hit,vector: args QUERIES ROUNDS INDEX... */
public class TakeSplit {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), rounds = Integer.parseInt(a[1]);
        List<Path> idx = new ArrayList<>();
        for (int i = 2; i < a.length; i++) idx.add(Path.of(a[i]));
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(idx.get(0))) {
            List<String> qs = dev.mvs.bench.SearchBenchmark.generatedQueries(engine.runtime(), idx.get(0), n);
            List<float[]> vs = new ArrayList<>();
            for (int i = 0; i < qs.size(); i++) vs.add(s.embed(qs.get(i)).clone());
            List<Table> tables = new ArrayList<>();
            for (Path x : idx) {
                Path p = x.resolve("gen-000001/vectors.lance");
                long v; try (Table t = Table.open(engine.runtime(), p)) { v = t.version(); }
                tables.add(Table.openForReading(engine.runtime(), p, v));
            }
            // check once that both ways give the same rows
            for (Table t : tables) {
                ResultRows r1 = t.nearestRows(NearestQuery.of("vector", vs.get(0), 30).withNprobes(197).withColumns("chunk_id", "_rowid"));
                System.out.println(t.path().getParent().getParent() + " columns " + r1.columnNames() + " first " + r1.int64("_rowid", 0));
            }
            for (int r = 0; r < rounds + 1; r++) {
                long[][][] tt = new long[tables.size()][3][vs.size()];
                for (int i = 0; i < vs.size(); i++) {
                    for (int j = 0; j < tables.size(); j++) {
                        Table t = tables.get(j);
                        for (int m0 = 0; m0 < 3; m0++) {
                            int m = (m0 + i) % 3;
                            long t0 = System.nanoTime();
                            if (m == 2) {
                                t.nearestRows(NearestQuery.of("vector", vs.get(i), 30).withNprobes(197).withColumns("_rowid"));
                            } else if (m == 0) {
                                t.nearestRows(NearestQuery.of("vector", vs.get(i), 30).withNprobes(197).withColumns("hit", "vector"));
                            } else {
                                ResultRows ids = t.nearestRows(NearestQuery.of("vector", vs.get(i), 30).withNprobes(197).withColumns("_rowid"));
                                long[] rowIds = new long[ids.size()];
                                for (int k = 0; k < rowIds.length; k++) rowIds[k] = ids.int64("_rowid", k);
                                try (ArrowReader rd = t.takeRows(rowIds, List.of("hit", "vector"))) { while (rd.loadNextBatch()) { } }
                            }
                            tt[j][m][i] = System.nanoTime() - t0;
                        }
                    }
                }
                if (r == 0) continue; // warm-up
                StringBuilder line = new StringBuilder("round " + r + ":");
                for (int j = 0; j < tables.size(); j++) {
                    line.append(String.format(Locale.ROOT, "  %s projected %.2f ms, rowid+take %.2f ms, rowid only %.2f ms", idx.get(j).getFileName(), p50(tt[j][0]), p50(tt[j][1]), p50(tt[j][2])));
                }
                System.out.println(line);
            }
        }
    }
    static double p50(long[] x) { long[] c = x.clone(); Arrays.sort(c); return c[c.length / 2] / 1e6; }
}
