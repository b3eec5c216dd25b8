package dev.mvs.ffi;

import java.util.List;
import java.util.Objects;

/**
 * A BM25 full-text search. Results carry a {@code _score} column, best first.
 *
 * @param text        the query text
 * @param ftsColumns  full-text-indexed columns to search (empty: all of them)
 * @param columns     columns to return (empty: all)
 * @param filter      SQL filter applied first, or null
 * @param limit       rows to return (>= 1)
 */
public record FullTextQuery(String text, List<String> ftsColumns, List<String> columns, String filter, long limit) {

    public FullTextQuery {
        Objects.requireNonNull(text, "text");
        ftsColumns = List.copyOf(ftsColumns);
        columns = List.copyOf(columns);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
    }

    public static FullTextQuery of(String text, long limit) {
        return new FullTextQuery(text, List.of(), List.of(), null, limit);
    }

    public FullTextQuery inColumns(String... names) {
        return new FullTextQuery(text, List.of(names), columns, filter, limit);
    }

    public FullTextQuery withColumns(String... names) {
        return new FullTextQuery(text, ftsColumns, List.of(names), filter, limit);
    }

    public FullTextQuery withFilter(String sql) {
        return new FullTextQuery(text, ftsColumns, columns, sql, limit);
    }
}
