package dev.mvs.engine.search;

import java.util.List;

/**
 * The answer to a query.
 *
 * @param mode the mode that answered (the request's, or the one chosen for it)
 * @param note why a mode was chosen or what is missing (e.g. "phase 2 has not run"), or null
 */
public record SearchResult(SearchMode mode, String note, List<SearchHit> hits, long millis) {

    public SearchResult {
        hits = List.copyOf(hits);
    }
}
