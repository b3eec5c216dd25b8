package dev.mvs.spark;

import dev.mvs.engine.Engine;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.Phase2Job;
import dev.mvs.engine.index.Phase2Task;
import dev.mvs.engine.index.Phase2TaskResult;
import dev.mvs.engine.index.Phase2Worker;
import dev.mvs.engine.index.WarmModel;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The engine of one executor JVM: the native library, its runtime and the embedding model, loaded by the first task
 * that needs them and kept for every later task (a model load costs seconds; a task runs for minutes). Tasks running at
 * once on the executor's slots share them. Lives as long as the executor's JVM.
 */
final class ExecutorEngine {

    // Per JVM, the one place a Spark executor offers for state that outlives a task: a static, set once.
    private static ExecutorEngine instance;

    private final Engine engine;
    private final WarmModel model = new WarmModel();

    private ExecutorEngine(int threads) {
        this.engine = Engine.start(threads);
    }

    /** This JVM's engine, started with {@code threads} native and model threads by the first caller. */
    static synchronized ExecutorEngine get(int threads) {
        if (instance == null) {
            instance = new ExecutorEngine(threads);
        }
        return instance;
    }

    /** Embeds {@code task} of {@code job} and writes its rows as uncommitted fragments; stops once {@code cancelled}. */
    Phase2TaskResult run(Phase2Job job, Phase2Task task, BooleanSupplier cancelled) throws IOException, InterruptedException {
        return new Phase2Worker(engine.runtime(), new IndexProgress() {}).run(model.keep(engine.embedder(job)), job, task, cancelled);
    }
}
