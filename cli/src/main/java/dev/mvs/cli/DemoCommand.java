package dev.mvs.cli;

import dev.mvs.engine.store.StorageDemo;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engine-cli demo}: the storage layer end to end on the JDK's own sources. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the text files of a zip archive (default: this JDK's lib/src.zip) into a Lance table,",
            "searches it with a SQL filter, deletes a path prefix, compacts, and prints what it did."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--zip", paramLabel = "FILE", description = "Archive to read (default: ${DEFAULT-VALUE}).")
    Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");

    @Option(names = "--dir", paramLabel = "DIR", description = "Directory for the table (default: a new temporary directory).")
    Path dir;

    @Option(names = "--max-files", paramLabel = "N", description = "Read at most N files; 0 = all (default: ${DEFAULT-VALUE}).")
    int maxFiles = 0;

    @Option(names = "--query", paramLabel = "TEXT", description = "Text the search filter looks for (default: ${DEFAULT-VALUE}).")
    String query = "ReentrantLock";

    @Option(names = "--delete-prefix", paramLabel = "PATH", description = "Path prefix to delete (default: ${DEFAULT-VALUE}).")
    String deletePrefix = "java.desktop/";

    @Option(names = "--threads", paramLabel = "N", description = "Native worker threads; 0 = one per CPU (default: ${DEFAULT-VALUE}).")
    int threads = 0;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (maxFiles < 0 || threads < 0) {
            throw new IllegalArgumentException("--max-files and --threads must be >= 0");
        }
        Path tableDir = dir != null ? dir : Files.createTempDirectory("mvs-demo-");
        PrintWriter err = spec.commandLine().getErr();
        StorageDemo.Report r = StorageDemo.run(
                new StorageDemo.Settings(zip, tableDir, maxFiles, query, deletePrefix, threads), line -> err.println("demo: " + line));
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json() ? json(r) : text(r));
        out.flush();
        return 0;
    }

    private static String text(StorageDemo.Report r) {
        return String.format(Locale.ROOT, """
                table            %s
                written          %,d files in %,d ms
                search           %s
                  matches        %,d files (%,d ms)
                %s
                delete           %s
                  deleted        %,d rows
                compaction       %,d fragments -> %,d (%,d files rewritten, %,d ms)
                  rows           %,d live, %,d deleted
                versions         %d (newest %d)""",
                r.table(), r.filesWritten(), r.writeMillis(), r.query(), r.matches(), r.scanMillis(),
                r.firstMatches().stream().map(p -> "    " + p).collect(Collectors.joining("\n")),
                r.deletePredicate(), r.deleted(),
                r.beforeCompaction().fragments(), r.afterCompaction().fragments(), r.compaction().filesRemoved(), r.compactMillis(),
                r.afterCompaction().rows(), r.afterCompaction().deletedRows(), r.versions(), r.afterCompaction().version());
    }

    private static String json(StorageDemo.Report r) {
        return String.format(Locale.ROOT,
                "{\"table\":%s,\"files_written\":%d,\"write_ms\":%d,\"query\":%s,\"matches\":%d,\"first_matches\":[%s],"
                        + "\"scan_ms\":%d,\"delete_predicate\":%s,\"deleted\":%d,\"fragments_before\":%d,\"fragments_after\":%d,"
                        + "\"compact_ms\":%d,\"rows\":%d,\"deleted_rows\":%d,\"versions\":%d,\"version\":%d}",
                Json.quote(r.table().toString()), r.filesWritten(), r.writeMillis(), Json.quote(r.query()), r.matches(),
                r.firstMatches().stream().map(Json::quote).collect(Collectors.joining(",")), r.scanMillis(),
                Json.quote(r.deletePredicate()), r.deleted(), r.beforeCompaction().fragments(), r.afterCompaction().fragments(),
                r.compactMillis(), r.afterCompaction().rows(), r.afterCompaction().deletedRows(), r.versions(),
                r.afterCompaction().version());
    }
}
