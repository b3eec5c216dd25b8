package dev.mvs.cli;

import dev.mvs.ffi.NativeLibrary;
import dev.mvs.ffi.NativeRuntime;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code engine-cli doctor}: what this installation runs on, and whether each part works. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {"Checks the JDK, the JVM flags in effect, the native library (path, ABI version) and its runtime.",
            "Exit code 0 when every check passes, 1 otherwise."})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Map<String, String> facts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        facts.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")");
        if (Runtime.version().feature() < 22) {
            problems.add("JDK " + Runtime.version().feature() + " is too old: FFM needs 22 or newer");
        }
        Module self = DoctorCommand.class.getModule();
        facts.put("native access", self.isNativeAccessEnabled() ? "enabled" : "NOT enabled");
        boolean nioOpen = Object.class.getModule().isOpen("java.nio", self);
        facts.put("java.nio opened to Arrow", nioOpen ? "yes" : "NO");
        if (!nioOpen) {
            problems.add("add --add-opens=java.base/java.nio=ALL-UNNAMED (cli/engine-cli passes it)");
        }
        try {
            NativeLibrary library = NativeLibrary.get();
            facts.put("native library", library.path() + " (" + library.source() + ")");
            facts.put("ABI version", library.abiVersion() + " (bindings expect " + NativeLibrary.expectedAbiVersion() + ")");
            try (NativeRuntime runtime = NativeRuntime.create(0)) {
                facts.put("runtime worker threads", Integer.toString(runtime.workerThreads()));
                facts.put("fence overlaps", Long.toString(runtime.fenceStats().overlaps()));
            }
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
        out.println(output.json() ? json(facts, problems) : text(facts, problems));
        out.flush();
        return problems.isEmpty() ? 0 : EngineCli.FAILED;
    }

    private static String text(Map<String, String> facts, List<String> problems) {
        String lines = facts.entrySet().stream().map(e -> String.format(java.util.Locale.ROOT, "%-24s %s", e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n"));
        return lines + "\n" + (problems.isEmpty() ? "all checks passed" : "problems:\n  " + String.join("\n  ", problems));
    }

    private static String json(Map<String, String> facts, List<String> problems) {
        String body = facts.entrySet().stream().map(e -> Json.quote(e.getKey()) + ":" + Json.quote(e.getValue()))
                .collect(Collectors.joining(","));
        String issues = problems.stream().map(Json::quote).collect(Collectors.joining(","));
        return "{" + body + ",\"problems\":[" + issues + "]}";
    }
}
