package dev.mvs.engine.watch;

import dev.mvs.engine.index.IndexReport;

import java.io.IOException;

/** One incremental index run, as the engine makes it for a watch (its model kept loaded between runs). */
@FunctionalInterface
public interface IndexRun {
    IndexReport run() throws IOException, InterruptedException;
}
