package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void theCommandRunsFoldOnTheIndexWithThisJvmsFlagsInItsOwnSession() {
        List<String> command = BackgroundFold.command(dir.resolve("idx"), List.of("-XX:AOTCache=/x/engine-cli.aot", "-Xmx1g"), true);
        assertEquals("/usr/bin/setsid", command.getFirst());
        assertTrue(command.containsAll(JvmFlags.ALL), command.toString());
        assertTrue(command.contains("-XX:AOTCache=/x/engine-cli.aot"), command.toString());
        assertEquals(List.of(EngineCli.class.getName(), FoldCommand.NAME, "--index-dir", dir.resolve("idx").toString()),
                command.subList(command.size() - 4, command.size()));
        assertEquals(OwnJar.javaLauncher().toString(), BackgroundFold.command(dir, List.of(), false).getFirst());
    }

    @Test
    void theFoldItStartsRunsOnTheIndexAndSaysWhatItDidInItsLog() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(repo.resolve("f" + i + ".txt"), "line " + i + "\n");
        }
        Path index = dir.resolve("idx");
        StringWriter err = new StringWriter();
        int code = EngineCli.run(new String[] {"index", repo.toString(), "--index-dir", index.toString(), "--model", "hash", "--threads", "2"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());

        BackgroundFold.Started fold = BackgroundFold.start(index);

        ProcessHandle child = ProcessHandle.of(fold.pid()).orElse(null);
        if (child != null) {
            child.onExit().get(2, TimeUnit.MINUTES);
        }
        String log = Files.readString(fold.log(), StandardCharsets.UTF_8);
        // No vector index below 100k vectors: nothing to fold, and the child said so.
        assertTrue(log.contains("nothing to fold in"), log);
    }
}
