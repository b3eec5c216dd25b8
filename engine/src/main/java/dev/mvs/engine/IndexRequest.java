package dev.mvs.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One index run as a front end asks for it. {@code model}, {@code chunker} and {@code maxTokens} are
 * null when not asked for: a new index then gets the defaults, an existing one keeps what its
 * engine.json recorded (a different value is refused unless {@code rebuild}).
 *
 * @param repository the working tree to index
 * @param indexDir   where the index lives
 * @param model      a name {@link Engine#modelNames()} lists, or null
 * @param chunker    "lines" or "syntax", or null
 * @param maxTokens  where the model truncates chunks, or null
 * @param rebuild    build a new generation from scratch beside the current one, then switch
 * @param phase1Only stop after files and chunks (keyword search), embed nothing
 * @param lockWait   how long to queue behind another writer
 * @param embedded   what of a chunk the model sees, "text" or "header", or null
 * @param foldVectorsLater leave the vector index's fold to the caller when the run makes it due (IndexOptions)
 */
public record IndexRequest(Path repository, Path indexDir, String model, String chunker, Integer maxTokens, boolean rebuild,
                           boolean phase1Only, Duration lockWait, String embedded, boolean foldVectorsLater) {

    public IndexRequest {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(indexDir, "indexDir");
        Objects.requireNonNull(lockWait, "lockWait");
    }

    /** A request whose run folds the vector index itself when due. */
    public IndexRequest(Path repository, Path indexDir, String model, String chunker, Integer maxTokens, boolean rebuild,
                        boolean phase1Only, Duration lockWait, String embedded) {
        this(repository, indexDir, model, chunker, maxTokens, rebuild, phase1Only, lockWait, embedded, false);
    }

    /** An incremental run with the recorded (or default) settings, failing at once if another writer is busy. */
    public static IndexRequest of(Path repository, Path indexDir) {
        return new IndexRequest(repository, indexDir, null, null, null, false, false, Duration.ZERO, null);
    }

    public IndexRequest withModel(String name) {
        return new IndexRequest(repository, indexDir, name, chunker, maxTokens, rebuild, phase1Only, lockWait, embedded, foldVectorsLater);
    }

    public IndexRequest withChunker(String name) {
        return new IndexRequest(repository, indexDir, model, name, maxTokens, rebuild, phase1Only, lockWait, embedded, foldVectorsLater);
    }

    public IndexRequest withMaxTokens(Integer n) {
        return new IndexRequest(repository, indexDir, model, chunker, n, rebuild, phase1Only, lockWait, embedded, foldVectorsLater);
    }

    public IndexRequest withRebuild(boolean b) {
        return new IndexRequest(repository, indexDir, model, chunker, maxTokens, b, phase1Only, lockWait, embedded, foldVectorsLater);
    }

    public IndexRequest withPhase1Only(boolean b) {
        return new IndexRequest(repository, indexDir, model, chunker, maxTokens, rebuild, b, lockWait, embedded, foldVectorsLater);
    }

    public IndexRequest withEmbedded(String what) {
        return new IndexRequest(repository, indexDir, model, chunker, maxTokens, rebuild, phase1Only, lockWait, what, foldVectorsLater);
    }

    /** See {@link #foldVectorsLater}. */
    public IndexRequest withFoldVectorsLater(boolean b) {
        return new IndexRequest(repository, indexDir, model, chunker, maxTokens, rebuild, phase1Only, lockWait, embedded, b);
    }

    public IndexRequest withLockWait(Duration d) {
        return new IndexRequest(repository, indexDir, model, chunker, maxTokens, rebuild, phase1Only, d, embedded, foldVectorsLater);
    }
}
