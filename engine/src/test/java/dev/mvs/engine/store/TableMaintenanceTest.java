package dev.mvs.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.ResultRows;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threshold compaction of files.lance and chunks.lance combines the small fragments runs appended and leaves
 * what a build wrote alone, index segments included: a full one took 10.7 s of a one-file run at 240k chunks.
 */
class TableMaintenanceTest {

    /** Rows of one "build" fragment: above {@link TableMaintenance#MIN_TABLE_FRAGMENT_ROWS}, so not a candidate. */
    private static final int BUILD_FRAGMENT_ROWS = 20_000;
    /** Rows a run appends in the tiered test: a few dozen files' worth, so runs' segments grow past the merge floor. */
    private static final int RUN_ROWS = 200;

    @TempDir
    Path dir;

    private NativeRuntime runtime;
    private GenerationTables tables;
    private final List<String> progress = new ArrayList<>();
    private TableMaintenance maintenance;

    @BeforeEach
    void setUp() throws IOException {
        runtime = NativeRuntime.create(2);
        tables = new GenerationTables(runtime, new IndexLayout(dir).generation("gen-000001"));
        maintenance = new TableMaintenance(progress::add, TableMaintenance.DEFAULT_VECTOR_INDEX_MIN_ROWS);
    }

    @AfterEach
    void tearDown() {
        tables.close();
        runtime.close();
    }

    @Test
    void aThresholdCompactionCombinesWhatRunsAppendedAndLeavesTheBuildsFragmentsAlone() throws Exception {
        append("build-a-", BUILD_FRAGMENT_ROWS);
        append("build-b-", BUILD_FRAGMENT_ROWS);
        maintenance.runPhase1Tables(tables);
        Table files = tables.files();
        Set<Long> built = fragmentIds(files);
        assertEquals(2, built.size());

        int runs = 0;
        while (maintenance.runPhase1Tables(tables).compactions() == 0) {
            runs++;
            assertTrue(runs < 40, "no compaction after " + runs + " runs");
            // A run: one file of the build edited (its row deleted), one new file appended.
            files.delete(IndexSchemas.PATH + " = 'build-a-" + runs + "'");
            append("run-" + runs + "-", 1);
        }

        Set<Long> after = fragmentIds(files);
        assertTrue(after.containsAll(built), "the build's fragments were rewritten: " + built + " -> " + after);
        assertTrue(after.size() <= built.size() + 2, "fragments after the compaction: " + after);
        assertEquals(2L * BUILD_FRAGMENT_ROWS, files.countRows());
        assertTrue(files.indexes().stream().allMatch(i -> i.rowsUnindexed() == 0), files.indexes().toString());
        // The build's segment as it was (not merged, not remapped), and one for everything the runs added.
        assertTrue(files.indexes().stream().allMatch(i -> i.segments() == 2), files.indexes().toString());
        assertEquals(1, files.scanRows(ScanRequest.all().withFilter(IndexSchemas.PATH + " = 'run-" + runs + "-0'")).size());
        assertEquals(0, files.scanRows(ScanRequest.all().withFilter(IndexSchemas.PATH + " = 'build-a-1'")).size());
        assertFalse(progress.stream().anyMatch(p -> p.contains("whole")), progress.toString());
    }

    @Test
    void laterThresholdCompactionsLeaveAnOlderRunsSegmentAloneUntilTheNewerRowsCatchUp() throws Exception {
        append("build-a-", BUILD_FRAGMENT_ROWS);
        append("build-b-", BUILD_FRAGMENT_ROWS);
        maintenance.runPhase1Tables(tables);
        Table files = tables.files();
        int run = 0;
        List<Long> segmentsAfter = new ArrayList<>();
        while (segmentsAfter.size() < 4) {
            run++;
            assertTrue(run < 200, "compactions after " + run + " runs: " + segmentsAfter);
            append("run-" + run + "-", RUN_ROWS);
            if (maintenance.runPhase1Tables(tables).compactions() > 0) {
                segmentsAfter.add(files.indexes().getFirst().segments());
            }
        }
        // Each cycle appends about 3,000 rows: the runs' segment takes the next two cycles' rows (they reach half
        // its size), then at 9,000 rows it is left alone, beside a segment of the fourth cycle's rows.
        assertEquals(List.of(2L, 2L, 2L, 3L), segmentsAfter);
        assertFalse(progress.stream().anyMatch(p -> p.contains("whole")), progress.toString());
        assertEquals(2L * BUILD_FRAGMENT_ROWS + (long) run * RUN_ROWS, files.countRows());
        assertTrue(files.indexes().stream().allMatch(i -> i.rowsUnindexed() == 0), files.indexes().toString());
        assertEquals(1, files.scanRows(ScanRequest.all().withFilter(IndexSchemas.PATH + " = 'run-1-7'")).size());
    }

    @Test
    void aLargeAppendAfterManySmallOnesStillBringsTheTableUnderItsFragmentLimit() throws Exception {
        // Small runs first, each fragment with its own index segment, then one large one: the largest segment
        // is the last, so merging the segments after it cannot bring the small fragments together.
        for (int run = 0; run < TableMaintenance.MAX_FRAGMENTS; run++) {
            append("small-" + run + "-", 1);
            assertEquals(0, maintenance.runPhase1Tables(tables).compactions());
        }
        append("large-", BUILD_FRAGMENT_ROWS);
        maintenance.runPhase1Tables(tables);
        int runs = 0;
        while (maintenance.runPhase1Tables(tables).compactions() == 0) {
            runs++;
            assertTrue(runs < 10, "no compaction after " + runs + " runs");
            append("after-" + runs + "-", 1);
        }
        Table files = tables.files();
        long limit = TableMaintenance.MAX_FRAGMENTS + files.countRows() / TableMaintenance.tableFragmentRows(files.countRows());
        assertTrue(files.stats().fragments() <= limit, files.stats() + " against a limit of " + limit);
        assertTrue(progress.stream().anyMatch(p -> p.contains("whole")), progress.toString());
        assertEquals(TableMaintenance.MAX_FRAGMENTS + BUILD_FRAGMENT_ROWS + runs, files.countRows());
    }

    private void append(String prefix, int rows) {
        List<FileRow> files = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            files.add(new FileRow(prefix + i, "h" + prefix + i, i, i, "text", 1));
        }
        tables.appendFiles(ArrowRows.files(runtime.allocator(), files));
    }

    /** The fragments holding live rows (a row id is the row address here: fragment id in the upper 32 bits). */
    private static Set<Long> fragmentIds(Table table) {
        ResultRows rows = table.scanRows(ScanRequest.all().withColumns("_rowid"));
        Set<Long> ids = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            ids.add(rows.int64("_rowid", i) >>> 32);
        }
        return ids;
    }
}
