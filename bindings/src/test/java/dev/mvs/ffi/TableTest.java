package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.ffi.internal.mvs_native_h;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {

    @TempDir
    Path dir;

    private NativeRuntime runtime;

    @BeforeEach
    void startRuntime() {
        runtime = NativeRuntime.create(2);
    }

    @AfterEach
    void stopRuntime() {
        runtime.close(); // closes the Arrow allocator too: fails the test if any batch leaked
    }

    private Table create(String name, long rows) {
        return Table.create(runtime, dir.resolve(name), TestRows.reader(runtime.allocator(), 0, rows, 10_000));
    }

    private ArrowReader rows(long start, long end) {
        return TestRows.reader(runtime.allocator(), start, end, 10_000);
    }

    @Test
    void hundredThousandRowsComeBackExactlyAsWritten() throws IOException {
        try (Table table = create("t.lance", 100_000);
             ArrowReader reader = table.scan(ScanRequest.all())) {
            assertEquals(TestRows.SCHEMA, reader.getVectorSchemaRoot().getSchema());
            long n = 0;
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                VarCharVector paths = (VarCharVector) root.getVector("path");
                BigIntVector ns = (BigIntVector) root.getVector("n");
                FixedSizeListVector vectors = (FixedSizeListVector) root.getVector("vector");
                Float4Vector items = (Float4Vector) vectors.getDataVector();
                for (int r = 0; r < root.getRowCount(); r++, n++) {
                    assertEquals(n, ns.get(r));
                    assertEquals(TestRows.path(n), new String(paths.get(r), StandardCharsets.UTF_8));
                    int base = vectors.getElementStartIndex(r);
                    for (int j = 0; j < TestRows.DIM; j++) {
                        if (items.get(base + j) != TestRows.component(n, j)) {
                            throw new AssertionError("row " + n + " component " + j + ": " + items.get(base + j));
                        }
                    }
                }
            }
            assertEquals(100_000, n);
            assertEquals(100_000, table.countRows());
        }
    }

    @Test
    void appendCommitsANewVersion() {
        try (Table table = create("t.lance", 1_000)) {
            table.append(rows(1_000, 1_500));
            assertEquals(1_500, table.countRows());
            assertEquals(500, table.countRows("n >= 1000"));
            TableStats stats = table.stats();
            assertEquals(2, stats.version());
            assertEquals(2, table.version());
            assertEquals(2, stats.fragments());
        }
    }

    @Test
    void deleteByPredicateThenCount() {
        try (Table table = create("t.lance", 1_000)) {
            assertEquals(100, table.delete("n < 100"));
            assertEquals(900, table.countRows());
            assertEquals(0, table.countRows("n < 100"));
            assertEquals(100, table.stats().deletedRows());
            assertEquals(0, table.delete("n < 100"), "nothing left to delete");
        }
    }

    @Test
    void compactionReducesFragments() {
        try (Table table = create("t.lance", 1_000)) {
            for (int i = 1; i <= 4; i++) {
                table.append(rows(i * 1_000L, (i + 1) * 1_000L));
            }
            table.delete("n % 10 = 0");
            assertEquals(5, table.stats().fragments());
            CompactionStats done = table.compact();
            assertEquals(5, done.fragmentsRemoved());
            assertEquals(1, done.fragmentsAdded());
            TableStats after = table.stats();
            assertEquals(1, after.fragments());
            assertEquals(4_500, after.rows());
            assertEquals(0, after.deletedRows());
        }
    }

    @Test
    void versionsAreListedAndRestoreBringsOldRowsBack() {
        try (Table table = create("t.lance", 100)) {
            table.delete("n < 50");
            assertEquals(50, table.countRows());
            List<TableVersion> versions = table.versions();
            assertEquals(List.of(1L, 2L), versions.stream().map(TableVersion::version).toList());
            assertFalse(versions.get(1).timestamp().isBefore(versions.get(0).timestamp()));

            table.restore(1);
            assertEquals(100, table.countRows());
            assertEquals(3, table.stats().version(), "restore commits a new version, deleting nothing");
            try (Table old = Table.open(runtime, table.path(), 2)) {
                assertEquals(50, old.countRows());
            }
        }
    }

    @Test
    void schemaIsTheOneWritten() {
        try (Table table = create("t.lance", 10)) {
            Schema schema = table.schema();
            assertEquals(List.of("path", "n", "vector"), schema.getFields().stream().map(Field::getName).toList());
            assertEquals(new ArrowType.FixedSizeList(TestRows.DIM), schema.findField("vector").getType());
        }
    }

    @Test
    void openingAMissingTableIsNotFoundNamingThePath() {
        Path missing = dir.resolve("no-such-table.lance");
        MvsException.NotFound e = assertThrows(MvsException.NotFound.class, () -> Table.open(runtime, missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void anInvalidFilterIsInvalidArgumentWithLancesMessage() {
        try (Table table = create("t.lance", 10)) {
            MvsException.InvalidArgument e = assertThrows(MvsException.InvalidArgument.class,
                    () -> table.scan(ScanRequest.all().withFilter("no_such_column > 3")));
            assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
            assertThrows(MvsException.InvalidArgument.class, () -> table.countRows("n >>>> 3"));
            assertThrows(MvsException.InvalidArgument.class, () -> table.delete("n = 'x"));
            assertEquals(10, table.countRows(), "the table is unharmed");
        }
    }

    @Test
    void aNativePanicBecomesNativePanicAndTheJvmKeepsRunning() {
        for (int i = 0; i < 3; i++) {
            MvsException.NativePanic e = assertThrows(MvsException.NativePanic.class, () -> {
                try (NativeCall call = new NativeCall()) {
                    call.check(mvs_native_h.mvs_debug_panic(call.string("deliberate"), call.error()));
                }
            });
            assertTrue(e.getMessage().contains("deliberate"), e.getMessage());
        }
        try (Table table = create("after-panic.lance", 10)) {
            assertEquals(10, table.countRows());
        }
    }

    @Test
    void closingTwiceIsHarmlessAndUseAfterCloseIsIllegalState() {
        Table table = create("t.lance", 10);
        table.close();
        table.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, table::countRows);
        assertEquals("table closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> table.scan(ScanRequest.all()));
        assertThrows(IllegalStateException.class, table::stats);
    }

    @Test
    void aScanKeepsItsSnapshotAndOutlivesItsTable() throws IOException {
        Table table = create("t.lance", 100);
        try (ArrowReader reader = table.scan(ScanRequest.all().withColumns("n"))) {
            table.append(rows(100, 150));
            table.close();
            long seen = 0;
            while (reader.loadNextBatch()) {
                seen += reader.getVectorSchemaRoot().getRowCount();
            }
            assertEquals(100, seen);
        }
    }

    @Test
    void inputStreamsAreConsumedEvenWhenTheCallFails() {
        try (BufferAllocator own = new RootAllocator(); Table table = create("t.lance", 10)) {
            Schema other = new Schema(List.of(new Field("x", FieldType.notNullable(new ArrowType.Int(32, true)), null)));
            ArrowReader wrongSchema = new FillingArrowReader(own, other, root -> {
                root.allocateNew();
                root.setRowCount(0);
                return false;
            });
            assertThrows(MvsException.InvalidArgument.class, () -> table.append(wrongSchema));
            assertEquals(0, own.getAllocatedMemory());

            ArrowReader exists = TestRows.reader(own, 0, 5_000, 1_000);
            assertThrows(MvsException.AlreadyExists.class, () -> Table.create(runtime, table.path(), exists));
            assertEquals(0, own.getAllocatedMemory());

            table.close();
            ArrowReader afterClose = TestRows.reader(own, 0, 5_000, 1_000);
            assertThrows(IllegalStateException.class, () -> table.append(afterClose));
            assertEquals(0, own.getAllocatedMemory());
        }
    }
}
