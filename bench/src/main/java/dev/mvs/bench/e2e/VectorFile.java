package dev.mvs.bench.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Float vectors shared by every engine of one run, as a flat little-endian file: int rows, int
 * dimension, then rows x dimension floats. Row i has id i in every engine, so results compare by id.
 */
record VectorFile(int rows, int dimension, FloatBuffer data) {

    static VectorFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            int rows = map.getInt(0);
            int dim = map.getInt(4);
            return new VectorFile(rows, dim, map.position(8).slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
        }
    }

    static void write(Path file, int dimension, java.util.List<float[]> vectors) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 + vectors.size() * dimension * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(vectors.size()).putInt(dimension);
        for (float[] v : vectors) {
            if (v.length != dimension) {
                throw new IllegalArgumentException("vector of " + v.length + " dimensions in a file of " + dimension);
            }
            for (float f : v) {
                buf.putFloat(f);
            }
        }
        buf.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    float[] get(int row) {
        float[] v = new float[dimension];
        data.get(row * dimension, v);
        return v;
    }

    /** Copies row {@code row} into {@code out} at {@code offset}. */
    void copy(int row, float[] out, int offset) {
        data.get(row * dimension, out, offset, dimension);
    }
}
