package dev.mvs.engine.report;

import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.index.Phase2Report;
import dev.mvs.engine.scan.SkippedFile;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What {@code engine-cli index --format json} prints and the MCP tool reindex returns. */
public final class IndexReportJson {

    private IndexReportJson() {}

    public static Map<String, Object> of(IndexReport r) {
        Map<String, Object> skipped = new LinkedHashMap<>();
        skippedByReason(r).forEach((reason, n) -> skipped.put(reason.name().toLowerCase(Locale.ROOT), n));
        Phase2Report p2 = r.phase2();
        return Json.object("index_dir", r.indexDir().toString(), "generation", r.generation(), "new_generation", r.newGeneration(),
                "files", r.files(), "chunks", r.chunks(), "vectors", r.vectors(),
                "run", Json.object("read", r.sync().changedFiles(), "restated", r.sync().touchedFiles(), "removed", r.sync().deletedFiles(),
                        "unchanged", r.sync().unchangedFiles(), "reread", r.sync().rereadFiles(), "chunks_written", r.sync().chunksWritten(), "bytes_read", r.sync().bytesRead(),
                        "fallbacks", r.sync().fallbacks(), "phase1_ms", r.sync().millis()),
                "phase2", p2 == null ? null : Json.object("missing", p2.missing(), "embedded", p2.embedded(), "reused", p2.reused(),
                        "orphans_removed", p2.orphansRemoved(), "ms", p2.millis(), "model_ms", p2.modelMillis()),
                "skipped", skipped, "compactions", r.compactions(), "indexes_built", r.indexesBuilt(), "versions_removed", r.versionsRemoved(),
                "vector_fold_due", r.vectorFoldDue(), "ms", r.millis());
    }

    /** How many files this run skipped, per reason. */
    public static Map<SkippedFile.Reason, Long> skippedByReason(IndexReport r) {
        return r.sync().skipped().stream().collect(Collectors.groupingBy(SkippedFile::reason, TreeMap::new, Collectors.counting()));
    }
}
