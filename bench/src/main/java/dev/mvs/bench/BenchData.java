package dev.mvs.bench;

import dev.mvs.ffi.FillingArrowReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Identical rows for every engine: real files of the JDK's lib/src.zip (path, first 2 KB of
 * content) with a deterministic 384-d vector each, drawn around one of 64 cluster centres (no
 * embedding model is involved in storage benchmarks, so vectors are synthetic but structured).
 */
public final class BenchData {

    public static final int DIM = 384;
    private static final int CONTENT_BYTES = 2_048;

    public static final Schema SCHEMA = new Schema(List.of(
            new Field("path", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("content", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("vector", FieldType.notNullable(new ArrowType.FixedSizeList(DIM)),
                    List.of(new Field("item", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null)))));

    private final List<String> paths;
    private final List<byte[]> contents;

    private BenchData(List<String> paths, List<byte[]> contents) {
        this.paths = paths;
        this.contents = contents;
    }

    /** The first {@code files} text files of this JDK's src.zip. */
    public static BenchData load(int files) throws IOException {
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        List<String> paths = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements() && paths.size() < files) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    String text = new String(in.readNBytes(CONTENT_BYTES), StandardCharsets.UTF_8);
                    paths.add(entry.getName());
                    contents.add(text.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return new BenchData(paths, contents);
    }

    public int size() {
        return paths.size();
    }

    public String path(int row) {
        return paths.get(row % paths.size()) + (row >= paths.size() ? "#" + row / paths.size() : "");
    }

    public static float[] vector(long row) {
        Random centre = new Random(31L * (row % 64));
        Random noise = new Random(row);
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            v[j] = (float) (centre.nextGaussian() + 0.3 * noise.nextGaussian());
        }
        return v;
    }

    /** Rows [from, to) as one reader of batches of at most {@code batchRows}. */
    public ArrowReader reader(BufferAllocator allocator, int from, int to, int batchRows) {
        int[] next = {from};
        return new FillingArrowReader(allocator, SCHEMA, root -> {
            if (next[0] >= to) {
                return false;
            }
            int rows = Math.min(batchRows, to - next[0]);
            root.allocateNew();
            VarCharVector path = (VarCharVector) root.getVector("path");
            VarCharVector content = (VarCharVector) root.getVector("content");
            FixedSizeListVector vectors = (FixedSizeListVector) root.getVector("vector");
            Float4Vector items = (Float4Vector) vectors.getDataVector();
            for (int r = 0; r < rows; r++) {
                int row = next[0] + r;
                path.setSafe(r, path(row).getBytes(StandardCharsets.UTF_8));
                content.setSafe(r, contents.get(row % contents.size()));
                vectors.setNotNull(r);
                float[] v = vector(row);
                for (int j = 0; j < DIM; j++) {
                    items.setSafe(r * DIM + j, v[j]);
                }
            }
            items.setValueCount(rows * DIM);
            for (FieldVector vector : root.getFieldVectors()) {
                vector.setValueCount(rows);
            }
            root.setRowCount(rows);
            next[0] += rows;
            return true;
        });
    }
}
