package dev.mvs.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rows of a small query result (search hits), read into Java values straight from the Arrow C
 * stream the native side filled, through FFM alone. Arrow Java's importer is not touched: its first
 * use in a process extracts a JNI library to a temporary file and builds two Jackson object mappers,
 * about 80 ms of a command-line search (docs/packaging.md). Bulk reads keep the zero-copy
 * {@link org.apache.arrow.vector.ipc.ArrowReader} path.
 *
 * <p>Readable column types: utf8 and large utf8 (as {@code String}, null for a null), int32, int64,
 * uint32, uint64, float32, float64 and fixed-size lists of float32 (vectors, as {@code float[]}). A column
 * of any other type is listed but refuses to be read.
 */
public final class ResultRows {

    // Arrow C Data Interface structs (arrow/c/abi.h), 64-bit: the byte offsets of the fields read here.
    private static final long SCHEMA_SIZE = 72;
    private static final long SCHEMA_FORMAT = 0;
    private static final long SCHEMA_NAME = 8;
    private static final long SCHEMA_N_CHILDREN = 32;
    private static final long SCHEMA_CHILDREN = 40;
    private static final long SCHEMA_RELEASE = 56;
    private static final long ARRAY_SIZE = 80;
    private static final long ARRAY_LENGTH = 0;
    private static final long ARRAY_NULL_COUNT = 8;
    private static final long ARRAY_OFFSET = 16;
    private static final long ARRAY_N_CHILDREN = 32;
    private static final long ARRAY_BUFFERS = 40;
    private static final long ARRAY_CHILDREN = 48;
    private static final long ARRAY_DICTIONARY = 56;
    private static final long ARRAY_RELEASE = 64;
    private static final long STREAM_SIZE = 40;
    private static final long STREAM_GET_SCHEMA = 0;
    private static final long STREAM_GET_NEXT = 8;
    private static final long STREAM_GET_LAST_ERROR = 16;
    private static final long STREAM_RELEASE = 24;

    private static final Linker LINKER = Linker.nativeLinker();
    /** {@code int (*)(struct *, struct *)}: get_schema and get_next. */
    private static final MethodHandle INT_CALL = LINKER.downcallHandle(
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    /** {@code void (*)(struct *)}: every release callback. */
    private static final MethodHandle RELEASE = LINKER.downcallHandle(FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    /** {@code const char *(*)(struct ArrowArrayStream *)}: get_last_error. */
    private static final MethodHandle LAST_ERROR = LINKER.downcallHandle(FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));

    private final Map<String, Column> columns;
    private final int size;

    private ResultRows(Map<String, Column> columns, int size) {
        this.columns = columns;
        this.size = size;
    }

    /** Number of rows. */
    public int size() {
        return size;
    }

    /** Column names, in the result's order. */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** The text of a utf8 column at {@code row}; null for a null value. */
    public String text(String column, int row) {
        return (String) column(column, row, 'u', 'U');
    }

    /** An int32 column's value at {@code row} (0 for a null). */
    public int int32(String column, int row) {
        Object v = column(column, row, 'i');
        return v == null ? 0 : (Integer) v;
    }

    /** An int64, uint32 or uint64 column's value at {@code row} (0 for a null; uint64 above Long.MAX_VALUE wraps). */
    public long int64(String column, int row) {
        Object v = column(column, row, 'l', 'I', 'L');
        return v == null ? 0 : (Long) v;
    }

    /** A float32 column's value at {@code row} (NaN for a null). */
    public float float32(String column, int row) {
        Object v = column(column, row, 'f');
        return v == null ? Float.NaN : (Float) v;
    }

    /** A float64 column's value at {@code row} (NaN for a null). */
    public double float64(String column, int row) {
        Object v = column(column, row, 'g');
        return v == null ? Double.NaN : (Double) v;
    }

    /** A fixed-size-list-of-float32 column's value at {@code row} (a vector; null for a null). */
    public float[] floatVector(String column, int row) {
        float[] v = (float[]) column(column, row, 'w');
        return v == null ? null : v.clone();
    }

    private Object column(String name, int row, char... formats) {
        Column c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column " + name + " in this result (it has " + columns.keySet() + ")");
        }
        if (new String(formats).indexOf(c.format) < 0) {
            throw new IllegalArgumentException("column " + name + " has Arrow format '" + c.formatString + "', not readable that way");
        }
        return c.values.get(row);
    }

