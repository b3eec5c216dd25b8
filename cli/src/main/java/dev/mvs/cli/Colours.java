package dev.mvs.cli;

/**
 * ANSI colours for text output: only when stdout is a terminal and NO_COLOR (https://no-color.org)
 * is unset or empty; never in pipes, files or JSON.
 */
record Colours(boolean on) {

    static Colours forTerminal() {
        String noColor = System.getenv("NO_COLOR");
        return new Colours(System.console() != null && System.console().isTerminal() && (noColor == null || noColor.isEmpty()));
    }

    String path(String s) {
        return wrap("1;36", s);
    }

    String lines(String s) {
        return wrap("33", s);
    }

    String symbol(String s) {
        return wrap("1", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return on ? "\033[" + code + "m" + s + "\033[0m" : s;
    }
}
