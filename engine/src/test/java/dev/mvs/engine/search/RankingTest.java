package dev.mvs.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class RankingTest {

    private static SearchHit hit(String path, float score, String hash) {
        return new SearchHit(path, 1, 10, "", "lines", score, "", hash, List.of());
    }

    @Test
    void fusionRewardsAgreementBetweenTheLists() {
        SearchHit a = hit("a", 9, "ha");
        SearchHit b = hit("b", 8, "hb");
        SearchHit c = hit("c", 7, "hc");
        List<SearchHit> fused = Ranking.fuse(List.of(a, b), 1.0, List.of(c, b), 1.0);
        assertEquals("b", fused.getFirst().path(), "second in both lists beats first in one: " + fused);
        assertEquals(1.0 / 62 + 1.0 / 62, fused.getFirst().score(), 1e-6);
    }

    /**
     * The right chunk is often in both lists at middling ranks (issue 16): with the candidates hybrid search
     * fuses for k = 5, one at keyword rank 40 and semantic rank 30 beats every hit found by one side only.
     */
    @Test
    void aHitDeepInBothListsReachesTheTopFive() {
        int depth = Searcher.fusionCandidates(5);
        SearchHit target = hit("target", 1, "target");
        List<SearchHit> keyword = new java.util.ArrayList<>();
        List<SearchHit> semantic = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            keyword.add(i == 39 ? target : hit("k" + i, 100 - i, "k" + i));
            semantic.add(i == 29 ? target : hit("s" + i, 100 - i, "s" + i));
        }
        List<SearchHit> top = Ranking.group(Ranking.fuse(keyword.subList(0, depth), 1.0, semantic.subList(0, depth), 1.0), 5);
        assertEquals("target", top.getFirst().path(), "fused " + depth + " candidates per side: " + top);
    }

    @Test
    void weightsTiltTheFusion() {
        SearchHit a = hit("a", 9, "ha");
        SearchHit c = hit("c", 7, "hc");
        assertEquals("c", Ranking.fuse(List.of(a), 1.0, List.of(c), 2.0).getFirst().path());
        assertEquals("a", Ranking.fuse(List.of(a), 2.0, List.of(c), 1.0).getFirst().path());
    }

    @Test
    void groupingFoldsSameTextIntoTheBestHitAndKeepsK() {
        List<SearchHit> grouped = Ranking.group(List.of(hit("x", 5, "h1"), hit("y", 4, "h1"), hit("z", 3, "h2"), hit("w", 2, "h3")), 2);
        assertEquals(2, grouped.size());
        assertEquals(List.of("y:1-10"), grouped.getFirst().alsoIn());
        assertEquals("z", grouped.get(1).path());
    }
}
