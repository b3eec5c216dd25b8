package dev.mvs.spark;

import dev.mvs.engine.index.Phase2Distributor;
import dev.mvs.engine.index.Phase2Job;
import dev.mvs.engine.index.Phase2TaskResult;

import java.util.List;
import java.util.Objects;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a distributed phase 2 on a Spark application (docs/distributed.md): one Spark task per {@code Phase2Task}, each
 * run by its executor's {@link ExecutorEngine}; collects the result of each task's successful attempt. The index run
 * on the driver commits them.
 */
public final class SparkDistributor implements Phase2Distributor {

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
    public List<Phase2TaskResult> run(Phase2Job job) {
        context.setJobGroup("mvs-" + job.jobId(), "mvs-engine phase 2: " + job.chunks() + " chunks in " + job.tasks().size() + " tasks", true);
        try {
            return context.parallelize(job.tasks(), job.tasks().size()).mapPartitions(new EmbedTasks(job, threadsPerTask(), injected)).collect();
        } finally {
            context.clearJobGroup();
        }
    }
}
