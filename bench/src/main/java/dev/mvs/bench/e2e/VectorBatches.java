package dev.mvs.bench.e2e;

import dev.mvs.ffi.FillingArrowReader;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The rows both Lance engines ingest: (id int32, chunk_id, path, vector float32[dimension]), in batches. */
final class VectorBatches {

    private VectorBatches() {}

    static Schema schema(int dimension) {
        return new Schema(List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
                new Field("chunk_id", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field("path", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field("vector", FieldType.notNullable(new ArrowType.FixedSizeList(dimension)),
                        List.of(new Field("item", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null)))));
    }

    static ArrowReader reader(BufferAllocator allocator, VectorFile vectors, Payload payload, int batchRows) {
        int dim = vectors.dimension();
        int[] next = {0};
        float[] row = new float[dim];
        return new FillingArrowReader(allocator, schema(dim), root -> {
            if (next[0] >= vectors.rows()) {
                return false;
            }
            int rows = Math.min(batchRows, vectors.rows() - next[0]);
            root.allocateNew();
            IntVector id = (IntVector) root.getVector("id");
            VarCharVector chunkId = (VarCharVector) root.getVector("chunk_id");
            VarCharVector path = (VarCharVector) root.getVector("path");
            FixedSizeListVector list = (FixedSizeListVector) root.getVector("vector");
            Float4Vector items = (Float4Vector) list.getDataVector();
            for (int r = 0; r < rows; r++) {
                id.setSafe(r, next[0] + r);
                chunkId.setSafe(r, payload.chunkIds().get(next[0] + r).getBytes(StandardCharsets.UTF_8));
                path.setSafe(r, payload.paths().get(next[0] + r).getBytes(StandardCharsets.UTF_8));
                list.setNotNull(r);
                vectors.copy(next[0] + r, row, 0);
                for (int j = 0; j < dim; j++) {
                    items.setSafe(r * dim + j, row[j]);
                }
            }
            items.setValueCount(rows * dim);
            id.setValueCount(rows);
            chunkId.setValueCount(rows);
            path.setValueCount(rows);
            list.setValueCount(rows);
            root.setRowCount(rows);
            next[0] += rows;
            return true;
        });
    }

    /** Columns a search returns: what a caller needs to show a hit, as mvs-engine's semantic search reads. */
    static final List<String> RESULT_COLUMNS = List.of("id", "chunk_id", "path");

    /** The ids in a result stream of rows with an "id" column (the other columns are read with the batch). */
    static int[] ids(ArrowReader reader) throws java.io.IOException {
        int[] out = new int[16];
        int n = 0;
        try (reader) {
            while (reader.loadNextBatch()) {
                IntVector v = (IntVector) reader.getVectorSchemaRoot().getVector("id");
                for (int i = 0; i < v.getValueCount(); i++) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = v.get(i);
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
