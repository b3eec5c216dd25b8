package dev.mvs.mcp;

import dev.mvs.engine.report.SearchJson;
import dev.mvs.engine.search.Filters;
import dev.mvs.engine.search.SearchResult;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/** find_similar: code nearest to a place in the repository, by the vectors the index already holds (no model call). */
final class FindSimilarTool {

    static final String NAME = "find_similar";

    private static final String INPUT = """
            {"type": "object",
             "properties": {
               "path": {"type": "string", "minLength": 1, "description": "A file, relative to the repository as search results show it (an absolute path inside it works too)."},
               "line": {"type": "integer", "minimum": 1, "description": "A line of the file: the declaration (chunk) holding it is the seed. Without it, the whole file is."},
               "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10, "description": "Results to return."},
               %s},
             "required": ["path"], "additionalProperties": false}""".formatted(Schemas.FILTERS);

    private FindSimilarTool() {}

    static SyncToolSpecification spec(IndexSession session, RepositoryPaths paths, ToolResults results, McpJsonMapper mapper) {
        Tool tool = Tool.builder(NAME, mapper, INPUT)
                .title("Find similar code")
                .description("Finds the code most similar in meaning to a declaration (the chunk holding path:line) or to a whole file: "
                        + "other implementations, copies, callers written alike. The seed itself is left out; exact copies of it elsewhere are not.")
                .outputSchema(mapper, Schemas.RESULTS)
                .build();
        return new SyncToolSpecification(tool, (exchange, call) -> results.guard(NAME, () -> {
            ToolArguments a = new ToolArguments(call.arguments());
            String path = paths.indexed(a.string("path"));
            Integer line = a.optionalInteger("line", 1, Integer.MAX_VALUE);
            int limit = a.integer("limit", 10, 1, SearchCodeTool.MAX_LIMIT);
            Filters filters = a.filters();
            SearchResult r = session.search(s -> s.similar(path, line, limit, filters));
            return results.ok(SearchJson.of(r), "similar to " + path + (line == null ? "" : ":" + line) + ": " + SearchCodeTool.text(r));
        }));
    }
}
