package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine-cli watch} and {@code engine-cli index} as two processes on one index at once, as a person
 * running a CLI index while their editor's watch runs: each CLI run either completes or fails at once
 * naming the watch's pid; the watch picks up every save; the index verifies clean after; SIGTERM stops
 * the watch. Real code (the engine's store package), the default model. Runs in mvn verify, on the jar.
 */
class WatchCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    /** Waits until the watch has reported a run and then none for 1.5 s. */
    private static void awaitIdle(BlockingQueue<JsonObject> runs) throws InterruptedException {
        assertNotNull(runs.poll(2, TimeUnit.MINUTES), "a watch run");
        while (runs.poll(1500, TimeUnit.MILLISECONDS) != null) {
            // more runs: wait on
        }
    }

    /** How many runs the watch has started: each says "updating" on stderr once it holds the index. */
    private static long runStarts(Path watchErr) throws Exception {
        return Files.readString(watchErr).lines().filter(l -> l.startsWith("index: updating ")).count();
    }

    /** Waits until the watch has started a run after {@code before} of them, so the CLI arrives while it holds the index. */
    private static void awaitRunStart(Path watchErr, long before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (runStarts(watchErr) <= before) {
            assertTrue(System.nanoTime() < deadline, "the watch started no run: " + Files.readString(watchErr));
            Thread.sleep(10);
        }
    }

    private Run cli(String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(JarCommand.of(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aCliWriterBesideAWatchEitherRunsOrSaysWhoHoldsTheIndexAndNothingIsLost() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("store"));
        try (Stream<Path> files = Files.list(Path.of("../engine/src/main/java/dev/mvs/engine/store"))) {
            for (Path f : files.toList()) {
                Files.copy(f, repo.resolve("store").resolve(f.getFileName()));
            }
        }
        Path index = dir.resolve("index");
        Process watch = new ProcessBuilder(JarCommand.of("watch", repo.toString(), "--index-dir", index.toString(), "--format", "json"))
                .redirectError(dir.resolve("watch.err").toFile()).start();
        BlockingQueue<JsonObject> runs = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    runs.add(JsonParser.parseString(line).getAsJsonObject());
                }
            } catch (Exception e) {
                runs.add(new JsonObject());
            }
        });
        try {
            JsonObject first = runs.poll(3, TimeUnit.MINUTES);
            assertNotNull(first, "the watch's first run: " + Files.readString(dir.resolve("watch.err")));
            assertEquals(first.get("chunks").getAsLong(), first.get("vectors").getAsLong(), "embedded: " + first);

            int completed = 0;
            int refused = 0;
            for (int i = 0; i < 4; i++) {
                long startedRuns = runStarts(dir.resolve("watch.err"));
                Files.writeString(repo.resolve("store/Edit" + i + ".java"), "final class Edit" + i + " {\n    int tide" + i + "() {\n        return " + i
                        + ";\n    }\n}\n");
                if (i % 2 == 0) {
                    // 300 new files: the watch's run embeds them for a few seconds, and the CLI arrives meanwhile (usually)
                    for (int f = 0; f < 300; f++) {
                        Files.writeString(repo.resolve("store/Bulk" + i + "_" + f + ".java"), "final class Bulk" + i + "_" + f + " {\n    long weight" + f
                                + "(long grams) {\n        return grams * " + (f + 7) + " + " + i + ";\n    }\n}\n");
                    }
                    awaitRunStart(dir.resolve("watch.err"), startedRuns); // a fixed sleep lost this race on a loaded machine
                } else {
                    awaitIdle(runs); // the watch has indexed the edit: a CLI run now finds the index free
                }
                Run run = cli("index", repo.toString(), "--index-dir", index.toString());
                if (run.code() == 0) {
                    completed++;
                } else {
                    assertEquals(EngineCli.INDEX_UNAVAILABLE, run.code(), run.err());
                    assertTrue(run.err().contains("another writer holds the index") && run.err().contains("pid " + watch.pid()), run.err());
                    assertTrue(i % 2 == 0, "refused although the watch was idle: " + run.err());
                    refused++;
                }
            }
            assertTrue(completed >= 2 && refused >= 1, "both ways: " + completed + " completed, " + refused + " refused");
            System.err.printf("WatchCommandTest: %d CLI runs completed, %d refused while the watch held the index%n", completed, refused);

            Files.writeString(repo.resolve("store/Tide.java"), "final class Tide {\n    int zebrafishHighWater(int day) {\n        return day * 2;\n    }\n}\n");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            boolean found = false;
            while (!found && System.nanoTime() < deadline) {
                runs.poll(2, TimeUnit.SECONDS);
                Run search = cli("search", "zebrafishHighWater", "--index-dir", index.toString(), "--mode", "keyword", "--format", "json");
                found = search.code() == 0 && search.out().contains("store/Tide.java");
            }
            assertTrue(found, "the watch indexed the last save: " + Files.readString(dir.resolve("watch.err")));
            for (int i = 0; i < 4; i++) {
                Run search = cli("search", "tide" + i, "--index-dir", index.toString(), "--mode", "keyword", "--format", "json");
                assertTrue(search.out().contains("store/Edit" + i + ".java"), "every save is in the index, by one writer or the other: " + search.out());
            }
            Run verify = cli("verify", "--index-dir", index.toString());
            assertEquals(0, verify.code(), verify.out() + verify.err());
        } finally {
            watch.destroy(); // SIGTERM: StopOnSignal lets a run in progress finish, then exits
            assertTrue(watch.waitFor(2, TimeUnit.MINUTES), "the watch stops on SIGTERM");
        }
        String err = Files.readString(dir.resolve("watch.err"));
        assertTrue(err.contains("stopping on SIGTERM"), err);
    }
}
