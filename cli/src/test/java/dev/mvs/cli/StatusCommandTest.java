package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.ffi.VectorIndexHealth;

import org.junit.jupiter.api.Test;

/** What `engine-cli status` says about vector search: the fast path, a gap the engine's query serves, or what slows it. */
class StatusCommandTest {

    @Test
    void aCleanIndexIsOnItsFastPath() {
        String line = StatusCommand.vectorSearch(new VectorIndexHealth(1, 0, 0, 0, 0, 0, true), "IVF_RQ");
        assertTrue(line.startsWith("vector search on its fast path (IVF_RQ)"), line);
    }

    @Test
    void aGapTheEnginesQueryServesIsNamedWithItsRowsAndWhatItSlows() {
        String line = StatusCommand.vectorSearch(new VectorIndexHealth(1, 3, 0, 2, 1_234, 56, true), "IVF_RQ");
        assertTrue(line.startsWith("vector search on its fast path (1,234 deleted and 56 new rows"), line);
        assertTrue(line.contains("path or language filter are slower"), line);
    }

    @Test
    void fragmentsDeletedWholeTheEnginesQueryServesAreNamedToo() {
        String line = StatusCommand.vectorSearch(new VectorIndexHealth(1, 3, 2, 0, 40, 0, true), "IVF_RQ");
        assertTrue(line.startsWith("vector search on its fast path (40 deleted rows, the rows of 2 fragments deleted whole, and 0 new rows"), line);
    }

    @Test
    void aGapPastItsLimitsSaysTheBackgroundFoldOrTheNextRunRestoresIt() {
        String line = StatusCommand.vectorSearch(new VectorIndexHealth(1, 1, 1, 0, 10, 0, false), "IVF_RQ");
        assertTrue(line.startsWith("vector search slowed: 1 index segments, 1 fragments with deletions, 1 deleted whole"), line);
        assertTrue(line.contains("the fold engine-cli index starts in the background restores it, else the next index run"), line);
    }
}
