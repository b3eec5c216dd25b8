package dev.mvs.ffi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
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

/**
 * Rows for index and search tests: id, path, lang (few values), text (words that make BM25
 * meaningful) and a vector drawn around one of 16 seeded cluster centres, so nearest neighbours
 * are well defined.
 */
final class VectorRows {

    static final int DIM = 32;
    static final String[] LANGS = {"java", "python", "rust", "go"};
    private static final String[] WORDS = {"parser", "token", "stream", "buffer", "socket", "thread", "lock", "queue",
        "vector", "index", "table", "cache", "reader", "writer", "channel", "future"};

    static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("path", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("lang", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("text", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("vector", FieldType.notNullable(new ArrowType.FixedSizeList(DIM)),
                    List.of(new Field("item", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null)))));

    private VectorRows() {}

    static String path(long id) {
        return "src/m" + (id % 10) + "/F" + id + ".x";
    }

    static String lang(long id) {
        return LANGS[(int) (id % LANGS.length)];
    }

    /** Two words per row, the first chosen by id so a word picks a known set of rows. */
    static String text(long id) {
        return WORDS[(int) (id % WORDS.length)] + " " + WORDS[(int) ((id / WORDS.length) % WORDS.length)] + " row" + id;
    }

    static float[] vector(long id) {
        Random centre = new Random(1_000 + id % 16);
        Random noise = new Random(id);
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            v[j] = (float) (centre.nextGaussian() * 10 + noise.nextGaussian());
        }
        return v;
    }

    static ArrowReader reader(BufferAllocator allocator, long start, long end) {
        long[] next = {start};
        return new FillingArrowReader(allocator, SCHEMA, root -> {
            if (next[0] >= end) {
                return false;
            }
            int rows = (int) Math.min(1_000, end - next[0]);
            fill(root, next[0], rows, id -> text(id));
            next[0] += rows;
            return true;
        });
    }

    /** Rows with the given ids and text, e.g. to upsert changed versions of existing rows. */
    static ArrowReader reader(BufferAllocator allocator, long[] ids, java.util.function.LongFunction<String> text) {
        boolean[] done = {false};
        return new FillingArrowReader(allocator, SCHEMA, root -> {
            if (done[0]) {
                return false;
            }
            done[0] = true;
            fillIds(root, ids, text);
            return true;
        });
    }

    private static void fill(VectorSchemaRoot root, long first, int rows, java.util.function.LongFunction<String> text) {
        long[] ids = new long[rows];
        for (int r = 0; r < rows; r++) {
            ids[r] = first + r;
        }
        fillIds(root, ids, text);
    }

    private static void fillIds(VectorSchemaRoot root, long[] ids, java.util.function.LongFunction<String> text) {
        int rows = ids.length;
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector("id");
        VarCharVector path = (VarCharVector) root.getVector("path");
        VarCharVector lang = (VarCharVector) root.getVector("lang");
        VarCharVector words = (VarCharVector) root.getVector("text");
        FixedSizeListVector vectors = (FixedSizeListVector) root.getVector("vector");
        Float4Vector items = (Float4Vector) vectors.getDataVector();
        for (int r = 0; r < rows; r++) {
            long n = ids[r];
            id.setSafe(r, n);
            path.setSafe(r, path(n).getBytes(StandardCharsets.UTF_8));
            lang.setSafe(r, lang(n).getBytes(StandardCharsets.UTF_8));
            words.setSafe(r, text.apply(n).getBytes(StandardCharsets.UTF_8));
            vectors.setNotNull(r);
            float[] v = vector(n);
            for (int j = 0; j < DIM; j++) {
                items.setSafe(r * DIM + j, v[j]);
            }
        }
        items.setValueCount(rows * DIM);
        for (FieldVector vector : root.getFieldVectors()) {
            vector.setValueCount(rows);
        }
        root.setRowCount(rows);
    }

    /** The values of a BIGINT column over every batch of a reader (which is closed). */
    static List<Long> longs(ArrowReader reader, String column) throws IOException {
        List<Long> values = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                BigIntVector v = (BigIntVector) reader.getVectorSchemaRoot().getVector(column);
                for (int i = 0; i < v.getValueCount(); i++) {
                    values.add(v.get(i));
                }
            }
        }
        return values;
    }

    /** The values of a UTF-8 column over every batch of a reader (which is closed). */
    static List<String> strings(ArrowReader reader, String column) throws IOException {
        List<String> values = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                VarCharVector v = (VarCharVector) reader.getVectorSchemaRoot().getVector(column);
                for (int i = 0; i < v.getValueCount(); i++) {
                    values.add(new String(v.get(i), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }
}
