package dev.mvs.engine.index;

import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs one task of a {@link Phase2Job} on a worker: reads its chunks from chunks.lance at the job's version, embeds
 * them and writes their rows into vectors.lance as fragments no version references. Never commits, deletes,
 * compacts or cleans up: the coordinator does, so the fence's rules are the same on every machine.
 */
public final class Phase2Worker {

    private final NativeRuntime runtime;
    private final IndexProgress progress;

    public Phase2Worker(NativeRuntime runtime, IndexProgress progress) {
        this.runtime = runtime;
        this.progress = progress;
    }

    /** Embeds {@code task} with {@code spec} (the job's model: checked) and returns the fragments written, with counts and model time. */
    public Phase2TaskResult run(EmbedderSpec spec, Phase2Job job, Phase2Task task) throws IOException, InterruptedException {
        return run(spec, job, task, () -> false);
    }

    /**
     * The same, stopping within a fraction of a second once {@code cancelled} turns true (the distributor killed the
     * attempt: a speculative copy no longer needed): it then throws {@link java.util.concurrent.CancellationException}, and
     * what it wrote stays unreferenced for the coordinator's cleanup.
     */
    public Phase2TaskResult run(EmbedderSpec spec, Phase2Job job, Phase2Task task, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        if (!spec.modelId().equals(job.modelId()) || spec.dimension() != job.dimension() || spec.maxTokens() != job.maxTokens()
                || !spec.input().id().equals(job.input())) {
            throw new IllegalArgumentException("the job embeds with " + job.modelId() + " (" + job.dimension() + " dimensions, "
                    + job.maxTokens() + " tokens, " + job.input() + "); this worker's model is " + spec.modelId() + " (" + spec.dimension()
                    + ", " + spec.maxTokens() + ", " + spec.input().id() + ")");
        }
        if (task.chunkIds().isEmpty()) {
            return new Phase2TaskResult(task.index(), List.of(), 0, 0, 0);
        }
        try (Table chunks = Table.open(runtime, Path.of(job.chunksTable()), job.chunksVersion());
             Table vectors = Table.open(runtime, Path.of(job.vectorsTable()), job.vectorsReadVersion())) {
            return new Phase2Embedder(spec, progress).writeFragments(runtime.allocator(), chunks, vectors, task, job.withHits(), cancelled);
        }
    }
}
