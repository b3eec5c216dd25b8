package dev.mvs.engine.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LengthBatchingTest {

    @Test
    void everyTextIsInExactlyOneBatchAndNoBatchPadsPastTheBudget() {
        Random random = new Random(7);
        List<String> texts = new ArrayList<>();
        long[][] ids = new long[1_000][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = new long[1 + random.nextInt(256)];
            texts.add("t" + i);
        }
        List<PreparedBatch> batches = new LengthBatching(4_096, 64).batches(texts, ids);
        Set<Integer> seen = new HashSet<>();
        for (PreparedBatch b : batches) {
            assertTrue(b.paddedTokens() <= 4_096, "padded " + b.paddedTokens());
            assertTrue(b.size() <= 64);
            for (int k = 0; k < b.size(); k++) {
                assertTrue(seen.add(b.positions()[k]), "position twice: " + b.positions()[k]);
                assertEquals(texts.get(b.positions()[k]), b.texts().get(k));
                assertEquals(ids[b.positions()[k]].length, b.tokenIds()[k].length);
            }
        }
        assertEquals(ids.length, seen.size());
    }

    @Test
    void sortedBatchesPadFarLessThanBatchesInReadingOrder() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>();
        long[][] ids = new long[2_048][];
        long real = 0;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = new long[8 + random.nextInt(249)];
            real += ids[i].length;
            texts.add("t" + i);
        }
        long sorted = 0;
        for (PreparedBatch b : new LengthBatching(8_192, 128).batches(texts, ids)) {
            sorted += b.paddedTokens();
        }
        long inOrder = 0;
        for (int from = 0; from < ids.length; from += 32) {
            int longest = 0;
            for (int i = from; i < from + 32; i++) {
                longest = Math.max(longest, ids[i].length);
            }
            inOrder += 32L * longest;
        }
        assertTrue(sorted < real * 1.05, "sorted batches padded " + sorted + " for " + real + " real tokens");
        assertTrue(inOrder > real * 1.5, "reading order padded " + inOrder + " for " + real + " real tokens");
    }

    @Test
    void aTextLongerThanTheBudgetStillGetsABatchOfItsOwn() {
        List<PreparedBatch> batches = new LengthBatching(100, 8).batches(List.of("long", "short"), new long[][] {new long[300], new long[3]});
        assertEquals(2, batches.size());
        assertEquals(1, batches.get(0).size());
    }
}
