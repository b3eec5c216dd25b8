package dev.mvs.engine.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Search filters, turned into one SQL predicate that both chunks.lance and vectors.lance can
 * evaluate (they share path, language and kind), so every mode applies them as a prefilter: k
 * results come back whenever k chunks match.
 *
 * @param language    only this language (null: any)
 * @param pathGlob    only paths matching this glob (null: all)
 * @param excludeGlob leave out paths matching this glob (null: none)
 * @param kind        only chunks of this kind, e.g. "method", "class", "lines" (null: any)
 */
public record Filters(String language, String pathGlob, String excludeGlob, String kind) {

    public Filters {
        if (pathGlob != null) {
            PathGlob.check("the path glob", pathGlob);
        }
        if (excludeGlob != null) {
            PathGlob.check("the exclude glob", excludeGlob);
        }
    }

    public static Filters none() {
        return new Filters(null, null, null, null);
    }

    /** The predicate, or null when nothing is filtered. */
    public String sql() {
        List<String> parts = new ArrayList<>();
        if (language != null) {
            parts.add("language = '" + language.replace("'", "''") + "'");
        }
        if (kind != null) {
            parts.add("kind = '" + kind.replace("'", "''") + "'");
        }
        if (pathGlob != null) {
            parts.add("path LIKE '" + PathGlob.toLike(pathGlob) + "'");
        }
        if (excludeGlob != null) {
            parts.add("NOT (path LIKE '" + PathGlob.toLike(excludeGlob) + "')");
        }
        return parts.isEmpty() ? null : String.join(" AND ", parts);
    }
}
