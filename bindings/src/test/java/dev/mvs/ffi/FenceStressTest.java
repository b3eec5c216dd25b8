package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four threads delete, compact, optimize indexes and clean up their own tables in a loop while a
 * fifth takes the fence's exclusive side 10,000 times and checks, inside, that no file-rewriting
 * operation is running. Runs in CI (tag "stress" is not excluded); bounded in time, so a deadlock
 * fails it.
 */
@Tag("stress")
class FenceStressTest {

    private static final int WORKERS = 4;
    private static final int EXCLUSIVE_ROUNDS = 10_000;

    @TempDir
    Path dir;

    record Outcome(long expectedRows, long actualRows, int operations) {}

    @Test
    void exclusiveHoldersNeverOverlapFileRewritingOperations() throws Exception {
        try (NativeRuntime runtime = NativeRuntime.create(2)) {
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
            try {
                List<Future<Outcome>> workers = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    Path path = dir.resolve("t" + w + ".lance");
                    workers.add(pool.submit(() -> work(runtime, path, running)));
                }
                Future<Integer> exclusive = pool.submit(() -> {
                    int violations = 0;
                    try {
                        for (int i = 0; i < EXCLUSIVE_ROUNDS; i++) {
                            try (FenceGuard guard = runtime.acquireExclusive(Duration.ofSeconds(60))) {
                                FenceStats inside = runtime.fenceStats();
                                if (inside.sharedActive() != 0 || !inside.exclusiveActive()) {
                                    violations++;
                                }
                            }
                            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 300_000));
                        }
                    } finally {
                        running.set(false);
                    }
                    return violations;
                });
                assertEquals(0, exclusive.get(10, TimeUnit.MINUTES), "a shared holder was active inside the exclusive side");
                int operations = 0;
                for (Future<Outcome> worker : workers) {
                    Outcome o = worker.get(2, TimeUnit.MINUTES);
                    assertEquals(o.expectedRows(), o.actualRows(), "every committed row accounted for");
                    operations += o.operations();
                }
                FenceStats stats = runtime.fenceStats();
                System.out.printf(java.util.Locale.ROOT, "fence stress: %d exclusive, %d shared (%d worker operations), %d waits, %.1f ms waited, overlaps %d%n",
                        stats.exclusiveAcquisitions(), stats.sharedAcquisitions(), operations, stats.waits(), stats.waitNanos() / 1e6, stats.overlaps());
                assertEquals(0, stats.overlaps());
                assertEquals(EXCLUSIVE_ROUNDS, stats.exclusiveAcquisitions());
                assertTrue(stats.sharedAcquisitions() >= WORKERS * 4L, "workers made progress: " + stats.sharedAcquisitions());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** One worker's loop on its own table; returns the rows it expects and the rows there are. */
    private static Outcome work(NativeRuntime runtime, Path path, AtomicBoolean running) {
        long next = 200;
        long expected = 200;
        int operations = 0;
        try (Table table = Table.create(runtime, path, VectorRows.reader(runtime.allocator(), 0, 200))) {
            table.createScalarIndex("id", null, ScalarIndexKind.BTREE);
            for (int i = 0; running.get() || i < 4; i++) {
                table.append(VectorRows.reader(runtime.allocator(), next, next + 20));
                next += 20;
                expected += 20;
                expected -= table.delete("id = " + (next - 7) + " OR id = " + (next - 3));
                switch (i % 4) {
                    case 0 -> table.compact();
                    case 1 -> table.optimizeIndices();
                    case 2 -> table.cleanup(Duration.ZERO, 3);
                    default -> table.delete("id = -1");
                }
                operations += 2;
            }
            return new Outcome(expected, table.countRows(), operations);
        }
    }
}
