package dev.mvs.ffi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.Function;

import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Moves batches across the boundary as Arrow C streams: inputs are exported (the native side
 * consumes them), outputs are caller-allocated and imported. Nothing is copied or serialized.
 */
final class ArrowStreams {

    private ArrowStreams() {}

    /**
     * Exports {@code input} and passes the stream to {@code call}. The reader is consumed on every
     * path: by the native side, or released here when the call never took it (an exception
     * before or inside the call, e.g. a closed table).
     */
    static <T> T withInput(BufferAllocator fallback, ArrowReader input, Function<MemorySegment, T> call) {
        BufferAllocator allocator;
        try {
            allocator = allocatorOf(input, fallback);
        } catch (IOException | RuntimeException e) {
            RuntimeException failure = e instanceof RuntimeException r ? r : new UncheckedIOException(e.getMessage(), (IOException) e);
            closeQuietly(input, failure);
            throw failure;
        }
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            try {
                Data.exportArrayStream(allocator, input, stream);
            } catch (RuntimeException e) {
                closeQuietly(input, e);
                throw e;
            }
            // The native side moves the stream out of the struct; close() releases it only if not.
            return call.apply(MemorySegment.ofAddress(stream.memoryAddress()));
        }
    }

    /**
     * Runs {@code call} with a caller-allocated output stream and imports what it filled as a
     * reader owned by the caller. On failure the empty struct is freed and nothing leaks.
     */
    static ArrowReader output(BufferAllocator allocator, java.util.function.Consumer<MemorySegment> call) {
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            call.accept(MemorySegment.ofAddress(stream.memoryAddress()));
            return Data.importArrayStream(allocator, stream);
        }
    }

    /** Same for a schema out parameter. */
    static Schema schema(BufferAllocator allocator, java.util.function.Consumer<MemorySegment> call) {
        try (ArrowSchema schema = ArrowSchema.allocateNew(allocator)) {
            call.accept(MemorySegment.ofAddress(schema.memoryAddress()));
            return Data.importSchema(allocator, schema, null);
        }
    }

    /**
     * Arrow can only export buffers through an allocator with the same root as the one that holds
     * them, so the reader's own allocator is used (the fallback only for a reader with no columns).
     */
    private static BufferAllocator allocatorOf(ArrowReader input, BufferAllocator fallback) throws IOException {
        List<FieldVector> vectors = input.getVectorSchemaRoot().getFieldVectors();
        return vectors.isEmpty() ? fallback : vectors.get(0).getAllocator();
    }

    private static void closeQuietly(ArrowReader reader, RuntimeException cause) {
        try {
            reader.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
