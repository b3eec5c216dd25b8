package dev.mvs.engine.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * The fallback for any text file: windows of {@code windowLines} lines, each starting
 * {@code windowLines - overlapLines} after the previous, so a match near a window's edge is also
 * whole in its neighbour. Blank-only windows are dropped.
 */
public final class LineWindowChunker implements Chunker {

    public static final String KIND = "lines";

    private final int windowLines;
    private final int overlapLines;

    public LineWindowChunker(int windowLines, int overlapLines) {
        if (windowLines < 1 || overlapLines < 0 || overlapLines >= windowLines) {
            throw new IllegalArgumentException("need windowLines >= 1 and 0 <= overlapLines < windowLines, got "
                    + windowLines + ", " + overlapLines);
        }
        this.windowLines = windowLines;
        this.overlapLines = overlapLines;
    }

    /** 60-line windows overlapping by 10. */
    public static LineWindowChunker defaults() {
        return new LineWindowChunker(60, 10);
    }

    @Override
    public List<Chunk> chunk(String path, String language, String text) {
        String[] lines = text.split("\r?\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--; // a final newline ends the last line; it does not start another
        }
        List<Chunk> chunks = new ArrayList<>();
        int step = windowLines - overlapLines;
        for (int start = 0; start < count; start += step) {
            int end = Math.min(count, start + windowLines);
            String content = String.join("\n", java.util.Arrays.asList(lines).subList(start, end));
            if (!content.isBlank()) {
                chunks.add(Chunk.of(path, language, KIND, "", start + 1, end, content));
            }
            if (end == count) {
                break;
            }
        }
        return chunks;
    }
}
