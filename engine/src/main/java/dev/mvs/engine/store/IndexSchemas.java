package dev.mvs.engine.store;

import java.util.ArrayList;
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

    /** 2: vectors.lance carries the {@link #HIT} column. */
    public static final int VERSION = 2;
    /**
     * The oldest version this engine still reads and updates: a version-1 index's vectors.lance has no {@link #HIT}
     * column (readers check the table, not the version: a rebuild of a version-1 index writes version 2 beside it),
     * and semantic search then reads its hits' text from chunks.lance.
     */
    public static final int OLDEST_READABLE = 1;
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
    /**
     * vectors.lance: what a search result shows of the chunk (path, lines, symbol, kind, text, content hash) as one
     * JSON object ({@link HitColumn}), so a vector query returns its hits whole, reading one column per hit: Lance takes
     * each projected column on its own (~0.3 ms per column for 30 hits), and a second query on chunks.lance by chunk id
     * cost more than the vector query itself (docs/storage.md).
     */
    public static final String HIT = "hit";
    /** Lance's row address, asked for by searches that then take their candidates' columns by it. */
    public static final String ROW_ID = "_rowid";

    public static final Schema FILES = new Schema(List.of(
            utf8(PATH), utf8(CONTENT_HASH), int64(SIZE), int64(MTIME_MS), utf8(LANGUAGE), int32(CHUNK_COUNT)));

    public static final Schema CHUNKS = new Schema(List.of(
            utf8(CHUNK_ID), utf8(PATH), utf8(LANGUAGE), utf8(KIND), utf8(SYMBOL), int32(START_LINE),
            int32(END_LINE), utf8(CONTENT), utf8(CONTENT_HASH)));

    /**
     * One row per embedded chunk. Path, language and kind are copied from the chunk so that search
     * filters run as Lance prefilters on this table; content_hash is how vectors are reused; {@link #HIT}
     * is what a result shows.
     */
    public static Schema vectors(int dimension) {
        return vectors(dimension, true);
    }

    /** vectors.lance with or without (a version-1 table) the {@link #HIT} column. */
    public static Schema vectors(int dimension, boolean withHit) {
        Field item = new Field("item", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
        Field vector = new Field(VECTOR, FieldType.notNullable(new ArrowType.FixedSizeList(dimension)), List.of(item));
        List<Field> fields = new ArrayList<>(List.of(utf8(CHUNK_ID), utf8(CONTENT_HASH), utf8(PATH), utf8(LANGUAGE), utf8(KIND), vector));
        if (withHit) {
            fields.add(utf8(HIT));
        }
        return new Schema(fields);
    }

    /** Whether a vectors.lance schema has the {@link #HIT} column (not a version-1 table). */
    public static boolean hasHit(Schema vectors) {
        return vectors.getFields().stream().anyMatch(f -> f.getName().equals(HIT));
    }

    /** Whether this engine reads and updates an index of schema version {@code version}. */
    public static boolean readable(int version) {
        return version >= OLDEST_READABLE && version <= VERSION;
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
