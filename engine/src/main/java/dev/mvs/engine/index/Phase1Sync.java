package dev.mvs.engine.index;

import dev.mvs.engine.store.Sql;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.engine.store.ArrowRows;
import dev.mvs.engine.store.ChunkingFallbacks;

import dev.mvs.engine.store.FileRow;
import dev.mvs.engine.store.GenerationTables;

import dev.mvs.engine.store.RowValues;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.chunk.Chunk;
import dev.mvs.engine.chunk.Chunker;
import dev.mvs.engine.scan.DiscoveredFile;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.SkippedFile;
import dev.mvs.engine.scan.UnchangedFile;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Phase 1 (docs/storage.md): brings files.lance and chunks.lance in step with the working tree. The
 * same code indexes from scratch (nothing known: every file is new) and incrementally (stat fast
 * path, then content hash).
 *
 * <p>Work goes in waves of bounded size, so memory stays bounded whatever changed. Each wave:
 * journal its paths durably → keep the old vectors of its paths (reused by content hash in phase
 * 2) → delete their vectors and chunks (one predicate per batch of paths) → append the new chunks
 * → replace their files rows. files.lance is written last and the journal is cleared only at the
 * end, so a run killed anywhere is completed by the next one, with no stale and no missing rows.
 */
final class Phase1Sync {

    static final long WAVE_BYTES = 64L << 20;
    static final int WAVE_FILES = 20_000;
    private static final int QUEUE_ITEMS = 256;
    /**
     * Unchanged files handed from the walker to the writer at once, at most: one queue hand-off per file (a
     * thread wake-up each) cost more than the file's stat, and a one-file run walks every file (issue 18).
     */
    private static final int UNCHANGED_BATCH = 512;

    private final Discovery discovery;
    private final Chunker chunker;
    private final IndexProgress progress;

    Phase1Sync(Discovery discovery, Chunker chunker, IndexProgress progress) {
        this.discovery = discovery;
        this.chunker = chunker;
        this.progress = progress;
    }

