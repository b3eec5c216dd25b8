package dev.mvs.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a stage's process used, from /proc/self: peak RSS and threads (all OS threads, and the JVM's Java ones). */
final class ProcessStats {

    private ProcessStats() {}

    /**
     * OS threads include the JVM's own (GC, JIT) and every native pool (tokio, Lance's CPU pool,
     * ONNX Runtime); Java threads are those the JVM knows, so the difference bounds the native ones.
     */
    static Map<String, Double> now() throws IOException {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("peak_rss_mib", statusKib("VmHWM") / 1024.0);
        m.put("os_threads", statusKib("Threads"));
        m.put("java_threads", (double) ManagementFactory.getThreadMXBean().getThreadCount());
        return m;
    }

    private static double statusKib(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return Double.parseDouble(line.substring(key.length() + 1).replaceAll("[^0-9]", ""));
            }
        }
        return Double.NaN;
    }

}
