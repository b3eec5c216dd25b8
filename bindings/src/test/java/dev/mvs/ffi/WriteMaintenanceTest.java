package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merge-insert, overwrite, take by row id, cleanup of old versions and storage statistics. */
class WriteMaintenanceTest {

    @TempDir
    Path dir;

    private NativeRuntime runtime;
    private Table table;

    @BeforeEach
    void setUp() {
        runtime = NativeRuntime.create(2);
        table = Table.create(runtime, dir.resolve("t.lance"), VectorRows.reader(runtime.allocator(), 0, 100));
    }

    @AfterEach
    void tearDown() {
        table.close();
        runtime.close();
    }

    @Test
    void mergeInsertUpdatesMatchedAndInsertsNewRows() throws IOException {
        MergeInsertStats stats = table.mergeInsert(List.of("id"), MergeInsertSpec.upsert(),
                VectorRows.reader(runtime.allocator(), new long[] {5, 6, 100, 101}, id -> "changed " + id));
        assertEquals(new MergeInsertStats(2, 2, 0), stats);
        assertEquals(102, table.countRows());
        assertEquals(List.of("changed 5"), VectorRows.strings(table.scan(ScanRequest.all().withColumns("text").withFilter("id = 5")), "text"));
    }

    @Test
    void mergeInsertDeletesRowsOfTheSourceScopeThatAreGone() throws IOException {
        // Replace the rows of path prefix src/m3/ (ids 3, 13, ..., 93) with just ids 3 and 13.
        MergeInsertStats stats = table.mergeInsert(List.of("id"), MergeInsertSpec.upsert().deletingUnmatched("path LIKE 'src/m3/%'"),
                VectorRows.reader(runtime.allocator(), new long[] {3, 13}, id -> "kept " + id));
        assertEquals(new MergeInsertStats(0, 2, 8), stats);
        assertEquals(List.of(3L, 13L), VectorRows.longs(table.scan(ScanRequest.all().withColumns("id").withFilter("path LIKE 'src/m3/%'")), "id"));
        assertEquals(92, table.countRows());
    }

    @Test
    void duplicateKeysInTheInputAreRejectedAndNothingChanges() {
        assertThrows(MvsException.class, () -> table.mergeInsert(List.of("id"), MergeInsertSpec.upsert(),
                VectorRows.reader(runtime.allocator(), new long[] {7, 7}, id -> "twice")));
        assertEquals(100, table.countRows());
        assertEquals(1, table.stats().version());
    }

    @Test
    void takeRowsReadsRowsByTheirRowIds() throws IOException {
        long[] rowIds;
        try (ArrowReader reader = table.scan(ScanRequest.all().withColumns("id", "_rowid").withFilter("id IN (9, 2, 50)"))) {
            assertTrue(reader.loadNextBatch());
            BigIntVector ids = (BigIntVector) reader.getVectorSchemaRoot().getVector("id");
            org.apache.arrow.vector.UInt8Vector rowid = (org.apache.arrow.vector.UInt8Vector) reader.getVectorSchemaRoot().getVector("_rowid");
            rowIds = new long[ids.getValueCount()];
            for (int i = 0; i < rowIds.length; i++) {
                rowIds[i] = rowid.get(i);
            }
        }
        assertEquals(3, rowIds.length);
        long[] reversed = {rowIds[2], rowIds[1], rowIds[0]};
        assertEquals(List.of(50L, 9L, 2L), VectorRows.longs(table.takeRows(reversed, List.of("id")), "id"));
    }

    @Test
    void takeRowsAcrossFragmentsKeepsTheAskedOrderAndRepeats() throws IOException {
        table.append(VectorRows.reader(runtime.allocator(), 100, 200));
        Map<Long, Long> rowIdOf = rowIds("id IN (3, 150, 99, 100)");
        assertEquals(2, rowIdOf.values().stream().map(r -> r >>> 32).distinct().count(), "two fragments: " + rowIdOf);
        long[] asked = {rowIdOf.get(150L), rowIdOf.get(3L), rowIdOf.get(150L), rowIdOf.get(100L), rowIdOf.get(99L)};
        for (int pass = 0; pass < 2; pass++) { // the second takes through the readers the first kept
            assertEquals(List.of(150L, 3L, 150L, 100L, 99L), VectorRows.longs(table.takeRows(asked, List.of("id")), "id"));
            ResultRows rows = table.takeRowsResult(asked, List.of("id", "text"));
            assertEquals(5, rows.size());
            assertEquals(List.of(150L, 3L, 150L, 100L, 99L), List.of(rows.int64("id", 0), rows.int64("id", 1), rows.int64("id", 2),
                    rows.int64("id", 3), rows.int64("id", 4)));
            assertEquals(VectorRows.text(99), rows.text("text", 4));
        }
    }

