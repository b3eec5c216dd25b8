package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FenceTest {

    @TempDir
    Path dir;

    @Test
    void aDeleteWaitsWhileTheExclusiveSideIsHeld() throws Exception {
        try (NativeRuntime runtime = NativeRuntime.create(2);
             Table table = Table.create(runtime, dir.resolve("t.lance"), VectorRows.reader(runtime.allocator(), 0, 100))) {
            CompletableFuture<Long> delete;
            try (FenceGuard guard = runtime.acquireExclusive(Duration.ofSeconds(5))) {
                delete = CompletableFuture.supplyAsync(() -> table.delete("id < 10"));
                assertThrows(TimeoutException.class, () -> delete.get(300, TimeUnit.MILLISECONDS), "the delete must wait");
                FenceStats held = runtime.fenceStats();
                assertTrue(held.exclusiveActive());
                assertEquals(0, held.sharedActive());
                assertEquals(100, table.countRows(), "reads are never fenced");
            }
            assertEquals(10L, delete.get(30, TimeUnit.SECONDS));
            FenceStats after = runtime.fenceStats();
            assertEquals(1, after.exclusiveAcquisitions());
            assertEquals(1, after.sharedAcquisitions());
            assertEquals(1, after.waits());
            assertTrue(after.waitNanos() >= 250_000_000L, "the delete waited about 300 ms: " + after.waitNanos());
            assertEquals(0, after.overlaps());
            assertFalse(after.exclusiveActive());
        }
    }

    @Test
    void theExclusiveSideTimesOutWithATypedError() {
        try (NativeRuntime runtime = NativeRuntime.create(1);
             FenceGuard first = runtime.acquireExclusive(Duration.ofSeconds(1))) {
            MvsException.Timeout e = assertThrows(MvsException.Timeout.class, () -> runtime.acquireExclusive(Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("100 ms"), e.getMessage());
            assertTrue(e.retryable());
            assertEquals(1, runtime.fenceStats().timeouts());
            first.close();
            first.close();
            runtime.acquireExclusive(Duration.ofMillis(100)).close();
            assertEquals(2, runtime.fenceStats().exclusiveAcquisitions());
        }
    }

    @Test
    void everyFileRewritingOperationTakesTheSharedSide() {
        try (NativeRuntime runtime = NativeRuntime.create(2);
             Table table = Table.create(runtime, dir.resolve("t.lance"), VectorRows.reader(runtime.allocator(), 0, 300))) {
            table.append(VectorRows.reader(runtime.allocator(), 300, 600));
            table.countRows();
            assertEquals(0, runtime.fenceStats().sharedAcquisitions(), "appends and reads are not fenced");
            table.delete("id = 1");
            table.compact();
            table.createScalarIndex("id", null, ScalarIndexKind.BTREE);
            table.createFullTextIndex("text", null, FtsOptions.defaults());
            table.createVectorIndex("vector", null, VectorIndexSpec.ivfPq(2, 4));
            table.optimizeIndices();
            table.mergeInsert(java.util.List.of("id"), MergeInsertSpec.upsert(),
                    VectorRows.reader(runtime.allocator(), new long[] {2}, id -> "x"));
            table.cleanup(Duration.ZERO, 3);
            java.util.List<TableVersion> kept = table.versions();
            table.restore(kept.get(kept.size() - 2).version());
            table.overwrite(VectorRows.reader(runtime.allocator(), 0, 10));
            assertEquals(10, runtime.fenceStats().sharedAcquisitions());
            assertEquals(0, runtime.fenceStats().overlaps());
        }
    }
}
