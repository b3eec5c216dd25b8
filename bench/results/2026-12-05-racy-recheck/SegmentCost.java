import dev.mvs.engine.Engine;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/**
 * args CHUNKS_LANCE: on a copy, what the runs' index segments cost. Keyword search and a path lookup (as phase 1's
 * deletes filter) timed before, then the merge of the segments after each index's largest and the compaction
 * toward the target timed, then the same searches again.
 */
public class SegmentCost {
    static final String[] WORDS = {"concurrent hash map", "socket timeout", "parse integer", "thread pool executor", "unicode normalize",
            "zip entry", "file channel lock", "regex pattern", "date time format", "json decoder"};

    public static void main(String[] a) throws Exception {
        try (Engine engine = Engine.start(2); Table t = Table.open(engine.runtime(), Path.of(a[0]))) {
            List<String> paths = new ArrayList<>();
            ResultRows some = t.scanRows(ScanRequest.all().withColumns("path").withLimit(5000));
            for (int i = 0; i < some.size(); i += 50) paths.add(some.text("path", i));
            System.out.println("before " + t.stats() + " segments " + segs(t));
            measure(t, paths);
            long t0 = System.nanoTime();
            t.optimizeIndices(Table.MERGE_AFTER_LARGEST);
            long t1 = System.nanoTime();
            t.compact(TableMaintenance.tableFragmentRows(t.stats().rows()));
            long t2 = System.nanoTime();
            t.optimizeIndices(Table.APPEND_DELTA);
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "merge %d ms, compact %d ms, delta %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            System.out.println("after " + t.stats() + " segments " + segs(t));
            measure(t, paths);
        }
    }

    static String segs(Table t) {
        StringBuilder b = new StringBuilder();
        for (IndexInfo i : t.indexes()) b.append(i.name()).append('=').append(i.segments()).append(' ');
        return b.toString();
    }

    static void measure(Table t, List<String> paths) {
        for (int round = 0; round < 3; round++) {
            List<Long> fts = new ArrayList<>(), lookup = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
                for (String w : WORDS) {
                    long s = System.nanoTime();
                    t.fullTextSearchRows(FullTextQuery.of(w, 10).withColumns("path"));
                    fts.add(System.nanoTime() - s);
                }
            }
            for (String p : paths) {
                long s = System.nanoTime();
                t.countRows("path IN ('" + p.replace("'", "''") + "')");
                lookup.add(System.nanoTime() - s);
            }
            Collections.sort(fts);
            Collections.sort(lookup);
            System.out.printf(Locale.ROOT, "  keyword p50 %.2f ms, path lookup p50 %.2f ms%n", fts.get(fts.size() / 2) / 1e6, lookup.get(lookup.size() / 2) / 1e6);
        }
    }
}
