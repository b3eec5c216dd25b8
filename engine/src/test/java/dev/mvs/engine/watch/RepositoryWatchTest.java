package dev.mvs.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.Searcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watch over a real directory with real inotify events, indexing with the hash embedder. */
class RepositoryWatchTest {

    @TempDir
    Path dir;

    record Run(IndexReport report, long latencyMillis) {}

    @Test
    void savesBecomeSearchableBurstsAreOneRunAndIgnoredPathsNeverRun() throws Exception {
        Path repo = dir.resolve("repo");
        write(repo.resolve(".gitignore"), "build/\n*.log\n");
        write(repo.resolve("src/Tide.java"), "class Tide {\n    int highWater(int day) {\n        return day * 2;\n    }\n}\n");
        write(repo.resolve("src/Moon.java"), "class Moon {\n    double phase(long t) {\n        return t % 29.5;\n    }\n}\n");
        write(repo.resolve("node_modules/a/b/c/index.js"), "never registered");
        write(repo.resolve("build/classes/x/Y.class"), "never registered");
        Path index = repo.resolve(".mvs");
        AtomicLong watched = new AtomicLong(-1);
        BlockingQueue<Run> runs = new LinkedBlockingQueue<>();
        BlockingQueue<Exception> failures = new LinkedBlockingQueue<>();
        WatchListener listener = new WatchListener() {
            @Override
            public void watching(long directories) {
                watched.set(directories);
            }

            @Override
            public void indexed(IndexReport report, long latencyMillis) {
                runs.add(new Run(report, latencyMillis));
            }

            @Override
            public void failed(Exception e) {
                failures.add(e);
            }
        };
        try (Engine engine = Engine.start(2)) {
            IndexRequest request = IndexRequest.of(repo, index).withModel(Engine.MODEL_HASH).withLockWait(Duration.ofMinutes(1));
            try (RepositoryWatch watch = engine.watch(request, Duration.ofMillis(100), IndexProgress.NONE, listener)) {
                Run first = runs.poll(60, TimeUnit.SECONDS);
                assertNotNull(first, "the first run at start: " + failures);
                assertEquals(3, first.report().files(), ".gitignore, Tide.java, Moon.java");
                assertEquals(2, watched.get(), "the root and src are watched; node_modules and build (ignored) are not registered at all");

                write(repo.resolve("src/Tide.java"), "class Tide {\n    int zebrafishHighWater(int day) {\n        return day * 2;\n    }\n}\n");
                Run save = runs.poll(30, TimeUnit.SECONDS);
                assertNotNull(save, "a save starts a run: " + failures);
                assertEquals(1, save.report().sync().changedFiles(), save.toString());
                try (Searcher s = engine.searcher(index)) {
                    assertEquals("src/Tide.java", s.search(SearchRequest.of("zebrafishHighWater", 1).withMode(SearchMode.KEYWORD)).hits().getFirst().path());
                }

                write(repo.resolve("build/Tide.class"), "ignored by .gitignore");
                write(repo.resolve("server.log"), "ignored by .gitignore, in a watched directory");
                write(repo.resolve("src/debug.log"), "the same, deeper");
                write(repo.resolve(".git/refs/heads/main"), "0000");
                write(repo.resolve("node_modules/x/index.js"), "excluded by default");
                assertNull(runs.poll(1500, TimeUnit.MILLISECONDS), "ignored paths, and the index's own writes, start no run");

                for (int i = 0; i < 300; i++) {
                    write(repo.resolve("src/gen/Gen" + i + ".java"), "class Gen" + i + " { int value() { return " + i + "; } }\n");
                }
                long read = 0;
                int burstRuns = 0;
                for (Run r; (r = runs.poll(3, TimeUnit.SECONDS)) != null; ) {
                    read += r.report().sync().changedFiles();
                    burstRuns++;
                }
                assertEquals(300, read, "every new file indexed");
                assertTrue(burstRuns <= 2, "300 files written in a burst are one run (two if the burst outlasts the longest wait): " + burstRuns);
                assertTrue(failures.isEmpty(), failures.toString());
            }
        }
    }

    private static void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
