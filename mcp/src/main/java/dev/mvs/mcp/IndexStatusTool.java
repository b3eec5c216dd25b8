package dev.mvs.mcp;

import dev.mvs.engine.admin.StatusReport;
import dev.mvs.engine.report.StatusJson;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;

import java.util.Locale;

/** index_status: what {@code engine-cli status --format json} reports. */
final class IndexStatusTool {

    static final String NAME = "index_status";

    private static final String INPUT = """
            {"type": "object", "properties": {}, "additionalProperties": false}""";

    private static final String OUTPUT = """
            {"type": "object",
             "properties": {
               "repository": {"type": "string"}, "generation": {"type": ["string", "null"]}, "model": {"type": ["string", "null"]},
               "files": {"type": "integer"}, "chunks": {"type": "integer"}, "vectors": {"type": "integer"},
               "embedded_percent": {"type": "number"}, "interrupted": {"type": "boolean"},
               "last_run": {"type": ["object", "null"]}, "chunking": {"type": "object"}, "tables": {"type": "array"}, "skipped": {"type": "array"}},
             "required": ["repository", "files", "chunks", "vectors", "embedded_percent", "interrupted", "last_run", "tables", "skipped"]}""";

    private IndexStatusTool() {}

    static SyncToolSpecification spec(IndexSession session, ToolResults results, McpJsonMapper mapper) {
        Tool tool = Tool.builder(NAME, mapper, INPUT)
                .title("Index status")
                .description("What the index holds: files, chunks, how much is embedded (semantic search covers that part), the model, "
                        + "the last completed run, files skipped and why, and per table rows, versions and bytes on disk.")
                .outputSchema(mapper, OUTPUT)
                .build();
        return new SyncToolSpecification(tool, (exchange, call) -> results.guard(NAME, () -> {
            new ToolArguments(call.arguments());
            StatusReport r = session.status();
            String text = String.format(Locale.ROOT, "%s: %,d files, %,d chunks, %.1f %% embedded (%s); last run: %s%s", r.state().repository(),
                    r.state().files(), r.state().chunks(), r.embeddedPercent(), r.state().modelId(),
                    r.lastRun() == null ? "none completed" : r.lastRun().finished(),
                    r.interrupted() ? "; a later run was interrupted (reindex completes it)" : "");
            return results.ok(StatusJson.of(r, null), text);
        }));
    }
}
