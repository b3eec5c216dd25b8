package dev.mvs.engine.search;

import java.util.List;

/**
 * Lines of one file as the index stores them (chunks hold the text they were indexed with, which
 * may be older than the file on disk).
 *
 * @param startLine first line returned (1-based), at least the asked one
 * @param endLine   last line returned: the asked one, or the file's last indexed line if that comes first
 * @param text      the lines, joined by '\n'
 * @param chunks    the chunks these lines come from, in file order
 */
public record StoredText(String path, int startLine, int endLine, String text, List<Span> chunks) {

    public StoredText {
        chunks = List.copyOf(chunks);
    }

    /** A chunk the text comes from: its lines, what it declares. */
    public record Span(int startLine, int endLine, String symbol, String kind) {}
}
