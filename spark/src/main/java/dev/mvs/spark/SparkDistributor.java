package dev.mvs.spark;

import dev.mvs.engine.index.Phase2Distributor;
import dev.mvs.engine.index.Phase2Job;
import dev.mvs.engine.index.Phase2TaskResult;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;

/**
 * Runs a distributed phase 2 on a Spark application (docs/distributed.md): one Spark task per {@code Phase2Task}, each
 * run by its executor's {@link ExecutorEngine}; collects the result of each task's successful attempt. The index run
 * on the driver commits them.
 */
public final class SparkDistributor implements Phase2Distributor {

    /** How long the driver waits for cancelled attempts to stop before it commits. */
    static final Duration CANCELLED_ATTEMPTS_WAIT = Duration.ofSeconds(60);

    private final JavaSparkContext context;
    private final EmbedTasks.InjectedFaults injected;

    /** Tasks on {@code context}'s executors; the caller owns (and stops) the context. */
    public SparkDistributor(JavaSparkContext context) {
        this(context, EmbedTasks.InjectedFaults.NONE);
    }

    SparkDistributor(JavaSparkContext context, EmbedTasks.InjectedFaults injected) {
        this.context = Objects.requireNonNull(context, "context");
        this.injected = injected;
    }

    @Override
    public int parallelism() {
        return context.defaultParallelism();
    }

    /** Each task's engine runs as many threads as a task has cores: threads × task slots = an executor's cores. */
    int threadsPerTask() {
        return Math.max(1, context.getConf().getInt("spark.task.cpus", 1));
    }

    @Override
    public List<Phase2TaskResult> run(Phase2Job job) throws InterruptedException {
        String group = "mvs-" + job.jobId();
        context.setJobGroup(group, "mvs-engine phase 2: " + job.chunks() + " chunks in " + job.tasks().size() + " tasks", true);
        try {
            List<Phase2TaskResult> results = context.parallelize(job.tasks(), job.tasks().size())
                    .mapPartitions(new EmbedTasks(job, threadsPerTask(), injected)).collect();
            awaitCancelledAttempts(group);
            return results;
        } finally {
            context.clearJobGroup();
        }
    }

    /**
     * Spark cancels the attempts still running when the job ends (speculative copies), and they stop within a second or
     * two (EmbedTasks asks its TaskContext). Waits for that, so that the coordinator's cleanup after the commit finds
     * their files; an attempt still running after {@link #CANCELLED_ATTEMPTS_WAIT} leaves its files to a later cleanup.
     */
    private void awaitCancelledAttempts(String group) throws InterruptedException {
        long deadline = System.nanoTime() + CANCELLED_ATTEMPTS_WAIT.toNanos();
        while (activeTasks(context.statusTracker(), group) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static int activeTasks(JavaSparkStatusTracker tracker, String group) {
        int active = 0;
        for (int job : tracker.getJobIdsForGroup(group)) {
            SparkJobInfo info = tracker.getJobInfo(job);
            for (int stage : info == null ? new int[0] : info.stageIds()) {
                SparkStageInfo s = tracker.getStageInfo(stage);
                active += s == null ? 0 : s.numActiveTasks();
            }
        }
        return active;
    }
}
