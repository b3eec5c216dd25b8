package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.report.IndexReportJson;
import dev.mvs.engine.report.Json;
import dev.mvs.engine.watch.RepositoryWatch;
import dev.mvs.engine.watch.StopOnSignal;
import dev.mvs.engine.watch.WatchListener;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine-cli watch}: keeps an index in step with a working tree while people edit it. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Indexes the repository once, then again after every batch of saves, until stopped (Ctrl-C or SIGTERM; a run in "
                    + "progress finishes first). Only changes that can change the index start a run: not .git, the index "
                    + "directory, default-excluded or .gitignore'd paths. Saves within --quiet-ms of each other are one run (a branch "
                    + "switch is one run, not thousands); each run is incremental, with the embedding model kept loaded. "
                    + "While another writer (engine-cli index) holds the index, the next run waits for it; an engine-cli index "
                    + "started while a watch run holds it fails at once naming the watch's pid (or waits with --wait).",
            "",
            "stdout: one line per run (with --format json, one JSON object per line: the index report of engine-cli index "
                    + "--format json plus \"latency_ms\", first change to commit, null for the run at start); stderr: progress and diagnostics."})
final class WatchCommand implements Callable<Integer> {

    /** How long a watch run queues behind another writer: as long as that writer takes. */
    static final Duration LOCK_WAIT = Duration.ofDays(1);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Repository to watch (default: the current directory).")
    Path repo = Path.of("");

    @Option(names = "--index-dir", paramLabel = "DIR", description = "The index (default: PATH/.mvs; created by the first run if missing).")
    Path indexDir;

    @Option(names = "--quiet-ms", paramLabel = "MS", description = "Run once no change came for this long, 10..60000 (default: ${DEFAULT-VALUE}).")
    long quietMillis = RepositoryWatch.DEFAULT_QUIET.toMillis();

    @Option(names = "--threads", paramLabel = "N", description = "Native and model threads; 0 = one per CPU (default: ${DEFAULT-VALUE}).")
    int threads = 0;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (quietMillis < 10 || quietMillis > 60_000) {
            throw new ParameterException(spec.commandLine(), "--quiet-ms must be 10..60000, got " + quietMillis);
        }
        if (threads < 0) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 0, got " + threads);
        }
        Path root = repo.toAbsolutePath().normalize();
        IndexRequest request = IndexRequest.of(root, indexDir != null ? indexDir : root.resolve(".mvs")).withLockWait(LOCK_WAIT);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressLine progress = new ProgressLine(err, System.console() != null && System.getenv("TERM") != null, System::nanoTime);
        try (Engine engine = Engine.start(threads)) {
            RepositoryWatch watch = engine.watch(request, Duration.ofMillis(quietMillis), progress, new Printer(out, err, progress, output.json()));
            try (StopOnSignal stop = StopOnSignal.install(watch::close, System.err)) {
                watch.awaitClosed();
            }
        }
        return 0;
    }

    /** One line per run on stdout. */
    private record Printer(PrintWriter out, PrintWriter err, ProgressLine progress, boolean json) implements WatchListener {
        @Override
        public void watching(long directories) {
            err.printf(Locale.ROOT, "watch: watching %,d directories%n", directories);
            err.flush();
        }

        @Override
        public void indexed(IndexReport r, long latencyMillis) {
            progress.endLine();
            if (json) {
                Map<String, Object> line = IndexReportJson.of(r);
                line.put("latency_ms", latencyMillis < 0 ? null : latencyMillis);
                out.println(Json.write(line));
            } else {
                out.printf(Locale.ROOT, "%s indexed: %,d read, %,d removed; %,d files, %,d chunks, %,d vectors; run %,d ms, %s%n",
                        LocalTime.now().withNano(0), r.sync().changedFiles(), r.sync().deletedFiles(), r.files(), r.chunks(), r.vectors(),
                        r.millis(), latencyMillis < 0 ? "the run at start" : String.format(Locale.ROOT, "searchable %,d ms after the first change",
                                latencyMillis));
            }
            out.flush();
        }

        @Override
        public void failed(Exception e) {
            progress.endLine();
            err.println("watch: the run failed, the watch goes on: " + e.getMessage());
            err.flush();
        }
    }
}
