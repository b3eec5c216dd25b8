package dev.mvs.engine.search;

import dev.mvs.engine.error.EngineException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Search filters, turned into one SQL predicate that both chunks.lance and vectors.lance can
 * evaluate (they share path, language and kind), so every mode applies them as a prefilter: k
 * results come back whenever k chunks match.
 *
 * @param language    only this language (null: any)
 * @param pathGlob    only paths matching this glob (null: all)
 * @param excludeGlob leave out paths matching this glob (null: none)
 * @param kind        only chunks of this kind, e.g. "method", "class", "lines" (null: any); a chunk of
 *                    merged small declarations lists its kinds ("class, function") and matches each
 */
public record Filters(String language, String pathGlob, String excludeGlob, String kind) {

    private static final Pattern KIND = Pattern.compile("[a-z]+");

    public Filters {
        if (pathGlob != null) {
            PathGlob.check("the path glob", pathGlob);
        }
        if (excludeGlob != null) {
            PathGlob.check("the exclude glob", excludeGlob);
        }
        if (kind != null && !KIND.matcher(kind).matches()) {
            throw new EngineException.InvalidRequest("the kind \"" + kind + "\" is not one: kinds are lowercase words such as "
                    + "method, function, class, interface, imports, module or lines (docs/chunking.md lists them)");
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
            // the kind alone, or one of a merged chunk's "class, function"
            parts.add("(kind = '" + kind + "' OR kind LIKE '" + kind + ", %' OR kind LIKE '%, " + kind + "' OR kind LIKE '%, " + kind + ", %')");
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
