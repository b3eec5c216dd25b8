package dev.mvs.mcp;

import dev.mvs.engine.error.EngineException;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.report.IndexReportJson;
import dev.mvs.engine.report.Json;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;

import java.io.PrintStream;
import java.util.Locale;

/**
 * reindex: one incremental index run (or a rebuild) under the index's writer lock. When another writer holds
 * the lock (a CLI run, a watch, another server) it answers at once who and since when; it never queues.
 */
final class ReindexTool {

    static final String NAME = "reindex";

    private static final String INPUT = """
            {"type": "object",
             "properties": {
               "rebuild": {"type": "boolean", "default": false,
                           "description": "Build a new index from scratch beside the current one and switch when done (slow: every chunk is embedded again unless its text is unchanged)."}},
             "additionalProperties": false}""";

    private static final String OUTPUT = """
            {"type": "object",
             "properties": {
               "ran": {"type": "boolean", "description": "false when another writer held the index"},
               "in_progress": {"type": ["string", "null"], "description": "who holds the index (pid, since when) when ran is false"},
               "report": {"type": ["object", "null"], "description": "what the run did, as engine-cli index --format json"}},
             "required": ["ran", "in_progress", "report"]}""";

    private ReindexTool() {}

    static SyncToolSpecification spec(IndexSession session, ToolResults results, McpJsonMapper mapper, PrintStream log) {
        Tool tool = Tool.builder(NAME, mapper, INPUT)
                .title("Update the index")
                .description("Brings the index in step with the working tree: changed files are read and chunked again, deleted ones removed, "
                        + "new chunks embedded (unchanged text keeps its vector). Usually about a second after a few edits; the first run on a "
                        + "big repository takes minutes (progress is reported when asked for). If another process is indexing, answers at once with ran=false.")
                .outputSchema(mapper, OUTPUT)
                .build();
        return new SyncToolSpecification(tool, (exchange, call) -> results.guard(NAME, () -> {
            boolean rebuild = new ToolArguments(call.arguments()).bool("rebuild", false);
            IndexReport r;
            try {
                r = session.reindex(rebuild, new McpProgress(exchange::progressNotification, call.progressToken(), log, System::nanoTime));
            } catch (EngineException.IndexBusy busy) {
                return results.ok(Json.object("ran", false, "in_progress", busy.owner(), "report", null),
                        "not run: an index run is in progress (" + busy.owner() + "). Searches still work and see its changes once it "
                                + "commits; call reindex again after it if files changed since.");
            }
            String text = String.format(Locale.ROOT, "indexed: %,d files (%,d read, %,d removed), %,d chunks, %,d vectors in %,d ms", r.files(),
                    r.sync().changedFiles(), r.sync().deletedFiles(), r.chunks(), r.vectors(), r.millis());
            return results.ok(Json.object("ran", true, "in_progress", null, "report", IndexReportJson.of(r)), text);
        }));
    }
}
