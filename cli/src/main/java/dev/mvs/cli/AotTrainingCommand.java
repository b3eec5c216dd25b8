package dev.mvs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.mvs.engine.store.FileTrees;

import picocli.CommandLine.Command;

/**
 * The workload an AOT cache is recorded from (hidden; {@code engine-cli aot-cache} runs it in a child
 * JVM): the commands people run most, on a small repository written for it, so the classes, lambda
 * forms and native call stubs they need are in the cache. It measures nothing and reports nothing.
 */
@Command(name = AotTrainingCommand.NAME, hidden = true, description = "The training run of engine-cli aot-cache (internal).")
final class AotTrainingCommand implements Callable<Integer> {

    static final String NAME = "aot-training";

    private static final Map<String, String> FILES = Map.of(
            "src/main/java/demo/LockedCounter.java", """
                    package demo;

                    import java.util.concurrent.locks.ReentrantLock;

                    /** A counter that many threads may increment. */
                    public final class LockedCounter {
                        private final ReentrantLock lock = new ReentrantLock();
                        private long count;

                        /** Adds one and returns the new value. */
                        public long increment() {
                            lock.lock();
                            try {
                                return ++count;
                            } finally {
                                lock.unlock();
                            }
                        }
                    }
                    """,
            "tools/retry.py", """
                    import time


                    def retry(call, attempts=3, delay=0.1):
                        \"\"\"Calls call() until it returns without raising, at most attempts times.\"\"\"
                        for attempt in range(attempts):
                            try:
                                return call()
                            except OSError:
                                if attempt == attempts - 1:
                                    raise
                                time.sleep(delay * (2 ** attempt))
                    """,
            "README.md", """
                    # demo

                    A counter guarded by a lock, and a retry helper with exponential back-off.
                    """);

    @Override
    public Integer call() throws IOException {
        Path work = Files.createTempDirectory("mvs-aot-training-");
        try {
            Path repo = work.resolve("repo");
            for (Map.Entry<String, String> f : FILES.entrySet()) {
                Path p = repo.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
            String index = work.resolve("index").toString();
            List<List<String>> runs = List.of(
                    List.of("--help"),
                    List.of("index", repo.toString(), "--index-dir", index),
                    List.of("index", repo.toString(), "--index-dir", index, "--format", "json"),
                    List.of("search", "lock protected counter", "--index-dir", index),
                    List.of("search", "retry with back-off", "--index-dir", index, "--mode", "keyword"),
                    List.of("search", "sleep between attempts", "--index-dir", index, "--mode", "semantic", "--format", "json"),
                    List.of("search", "counter", "--index-dir", index, "--lang", "java", "--format", "json"),
                    List.of("status", "--index-dir", index),
                    List.of("status", "--index-dir", index, "--format", "json"),
                    List.of("verify", "--index-dir", index),
                    List.of("versions", "--index-dir", index));
            PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
            for (List<String> args : runs) {
                int code = EngineCli.run(args.toArray(String[]::new), nowhere, nowhere);
                if (code != 0) {
                    throw new IllegalStateException("training step failed with exit code " + code + ": engine-cli " + String.join(" ", args));
                }
            }
            return 0;
        } finally {
            FileTrees.delete(work);
        }
    }
}
