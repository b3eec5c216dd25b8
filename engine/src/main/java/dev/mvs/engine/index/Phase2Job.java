package dev.mvs.engine.index;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A phase 2 spread over workers (docs/distributed.md): what every worker needs to embed its task and
 * write the rows as uncommitted fragments, and what the coordinator commits them against. Serializable,
 * to be shipped to other machines; paths are strings of the index's shared storage.
 *
 * @param jobId              recorded in the commit: a coordinator that commits the same job again commits nothing
 * @param chunksTable        chunks.lance, read by the workers at {@code chunksVersion}
 * @param vectorsTable       vectors.lance, where the workers write and the coordinator commits on {@code vectorsReadVersion}
 * @param modelId            the model every task must embed with (checked on the worker) and its {@code dimension},
 *                           {@code maxTokens} and embedded text ({@code input}, an {@link EmbeddedText} id)
 * @param withHits           whether vectors.lance keeps the hit column
 */
public record Phase2Job(String jobId, String chunksTable, long chunksVersion, String vectorsTable, long vectorsReadVersion, String modelId,
                        int dimension, int maxTokens, String input, boolean withHits, List<Phase2Task> tasks) implements Serializable {

    public Phase2Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(chunksTable, "chunksTable");
        Objects.requireNonNull(vectorsTable, "vectorsTable");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(input, "input");
        tasks = List.copyOf(tasks);
    }

    /** Chunks the job embeds, over all tasks. */
    public long chunks() {
        return tasks.stream().mapToLong(t -> t.chunkIds().size()).sum();
    }
}