    /**
     * Lets {@code fill} write an Arrow C stream into a zeroed struct, reads every batch, and releases
     * the stream, its schema and its arrays on every path. {@code fill} throwing leaves nothing to release.
     */
    static ResultRows drain(Consumer<MemorySegment> fill) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stream = arena.allocate(STREAM_SIZE, 8);
            fill.accept(stream);
            try {
                return read(arena, stream);
            } finally {
                release(stream, STREAM_RELEASE);
            }
        }
    }

    private static ResultRows read(Arena arena, MemorySegment stream) {
        Map<String, Column> columns = new LinkedHashMap<>();
        MemorySegment schema = arena.allocate(SCHEMA_SIZE, 8);
        check(stream, call(stream, STREAM_GET_SCHEMA, schema), "get_schema");
        try {
            long n = schema.get(ValueLayout.JAVA_LONG, SCHEMA_N_CHILDREN);
            MemorySegment children = pointers(schema.get(ValueLayout.ADDRESS, SCHEMA_CHILDREN), n);
            for (int i = 0; i < n; i++) {
                MemorySegment child = children.getAtIndex(ValueLayout.ADDRESS, i).reinterpret(SCHEMA_SIZE);
                String name = cString(child.get(ValueLayout.ADDRESS, SCHEMA_NAME));
                String itemFormat = null;
                if (child.get(ValueLayout.JAVA_LONG, SCHEMA_N_CHILDREN) == 1) {
                    MemorySegment item = pointers(child.get(ValueLayout.ADDRESS, SCHEMA_CHILDREN), 1).getAtIndex(ValueLayout.ADDRESS, 0)
                            .reinterpret(SCHEMA_SIZE);
                    itemFormat = cString(item.get(ValueLayout.ADDRESS, SCHEMA_FORMAT));
                }
                columns.put(name, new Column(cString(child.get(ValueLayout.ADDRESS, SCHEMA_FORMAT)), itemFormat));
            }
        } finally {
            release(schema, SCHEMA_RELEASE);
        }
        List<Column> ordered = new ArrayList<>(columns.values());
        int size = 0;
        MemorySegment array = arena.allocate(ARRAY_SIZE, 8);
        while (true) {
            array.fill((byte) 0);
            check(stream, call(stream, STREAM_GET_NEXT, array), "get_next");
            if (array.get(ValueLayout.ADDRESS, ARRAY_RELEASE).address() == 0) {
                return new ResultRows(columns, size); // the end of the stream
            }
            try {
                size = Math.addExact(size, Math.toIntExact(array.get(ValueLayout.JAVA_LONG, ARRAY_LENGTH)));
                readBatch(array, ordered);
            } finally {
                release(array, ARRAY_RELEASE);
            }
        }
    }

    /** Appends one struct batch's rows to the columns, in schema order. */
    private static void readBatch(MemorySegment batch, List<Column> columns) {
        long length = batch.get(ValueLayout.JAVA_LONG, ARRAY_LENGTH);
        long offset = batch.get(ValueLayout.JAVA_LONG, ARRAY_OFFSET);
        long n = batch.get(ValueLayout.JAVA_LONG, ARRAY_N_CHILDREN);
        if (n != columns.size()) {
            throw new IllegalStateException("batch has " + n + " columns, schema " + columns.size());
        }
        MemorySegment children = pointers(batch.get(ValueLayout.ADDRESS, ARRAY_CHILDREN), n);
        for (int c = 0; c < n; c++) {
            MemorySegment child = children.getAtIndex(ValueLayout.ADDRESS, c).reinterpret(ARRAY_SIZE);
            columns.get(c).append(child, offset, length);
        }
    }

    /** One column's values, boxed: results are search hits, a few hundred values at most. */
    private static final class Column {
        final String formatString;
        final char format;
        final int listSize; // 'w': floats per value
        final List<Object> values = new ArrayList<>();

        Column(String format, String itemFormat) {
            this.formatString = format;
            if (format.startsWith("+w:") && "f".equals(itemFormat)) {
                this.format = 'w';
                this.listSize = Integer.parseInt(format.substring(3));
            } else {
                this.format = format.length() == 1 && "uUilILfg".indexOf(format.charAt(0)) >= 0 ? format.charAt(0) : '?';
                this.listSize = 0;
            }
        }

        /** Rows {@code [start, start + length)} of the parent struct, i.e. this array's {@code start + offset ...}. */
        void append(MemorySegment array, long start, long length) {
            if (format == '?') {
                for (long r = 0; r < length; r++) {
                    values.add(null); // listed, never read: column() refuses the format
                }
                return;
            }
            if (array.get(ValueLayout.ADDRESS, ARRAY_DICTIONARY).address() != 0) {
                throw new IllegalStateException("dictionary-encoded column (format " + formatString + ") is not supported");
            }
            long first = start + array.get(ValueLayout.JAVA_LONG, ARRAY_OFFSET);
            long end = first + length;
            if (format == 'w') {
                appendVectors(array, first, end);
                return;
            }
            MemorySegment buffers = pointers(array.get(ValueLayout.ADDRESS, ARRAY_BUFFERS), format == 'u' || format == 'U' ? 3 : 2);
            MemorySegment validity = array.get(ValueLayout.JAVA_LONG, ARRAY_NULL_COUNT) == 0 ? MemorySegment.NULL
                    : buffers.getAtIndex(ValueLayout.ADDRESS, 0).reinterpret((end + 7) / 8);
            MemorySegment data = buffers.getAtIndex(ValueLayout.ADDRESS, 1);
            for (long j = first; j < end; j++) {
                boolean valid = validity.address() == 0 || (validity.get(ValueLayout.JAVA_BYTE, j >>> 3) >> (j & 7) & 1) == 1;
                values.add(valid ? value(buffers, data, j) : null);
            }
        }

        /** Fixed-size lists: one validity buffer of their own, the floats in their single child array. */
        private void appendVectors(MemorySegment array, long first, long end) {
            MemorySegment validity = array.get(ValueLayout.JAVA_LONG, ARRAY_NULL_COUNT) == 0 ? MemorySegment.NULL
                    : pointers(array.get(ValueLayout.ADDRESS, ARRAY_BUFFERS), 1).getAtIndex(ValueLayout.ADDRESS, 0).reinterpret((end + 7) / 8);
            MemorySegment items = pointers(array.get(ValueLayout.ADDRESS, ARRAY_CHILDREN), 1).getAtIndex(ValueLayout.ADDRESS, 0)
                    .reinterpret(ARRAY_SIZE);
            long itemOffset = items.get(ValueLayout.JAVA_LONG, ARRAY_OFFSET);
            MemorySegment floats = pointers(items.get(ValueLayout.ADDRESS, ARRAY_BUFFERS), 2).getAtIndex(ValueLayout.ADDRESS, 1)
                    .reinterpret((itemOffset + end * listSize) * Float.BYTES);
            for (long j = first; j < end; j++) {
                boolean valid = validity.address() == 0 || (validity.get(ValueLayout.JAVA_BYTE, j >>> 3) >> (j & 7) & 1) == 1;
                float[] v = null;
                if (valid) {
                    v = new float[listSize];
                    MemorySegment.copy(floats, ValueLayout.JAVA_FLOAT, (itemOffset + j * listSize) * Float.BYTES, v, 0, listSize);
                }
                values.add(v);
            }
        }

        private Object value(MemorySegment buffers, MemorySegment data, long j) {
            return switch (format) {
                case 'i' -> data.reinterpret((j + 1) * 4).getAtIndex(ValueLayout.JAVA_INT, j);
                case 'I' -> Integer.toUnsignedLong(data.reinterpret((j + 1) * 4).getAtIndex(ValueLayout.JAVA_INT, j));
                case 'l', 'L' -> data.reinterpret((j + 1) * 8).getAtIndex(ValueLayout.JAVA_LONG, j);
                case 'f' -> data.reinterpret((j + 1) * 4).getAtIndex(ValueLayout.JAVA_FLOAT, j);
                case 'g' -> data.reinterpret((j + 1) * 8).getAtIndex(ValueLayout.JAVA_DOUBLE, j);
                case 'u' -> {
                    MemorySegment offsets = data.reinterpret((j + 2) * 4);
                    yield utf8(buffers, offsets.getAtIndex(ValueLayout.JAVA_INT, j), offsets.getAtIndex(ValueLayout.JAVA_INT, j + 1));
                }
                case 'U' -> {
                    MemorySegment offsets = data.reinterpret((j + 2) * 8);
                    yield utf8(buffers, offsets.getAtIndex(ValueLayout.JAVA_LONG, j), offsets.getAtIndex(ValueLayout.JAVA_LONG, j + 1));
                }
                default -> throw new IllegalStateException("format " + formatString);
            };
        }

        private static String utf8(MemorySegment buffers, long from, long to) {
            MemorySegment bytes = buffers.getAtIndex(ValueLayout.ADDRESS, 2).reinterpret(to).asSlice(from, to - from);
            return new String(bytes.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        }
    }

    private static int call(MemorySegment stream, long function, MemorySegment out) {
        try {
            return (int) INT_CALL.invokeExact(stream.get(ValueLayout.ADDRESS, function), stream, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A non-zero errno from the stream becomes an exception carrying the stream's own message. */
    private static void check(MemorySegment stream, int errno, String what) {
        if (errno == 0) {
            return;
        }
        String message;
        try {
            MemorySegment text = (MemorySegment) LAST_ERROR.invokeExact(stream.get(ValueLayout.ADDRESS, STREAM_GET_LAST_ERROR), stream);
            message = text.address() == 0 ? "no message" : cString(text);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        throw new MvsException.Internal("Arrow stream " + what + " failed (errno " + errno + "): " + message);
    }

    /** Calls a struct's release callback unless it was released (or never filled) already. */
    private static void release(MemorySegment struct, long releaseOffset) {
        MemorySegment fn = struct.get(ValueLayout.ADDRESS, releaseOffset);
        if (fn.address() == 0) {
            return;
        }
        try {
            RELEASE.invokeExact(fn, struct);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static MemorySegment pointers(MemorySegment address, long count) {
        return address.reinterpret(count * ValueLayout.ADDRESS.byteSize());
    }

    private static String cString(MemorySegment address) {
        return address.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
