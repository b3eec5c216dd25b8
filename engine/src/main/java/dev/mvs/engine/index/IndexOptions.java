package dev.mvs.engine.index;

import dev.mvs.engine.store.TableMaintenance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How an index run behaves.
 *
 * @param rebuild            build a new generation from scratch beside the current one, then switch
 * @param phase1Only         stop after files and chunks (keyword-searchable), embed nothing
 * @param lockWait           how long to wait for another writer before giving up
 * @param embedder           the model the vectors are (to be) made with
 * @param vectorIndexMinRows below this many vectors search is exact; at or above it an IVF_RQ index is built
 * @param notices            one-time notices by id: the run shows each one its index has not shown yet, and records it
 * @param distributor        runs phase 2's model work on other machines (docs/distributed.md); null: in this process
 * @param foldVectorsLater   leave the vector index's fold, when the run makes it due, to the caller
 *                           ({@link IndexReport#vectorFoldDue}, {@code IndexAdmin.foldVectors}): the run does not wait for it.
 *                           A run that finds the last one's fold still not done does it itself.
 */
public record IndexOptions(boolean rebuild, boolean phase1Only, Duration lockWait, EmbedderSpec embedder, long vectorIndexMinRows,
                           Map<String, String> notices, Phase2Distributor distributor, boolean foldVectorsLater) {

    public static final long DEFAULT_VECTOR_INDEX_MIN_ROWS = TableMaintenance.DEFAULT_VECTOR_INDEX_MIN_ROWS;

    public IndexOptions {
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(embedder, "embedder");
        notices = Map.copyOf(notices);
        if (vectorIndexMinRows < 256) {
            throw new IllegalArgumentException("an IVF index needs at least 256 vectors to train on, threshold was " + vectorIndexMinRows);
        }
    }

    public static IndexOptions of(EmbedderSpec embedder) {
        return new IndexOptions(false, false, Duration.ZERO, embedder, DEFAULT_VECTOR_INDEX_MIN_ROWS, Map.of(), null, false);
    }

    public IndexOptions withRebuild(boolean b) {
        return new IndexOptions(b, phase1Only, lockWait, embedder, vectorIndexMinRows, notices, distributor, foldVectorsLater);
    }

    public IndexOptions withPhase1Only(boolean b) {
        return new IndexOptions(rebuild, b, lockWait, embedder, vectorIndexMinRows, notices, distributor, foldVectorsLater);
    }

    public IndexOptions withLockWait(Duration d) {
        return new IndexOptions(rebuild, phase1Only, d, embedder, vectorIndexMinRows, notices, distributor, foldVectorsLater);
    }

    public IndexOptions withVectorIndexMinRows(long n) {
        return new IndexOptions(rebuild, phase1Only, lockWait, embedder, n, notices, distributor, foldVectorsLater);
    }

    /** Phase 2's model work run by {@code d} on workers (null: in this process). */
    public IndexOptions withDistributor(Phase2Distributor d) {
        return new IndexOptions(rebuild, phase1Only, lockWait, embedder, vectorIndexMinRows, notices, d, foldVectorsLater);
    }

    /** See {@link #foldVectorsLater}. */
    public IndexOptions withFoldVectorsLater(boolean b) {
        return new IndexOptions(rebuild, phase1Only, lockWait, embedder, vectorIndexMinRows, notices, distributor, b);
    }

    /** Adds the one-time notice {@code text} under {@code id}. */
    public IndexOptions withNotice(String id, String text) {
        Map<String, String> more = new HashMap<>(notices);
        more.put(id, text);
        return new IndexOptions(rebuild, phase1Only, lockWait, embedder, vectorIndexMinRows, more, distributor, foldVectorsLater);
    }
}
