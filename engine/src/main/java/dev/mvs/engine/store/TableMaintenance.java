package dev.mvs.engine.store;

import dev.mvs.ffi.FtsOptions;
import dev.mvs.ffi.IndexInfo;
import dev.mvs.ffi.ScalarIndexKind;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.TableStats;
import dev.mvs.ffi.VectorIndexHealth;
import dev.mvs.ffi.VectorIndexSpec;
import dev.mvs.ffi.VectorUpkeepStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;

/**
 * Keeps each table fast and its file count bounded after writes (docs/storage.md):
 * <ul>
 *   <li>indexes exist (created on first need) and fold in appended rows (optimize);</li>
 *   <li>compaction runs when fragments exceed {@link #MAX_FRAGMENTS} or deleted rows exceed
 *       {@link #MAX_DELETED_FRACTION}: a threshold, not "every N runs", so the number of data files
 *       (and so of open files) stays bounded however many small runs there are;</li>
 *   <li>vectors.lance, once it has its vector index, is kept on Lance's fast search path instead
 *       (no deletion file, one segment, a bitmap naming only live fragments; small fragments
 *       ({@link #vectorFragmentRows}) bound what a run rewrites);</li>
 *   <li>versions older than {@link #CLEANUP_AFTER} beyond the newest {@link #KEEP_VERSIONS} are
 *       cleaned up: a reader opens the newest version and finishes long before ten minutes.</li>
 * </ul>
 */
public final class TableMaintenance {

    public static final int MAX_FRAGMENTS = 16;
    public static final double MAX_DELETED_FRACTION = 0.10;
    public static final Duration CLEANUP_AFTER = Duration.ofMinutes(10);
    public static final int KEEP_VERSIONS = 20;
    /**
     * Deleted rows the vector upkeep leaves under the index when it runs: half of the 1,024 the engine's own query
     * filters itself (native nearest.rs), so the next runs have room. Moving a fragment to drop its deleted rows
     * quantizes all its live rows again (about 0.2 s for 2,048), so the fragments with the fewest stay.
     */
    static final long DELETED_ROWS_LEFT = 512;
    /** Merge count meaning "every segment" (Lance merges the newest N; no index has this many). */
    public static final int MERGE_ALL_SEGMENTS = 1 << 20;
    /** Steps at least this long are reported with their time. */
    public static final long SLOW_STEP_MILLIS = 300;

    /** The vector index's name (Lance's default for the column). */
    public static final String VECTOR_INDEX = IndexSchemas.VECTOR + "_idx";
    /**
     * Fewest rows per vectors.lance fragment: a run that deletes rows of an indexed fragment rewrites its
     * live rows (about this many) and folds them into the vector index again, so small fragments keep a
     * one-file run cheap (the upkeep of one edit: 0.33-0.65 s at 2,048 rows; moving 16,384 took 1.7-2.3 s;
     * bench/results/2026-12-05-move-rows). Searches paid about 12 % for the smaller fragments until takes kept their
     * fragment readers; semantic p50 is now 3.01 against 2.77 ms on 14 (bench/results/2026-12-05-tiered-compaction).
     */
    public static final long MIN_VECTOR_FRAGMENT_ROWS = 2_048;
    /** Fragments a vectors.lance table is cut into at most (past {@link #MIN_VECTOR_FRAGMENT_ROWS} rows each): bounds open files. */
    public static final long VECTOR_FRAGMENTS = 128;

    /** Rows per vectors.lance fragment for a table of {@code rows} rows: small, but at most about {@link #VECTOR_FRAGMENTS} fragments. */
    public static long vectorFragmentRows(long rows) {
        return Math.max(MIN_VECTOR_FRAGMENT_ROWS, rows / VECTOR_FRAGMENTS);
    }

    /**
     * Fewest rows per files.lance and chunks.lance fragment a compaction aims at. A build writes larger
     * fragments, so a threshold compaction leaves them (and the index segments covering them) alone and
     * combines only the small ones runs appended: at 240k chunks a full compaction of chunks.lance took
     * 10.7 s of a one-file run (bench/results/2026-12-05-tiered-compaction).
     */
    public static final long MIN_TABLE_FRAGMENT_ROWS = 16_384;
    /** Fragments of at least {@link #MIN_TABLE_FRAGMENT_ROWS} rows a files.lance or chunks.lance table is compacted into at most. */
    public static final long TABLE_FRAGMENTS = 16;

