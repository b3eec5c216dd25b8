package dev.mvs.engine.index;

import dev.mvs.engine.chunk.Chunk;
import dev.mvs.engine.chunk.Chunker;
import dev.mvs.engine.scan.DiscoveredFile;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.SkippedFile;
import dev.mvs.ffi.FillingArrowReader;
import dev.mvs.ffi.FtsOptions;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.ScalarIndexKind;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Phase 1 of indexing (DESIGN §5): discover → read → chunk → write files.lance and chunks.lance in
 * large Arrow batches, then a full-text index on chunk content and BTree indexes on paths. After
 * it the repository is keyword-searchable. The walk runs on its own thread into a bounded queue,
 * and chunk batches are produced only as Lance pulls them, so memory stays bounded on any repository.
 */
public final class Phase1Indexer {

    /** Chunk rows per Arrow batch written to chunks.lance. */
    static final int BATCH_ROWS = 4_096;
    private static final int QUEUE_FILES = 256;

    private final NativeRuntime runtime;
    private final Discovery discovery;
    private final Chunker chunker;

    public Phase1Indexer(NativeRuntime runtime, Discovery discovery, Chunker chunker) {
        this.runtime = runtime;
        this.discovery = discovery;
        this.chunker = chunker;
    }

    /** Indexes {@code repo} into the new directory {@code indexDir}; {@code progress} gets one line per step. */
    public Phase1Report run(Path repo, Path indexDir, Consumer<String> progress) throws IOException, InterruptedException {
        if (!Files.isDirectory(repo)) {
            throw new IllegalArgumentException("repository path is not a directory: " + repo);
        }
        if (Files.exists(indexDir.resolve(IndexSchemas.CHUNKS_TABLE))) {
            throw new IndexExistsException(indexDir);
        }
        Files.createDirectories(indexDir);
        long t0 = System.nanoTime();
        List<SkippedFile> skipped = Collections.synchronizedList(new ArrayList<>());
        List<FileRow> files = new ArrayList<>();
        long[] counts = new long[2]; // chunks, bytes
        Walker walker = new Walker(repo, skipped);
        walker.start();
        try (Table chunks = Table.create(runtime, indexDir.resolve(IndexSchemas.CHUNKS_TABLE),
                new FillingArrowReader(runtime.allocator(), IndexSchemas.CHUNKS, root -> fillChunks(root, walker, files, counts, progress)))) {
            walker.rethrow();
            long written = System.nanoTime();
            progress.accept(String.format(Locale.ROOT, "wrote %,d chunks of %,d files; building indexes", counts[0], files.size()));
            try (Table fileTable = Table.create(runtime, indexDir.resolve(IndexSchemas.FILES_TABLE), fileRows(runtime.allocator(), files))) {
                fileTable.createScalarIndex("path", null, ScalarIndexKind.BTREE);
            }
            chunks.createScalarIndex("path", null, ScalarIndexKind.BTREE);
            chunks.createFullTextIndex("content", null, FtsOptions.defaults().withTokenizer("simple").withStemming(false).withStopWords(false));
            EngineJson.write(indexDir, files.size(), counts[0]);
            long end = System.nanoTime();
            return new Phase1Report(indexDir, files.size(), counts[0], counts[1], List.copyOf(skipped), (written - t0) / 1_000_000,
                    (end - written) / 1_000_000);
        } finally {
            walker.interrupt();
            walker.join();
        }
    }

    /** Fills one batch of chunk rows from the files the walker found; false when there are no more. */
    private boolean fillChunks(VectorSchemaRoot root, Walker walker, List<FileRow> files, long[] counts, Consumer<String> progress)
            throws IOException {
        root.allocateNew();
        Rows rows = new Rows(root);
        while (rows.count < BATCH_ROWS) {
            if (walker.pending.isEmpty()) {
                DiscoveredFile file = walker.next();
                if (file == null) {
                    break;
                }
                String text = new String(file.content(), StandardCharsets.UTF_8);
                List<Chunk> chunks = chunker.chunk(file.path(), file.language(), text);
                files.add(new FileRow(file.path(), file.contentHash(), file.size(), file.mtimeMillis(), file.language(), chunks.size()));
                counts[1] += file.size();
                walker.pending.addAll(chunks);
                if (files.size() % 5_000 == 0) {
                    progress.accept(String.format(Locale.ROOT, "%,d files read", files.size()));
                }
                continue;
            }
            rows.add(walker.pending.poll());
            counts[0]++;
        }
        rows.finish();
        return rows.count > 0;
    }

