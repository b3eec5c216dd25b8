package dev.mvs.engine.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * engine.json: the index's root of truth. Names the generation readers use, the generation a
 * rebuild is filling (if any), the model that made the vectors, and the last run's counts. Written
 * to a temporary file, synced and renamed, so readers see the old state or the new one.
 *
 * @param generation the generation searched now, or null before the first one is usable
 * @param building   a generation being built by an unfinished rebuild, resumed by the next run; or null
 * @param chunker    how files were chunked ({@code Chunker.name()}); null in indexes written before it was recorded
 * @param maxTokens  where the model truncated chunks; 0 when it does not truncate or was not recorded
 * @param embedded   what of a chunk the model saw ("text", "header"); null in indexes written before it was recorded (text)
 * @param pooling    the model's pooling ("mean", "cls"); null when not recorded
 * @param queryPrefix what the model puts before a query; null when not recorded
 * @param quantization the model's weights ("fp32", "int8"); null when not recorded
 * @param notices    ids of the one-time notices this index has shown (IndexOptions#notices); null when none
 * @param statsTrusted the moment up to which files.lance's sizes and mtimes identify content: a file modified at least
 *                   2 s before it is not read again while its size and mtime match its row. The last run's start,
 *                   or later when the run read its racily clean files again at its end; null in indexes written
 *                   before it was recorded (then {@code updated} is)
 */
public record EngineState(int schemaVersion, String generation, String building, String modelId, int dimension, String repository,
                          long files, long chunks, long vectors, long skipped, String updated, String chunker, int maxTokens,
                          String embedded, String pooling, String queryPrefix, String quantization, List<String> notices,
                          String statsTrusted) {

    public static final String FILE = "engine.json";
    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .serializeNulls()
            .setPrettyPrinting()
            .create();

    /** The state of {@code layout}, or empty if it has no engine.json (no index there). */
    public static Optional<EngineState> read(IndexLayout layout) throws IOException {
        String text;
        try {
            text = Files.readString(layout.engineJson(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            EngineState state = GSON.fromJson(text, EngineState.class);
            if (state == null) {
                throw new JsonParseException("empty");
            }
            return Optional.of(state);
        } catch (JsonParseException e) {
            throw new IOException(layout.engineJson() + " is not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    public void write(IndexLayout layout) throws IOException {
        Path tmp = layout.dir().resolve(FILE + ".tmp");
        Files.writeString(tmp, GSON.toJson(this) + System.lineSeparator(), StandardCharsets.UTF_8);
        Durable.sync(tmp);
        Files.move(tmp, layout.engineJson(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durable.sync(layout.dir());
    }

    /**
     * Records a restore to {@code run}: its counts, and the moment its stats were trusted up to. files.lance holds
     * that run's rows again, and a later run's recheck did not read the files they describe.
     */
    public static void recordRestore(IndexLayout layout, RunLog.Snapshot run) throws IOException {
        EngineState s = read(layout).orElseThrow(() -> new IOException("no engine.json in " + layout.dir()));
        // A line written before runs recorded it: the run's start is not known either, so no stat is trusted.
        String trusted = run.statsTrusted() != null ? run.statsTrusted() : java.time.Instant.EPOCH.toString();
        s.withCounts(run.files(), run.chunks(), run.vectors(), s.skipped).withStatsTrusted(trusted).write(layout);
    }

    public EngineState withGeneration(String current, String buildingNow) {
        return new EngineState(schemaVersion, current, buildingNow, modelId, dimension, repository, files, chunks, vectors, skipped,
                updated, chunker, maxTokens, embedded, pooling, queryPrefix, quantization, notices, statsTrusted);
    }

    public EngineState withCounts(long fileCount, long chunkCount, long vectorCount, long skippedCount) {
        return new EngineState(schemaVersion, generation, building, modelId, dimension, repository, fileCount, chunkCount, vectorCount,
                skippedCount, updated, chunker, maxTokens, embedded, pooling, queryPrefix, quantization, notices, statsTrusted);
    }

    /** This state with the moment stats are trusted up to (ISO-8601). */
    public EngineState withStatsTrusted(String instant) {
        return new EngineState(schemaVersion, generation, building, modelId, dimension, repository, files, chunks, vectors, skipped,
                updated, chunker, maxTokens, embedded, pooling, queryPrefix, quantization, notices, instant);
    }

    /** The moment stats are trusted up to: {@code stats_trusted}, or for an index written before it was recorded, {@code updated}. */
    public String statsTrustedOrUpdated() {
        return statsTrusted == null ? updated : statsTrusted;
    }

    /** How files were chunked; "lines" (line windows, the only chunker then) for an index written before it was recorded. */
    public String chunkerOrDefault() {
        return chunker == null ? "lines" : chunker;
    }

    /** What of a chunk the model saw; "text" for an index written before it was recorded. */
    public String embeddedOrDefault() {
        return embedded == null ? "text" : embedded;
    }
}
