package dev.mvs.engine.watch;

import dev.mvs.engine.scan.WatchFilter;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import io.methvin.watcher.visitor.FileTreeVisitor;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Keeps an index in step with a working tree: file-system events (inotify on Linux, through
 * directory-watcher; ignored directories are never registered) pass the {@link WatchFilter}, are
 * batched by a {@link ChangeBatcher}, and each batch is one incremental {@link IndexRun} on the
 * watch's own thread. Changes made during a run make the next batch. One run is made at start, for
 * what changed while nobody watched. Idle, it costs nothing but blocked threads.
 */
public final class RepositoryWatch implements AutoCloseable {

    /** Quiet period after the last change before a run: an editor's save is a few events within milliseconds. */
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(150);
    /** The longest a change waits for quiet before it is indexed anyway. */
    public static final Duration DEFAULT_LONGEST = Duration.ofSeconds(3);

    private final DirectoryWatcher watcher;
    private final ChangeBatcher batcher;
    private final ExecutorService events = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("mvs-watch-events").factory());
    private final Thread runner;
    private final IndexRun run;
    private final WatchListener listener;
    private final AutoCloseable resources;

    private RepositoryWatch(WatchFilter filter, Duration quiet, Duration longest, IndexRun run, WatchListener listener, AutoCloseable resources)
            throws IOException {
        this.run = run;
        this.listener = listener;
        this.resources = resources;
        this.batcher = new ChangeBatcher(quiet, longest);
        Set<Path> directories = ConcurrentHashMap.newKeySet();
        this.watcher = DirectoryWatcher.builder()
                .path(filter.root())
                .fileHashing(false)
                .fileTreeVisitor(new FilteredTree(filter, directories))
                .listener(event -> {
                    if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW
                            || (event.path() != null && filter.relevant(event.path(), event.isDirectory()))) {
                        batcher.signal();
                    }
                })
                .build();
        this.runner = Thread.ofPlatform().name("mvs-watch-runs").unstarted(this::runBatches);
        CompletableFuture<Void> loop = watcher.watchAsync(events);
        if (loop.isCompletedExceptionally()) {
            Throwable why = loop.exceptionNow();
            watcher.close();
            events.shutdown();
            throw new IOException("cannot watch " + filter.root() + ": " + why + (String.valueOf(why).contains("inotify")
                    ? " (each watched directory takes one inotify watch: raise fs.inotify.max_user_watches, or ignore generated directories in .gitignore)"
                    : ""), why);
        }
        loop.whenComplete((done, e) -> {
            if (e != null && !watcher.isClosed()) {
                listener.failed(new IOException("watching " + filter.root() + " stopped: " + e, e));
            }
        });
        listener.watching(directories.size());
    }

    /**
     * Starts watching {@code filter}'s root and makes the first run. {@code quiet} and {@code longest}: see {@link ChangeBatcher}.
     * {@code resources} (the runs' model) are closed with the watch.
     */
    public static RepositoryWatch start(WatchFilter filter, Duration quiet, Duration longest, IndexRun run, WatchListener listener,
                                        AutoCloseable resources) throws IOException {
        RepositoryWatch watch = new RepositoryWatch(filter, quiet, longest, run, listener, resources);
        watch.batcher.signal();
        watch.runner.start();
        return watch;
    }

    /** The longest wait for a quiet period of {@code quiet}: {@link #DEFAULT_LONGEST}, or {@code quiet} when that is longer. */
    public static Duration longestFor(Duration quiet) {
        return quiet.compareTo(DEFAULT_LONGEST) > 0 ? quiet : DEFAULT_LONGEST;
    }

    private void runBatches() {
        try {
            ChangeBatcher.Batch batch;
            boolean atStart = true;
            while ((batch = batcher.take()) != null) {
                listener.indexing(atStart ? 0 : batch.changes());
                try {
                    var report = run.run();
                    listener.indexed(report, atStart ? -1 : (System.nanoTime() - batch.firstNanos()) / 1_000_000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    listener.failed(e);
                }
                atStart = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until the watch is closed (by another thread, or a shutdown hook). */
    public void awaitClosed() throws InterruptedException {
        runner.join();
    }

    /** Stops watching; a run in progress completes first (it commits or rolls back as any run does). */
    @Override
    public void close() throws Exception {
        try {
            watcher.close();
        } finally {
            batcher.close();
            events.shutdown();
            runner.join();
            resources.close();
        }
    }

    /** Registers only the directories the filter lets through (never .git, node_modules, the index, ignored ones). */
    private record FilteredTree(WatchFilter filter, Set<Path> directories) implements FileTreeVisitor {
        @Override
        public void recursiveVisitFiles(Path start, Callback onDirectory, Callback onFile) throws IOException {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!filter.watches(dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    directories.add(dir);
                    onDirectory.call(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    onFile.call(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable: the index run reports it
                }
            });
        }
    }
}
