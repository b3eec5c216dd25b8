package dev.mvs.mcp;

import dev.mvs.engine.report.Json;
import dev.mvs.engine.search.StoredText;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/** read_chunk: lines of a file as the index holds them, so an agent reads what it found without file access. */
final class ReadChunkTool {

    static final String NAME = "read_chunk";

    private static final String INPUT = """
            {"type": "object",
             "properties": {
               "path": {"type": "string", "minLength": 1, "description": "A file, relative to the repository as search results show it."},
               "start_line": {"type": "integer", "minimum": 1, "description": "First line (1-based), e.g. a result's start_line."},
               "end_line": {"type": "integer", "minimum": 1, "description": "Last line, at most 2,000 lines after start_line."}},
             "required": ["path", "start_line", "end_line"], "additionalProperties": false}""";

    private static final String OUTPUT = """
            {"type": "object",
             "properties": {
               "path": {"type": "string"}, "start_line": {"type": "integer"}, "end_line": {"type": "integer"}, "text": {"type": "string"},
               "chunks": {"type": "array", "items": {"type": "object", "properties": {
                   "start_line": {"type": "integer"}, "end_line": {"type": "integer"}, "symbol": {"type": "string"}, "kind": {"type": "string"}},
                 "required": ["start_line", "end_line", "symbol", "kind"]}}},
             "required": ["path", "start_line", "end_line", "text", "chunks"]}""";

    private ReadChunkTool() {}

    static SyncToolSpecification spec(IndexSession session, RepositoryPaths paths, ToolResults results, McpJsonMapper mapper) {
        Tool tool = Tool.builder(NAME, mapper, INPUT)
                .title("Read indexed code")
                .description("Returns lines start_line..end_line of a file as the index stored them at its last run (which may be older "
                        + "than the file on disk), and the declarations they belong to. The answer's end_line is where the text stops.")
                .outputSchema(mapper, OUTPUT)
                .build();
        return new SyncToolSpecification(tool, (exchange, call) -> results.guard(NAME, () -> {
            ToolArguments a = new ToolArguments(call.arguments());
            String path = paths.indexed(a.string("path"));
            int start = a.integer("start_line", 1, Integer.MAX_VALUE);
            int end = a.integer("end_line", 1, Integer.MAX_VALUE);
            StoredText t = session.search(s -> s.read(path, start, end));
            return results.ok(Json.object("path", t.path(), "start_line", t.startLine(), "end_line", t.endLine(), "text", t.text(),
                    "chunks", t.chunks().stream().map(c -> Json.object("start_line", c.startLine(), "end_line", c.endLine(),
                            "symbol", c.symbol(), "kind", c.kind())).toList()),
                    t.path() + ":" + t.startLine() + "-" + t.endLine() + "\n" + t.text());
        }));
    }
}