    @Test
    void takeRowsAfterADeleteDoesNotReturnTheDeletedRowFromAKeptReader() throws IOException {
        Map<Long, Long> rowIdOf = rowIds("id IN (8, 9, 10, 50)");
        long[] asked = {rowIdOf.get(50L), rowIdOf.get(9L)};
        assertEquals(List.of(50L, 9L), VectorRows.longs(table.takeRows(asked, List.of("id")), "id"));
        table.delete("id = 9");
        assertEquals(List.of(50L), VectorRows.longs(table.takeRows(asked, List.of("id")), "id"));
        // Live rows around the deleted one, by their addresses, through the reader kept for the fragment with the deletion.
        long[] live = {rowIdOf.get(50L), rowIdOf.get(10L), rowIdOf.get(8L)};
        for (int pass = 0; pass < 2; pass++) {
            assertEquals(List.of(50L, 10L, 8L), VectorRows.longs(table.takeRows(live, List.of("id")), "id"));
        }
        // Compacted: the rows move to a new fragment, read from the new version.
        table.compact();
        Map<Long, Long> moved = rowIds("id IN (10, 50)");
        assertEquals(List.of(10L, 50L), VectorRows.longs(table.takeRows(new long[] {moved.get(10L), moved.get(50L)}, List.of("id")), "id"));
    }

    /** Each row's {@code _rowid} by its id, for the rows {@code filter} selects. */
    private Map<Long, Long> rowIds(String filter) {
        ResultRows rows = table.scanRows(ScanRequest.all().withColumns("id", "_rowid").withFilter(filter));
        Map<Long, Long> byId = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byId.put(rows.int64("id", i), rows.int64("_rowid", i));
        }
        return byId;
    }

    @Test
    void overwriteReplacesEveryRowAndKeepsTheOldVersionReadable() {
        table.overwrite(VectorRows.reader(runtime.allocator(), 1_000, 1_010));
        assertEquals(10, table.countRows());
        assertEquals(0, table.countRows("id < 100"));
        try (Table old = Table.open(runtime, table.path(), 1)) {
            assertEquals(100, old.countRows());
        }
    }

    @Test
    void cleanupKeepsTheNewestVersionsAndReportsWhatItRemoved() {
        for (int i = 0; i < 5; i++) {
            table.delete("id = " + i);
        }
        TableStats before = table.stats();
        assertEquals(6, before.versions());
        CleanupStats removed = table.cleanup(Duration.ZERO, 2);
        assertEquals(4, removed.versionsRemoved());
        assertTrue(removed.bytesRemoved() > 0);
        assertTrue(removed.deletionFilesRemoved() > 0, removed.toString());
        TableStats after = table.stats();
        assertEquals(2, after.versions());
        assertTrue(after.bytesOnDisk() < before.bytesOnDisk());
        assertEquals(95, table.countRows(), "the newest version is untouched");
        assertThrows(MvsException.NotFound.class, () -> Table.open(runtime, table.path(), 1));
        assertThrows(MvsException.InvalidArgument.class, () -> table.cleanup(Duration.ZERO, 0), "a policy is required");
    }

    @Test
    void cleanupByAgeLeavesRecentVersions() {
        table.delete("id = 1");
        CleanupStats removed = table.cleanup(Duration.ofHours(1), 0);
        assertEquals(0, removed.versionsRemoved(), "both versions are younger than an hour");
        assertEquals(2, table.stats().versions());
    }

    @Test
    void statsCountFilesVersionsIndexesAndBytes() {
        table.append(VectorRows.reader(runtime.allocator(), 100, 200));
        table.createScalarIndex("id", null, ScalarIndexKind.BTREE);
        TableStats stats = table.stats();
        assertEquals(200, stats.rows());
        assertEquals(2, stats.fragments());
        assertEquals(2, stats.dataFiles());
        assertEquals(3, stats.versions());
        assertEquals(1, stats.indexes());
        assertTrue(stats.bytesOnDisk() > 200 * VectorRows.DIM * 4, "vectors alone are " + 200 * VectorRows.DIM * 4 + " bytes");
    }
}