    /**
     * @param salvage   receives content hash → vector of every chunk this run deletes, for phase 2 to reuse
     * @param rewritten receives every path whose chunks or vectors this run deleted or appended
     * @param racy      is offered the row of every file this run read or trusted, to recheck at the end of the run
     */
    SyncReport run(Path repo, GenerationTables tables, long statsTrustedBeforeMillis, Map<String, float[]> salvage, Set<String> rewritten,
                   RacyFiles racy) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        DirtyJournal journal = new DirtyJournal(tables.generation().journal());
        TreeSet<String> leftover = journal.read();
        KnownFiles known = tables.files() == null ? KnownFiles.empty() : KnownFiles.load(tables.files(), statsTrustedBeforeMillis, leftover);
        if (!leftover.isEmpty()) {
            progress.message(String.format(java.util.Locale.ROOT, "completing %,d paths an interrupted run left", leftover.size()));
        }
        List<SkippedFile> skipped = Collections.synchronizedList(new ArrayList<>());
        Set<String> seen = new HashSet<>();
        Counts counts = new Counts();
        ChunkAhead chunkAhead = new ChunkAhead(chunker, Runtime.getRuntime().availableProcessors());
        RunState state = new RunState(tables, known, leftover, journal, new TreeSet<>(leftover), salvage, rewritten, counts);
        Walker walker = new Walker(repo, known, leftover, skipped, chunkAhead);
        walker.start();
        try (chunkAhead) {
            Wave wave = new Wave();
            long reported = 0;
            for (Object item = walker.next(); item != null; item = walker.next()) {
                if (item instanceof UnchangedFiles batch) {
                    for (UnchangedFile u : batch.files()) {
                        seen.add(u.path());
                        racy.offer(u.path(), u.size(), u.mtimeMillis(), u.contentHash());
                    }
                    counts.seen += batch.files().size();
                    counts.unchanged += batch.files().size();
                } else {
                    counts.seen++;
                    if (item instanceof TouchedFile(FileRow row)) {
                        seen.add(row.path());
                        racy.offer(row.path(), row.size(), row.mtimeMillis(), row.contentHash());
                        wave.touched.add(row);
                    } else if (item instanceof ChangedFile(DiscoveredFile f, Future<ChunkAhead.Chunked> chunking)) {
                        seen.add(f.path());
                        racy.offer(f.path(), f.size(), f.mtimeMillis(), f.contentHash());
                        wave.changed.add(f);
                        wave.chunking.add(chunking);
                        wave.bytes += f.size();
                    }
                    if (wave.full()) {
                        state.flush(wave, Set.of());
                        wave = new Wave();
                    }
                }
                if (counts.seen - reported >= 1024) {
                    reported = counts.seen;
                    progress.phase1(counts.seen, counts.changed, counts.chunks);
                }
            }
            walker.rethrow();
            Set<String> deleted = new TreeSet<>();
            for (String p : known.paths()) {
                if (!seen.contains(p)) {
                    deleted.add(p);
                }
            }
            for (String p : leftover) {
                if (!seen.contains(p)) {
                    deleted.add(p);
                }
            }
            counts.deleted = deleted.size();
            state.flush(wave, deleted);
            // Before the journal goes: a run killed earlier redoes the journaled paths, and their entries.
            ChunkingFallbacks.update(tables.generation(), counts.fallbacks, deleted);
            journal.clear();
            progress.phase1(counts.seen, counts.changed, counts.chunks);
        } finally {
            walker.interrupt();
            walker.join();
        }
        return new SyncReport(counts.changed, counts.touched, counts.deleted, counts.unchanged, walker.reread(), counts.chunks, counts.bytes,
                List.copyOf(skipped), ChunkingFallbacks.countByReason(counts.fallbacks), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * What one run carries from wave to wave: the tables, what the index knew at the start, the paths
     * journaled so far, and the vectors of rows deleted (for phase 2 to reuse).
     */
    private final class RunState {
        private final GenerationTables tables;
        private final KnownFiles known;
        private final Set<String> leftover;
        private final DirtyJournal journal;
        private final TreeSet<String> journaled;
        private final Map<String, float[]> salvage;
        private final Set<String> rewritten;
        private final Counts counts;

        RunState(GenerationTables tables, KnownFiles known, Set<String> leftover, DirtyJournal journal, TreeSet<String> journaled,
                 Map<String, float[]> salvage, Set<String> rewritten, Counts counts) {
            this.tables = tables;
            this.known = known;
            this.leftover = leftover;
            this.journal = journal;
            this.journaled = journaled;
            this.salvage = salvage;
            this.rewritten = rewritten;
            this.counts = counts;
        }

        /** Writes one wave: journal its paths, keep and delete their old rows, append the new ones. */
        void flush(Wave wave, Set<String> deleted) throws IOException {
            if (wave.changed.isEmpty() && wave.touched.isEmpty() && deleted.isEmpty()) {
                return;
            }
            // Rows to delete exist only for paths the index knew (or a killed run may have half-written).
            TreeSet<String> rewrite = new TreeSet<>(deleted);
            for (DiscoveredFile f : wave.changed) {
                if (known.get(f.path()) != null || leftover.contains(f.path())) {
                    rewrite.add(f.path());
                }
            }
            TreeSet<String> filesRows = new TreeSet<>(rewrite);
            wave.touched.forEach(t -> filesRows.add(t.path()));
            boolean grew = journaled.addAll(filesRows);
            for (DiscoveredFile f : wave.changed) {
                grew |= journaled.add(f.path());
            }
            if (grew) {
                journal.write(journaled);
            }
            rewritten.addAll(rewrite);
            wave.changed.forEach(f -> rewritten.add(f.path()));
            long t0 = System.nanoTime();
            if (!rewrite.isEmpty()) {
                if (tables.vectors() != null) {
                    keepVectors(tables.vectors(), rewrite, salvage);
                    deleteWhere(tables.vectors(), rewrite);
                }
                if (tables.chunks() != null) {
                    deleteWhere(tables.chunks(), rewrite);
                }
            }
            List<FileRow> rows = new ArrayList<>(wave.touched);
            if (!wave.changed.isEmpty()) {
                ChunkingIterator chunks = new ChunkingIterator(ChunkAhead.inOrder(wave.chunking), rows, counts);
                if (chunks.hasNext()) {
                    tables.appendChunks(ArrowRows.chunks(tables.runtime().allocator(), chunks));
                }
                while (chunks.hasNext()) {
                    chunks.next(); // files without chunks still get their files row
                }
            }
            if (tables.files() != null && !filesRows.isEmpty()) {
                deleteWhere(tables.files(), filesRows);
            }
            if (!rows.isEmpty()) {
                tables.appendFiles(ArrowRows.files(tables.runtime().allocator(), rows));
            }
            counts.touched += wave.touched.size();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms >= TableMaintenance.SLOW_STEP_MILLIS && !rewrite.isEmpty()) {
                progress.message(String.format(java.util.Locale.ROOT, "rewrote %,d paths in %,d ms", filesRows.size(), ms));
            }
            progress.phase1(counts.seen, counts.changed, counts.chunks);
        }
    }

