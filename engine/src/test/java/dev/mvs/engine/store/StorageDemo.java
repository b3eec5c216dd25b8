package dev.mvs.engine.store;

import dev.mvs.ffi.CompactionStats;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.TableStats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The storage layer end to end on real files: writes the text files of a zip archive into a Lance
 * table, searches it by SQL filter, deletes part of it, compacts, and lists the versions. The
 * walking skeleton's main job, kept as a test of the storage layer on real files (StorageDemoTest).
 */
public final class StorageDemo {

    /** What to run on. */
    public record Settings(Path zip, Path tableDir, int maxFiles, String query, String deletePrefix, int workerThreads) {}

    /** What the run did; every figure is measured in this run. */
    public record Report(
            Path table,
            long filesWritten,
            long writeMillis,
            String query,
            long matches,
            List<String> firstMatches,
            long scanMillis,
            String deletePredicate,
            long deleted,
            TableStats beforeCompaction,
            CompactionStats compaction,
            long compactMillis,
            TableStats afterCompaction,
            int versions) {}

    private StorageDemo() {}

    /** Runs the demo; {@code progress} gets one line per step (for stderr). */
    public static Report run(Settings settings, Consumer<String> progress) throws IOException {
        if (!Files.isRegularFile(settings.zip())) {
            throw new IllegalArgumentException("no such archive: " + settings.zip());
        }
        Path tablePath = settings.tableDir().resolve("files.lance");
        if (Files.exists(tablePath)) {
            throw new IllegalArgumentException(tablePath + " already exists; choose another --dir or remove it");
        }
        Files.createDirectories(settings.tableDir());
        try (NativeRuntime runtime = NativeRuntime.create(settings.workerThreads())) {
            progress.accept("writing the files of " + settings.zip() + " to " + tablePath);
            long t0 = System.nanoTime();
            ArrowReader input = ZipSourceReader.open(runtime.allocator(), settings.zip(), 2_000, settings.maxFiles());
            try (Table table = Table.create(runtime, tablePath, input)) {
                long written = table.countRows();
                long writeMillis = millisSince(t0);
                progress.accept(String.format(Locale.ROOT, "wrote %,d files in %,d ms", written, writeMillis));

                String filter = "content LIKE '%" + settings.query().replace("'", "''") + "%'";
                long t1 = System.nanoTime();
                long matches = table.countRows(filter);
                List<String> first = paths(table.scan(ScanRequest.all().withColumns("path").withFilter(filter).withLimit(5)));
                long scanMillis = millisSince(t1);

                String predicate = "path LIKE '" + settings.deletePrefix().replace("'", "''") + "%'";
                progress.accept("deleting where " + predicate);
                long deleted = table.delete(predicate);
                TableStats before = table.stats();

                progress.accept("compacting " + before.fragments() + " fragments");
                long t2 = System.nanoTime();
                CompactionStats compaction = table.compact();
                long compactMillis = millisSince(t2);
                TableStats after = table.stats();
                return new Report(tablePath, written, writeMillis, filter, matches, first, scanMillis, predicate, deleted,
                        before, compaction, compactMillis, after, table.versions().size());
            }
        }
    }

    private static List<String> paths(ArrowReader reader) throws IOException {
        List<String> paths = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                VarCharVector column = (VarCharVector) reader.getVectorSchemaRoot().getVector("path");
                for (int i = 0; i < column.getValueCount(); i++) {
                    paths.add(new String(column.get(i), StandardCharsets.UTF_8));
                }
            }
        }
        return paths;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
