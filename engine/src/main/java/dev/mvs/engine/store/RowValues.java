package dev.mvs.engine.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/** Reading values out of the tables' Arrow batches (ArrowRows writes them). */
public final class RowValues {

    private RowValues() {}

    /** The UTF-8 text of row {@code i} of a string column. */
    public static String text(VarCharVector v, int i) {
        return new String(v.get(i), StandardCharsets.UTF_8);
    }

    /** The UTF-8 text of row {@code i} of the string column {@code column} of {@code root}. */
    public static String text(VectorSchemaRoot root, String column, int i) {
        return text((VarCharVector) root.getVector(column), i);
    }

    /** The rows of one batch of files.lance, all columns (what ArrowRows.files writes). */
    public static List<FileRow> fileRows(VectorSchemaRoot root) {
        VarCharVector path = (VarCharVector) root.getVector(IndexSchemas.PATH);
        VarCharVector hash = (VarCharVector) root.getVector(IndexSchemas.CONTENT_HASH);
        BigIntVector size = (BigIntVector) root.getVector(IndexSchemas.SIZE);
        BigIntVector mtime = (BigIntVector) root.getVector(IndexSchemas.MTIME_MS);
        VarCharVector language = (VarCharVector) root.getVector(IndexSchemas.LANGUAGE);
        IntVector chunkCount = (IntVector) root.getVector(IndexSchemas.CHUNK_COUNT);
        List<FileRow> rows = new ArrayList<>(root.getRowCount());
        for (int i = 0; i < root.getRowCount(); i++) {
            rows.add(new FileRow(text(path, i), text(hash, i), size.get(i), mtime.get(i), text(language, i), chunkCount.get(i)));
        }
        return rows;
    }

    /** content_hash → vector of every row of a batch holding both columns. */
    public static void vectorsByHash(VectorSchemaRoot root, Map<String, float[]> into) {
        VarCharVector hash = (VarCharVector) root.getVector(IndexSchemas.CONTENT_HASH);
        FixedSizeListVector vector = (FixedSizeListVector) root.getVector(IndexSchemas.VECTOR);
        Float4Vector values = (Float4Vector) vector.getDataVector();
        int dim = vector.getListSize();
        for (int i = 0; i < root.getRowCount(); i++) {
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = values.get(i * dim + d);
            }
            into.put(text(hash, i), v);
        }
    }
}
