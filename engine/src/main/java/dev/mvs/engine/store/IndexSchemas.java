package dev.mvs.engine.store;

import java.util.List;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The schemas of an index directory (docs/storage.md) and their column names. Schemas are code with a version: a released
 * version is never edited, only followed by a new one.
 */
public final class IndexSchemas {

    public static final int VERSION = 1;
    public static final String FILES_TABLE = "files.lance";
    public static final String CHUNKS_TABLE = "chunks.lance";
    public static final String VECTORS_TABLE = "vectors.lance";

    // Column names: every reader and writer of the tables uses these, never the literal.
    public static final String PATH = "path";
    public static final String CONTENT_HASH = "content_hash";
    public static final String SIZE = "size";
    public static final String MTIME_MS = "mtime_ms";
    public static final String LANGUAGE = "language";
    public static final String CHUNK_COUNT = "chunk_count";
    public static final String CHUNK_ID = "chunk_id";
    public static final String KIND = "kind";
    public static final String SYMBOL = "symbol";
    public static final String START_LINE = "start_line";
    public static final String END_LINE = "end_line";
    public static final String CONTENT = "content";
    public static final String VECTOR = "vector";

    public static final Schema FILES = new Schema(List.of(
            utf8(PATH), utf8(CONTENT_HASH), int64(SIZE), int64(MTIME_MS), utf8(LANGUAGE), int32(CHUNK_COUNT)));

    public static final Schema CHUNKS = new Schema(List.of(
            utf8(CHUNK_ID), utf8(PATH), utf8(LANGUAGE), utf8(KIND), utf8(SYMBOL), int32(START_LINE),
            int32(END_LINE), utf8(CONTENT), utf8(CONTENT_HASH)));

    /**
     * One row per embedded chunk. Path, language and kind are copied from the chunk so that search
     * filters run as Lance prefilters on this table; content_hash is how vectors are reused.
     */
    public static Schema vectors(int dimension) {
        Field item = new Field("item", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
        Field vector = new Field(VECTOR, FieldType.notNullable(new ArrowType.FixedSizeList(dimension)), List.of(item));
        return new Schema(List.of(utf8(CHUNK_ID), utf8(CONTENT_HASH), utf8(PATH), utf8(LANGUAGE), utf8(KIND), vector));
    }

    private IndexSchemas() {}

    private static Field utf8(String name) {
        return new Field(name, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null);
    }

    private static Field int64(String name) {
        return new Field(name, FieldType.notNullable(new ArrowType.Int(64, true)), null);
    }

    private static Field int32(String name) {
        return new Field(name, FieldType.notNullable(new ArrowType.Int(32, true)), null);
    }
}
