package dev.mvs.engine.watch;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Stops a long-running front end (engine-cli watch, engine-cli mcp) cleanly on SIGTERM or SIGINT: runs the
 * stop work (let the index run in progress finish) first, then exits. Not a shutdown hook: ONNX Runtime
 * registers its own hook, which frees its native environment, and hooks run concurrently, so a run still
 * loading or running the model during shutdown crashed the JVM (SIGSEGV in createSession, seen in
 * McpCommandTest). Here the JVM starts shutting down only after the work is done. A second signal halts at
 * once; the index is crash-safe as after kill -9, and the next run completes what was cut.
 */
public final class StopOnSignal implements AutoCloseable {

    /** The stop work. */
    public interface Work {
        void run() throws Exception;
    }

    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final Work work;
    private final PrintStream log;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private boolean done;
    private final List<SignalHandler> previous;

    private StopOnSignal(Work work, PrintStream log) {
        this.work = work;
        this.log = log;
        this.previous = SIGNALS.stream().map(name -> Signal.handle(new Signal(name), this::onSignal)).toList();
    }

    /** Installs the handlers; {@link #close} (the normal end) does the work instead and puts the old handlers back. */
    public static StopOnSignal install(Work work, PrintStream log) {
        return new StopOnSignal(work, log);
    }

    private void onSignal(Signal signal) {
        int code = 128 + signal.getNumber();
        if (!stopping.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(code);
        }
        log.println("stopping on SIG" + signal.getName() + ": the run in progress finishes first (a second signal stops at once; "
                + "the next run completes what is cut)");
        log.flush();
        Thread.ofPlatform().name("mvs-stop").start(() -> {
            runWork();
            System.exit(code);
        });
    }

    /** Does the work once; a second caller waits until it is done (the signal's exit must not overtake the normal end). */
    private synchronized void runWork() {
        if (!done) {
            done = true;
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.println("while stopping: " + e);
            }
        }
    }

    @Override
    public void close() {
        runWork();
        for (int i = 0; i < SIGNALS.size(); i++) {
            Signal.handle(new Signal(SIGNALS.get(i)), previous.get(i));
        }
    }
}
