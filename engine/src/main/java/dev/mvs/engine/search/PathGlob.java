package dev.mvs.engine.search;

/**
 * A path glob ({@code *} within a segment, {@code **} across segments, {@code ?} one character) as
 * a SQL LIKE pattern. LIKE cannot tell segments apart, so {@code *} matches across '/' too: a
 * filter that is wider, never narrower, than the glob.
 */
final class PathGlob {

    private PathGlob() {}

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