    private static void deleteWhere(Table table, Set<String> paths) {
        for (String predicate : Sql.inLists(IndexSchemas.PATH, paths)) {
            table.delete(predicate);
        }
    }

    /** Remembers the vectors about to be deleted, by content hash: moved or reverted code is not embedded again. */
    private static void keepVectors(Table vectors, Set<String> paths, Map<String, float[]> salvage) throws IOException {
        for (String predicate : Sql.inLists(IndexSchemas.PATH, paths)) {
            try (ArrowReader reader = vectors.scan(ScanRequest.all().withColumns(IndexSchemas.CONTENT_HASH, IndexSchemas.VECTOR).withFilter(predicate))) {
                while (reader.loadNextBatch()) {
                    RowValues.vectorsByHash(reader.getVectorSchemaRoot(), salvage);
                }
            }
        }
    }

    /** The wave's chunks, file by file as Lance pulls batches (chunked ahead by ChunkAhead), adding each file's row as it goes. */
    private static final class ChunkingIterator implements Iterator<Chunk> {
        private final Iterator<ChunkAhead.Chunked> files;
        private final List<FileRow> rows;
        private final Counts counts;
        private Iterator<Chunk> current = Collections.emptyIterator();

        ChunkingIterator(Iterator<ChunkAhead.Chunked> files, List<FileRow> rows, Counts counts) {
            this.files = files;
            this.rows = rows;
            this.counts = counts;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && files.hasNext()) {
                ChunkAhead.Chunked next = files.next();
                DiscoveredFile f = next.file();
                List<Chunk> chunks = next.chunked().chunks();
                rows.add(new FileRow(f.path(), f.contentHash(), f.size(), f.mtimeMillis(), f.language(), chunks.size()));
                counts.fallbacks.put(f.path(), next.chunked().fallback());
                counts.changed++;
                counts.bytes += f.size();
                current = chunks.iterator();
            }
            return current.hasNext();
        }

