package dev.mvs.mcp;

import dev.mvs.engine.index.IndexProgress;

import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * An index run's progress, as MCP progress notifications when the client asked for them (a progress token)
 * and as lines on stderr, at most a few per second. Phase 1 counts files, phase 2 counts chunks embedded.
 */
final class McpProgress implements IndexProgress {

    private static final long EVERY_NANOS = 250_000_000L;

    private final Consumer<ProgressNotification> sink;
    private final Object token;
    private final PrintStream log;
    private final LongSupplier clock;
    private long last = Long.MIN_VALUE;
    private long phase2Total;
    private double phase2Base;
    private double sent;

    /** Notifications go to {@code sink} (the call's exchange) when {@code token} is not null. */
    McpProgress(Consumer<ProgressNotification> sink, Object token, PrintStream log, LongSupplier clock) {
        this.sink = sink;
        this.token = token;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void message(String text) {
        log.println("mcp: reindex: " + text);
        send(null, text, true);
    }

    @Override
    public void phase1(long filesSeen, long filesChanged, long chunksWritten) {
        send((double) filesSeen, String.format(Locale.ROOT, "phase 1: %,d files looked at, %,d read, %,d chunks written", filesSeen, filesChanged, chunksWritten),
                false);
    }

    @Override
    public void phase2Started(long total) {
        phase2Total = total;
        phase2Base = sent;
        send(null, String.format(Locale.ROOT, "phase 2: %,d chunks to embed", total), true);
    }

    @Override
    public void phase2(long done, long reused) {
        send(phase2Base + done, String.format(Locale.ROOT, "phase 2: %,d of %,d chunks (%,d reused)", done, phase2Total, reused), false);
    }

    /**
     * The progress value must grow with every notification (MCP): files looked at in phase 1, then those plus chunks
     * embedded; a step without a count (a message) adds one.
     */
    private void send(Double progress, String message, boolean always) {
        long now = clock.getAsLong();
        if (!always && last != Long.MIN_VALUE && now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        if (token == null) {
            return;
        }
        sent = Math.max(sent + 1, progress == null ? 0 : progress);
        ProgressNotification.Builder n = ProgressNotification.builder(token, sent).message(message);
        if (phase2Total > 0) {
            n.total(Math.max(sent, phase2Base + phase2Total));
        }
        sink.accept(n.build());
    }
}
