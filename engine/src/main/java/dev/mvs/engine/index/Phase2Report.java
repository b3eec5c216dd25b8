package dev.mvs.engine.index;

/**
 * What phase 2 did: chunks that lacked a vector, vectors embedded by the model, vectors reused by
 * content hash, orphan vector rows removed, and the time spent inside the model alone (summed over the
 * workers when phase 2 ran on several: docs/distributed.md).
 */
public record Phase2Report(long missing, long embedded, long reused, long orphansRemoved, long millis, long modelMillis) {

    static Phase2Report nothing(long orphans, long millis) {
        return new Phase2Report(0, 0, 0, orphans, millis, 0);
    }

    /** Embeddings per second of the whole phase (storage and pipeline included). */
    public double embeddingsPerSecond() {
        return millis == 0 ? 0 : embedded * 1000.0 / millis;
    }

    /**
     * The share of the phase's wall time the model was computing: the rest is reading, reuse, tokenizing and writing not
     * hidden behind it. Above 100 when workers ran the model at once.
     */
    public double modelBusyPercent() {
        return millis == 0 ? 0 : 100.0 * modelMillis / millis;
    }

    /** Embeddings per second of the model alone, measured in the same run. */
    public double modelEmbeddingsPerSecond() {
        return modelMillis == 0 ? 0 : embedded * 1000.0 / modelMillis;
    }
}
