package dev.mvs.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's ahead-of-time cache for engine-cli (JEP 483/514): classes loaded and linked, lambda forms
 * and method profiles recorded by one training run, mapped by later JVMs instead of being loaded from
 * the jar again. A cache belongs to one jar (path, size and time) and one JDK build; a JVM given a
 * cache that does not match ignores it (the launchers silence that with -Xlog:aot=off).
 */
final class AotCache {

    /** How long a training run may take before it is given up (model load and a tiny index). */
    static final long TRAINING_MINUTES = 10;

    private AotCache() {}

    /** {@code engine-cli.jar} → {@code engine-cli.aot} beside it: where the launchers look. */
    static Path besideJar(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".aot");
    }

    /** What this JVM was told about an AOT cache. */
    static String describeCurrent() {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:AOTCache=")) {
                Path cache = Path.of(arg.substring("-XX:AOTCache=".length()));
                return cache + (Files.isRegularFile(cache) ? "" : " (MISSING)") + "; JVM: " + System.getProperty("java.vm.info");
            }
        }
        return "none (start-up is slower; engine-cli aot-cache makes one, engine-cli install uses one)";
    }

    /**
     * Runs the training workload in a child JVM with the launchers' flags and writes the cache to
     * {@code output} (through a temporary file, so a killed training never leaves a cache that looks whole).
     *
     * @return the size of the cache in bytes
     */
    static long create(Path jar, Path output, Path log) throws IOException, InterruptedException {
        Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        List<String> command = new ArrayList<>();
        command.add(OwnJar.javaLauncher().toString());
        command.addAll(JvmFlags.ALL);
        String nativePath = System.getProperty("mvs.native.path");
        if (nativePath != null) {
            command.add("-Dmvs.native.path=" + nativePath); // the library this JVM loads, not another one
        }
        command.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:AOTCacheOutput=" + tmp, "-jar", jar.toString(),
                AotTrainingCommand.NAME));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(TRAINING_MINUTES, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new IOException("the AOT training run took over " + TRAINING_MINUTES + " minutes; its output: " + log);
        }
        if (child.exitValue() != 0 || !Files.isRegularFile(tmp)) {
            String tail = Files.exists(log) ? lastLines(Files.readString(log, StandardCharsets.UTF_8), 15) : "(no output)";
            throw new IOException("the AOT training run failed (exit code " + child.exitValue() + "):\n" + tail);
        }
        Files.move(tmp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Files.size(output);
    }

    private static String lastLines(String text, int n) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
