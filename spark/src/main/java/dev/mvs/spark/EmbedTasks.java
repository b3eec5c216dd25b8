package dev.mvs.spark;

import dev.mvs.engine.index.Phase2Job;
import dev.mvs.engine.index.Phase2Task;
import dev.mvs.engine.index.Phase2TaskResult;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * What each Spark task runs: the {@link Phase2Task}s of its partition (one, as the job is parallelized), embedded by this
 * executor's engine. Returns what each wrote; Spark keeps the result of one successful attempt per task.
 *
 * @param threads  native and model threads of the executor's engine (its {@code spark.task.cpus})
 * @param injected test only: faults to inject (none in production)
 */
record EmbedTasks(Phase2Job job, int threads, InjectedFaults injected) implements FlatMapFunction<Iterator<Phase2Task>, Phase2TaskResult> {

    @Override
    public Iterator<Phase2TaskResult> call(Iterator<Phase2Task> tasks) throws Exception {
        ExecutorEngine engine = ExecutorEngine.get(threads);
        TaskContext context = TaskContext.get();
        List<Phase2TaskResult> results = new ArrayList<>();
        while (tasks.hasNext()) {
            Phase2Task task = tasks.next();
            if (injected.duplicateEveryTask()) {
                engine.run(job, task, () -> false); // as a speculative copy whose result Spark drops: its files stay unreferenced
            }
            // A killed attempt (a speculative copy whose twin finished first) stops at once: its thread waits in native code,
            // where an interrupt does not reach, so the worker asks the task's context.
            Phase2TaskResult result = engine.run(job, task, context::isInterrupted);
            if (injected.failFirstAttempts() && context.attemptNumber() == 0) {
                throw new IllegalStateException("injected failure after writing " + result.fragments().size() + " fragments of task " + task.index());
            }
            results.add(result);
        }
        return results.iterator();
    }

    /** Faults a test injects into every task: fail each first attempt after it wrote; write each task twice. */
    record InjectedFaults(boolean failFirstAttempts, boolean duplicateEveryTask) implements java.io.Serializable {
        static final InjectedFaults NONE = new InjectedFaults(false, false);
    }
}
