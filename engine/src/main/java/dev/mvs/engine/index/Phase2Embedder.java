package dev.mvs.engine.index;

import dev.mvs.engine.store.HitColumn;
import dev.mvs.engine.store.VectorRow;
import dev.mvs.engine.store.ArrowRows;

import dev.mvs.engine.store.Sql;
import dev.mvs.engine.store.GenerationTables;

import dev.mvs.engine.store.RowValues;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.chunk.Chunk;
import dev.mvs.engine.embed.Embedder;
import dev.mvs.engine.embed.PreparedBatch;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.WrittenFragment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Phase 2 (docs/storage.md): gives every chunk a vector. "Not yet embedded" is an anti-join (chunk ids
 * without a row in vectors.lance), never a status column, so a run killed at any point resumes
 * where its last commit ended. A vector is reused whenever its content hash is known (from rows
 * this run deleted, from other chunks with the same text, from the previous generation in a
 * rebuild), so unchanged or moved code is never embedded twice.
 *
 * <p>Three stages with bounded queues between them: a reader thread reads the chunks, resolves reuse
 * and tokenizes; a model thread runs the model; the calling thread appends to Lance, committing every
 * {@link #COMMIT_ROWS} rows. The model never waits for a read, a tokenizer or a commit.
 */
final class Phase2Embedder {

    static final int COMMIT_ROWS = 2_048;
    /** Chunks resolved and tokenized together: the window within which texts are sorted by length for the model. */
    private static final int RESOLVE_BATCH = 1_024;
    /** Resolved batches the reader may be ahead of the model. */
    private static final int WORK_AHEAD = 2;
    private static final int READ_BATCH_IDS = 1_000;
    private static final int RECENT_VECTORS = 20_000;

    private final EmbedderSpec spec;
    private final IndexProgress progress;

    Phase2Embedder(EmbedderSpec spec, IndexProgress progress) {
        this.spec = spec;
        this.progress = progress;
    }

    /**
     * @param salvage   vectors by content hash of rows deleted in this run
     * @param reuseFrom another generation's vectors.lance made by the same model (a rebuild), or null
     * @param scope     the only paths whose chunks may lack a vector (or whose vectors may lack a chunk), or null
     *                  to compare the whole tables
     */
    Phase2Report run(GenerationTables tables, Map<String, float[]> salvage, Table reuseFrom, Set<String> scope)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Missing missing = missing(tables, scope);
        if (missing.ids().isEmpty()) {
            return Phase2Report.nothing(missing.orphans(), (System.nanoTime() - t0) / 1_000_000);
        }
        progress.phase2Started(missing.ids().size());
        Producer producer = new Producer(tables.chunks(), tables.vectors(), missing.ids(), missing.readAll(), salvage, reuseFrom,
                tables.vectorsCarryHits(), true);
        commitInSteps(tables, producer);
        return new Phase2Report(missing.ids().size(), producer.embedded, producer.reused, missing.orphans(), (System.nanoTime() - t0) / 1_000_000,
                producer.modelNanos() / 1_000_000);
    }

    /**
     * The first half of a distributed phase 2 (docs/distributed.md), on the coordinator: removes orphan vectors, commits
     * the rows of every chunk lacking a vector whose vector is known (as {@link #run} does), and returns the chunks only a
     * model can give one, without loading it.
     */
    ModelWork reuseOnly(GenerationTables tables, Map<String, float[]> salvage, Table reuseFrom) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Missing missing = missing(tables, null);
        if (missing.ids().isEmpty()) {
            return new ModelWork(List.of(), 0, 0, missing.orphans(), (System.nanoTime() - t0) / 1_000_000);
        }
        progress.phase2Started(missing.ids().size());
        Producer producer = new Producer(tables.chunks(), tables.vectors(), missing.ids(), missing.readAll(), salvage, reuseFrom,
                tables.vectorsCarryHits(), false);
        commitInSteps(tables, producer);
        return new ModelWork(List.copyOf(producer.needModel), missing.ids().size(), producer.reused, missing.orphans(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * A worker's part of a distributed phase 2: embeds the chunks {@code chunkIds} of {@code chunks} (opened at the job's
     * version) and writes their rows into {@code vectors} as fragments no version references yet; the coordinator commits
     * them. Nothing is committed here, so a failed or duplicated attempt leaves only unreferenced files.
     */
    Phase2TaskResult writeFragments(BufferAllocator allocator, Table chunks, Table vectors, Phase2Task task, boolean withHits,
                                    BooleanSupplier cancelled) throws IOException, InterruptedException {
        Set<String> chunkIds = new HashSet<>(task.chunkIds());
        // No lookups by hash: the coordinator reused every vector known before it planned the job.
        Producer producer = new Producer(chunks, null, chunkIds, false, Map.of(), null, withHits, true);
        producer.start();
        try {
            QueueIterator rows = new QueueIterator(producer, cancelled);
            List<WrittenFragment> written = vectors.writeFragments(ArrowRows.vectors(allocator, spec.dimension(), withHits, rows.all()));
            producer.rethrow();
            if (rows.taken != chunkIds.size()) {
                throw new IllegalStateException("a task of " + chunkIds.size() + " chunks found " + rows.taken + " of them in " + chunks.path()
                        + " at version " + chunks.version());
            }
            return new Phase2TaskResult(task.index(), written, producer.embedded, producer.reused, producer.modelNanos() / 1_000_000);
        } catch (RuntimeException e) {
            producer.rethrow(); // the producer's failure is the cause, the writer's only its consequence
            if (cancelled.getAsBoolean()) {
                CancellationException stopped = new CancellationException("task " + task.index() + " was cancelled; what it wrote stays unreferenced");
                stopped.initCause(e);
                throw stopped;
            }
            throw e;
        } finally {
            producer.interrupt();
            producer.joinBoth();
            producer.closeEmbedder();
        }
    }

    /** Chunks only a model can give a vector (their content hash is known nowhere), and what the reuse pass did. */
    record ModelWork(List<NeedsModel> chunks, long missing, long reused, long orphansRemoved, long millis) {}

    /** A chunk lacking a vector that a model must embed: its id, and the key its vector is reused by. */
    record NeedsModel(String chunkId, String contentHash) {}

    /** Chunk ids lacking a vector (after orphan vectors, of chunks no longer there, were removed). */
    private record Missing(Set<String> ids, boolean readAll, long orphans) {}

    private Missing missing(GenerationTables tables, Set<String> scope) throws IOException {
        if (tables.chunks() == null || (scope != null && scope.isEmpty())) {
            return new Missing(Set.of(), false, 0);
        }
        // Reading every id of both tables costs about 0.2 s at 240k chunks: a one-file run reads its paths' only.
        Set<String> chunkIds = ids(tables.chunks(), scope);
        Set<String> vectorIds = tables.vectors() == null ? Set.of() : ids(tables.vectors(), scope);
        List<String> orphans = new ArrayList<>();
        for (String id : vectorIds) {
            if (!chunkIds.contains(id)) {
                orphans.add(id);
            }
        }
        for (String predicate : Sql.inLists(IndexSchemas.CHUNK_ID, orphans)) {
            tables.vectors().delete(predicate);
        }
        Set<String> missing = new HashSet<>();
        for (String id : chunkIds) {
            if (!vectorIds.contains(id)) {
                missing.add(id);
            }
        }
        long chunks = scope == null ? chunkIds.size() : tables.chunks().countRows();
        return new Missing(missing, missing.size() > chunks / 4, orphans.size());
    }

    /** Appends the producer's rows, one commit per {@link #COMMIT_ROWS}, so a killed run resumes where its last commit ended. */
    private void commitInSteps(GenerationTables tables, Producer producer) throws IOException, InterruptedException {
        producer.start();
        try {
            QueueIterator rows = new QueueIterator(producer, () -> false);
            while (rows.hasNext()) {
                tables.appendVectors(ArrowRows.vectors(tables.runtime().allocator(), spec.dimension(), producer.withHits, rows.commit()));
                progress.phase2(rows.taken, producer.reused);
            }
            producer.rethrow();
        } finally {
            producer.interrupt();
            producer.joinBoth();
            producer.closeEmbedder();
        }
    }

    /** The chunk ids of {@code table}: all, or those of the paths in {@code scope} (when not null). */
    private static Set<String> ids(Table table, Set<String> scope) throws IOException {
        Set<String> ids = new HashSet<>();
        if (scope == null) {
            addIds(table, ScanRequest.all(), ids);
        } else {
            for (String predicate : Sql.inLists(IndexSchemas.PATH, scope)) {
                addIds(table, ScanRequest.all().withFilter(predicate), ids);
            }
        }
        return ids;
    }

    private static void addIds(Table table, ScanRequest request, Set<String> ids) throws IOException {
        try (ArrowReader reader = table.scan(request.withColumns(IndexSchemas.CHUNK_ID))) {
            while (reader.loadNextBatch()) {
                VarCharVector v = (VarCharVector) reader.getVectorSchemaRoot().getVector(IndexSchemas.CHUNK_ID);
                for (int i = 0; i < v.getValueCount(); i++) {
                    ids.add(new String(v.get(i), StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static boolean hasIndexOn(Table table, String column) {
        return table != null && table.indexOn(column).isPresent();
    }

    /**
     * A chunk lacking a vector: contentHash is the reuse key (of the embedded text), content what the model embeds, hit
     * what a result shows (null: the table does not keep it).
     */
    private record Pending(String chunkId, String contentHash, String path, String language, String kind, String content, String hit) {}

    /** A content hash's vector: known at once, or filled by the model stage when its batch has run. */
    private static final class Slot {
        float[] vector;

        Slot(float[] vector) {
            this.vector = vector;
        }
    }

    /** One resolved read batch: its rows (with their slots), the texts still to embed, already cut into model batches. */
    private record Work(List<Pending> rows, List<Slot> slots, List<Slot> toEmbed, List<PreparedBatch> batches) {}

    private static final VectorRow END = new VectorRow("", "", "", "", "", new float[0], null);
    private static final Work END_WORK = new Work(List.of(), List.of(), List.of(), List.of());

    /**
     * The two stages before the writer: this thread reads the chunks lacking a vector, resolves reuse and
     * tokenizes (the model's {@link Embedder#prepare}); the {@link ModelStage} runs the model on what it
     * hands over. Reading and tokenizing the next batch so overlap the model's work on this one.
     */
    private final class Producer extends Thread {
        private final Table chunks;
        /** Where vectors are looked up by content hash (the table being filled), or null. */
        private final Table vectors;
        private final Set<String> missing;
        private final boolean readAll;
        private final Map<String, float[]> salvage;
        private final Table reuseFrom;
        private final boolean lookupOwn;
        private final boolean lookupOld;
        private final boolean withHits;
        /** False on a coordinator's reuse pass: chunks without a known vector go to {@link #needModel}, the model is never loaded. */
        private final boolean modelAllowed;
        private final List<NeedsModel> needModel = new ArrayList<>();
        private final BlockingQueue<Work> work = new ArrayBlockingQueue<>(WORK_AHEAD);
        private final BlockingQueue<VectorRow> queue = new ArrayBlockingQueue<>(COMMIT_ROWS);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final ModelStage model = new ModelStage();
        /** Recently seen hashes: a text met again while its first copy still waits for the model is not embedded twice. */
        private final Map<String, Slot> recent = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Slot> eldest) {
                return size() > RECENT_VECTORS;
            }
        };
        private volatile Embedder embedder;
        volatile long embedded;
        volatile long reused;

        Producer(Table chunks, Table vectors, Set<String> missing, boolean readAll, Map<String, float[]> salvage, Table reuseFrom,
                 boolean withHits, boolean modelAllowed) {
            super("mvs-embed-read");
            setDaemon(true);
            this.withHits = withHits;
            this.modelAllowed = modelAllowed;
            this.chunks = chunks;
            this.vectors = vectors;
            this.missing = missing;
            this.readAll = readAll;
            this.salvage = salvage;
            this.reuseFrom = reuseFrom;
            // Looking a hash up in a table is only cheap through a scalar index (set up by maintenance).
            this.lookupOwn = hasIndexOn(vectors, IndexSchemas.CONTENT_HASH);
            this.lookupOld = hasIndexOn(reuseFrom, IndexSchemas.CONTENT_HASH);
        }

        @Override
        public void start() {
            model.start();
            super.start();
        }

        @Override
        public void interrupt() {
            model.interrupt();
            super.interrupt();
        }

        void joinBoth() throws InterruptedException {
            join();
            model.join();
        }

        long modelNanos() {
            return model.nanos;
        }

        @Override
        public void run() {
            try {
                List<Pending> batch = new ArrayList<>(RESOLVE_BATCH);
                if (readAll) {
                    read(null, batch);
                } else {
                    for (String predicate : Sql.inLists(IndexSchemas.CHUNK_ID, missing, READ_BATCH_IDS)) {
                        read(predicate, batch);
                    }
                }
                resolve(batch);
            } catch (Stopped e) {
                return;
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            try {
                work.put(END_WORK);
            } catch (InterruptedException e) {
                // the writer is gone
            }
        }

        private void read(String filter, List<Pending> batch) throws IOException, InterruptedException {
            ScanRequest request = ScanRequest.all().withColumns(IndexSchemas.CHUNK_ID, IndexSchemas.CONTENT_HASH, IndexSchemas.PATH,
                    IndexSchemas.LANGUAGE, IndexSchemas.KIND, IndexSchemas.SYMBOL, IndexSchemas.CONTENT, IndexSchemas.START_LINE,
                    IndexSchemas.END_LINE);
            try (ArrowReader reader = chunks.scan(filter == null ? request : request.withFilter(filter))) {
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    VarCharVector id = (VarCharVector) root.getVector(IndexSchemas.CHUNK_ID);
                    VarCharVector hash = (VarCharVector) root.getVector(IndexSchemas.CONTENT_HASH);
                    VarCharVector path = (VarCharVector) root.getVector(IndexSchemas.PATH);
                    VarCharVector language = (VarCharVector) root.getVector(IndexSchemas.LANGUAGE);
                    VarCharVector kind = (VarCharVector) root.getVector(IndexSchemas.KIND);
                    VarCharVector symbol = (VarCharVector) root.getVector(IndexSchemas.SYMBOL);
                    VarCharVector content = (VarCharVector) root.getVector(IndexSchemas.CONTENT);
                    IntVector startLine = (IntVector) root.getVector(IndexSchemas.START_LINE);
                    IntVector endLine = (IntVector) root.getVector(IndexSchemas.END_LINE);
                    for (int i = 0; i < root.getRowCount(); i++) {
                        String chunkId = RowValues.text(id, i);
                        if (!missing.contains(chunkId)) {
                            continue;
                        }
                        String p = RowValues.text(path, i);
                        String lang = RowValues.text(language, i);
                        String k = RowValues.text(kind, i);
                        String sym = RowValues.text(symbol, i);
                        String body = RowValues.text(content, i);
                        String text = spec.input().of(p, lang, k, sym, body);
                        // A vector is reused by the hash of what the model saw: with a header, that includes the path.
                        String key = spec.input() == EmbeddedText.TEXT ? RowValues.text(hash, i) : Chunk.sha256(text);
                        String hit = withHits ? HitColumn.encode(new HitColumn.StoredHit(p, startLine.get(i), endLine.get(i), sym, k, body,
                                RowValues.text(hash, i))) : null;
                        batch.add(new Pending(chunkId, key, p, lang, k, text, hit));
                        if (batch.size() == RESOLVE_BATCH) {
                            resolve(batch);
                            batch.clear();
                        }
                    }
                }
            }
        }

        private void resolve(List<Pending> batch) throws IOException, InterruptedException {
            if (batch.isEmpty()) {
                return;
            }
            Map<String, Slot> slots = new HashMap<>();
            Set<String> unknown = new HashSet<>();
            for (Pending p : batch) {
                float[] v = salvage.get(p.contentHash());
                Slot slot = v != null ? new Slot(v) : recent.get(p.contentHash());
                if (slot != null) {
                    slots.put(p.contentHash(), slot);
                } else {
                    unknown.add(p.contentHash());
                }
            }
            Map<String, float[]> found = new HashMap<>();
            if (lookupOwn) {
                lookup(vectors, unknown, found);
            }
            if (lookupOld) {
                lookup(reuseFrom, unknown, found);
            }
            found.forEach((hash, v) -> slots.put(hash, new Slot(v)));
            if (!modelAllowed) {
                List<Pending> known = new ArrayList<>(batch.size());
                for (Pending p : batch) {
                    if (slots.containsKey(p.contentHash())) {
                        known.add(p);
                    } else {
                        needModel.add(new NeedsModel(p.chunkId(), p.contentHash()));
                    }
                }
                batch = known;
            }
            List<String> texts = new ArrayList<>();
            List<Slot> toEmbed = new ArrayList<>();
            for (Pending p : batch) {
                if (!slots.containsKey(p.contentHash())) {
                    Slot slot = new Slot(null);
                    slots.put(p.contentHash(), slot);
                    toEmbed.add(slot);
                    texts.add(p.content());
                }
            }
            List<Slot> rowSlots = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                Slot slot = slots.get(p.contentHash());
                recent.put(p.contentHash(), slot);
                rowSlots.add(slot);
            }
            List<PreparedBatch> prepared = texts.isEmpty() ? List.of() : embedder().prepare(texts);
            embedded += texts.size();
            reused += batch.size() - texts.size();
            try {
                work.put(new Work(List.copyOf(batch), rowSlots, toEmbed, prepared));
            } catch (InterruptedException e) {
                throw new Stopped();
            }
        }

        private void lookup(Table table, Set<String> unknown, Map<String, float[]> known) throws IOException {
            unknown.removeAll(known.keySet());
            if (unknown.isEmpty()) {
                return;
            }
            for (String predicate : Sql.inLists(IndexSchemas.CONTENT_HASH, unknown)) {
                try (ArrowReader reader = table.scan(ScanRequest.all().withColumns(IndexSchemas.CONTENT_HASH, IndexSchemas.VECTOR).withFilter(predicate))) {
                    while (reader.loadNextBatch()) {
                        RowValues.vectorsByHash(reader.getVectorSchemaRoot(), known);
                    }
                }
            }
            unknown.removeAll(known.keySet());
        }

        private Embedder embedder() throws IOException {
            if (embedder == null) {
                progress.message("loading the embedding model " + spec.modelId());
                Embedder loaded = spec.loader().load();
                if (loaded.dimension() != spec.dimension() || !loaded.modelId().equals(spec.modelId())) {
                    loaded.close();
                    throw new IllegalStateException("the model loaded as " + loaded.modelId() + "/" + loaded.dimension()
                            + ", expected " + spec.modelId() + "/" + spec.dimension());
                }
                embedder = loaded;
            }
            return embedder;
        }

        void closeEmbedder() {
            if (embedder != null) {
                embedder.close();
            }
        }

        void rethrow() throws IOException {
            Throwable t = failure.get();
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t != null) {
                throw new IOException("embedding failed: " + t, t);
            }
        }

        /** Runs the model on the reader's work, in its order, and hands every row with its vector to the writer. */
        private final class ModelStage extends Thread {
            volatile long nanos;

            ModelStage() {
                super("mvs-embed");
                setDaemon(true);
            }

            @Override
            public void run() {
                try {
                    for (Work w = work.take(); w != END_WORK; w = work.take()) {
                        for (PreparedBatch b : w.batches()) {
                            long t = System.nanoTime();
                            List<float[]> vectors = embedder.embed(b);
                            nanos += System.nanoTime() - t;
                            for (int i = 0; i < b.size(); i++) {
                                w.toEmbed().get(b.positions()[i]).vector = vectors.get(i);
                            }
                        }
                        for (int i = 0; i < w.rows().size(); i++) {
                            Pending p = w.rows().get(i);
                            put(new VectorRow(p.chunkId(), p.contentHash(), p.path(), p.language(), p.kind(), w.slots().get(i).vector, p.hit()));
                        }
                    }
                } catch (Stopped | InterruptedException e) {
                    return;
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    // the writer is gone
                }
            }

            private void put(VectorRow row) {
                if (isInterrupted()) {
                    throw new Stopped();
                }
                try {
                    queue.put(row);
                } catch (InterruptedException e) {
                    throw new Stopped();
                }
            }
        }
    }

    /** Hands the producer's rows to Lance, one commit of at most {@link #COMMIT_ROWS} rows at a time. */
    private static final class QueueIterator {
        /** How often a wait for the producer looks whether the work was cancelled. */
        private static final long CANCEL_POLL_MS = 100;
        private final Producer producer;
        private final BooleanSupplier cancelled;
        private VectorRow next;
        private boolean ended;
        long taken;

        /** @param cancelled true once the work is no longer wanted (a worker's task killed): the stream then fails */
        QueueIterator(Producer producer, BooleanSupplier cancelled) {
            this.producer = producer;
            this.cancelled = cancelled;
        }

        /** Whether any row is left (waits for the producer). */
        boolean hasNext() {
            if (next == null && !ended) {
                try {
                    VectorRow row = null;
                    while (row == null) {
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("the task was cancelled after " + taken + " rows");
                        }
                        row = producer.queue.poll(CANCEL_POLL_MS, TimeUnit.MILLISECONDS);
                    }
                    if (row == END) {
                        ended = true;
                    } else {
                        next = row;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for embeddings", e);
                }
            }
            return next != null;
        }

        /** Every row still to come, in one stream (a worker's fragments). */
        Iterator<VectorRow> all() {
            return upTo(Long.MAX_VALUE);
        }

        /** The rows of the next commit. */
        Iterator<VectorRow> commit() {
            return upTo(COMMIT_ROWS);
        }

        /** The next {@code limit} rows at most. */
        private Iterator<VectorRow> upTo(long limit) {
            return new Iterator<>() {
                private long given;

                @Override
                public boolean hasNext() {
                    return given < limit && QueueIterator.this.hasNext();
                }

                @Override
                public VectorRow next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    VectorRow row = next;
                    next = null;
                    given++;
                    taken++;
                    return row;
                }
            };
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