        @Override
        public Chunk next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            counts.chunks++;
            return current.next();
        }
    }

    private static final class Wave {
        final List<DiscoveredFile> changed = new ArrayList<>();
        /** The chunking of each of {@code changed}, started when the walk found it. */
        final List<Future<ChunkAhead.Chunked>> chunking = new ArrayList<>();
        final List<FileRow> touched = new ArrayList<>();
        long bytes;

        boolean full() {
            return bytes >= WAVE_BYTES || changed.size() + touched.size() >= WAVE_FILES;
        }
    }

    private static final class Counts {
        long seen;
        long changed;
        long touched;
        long deleted;
        long unchanged;
        long chunks;
        long bytes;
        /** Each path chunked this run: why the chunker fell back for it, or null (a HashMap: null values). */
        final Map<String, String> fallbacks = new HashMap<>();
    }

    /** Unchanged files in walk order. */
    private record UnchangedFiles(List<UnchangedFile> files) {
    }

    /** A file whose content is unchanged but whose stat or language is not: its row as it is now. */
    private record TouchedFile(FileRow row) {
    }

    /** A new or changed file, its chunking already under way. */
    private record ChangedFile(DiscoveredFile file, Future<ChunkAhead.Chunked> chunking) {
    }

    /**
     * Walks the repository on its own thread into a bounded queue, so reading overlaps chunking and
     * writing, and starts chunking each changed file as it finds it: the parse of the next wave goes
     * on while the current one is written. What the queue holds is bounded in items and in bytes of
     * text (one wave's worth), which the chunks of those files roughly double.
     */
    private final class Walker extends Thread {
        private static final Object END = new Object();
        private static final int BUDGET_KIB = (int) (WAVE_BYTES >> 10);
        private final Path repo;
        private final KnownFiles known;
        private final Set<String> leftover;
        private final List<SkippedFile> skipped;
        private final ChunkAhead chunkAhead;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_ITEMS);
        private final Semaphore budget = new Semaphore(BUDGET_KIB);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private List<UnchangedFile> unchanged = new ArrayList<>();
        /** Files read only to find their content unchanged. */
        private final AtomicLong reread = new AtomicLong();
        private boolean ended;

        Walker(Path repo, KnownFiles known, Set<String> leftover, List<SkippedFile> skipped, ChunkAhead chunkAhead) {
            super("mvs-discovery");
            setDaemon(true);
            this.repo = repo;
            this.known = known;
            this.leftover = leftover;
            this.skipped = skipped;
            this.chunkAhead = chunkAhead;
        }

        @Override
        public void run() {
            try {
                discovery.walk(repo, known, this::unchanged, this::put, skipped::add);
                handOverUnchanged();
            } catch (CancelledWalk e) {
                return;
            } catch (Throwable t) {
                failure.set(t);
            }
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                // the indexer is gone; nobody waits for the end marker
            }
        }

        private void unchanged(UnchangedFile file) {
            unchanged.add(file);
            if (unchanged.size() >= UNCHANGED_BATCH) {
                handOverUnchanged();
            }
        }

        /** Before any other item, so the writer sees the files in walk order. */
        private void handOverUnchanged() {
            if (!unchanged.isEmpty()) {
                enqueue(new UnchangedFiles(unchanged));
                unchanged = new ArrayList<>();
            }
        }

        private void put(DiscoveredFile file) {
            handOverUnchanged();
            FileRow old = known.get(file.path());
            if (old != null && old.contentHash().equals(file.contentHash()) && !leftover.contains(file.path())) {
                FileRow restated = new FileRow(file.path(), file.contentHash(), file.size(), file.mtimeMillis(), file.language(), old.chunkCount());
                if (restated.equals(old)) {
                    // Racily clean, and its hash says unchanged: its row is already right. The racy window follows the
                    // last run's recheck, so a later run trusts the stat without the row being rewritten (issue 18: that
                    // was 7,861 rows and a files.lance compaction in the first run after a freshly copied tree's build).
                    reread.incrementAndGet();
                    unchanged(new UnchangedFile(file.path(), file.size(), file.mtimeMillis(), old.contentHash()));
                    return;
                }
                enqueue(new TouchedFile(restated));
                return;
            }
            try {
                budget.acquire(kib(file));
            } catch (InterruptedException e) {
                throw new CancelledWalk();
            }
            enqueue(new ChangedFile(file, chunkAhead.submit(file)));
        }

        private void enqueue(Object item) {
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                throw new CancelledWalk();
            }
        }

        /** A file's share of the budget: its size in KiB, rounded up, and never more than all of it. */
        private static int kib(DiscoveredFile file) {
            return (int) Math.min(BUDGET_KIB, (file.size() >> 10) + 1);
        }

        /** The next UnchangedFiles, TouchedFile or ChangedFile, or null at the end of the walk. */
        Object next() throws InterruptedException {
            if (ended) {
                return null;
            }
            Object item = queue.take();
            if (item == END) {
                ended = true;
                return null;
            }
            if (item instanceof ChangedFile changed) {
                budget.release(kib(changed.file()));
            }
            return item;
        }

        long reread() {
            return reread.get();
        }

        void rethrow() throws IOException {
            Throwable t = failure.get();
            if (t instanceof IOException io) {
                throw io;
            }
            if (t != null) {
                throw new IOException("walking " + repo + " failed: " + t.getMessage(), t);
            }
        }
    }

    private static final class CancelledWalk extends RuntimeException {
        CancelledWalk() {
            super(null, null, false, false);
        }
    }
}