    private static ArrowReader fileRows(BufferAllocator allocator, List<FileRow> files) {
        int[] next = {0};
        return new FillingArrowReader(allocator, IndexSchemas.FILES, root -> {
            if (next[0] >= files.size()) {
                return false;
            }
            root.allocateNew();
            int n = Math.min(BATCH_ROWS * 4, files.size() - next[0]);
            VarCharVector path = (VarCharVector) root.getVector("path");
            VarCharVector hash = (VarCharVector) root.getVector("content_hash");
            BigIntVector size = (BigIntVector) root.getVector("size");
            BigIntVector mtime = (BigIntVector) root.getVector("mtime_ms");
            VarCharVector language = (VarCharVector) root.getVector("language");
            IntVector chunkCount = (IntVector) root.getVector("chunk_count");
            for (int i = 0; i < n; i++) {
                FileRow f = files.get(next[0] + i);
                path.setSafe(i, f.path().getBytes(StandardCharsets.UTF_8));
                hash.setSafe(i, f.contentHash().getBytes(StandardCharsets.UTF_8));
                size.setSafe(i, f.size());
                mtime.setSafe(i, f.mtimeMillis());
                language.setSafe(i, f.language().getBytes(StandardCharsets.UTF_8));
                chunkCount.setSafe(i, f.chunkCount());
            }
            for (FieldVector v : root.getFieldVectors()) {
                v.setValueCount(n);
            }
            root.setRowCount(n);
            next[0] += n;
            return true;
        });
    }

    /** Writes chunk rows into the vectors of one batch. */
    private static final class Rows {
        private final VectorSchemaRoot root;
        private final VarCharVector chunkId;
        private final VarCharVector path;
        private final VarCharVector language;
        private final VarCharVector kind;
        private final VarCharVector symbol;
        private final IntVector startLine;
        private final IntVector endLine;
        private final VarCharVector content;
        private final VarCharVector contentHash;
        int count;

        Rows(VectorSchemaRoot root) {
            this.root = root;
            chunkId = (VarCharVector) root.getVector("chunk_id");
            path = (VarCharVector) root.getVector("path");
            language = (VarCharVector) root.getVector("language");
            kind = (VarCharVector) root.getVector("kind");
            symbol = (VarCharVector) root.getVector("symbol");
            startLine = (IntVector) root.getVector("start_line");
            endLine = (IntVector) root.getVector("end_line");
            content = (VarCharVector) root.getVector("content");
            contentHash = (VarCharVector) root.getVector("content_hash");
        }

        void add(Chunk c) {
            int i = count++;
            chunkId.setSafe(i, utf8(c.chunkId()));
            path.setSafe(i, utf8(c.path()));
            language.setSafe(i, utf8(c.language()));
            kind.setSafe(i, utf8(c.kind()));
            symbol.setSafe(i, utf8(c.symbol()));
            startLine.setSafe(i, c.startLine());
            endLine.setSafe(i, c.endLine());
            content.setSafe(i, utf8(c.content()));
            contentHash.setSafe(i, utf8(c.contentHash()));
        }

        void finish() {
            for (FieldVector v : root.getFieldVectors()) {
                v.setValueCount(count);
            }
            root.setRowCount(count);
        }

        private static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Walks the repository on its own thread into a bounded queue (back-pressure on a slow writer). */
    private final class Walker extends Thread {
        private static final DiscoveredFile END = new DiscoveredFile("", 0, 0, new byte[0], "", "");
        private final Path repo;
        private final List<SkippedFile> skipped;
        private final BlockingQueue<DiscoveredFile> queue = new ArrayBlockingQueue<>(QUEUE_FILES);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        final ArrayDeque<Chunk> pending = new ArrayDeque<>();
        private boolean ended;

        Walker(Path repo, List<SkippedFile> skipped) {
            super("mvs-discovery");
            setDaemon(true);
            this.repo = repo;
            this.skipped = skipped;
        }

        @Override
        public void run() {
            try {
                discovery.walk(repo, file -> {
                    try {
                        queue.put(file);
                    } catch (InterruptedException e) {
                        throw new CancelledWalk();
                    }
                }, skipped::add);
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

        /** The next file, or null at the end of the walk. */
        DiscoveredFile next() throws IOException {
            if (ended) {
                return null;
            }
            try {
                DiscoveredFile file = queue.take();
                if (file == END) {
                    ended = true;
                    rethrow();
                    return null;
                }
                return file;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the repository", e);
            }
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
