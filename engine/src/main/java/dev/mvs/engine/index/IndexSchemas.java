package dev.mvs.engine.index;

import java.util.List;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The schemas of an index directory (DESIGN §5). Schemas are code with a version: a released
 * version is never edited, only followed by a new one.
 */
public final class IndexSchemas {

    public static final int VERSION = 1;
    public static final String FILES_TABLE = "files.lance";
    public static final String CHUNKS_TABLE = "chunks.lance";
    public static final String VECTORS_TABLE = "vectors.lance";

    public static final Schema FILES = new Schema(List.of(
            utf8("path"), utf8("content_hash"), int64("size"), int64("mtime_ms"), utf8("language"), int32("chunk_count")));

    public static final Schema CHUNKS = new Schema(List.of(
            utf8("chunk_id"), utf8("path"), utf8("language"), utf8("kind"), utf8("symbol"), int32("start_line"),
            int32("end_line"), utf8("content"), utf8("content_hash")));

    /**
     * One row per embedded chunk. Path, language and kind are copied from the chunk so that search
     * filters run as Lance prefilters on this table; content_hash is how vectors are reused.
     */
    public static Schema vectors(int dimension) {
        Field item = new Field("item", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
        Field vector = new Field("vector", FieldType.notNullable(new ArrowType.FixedSizeList(dimension)), List.of(item));
        return new Schema(List.of(utf8("chunk_id"), utf8("content_hash"), utf8("path"), utf8("language"), utf8("kind"), vector));
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
