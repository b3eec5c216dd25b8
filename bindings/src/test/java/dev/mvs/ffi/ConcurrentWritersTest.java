package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent appends and deletes, through one handle and through two, all commit. */
class ConcurrentWritersTest {

    @TempDir
    Path dir;

    @Test
    void appendsAndDeletesFromTwoThreadsOnOneHandleBothCommit() throws Exception {
        try (NativeRuntime runtime = NativeRuntime.create(2);
             Table table = Table.create(runtime, dir.resolve("t.lance"), VectorRows.reader(runtime.allocator(), 0, 1_000))) {
            CompletableFuture<Void> appends = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 10; i++) {
                    table.append(VectorRows.reader(runtime.allocator(), 1_000 + i * 100L, 1_100 + i * 100L));
                }
            });
            CompletableFuture<Long> deletes = CompletableFuture.supplyAsync(() -> {
                long deleted = 0;
                for (int i = 0; i < 10; i++) {
                    deleted += table.delete("id >= " + i * 100 + " AND id < " + (i * 100 + 10));
                }
                return deleted;
            });
            appends.get(2, TimeUnit.MINUTES);
            assertEquals(100L, deletes.get(2, TimeUnit.MINUTES));
            assertEquals(1_900, table.countRows());
            assertEquals(21, table.stats().version(), "every write its own version");
        }
    }

    @Test
    void twoHandlesOnTheSameTableBothCommit() throws Exception {
        Path path = dir.resolve("t.lance");
        try (NativeRuntime runtime = NativeRuntime.create(2)) {
            Table.create(runtime, path, VectorRows.reader(runtime.allocator(), 0, 1_000)).close();
            try (Table a = Table.open(runtime, path); Table b = Table.open(runtime, path)) {
                CompletableFuture<Void> appends = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 10; i++) {
                        a.append(VectorRows.reader(runtime.allocator(), 1_000 + i * 100L, 1_100 + i * 100L));
                    }
                });
                CompletableFuture<Void> deletes = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 10; i++) {
                        b.delete("id >= " + i * 100 + " AND id < " + (i * 100 + 10));
                    }
                });
                appends.get(2, TimeUnit.MINUTES);
                deletes.get(2, TimeUnit.MINUTES);
            }
            try (Table latest = Table.open(runtime, path)) {
                assertEquals(1_900, latest.countRows(), "Lance rebased each commit onto the other handle's");
                assertEquals(0, latest.countRows("id < 1000 AND id % 100 < 10"));
            }
        }
    }
}
