package dev.mvs.ffi;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} whose batches a filler writes, on a thread of this reader's own.
 *
 * <p>Lance pulls the batches of an input stream from its tokio blocking pool (one
 * {@code spawn_blocking} per batch, on whichever pool thread is free), the same small pool its file
 * I/O needs. So the filler — which may chunk files with tree-sitter or wait for the embedding model —
 * never runs there: one producer thread (started by the first pull) fills each batch into a root of
 * its own and hands its buffers over (no copy); a pull only takes a finished batch, waiting if the
 * next one is not done. Every call of the filler happens on that one thread, in order, and the end of
 * the stream is handed over after the last call, so state the filler updates is visible to whoever
 * saw the stream end. At most three batches exist at a time: the one Lance reads, one handed over,
 * one being filled.
 */
public final class FillingArrowReader extends ArrowReader {

    /** Writes the next batch into {@code root} (allocating its vectors and setting the row count). */
    @FunctionalInterface
    public interface BatchFiller {
        /** Returns false, leaving the root untouched, when there are no more batches. */
        boolean fill(VectorSchemaRoot root) throws IOException;
    }

    /** What the producer hands over: a batch, the end, or the filler's failure. */
    private sealed interface Handoff {}

    private record Batch(ArrowRecordBatch batch) implements Handoff {}

    private record End() implements Handoff {}

    private record Failed(Throwable cause) implements Handoff {}

    private final Schema schema;
    private final BatchFiller filler;
    private final AutoCloseable source;
    private final BlockingQueue<Handoff> handoff = new ArrayBlockingQueue<>(1);
    private Thread producer;
    private boolean ended;

    public FillingArrowReader(BufferAllocator allocator, Schema schema, BatchFiller filler) {
        this(allocator, schema, filler, () -> {});
    }

    /** Same, closing {@code source} (e.g. the file the batches are read from) with the reader. */
    public FillingArrowReader(BufferAllocator allocator, Schema schema, BatchFiller filler, AutoCloseable source) {
        super(allocator);
        this.schema = Objects.requireNonNull(schema, "schema");
        this.filler = Objects.requireNonNull(filler, "filler");
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (ended) {
            return false;
        }
        if (producer == null) {
            producer = Thread.ofPlatform().daemon().name("mvs-batch-filler").start(this::produce);
        }
        Handoff next;
        try {
            next = handoff.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the next batch", e);
        }
        switch (next) {
            case Batch b -> {
                try (ArrowRecordBatch batch = b.batch()) {
                    new VectorLoader(getVectorSchemaRoot()).load(batch);
                }
                return true;
            }
            case End e -> {
                ended = true;
                return false;
            }
            case Failed f -> {
                ended = true;
                throw f.cause() instanceof IOException io ? io : new IOException("filling a batch failed: " + f.cause(), f.cause());
            }
        }
    }

    /** The producer thread: fill, hand over, until the filler says there is no more (or fails, or the reader closes). */
    private void produce() {
        try (VectorSchemaRoot own = VectorSchemaRoot.create(schema, allocator)) {
            while (true) {
                boolean more;
                try {
                    more = filler.fill(own);
                } catch (Throwable t) {
                    handoff.put(new Failed(t));
                    return;
                }
                if (!more) {
                    handoff.put(new End());
                    return;
                }
                ArrowRecordBatch batch = new VectorUnloader(own).getRecordBatch(); // takes its own references to the buffers
                own.clear(); // the next fill allocates new buffers; the handed-over ones live on in the batch
                try {
                    handoff.put(new Batch(batch));
                } catch (InterruptedException e) {
                    batch.close();
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            // the reader was closed before the stream ended
        }
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() throws IOException {
        // The root is freed by ArrowReader itself; the producer, its batch in flight and the filler's source are ours.
        try {
            if (producer != null) {
                producer.interrupt();
                drainHandoff();
                producer.join();
                drainHandoff();
            }
            source.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the batch filler", e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private void drainHandoff() {
        for (Handoff h = handoff.poll(); h != null; h = handoff.poll()) {
            if (h instanceof Batch b) {
                b.batch().close();
            }
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
