package dev.mvs.engine.index;

import dev.mvs.engine.scan.StatCache;
import dev.mvs.engine.store.FileRow;
import dev.mvs.engine.store.RowValues;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The rows of files.lance, as the stat fast path's memory. A file is trusted unchanged only when
 * size and mtime match and its mtime is safely older than the run that recorded it: an edit within
 * the same clock tick as the last index run keeps size and mtime (git calls this "racily clean"),
 * so such files are always re-read.
 */
final class KnownFiles implements StatCache {

    /** Edits this close to a recorded run may share its mtime: re-read them. */
    static final long RACY_MILLIS = 2_000;

    private final Map<String, FileRow> rows;
    private final long statsTrustedBeforeMillis;
    private final Set<String> distrusted;

    private KnownFiles(Map<String, FileRow> rows, long statsTrustedBeforeMillis, Set<String> distrusted) {
        this.rows = rows;
        this.statsTrustedBeforeMillis = statsTrustedBeforeMillis;
        this.distrusted = distrusted;
    }

    /**
     * The racy-clean rule: a file modified at {@code mtimeMillis} is not trusted by its size and mtime against rows
     * whose stats are trusted up to {@code statsTrustedBeforeMillis} (Long.MIN_VALUE: an unknown moment, no stat
     * is trusted), because an edit within {@link #RACY_MILLIS} of that moment may have kept both.
     */
    static boolean racy(long mtimeMillis, long statsTrustedBeforeMillis) {
        // Saturating: MIN_VALUE - RACY_MILLIS would wrap around.
        return statsTrustedBeforeMillis < Long.MIN_VALUE + RACY_MILLIS || mtimeMillis >= statsTrustedBeforeMillis - RACY_MILLIS;
    }

    /**
     * @param statsTrustedBeforeMillis the moment the last run trusted stats up to (engine.json {@code stats_trusted}):
     *                                 files {@link #racy} against it are re-read
     * @param distrusted               paths to re-read whatever their stat says (a previous run's journal)
     */
    static KnownFiles load(Table files, long statsTrustedBeforeMillis, Set<String> distrusted) throws IOException {
        Map<String, FileRow> rows = new HashMap<>();
        try (ArrowReader reader = files.scan(ScanRequest.all())) {
            while (reader.loadNextBatch()) {
                for (FileRow row : RowValues.fileRows(reader.getVectorSchemaRoot())) {
                    rows.put(row.path(), row);
                }
            }
        }
        return new KnownFiles(rows, statsTrustedBeforeMillis, distrusted);
    }

    static KnownFiles empty() {
        return new KnownFiles(new HashMap<>(), Long.MIN_VALUE, Set.of());
    }

    @Override
    public String unchangedHash(String path, long size, long mtimeMillis) {
        FileRow row = rows.get(path);
        if (row == null || row.size() != size || row.mtimeMillis() != mtimeMillis || racy(mtimeMillis, statsTrustedBeforeMillis)
                || distrusted.contains(path)) {
            return null;
        }
        return row.contentHash();
    }

    FileRow get(String path) {
        return rows.get(path);
    }

    Set<String> paths() {
        return rows.keySet();
    }

    int size() {
        return rows.size();
    }
}
