package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mvs.ffi.internal.mvs_native_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad calls across the native boundary (issue 7): NULL handles and out-pointers at the raw
 * jextract layer, and through the Java API bad filters, wrong schemas, mismatched vector
 * dimensions, huge or negative sizes, unknown columns and versions, missing paths, closed handles.
 * Every call must end in a typed error (an MvsException, or the Java layer's own
 * IllegalArgumentException / IllegalStateException before the call); the process must survive and
 * the table must still work afterwards. Seeded: -Dmvs.seed=N replays.
 */
class BoundaryFuzzTest {

    private static final int CALLS = 1_200;

    @TempDir
    Path dir;

    @Test
    void everyBadCallIsATypedErrorAndNothingCrashes() throws Exception {
        long seed = Long.getLong("mvs.seed", System.nanoTime());
        System.out.println("BoundaryFuzzTest seed=" + seed);
        Random random = new Random(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        try (NativeRuntime runtime = NativeRuntime.create(2); BufferAllocator own = new RootAllocator()) {
            Table table = Table.create(runtime, dir.resolve("t.lance"), VectorRows.reader(runtime.allocator(), 0, 500));
            table.createScalarIndex("path", null, ScalarIndexKind.BTREE);
            Table closed = Table.open(runtime, table.path());
            closed.close();
            List<BadCall> calls = catalogue(runtime, table, closed, own, random);
            for (int i = 0; i < CALLS; i++) {
                BadCall call = calls.get(random.nextInt(calls.size()));
                String outcome = run(call, seed, i);
                outcomes.merge(call.name() + " -> " + outcome, 1, Integer::sum);
            }
            assertEquals(500, table.countRows(), "the table still works after " + CALLS + " bad calls");
            assertEquals(0, own.getAllocatedMemory(), "every input stream was released");
            table.close();
        }
        System.out.println("BoundaryFuzzTest: " + CALLS + " bad calls, 0 crashes: " + outcomes);
        assertTrue(outcomes.size() >= 15, "the catalogue was exercised: " + outcomes.keySet());
    }

    private record BadCall(String name, Runnable call) {}

    private static String run(BadCall call, long seed, int i) {
        try {
            call.call().run();
        } catch (MvsException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), call.name() + ": an error with no message");
            assertTrue(!(e instanceof MvsException.NativePanic), call.name() + " panicked in native code (seed " + seed + ", call " + i + "): " + e);
            return e.getClass().getSimpleName();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return e.getClass().getSimpleName();
        } catch (Throwable t) {
            fail(call.name() + " threw an untyped " + t + " (seed " + seed + ", call " + i + ")", t);
        }
        fail(call.name() + " succeeded, but it is a bad call (seed " + seed + ", call " + i + ")");
        return "";
    }

    private List<BadCall> catalogue(NativeRuntime runtime, Table table, Table closed, BufferAllocator own, Random random) {
        List<BadCall> c = new ArrayList<>();
        c.add(new BadCall("filter: random garbage", () -> table.countRows(garbage(random))));
        c.add(new BadCall("filter: unknown column", () -> table.countRows("no_such_column_" + random.nextInt(100) + " = 1")));
        c.add(new BadCall("filter: type mismatch", () -> table.countRows("id = 'abc" + random.nextInt(9) + "'")));
        c.add(new BadCall("filter: unbalanced quote", () -> drain(table.scan(ScanRequest.all().withFilter("path = 'x" + random.nextInt(9))))));
        c.add(new BadCall("delete: garbage predicate", () -> table.delete(garbage(random))));
        c.add(new BadCall("scan: unknown column", () -> drain(table.scan(ScanRequest.all().withColumns("nope" + random.nextInt(9))))));
        c.add(new BadCall("nearest: wrong dimension", () -> {
            int dim = VectorRows.DIM + 1 + random.nextInt(400);
            drain(table.nearest(NearestQuery.of("vector", new float[random.nextBoolean() ? dim : 1 + random.nextInt(VectorRows.DIM - 1)], 5)));
        }));
        c.add(new BadCall("nearest: not a vector column", () -> drain(table.nearest(NearestQuery.of("path", new float[VectorRows.DIM], 5)))));
        c.add(new BadCall("nearest: huge k (must not crash; at most every row comes back)", () -> {
            long rows = drain(table.nearest(NearestQuery.of("vector", VectorRows.vector(random.nextInt(500)), Integer.MAX_VALUE - random.nextInt(10))));
            assertTrue(rows <= 500, "more rows than the table has: " + rows);
            throw new IllegalArgumentException("answered with " + rows + " rows");
        }));
        c.add(new BadCall("nearest: negative k", () -> NearestQuery.of("vector", new float[VectorRows.DIM], -random.nextInt(1_000))));
        c.add(new BadCall("fts: unknown column", () -> drain(table.fullTextSearch(FullTextQuery.of("parser", 5).inColumns("nope" + random.nextInt(9))))));
        c.add(new BadCall("fts: zero limit", () -> FullTextQuery.of("parser", 0)));
        c.add(new BadCall("append: wrong schema", () -> table.append(wrongSchema(own, random))));
        c.add(new BadCall("create: already exists", () -> Table.create(runtime, table.path(), wrongSchema(own, random))));
        c.add(new BadCall("open: missing path", () -> Table.open(runtime, table.path().resolveSibling("missing-" + random.nextInt(1_000)))));
        c.add(new BadCall("open: missing version", () -> Table.open(runtime, table.path(), 1_000 + random.nextInt(1_000_000))));
        c.add(new BadCall("restore: missing version", () -> table.restore(10_000 + random.nextInt(1_000_000))));
        c.add(new BadCall("index: unknown column", () -> table.createScalarIndex("nope" + random.nextInt(9), null, ScalarIndexKind.BTREE)));
        c.add(new BadCall("vector index: sub-vectors not dividing dim", () -> table.createVectorIndex("vector", null,
                VectorIndexSpec.ivfPq(4, VectorRows.DIM + 1 + random.nextInt(7)))));
        c.add(new BadCall("closed handle", () -> closed.countRows()));
        c.add(new BadCall("closed handle scan", () -> closed.scan(ScanRequest.all())));
        c.add(new BadCall("closed handle append", () -> closed.append(wrongSchema(own, random))));
        c.add(new BadCall("cleanup: negative keep", () -> table.cleanup(java.time.Duration.ZERO, -1 - random.nextInt(5))));
        c.add(new BadCall("raw: NULL table", () -> raw(call -> mvs_native_h.mvs_table_count_rows(MemorySegment.NULL, MemorySegment.NULL,
                call.count(), call.error()))));
        c.add(new BadCall("raw: NULL out-pointer", () -> table.useHandle(t -> raw(call -> mvs_native_h.mvs_table_count_rows(t, MemorySegment.NULL,
                MemorySegment.NULL, call.error())))));
        c.add(new BadCall("raw: NULL runtime", () -> raw(call -> mvs_native_h.mvs_table_open(MemorySegment.NULL, call.string("x"), 0,
                call.count(), call.error()))));
        c.add(new BadCall("raw: NULL uri", () -> runtime.use(rt -> raw(call -> mvs_native_h.mvs_table_open(rt, MemorySegment.NULL, 0,
                call.count(), call.error())))));
        c.add(new BadCall("raw: NULL input stream", () -> table.useHandle(t -> raw(call -> mvs_native_h.mvs_table_append(t, MemorySegment.NULL,
                call.error())))));
        c.add(new BadCall("raw: NULL predicate", () -> table.useHandle(t -> raw(call -> mvs_native_h.mvs_table_delete(t, MemorySegment.NULL,
                call.count(), call.error())))));
        c.add(new BadCall("raw: invalid UTF-8 filter", () -> table.useHandle(t -> raw(call -> mvs_native_h.mvs_table_count_rows(t,
                call.bytes(new byte[] {'i', 'd', ' ', '=', (byte) 0xC3, (byte) 0x28, 0}), call.count(), call.error())))));
        c.add(new BadCall("raw: NULL stats", () -> table.useHandle(t -> raw(call -> mvs_native_h.mvs_table_get_stats(t, MemorySegment.NULL,
                call.error())))));
        c.add(new BadCall("raw: NULL fence runtime", () -> raw(call -> mvs_native_h.mvs_fence_get_stats(MemorySegment.NULL, call.count(),
                call.error()))));
        return c;
    }

    /** Scratch memory for one raw call: an error slot, an 8-byte out slot, C strings. */
    private static final class RawCall implements AutoCloseable {
        private final Arena arena = Arena.ofConfined();
        private final MemorySegment error = arena.allocate(ValueLayout.ADDRESS);

        MemorySegment error() {
            return error;
        }

        MemorySegment count() {
            return arena.allocate(64);
        }

        MemorySegment string(String s) {
            return arena.allocateFrom(s);
        }

        MemorySegment bytes(byte[] b) {
            return arena.allocateFrom(ValueLayout.JAVA_BYTE, b);
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    /** A raw call must return a non-OK status with an error object carrying a message; raised as MvsException. */
    private static Object raw(java.util.function.ToIntFunction<RawCall> call) {
        try (RawCall scratch = new RawCall()) {
            int status = call.applyAsInt(scratch);
            assertNotEquals(mvs_native_h.MVS_STATUS_OK(), status, "a bad raw call returned OK");
            MemorySegment err = scratch.error().get(ValueLayout.ADDRESS, 0);
            assertNotEquals(MemorySegment.NULL, err, "a failed raw call left no error object");
            String message = mvs_native_h.mvs_error_message(err).reinterpret(4096).getString(0);
            assertEquals(status, mvs_native_h.mvs_error_status(err));
            mvs_native_h.mvs_error_free(err);
            throw new MvsException.InvalidArgument("status " + status + ": " + message);
        }
    }

    private static long drain(org.apache.arrow.vector.ipc.ArrowReader reader) {
        long rows = 0;
        try (reader) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            return rows;
        } catch (java.io.IOException e) {
            // the stream's error surfaces here, as the Arrow reader's IOException: typed by its message
            throw new IllegalStateException("stream failed: " + e.getMessage(), e);
        }
    }

    private static org.apache.arrow.vector.ipc.ArrowReader wrongSchema(BufferAllocator allocator, Random random) {
        String name = random.nextBoolean() ? "x" : "id";
        ArrowType type = random.nextBoolean() ? new ArrowType.Int(32, true) : ArrowType.Utf8.INSTANCE;
        Schema other = new Schema(List.of(new Field(name, FieldType.notNullable(type), null)));
        boolean[] done = {false};
        return new FillingArrowReader(allocator, other, root -> {
            if (done[0]) {
                return false;
            }
            done[0] = true;
            root.allocateNew();
            if (root.getVector(0) instanceof IntVector v) {
                v.setSafe(0, 1);
            } else {
                ((org.apache.arrow.vector.VarCharVector) root.getVector(0)).setSafe(0, new byte[] {'a'});
            }
            root.getVector(0).setValueCount(1);
            root.setRowCount(1);
            return true;
        });
    }

    private static String garbage(Random random) {
        String[] parts = {"(", ")", "AND", "OR", "=", "'", "\"", "id", "path", "LIKE", "%", "NOT", "IN", ",", "1", "-", "*", ";", "DROP",
            "\u00e9", "\\", "\u0000x", "~", "^", "!", "<>", "@", "#", "{", "}"};
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(parts[random.nextInt(parts.length)]).append(random.nextBoolean() ? " " : "");
        }
        // Lance parses a filter as one expression and ignores what follows it: "1 =1 DROP (" deleted every
        // row (seed 19663398870838). So the garbage starts with ")", which no expression starts with.
        return ") " + sb.toString().strip();
    }
}
