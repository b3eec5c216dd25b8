package dev.mvs.engine.index;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One thread beside an index run, for table upkeep its main line need not wait for: cleaning up old versions
 * and maintaining files.lance and chunks.lance while phase 2 and the vector upkeep go on. The main line is
 * mostly one thread then, so on two cores the other was idle (issue 18, bench/results/2026-12-06-side-lane).
 *
 * <p>Work runs in the order submitted. Its messages are kept and shown by the run's own thread (an
 * {@link IndexProgress} is called from one thread only), at the next progress the run reports
 * ({@link #relaying}, {@link #relay}). Closing waits for everything submitted: close it before the tables it uses.
 */
final class SideLane implements AutoCloseable {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("mvs-side-lane").factory());
    private final Queue<String> messages = new ConcurrentLinkedQueue<>();
    private final IndexProgress progress;

    /** @param progress the run's progress, shown this lane's messages on the run's thread */
    SideLane(IndexProgress progress) {
        this.progress = progress;
    }

    <T> Future<T> submit(Callable<T> work) {
        return executor.submit(work);
    }

    /** Where work on this lane says what it does: kept for the run's thread to show. */
    Consumer<String> messages() {
        return messages::add;
    }

    /** The run's progress, showing this lane's messages first whenever the run reports something. */
    IndexProgress relaying() {
        return new IndexProgress() {
            @Override
            public void message(String text) {
                relay();
                progress.message(text);
            }

            @Override
            public void phase1(long filesSeen, long filesChanged, long chunksWritten) {
                relay();
                progress.phase1(filesSeen, filesChanged, chunksWritten);
            }

            @Override
            public void phase2Started(long total) {
                relay();
                progress.phase2Started(total);
            }

            @Override
            public void phase2(long done, long reused) {
                relay();
                progress.phase2(done, reused);
            }

        };
    }

    /** Shows the messages this lane's work left so far; on the run's thread. */
    void relay() {
        for (String text = messages.poll(); text != null; text = messages.poll()) {
            progress.message(text);
        }
    }

    /** What {@code work} returned, or what it threw, as if it had run on this thread. */
    static <T> T await(Future<T> work) throws IOException, InterruptedException {
        try {
            return work.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case InterruptedException interrupted -> throw interrupted;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IOException("table upkeep failed", e.getCause());
            }
        }
    }

    /** Waits for the work submitted (a run that failed still must not close tables under it). */
    @Override
    public void close() {
        executor.close();
    }
}
