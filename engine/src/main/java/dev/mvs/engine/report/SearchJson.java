package dev.mvs.engine.report;

import dev.mvs.engine.search.SearchHit;
import dev.mvs.engine.search.SearchResult;

import java.util.Map;

/**
 * A search result as JSON: {@code {"mode","note","ms","results":[{"path","start_line","end_line","symbol","kind","score",
 * "snippet","also_in"}]}}, the schema {@code engine-cli search --help} documents and the MCP tool search_code returns.
 */
public final class SearchJson {

    private SearchJson() {}

    public static Map<String, Object> of(SearchResult r) {
        return Json.object("mode", r.mode().label(), "note", r.note(), "ms", r.millis(), "results", r.hits().stream().map(SearchJson::hit).toList());
    }

    static Map<String, Object> hit(SearchHit h) {
        return Json.object("path", h.path(), "start_line", h.startLine(), "end_line", h.endLine(), "symbol", h.symbol(), "kind", h.kind(),
                "score", Json.fixed(h.score(), 6), "snippet", h.snippet(), "also_in", h.alsoIn());
    }
}
