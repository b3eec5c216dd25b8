package dev.mvs.ffi;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Deterministic rows (path utf8, n int64, vector fixed_size_list<float32,384>) for table tests. */
final class TestRows {

    static final int DIM = 384;

    static final Schema SCHEMA = new Schema(List.of(
            new Field("path", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("n", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("vector", FieldType.notNullable(new ArrowType.FixedSizeList(DIM)),
                    List.of(new Field("item", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null)))));

    private TestRows() {}

    static String path(long n) {
        return "src/dir" + (n % 17) + "/File" + n + ".java";
    }

    static float component(long n, int j) {
        return (float) (n % 1000) * 0.001f + j;
    }

    /** Rows n in [start, end), in batches of {@code batchRows}, produced as the reader is pulled. */
    static ArrowReader reader(BufferAllocator allocator, long start, long end, int batchRows) {
        long[] next = {start};
        return new FillingArrowReader(allocator, SCHEMA, root -> {
            if (next[0] >= end) {
                return false;
            }
            int rows = (int) Math.min(batchRows, end - next[0]);
            fill(root, next[0], rows);
            next[0] += rows;
            return true;
        });
    }

    private static void fill(VectorSchemaRoot root, long first, int rows) {
        VarCharVector paths = (VarCharVector) root.getVector("path");
        BigIntVector ns = (BigIntVector) root.getVector("n");
        FixedSizeListVector vectors = (FixedSizeListVector) root.getVector("vector");
        paths.allocateNew(rows);
        ns.allocateNew(rows);
        vectors.allocateNew();
        Float4Vector items = (Float4Vector) vectors.getDataVector();
        items.allocateNew(rows * DIM);
        for (int r = 0; r < rows; r++) {
            long n = first + r;
            paths.setSafe(r, path(n).getBytes(StandardCharsets.UTF_8));
            ns.set(r, n);
            vectors.setNotNull(r);
            for (int j = 0; j < DIM; j++) {
                items.set(r * DIM + j, component(n, j));
            }
        }
        items.setValueCount(rows * DIM);
        vectors.setValueCount(rows);
        paths.setValueCount(rows);
        ns.setValueCount(rows);
        root.setRowCount(rows);
    }
}
