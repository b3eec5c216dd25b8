package dev.mvs.engine.search;

import dev.mvs.engine.error.EngineException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SearchRequestTest {

    @Test
    void defaultNprobesIsAThirdOfThePartitionsTheIndexHas() {
        // 219,602 rows: the pipeline builds round(sqrt) = 469 partitions; a third, rounded up, is 157.
        assertEquals(157, SearchRequest.defaultNprobes(219_602, 384));
        // 1,000,000 rows: 1,000 partitions.
        assertEquals(334, SearchRequest.defaultNprobes(1_000_000, 384));
    }

    @Test
    void defaultNprobesNeverFallsBelowTheMinimumNorAbovePartitions() {
        assertEquals(SearchRequest.MIN_NPROBES, SearchRequest.defaultNprobes(1_000, 384)); // 32 partitions, a third is 11
        assertEquals(10, SearchRequest.defaultNprobes(100, 384)); // only 10 partitions exist
    }

    @Test
    void anIvfRqIndexProbesMoreOfItsPartitionsWithALighterRerank() {
        // 240,660 rows: 491 partitions; 40 % is 196.4, rounded up.
        assertEquals(new SearchRequest.VectorSetting(197, 2), SearchRequest.defaultVectorSetting(240_660, 384, "IVF_RQ"));
        assertEquals(new SearchRequest.VectorSetting(SearchRequest.MIN_NPROBES, 2), SearchRequest.defaultVectorSetting(1_000, 384, "IVF_RQ"));
    }

    @Test
    void anIndexBuiltBeforeIvfRqKeepsTheIvfPqDefaults() {
        assertEquals(new SearchRequest.VectorSetting(157, SearchRequest.DEFAULT_REFINE), SearchRequest.defaultVectorSetting(219_602, 384, "IVF_PQ"));
    }

    @Test
    void exactSearchWithoutAVectorIndexIsNotReranked() {
        assertEquals(0, SearchRequest.defaultVectorSetting(50_000, 384, null).refineFactor());
    }

    @Test
    void rejectsNegativeTuning() {
        assertThrows(EngineException.InvalidRequest.class, () -> SearchRequest.of("q", 5).withTuning(-1, 0));
    }

    @Test
    void onlyTheShownResultsGetTheFullRerankDepth() {
        SearchRequest.VectorSetting rq = new SearchRequest.VectorSetting(197, 2);
        assertEquals(30, rq.rowsToFetch(30, 10), "a semantic search of 10: its 30 candidates re-rank the 10 from 30 rows");
        assertEquals(50, rq.rowsToFetch(50, 10), "hybrid's side: 50 candidates");
        assertEquals(40, rq.rowsToFetch(30, 20), "20 shown at refine 2");
        assertEquals(60, rq.rowsToFetch(30, 100), "never more shown than there are candidates");
        assertEquals(100, new SearchRequest.VectorSetting(157, 10).rowsToFetch(30, 10), "IVF_PQ's refine 10");
        assertEquals(30, new SearchRequest.VectorSetting(10, 0).rowsToFetch(30, 10), "no re-rank: the candidates");
    }

    @Test
    void hybridsSemanticSideTakesIvfRqsOwnOrderUnlessARerankIsAsked() {
        SearchRequest.VectorSetting rq = new SearchRequest.VectorSetting(197, 2);
        assertEquals(new SearchRequest.VectorSetting(197, 0), Searcher.hybridSide(rq, "IVF_RQ", 0));
        assertEquals(rq, Searcher.hybridSide(rq, "IVF_RQ", 2), "the request asked for a re-rank");
        SearchRequest.VectorSetting pq = new SearchRequest.VectorSetting(157, 10);
        assertEquals(pq, Searcher.hybridSide(pq, "IVF_PQ", 0), "IVF_PQ's estimates need it");
        SearchRequest.VectorSetting exact = new SearchRequest.VectorSetting(20, 0);
        assertEquals(exact, Searcher.hybridSide(exact, null, 0), "exact search");
    }
}
