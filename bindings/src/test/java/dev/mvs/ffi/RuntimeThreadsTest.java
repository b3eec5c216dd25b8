package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's native threads follow the configured worker count and the per-process pool sizes
 * (the official Lance Java binding starts about 70 tokio workers on a 2-core machine).
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

    /**
     * In a JVM of its own: Lance's CPU pool and rayon's pool are per process and sized from the
     * environment the process starts with, so the bound holds only when that environment says so
     * (in this JVM, another test's runtime may have made them first).
     */
    @Test
    void nativeThreadsStayWithinTheConfiguredSizeAfterAWorkload() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(RuntimeThreadsTest.class, dir.toString())).redirectErrorStream(true);
        pb.environment().put("LANCE_CPU_THREADS", Integer.toString(WORKERS));
        pb.environment().put("RAYON_NUM_THREADS", Integer.toString(WORKERS));
        Process child = pb.start();
        String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), out);
        assertEquals(0, child.exitValue(), out);
        Matcher m = Pattern.compile("native threads (\\d+), other tokio runtimes (\\d+): (.*)").matcher(out);
        assertTrue(m.find(), out);
        System.out.println("threads by name after the workload: " + m.group(3));
        assertEquals(0, Integer.parseInt(m.group(2)), "no tokio runtime other than ours: " + out);
        assertTrue(Integer.parseInt(m.group(1)) <= BOUND, "native threads " + m.group(1) + " > " + BOUND + ": " + out);
    }

    /** The child: the workload, then one line with the counts. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (NativeRuntime runtime = NativeRuntime.create(WORKERS);
             Table table = Table.create(runtime, dir.resolve("t.lance"), VectorRows.reader(runtime.allocator(), 0, 5_000))) {
            if (runtime.workerThreads() != WORKERS) {
                throw new IllegalStateException("workers " + runtime.workerThreads());
            }
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
                    .filter(e -> !e.getKey().equals("mvs-batch-filler")) // a Java thread: FillingArrowReader's
                    .mapToInt(Map.Entry::getValue).sum();
            System.out.println("native threads " + native_ + ", other tokio runtimes " + names.getOrDefault("tokio-runtime-w", 0) + ": " + names);
        }
    }
}
