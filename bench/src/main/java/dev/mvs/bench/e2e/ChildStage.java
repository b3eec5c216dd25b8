package dev.mvs.bench.e2e;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one {@link Stage} in a fresh JVM with this JVM's runtime, class path and flags; returns its result. */
final class ChildStage {

    private final List<String> jvm;

    ChildStage(Path nativeLibrary) {
        jvm = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "--add-modules=jdk.incubator.vector", // Lucene's SIMD vector code; without it Lucene runs scalar
                "-Djava.awt.headless=true", "-Dmvs.native.path=" + nativeLibrary,
                "-cp", System.getProperty("java.class.path")));
    }

    Map<String, Object> run(String... stage) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(jvm);
        command.add(Stage.class.getName());
        command.addAll(List.of(stage));
        System.err.println("bench: " + String.join(" ", stage));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring("RESULT ".length());
                } else {
                    System.err.println(line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || result == null) {
            throw new IOException("stage " + String.join(" ", stage) + " failed (exit " + exit + ")");
        }
        return new Gson().fromJson(result, new TypeToken<Map<String, Object>>() {}.getType());
    }
}