    /** Rows per files.lance and chunks.lance fragment a compaction aims at for a table of {@code rows} rows. */
    public static long tableFragmentRows(long rows) {
        return Math.max(MIN_TABLE_FRAGMENT_ROWS, rows / TABLE_FRAGMENTS);
    }

    /** Below this many vectors search is exact; at or above it an IVF_RQ index is built. */
    public static final long DEFAULT_VECTOR_INDEX_MIN_ROWS = 100_000;

    private final java.util.function.Consumer<String> progress;
    private final long vectorIndexMinRows;

    /** @param progress gets one line per step taken ("building the full-text index", ...) */
    public TableMaintenance(java.util.function.Consumer<String> progress, long vectorIndexMinRows) {
        this.progress = progress;
        this.vectorIndexMinRows = vectorIndexMinRows;
    }

    /**
     * What maintenance did, for the run's report.
     *
     * @param vectorFoldDue the vector index's gap outgrew what the engine's query serves and was left, as asked
     *                      ({@link #foldingVectorsLater}), for {@link #foldVectors} in the background
     */
    public record Report(int compactions, int indexesCreated, int optimized, long versionsRemoved, long bytesRemoved, boolean vectorFoldDue) {}

    /**
     * {@code engine-cli compact}: compacts every table whatever its fragment count, optimizes its indexes,
     * and cleans up old versions by the usual policy (never the versions a reader may still use).
     */
    public static Report forceNow(dev.mvs.ffi.NativeRuntime runtime, IndexLayout.Generation g, int dimension, java.util.function.Consumer<String> log)
            throws java.io.IOException {
        try (GenerationTables tables = new GenerationTables(runtime, g)) {
            TableMaintenance m = new TableMaintenance(log, DEFAULT_VECTOR_INDEX_MIN_ROWS);
            m.force = true;
            return m.run(tables, dimension);
        }
    }

    private boolean force;
    private boolean foldLater;

    /**
     * This maintainer leaves the vector fold (the restore that folds a gap past what the engine's query serves into
     * the index) to {@link #foldVectors}, run after the index run by the caller (engine-cli index starts it in the
     * background), and reports it due. The run is then not kept waiting for it: about 0.5-0.9 s at 240k vectors.
     */
    public TableMaintenance foldingVectorsLater() {
        foldLater = true;
        return this;
    }

    /**
     * Folds the gap of the vector index left by a run ({@link #foldingVectorsLater}) when it still outgrows what the
     * engine's query serves; returns whether it did.
     */
    public boolean foldVectors(Table vectors) {
        VectorIndexHealth health = vectorHealth(vectors);
        if (health == null || !outgrowsTheQuery(health)) {
            return false;
        }
        foldGap(vectors, health, vectorFragmentRows(vectors.countRows()), new Counter());
        return true;
    }

    /** True when {@code vectors} has no vector index, or its search is on the fast path or its gap is served by the engine's query. */
    public static boolean vectorGapServed(Table vectors) {
        VectorIndexHealth health = vectorHealth(vectors);
        return health == null || !outgrowsTheQuery(health);
    }

    /** The health of the vector index of {@code vectors}, or null without a table or an index. */
    private static VectorIndexHealth vectorHealth(Table vectors) {
        return vectors == null || find(vectors, IndexSchemas.VECTOR) == null ? null : vectors.vectorIndexHealth(VECTOR_INDEX);
    }

    /** Off the fast path by more than the engine's query serves: the gap must be folded in. */
    private static boolean outgrowsTheQuery(VectorIndexHealth health) {
        return !health.onFastPath() && !health.servedDirectly();
    }

    public Report run(GenerationTables tables, int dimension) {
        Counter c = new Counter();
        phase1Tables(tables, c);
        vectors(tables, dimension, c);
        Report cleaned = cleanup(tables.files(), tables.chunks(), tables.vectors());
        return sum(c.report(), cleaned);
    }

