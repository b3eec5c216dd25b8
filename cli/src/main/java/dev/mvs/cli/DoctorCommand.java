package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.ffi.NativeLibrary;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.google.gson.GsonBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code engine-cli doctor}: what this installation runs on, and whether each part works. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Checks the JDK, the JVM flags in effect (and where each came from), the native library (path, ABI "
                    + "version), its runtime, and the embedding model. Exit code 0 when every check passes, 1 otherwise; "
                    + "a flag that is missing but not needed for correct results is a warning, not a failure."})
final class DoctorCommand implements Callable<Integer> {

    /** The oldest JDK the engine is built and tested for (docs/decisions.md). */
    static final int JDK_FLOOR = 25;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    /** Lance's CPU pool is sized once per process from the environment (docs/threads.md). */
    private static void lanceCpuThreads(Map<String, String> facts, List<String> warnings) {
        String set = System.getenv("LANCE_CPU_THREADS");
        int cpus = Runtime.getRuntime().availableProcessors();
        if (set != null) {
            facts.put("Lance CPU threads", set + " (LANCE_CPU_THREADS)");
        } else {
            int lanceDefault = Math.max(1, cpus - 2);
            facts.put("Lance CPU threads", lanceDefault + " (Lance's default: CPUs - 2)");
            if (lanceDefault < cpus) {
                warnings.add("LANCE_CPU_THREADS is not set: Lance computes on " + lanceDefault + " of " + cpus
                        + " CPUs; set it to " + cpus + " (the launchers do)");
            }
        }
    }

    @Override
    public Integer call() {
        Map<String, String> facts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        facts.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")");
        if (Runtime.version().feature() < JDK_FLOOR) {
            problems.add("JDK " + Runtime.version().feature() + " is too old: mvs-engine needs " + JDK_FLOOR + " or newer");
        }
        for (JvmFlags flag : JvmFlags.current()) {
            facts.put(flag.flag(), flag.inEffect() ? "in effect (" + flag.source() + ")" : "MISSING");
            if (!flag.inEffect()) {
                String message = flag.flag() + " is missing: " + flag.whenMissing() + " (cli/engine-cli and installed launchers pass it)";
                (flag.flag().equals(JvmFlags.UNSAFE_MEMORY) ? warnings : problems).add(message);
            }
        }
        facts.put("AOT cache", AotCache.describeCurrent());
        try {
            NativeLibrary library = NativeLibrary.get();
            facts.put("native library", library.path() + " (" + library.source() + ")");
            facts.put("ABI version", library.abiVersion() + " (bindings expect " + NativeLibrary.expectedAbiVersion() + ")");
            try (Engine engine = Engine.start(0)) {
                facts.put("runtime worker threads", Integer.toString(engine.workerThreads()));
                facts.put("fence overlaps", Long.toString(engine.fenceStats().overlaps()));
            }
            lanceCpuThreads(facts, warnings);
        } catch (RuntimeException | LinkageError e) {
            facts.put("native library", "FAILED: " + e.getMessage());
            problems.add(e.getMessage());
        }
        ModelCheck model = ModelCheck.run();
        facts.put("embedding model", model.description());
        if (model.problem() != null) {
            problems.add(model.problem());
        }
        facts.put("file name encoding", System.getProperty("sun.jnu.encoding"));
        if (!"UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
            problems.add("file names are decoded as " + System.getProperty("sun.jnu.encoding")
                    + ": non-ASCII names cannot be indexed; run with a UTF-8 locale (LANG=C.UTF-8; cli/engine-cli sets it)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json() ? json(facts, problems, warnings) : text(facts, problems, warnings));
        out.flush();
        return problems.isEmpty() ? 0 : EngineCli.FAILED;
    }

    private static String text(Map<String, String> facts, List<String> problems, List<String> warnings) {
        String lines = facts.entrySet().stream().map(e -> String.format(Locale.ROOT, "%-44s %s", e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n"));
        StringBuilder b = new StringBuilder(lines).append('\n');
        if (!warnings.isEmpty()) {
            b.append("warnings:\n  ").append(String.join("\n  ", warnings)).append('\n');
        }
        b.append(problems.isEmpty() ? "all checks passed" : "problems:\n  " + String.join("\n  ", problems));
        return b.toString();
    }

    private static String json(Map<String, String> facts, List<String> problems, List<String> warnings) {
        Map<String, Object> all = new LinkedHashMap<>(facts);
        all.put("warnings", warnings);
        all.put("problems", problems);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(all);
    }
}
