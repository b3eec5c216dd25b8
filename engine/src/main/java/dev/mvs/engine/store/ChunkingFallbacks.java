package dev.mvs.engine.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

/**
 * fallbacks.json of a generation: every indexed file the chunker did not chunk its own way (syntax
 * chunks fell back to line windows), with why: "unsupported", "unparsable", "minified", "timed_out",
 * "failed". A run updates the entries of the paths it chunked or removed, so the file describes the
 * whole index, not the last run; {@code engine-cli status} counts it by reason.
 *
 * <p>Written before the run's dirty journal is cleared: a run killed before that redoes its journaled
 * paths, and their entries with them.
 */
public final class ChunkingFallbacks {

    public static final String FILE = "fallbacks.json";
    private static final Gson GSON = new Gson();

    private ChunkingFallbacks() {}

    /** Path to reason, sorted by path; empty when nothing fell back (or the index predates the file). */
    public static TreeMap<String, String> read(IndexLayout.Generation g) throws IOException {
        try {
            Map<String, String> map = GSON.fromJson(Files.readString(g.dir().resolve(FILE), StandardCharsets.UTF_8),
                    new TypeToken<Map<String, String>>() {}.getType());
            return map == null ? new TreeMap<>() : new TreeMap<>(map);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (JsonParseException e) {
            throw new IOException(g.dir().resolve(FILE) + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Applies one run's changes: {@code chunked} maps each path the run chunked to its reason, or to
     * null when it was chunked the chunker's own way; {@code removed} paths are gone from the index.
     * Writes nothing when nothing changes.
     */
    public static void update(IndexLayout.Generation g, Map<String, String> chunked, Collection<String> removed) throws IOException {
        TreeMap<String, String> all = read(g);
        TreeMap<String, String> before = new TreeMap<>(all);
        removed.forEach(all::remove);
        chunked.forEach((path, reason) -> {
            if (reason == null) {
                all.remove(path);
            } else {
                all.put(path, reason);
            }
        });
        if (all.equals(before)) {
            return;
        }
        Path tmp = g.dir().resolve(FILE + ".tmp");
        Files.writeString(tmp, GSON.toJson(all), StandardCharsets.UTF_8);
        Durable.sync(tmp);
        Files.move(tmp, g.dir().resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durable.sync(g.dir());
    }

    /** How many files fell back, by reason; null reasons (chunked the chunker's own way) are not counted. */
    public static TreeMap<String, Long> countByReason(Map<String, String> fallbacks) {
        TreeMap<String, Long> counts = new TreeMap<>();
        fallbacks.values().stream().filter(Objects::nonNull).forEach(reason -> counts.merge(reason, 1L, Long::sum));
        return counts;
    }
}