    /**
     * Maintains files.lance and chunks.lance only, after phase 1. No cleanup ({@link #cleanup}). A first index
     * waits for it, so the full-text index exists before phase 2 starts (keyword search is fast while embedding
     * goes on); later runs do it beside phase 2.
     */
    public Report runPhase1Tables(GenerationTables tables) {
        Counter c = new Counter();
        phase1Tables(tables, c);
        return c.report();
    }

    /** Maintains vectors.lance only (after phase 2). No cleanup ({@link #cleanup}). */
    public Report runVectors(GenerationTables tables, int dimension) {
        Counter c = new Counter();
        vectors(tables, dimension, c);
        return c.report();
    }

    /**
     * Removes the old versions of {@code tables} (null ones are skipped) by the policy ({@link #CLEANUP_AFTER}, {@link #KEEP_VERSIONS}).
     * Apart from the other steps, which do not clean up: what a run removes is what earlier runs left (its own
     * versions are younger than the policy's age), so an index run need not do it after them (Indexer, SideLane).
     */
    public Report cleanup(Table... tables) {
        Counter c = new Counter();
        for (Table table : tables) {
            if (table != null) {
                cleanup(table, c);
            }
        }
        return c.report();
    }

    private void phase1Tables(GenerationTables tables, Counter c) {
        if (tables.files() != null) {
            ensureScalar(tables.files(), IndexSchemas.PATH, c);
            maintain(tables.files(), this::phase1TargetRows, c);
        }
        if (tables.chunks() != null) {
            ensureScalar(tables.chunks(), IndexSchemas.PATH, c);
            ensureScalar(tables.chunks(), IndexSchemas.CHUNK_ID, c);
            if (find(tables.chunks(), IndexSchemas.CONTENT) == null) {
                progress.accept("building the full-text index");
                tables.chunks().createFullTextIndex(IndexSchemas.CONTENT, null,
                        FtsOptions.defaults().withTokenizer("simple").withStemming(false).withStopWords(false));
                c.created++;
            }
            maintain(tables.chunks(), this::phase1TargetRows, c);
        }
    }

    /** What files.lance and chunks.lance are compacted toward: as few fragments as Lance makes when forced, else bounded ones. */
    private long phase1TargetRows(long rows) {
        return force ? 0 : tableFragmentRows(rows);
    }

    private void vectors(GenerationTables tables, int dimension, Counter c) {
        Table table = tables.vectors();
        if (table == null) {
            return;
        }
        ensureScalar(table, IndexSchemas.CHUNK_ID, c);
        ensureScalar(table, IndexSchemas.CONTENT_HASH, c);
        ensureScalar(table, IndexSchemas.PATH, c);
        long rows = table.countRows(); // compaction below does not change it
        long fragmentRows = vectorFragmentRows(rows);
        if (find(table, IndexSchemas.VECTOR) != null) {
            keepOnFastPath(table, fragmentRows, c);
            return;
        }
        // Compacted before the index exists, so its build reads bounded fragments and no remap follows.
        maintain(table, liveRows -> fragmentRows, c);
        if (rows >= vectorIndexMinRows) {
            VectorIndexSpec spec = vectorIndexFor(rows, dimension);
            progress.accept(String.format(Locale.ROOT, "building the vector index (%s, %d partitions, %,d vectors)", spec.kind(), spec.partitions(), rows));
            table.createVectorIndex(IndexSchemas.VECTOR, null, spec);
            c.created++;
        }
    }

    /**
     * Keeps vector search on Lance's batched kernel after a run's deletes and appends (docs/lance-prefilter.md):
     * a deletion file on an indexed fragment, an index bitmap naming a fragment deleted whole, rows no
     * segment covers, or more than one segment each make every planned search 2-4x slower. The engine's own
     * query serves a small gap (a few deleted and new rows) on the batched kernel, so the restore runs only
     * once the gap outgrows it, or with {@code force}: it moves the live rows of the fragments with the most
     * deleted rows into new ones (all of them with {@code force}), merges the segments folding in the new and
     * moved rows, and prunes the bitmap, without retraining. The vector index never takes a delta segment: its new rows wait, unindexed, for that merge.
     * A maintainer {@link #foldingVectorsLater} only reports that restore due, for {@link #foldVectors} after the run.
     */
    private void keepOnFastPath(Table table, long fragmentRows, Counter c) {
        // Rarely (by the size-aware fragment limit): every index's segments merged, small fragments combined.
        boolean compacted = compactIfNeeded(table, fragmentRows);
        if (compacted) {
            c.compactions++;
        }
        VectorIndexHealth health = table.vectorIndexHealth(VECTOR_INDEX);
        if (force ? !health.onFastPath() : outgrowsTheQuery(health)) {
            if (foldLater && !force) {
                c.vectorFoldDue = true;
            } else {
                // Before the scalar indexes' deltas: the vector index takes the run's rows in its one merge, not as a delta first.
                foldGap(table, health, fragmentRows, c);
            }
        }
        List<String> behind = indexesWithUnindexedRows(table);
        behind.remove(VECTOR_INDEX);
        if (!behind.isEmpty()) {
            table.optimizeIndices(force ? MERGE_ALL_SEGMENTS : Table.APPEND_DELTA, behind);
            c.optimized++;
        }
    }

