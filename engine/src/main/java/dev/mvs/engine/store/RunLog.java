package dev.mvs.engine.store;

import dev.mvs.engine.scan.SkippedFile;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

/**
 * What a generation remembers of its runs: the files the last run skipped (with why, for
 * {@code engine-cli status}), and after every completed run the versions of the three tables at
 * that moment (runs.jsonl) — a consistent point the whole index can be restored to.
 */
public final class RunLog {

    public static final String SKIPPED = "skipped.json";
    public static final String RUNS = "runs.jsonl";
    private static final Gson GSON = new GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

    /**
     * One completed run: the versions of files.lance, chunks.lance and vectors.lance (0: no such table yet).
     *
     * @param statsTrusted what the run left as {@link EngineState#statsTrusted()}, which a restore to it puts back;
     *                     null in lines written before it was recorded
     */
    public record Snapshot(int run, String finished, long filesVersion, long chunksVersion, long vectorsVersion, long files, long chunks,
                           long vectors, String statsTrusted) {}

    private RunLog() {}

    public static void writeSkipped(IndexLayout.Generation g, List<SkippedFile> skipped) throws IOException {
        Path tmp = g.dir().resolve(SKIPPED + ".tmp");
        Files.writeString(tmp, GSON.toJson(skipped), StandardCharsets.UTF_8);
        Files.move(tmp, g.dir().resolve(SKIPPED), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static List<SkippedFile> skipped(IndexLayout.Generation g) throws IOException {
        try {
            List<SkippedFile> list = GSON.fromJson(Files.readString(g.dir().resolve(SKIPPED), StandardCharsets.UTF_8),
                    new TypeToken<List<SkippedFile>>() {}.getType());
            return list == null ? List.of() : list;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (JsonParseException e) {
            throw new IOException(g.dir().resolve(SKIPPED) + " is damaged: " + e.getMessage(), e);
        }
    }

    public static Snapshot append(IndexLayout.Generation g, String finished, String statsTrusted, Table files, Table chunks, Table vectors)
            throws IOException {
        List<Snapshot> previous = runs(g);
        int run = previous.isEmpty() ? 1 : previous.getLast().run() + 1;
        Snapshot s = new Snapshot(run, finished, version(files), version(chunks), version(vectors), rows(files), rows(chunks), rows(vectors),
                statsTrusted);
        appendLine(g, s);
        return s;
    }

    /**
     * Records that the vector fold a run left (TableMaintenance#foldVectors) moved vectors.lance from
     * {@code vectorsBefore} to its version now: a line repeating the last run with that version, which replaces it
     * when read. The table holds the same rows, so a restore to that run, and the next run's check that the tables
     * are as the last run left them (which keeps its comparison to the paths it changed), take the folded version.
     * Nothing is recorded when another writer came in between (the last run is not at {@code vectorsBefore}).
     */
    public static void recordFold(IndexLayout.Generation g, long vectorsBefore, Table vectors) throws IOException {
        List<Snapshot> previous = runs(g);
        if (previous.isEmpty() || previous.getLast().vectorsVersion() != vectorsBefore) {
            return;
        }
        Snapshot last = previous.getLast();
        Snapshot folded = new Snapshot(last.run(), last.finished(), last.filesVersion(), last.chunksVersion(), vectors.version(), last.files(),
                last.chunks(), last.vectors(), last.statsTrusted());
        appendLine(g, folded);
    }

    /** One line per snapshot, appended and synced: a torn last line (a kill mid-write) is skipped when read. */
    private static void appendLine(IndexLayout.Generation g, Snapshot s) throws IOException {
        Files.writeString(g.dir().resolve(RUNS), GSON.toJson(s) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    /** The completed runs, oldest first; a line repeating the run before it (a fold, {@link #recordFold}) replaces that one. */
    public static List<Snapshot> runs(IndexLayout.Generation g) throws IOException {
        List<Snapshot> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(g.dir().resolve(RUNS), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return out;
        }
        for (String line : lines) {
            try {
                Snapshot s = GSON.fromJson(line, Snapshot.class);
                if (s != null && !out.isEmpty() && out.getLast().run() == s.run()) {
                    out.set(out.size() - 1, s);
                } else if (s != null) {
                    out.add(s);
                }
            } catch (JsonParseException e) {
                // a torn line from a killed run: that run did not complete
            }
        }
        return out;
    }

    private static long version(Table t) {
        return t == null ? 0 : t.version();
    }

    private static long rows(Table t) {
        return t == null ? 0 : t.countRows();
    }
}
