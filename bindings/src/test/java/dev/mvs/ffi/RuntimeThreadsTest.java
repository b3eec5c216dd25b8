package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's native threads follow the configured worker count (the official Lance Java
 * binding starts about 70 tokio workers on a 2-core machine).
 */
class RuntimeThreadsTest {

    private static final int WORKERS = 2;
    /** Blocking-pool threads (capped at max(workers, 2)), Lance's lance-cpu pool (1 + workers) and rayon (workers). */
    private static final int BOUND = WORKERS + 2 + (1 + WORKERS) + WORKERS;

    @TempDir
    Path dir;

    /** Thread names of this process, from /proc/self/task/N/comm, counted. */
    static Map<String, Integer> threadsByName() throws IOException {
        Map<String, Integer> names = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    names.merge(Files.readString(task.resolve("comm")).strip(), 1, Integer::sum);
                } catch (IOException gone) {
                    // the thread ended while we listed
                }
            }
        }
        return names;
    }

    @Test
    void nativeThreadsStayWithinTheConfiguredSizeAfterAWorkload() throws Exception {
        try (NativeRuntime runtime = NativeRuntime.create(WORKERS);
             Table table = Table.create(runtime, dir.resolve("t.lance"), VectorRows.reader(runtime.allocator(), 0, 5_000))) {
            assertEquals(WORKERS, runtime.workerThreads());
            table.append(VectorRows.reader(runtime.allocator(), 5_000, 6_000));
            table.createVectorIndex("vector", null, VectorIndexSpec.ivfPq(8, 8));
            table.createFullTextIndex("text", null, FtsOptions.defaults());
            for (int i = 0; i < 20; i++) {
                table.nearest(NearestQuery.of("vector", VectorRows.vector(i), 10).withNprobes(4)).close();
                table.fullTextSearch(FullTextQuery.of("socket", 10)).close();
            }
            table.delete("id < 100");
            table.compact();

            Map<String, Integer> names = threadsByName();
            int native_ = names.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("mvs-") || e.getKey().startsWith("lance-") || e.getKey().startsWith("tokio-"))
                    .mapToInt(Map.Entry::getValue).sum();
            System.out.println("threads by name after the workload: " + names);
            assertEquals(0, names.getOrDefault("tokio-runtime-w", 0), "no tokio runtime other than ours");
            assertTrue(native_ <= BOUND, "native threads " + native_ + " > " + BOUND + ": " + names);
        }
    }
}