    /** Moves the fragments with the most deleted rows (all of them with {@code force}) and merges, folding in the unindexed rows. */
    private void foldGap(Table table, VectorIndexHealth health, long fragmentRows, Counter c) {
        long t0 = System.nanoTime();
        VectorUpkeepStats done = table.restoreVectorFastPath(VECTOR_INDEX, fragmentRows, force ? 0 : DELETED_ROWS_LEFT);
        if (done.fragmentsRewritten() > 0) {
            c.compactions++;
        }
        slow(String.format(Locale.ROOT, "kept vector search on its fast path (%d segments, %d fragments with deletions, %d deleted whole,"
                + " %d not indexed; %d fragments rewritten)", health.segments(), health.fragmentsWithDeletions(), health.missingFragments(),
                health.uncoveredFragments(), done.fragmentsRewritten()), t0);
    }

    /**
     * The vector index the pipeline builds for {@code rows} vectors: IVF_RQ (RaBitQ, Lance's 5 bits per
     * dimension) with about sqrt(rows) partitions (at most 4,096). At 240k vectors it reached recall@10 0.957
     * at 0.59x IVF_PQ's p50 (which reached 0.926), built in 0.28x the time (bench/results/2026-12-05-index-types).
     * Public so benchmarks build exactly the same index.
     */
    public static VectorIndexSpec vectorIndexFor(long rows, int dimension) {
        return VectorIndexSpec.ivfRq(partitionsFor(rows), 0);
    }

    /** IVF partitions for {@code rows} vectors: about sqrt(rows), at most 4,096. */
    public static int partitionsFor(long rows) {
        return (int) Math.max(1, Math.min(4_096, Math.round(Math.sqrt(rows))));
    }

    /** PQ sub-vectors of 8 dimensions (16 for large dimensions), dividing the dimension exactly. */
    public static int subVectors(int dimension) {
        for (int width : new int[] {8, 16, 4, 2, 1}) {
            if (dimension % width == 0 && dimension / width <= 96) {
                return dimension / width;
            }
        }
        return dimension;
    }

    /** The compaction policy alone: compacts {@code table} when it crossed a threshold; true if it did. */
    public boolean compactIfNeeded(Table table) {
        return compactIfNeeded(table, 0);
    }

    /**
     * {@link #compactIfNeeded(Table)} toward {@code targetRows} rows per fragment (0: Lance's default, about a
     * million). With a target, only what runs appended is combined: Lance does not combine fragments covered by
     * different index segments, so the small segments after each index's largest are merged first
     * ({@link Table#MERGE_TIERED}: the runs' deltas, and an older runs' segment only once the rows after it have
     * grown to half its size), and the fragments the largest covers (at least the target's size) are left as they
     * are, with their segment. Only if that does not bring the table under its thresholds (a segment left apart)
     * is every segment merged and the whole table compacted, as {@code engine-cli compact} always does.
     */
    public boolean compactIfNeeded(Table table, long targetRows) {
        return compactIfNeeded(table, rows -> targetRows);
    }

