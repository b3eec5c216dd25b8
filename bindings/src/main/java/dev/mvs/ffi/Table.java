package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_cleanup_stats;
import dev.mvs.ffi.internal.mvs_compaction_stats;
import dev.mvs.ffi.internal.mvs_fragment_commit;
import dev.mvs.ffi.internal.mvs_fts_params;
import dev.mvs.ffi.internal.mvs_merge_insert_params;
import dev.mvs.ffi.internal.mvs_merge_insert_stats;
import dev.mvs.ffi.internal.mvs_native_h;
import dev.mvs.ffi.internal.mvs_nearest_query;
import dev.mvs.ffi.internal.mvs_table_stats;
import dev.mvs.ffi.internal.mvs_vector_index_health;
import dev.mvs.ffi.internal.mvs_vector_index_params;
import dev.mvs.ffi.internal.mvs_vector_upkeep_stats;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
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
        return openUri(runtime, path, version, uri(path));
    }

    /**
     * Opens {@code version} of the table at {@code path} ({@link #LATEST} for the newest) for reading, through the
     * runtime's {@link NativeRuntime#fileReads()}. Until a read through io_uring has worked on this runtime, one row is read
     * right after the open: Lance opens a table without its data reader, so a machine that refuses io_uring shows it only
     * at the first read. When io_uring fails and the plain open works, the runtime stops trying io_uring; when both fail,
     * the plain open's error is thrown.
     */
    public static Table openForReading(NativeRuntime runtime, Path path, long version) {
        if (runtime.fileReads() != FileReads.IO_URING) {
            return open(runtime, path, version);
        }
        Table t;
        try {
            t = openUri(runtime, path, version, ioUringUri(path));
        } catch (MvsException uringFailed) {
            return plainAfterIoUringFailed(runtime, path, version);
        }
        if (runtime.ioUringConfirmed()) {
            return t;
        }
        try {
            if (readsOneRow(t)) {
                runtime.ioUringWorked();
            }
            return t;
        } catch (MvsException readFailed) {
            t.close();
            Table plain = open(runtime, path, version);
            try {
                readsOneRow(plain);
                runtime.ioUringFailed(); // the plain reader reads what io_uring could not
            } catch (MvsException damaged) {
                // the data fails either way: io_uring is not to blame, and the search will say what is wrong
            }
            return plain;
        }
    }

    private static Table plainAfterIoUringFailed(NativeRuntime runtime, Path path, long version) {
        Table plain = open(runtime, path, version);
        runtime.ioUringFailed();
        return plain;
    }

    /** Reads the first row's first column; false when the table has no rows (nothing was read). */
    private static boolean readsOneRow(Table t) {
        return t.scanRows(ScanRequest.all().withColumns(t.schema().getFields().getFirst().getName()).withLimit(1)).size() > 0;
    }

    private static Table openUri(NativeRuntime runtime, Path path, long version, String uri) {
        return runtime.use(rt -> {
            try (NativeCall call = new NativeCall()) {
                MemorySegment slot = call.pointerSlot();
                call.check(mvs_native_h.mvs_table_open(rt, call.string(uri), version, slot, call.error()));
                return new Table(runtime, path, slot.get(ValueLayout.ADDRESS, 0));
            }
        });
    }

    /** Lance's io_uring scheme over the absolute path, percent-encoded as a URI path. */
    static String ioUringUri(Path path) {
        String raw = path.toAbsolutePath().normalize().toUri().getRawPath();
        return "file+uring://" + (raw.endsWith("/") && raw.length() > 1 ? raw.substring(0, raw.length() - 1) : raw); // a directory's URI ends in /
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

    /** The version this handle reads (no I/O: the cost of one call across the boundary). */
    public long version() {
        return call((table, call) -> {
            MemorySegment out = call.out(ValueLayout.JAVA_LONG);
            call.check(mvs_native_h.mvs_table_version(table, out, call.error()));
            return out.get(ValueLayout.JAVA_LONG, 0);
        });
    }

    /** Live rows. */
    public long countRows() {
        return countRows(null);
    }

    /** Live rows matching the SQL {@code filter} (null = all). */
    public long countRows(String filter) {
        return call((table, call) -> {
            MemorySegment out = call.out(ValueLayout.JAVA_LONG);
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
        return ArrowStreams.output(allocator, out -> scanInto(request, out));
    }

    /** Same, read at once into Java values through FFM alone: for small results ({@link ResultRows}). */
    public ResultRows scanRows(ScanRequest request) {
        return ResultRows.drain(out -> scanInto(request, out));
    }

    private void scanInto(ScanRequest request, MemorySegment out) {
        call((table, call) -> {
            List<String> columns = request.columns();
            call.check(mvs_native_h.mvs_table_scan(table, call.strings(columns), columns.size(), call.string(request.filter()),
                    request.limit(), out, call.error()));
            return null;
        });
    }

    /** Deletes the rows matching the SQL {@code predicate} as a new version; returns how many. */
    public long delete(String predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return call((table, call) -> {
            MemorySegment out = call.out(ValueLayout.JAVA_LONG);
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
            return CompactionStats.from(out);
        });
    }

    /** Every version of the table, oldest first, with what made it (one small read per version). */
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
                UInt8Vector fragments = (UInt8Vector) root.getVector("fragments_added");
                UInt8Vector rows = (UInt8Vector) root.getVector("rows_added");
                for (int i = 0; i < root.getRowCount(); i++) {
                    versions.add(new TableVersion(numbers.getObjectNoOverflow(i).longValueExact(), Instant.ofEpochMilli(millis.get(i)),
                            text(root, "operation", i), root.getVector("job_id").isNull(i) ? null : text(root, "job_id", i),
                            fragments.getObjectNoOverflow(i).longValueExact(), rows.getObjectNoOverflow(i).longValueExact()));
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
            return TableStats.from(out);
        });
    }

    /** Builds a vector index on {@code column} named {@code name} (null: "column_idx"), replacing one of that name. */
    public void createVectorIndex(String column, String name, VectorIndexSpec spec) {
        Objects.requireNonNull(spec, "spec");
        call((table, call) -> {
            call.check(mvs_native_h.mvs_table_create_vector_index(table, call.string(column), call.string(name), spec.toNative(call),
                    call.error()));
            return null;
        });
    }

    /** Builds a BTree or Bitmap index on {@code column} (name null: "column_idx"), replacing one of that name. */
    public void createScalarIndex(String column, String name, ScalarIndexKind kind) {
        call((table, call) -> {
            call.check(mvs_native_h.mvs_table_create_scalar_index(table, call.string(column), call.string(name), kind.code, call.error()));
            return null;
        });
    }

    /** Builds a full-text (BM25) index on the text column {@code column}, replacing one of that name. */
    public void createFullTextIndex(String column, String name, FtsOptions options) {
        call((table, call) -> {
            call.check(mvs_native_h.mvs_table_create_fts_index(table, call.string(column), call.string(name), options.toNative(call),
                    call.error()));
            return null;
        });
    }

    /**
     * Folds rows appended since each index was built into it, with Lance's default strategy (which
     * may rewrite a whole full-text index: seconds on 100k documents).
     */
    public void optimizeIndices() {
        optimizeIndices(-1);
    }

    /** {@link #optimizeIndices(int)}: the new rows become a small delta segment; nothing is rewritten. */
    public static final int APPEND_DELTA = 0;

    /**
     * {@link #optimizeIndices(int)}: each index's segments after its largest (what a build or a full
     * compaction wrote) are merged into one with the new rows, and the largest is left alone. Before a
     * compaction of the small fragments runs appended: they are then covered alike and combined, and
     * only the merged segment is remapped.
     */
    public static final int MERGE_AFTER_LARGEST = -2;

    /**
     * {@link #optimizeIndices(int)}: like {@link #MERGE_AFTER_LARGEST}, but a segment after the largest is
     * merged only while it is small (1,024 rows) or at most twice the rows of the newer segments and new rows
     * merged with it. The runs' rows then sit in a few segments of growing size, and a large one is rewritten
     * only when the rows after it have grown to half its size, not at every threshold compaction.
     */
    public static final int MERGE_TIERED = -3;

    /**
     * Folds rows appended since each index was built into it: {@code mergeSegments} -1 is Lance's
     * default, {@link #APPEND_DELTA} adds the new rows as a delta segment beside the existing ones
     * (cheap; for frequent small appends), N > 0 merges them with the newest N segments, and
     * {@link #MERGE_AFTER_LARGEST} merges the segments that came after each index's largest ({@link #MERGE_TIERED}:
     * the small ones among them).
     */
    public void optimizeIndices(int mergeSegments) {
        call((table, call) -> {
            call.check(mvs_native_h.mvs_table_optimize_indices(table, mergeSegments, call.error()));
            return null;
        });
    }

    /**
     * {@link #optimizeIndices(int)} for the indexes named {@code indexNames} alone (at least one): {@code mergeSegments}
     * {@link #APPEND_DELTA}, N &gt; 0 or -1 (Lance's default). The engine gives the scalar indexes their delta this
     * way and leaves the vector index to its upkeep ({@link #restoreVectorFastPath}).
     */
    public void optimizeIndices(int mergeSegments, List<String> indexNames) {
        Objects.requireNonNull(indexNames, "indexNames");
        if (indexNames.isEmpty()) {
            throw new IllegalArgumentException("indexNames is empty: optimizeIndices(int) optimizes them all");
        }
        call((table, call) -> {
            call.check(mvs_native_h.mvs_table_optimize_named_indices(table, mergeSegments, call.strings(indexNames), indexNames.size(),
                    call.error()));
            return null;
        });
    }

    /** What keeps the vector index {@code indexName} off Lance's batched search kernel (reads only). */
    public VectorIndexHealth vectorIndexHealth(String indexName) {
        Objects.requireNonNull(indexName, "indexName");
        return call((table, call) -> {
            MemorySegment out = mvs_vector_index_health.allocate(call.arena());
            call.check(mvs_native_h.mvs_table_vector_index_health(table, call.string(indexName), out, call.error()));
            return VectorIndexHealth.from(out);
        });
    }

    /**
     * Brings the vector index {@code indexName} back to the batched search kernel without retraining
     * it, when {@link #vectorIndexHealth} says it is off it: moves the live rows of the covered fragments
     * with deletions into new fragments of at most {@code targetRowsPerFragment} rows (0 = Lance's default),
     * merges the index's segments folding in unindexed rows, and drops fragments the table no longer has
     * from its bitmap. A rewrite: holds the fence.
     */
    public VectorUpkeepStats restoreVectorFastPath(String indexName, long targetRowsPerFragment) {
        return restoreVectorFastPath(indexName, targetRowsPerFragment, 0);
    }

    /**
     * {@link #restoreVectorFastPath(String, long)}, moving only the fragments with the most deleted rows, until at
     * most {@code deletedRowsLeft} deleted rows are left under the index (the engine's own vector query filters a
     * small number itself, {@link VectorIndexHealth#servedDirectly()}); 0 moves every fragment with deletions.
     */
    public VectorUpkeepStats restoreVectorFastPath(String indexName, long targetRowsPerFragment, long deletedRowsLeft) {
        Objects.requireNonNull(indexName, "indexName");
        if (deletedRowsLeft < 0) {
            throw new IllegalArgumentException("deletedRowsLeft < 0: " + deletedRowsLeft);
        }
        return call((table, call) -> {
            MemorySegment out = mvs_vector_upkeep_stats.allocate(call.arena());
            call.check(mvs_native_h.mvs_table_restore_vector_fast_path(table, call.string(indexName), targetRowsPerFragment, deletedRowsLeft,
                    out, call.error()));
            return VectorUpkeepStats.from(out);
        });
    }

    /** The first index on {@code column}, if there is one. */
    public Optional<IndexInfo> indexOn(String column) {
        return IndexInfo.on(indexes(), column);
    }

    /** The table's indexes, how many live rows each leaves unindexed and how many segments each is made of. */
    public List<IndexInfo> indexes() {
        try (ArrowReader reader = ArrowStreams.output(runtime.allocator(), out -> call((table, call) -> {
            call.check(mvs_native_h.mvs_table_indexes(table, out, call.error()));
            return null;
        }))) {
            List<IndexInfo> infos = new ArrayList<>();
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                UInt8Vector indexed = (UInt8Vector) root.getVector("rows_indexed");
                UInt8Vector unindexed = (UInt8Vector) root.getVector("rows_unindexed");
                UInt8Vector segments = (UInt8Vector) root.getVector("segments");
                for (int i = 0; i < root.getRowCount(); i++) {
                    infos.add(new IndexInfo(text(root, "name", i), text(root, "index_type", i), text(root, "column", i),
                            indexed.getObjectNoOverflow(i).longValueExact(), unindexed.getObjectNoOverflow(i).longValueExact(),
                            segments.getObjectNoOverflow(i).longValueExact()));
                }
            }
            return infos;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The {@code query.k()} nearest rows with a {@code _distance} column; the caller closes the reader. */
    public ArrowReader nearest(NearestQuery query) {
        return ArrowStreams.output(runtime.allocator(), out -> nearestInto(query, out));
    }

    /** Same, read at once into Java values through FFM alone ({@link ResultRows}). */
    public ResultRows nearestRows(NearestQuery query) {
        return ResultRows.drain(out -> nearestInto(query, out));
    }

    private void nearestInto(NearestQuery query, MemorySegment out) {
        call((table, call) -> {
            MemorySegment q = query.toNative(call);
            MemorySegment names = call.strings(query.columns());
            call.check(mvs_native_h.mvs_table_nearest(table, q, names, query.columns().size(), call.string(query.filter()),
                    out, call.error()));
            return null;
        });
    }

    /** BM25 search, best first, with a {@code _score} column; the caller closes the reader. */
    public ArrowReader fullTextSearch(FullTextQuery query) {
        return ArrowStreams.output(runtime.allocator(), out -> fullTextSearchInto(query, out));
    }

    /** Same, read at once into Java values through FFM alone ({@link ResultRows}). */
    public ResultRows fullTextSearchRows(FullTextQuery query) {
        return ResultRows.drain(out -> fullTextSearchInto(query, out));
    }

    private void fullTextSearchInto(FullTextQuery query, MemorySegment out) {
        call((table, call) -> {
            call.check(mvs_native_h.mvs_table_full_text_search(table, call.string(query.text()),
                    call.strings(query.ftsColumns()), query.ftsColumns().size(), call.strings(query.columns()),
                    query.columns().size(), call.string(query.filter()), query.limit(), out, call.error()));
            return null;
        });
    }

    /** Upserts {@code input} (consumed) by the key columns {@code on} as one new version. */
    public MergeInsertStats mergeInsert(List<String> on, MergeInsertSpec spec, ArrowReader input) {
        Objects.requireNonNull(input, "input");
        return ArrowStreams.withInput(runtime.allocator(), input, stream -> call((table, call) -> {
            MemorySegment p = spec.toNative(call);
            MemorySegment out = mvs_merge_insert_stats.allocate(call.arena());
            call.check(mvs_native_h.mvs_table_merge_insert(table, call.strings(on), on.size(), p, stream, out, call.error()));
            return MergeInsertStats.from(out);
        }));
    }

    /** Replaces every row with {@code input} (consumed) as one new version; drops the indexes. */
    public void overwrite(ArrowReader input) {
        Objects.requireNonNull(input, "input");
        ArrowStreams.withInput(runtime.allocator(), input, stream -> call((table, call) -> {
            call.check(mvs_native_h.mvs_table_overwrite(table, stream, call.error()));
            return null;
        }));
    }

    /**
     * Writes {@code input} (consumed; the table's schema) as data files no version references: nothing becomes
     * visible and {@link #version()} does not move. A coordinator commits the fragments of many such writes at once
     * with {@link #commitFragments}; files never committed are removed by a later cleanup.
     */
    public List<WrittenFragment> writeFragments(ArrowReader input) {
        Objects.requireNonNull(input, "input");
        BufferAllocator allocator = runtime.allocator();
        try (ArrowReader reader = ArrowStreams.withInput(allocator, input, stream -> ArrowStreams.output(allocator, out -> call((table, call) -> {
            call.check(mvs_native_h.mvs_table_write_fragments(table, stream, out, call.error()));
            return null;
        })))) {
            List<WrittenFragment> written = new ArrayList<>();
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                UInt8Vector rows = (UInt8Vector) root.getVector("rows");
                for (int i = 0; i < root.getRowCount(); i++) {
                    written.add(new WrittenFragment(text(root, "fragment", i), rows.getObjectNoOverflow(i).longValueExact()));
                }
            }
            return written;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Commits {@code fragments} (from {@link #writeFragments}, at least one) as one append based on {@code readVersion},
     * recording {@code jobId}; if a version after {@code readVersion} already carries {@code jobId}, commits nothing.
     * NotFound if a fragment's file is not in this table's storage (a worker's own disk); then nothing is committed.
     */
    public FragmentCommit commitFragments(long readVersion, List<WrittenFragment> fragments, String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        List<String> metadata = fragments.stream().map(WrittenFragment::metadata).toList();
        return call((table, call) -> {
            MemorySegment out = mvs_fragment_commit.allocate(call.arena());
            call.check(mvs_native_h.mvs_table_commit_fragments(table, readVersion, call.strings(metadata), metadata.size(),
                    call.string(jobId), out, call.error()));
            return FragmentCommit.from(out);
        });
    }

    /**
     * The rows with these {@code _rowid} values, in that order; the caller closes the reader. The native side keeps
     * each fragment's reader open for the table's version, so repeated takes (a search's candidates) open nothing.
     */
    public ArrowReader takeRows(long[] rowIds, List<String> columns) {
        return ArrowStreams.output(runtime.allocator(), out -> takeInto(rowIds, columns, out));
    }

    /** Same, read at once into Java values through FFM alone ({@link ResultRows}). */
    public ResultRows takeRowsResult(long[] rowIds, List<String> columns) {
        return ResultRows.drain(out -> takeInto(rowIds, columns, out));
    }

    private void takeInto(long[] rowIds, List<String> columns, MemorySegment out) {
        call((table, call) -> {
            MemorySegment ids = call.arena().allocateFrom(ValueLayout.JAVA_LONG, rowIds);
            call.check(mvs_native_h.mvs_table_take_rows(table, ids, rowIds.length, call.strings(columns), columns.size(), out,
                    call.error()));
            return null;
        });
    }

    /**
     * Removes files only old versions use: versions older than {@code olderThan} (zero: any age)
     * beyond the newest {@code keepVersions} (0: no such limit). The newest version always stays.
     */
    public CleanupStats cleanup(java.time.Duration olderThan, int keepVersions) {
        if (keepVersions < 0) {
            throw new IllegalArgumentException("keepVersions must be >= 0");
        }
        return call((table, call) -> {
            MemorySegment out = mvs_cleanup_stats.allocate(call.arena());
            call.check(mvs_native_h.mvs_table_cleanup(table, olderThan.toMillis(), keepVersions, out, call.error()));
            return CleanupStats.from(out);
        });
    }

    /**
     * Removes the files no version references, whatever their age (writes that never committed: a distributed job's
     * failed or duplicate attempts); removes no version. Only while nothing writes the table: a write in flight has
     * unreferenced files too.
     */
    public CleanupStats removeUnreferencedFiles() {
        return call((table, call) -> {
            MemorySegment out = mvs_cleanup_stats.allocate(call.arena());
            call.check(mvs_native_h.mvs_table_remove_unreferenced_files(table, out, call.error()));
            return CleanupStats.from(out);
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

    /** The live native handle for one call at the raw layer (the boundary fuzzer); closed: IllegalStateException. */
    <T> T useHandle(java.util.function.Function<MemorySegment, T> call) {
        return handle.use(call);
    }

    private <T> T call(Body<T> body) {
        return handle.use(table -> {
            try (NativeCall call = new NativeCall()) {
                return body.run(table, call);
            }
        });
    }

    private static String text(VectorSchemaRoot root, String column, int row) {
        return new String(((VarCharVector) root.getVector(column)).get(row), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String uri(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
