package dev.mvs.engine.index;

import dev.mvs.engine.store.FileRow;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.GenerationTables;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.engine.store.ArrowRows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure that ended the Python engine: fragments piling up until the process ran out of file
 * descriptors. One-row appends (-Dmvs.appends: 2,000 by default, 10,000 with -Pheavy) with the
 * compaction policy after each (and old versions cleaned up every 16), a full scan every 500: the process's open descriptors stay under {@link #FD_BOUND} (docs/storage.md) and the
 * table under {@link TableMaintenance#MAX_FRAGMENTS} + 1 fragments.
 */
@Tag("stress")
class FileDescriptorBoundTest {

    /** Stated in docs/storage.md: the JVM, the native runtime and one table's open files. */
    static final int FD_BOUND = 256;

    @TempDir
    Path dir;

    @Test
    void manySmallAppendsKeepOpenFilesBounded() throws Exception {
        int appends = Integer.getInteger("mvs.appends", 10_000);
        try (NativeRuntime runtime = NativeRuntime.create(2);
             GenerationTables tables = new GenerationTables(runtime, new IndexLayout(dir).generation("gen-000001"))) {
            TableMaintenance policy = new TableMaintenance(message -> {}, IndexOptions.DEFAULT_VECTOR_INDEX_MIN_ROWS);
            long fdsAtStart = openFds();
            long maxFds = fdsAtStart;
            long maxFragments = 0;
            int compactions = 0;
            for (int i = 0; i < appends; i++) {
                tables.appendFiles(ArrowRows.files(runtime.allocator(), List.of(new FileRow("f" + i, "h" + i, i, i, "text", 1))));
                if (policy.compactIfNeeded(tables.files())) {
                    compactions++;
                }
                if (i % 16 == 15) {
                    // The cleanup policy's keep-the-newest part (its 10-minute age guard would keep every
                    // version of a 10-minute burst): without it each commit slows as versions pile up.
                    tables.files().cleanup(java.time.Duration.ZERO, TableMaintenance.KEEP_VERSIONS);
                }
                maxFragments = Math.max(maxFragments, tables.files().stats().fragments());
                if (i % 500 == 499) {
                    try (ArrowReader r = tables.files().scan(ScanRequest.all())) {
                        while (r.loadNextBatch()) {
                            maxFds = Math.max(maxFds, openFds());
                        }
                    }
                    maxFds = Math.max(maxFds, openFds());
                }
            }
            Table files = tables.files();
            assertEquals(appends, files.countRows());
            System.out.printf("FileDescriptorBoundTest: %d appends, %d compactions, max %d fragments, open fds %d at start, max %d%n",
                    appends, compactions, maxFragments, fdsAtStart, maxFds);
            assertTrue(maxFragments <= TableMaintenance.MAX_FRAGMENTS + 1, "fragments: " + maxFragments);
            assertTrue(maxFds < FD_BOUND, "open file descriptors: " + maxFds);
        }
    }

    private static long openFds() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
