package dev.mvs.engine.report;

import dev.mvs.engine.admin.StatusReport;
import dev.mvs.ffi.FenceStats;

import java.util.Locale;
import java.util.Map;

/** What {@code engine-cli status --format json} prints and the MCP tool index_status returns. */
public final class StatusJson {

    private StatusJson() {}

    /** The status; with this process's fence counters when {@code fence} is not null. */
    public static Map<String, Object> of(StatusReport r, FenceStats fence) {
        Map<String, Object> json = Json.object("repository", String.valueOf(r.state().repository()), "generation", r.state().generation(),
                "building", r.state().building(), "model", r.state().modelId(), "dimension", r.state().dimension(),
                "embedding", Json.object("embedded", r.state().embeddedOrDefault(), "max_tokens", r.state().maxTokens(), "pooling", r.state().pooling(),
                        "query_prefix", r.state().queryPrefix(), "quantization", r.state().quantization()),
                "files", r.state().files(),
                "chunking", Json.object("chunker", r.state().chunkerOrDefault(),
                        "files_chunked_as_recorded", r.filesChunkedAsRecorded(), "fallbacks", r.fallbacks()),
                "chunks", r.state().chunks(), "vectors", r.state().vectors(), "embedded_percent", Json.fixed(r.embeddedPercent(), 2),
                "interrupted", r.interrupted(),
                "last_run", r.lastRun() == null ? null : Json.object("run", r.lastRun().run(), "finished", r.lastRun().finished()),
                "bytes_on_disk", r.bytesOnDisk(),
                "tables", r.tables().stream().map(t -> Json.object("name", t.name(), "version", t.stats().version(), "rows", t.stats().rows(),
                        "deleted_rows", t.stats().deletedRows(), "fragments", t.stats().fragments(), "data_files", t.stats().dataFiles(),
                        "versions", t.stats().versions(), "bytes", t.stats().bytesOnDisk(), "indexes", t.indexes().size(),
                        "unindexed_rows", t.unindexedRows(), "vector_index", t.vectorIndex() == null ? null
                                : Json.object("type", t.vectorIndexType(), "fast_path", t.vectorIndex().onFastPath(),
                                        "served_directly", t.vectorIndex().servedDirectly(), "deleted_rows", t.vectorIndex().deletedRows(),
                                        "uncovered_rows", t.vectorIndex().uncoveredRows(), "segments", t.vectorIndex().segments(),
                                        "fragments_with_deletions", t.vectorIndex().fragmentsWithDeletions(),
                                        "missing_fragments", t.vectorIndex().missingFragments(),
                                        "uncovered_fragments", t.vectorIndex().uncoveredFragments()),
                        "jobs", t.jobs().stream().map(j -> Json.object("job_id", j.jobId(), "version", j.version(), "committed", j.timestamp().toString(),
                                "fragments", j.fragmentsAdded(), "rows", j.rowsAdded())).toList())).toList(),
                "skipped", r.skipped().stream().map(s -> Json.object("path", s.path(), "reason", s.reason().name().toLowerCase(Locale.ROOT),
                        "detail", s.detail())).toList());
        if (fence != null) {
            json.put("fence", Json.object("shared", fence.sharedAcquisitions(), "exclusive", fence.exclusiveAcquisitions(), "waits", fence.waits(),
                    "overlaps", fence.overlaps()));
        }
        return json;
    }
}
