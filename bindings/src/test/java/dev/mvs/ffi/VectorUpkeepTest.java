package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector index's health (what keeps searches off Lance's batched kernel) and its restore:
 * each of the three causes is seen, the restore clears them all without a retrain, and no deleted
 * row comes back nor any live row goes missing from searches.
 */
class VectorUpkeepTest {

    private static final String INDEX = "vector_idx";

    @TempDir
    Path dir;

    private NativeRuntime runtime;
    private Table table;

    @BeforeEach
    void setUp() {
        runtime = NativeRuntime.create(2);
        // Three fragments: ids 0-3999, 4000-4999, 5000-5999.
        table = Table.create(runtime, dir.resolve("t.lance"), VectorRows.reader(runtime.allocator(), 0, 4_000));
        table.append(VectorRows.reader(runtime.allocator(), 4_000, 5_000));
        table.append(VectorRows.reader(runtime.allocator(), 5_000, 6_000));
        table.createVectorIndex("vector", INDEX, spec());
    }

    /** The index kept up: IVF_PQ here, the pipeline's IVF_RQ in {@link VectorUpkeepRqTest}. */
    VectorIndexSpec spec() {
        return VectorIndexSpec.ivfPq(8, 8);
    }

    @AfterEach
    void tearDown() {
        table.close();
        runtime.close();
    }

    /** The four causes: segments, covered fragments with deletions, missing fragments, uncovered fragments. */
    private static List<Long> causes(VectorIndexHealth h) {
        return List.of(h.segments(), h.fragmentsWithDeletions(), h.missingFragments(), h.uncoveredFragments());
    }

    @Test
    void aFreshIndexIsOnTheFastPathAndIsLeftAlone() {
        VectorIndexHealth health = table.vectorIndexHealth(INDEX);
        assertEquals(List.of(1L, 0L, 0L, 0L), causes(health));
        assertTrue(health.onFastPath());
        long version = table.version();
        assertFalse(table.restoreVectorFastPath(INDEX, 0).merged());
        assertEquals(version, table.version(), "nothing to do writes no version");
    }

    @Test
    void eachCauseIsSeenAndTheRestoreClearsThemKeepingExactlyTheLiveRows() throws IOException {
        table.delete("id < 10");
        assertEquals(List.of(1L, 1L, 0L, 0L), causes(table.vectorIndexHealth(INDEX)), "(a) a deletion file");
        assertEquals(10, table.vectorIndexHealth(INDEX).deletedRows());
        assertTrue(table.vectorIndexHealth(INDEX).servedDirectly(), "ten deleted rows: the engine's query filters them");
        table.delete("id >= 4000 AND id < 5000");
        assertEquals(List.of(1L, 1L, 1L, 0L), causes(table.vectorIndexHealth(INDEX)), "(b) a fragment deleted whole");
        assertTrue(table.vectorIndexHealth(INDEX).servedDirectly(), "a fragment deleted whole: the engine's query drops its rows");
        table.append(VectorRows.reader(runtime.allocator(), 6_000, 6_500));
        assertEquals(List.of(1L, 1L, 1L, 1L), causes(table.vectorIndexHealth(INDEX)), "(c) rows no segment covers");
        assertEquals(500, table.vectorIndexHealth(INDEX).uncoveredRows());
        table.optimizeIndices(Table.APPEND_DELTA);
        assertEquals(List.of(2L, 1L, 1L, 0L), causes(table.vectorIndexHealth(INDEX)), "a delta segment covers them");

        VectorUpkeepStats stats = table.restoreVectorFastPath(INDEX, 0);

        assertTrue(stats.merged());
        assertEquals(1, stats.fragmentsRewritten(), "the live rows of the fragment with deletions were moved: " + stats);
        assertEquals(2, stats.missingFragmentsPruned(), "the fragment deleted whole and the one moved: " + stats);
        assertEquals(List.of(1L, 0L, 0L, 0L), causes(table.vectorIndexHealth(INDEX)));
        assertEquals(6_500 - 10 - 1_000, table.countRows());
        for (long deleted : new long[] {3, 4_321}) {
            List<Long> near = nearest(deleted, 10);
            assertEquals(10, near.size());
            assertTrue(near.stream().noneMatch(VectorUpkeepTest::wasDeleted), "deleted rows stay deleted: " + near);
        }
        for (long live : new long[] {10, 3_999, 5_000, 5_999, 6_000, 6_499}) {
            // Found by its codes, every partition probed: a row the index lost would not be. Not checked as the
            // first hit: on IVF_RQ (a random rotation per build) the last moved row, 3,999, came 2nd to 35th in
            // about 5 of 100 builds while the exact search found it first, so its code after the merge is
            // coarser than before the move, in some builds (an open question, issue 18's note of 2026-12-06).
            assertTrue(nearest(live, 100).contains(live), "a live row is found by its vector");
        }
    }

