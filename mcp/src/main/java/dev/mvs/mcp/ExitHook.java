package dev.mvs.mcp;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work that must be done before the process ends, however it ends: at the end of the session, or in a
 * shutdown hook when the client stops the server with SIGTERM (the SDK's clients do, right after closing
 * stdin). Without it the JVM would exit under a running index run, possibly inside ONNX Runtime's
 * session creation, which then crashes (a SIGSEGV and an hs_err file in the client's directory). Runs once.
 */
final class ExitHook implements AutoCloseable {

    /** The work. */
    interface Work {
        void run() throws Exception;
    }

    private final Work work;
    private final PrintStream log;
    private final AtomicBoolean done = new AtomicBoolean();
    private final Thread hook;

    ExitHook(Work work, PrintStream log) {
        this.work = work;
        this.log = log;
        this.hook = Thread.ofPlatform().name("mvs-mcp-exit").unstarted(this::runOnce);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void runOnce() {
        if (done.compareAndSet(false, true)) {
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.println("mcp: while stopping: " + e);
            }
        }
    }

    /** Does the work now (the session ended) unless the shutdown hook already does it. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook is running or has run
        }
        runOnce();
    }
}
