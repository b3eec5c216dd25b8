package dev.mvs.engine.store;

import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.FillingArrowReader;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.arrow.vector.ipc.ArrowReader;

/** The open tables of one generation; a table is created by its first write. */
public final class GenerationTables implements AutoCloseable {

    private final NativeRuntime runtime;
    private final IndexLayout.Generation generation;
    private Table files;
    private Table chunks;
    private Table vectors;
    private final java.util.List<String> warnings = new java.util.ArrayList<>();

    public GenerationTables(NativeRuntime runtime, IndexLayout.Generation generation) throws IOException {
        this.runtime = runtime;
        this.generation = generation;
        Files.createDirectories(generation.dir());
        files = openIfExists(generation.files());
        chunks = openIfExists(generation.chunks());
        vectors = openIfExists(generation.vectors());
    }

    private Table openIfExists(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return null;
        }
        if (!hasManifest(path)) {
            // A create killed before its first commit leaves data files and no manifest: not a table
            // (no version of it ever existed), only debris to clear before creating it again.
            FileTrees.delete(path);
            return null;
        }
        TableOpener.Fallback opened = TableOpener.openNewestReadable(runtime, path, warnings::add);
        if (opened.fellBackTo() > 0) {
            // A writer repairs before it writes. Lance commits read the newest manifest, so the
            // damaged manifests (every version above the readable one failed to open) are moved to
            // quarantine/, not deleted: the readable version is the newest again, and the next
            // commit follows it.
            opened.table().close();
            Path quarantine = generation.dir().resolve("quarantine").resolve(path.getFileName().toString());
            Files.createDirectories(quarantine);
            for (long v : TableOpener.versionsOnDisk(path)) {
                if (v > opened.fellBackTo()) {
                    for (Path m : TableOpener.manifestFiles(path, v)) {
                        Files.move(m, quarantine.resolve(m.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Path hint = path.resolve("_versions").resolve("latest_version_hint.json");
            if (Files.exists(hint)) {
                Files.move(hint, quarantine.resolve(hint.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            warnings.add(path.getFileName() + ": moved the damaged versions above " + opened.fellBackTo() + " to " + quarantine
                    + "; version " + opened.fellBackTo() + " is the newest again");
            return Table.open(runtime, path);
        }
        return opened.table();
    }

    /** What opening found and repaired (damaged newest versions), for the run's messages. */
    public java.util.List<String> warnings() {
        return warnings;
    }

    private static boolean hasManifest(Path table) throws IOException {
        Path versions = table.resolve("_versions");
        if (!Files.isDirectory(versions)) {
            return false;
        }
        try (var entries = Files.list(versions)) {
            return entries.anyMatch(p -> p.getFileName().toString().endsWith(".manifest"));
        }
    }

    public IndexLayout.Generation generation() {
        return generation;
    }

    public NativeRuntime runtime() {
        return runtime;
    }

    /** files.lance, or null before the first write. */
    public Table files() {
        return files;
    }

    public Table chunks() {
        return chunks;
    }

    public Table vectors() {
        return vectors;
    }

    public void appendFiles(ArrowReader rows) {
        files = appendOrCreate(files, generation.files(), rows);
    }

    public void appendChunks(ArrowReader rows) {
        chunks = appendOrCreate(chunks, generation.chunks(), rows);
    }

    /** Whether vectors.lance has (or, not created yet, will have) the {@link IndexSchemas#HIT} column: false for a version-1 table. */
    public boolean vectorsCarryHits() {
        return vectors == null || IndexSchemas.hasHit(vectors.schema());
    }

    /**
     * vectors.lance, created empty (with the hit column) if there is none yet: workers of a distributed phase 2 write
     * their fragments into it before anything is committed.
     */
    public Table createVectorsIfAbsent(int dimension) {
        if (vectors == null) {
            vectors = Table.create(runtime, generation.vectors(), new FillingArrowReader(runtime.allocator(),
                    IndexSchemas.vectors(dimension, true), root -> false));
        }
        return vectors;
    }

    public void appendVectors(ArrowReader rows) {
        vectors = appendOrCreate(vectors, generation.vectors(), rows);
    }

    private Table appendOrCreate(Table table, Path path, ArrowReader rows) {
        if (table != null) {
            table.append(rows);
            return table;
        }
        return Table.create(runtime, path, rows);
    }

    @Override
    public void close() {
        for (Table t : new Table[] {files, chunks, vectors}) {
            if (t != null) {
                t.close();
            }
        }
    }
}
