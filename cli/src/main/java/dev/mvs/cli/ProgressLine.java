package dev.mvs.cli;

import dev.mvs.engine.index.IndexProgress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Index progress on stderr. On a terminal: one line redrawn in place (files, chunks, then a bar with
 * embeddings/s and ETA), at most ten times a second. Elsewhere (a log, CI): a plain line every five
 * seconds, so logs stay readable.
 */
final class ProgressLine implements IndexProgress {

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long intervalNanos;
    private long lastDraw;
    private boolean lineOpen;
    private long phase2Total;
    private long phase2Start;

    ProgressLine(PrintWriter err, boolean terminal, LongSupplier nanoClock) {
        this.err = err;
        this.terminal = terminal;
        this.clock = nanoClock;
        this.intervalNanos = terminal ? 100_000_000L : 5_000_000_000L;
        this.lastDraw = nanoClock.getAsLong();
    }

    @Override
    public void message(String text) {
        endLine();
        err.println("index: " + text);
        err.flush();
    }

    @Override
    public void phase1(long filesSeen, long filesChanged, long chunksWritten) {
        draw(String.format(Locale.ROOT, "phase 1: %,d files seen, %,d read and chunked, %,d chunks written", filesSeen, filesChanged,
                chunksWritten));
    }

    @Override
    public void phase2Started(long total) {
        endLine();
        phase2Total = total;
        phase2Start = clock.getAsLong();
        err.printf(Locale.ROOT, "index: phase 2: %,d chunks to embed%n", total);
        err.flush();
    }

    @Override
    public void phase2(long done, long reused) {
        draw(phase2Text(done, reused, clock.getAsLong() - phase2Start));
    }

    String phase2Text(long done, long reused, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long left = Math.max(0, phase2Total - done);
        String eta = rate > 0 ? duration((long) (left / rate)) : "?";
        int width = 24;
        int filled = phase2Total == 0 ? width : (int) Math.min(width, done * width / phase2Total);
        return String.format(Locale.ROOT, "phase 2: [%s%s] %3d%% %,d/%,d vectors (%,d reused), %.0f/s, ETA %s", "=".repeat(filled),
                " ".repeat(width - filled), phase2Total == 0 ? 100 : done * 100 / phase2Total, done, phase2Total, reused, rate, eta);
    }

    static String duration(long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }

    private void draw(String text) {
        long now = clock.getAsLong();
        if (now - lastDraw < intervalNanos) {
            return;
        }
        lastDraw = now;
        if (terminal) {
            err.print("\r\033[2K" + text);
            lineOpen = true;
        } else {
            err.println("index: " + text);
        }
        err.flush();
    }

    /** Ends the redrawn line so the next message starts on its own line. */
    void endLine() {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }
}
