package dev.mvs.engine.index;

import dev.mvs.engine.store.TableMaintenance;

import java.time.Duration;
import java.util.Objects;

/**
 * How an index run behaves.
 *
 * @param rebuild            build a new generation from scratch beside the current one, then switch
 * @param phase1Only         stop after files and chunks (keyword-searchable), embed nothing
 * @param lockWait           how long to wait for another writer before giving up
 * @param embedder           the model the vectors are (to be) made with
 * @param vectorIndexMinRows below this many vectors search is exact; at or above it an IVF_PQ index is built
 */
public record IndexOptions(boolean rebuild, boolean phase1Only, Duration lockWait, EmbedderSpec embedder, long vectorIndexMinRows) {

    public static final long DEFAULT_VECTOR_INDEX_MIN_ROWS = TableMaintenance.DEFAULT_VECTOR_INDEX_MIN_ROWS;

    public IndexOptions {
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(embedder, "embedder");
        if (vectorIndexMinRows < 256) {
            throw new IllegalArgumentException("an IVF index needs at least 256 vectors to train on, threshold was " + vectorIndexMinRows);
        }
    }

    public static IndexOptions of(EmbedderSpec embedder) {
        return new IndexOptions(false, false, Duration.ZERO, embedder, DEFAULT_VECTOR_INDEX_MIN_ROWS);
    }

    public IndexOptions withRebuild(boolean b) {
        return new IndexOptions(b, phase1Only, lockWait, embedder, vectorIndexMinRows);
    }

    public IndexOptions withPhase1Only(boolean b) {
        return new IndexOptions(rebuild, b, lockWait, embedder, vectorIndexMinRows);
    }

    public IndexOptions withLockWait(Duration d) {
        return new IndexOptions(rebuild, phase1Only, d, embedder, vectorIndexMinRows);
    }

    public IndexOptions withVectorIndexMinRows(long n) {
        return new IndexOptions(rebuild, phase1Only, lockWait, embedder, n);
    }
}
