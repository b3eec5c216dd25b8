package dev.mvs.ffi;

import java.io.IOException;
import java.util.Objects;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} whose batches are produced on demand: each {@code loadNextBatch()} asks
 * the filler to write the next batch into the reader's root. Batches are produced only as the
 * native side pulls them, so ingest of any size holds one batch in memory at a time.
 */
public final class FillingArrowReader extends ArrowReader {

    /** Writes the next batch into {@code root} (allocating its vectors and setting the row count). */
    @FunctionalInterface
    public interface BatchFiller {
        /** Returns false, leaving the root untouched, when there are no more batches. */
        boolean fill(VectorSchemaRoot root) throws IOException;
    }

    private final Schema schema;
    private final BatchFiller filler;
    private final AutoCloseable source;

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
        return filler.fill(getVectorSchemaRoot());
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() throws IOException {
        // The root is freed by ArrowReader itself; only the filler's own source is ours to close.
        try {
            source.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
