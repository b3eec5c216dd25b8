package dev.mvs.engine.index;

import java.io.Serializable;
import java.util.List;

/**
 * One worker's share of a {@link Phase2Job}: chunk ids of chunks.lance to embed. Every chunk with the same
 * content hash is in the same task, so a text is embedded once per job.
 *
 * @param index    the task's number in its job, from 0
 * @param chunkIds the chunks to embed (in content-hash order)
 */
public record Phase2Task(int index, List<String> chunkIds) implements Serializable {

    public Phase2Task {
        chunkIds = List.copyOf(chunkIds);
    }
}
