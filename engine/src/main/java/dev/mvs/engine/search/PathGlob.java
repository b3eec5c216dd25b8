package dev.mvs.engine.search;

import dev.mvs.engine.error.EngineException;

/**
 * A path glob ({@code *} within a segment, {@code **} across segments, {@code ?} one character) as
 * a SQL LIKE pattern. LIKE cannot tell segments apart, so {@code *} matches across '/' too: a
 * filter that is wider, never narrower, than the glob.
 */
final class PathGlob {

    private PathGlob() {}

    /** Refuses what this glob language lacks ({@code [...]} classes, {@code {a,b}} alternatives) rather than matching it literally. */
    static void check(String what, String glob) {
        if (glob.isBlank()) {
            throw new EngineException.InvalidRequest(what + " is empty; leave it out to match every path");
        }
        for (char c : new char[] {'[', ']', '{', '}'}) {
            if (glob.indexOf(c) >= 0) {
                throw new EngineException.InvalidRequest(what + " \"" + glob + "\" has '" + c + "': globs here know only * (within a directory), "
                        + "** (across directories) and ? (one character); no [...] classes or {a,b} alternatives");
            }
        }
    }

    static String toLike(String glob) {
        StringBuilder like = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    like.append('%');
                    while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                    }
                }
                case '?' -> like.append('_');
                case '%', '_', '\\' -> like.append('\\').append(c);
                case '\'' -> like.append("''");
                default -> like.append(c);
            }
        }
        return like.toString();
    }
}
