package dev.mvs.engine.search;

import dev.mvs.engine.error.EngineException;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.store.Sql;
import dev.mvs.ffi.ResultRows;
import dev.mvs.ffi.ScanRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads a line range of a file back out of chunks.lance. Line windows overlap, so each line is taken
 * from the first chunk (by start line) that holds it; the text ends early at a line no chunk holds.
 */
final class StoredTextReader {

    /** At most this many lines per read: an agent pages through a long file instead of pulling it whole. */
    static final int MAX_LINES = 2_000;

    private StoredTextReader() {}

    static StoredText read(OpenIndex index, String path, int startLine, int endLine) {
        if (startLine < 1 || endLine < startLine) {
            throw new EngineException.InvalidRequest("lines must satisfy 1 <= start_line <= end_line, got " + startLine + ".." + endLine);
        }
        if (endLine - startLine + 1 > MAX_LINES) {
            throw new EngineException.InvalidRequest("at most " + MAX_LINES + " lines per read, asked for " + (endLine - startLine + 1));
        }
        String predicate = IndexSchemas.PATH + " = " + Sql.quote(path) + " AND " + IndexSchemas.START_LINE + " <= " + endLine + " AND "
                + IndexSchemas.END_LINE + " >= " + startLine;
        ResultRows rows = index.chunks().scanRows(ScanRequest.all().withColumns(IndexSchemas.START_LINE, IndexSchemas.END_LINE,
                IndexSchemas.SYMBOL, IndexSchemas.KIND, IndexSchemas.CONTENT).withFilter(predicate));
        if (rows.size() == 0) {
            throw new EngineException.InvalidRequest(!IndexedPaths.known(index, path)
                    ? IndexedPaths.unknown(path) : path + " has no indexed lines in " + startLine + ".." + endLine);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> rows.int32(IndexSchemas.START_LINE, i)));
        List<String> lines = new ArrayList<>();
        List<StoredText.Span> spans = new ArrayList<>();
        int first = -1;
        int next = startLine;
        for (int i : order) {
            int chunkStart = rows.int32(IndexSchemas.START_LINE, i);
            int chunkEnd = rows.int32(IndexSchemas.END_LINE, i);
            if (chunkEnd < next) {
                continue; // every line it holds came from an earlier chunk
            }
            if (first >= 0 && chunkStart > next) {
                break; // a line no chunk holds: the text stops before it, and endLine says so
            }
            List<String> chunkLines = Objects.requireNonNullElse(rows.text(IndexSchemas.CONTENT, i), "").lines().toList();
            int from = Math.max(next, chunkStart);
            int to = Math.min(endLine, Math.min(chunkEnd, chunkStart + chunkLines.size() - 1));
            if (first < 0) {
                first = from;
            }
            for (int line = from; line <= to; line++) {
                lines.add(chunkLines.get(line - chunkStart));
            }
            spans.add(new StoredText.Span(chunkStart, chunkEnd, Objects.requireNonNullElse(rows.text(IndexSchemas.SYMBOL, i), ""),
                    Objects.requireNonNullElse(rows.text(IndexSchemas.KIND, i), "")));
            next = to + 1;
        }
        return new StoredText(path, first, first + lines.size() - 1, String.join("\n", lines), spans);
    }
}
