package dev.mvs.engine.store;

import dev.mvs.engine.chunk.Chunk;
import dev.mvs.ffi.FillingArrowReader;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Arrow batches of the three tables' rows, filled as Lance pulls them. */
public final class ArrowRows {

    public static final int BATCH_ROWS = 4_096;

    private ArrowRows() {}

    public static ArrowReader files(BufferAllocator allocator, List<FileRow> rows) {
        Iterator<FileRow> it = rows.iterator();
        return new FillingArrowReader(allocator, IndexSchemas.FILES, root -> {
            root.allocateNew();
            VarCharVector path = (VarCharVector) root.getVector(IndexSchemas.PATH);
            VarCharVector hash = (VarCharVector) root.getVector(IndexSchemas.CONTENT_HASH);
            BigIntVector size = (BigIntVector) root.getVector(IndexSchemas.SIZE);
            BigIntVector mtime = (BigIntVector) root.getVector(IndexSchemas.MTIME_MS);
            VarCharVector language = (VarCharVector) root.getVector(IndexSchemas.LANGUAGE);
            IntVector chunkCount = (IntVector) root.getVector(IndexSchemas.CHUNK_COUNT);
            int n = 0;
            while (n < BATCH_ROWS * 4 && it.hasNext()) {
                FileRow f = it.next();
                path.setSafe(n, utf8(f.path()));
                hash.setSafe(n, utf8(f.contentHash()));
                size.setSafe(n, f.size());
                mtime.setSafe(n, f.mtimeMillis());
                language.setSafe(n, utf8(f.language()));
                chunkCount.setSafe(n, f.chunkCount());
                n++;
            }
            return finish(root, n);
        });
    }

    public static ArrowReader chunks(BufferAllocator allocator, Iterator<Chunk> chunks) {
        return new FillingArrowReader(allocator, IndexSchemas.CHUNKS, root -> fillChunks(root, chunks));
    }

    /** Fills one batch from {@code chunks}; false when it is exhausted. */
    public static boolean fillChunks(VectorSchemaRoot root, Iterator<Chunk> chunks) {
        root.allocateNew();
        VarCharVector chunkId = (VarCharVector) root.getVector(IndexSchemas.CHUNK_ID);
        VarCharVector path = (VarCharVector) root.getVector(IndexSchemas.PATH);
        VarCharVector language = (VarCharVector) root.getVector(IndexSchemas.LANGUAGE);
        VarCharVector kind = (VarCharVector) root.getVector(IndexSchemas.KIND);
        VarCharVector symbol = (VarCharVector) root.getVector(IndexSchemas.SYMBOL);
        IntVector startLine = (IntVector) root.getVector(IndexSchemas.START_LINE);
        IntVector endLine = (IntVector) root.getVector(IndexSchemas.END_LINE);
        VarCharVector content = (VarCharVector) root.getVector(IndexSchemas.CONTENT);
        VarCharVector contentHash = (VarCharVector) root.getVector(IndexSchemas.CONTENT_HASH);
        int n = 0;
        while (n < BATCH_ROWS && chunks.hasNext()) {
            Chunk c = chunks.next();
            chunkId.setSafe(n, utf8(c.chunkId()));
            path.setSafe(n, utf8(c.path()));
            language.setSafe(n, utf8(c.language()));
            kind.setSafe(n, utf8(c.kind()));
            symbol.setSafe(n, utf8(c.symbol()));
            startLine.setSafe(n, c.startLine());
            endLine.setSafe(n, c.endLine());
            content.setSafe(n, utf8(c.content()));
            contentHash.setSafe(n, utf8(c.contentHash()));
            n++;
        }
        return finish(root, n);
    }

    /** vectors.lance rows, with the {@link IndexSchemas#HIT} column unless {@code withHit} is false (a version-1 table). */
    public static ArrowReader vectors(BufferAllocator allocator, int dimension, boolean withHit, Iterator<VectorRow> rows) {
        return new FillingArrowReader(allocator, IndexSchemas.vectors(dimension, withHit), root -> {
            root.allocateNew();
            VarCharVector chunkId = (VarCharVector) root.getVector(IndexSchemas.CHUNK_ID);
            VarCharVector hash = (VarCharVector) root.getVector(IndexSchemas.CONTENT_HASH);
            VarCharVector path = (VarCharVector) root.getVector(IndexSchemas.PATH);
            VarCharVector language = (VarCharVector) root.getVector(IndexSchemas.LANGUAGE);
            VarCharVector kind = (VarCharVector) root.getVector(IndexSchemas.KIND);
            FixedSizeListVector vector = (FixedSizeListVector) root.getVector(IndexSchemas.VECTOR);
            Float4Vector values = (Float4Vector) vector.getDataVector();
            VarCharVector hit = withHit ? (VarCharVector) root.getVector(IndexSchemas.HIT) : null;
            int n = 0;
            while (n < BATCH_ROWS && rows.hasNext()) {
                VectorRow r = rows.next();
                if (r.vector().length != dimension) {
                    throw new IllegalStateException("embedder returned " + r.vector().length + " floats, the index has " + dimension);
                }
                chunkId.setSafe(n, utf8(r.chunkId()));
                hash.setSafe(n, utf8(r.contentHash()));
                path.setSafe(n, utf8(r.path()));
                language.setSafe(n, utf8(r.language()));
                kind.setSafe(n, utf8(r.kind()));
                if (hit != null) {
                    if (r.hit() == null) {
                        throw new IllegalStateException("a row for " + r.chunkId() + " without its " + IndexSchemas.HIT + " value");
                    }
                    hit.setSafe(n, utf8(r.hit()));
                }
                vector.setNotNull(n);
                for (int d = 0; d < dimension; d++) {
                    values.setSafe(n * dimension + d, r.vector()[d]);
                }
                n++;
            }
            values.setValueCount(n * dimension);
            return finish(root, n);
        });
    }

    private static boolean finish(VectorSchemaRoot root, int n) {
        for (FieldVector v : root.getFieldVectors()) {
            v.setValueCount(n);
        }
        root.setRowCount(n);
        return n > 0;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
