package dev.mvs.engine.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Orders, fuses and groups hits. */
final class Ranking {

    /** Best score first; equal scores in a stable order (path, then line). */
    static final Comparator<SearchHit> BY_SCORE = Comparator.comparing((SearchHit h) -> -h.score())
            .thenComparing(SearchHit::path).thenComparingInt(SearchHit::startLine);

    /** The constant of reciprocal rank fusion (Cormack et al. 2009): damps the head of each list. */
    static final int RRF_K = 60;

    private Ranking() {}

    /**
     * Reciprocal rank fusion: each list contributes weight / (60 + rank) to a chunk's score. Lists are
     * ranked best-first; a chunk is identified by its place (path and lines).
     */
    static List<SearchHit> fuse(List<SearchHit> keyword, double keywordWeight, List<SearchHit> semantic, double semanticWeight) {
        Map<String, SearchHit> byPlace = new LinkedHashMap<>();
        Map<String, Double> score = new HashMap<>();
        add(keyword, keywordWeight, byPlace, score);
        add(semantic, semanticWeight, byPlace, score);
        List<SearchHit> fused = new ArrayList<>();
        byPlace.forEach((place, hit) -> fused.add(hit.withScore((float) (double) score.get(place))));
        fused.sort(BY_SCORE);
        return fused;
    }

    private static void add(List<SearchHit> hits, double weight, Map<String, SearchHit> byPlace, Map<String, Double> score) {
        for (int rank = 0; rank < hits.size(); rank++) {
            SearchHit h = hits.get(rank);
            byPlace.putIfAbsent(h.location(), h);
            score.merge(h.location(), weight / (RRF_K + rank + 1), Double::sum);
        }
    }

    /** Folds hits with the same text into the best-ranked one (listing the others in alsoIn), keeping at most k. */
    static List<SearchHit> group(List<SearchHit> ranked, int k) {
        Map<String, Integer> firstByHash = new HashMap<>();
        List<SearchHit> out = new ArrayList<>();
        for (SearchHit h : ranked) {
            Integer at = firstByHash.get(h.contentHash());
            if (at == null) {
                firstByHash.put(h.contentHash(), out.size());
                out.add(h);
            } else {
                SearchHit first = out.get(at);
                List<String> more = new ArrayList<>(first.alsoIn());
                more.add(h.location());
                out.set(at, first.withAlsoIn(more));
            }
        }
        return out.size() > k ? new ArrayList<>(out.subList(0, k)) : out;
    }
}
