package dev.mvs.engine.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class LineWindowChunkerTest {

    private static String lines(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void windowsOverlapAndCoverEveryLine() {
        List<Chunk> chunks = new LineWindowChunker(10, 3).chunk("a.md", "markdown", lines(25));
        assertEquals(List.of(1, 8, 15, 22), chunks.stream().map(Chunk::startLine).toList());
        assertEquals(List.of(10, 17, 24, 25), chunks.stream().map(Chunk::endLine).toList());
        assertEquals("line 8", chunks.get(1).content().lines().findFirst().orElseThrow());
        assertTrue(chunks.getLast().content().endsWith("line 25"));
    }

    @Test
    void idsAreStableForUnchangedContentAndDifferOtherwise() {
        LineWindowChunker chunker = LineWindowChunker.defaults();
        Chunk a = chunker.chunk("x/a.yaml", "yaml", lines(5)).getFirst();
        Chunk again = chunker.chunk("x/a.yaml", "yaml", lines(5)).getFirst();
        Chunk moved = chunker.chunk("y/a.yaml", "yaml", lines(5)).getFirst();
        assertEquals(a, again);
        assertNotEquals(a.chunkId(), moved.chunkId(), "the id names the place");
        assertEquals(a.contentHash(), moved.contentHash(), "the content hash does not: moved code reuses its vector");
    }

    @Test
    void blankFilesGiveNoChunksAndBadSettingsAreRefused() {
        assertEquals(List.of(), LineWindowChunker.defaults().chunk("e.txt", "text", "\n\n  \n"));
        assertEquals(List.of(), LineWindowChunker.defaults().chunk("e.txt", "text", ""));
        assertThrows(IllegalArgumentException.class, () -> new LineWindowChunker(5, 5));
        assertEquals(1, LineWindowChunker.defaults().chunk("w.txt", "text", "a\r\nb\r\n").getFirst().startLine());
    }
}
