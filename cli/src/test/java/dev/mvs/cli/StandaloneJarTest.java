package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged engine-cli.jar on its own: copied into an empty directory and started with plain
 * {@code java -jar} (no class path of ours, no -Dmvs.native.path, no checkout around it), it extracts
 * its native library and model into a fresh cache directory, indexes a repository and finds it. Runs
 * after {@code package} (mvn verify), on the jar {@code -Dmvs.cli.jar} names.
 */
class StandaloneJarTest {

    @TempDir
    Path dir;

    private Path jar;
    private Path cache;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void copyTheJarAlone() throws IOException {
        Path built = Path.of(System.getProperty("mvs.cli.jar", "target/engine-cli.jar"));
        assertTrue(Files.isRegularFile(built), "no packaged jar at " + built.toAbsolutePath() + " (this test runs in mvn verify)");
        Path alone = Files.createDirectories(dir.resolve("alone"));
        jar = Files.copy(built, alone.resolve("engine-cli.jar"));
        cache = dir.resolve("cache");
    }

    private Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(jar.getParent().toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MVS_") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        pb.environment().put("MVS_CACHE_DIR", cache.toString());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "engine-cli " + String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpIsCleanAndDoctorFindsEverythingInTheJar() throws Exception {
        Run help = java("--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().contains("search"), help.out());
        assertEquals("", help.err(), "--help prints nothing on stderr (no picocli WARN, no JVM warning)");

        Run doctor = java("doctor", "--format", "json");
        assertEquals(0, doctor.code(), doctor.out() + doctor.err());
        JsonObject facts = JsonParser.parseString(doctor.out()).getAsJsonObject();
        assertTrue(facts.get("native library").getAsString().startsWith(cache.resolve("native").toString()), doctor.out());
        assertTrue(facts.get("native library").getAsString().endsWith("(extracted from the jar)"), doctor.out());
        assertEquals("in effect (jar manifest)", facts.get(JvmFlags.NATIVE_ACCESS).getAsString(), doctor.out());
        assertEquals("in effect (jar manifest)", facts.get(JvmFlags.OPEN_NIO).getAsString(), doctor.out());
        assertEquals("MISSING", facts.get(JvmFlags.UNSAFE_MEMORY).getAsString(), "no manifest can carry it: " + doctor.out());
        assertTrue(facts.getAsJsonArray("warnings").toString().contains("sun-misc-unsafe-memory-access"), doctor.out());

        Run again = java("doctor", "--format", "json");
        assertTrue(JsonParser.parseString(again.out()).getAsJsonObject().get("native library").getAsString().endsWith("(from the jar, extracted earlier)"),
                "the second run loads the extracted copy: " + again.out());
    }

    @Test
    void indexesAndSearchesARepositoryWithTheModelInsideTheJar() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo/src"));
        Files.writeString(repo.resolve("Fence.java"), """
                /** Keeps file rewrites from overlapping a model load. */
                final class Fence {
                    void acquireExclusive() {}
                }
                """);
        Files.writeString(repo.resolve("retry.py"), "def retry(call, attempts=3):\n    \"\"\"Calls call() until it succeeds.\"\"\"\n");
        String index = dir.resolve("index").toString();
        Run indexed = java("index", repo.getParent().toString(), "--index-dir", index, "--format", "json");
        assertEquals(0, indexed.code(), indexed.err());
        JsonObject report = JsonParser.parseString(indexed.out()).getAsJsonObject();
        assertEquals(2, report.get("files").getAsInt(), indexed.out());
        assertEquals(report.get("chunks").getAsInt(), report.get("vectors").getAsInt(), "every chunk embedded: " + indexed.out());

        Run found = java("search", "what keeps rewrites away from a model load", "--index-dir", index, "--format", "json");
        assertEquals(0, found.code(), found.err());
        JsonObject result = JsonParser.parseString(found.out()).getAsJsonObject();
        assertEquals("hybrid", result.get("mode").getAsString(), found.out());
        assertEquals("src/Fence.java", result.getAsJsonArray("results").get(0).getAsJsonObject().get("path").getAsString(), found.out());
        assertFalse(found.out().contains("WARNING"), "stdout carries only the result");
    }
}
