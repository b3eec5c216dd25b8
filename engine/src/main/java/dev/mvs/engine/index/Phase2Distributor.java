package dev.mvs.engine.index;

import java.io.IOException;
import java.util.List;

/**
 * Runs the tasks of a distributed phase 2 on workers (a Spark cluster, docs/distributed.md) and returns what
 * they wrote. Each worker runs {@link Phase2Worker#run} on its task; a task that failed, or ran twice, has
 * only its successful attempt's result returned. Commits nothing: the index run commits them all at once.
 */
public interface Phase2Distributor {

    /** How many tasks can run at once: a job is cut into at least this many (where it has rows enough). */
    int parallelism();

    /** Runs every task of {@code job}; the result of one successful attempt per task. */
    List<Phase2TaskResult> run(Phase2Job job) throws IOException, InterruptedException;
}
