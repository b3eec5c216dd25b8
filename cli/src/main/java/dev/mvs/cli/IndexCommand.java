package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.index.Phase2Report;
import dev.mvs.engine.report.IndexReportJson;
import dev.mvs.engine.report.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine-cli index}: brings the index in step with the working tree, then embeds what lacks a vector. */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = {
            "Indexes a repository into <PATH>/.mvs (or --index-dir). Phase 1 discovers files (.gitignore rules as "
                    + "git applies them), chunks them and writes files.lance and chunks.lance with a full-text index: the repo "
                    + "is keyword-searchable from then on. Phase 2 embeds every chunk without a vector into vectors.lance. "
                    + "Run it again after edits: only changed files are read (size + mtime, then content hash), deleted and "
                    + "renamed files are removed, and vectors are reused by content hash. A killed run is completed by the next. "
                    + "One writer at a time (a second one fails with exit code 3, or waits with --wait); searches never wait."})
final class IndexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Repository to index (default: the current directory).")
    Path repo = Path.of("");

    @Option(names = "--index-dir", paramLabel = "DIR", description = "Where the index goes (default: PATH/.mvs).")
    Path indexDir;

    @Option(names = "--rebuild", description = {
        "Build a new index from scratch beside the current one and switch to it when complete (searches see the "
                + "old one meanwhile). Needed after changing --model. Vectors of unchanged text are still reused."})
    boolean rebuild;

    @Option(names = "--phase1-only", description = "Stop after phase 1 (keyword search); a later run embeds.")
    boolean phase1Only;

    @Option(names = "--chunker", paramLabel = "KIND", description = {
        "syntax: one chunk per declaration (class, method, function...) with its qualified symbol, for Java, Kotlin, "
                + "Scala, Python, JavaScript, TypeScript, Go, Rust, C, C++, C#, Ruby, PHP, Swift and shell; Markdown by heading, "
                + "YAML/TOML/JSON by top-level key; line windows for other files and files that do not parse (default for a new index).",
        "lines: 60-line windows overlapping by 10 for every file.",
        "An existing index keeps the chunker it was built with; changing it needs --rebuild."})
    String chunker;

    @Option(names = "--model", paramLabel = "MODEL", description = {
        "all-minilm-l6-v2-q (default for a new index; int8), all-minilm-l6-v2 (or minilm; fp32, the default before), "
                + "bge-small-en-v1.5-q (12 layers, int8; half the speed), bge-small-en-v1.5 (fp32; its jar is not in engine-cli.jar): "
                + "sentence embedding models run by ONNX Runtime, offline (docs/embedding.md);",
        "hash: a deterministic word-hashing embedder (no model; for tests and quick trials).",
        "An existing index keeps the model it was embedded with; changing it needs --rebuild."})
    String model;

    @Option(names = "--embed", paramLabel = "WHAT", description = {
        "text: the model embeds each chunk's text (default for a new index);",
        "header: a line with the path, language and declaration before it.",
        "An existing index keeps what it embedded; changing it needs --rebuild."})
    String embedded;

    @Option(names = "--max-tokens", paramLabel = "N", description = {
        "Longer chunks are truncated to N tokens for the model, 8..512 "
                + "(default: 256 for a new index; an existing one keeps its own, changing it needs --rebuild)."})
    Integer maxTokens;

    @Option(names = "--fold-now", description = {
        "When the run leaves more new and deleted rows outside the vector index than searches serve themselves, fold "
                + "them in before exiting (about a second at 240k vectors) instead of in a background process started on exit "
                + "(the default: the run returns sooner; a writer that starts meanwhile waits for the fold; log: <index>/fold.log)."})
    boolean foldNow;

    @Option(names = "--threads", paramLabel = "N", description = "Native and model threads; 0 = one per CPU (default: ${DEFAULT-VALUE}).")
    int threads = 0;

    @Mixin
    WaitOption wait;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (threads < 0) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 0, got " + threads);
        }
        Path root = repo.toAbsolutePath().normalize();
        IndexRequest request = new IndexRequest(root, indexDir != null ? indexDir : root.resolve(".mvs"), model, chunker, maxTokens, rebuild,
                phase1Only, wait.duration(), embedded, !foldNow);
        PrintWriter err = spec.commandLine().getErr();
        ProgressLine progress = new ProgressLine(err, System.console() != null && System.getenv("TERM") != null, System::nanoTime);
        IndexReport report;
        try (Engine engine = Engine.start(threads)) {
            report = engine.index(request, progress);
        } finally {
            progress.endLine();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json() ? Json.write(IndexReportJson.of(report)) : text(report));
        out.flush();
        if (report.vectorFoldDue()) {
            // Last, with the engine closed: the new JVM's start-up then competes with nothing of this one's work.
            foldInBackground(report.indexDir(), err);
        }
        return 0;
    }

    /** Starts the fold the run left in a process of its own; if that cannot start, folds here. */
    private void foldInBackground(Path indexDir, PrintWriter err) throws IOException {
        try {
            BackgroundFold.Started fold = BackgroundFold.start(indexDir, ProcessHandle.current().pid()); // once this JVM has exited
            err.println("index: folding the run's rows into the vector index in the background (log: " + fold.log() + ")");
        } catch (IOException | RuntimeException e) {
            err.println("index: could not start the vector fold in the background (" + e.getMessage() + "); folding now");
            try (Engine engine = Engine.start(threads)) {
                engine.admin(indexDir).foldVectors(m -> err.println("index: " + m));
            }
        }
        err.flush();
    }

    /** ", 12 files by line windows {unsupported=12}" when the chunker fell back for files read this run. */
    private static String fallbacks(IndexReport r) {
        long n = r.sync().fallbacks().values().stream().mapToLong(Long::longValue).sum();
        return n == 0 ? "" : String.format(Locale.ROOT, "; %,d files by line windows %s", n, r.sync().fallbacks());
    }

    private static String text(IndexReport r) {
        Phase2Report p2 = r.phase2();
        String phase2 = p2 == null ? "not run (--phase1-only)"
                : String.format(Locale.ROOT, "%,d missing: %,d embedded, %,d reused; %.1f embeddings/s (model alone %.1f/s, busy %.0f %% of the phase)",
                        p2.missing(), p2.embedded(), p2.reused(), p2.embeddingsPerSecond(), p2.modelEmbeddingsPerSecond(), p2.modelBusyPercent());
        return String.format(Locale.ROOT, """
                index       %s (%s%s)
                files       %,d (this run: %,d read, %,d re-stated, %,d removed, %,d unchanged)
                chunks      %,d (this run: %,d written%s)
                vectors     %,d
                phase 2     %s
                skipped     %,d %s
                maintenance %d compactions, %d indexes built, %,d old versions removed
                time        %,d ms (phase 1 %,d ms%s)""",
                r.indexDir(), r.generation(), r.newGeneration() ? ", new" : "", r.files(), r.sync().changedFiles(), r.sync().touchedFiles(),
                r.sync().deletedFiles(), r.sync().unchangedFiles(), r.chunks(), r.sync().chunksWritten(), fallbacks(r), r.vectors(), phase2,
                r.sync().skipped().size(), IndexReportJson.skippedByReason(r), r.compactions(), r.indexesBuilt(), r.versionsRemoved(), r.millis(), r.sync().millis(),
                p2 == null ? "" : String.format(Locale.ROOT, ", phase 2 %,d ms", p2.millis()));
    }
}