    @Test
    void theEnginesQueryServesOnlyASmallGap() {
        // Up to 1,024 deleted rows under the index, 512 rows in up to 8 fragments outside it (native nearest.rs).
        table.delete("id < 4000 AND id % 3 = 0 AND id < 3072");
        assertEquals(1_024, table.vectorIndexHealth(INDEX).deletedRows());
        assertTrue(table.vectorIndexHealth(INDEX).servedDirectly(), table.vectorIndexHealth(INDEX).toString());
        table.delete("id = 3073");
        assertFalse(table.vectorIndexHealth(INDEX).servedDirectly(), "1,025 deleted rows: " + table.vectorIndexHealth(INDEX));
        table.restoreVectorFastPath(INDEX, 0);
        for (int i = 0; i < 8; i++) {
            table.append(VectorRows.reader(runtime.allocator(), 6_000 + i * 64, 6_000 + (i + 1) * 64));
        }
        assertEquals(512, table.vectorIndexHealth(INDEX).uncoveredRows());
        assertTrue(table.vectorIndexHealth(INDEX).servedDirectly(), table.vectorIndexHealth(INDEX).toString());
        table.append(VectorRows.reader(runtime.allocator(), 6_512, 6_513));
        assertFalse(table.vectorIndexHealth(INDEX).servedDirectly(), "9 fragments, 513 rows: " + table.vectorIndexHealth(INDEX));
    }

    @Test
    void theEnginesQueryServesUpToEightFragmentsDeletedWhole() {
        try (Table small = Table.create(runtime, dir.resolve("small.lance"), VectorRows.reader(runtime.allocator(), 0, 1_000))) {
            for (int i = 0; i < 9; i++) {
                small.append(VectorRows.reader(runtime.allocator(), 1_000 + i * 10, 1_000 + (i + 1) * 10));
            }
            small.createVectorIndex("vector", INDEX, spec());
            for (int i = 0; i < 8; i++) {
                small.delete("id >= " + (1_000 + i * 10) + " AND id < " + (1_000 + (i + 1) * 10));
            }
            assertEquals(8, small.vectorIndexHealth(INDEX).missingFragments());
            assertTrue(small.vectorIndexHealth(INDEX).servedDirectly(), small.vectorIndexHealth(INDEX).toString());
            small.delete("id >= 1080 AND id < 1090");
            assertFalse(small.vectorIndexHealth(INDEX).servedDirectly(), "9 fragments deleted whole: " + small.vectorIndexHealth(INDEX));
        }
    }

    @Test
    void aRestoreThatMayLeaveDeletedRowsMovesTheFragmentsWithTheMost() throws IOException {
        table.delete("id < 100");                   // 100 deleted rows in the first fragment
        table.delete("id >= 5000 AND id < 5010");   // 10 in the third
        table.append(VectorRows.reader(runtime.allocator(), 6_000, 6_100));

        VectorUpkeepStats stats = table.restoreVectorFastPath(INDEX, 0, 50);

        assertEquals(1, stats.fragmentsRewritten(), "only the fragment with 100 deleted rows: " + stats);
        assertTrue(stats.merged());
        VectorIndexHealth health = table.vectorIndexHealth(INDEX);
        assertEquals(List.of(1L, 1L, 0L, 0L), causes(health), health.toString());
        assertEquals(10, health.deletedRows());
        assertTrue(health.servedDirectly(), health.toString());
        for (long deleted : new long[] {3, 5_004}) {
            assertTrue(nearest(deleted, 10).stream().noneMatch(id -> id < 100 || (id >= 5_000 && id < 5_010)), "deleted rows stay deleted");
        }
        for (long live : new long[] {100, 5_010, 6_050}) {
            assertTrue(nearest(live, 100).contains(live), "a live row is found by its vector");
        }
    }

    @Test
    void aFragmentDeletedWholeLeavesNoRowOfItInTheIndex() throws IOException {
        table.delete("id >= 4000 AND id < 5000");
        assertEquals(List.of(1L, 0L, 1L, 0L), causes(table.vectorIndexHealth(INDEX)));

        assertEquals(1, table.restoreVectorFastPath(INDEX, 0).missingFragmentsPruned());

        // One segment and no mask left: a row of the deleted fragment still in the index would be found.
        assertEquals(List.of(1L, 0L, 0L, 0L), causes(table.vectorIndexHealth(INDEX)));
        for (long deleted : new long[] {4_000, 4_321, 4_999}) {
            List<Long> near = nearest(deleted, 10);
            assertEquals(10, near.size());
            assertTrue(near.stream().noneMatch(id -> id >= 4_000 && id < 5_000), "deleted rows stay deleted: " + near);
        }
    }

