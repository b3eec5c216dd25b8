package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentTableTest {

    private static final int SCANNERS = 8;
    private static final int APPENDS = 20;
    private static final int BATCH = 500;

    @TempDir
    Path dir;

    /** Every scan sees a whole committed version: a multiple of the batch size, never less than before. */
    @Test
    void eightThreadsScanOneTableWhileAnotherAppends() throws Exception {
        try (NativeRuntime runtime = NativeRuntime.create(2);
             Table table = Table.create(runtime, dir.resolve("t.lance"), TestRows.reader(runtime.allocator(), 0, BATCH, BATCH))) {
            AtomicBoolean appending = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(SCANNERS + 1);
            try {
                List<Future<Integer>> scanners = new ArrayList<>();
                for (int s = 0; s < SCANNERS; s++) {
                    scanners.add(pool.submit(() -> {
                        int scans = 0;
                        long last = 0;
                        while (appending.get() || scans == 0) {
                            long rows = scanRows(table);
                            assertEquals(0, rows % BATCH, "a scan saw part of a commit: " + rows);
                            assertTrue(rows >= last, "a later scan saw fewer rows: " + rows + " < " + last);
                            last = rows;
                            scans++;
                        }
                        return scans;
                    }));
                }
                Future<?> appender = pool.submit(() -> {
                    try {
                        for (int i = 1; i <= APPENDS; i++) {
                            table.append(TestRows.reader(runtime.allocator(), (long) i * BATCH, (long) (i + 1) * BATCH, BATCH));
                        }
                    } finally {
                        appending.set(false);
                    }
                    return null;
                });
                appender.get(5, TimeUnit.MINUTES);
                for (Future<Integer> scanner : scanners) {
                    assertTrue(scanner.get(5, TimeUnit.MINUTES) > 0);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals((APPENDS + 1L) * BATCH, table.countRows());
            assertEquals((APPENDS + 1L) * BATCH, scanRows(table));
        }
    }

    private static long scanRows(Table table) throws Exception {
        long rows = 0;
        try (ArrowReader reader = table.scan(ScanRequest.all().withColumns("n"))) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        return rows;
    }
}
