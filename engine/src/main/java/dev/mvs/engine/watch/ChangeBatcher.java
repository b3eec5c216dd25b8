package dev.mvs.engine.watch;

import java.time.Duration;

/**
 * Turns a stream of change signals into batches: a batch is due once no change came for the quiet
 * period, or once its first change has waited the longest delay (so a change never waits forever
 * behind a tool that writes without pause). A branch switch touching 5,000 files is one batch.
 * Signals may come from any thread; one thread takes the batches.
 */
final class ChangeBatcher {

    /** A due batch: how many changes it holds and when the first came (System.nanoTime()). */
    record Batch(int changes, long firstNanos) {}

    private final long quietNanos;
    private final long longestNanos;
    private int pending;
    private long firstNanos;
    private long lastNanos;
    private boolean closed;

    ChangeBatcher(Duration quiet, Duration longest) {
        if (quiet.isNegative() || longest.compareTo(quiet) < 0) {
            throw new IllegalArgumentException("need 0 <= quiet <= longest, got " + quiet + " and " + longest);
        }
        this.quietNanos = quiet.toNanos();
        this.longestNanos = longest.toNanos();
    }

    synchronized void signal() {
        long now = System.nanoTime();
        if (pending == 0) {
            firstNanos = now;
        }
        pending++;
        lastNanos = now;
        notifyAll();
    }

    /** Blocks until a batch is due and takes it; null once closed. */
    synchronized Batch take() throws InterruptedException {
        while (!closed) {
            if (pending == 0) {
                wait();
                continue;
            }
            long due = Math.min(lastNanos + quietNanos, firstNanos + longestNanos);
            long left = due - System.nanoTime();
            if (left <= 0) {
                Batch batch = new Batch(pending, firstNanos);
                pending = 0;
                return batch;
            }
            wait(Math.max(1, (left + 999_999) / 1_000_000));
        }
        return null;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
