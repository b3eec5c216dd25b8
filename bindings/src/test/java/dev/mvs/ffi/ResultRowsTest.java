package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows read through FFM alone ({@link ResultRows}) are the rows Arrow Java's importer reads, nulls and all. */
class ResultRowsTest {

    private static final Schema TYPED = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("n", FieldType.nullable(new ArrowType.Int(32, true)), null),
            new Field("score", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null),
            new Field("ratio", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("note", FieldType.notNullable(ArrowType.LargeUtf8.INSTANCE), null),
            new Field("pair", FieldType.notNullable(new ArrowType.FixedSizeList(2)),
                    List.of(new Field("item", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null)))));

    @TempDir
    Path dir;

    private NativeRuntime runtime;

    @BeforeEach
    void setUp() {
        runtime = NativeRuntime.create(2);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private static Integer n(long id) {
        return id % 5 == 0 ? null : (int) (id * 3 - 700);
    }

    private static String name(long id) {
        return id % 7 == 0 ? null : "näme-" + id + "-" + "x".repeat((int) (id % 13));
    }

    @Test
    void everyTypeAndNullOverSeveralBatches() {
        try (Table table = Table.create(runtime, dir.resolve("typed.lance"), typed(runtime.allocator(), 0, 1_500))) {
            table.append(typed(runtime.allocator(), 1_500, 2_300));
            ResultRows rows = table.scanRows(ScanRequest.all());
            assertEquals(List.of("id", "n", "score", "ratio", "name", "note", "pair"), rows.columnNames());
            assertEquals(2_300, rows.size());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                long id = rows.int64("id", i);
                ids.add(id);
                Integer expected = n(id);
                assertEquals(expected == null ? 0 : expected, rows.int32("n", i), "n of " + id);
                assertEquals(id / 4f, rows.float32("score", i));
                assertEquals(id / 3.0, rows.float64("ratio", i));
                assertEquals(name(id), rows.text("name", i), "name of " + id);
                assertEquals("note " + id, rows.text("note", i));
                assertArrayEquals(new float[] {id, -id}, rows.floatVector("pair", i), "pair of " + id);
            }
            assertEquals(ids.stream().sorted().toList(), ids.stream().distinct().sorted().toList());
            assertEquals(2_300, ids.stream().distinct().count());
            IllegalArgumentException pair = assertThrows(IllegalArgumentException.class, () -> rows.float32("pair", 0));
            assertTrue(pair.getMessage().contains("+w:2"), pair.getMessage());
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> rows.text("nope", 0));
            assertTrue(missing.getMessage().contains("[id, n, score"), missing.getMessage());
            assertThrows(IllegalArgumentException.class, () -> rows.text("id", 0));
        }
    }

    @Test
    void filteredAndLimitedScansMatchTheArrowReader() throws IOException {
        try (Table table = Table.create(runtime, dir.resolve("typed.lance"), typed(runtime.allocator(), 0, 3_000))) {
            for (ScanRequest request : List.of(ScanRequest.all().withFilter("id % 3 = 1 AND name IS NOT NULL").withColumns("id", "name"),
                    ScanRequest.all().withColumns("id", "n").withLimit(17), ScanRequest.all().withFilter("id > 999999").withColumns("id"))) {
                ResultRows rows = table.scanRows(request);
                List<Long> viaArrow = VectorRows.longs(table.scan(request), "id");
                List<Long> viaRows = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    viaRows.add(rows.int64("id", i));
                }
                assertEquals(viaArrow, viaRows, request.toString());
            }
        }
    }

    @Test
    void searchesMatchTheArrowReader() throws IOException {
        try (Table table = Table.create(runtime, dir.resolve("v.lance"), VectorRows.reader(runtime.allocator(), 0, 2_000))) {
            table.createFullTextIndex("text", null, FtsOptions.defaults());
            NearestQuery near = NearestQuery.of("vector", VectorRows.vector(42), 25).withColumns("id");
            ResultRows nearest = table.nearestRows(near);
            List<Long> ids = VectorRows.longs(table.nearest(near), "id");
            assertEquals(25, nearest.size());
            for (int i = 0; i < nearest.size(); i++) {
                assertEquals(ids.get(i), nearest.int64("id", i));
                assertTrue(nearest.float32("_distance", i) >= (i == 0 ? 0 : nearest.float32("_distance", i - 1)));
            }
            FullTextQuery words = FullTextQuery.of("socket thread", 30).inColumns("text").withColumns("id", "text");
            ResultRows hits = table.fullTextSearchRows(words);
            try (ArrowReader reader = table.fullTextSearch(words)) {
                int row = 0;
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    Float4Vector score = (Float4Vector) root.getVector("_score");
                    for (int i = 0; i < root.getRowCount(); i++, row++) {
                        assertEquals(((BigIntVector) root.getVector("id")).get(i), hits.int64("id", row));
                        assertEquals(new String(((VarCharVector) root.getVector("text")).get(i), StandardCharsets.UTF_8), hits.text("text", row));
                        assertEquals(score.get(i), hits.float32("_score", row));
                    }
                }
                assertEquals(row, hits.size());
                assertTrue(row > 0);
            }
        }
    }

    @Test
    void aFailedCallThrowsItsTypedErrorAndLeavesTheTableUsable() {
        try (Table table = Table.create(runtime, dir.resolve("typed.lance"), typed(runtime.allocator(), 0, 10))) {
            assertThrows(MvsException.InvalidArgument.class, () -> table.scanRows(ScanRequest.all().withFilter("no_such_column = 1")));
            assertThrows(MvsException.class, () -> table.fullTextSearchRows(FullTextQuery.of("x", 5).inColumns("no_such_column")));
            assertEquals(10, table.scanRows(ScanRequest.all().withColumns("id")).size());
        }
    }

    private static ArrowReader typed(BufferAllocator allocator, long start, long end) {
        long[] next = {start};
        return new FillingArrowReader(allocator, TYPED, root -> {
            if (next[0] >= end) {
                return false;
            }
            int rows = (int) Math.min(600, end - next[0]);
            fill(root, next[0], rows);
            next[0] += rows;
            return true;
        });
    }

    private static void fill(VectorSchemaRoot root, long first, int rows) {
        root.allocateNew();
        FixedSizeListVector pair = (FixedSizeListVector) root.getVector("pair");
        Float4Vector items = (Float4Vector) pair.getDataVector();
        for (int r = 0; r < rows; r++) {
            long id = first + r;
            ((BigIntVector) root.getVector("id")).setSafe(r, id);
            Integer n = n(id);
            if (n == null) {
                ((IntVector) root.getVector("n")).setNull(r);
            } else {
                ((IntVector) root.getVector("n")).setSafe(r, n);
            }
            ((Float4Vector) root.getVector("score")).setSafe(r, id / 4f);
            ((Float8Vector) root.getVector("ratio")).setSafe(r, id / 3.0);
            String name = name(id);
            if (name == null) {
                ((VarCharVector) root.getVector("name")).setNull(r);
            } else {
                ((VarCharVector) root.getVector("name")).setSafe(r, name.getBytes(StandardCharsets.UTF_8));
            }
            ((LargeVarCharVector) root.getVector("note")).setSafe(r, ("note " + id).getBytes(StandardCharsets.UTF_8));
            pair.setNotNull(r);
            items.setSafe(2 * r, id);
            items.setSafe(2 * r + 1, -id);
        }
        items.setValueCount(2 * rows);
        for (FieldVector vector : root.getFieldVectors()) {
            vector.setValueCount(rows);
        }
        root.setRowCount(rows);
    }
}