    /** {@link #compactIfNeeded(Table, long)} with the target computed from the table's live rows (read once, with the rest). */
    private boolean compactIfNeeded(Table table, LongUnaryOperator targetForRows) {
        TableStats stats = table.stats();
        long targetRows = targetForRows.applyAsLong(stats.rows());
        if (!(force && stats.fragments() > 1) && !overThresholds(stats, targetRows)) {
            return false;
        }
        progress.accept(String.format(Locale.ROOT, "compacting %s (%d fragments, %,d deleted rows)",
                table.path().getFileName(), stats.fragments(), stats.deletedRows()));
        boolean whole = force || targetRows == 0;
        mergeSegmentsAndCompact(table, targetRows, whole);
        if (!whole && overThresholds(table.stats(), targetRows)) {
            progress.accept("compacting " + table.path().getFileName() + " whole: index segments kept fragments apart");
            mergeSegmentsAndCompact(table, targetRows, true);
        }
        return true;
    }

    private static void mergeSegmentsAndCompact(Table table, long targetRows, boolean everySegment) {
        if (!table.indexes().isEmpty()) {
            table.optimizeIndices(everySegment ? MERGE_ALL_SEGMENTS : Table.MERGE_TIERED);
        }
        table.compact(targetRows);
    }

    /** More fragments than the size-aware limit (it grows with the table, not with the runs), or too many deleted rows. */
    private static boolean overThresholds(TableStats stats, long targetRows) {
        long maxFragments = MAX_FRAGMENTS + (targetRows > 0 ? stats.rows() / targetRows : 0);
        long physical = stats.rows() + stats.deletedRows();
        return stats.fragments() > maxFragments || (physical > 0 && stats.deletedRows() > MAX_DELETED_FRACTION * physical);
    }

    private void maintain(Table table, LongUnaryOperator targetForRows, Counter c) {
        boolean compact = compactIfNeeded(table, targetForRows);
        if (compact) {
            c.compactions++;
        }
        if (compact || hasUnindexedRows(table)) {
            long t0 = System.nanoTime();
            // The new rows become a delta segment, so a one-file reindex does not rewrite a 100k-document FTS
            // index; engine-cli compact merges every segment into one.
            table.optimizeIndices(force ? MERGE_ALL_SEGMENTS : Table.APPEND_DELTA);
            c.optimized++;
            slow("optimized the indexes of " + table.path().getFileName(), t0);
        }
    }

    private void cleanup(Table table, Counter c) {
        long t0 = System.nanoTime();
        var cleaned = table.cleanup(CLEANUP_AFTER, KEEP_VERSIONS);
        slow("cleaned up old versions of " + table.path().getFileName(), t0);
        c.versionsRemoved += cleaned.versionsRemoved();
        c.bytesRemoved += cleaned.bytesRemoved();
    }

    /** Says how long a step took when it was long enough for someone to wonder. */
    private void slow(String what, long startNanos) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        if (ms >= SLOW_STEP_MILLIS) {
            progress.accept(String.format(Locale.ROOT, "%s in %,d ms", what, ms));
        }
    }

    private static boolean hasUnindexedRows(Table table) {
        return !indexesWithUnindexedRows(table).isEmpty();
    }

    /** The names of the indexes of {@code table} that rows appended since their last build or merge are missing from. */
    private static List<String> indexesWithUnindexedRows(Table table) {
        List<String> names = new ArrayList<>();
        for (IndexInfo info : table.indexes()) {
            if (info.rowsUnindexed() > 0) {
                names.add(info.name());
            }
        }
        return names;
    }

    private static void ensureScalar(Table table, String column, Counter c) {
        if (find(table, column) == null) {
            table.createScalarIndex(column, null, ScalarIndexKind.BTREE);
            c.created++;
        }
    }

    private static IndexInfo find(Table table, String column) {
        return table.indexOn(column).orElse(null);
    }

    private static final class Counter {
        int compactions;
        int created;
        int optimized;
        long versionsRemoved;
        long bytesRemoved;
        boolean vectorFoldDue;

        Report report() {
            return new Report(compactions, created, optimized, versionsRemoved, bytesRemoved, vectorFoldDue);
        }
    }

    /** Two reports added up. */
    public static Report sum(Report a, Report b) {
        return new Report(a.compactions() + b.compactions(), a.indexesCreated() + b.indexesCreated(), a.optimized() + b.optimized(),
                a.versionsRemoved() + b.versionsRemoved(), a.bytesRemoved() + b.bytesRemoved(), a.vectorFoldDue() || b.vectorFoldDue());
    }
}
