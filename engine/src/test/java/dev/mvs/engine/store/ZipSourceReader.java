package dev.mvs.engine.store;

import dev.mvs.ffi.FillingArrowReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads the text files inside a zip archive (such as the JDK's lib/src.zip) as Arrow batches of
 * (path, bytes, content), one batch of up to {@code batchRows} files at a time. Entries that are
 * directories or not valid UTF-8 are skipped.
 */
public final class ZipSourceReader {

    public static final Schema SCHEMA = new Schema(List.of(
            new Field("path", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("bytes", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("content", FieldType.notNullable(ArrowType.LargeUtf8.INSTANCE), null)));

    private ZipSourceReader() {}

    /** A reader over at most {@code maxFiles} files of {@code zip} (≤ 0: all of them). */
    public static ArrowReader open(BufferAllocator allocator, Path zip, int batchRows, int maxFiles) throws IOException {
        ZipFile file = new ZipFile(zip.toFile());
        Enumeration<? extends ZipEntry> entries = file.entries();
        int[] taken = {0};
        return new FillingArrowReader(allocator, SCHEMA, root -> {
            int rows = 0;
            VarCharVector paths = (VarCharVector) root.getVector("path");
            BigIntVector sizes = (BigIntVector) root.getVector("bytes");
            LargeVarCharVector contents = (LargeVarCharVector) root.getVector("content");
            root.allocateNew();
            while (rows < batchRows && entries.hasMoreElements() && (maxFiles <= 0 || taken[0] < maxFiles)) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = file.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (!isUtf8(bytes)) {
                    continue;
                }
                paths.setSafe(rows, entry.getName().getBytes(StandardCharsets.UTF_8));
                sizes.setSafe(rows, bytes.length);
                contents.setSafe(rows, bytes);
                rows++;
                taken[0]++;
            }
            root.setRowCount(rows);
            return rows > 0;
        }, file);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

}
