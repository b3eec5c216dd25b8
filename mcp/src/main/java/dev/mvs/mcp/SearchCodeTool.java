package dev.mvs.mcp;

import dev.mvs.engine.report.SearchJson;
import dev.mvs.engine.search.SearchHit;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.SearchResult;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;

import java.util.Locale;
import java.util.stream.Collectors;

/** search_code: keyword, semantic or hybrid search, as {@code engine-cli search}. */
final class SearchCodeTool {

    static final String NAME = "search_code";
    static final int MAX_LIMIT = 50;

    private static final String INPUT = """
            {"type": "object",
             "properties": {
               "query": {"type": "string", "minLength": 1, "description": "What to look for: words, an identifier, or a question in English."},
               "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10, "description": "Results to return."},
               "mode": {"type": "string", "enum": ["hybrid", "semantic", "keyword"],
                        "description": "hybrid (default once the index is embedded): keyword and semantic fused; semantic: by meaning; keyword: BM25 over the words."},
               %s},
             "required": ["query"], "additionalProperties": false}""".formatted(Schemas.FILTERS);

    private SearchCodeTool() {}

    static SyncToolSpecification spec(IndexSession session, ToolResults results, McpJsonMapper mapper) {
        Tool tool = Tool.builder(NAME, mapper, INPUT)
                .title("Search code")
                .description("Searches the repository's index for code: one result per declaration (class, method, function...) "
                        + "or line window, with its path, lines, symbol, a snippet, and other paths holding the same text. "
                        + "Read more of a result with read_chunk.")
                .outputSchema(mapper, Schemas.RESULTS)
                .build();
        return new SyncToolSpecification(tool, (exchange, call) -> results.guard(NAME, () -> {
            ToolArguments a = new ToolArguments(call.arguments());
            String mode = a.optionalString("mode");
            SearchRequest request = SearchRequest.of(a.string("query"), a.integer("limit", 10, 1, MAX_LIMIT))
                    .withMode(mode == null ? null : SearchMode.parse(mode))
                    .withFilters(a.filters());
            SearchResult r = session.search(s -> s.search(request));
            return results.ok(SearchJson.of(r), text(r));
        }));
    }

    /** "path:12-30 method Foo.bar" and the snippet indented, per result; the mode and any note first. */
    static String text(SearchResult r) {
        String head = r.hits().size() + " results (" + r.mode().label() + ")" + (r.note() == null ? "" : "; " + r.note());
        return head + r.hits().stream().map(SearchCodeTool::hit).collect(Collectors.joining("", "", ""));
    }

    private static String hit(SearchHit h) {
        return String.format(Locale.ROOT, "%n%n%s:%d-%d%s%s%n%s", h.path(), h.startLine(), h.endLine(),
                h.symbol().isEmpty() ? "" : " " + h.kind() + " " + h.symbol(),
                h.alsoIn().isEmpty() ? "" : " (same text in " + String.join(", ", h.alsoIn()) + ")",
                h.snippet().lines().map(l -> "    " + l).collect(Collectors.joining("\n")));
    }
}
