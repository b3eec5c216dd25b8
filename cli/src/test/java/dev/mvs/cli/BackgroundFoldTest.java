package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundFoldTest {

    @TempDir
    Path dir;

    @Test
    void theCommandRunsFoldOnTheIndexWithThisJvmsFlagsDetachedByAShell() {
        List<String> command = BackgroundFold.command(dir.resolve("idx"), List.of("-XX:AOTCache=/x/engine-cli.aot", "-Xmx1g"), true, true, 42);
        assertEquals(List.of("/usr/bin/setsid", "/bin/sh", "-c"), command.subList(0, 3));
        assertEquals("42", command.get(4), "the shell's fork waits for this process to exit before it starts the JVM");
        assertTrue(command.containsAll(JvmFlags.ALL), command.toString());
        assertTrue(command.contains("-XX:AOTCache=/x/engine-cli.aot"), command.toString());
        assertEquals(List.of(EngineCli.class.getName(), FoldCommand.NAME, "--index-dir", dir.resolve("idx").toString()),
                command.subList(command.size() - 4, command.size()));
        assertEquals(OwnJar.javaLauncher().toString(), BackgroundFold.command(dir, List.of(), false, false, 0).getFirst());
    }

    @Test
    void theFoldItStartsWaitsForItsStarterThenSaysWhatItDidInItsLog() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(repo.resolve("f" + i + ".txt"), "line " + i + "\n");
        }
        Path index = dir.resolve("idx");
        StringWriter err = new StringWriter();
        int code = EngineCli.run(new String[] {"index", repo.toString(), "--index-dir", index.toString(), "--model", "hash", "--threads", "2"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());

        // As engine-cli index starts it: once the process that starts it has exited (a sleep stands in for it here).
        Process starter = new ProcessBuilder("sleep", "2").start();
        BackgroundFold.Started fold = BackgroundFold.start(index, starter.pid());

        Thread.sleep(1_000);
        assertTrue(starter.isAlive() && Files.readString(fold.log(), StandardCharsets.UTF_8).isEmpty(),
                "no JVM before the starter exits: " + Files.readString(fold.log(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.readString(fold.log(), StandardCharsets.UTF_8).contains(" in ") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(starter.isAlive());
        String log = Files.readString(fold.log(), StandardCharsets.UTF_8);
        // No vector index below 100k vectors: nothing to fold, and the child said so.
        assertTrue(log.contains("nothing to fold in"), log);
    }
}
