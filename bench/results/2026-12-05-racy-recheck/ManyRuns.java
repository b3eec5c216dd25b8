import dev.mvs.engine.Engine;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/**
 * args CHUNKS_LANCE RUNS MODE...: on a copy of a freshly built chunks.lance, RUNS simulated one-file runs (a file's
 * rows deleted and appended again, their index rows as a delta segment), and the threshold compaction as
 * TableMaintenance does it with the given merge MODE (-2 every segment after the largest, -3 tiered). Prints each
 * compaction's time, fragments and segments, then the median and maximum. Files are picked with a fixed seed.
 */
public class ManyRuns {
    public static void main(String[] a) throws Exception {
        Path src = Path.of(a[0]);
        int runs = Integer.parseInt(a[1]);
        try (Engine engine = Engine.start(2)) {
            for (int k = 2; k < a.length; k++) {
                int mode = Integer.parseInt(a[k]);
                Path copy = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "many-");
                MergeCost.copyTree(src, copy.resolve("chunks.lance"));
                try (Table t = Table.open(engine.runtime(), copy.resolve("chunks.lance"))) {
                    List<String> paths = new ArrayList<>(new TreeSet<>(column(t, "path")));
                    Random random = new Random(42);
                    List<Long> compactions = new ArrayList<>();
                    for (int run = 1; run <= runs; run++) {
                        String p = paths.get(random.nextInt(paths.size()));
                        String where = "path = '" + p.replace("'", "''") + "'";
                        ResultRows rows = t.scanRows(ScanRequest.all().withFilter(where).withColumns("_rowid"));
                        if (rows.size() == 0) continue;
                        var reader = t.scan(ScanRequest.all().withFilter(where));
                        Path stash = copy.resolve("stash.lance");
                        try (Table s = Table.create(engine.runtime(), stash, reader)) {
                            t.delete(where);
                            t.append(s.scan(ScanRequest.all()));
                        }
                        MergeCost.deleteTree(stash);
                        long t0 = System.nanoTime();
                        String what = compactIfNeeded(t, mode);
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        t.optimizeIndices(Table.APPEND_DELTA);
                        if (what != null) {
                            compactions.add(ms);
                            System.out.printf(Locale.ROOT, "mode %d run %d: compaction %d ms (%s) -> %d fragments, segments %s%n", mode, run, ms, what,
                                    t.stats().fragments(), segments(t));
                        }
                    }
                    List<Long> sorted = new ArrayList<>(compactions);
                    Collections.sort(sorted);
                    System.out.printf(Locale.ROOT, "mode %d: %d compactions in %d runs, median %d ms, max %d ms; last %s%n", mode, compactions.size(), runs,
                            sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2), sorted.isEmpty() ? 0 : sorted.getLast(), t.stats());
                }
                MergeCost.deleteTree(copy);
            }
        }
    }

    /** TableMaintenance's threshold compaction, with the merge mode given. */
    static String compactIfNeeded(Table t, int mode) {
        TableStats stats = t.stats();
        long target = TableMaintenance.tableFragmentRows(stats.rows());
        if (!over(stats, target)) return null;
        t.optimizeIndices(mode);
        t.compact(target);
        if (!over(t.stats(), target)) return "tiered";
        t.optimizeIndices(TableMaintenance.MERGE_ALL_SEGMENTS);
        t.compact(target);
        return "whole";
    }

    static boolean over(TableStats s, long target) {
        long max = TableMaintenance.MAX_FRAGMENTS + s.rows() / target;
        long physical = s.rows() + s.deletedRows();
        return s.fragments() > max || (physical > 0 && s.deletedRows() > TableMaintenance.MAX_DELETED_FRACTION * physical);
    }

    static String segments(Table t) {
        StringBuilder b = new StringBuilder();
        for (IndexInfo i : t.indexes()) b.append(i.segments()).append(' ');
        return b.toString().trim();
    }

    static List<String> column(Table t, String name) {
        ResultRows r = t.scanRows(ScanRequest.all().withColumns(name));
        List<String> out = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) out.add(r.text(name, i));
        return out;
    }
}
