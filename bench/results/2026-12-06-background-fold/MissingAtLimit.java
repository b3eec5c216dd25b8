import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/**
 * A B: takes copy A of vectors.lance to the limit of fragments deleted whole the engine's query serves (8): the rows of
 * 8 files of python/email/ appended as a fragment each, folded into the index, then the files deleted (their copies'
 * fragments deleted whole, their originals' rows deleted). B is the same table fully restored. Then times the row-id
 * query (the engine's nprobes, k 10) for the vectors of the deleted rows themselves, where the index's rows of the
 * gone fragments are the nearest: A against B, alternated, 5 rounds, p50 of each.
 */
public class MissingAtLimit {
    public static void main(String[] a) throws Exception {
        List<float[]> queries = new ArrayList<>();
        try (NativeRuntime rt = NativeRuntime.create(2); Table t = Table.open(rt, Path.of(a[0]))) {
            ResultRows paths = t.scanRows(ScanRequest.all().withColumns(IndexSchemas.PATH).withFilter("path LIKE 'python/email/%'"));
            SortedSet<String> distinct = new TreeSet<>();
            for (int i = 0; i < paths.size(); i++) distinct.add(paths.text(IndexSchemas.PATH, i));
            List<String> eight = new ArrayList<>(distinct).subList(0, 8);
            for (String p : eight) t.append(t.scan(ScanRequest.all().withFilter("path = '" + p + "'")));
            System.out.println("appended " + t.vectorIndexHealth("vector_idx"));
            System.out.println("folded " + t.restoreVectorFastPath("vector_idx", 2048, 0) + " " + t.vectorIndexHealth("vector_idx"));
            for (String p : eight) {
                ResultRows v = t.scanRows(ScanRequest.all().withColumns(IndexSchemas.VECTOR).withFilter("path = '" + p + "'"));
                for (int i = 0; i < v.size(); i++) queries.add(v.floatVector(IndexSchemas.VECTOR, i).clone());
                t.delete("path = '" + p + "'");
            }
            System.out.println("deleted " + t.vectorIndexHealth("vector_idx") + "; " + queries.size() + " queries");
        }
        Path b = Path.of(a[1]);
        try (var files = Files.walk(Path.of(a[0]))) {
            for (Path p : files.toList()) Files.copy(p, b.resolve(Path.of(a[0]).relativize(p).toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        try (NativeRuntime rt = NativeRuntime.create(2); Table ta = Table.open(rt, Path.of(a[0])); Table tb = Table.open(rt, b)) {
            System.out.println("B restored " + tb.restoreVectorFastPath("vector_idx", 2048, 0) + " " + tb.vectorIndexHealth("vector_idx"));
            SearchRequest.VectorSetting s = SearchRequest.defaultVectorSetting(ta.countRows(), 384, "IVF_RQ");
            for (int round = 0; round < 6; round++) {
                long[] na = new long[queries.size()], nb = new long[queries.size()];
                for (int i = 0; i < queries.size(); i++) {
                    for (int side = 0; side < 2; side++) {
                        boolean isA = (side == 0) == ((i + round) % 2 == 0);
                        Table t = isA ? ta : tb;
                        long t0 = System.nanoTime();
                        ResultRows r = t.nearestRows(NearestQuery.of(IndexSchemas.VECTOR, queries.get(i), 10).withNprobes(s.nprobes()).withColumns(IndexSchemas.ROW_ID));
                        long n = System.nanoTime() - t0;
                        if (r.size() != 10) throw new IllegalStateException("got " + r.size());
                        if (isA) na[i] = n; else nb[i] = n;
                    }
                }
                if (round == 0) continue; // warm-up
                Arrays.sort(na); Arrays.sort(nb);
                System.out.printf(Locale.ROOT, "round %d: A (8 fragments deleted whole) p50 %.2f ms, B (restored) p50 %.2f ms, ratio %.3f%n", round,
                        na[na.length / 2] / 1e6, nb[nb.length / 2] / 1e6, (double) na[na.length / 2] / nb[nb.length / 2]);
            }
        }
    }
}
