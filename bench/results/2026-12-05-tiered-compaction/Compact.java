import dev.mvs.engine.Engine;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/**
 * The threshold compaction of chunks.lance, both ways, on a copy: args CHUNKS_LANCE MODE, MODE "whole" (every index
 * segment merged, then every fragment compacted: the policy before) or "tiered" (the segments after each index's
 * largest merged, then fragments below the target size compacted). Then the run's usual delta optimize, and a check.
 */
public class Compact {
    public static void main(String[] a) throws Exception {
        Path chunks = Path.of(a[0]);
        try (Engine engine = Engine.start(2); Table t = Table.open(engine.runtime(), chunks)) {
            TableStats before = t.stats();
            long t0 = System.nanoTime();
            if (a[1].equals("whole")) {
                t.optimizeIndices(TableMaintenance.MERGE_ALL_SEGMENTS);
                long t1 = System.nanoTime();
                t.compact(0);
                System.out.printf(Locale.ROOT, "merge %d ms, compact %d ms%n", (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            } else {
                t.optimizeIndices(Table.MERGE_AFTER_LARGEST);
                long t1 = System.nanoTime();
                t.compact(TableMaintenance.tableFragmentRows(before.rows()));
                System.out.printf(Locale.ROOT, "merge %d ms, compact %d ms%n", (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            }
            long t2 = System.nanoTime();
            t.optimizeIndices(Table.APPEND_DELTA);
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%s: %d ms (then a delta optimize %d ms); %s -> %s%n", a[1], (t2 - t0) / 1_000_000, (t3 - t2) / 1_000_000,
                    before, t.stats());
            System.out.println("  " + t.indexes());
            ResultRows hits = t.fullTextSearchRows(FullTextQuery.of("concurrent hash map", 10).withColumns("path"));
            System.out.println("  full-text hits " + hits.size() + ", first " + (hits.size() > 0 ? hits.text("path", 0) : "-"));
        }
    }
}
