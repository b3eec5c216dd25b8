package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_compaction_stats;
import dev.mvs.ffi.internal.mvs_native_h;
import dev.mvs.ffi.internal.mvs_table_stats;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A Lance table on disk. Thread-safe: many threads may scan and write through one handle; each
 * scan reads the version current when it started. Input readers passed to {@link #create},
 * {@link #append} are always consumed (closed), whether the call succeeds or not.
 */
public final class Table implements AutoCloseable {

    /** Passed as the version to open the newest one. */
    public static final long LATEST = 0;

    private final NativeRuntime runtime;
    private final Path path;
    private final NativeHandle handle;

    private Table(NativeRuntime runtime, Path path, MemorySegment address) {
        this.runtime = runtime;
        this.path = path;
        this.handle = new NativeHandle("table", address, mvs_native_h::mvs_table_close);
    }

    /** Creates a table at {@code path} from {@code input} (consumed); fails with AlreadyExists if one is there. */
    public static Table create(NativeRuntime runtime, Path path, ArrowReader input) {
        Objects.requireNonNull(input, "input");
        BufferAllocator allocator = runtime.allocator();
        return ArrowStreams.withInput(allocator, input, stream -> runtime.use(rt -> {
            try (NativeCall call = new NativeCall()) {
                MemorySegment slot = call.pointerSlot();
                call.check(mvs_native_h.mvs_table_create(rt, call.string(uri(path)), stream, slot, call.error()));
                return new Table(runtime, path, slot.get(ValueLayout.ADDRESS, 0));
            }
        }));
    }

    /** Opens the newest version of the table at {@code path}; NotFound names the path if there is none. */
    public static Table open(NativeRuntime runtime, Path path) {
        return open(runtime, path, LATEST);
    }

    /** Opens {@code version} of the table at {@code path} ({@link #LATEST} for the newest). */
    public static Table open(NativeRuntime runtime, Path path, long version) {
        return runtime.use(rt -> {
            try (NativeCall call = new NativeCall()) {
                MemorySegment slot = call.pointerSlot();
                call.check(mvs_native_h.mvs_table_open(rt, call.string(uri(path)), version, slot, call.error()));
                return new Table(runtime, path, slot.get(ValueLayout.ADDRESS, 0));
            }
        });
    }

    public Path path() {
        return path;
    }

    /** Appends the batches of {@code input} (consumed) as one new version. */
    public void append(ArrowReader input) {
        Objects.requireNonNull(input, "input");
        ArrowStreams.withInput(runtime.allocator(), input, stream -> call((table, call) -> {
            call.check(mvs_native_h.mvs_table_append(table, stream, call.error()));
            return null;
        }));
    }

    /** Live rows. */
    public long countRows() {
        return countRows(null);
    }

    /** Live rows matching the SQL {@code filter} (null = all). */
    public long countRows(String filter) {
        return call((table, call) -> {
            MemorySegment out = call.arena().allocate(ValueLayout.JAVA_LONG);
            call.check(mvs_native_h.mvs_table_count_rows(table, call.string(filter), out, call.error()));
            return out.get(ValueLayout.JAVA_LONG, 0);
        });
    }

    /**
     * Scans the current version. The caller owns (and must close) the reader; it keeps reading
     * the same version while writers move on, and stays valid after this table is closed.
     */
    public ArrowReader scan(ScanRequest request) {
        return scan(request, runtime.allocator());
    }

    /** Same, importing the batches into {@code allocator}. */
    public ArrowReader scan(ScanRequest request, BufferAllocator allocator) {
        return ArrowStreams.output(allocator, out -> call((table, call) -> {
            List<String> columns = request.columns();
            MemorySegment names = call.arena().allocate(ValueLayout.ADDRESS, Math.max(1, columns.size()));
            for (int i = 0; i < columns.size(); i++) {
                names.setAtIndex(ValueLayout.ADDRESS, i, call.string(columns.get(i)));
            }
            call.check(mvs_native_h.mvs_table_scan(table, names, columns.size(), call.string(request.filter()),
                    request.limit(), out, call.error()));
            return null;
        }));
    }

    /** Deletes the rows matching the SQL {@code predicate} as a new version; returns how many. */
    public long delete(String predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return call((table, call) -> {
            MemorySegment out = call.arena().allocate(ValueLayout.JAVA_LONG);
            call.check(mvs_native_h.mvs_table_delete(table, call.string(predicate), out, call.error()));
            return out.get(ValueLayout.JAVA_LONG, 0);
        });
    }

    /** Compacts small fragments and fragments with deleted rows with Lance's default target size. */
    public CompactionStats compact() {
        return compact(0);
    }

    /** Compacts toward {@code targetRowsPerFragment} rows per fragment (0 = Lance's default). */
    public CompactionStats compact(long targetRowsPerFragment) {
        return call((table, call) -> {
            MemorySegment out = mvs_compaction_stats.allocate(call.arena());
            call.check(mvs_native_h.mvs_table_compact(table, targetRowsPerFragment, out, call.error()));
            return new CompactionStats(mvs_compaction_stats.fragments_removed(out), mvs_compaction_stats.fragments_added(out),
                    mvs_compaction_stats.files_removed(out), mvs_compaction_stats.files_added(out));
        });
    }

    /** Every version of the table, oldest first. */
    public List<TableVersion> versions() {
        BufferAllocator allocator = runtime.allocator();
        try (ArrowReader reader = ArrowStreams.output(allocator, out -> call((table, call) -> {
            call.check(mvs_native_h.mvs_table_versions(table, out, call.error()));
            return null;
        }))) {
            List<TableVersion> versions = new ArrayList<>();
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                UInt8Vector numbers = (UInt8Vector) root.getVector("version");
                BigIntVector millis = (BigIntVector) root.getVector("timestamp_ms");
                for (int i = 0; i < root.getRowCount(); i++) {
                    versions.add(new TableVersion(numbers.getObjectNoOverflow(i).longValueExact(), Instant.ofEpochMilli(millis.get(i))));
                }
            }
            return versions;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Commits {@code version}'s rows as the newest version (nothing is deleted) and reads it. */
    public void restore(long version) {
        call((table, call) -> {
            call.check(mvs_native_h.mvs_table_restore(table, version, call.error()));
            return null;
        });
    }

    /** The table's Arrow schema. */
    public Schema schema() {
        return ArrowStreams.schema(runtime.allocator(), out -> call((table, call) -> {
            call.check(mvs_native_h.mvs_table_schema(table, out, call.error()));
            return null;
        }));
    }

    /** Statistics of the version this handle reads. */
    public TableStats stats() {
        return call((table, call) -> {
            MemorySegment out = mvs_table_stats.allocate(call.arena());
            call.check(mvs_native_h.mvs_table_get_stats(table, out, call.error()));
            return new TableStats(mvs_table_stats.version(out), mvs_table_stats.num_rows(out),
                    mvs_table_stats.num_deleted_rows(out), mvs_table_stats.num_fragments(out));
        });
    }

    /** Closes the handle; idempotent, waits for calls in flight. Readers from {@link #scan} stay valid. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "Table[" + path + "]";
    }

    private interface Body<T> {
        T run(MemorySegment table, NativeCall call);
    }

    private <T> T call(Body<T> body) {
        return handle.use(table -> {
            try (NativeCall call = new NativeCall()) {
                return body.run(table, call);
            }
        });
    }

    private static String uri(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
