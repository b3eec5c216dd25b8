package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.engine.admin.StatusReport;
import dev.mvs.engine.admin.TableStatus;
import dev.mvs.engine.report.Json;
import dev.mvs.engine.report.StatusJson;
import dev.mvs.engine.scan.SkippedFile;
import dev.mvs.ffi.FenceStats;
import dev.mvs.ffi.VectorIndexHealth;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engine-cli status}: what the index holds and how healthy its storage is. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "Shows files, chunks, embedded %%, skipped files with reasons, and per table: rows, fragments, versions, "
            + "bytes on disk and index coverage; also whether a run was interrupted. Reads only; never waits for a writer."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IndexDirOption index;

    @Option(names = {"-v", "--verbose"}, description = "Also list every skipped file and this process's fence counters.")
    boolean verbose;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        StatusReport r;
        FenceStats fence;
        try (Engine engine = Engine.start(1)) {
            r = engine.admin(index.resolved()).status();
            fence = engine.fenceStats();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json() ? Json.write(StatusJson.of(r, verbose ? fence : null)) : text(r, verbose ? fence : null, verbose));
        out.flush();
        return 0;
    }

    private static Map<String, Long> reasons(StatusReport r) {
        return r.skipped().stream().collect(Collectors.groupingBy(s -> s.reason().name().toLowerCase(Locale.ROOT), TreeMap::new, Collectors.counting()));
    }

    /** "syntax: 15,100 files by declaration, 124 by line windows {unsupported=120, unparsable=4}", or the chunker's name. */
    static String chunking(StatusReport r) {
        String chunker = r.state().chunkerOrDefault();
        if (!chunker.startsWith("syntax")) {
            return chunker + " (line windows)";
        }
        long fellBack = r.state().files() - r.filesChunkedAsRecorded();
        return String.format(Locale.ROOT, "%s: %,d files by declaration, %,d by line windows%s", chunker, r.filesChunkedAsRecorded(), fellBack,
                r.fallbacks().isEmpty() ? "" : " " + r.fallbacks());
    }

    static String text(StatusReport r, FenceStats fence, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "index       %s (%s%s)%n", r.state().repository(), r.state().generation(),
                r.state().building() == null ? "" : ", rebuild into " + r.state().building() + " unfinished"));
        sb.append(String.format(Locale.ROOT, "model       %s (%d dimensions%s; embeds chunk %s%s)%n", r.state().modelId(), r.state().dimension(),
                r.state().quantization() == null ? "" : ", " + r.state().quantization() + ", " + r.state().pooling() + " pooling",
                r.state().embeddedOrDefault(), r.state().maxTokens() == 0 ? "" : ", first " + r.state().maxTokens() + " tokens"));
        sb.append(String.format(Locale.ROOT, "files       %,d%nchunks      %,d%nembedded    %,d (%.1f %%)%n", r.state().files(), r.state().chunks(),
                r.state().vectors(), r.embeddedPercent()));
        sb.append(String.format(Locale.ROOT, "chunked     %s%n", chunking(r)));
        sb.append(String.format(Locale.ROOT, "skipped     %,d %s%n", r.skipped().size(), reasons(r)));
        if (verbose) {
            for (SkippedFile s : r.skipped()) {
                sb.append(String.format(Locale.ROOT, "            %s: %s (%s)%n", s.path(), s.reason().name().toLowerCase(Locale.ROOT), s.detail()));
            }
        }
        sb.append(String.format(Locale.ROOT, "last run    %s%s%n", r.lastRun() == null ? "none completed" : "run " + r.lastRun().run() + ", " + r.lastRun().finished(),
                r.interrupted() ? " (a later run was interrupted; engine-cli index completes it)" : ""));
        sb.append(String.format(Locale.ROOT, "on disk     %,.1f MiB%n", r.bytesOnDisk() / 1048576.0));
        for (TableStatus t : r.tables()) {
            sb.append(String.format(Locale.ROOT, "%-14s v%d, %,d rows (%,d deleted), %d fragments, %d data files, %d versions, %,.1f MiB, %d indexes%s%n",
                    t.name(), t.stats().version(), t.stats().rows(), t.stats().deletedRows(), t.stats().fragments(), t.stats().dataFiles(),
                    t.stats().versions(), t.stats().bytesOnDisk() / 1048576.0, t.indexes().size(),
                    t.unindexedRows() == 0 ? "" : String.format(Locale.ROOT, " (%,d rows not yet indexed)", t.unindexedRows())));
            if (t.vectorIndex() != null) {
                sb.append(String.format(Locale.ROOT, "%-14s %s%n", "", vectorSearch(t.vectorIndex(), t.vectorIndexType())));
            }
            for (var job : t.jobs()) {
                sb.append(String.format(Locale.ROOT, "%-14s distributed job %s: version %d, %,d fragments, %,d rows, %s%n", "", job.jobId(),
                        job.version(), job.fragmentsAdded(), job.rowsAdded(), job.timestamp()));
            }
        }
        if (fence != null) {
            sb.append(String.format(Locale.ROOT, "fence       this process: %d shared, %d exclusive, %d waits, %d overlaps%n", fence.sharedAcquisitions(),
                    fence.exclusiveAcquisitions(), fence.waits(), fence.overlaps()));
        }
        return sb.toString().stripTrailing();
    }

    /**
     * Whether vector search takes Lance's batched kernel (the engine's own query also while it serves a small gap), and if not, why (docs/lance-prefilter.md); then the index's
     * type, and for an index built before IVF_RQ the rebuild that gives it (docs/decisions.md).
     */
    static String vectorSearch(VectorIndexHealth h, String type) {
        String path = h.onFastPath() ? "vector search on its fast path"
                : h.servedDirectly() ? String.format(Locale.ROOT, "vector search on its fast path (%,d deleted%s and %,d new rows filtered and compared"
                        + " by the engine until the index takes them in; searches with a path or language filter are slower until then)", h.deletedRows(),
                        h.missingFragments() == 0 ? "" : String.format(Locale.ROOT, " rows, the rows of %d fragments deleted whole,", h.missingFragments()),
                        h.uncoveredRows())
                : String.format(Locale.ROOT, "vector search slowed: %d index segments, %d fragments with deletions, %d deleted whole, %d unindexed"
                        + " (the fold engine-cli index starts in the background restores it, else the next index run)", h.segments(),
                        h.fragmentsWithDeletions(), h.missingFragments(), h.uncoveredFragments());
        return path + " (" + type + ("IVF_PQ".equals(type)
                ? ": `engine-cli index --rebuild` builds IVF_RQ and keeps each hit beside its vector, for faster semantic search; it reuses every vector)"
                : ")");
    }
}