    @Test
    void theLiveRowsOfAFragmentWithDeletionsMoveIntoFragmentsOfTheTargetSize() throws IOException {
        table.createScalarIndex("id", "id_idx", ScalarIndexKind.BTREE);
        table.delete("id >= 100 AND id < 110");
        long fragmentsBefore = table.stats().fragments();

        VectorUpkeepStats stats = table.restoreVectorFastPath(INDEX, 1_000);

        assertEquals(1, stats.fragmentsRewritten(), stats.toString());
        assertEquals(4, stats.fragmentsWritten(), "3,990 live rows in fragments of at most 1,000: " + stats);
        assertEquals(fragmentsBefore - 1 + 4, table.stats().fragments());
        assertEquals(0, table.stats().deletedRows());
        assertEquals(List.of(1L, 0L, 0L, 0L), causes(table.vectorIndexHealth(INDEX)));
        // The scalar index was not rewritten: the moved rows wait for its next delta, and it still answers for every row.
        IndexInfo ids = table.indexOn("id").orElseThrow();
        assertEquals(3_990, ids.rowsUnindexed(), ids.toString());
        assertEquals(1, table.countRows("id = 3999"));
        assertEquals(0, table.countRows("id = 105"));
        for (long live : new long[] {0, 99, 110, 3_999, 4_000}) {
            // Among its 10 nearest, not first: RaBitQ codes of rows of one cluster can swap the top two.
            assertTrue(nearest(live, 10).contains(live), "a moved row is found by its vector");
        }
    }

    @Test
    void theTinyFragmentsRunsAppendAreCombinedByTheMoveOnceThereAreMoreThanEight() throws IOException {
        // Each run appends a file's new vectors as a fragment of its own, and the upkeep folds them into the index.
        int runs = 9;
        for (int run = 0; run < runs; run++) {
            table.append(VectorRows.reader(runtime.allocator(), 6_000 + 10L * run, 6_010 + 10L * run));
            VectorUpkeepStats stats = table.restoreVectorFastPath(INDEX, 1_000);
            assertTrue(stats.merged(), stats.toString());
            assertEquals(run < 8 ? 0 : 9, stats.fragmentsRewritten(), "after " + (run + 1) + " appends: " + stats);
            assertEquals(List.of(1L, 0L, 0L, 0L), causes(table.vectorIndexHealth(INDEX)));
        }
        assertEquals(3 + 1, table.stats().fragments(), "the 9 fragments of 10 rows became one");
        assertEquals(6_000 + 10L * runs, table.countRows());
        for (long live : new long[] {6_000, 6_045, 6_089, 10}) {
            assertTrue(nearest(live, 10).contains(live), "a moved row is found by its vector: " + live);
        }
    }

    @Test
    void whenEveryIndexedFragmentHasDeletionsItCompactsSoTheIndexIsNotRetrained() throws IOException {
        table.createScalarIndex("id", "id_idx", ScalarIndexKind.BTREE);
        table.delete("id IN (5, 4005, 5005)");

        VectorUpkeepStats stats = table.restoreVectorFastPath(INDEX, 0);

        assertEquals(3, stats.fragmentsRewritten(), stats.toString());
        assertEquals(List.of(1L, 0L, 0L, 0L), causes(table.vectorIndexHealth(INDEX)));
        // Compaction remapped the scalar index as well; rows moved instead would wait unindexed for its next delta.
        IndexInfo ids = table.indexOn("id").orElseThrow();
        assertEquals(0, ids.rowsUnindexed(), ids.toString());
        assertEquals(6_000 - 3, table.countRows());
        for (long live : new long[] {0, 4_006, 5_999}) {
            assertTrue(nearest(live, 10).contains(live), "a compacted row is found by its vector");
        }
    }

    @Test
    void aMissingIndexIsNotFound() {
        assertThrows(MvsException.NotFound.class, () -> table.vectorIndexHealth("no_such_idx"));
        assertThrows(MvsException.NotFound.class, () -> table.restoreVectorFastPath("no_such_idx", 0));
    }

    /** The rows the first scenario deletes: ids 0-9 and the whole second fragment. */
    private static boolean wasDeleted(long id) {
        return id < 10 || (id >= 4_000 && id < 5_000);
    }

    /** The k nearest ids to row {@code id}'s vector, every partition probed. */
    private List<Long> nearest(long id, int k) throws IOException {
        return VectorRows.longs(table.nearest(NearestQuery.of("vector", VectorRows.vector(id), k).withNprobes(8).withColumns("id")), "id");
    }
}
