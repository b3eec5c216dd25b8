package dev.mvs.cli;

import dev.mvs.engine.chunk.Chunker;
import dev.mvs.engine.chunk.Chunkers;
import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.index.IndexExistsException;
import dev.mvs.engine.index.Phase1Indexer;
import dev.mvs.engine.index.Phase1Report;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.engine.scan.SkippedFile;
import dev.mvs.ffi.NativeRuntime;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine-cli index}: phase 1 of indexing (files and chunks, keyword-searchable). */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = {
            "Indexes a repository: discovers files (.gitignore rules as git applies them), chunks them and writes",
            "files.lance and chunks.lance with a full-text index, into <PATH>/.mvs or --index-dir.",
            "Today this is phase 1 only (keyword search); embeddings (phase 2) and incremental reindex are not",
            "implemented yet, so an existing index is refused."})
final class IndexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Repository to index (default: the current directory).")
    Path repo = Path.of("");

    @Option(names = "--index-dir", paramLabel = "DIR", description = "Where the index goes (default: PATH/.mvs).")
    Path indexDir;

    @Option(names = "--phase1-only", description = "Stop after phase 1 (today the only phase there is).")
    boolean phase1Only;

    @Option(names = "--chunker", paramLabel = "KIND", description = {
        "lines: 60-line windows (default; fast).",
        "syntax: one chunk per declaration with tree-sitter for Java, Python, TypeScript, JavaScript, Go, Rust",
        "(line windows for other files); about 100 files/s today, as the bundled grammars are unoptimised."})
    String chunker = "lines";

    @Option(names = "--threads", paramLabel = "N", description = "Native worker threads; 0 = one per CPU (default: ${DEFAULT-VALUE}).")
    int threads = 0;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0");
        }
        Path root = repo.toAbsolutePath().normalize();
        Path dir = (indexDir != null ? indexDir : root.resolve(".mvs")).toAbsolutePath().normalize();
        PrintWriter err = spec.commandLine().getErr();
        Phase1Report report;
        try (NativeRuntime runtime = NativeRuntime.create(threads)) {
            Discovery discovery = new Discovery(DiscoveryOptions.defaults(root).withIndexDir(dir));
            report = new Phase1Indexer(runtime, discovery, chunker()).run(root, dir, line -> err.println("index: " + line));
        } catch (IndexExistsException e) {
            err.println("engine-cli: " + e.getMessage());
            return EngineCli.INDEX_UNAVAILABLE;
        }
        if (!phase1Only) {
            err.println("index: phase 2 (embeddings) is not implemented yet; the index is keyword-searchable");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json() ? json(report) : text(report));
        out.flush();
        return 0;
    }

    private Chunker chunker() {
        return switch (chunker) {
            case "lines" -> LineWindowChunker.defaults();
            case "syntax" -> Chunkers.defaults();
            default -> throw new IllegalArgumentException("--chunker must be lines or syntax, got " + chunker);
        };
    }

    private static Map<SkippedFile.Reason, Long> reasons(Phase1Report r) {
        return r.skipped().stream().collect(Collectors.groupingBy(SkippedFile::reason, TreeMap::new, Collectors.counting()));
    }

    private static String text(Phase1Report r) {
        return String.format(Locale.ROOT, """
                index       %s
                files       %,d (%,d bytes)
                chunks      %,d
                skipped     %,d %s
                time        %,d ms read + write, %,d ms indexes""",
                r.indexDir(), r.files(), r.bytes(), r.chunks(), r.skipped().size(), reasons(r), r.walkAndWriteMillis(), r.indexMillis());
    }

    private static String json(Phase1Report r) {
        String skipped = reasons(r).entrySet().stream()
                .map(e -> Json.quote(e.getKey().name().toLowerCase(Locale.ROOT)) + ":" + e.getValue())
                .collect(Collectors.joining(","));
        return String.format(Locale.ROOT,
                "{\"index_dir\":%s,\"files\":%d,\"bytes\":%d,\"chunks\":%d,\"skipped\":{%s},\"write_ms\":%d,\"index_ms\":%d}",
                Json.quote(r.indexDir().toString()), r.files(), r.bytes(), r.chunks(), skipped, r.walkAndWriteMillis(), r.indexMillis());
    }
}
