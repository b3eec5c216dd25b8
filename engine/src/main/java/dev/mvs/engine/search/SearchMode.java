package dev.mvs.engine.search;

import dev.mvs.engine.error.EngineException;

import java.util.Locale;

/** How a query is answered. */
public enum SearchMode {
    /** Reciprocal rank fusion of keyword and semantic: the default once phase 2 has run. */
    HYBRID,
    /** Nearest chunks by embedding. */
    SEMANTIC,
    /** BM25 over the full-text index: works from phase 1 on. */
    KEYWORD;

    public static SearchMode parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EngineException.InvalidRequest("mode must be hybrid, semantic or keyword, got " + s, e);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
