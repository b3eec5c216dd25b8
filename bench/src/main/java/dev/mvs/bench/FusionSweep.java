package dev.mvs.bench;

import dev.mvs.engine.Engine;
import dev.mvs.engine.search.SearchHit;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.Searcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How hybrid fusion variants rank on the relevance sets: the keyword and semantic lists of every question
 * are fetched once (50 each), then fused offline by each variant; hit@1/hit@5 per variant next to keyword
 * and semantic alone. Used to choose Ranking.fuse (issue 16).
 * <pre>
 * FusionSweep INDEX QUESTIONS...
 * </pre>
 */
public final class FusionSweep {

    private static final int DEPTH = 50;

    private FusionSweep() {}

    record Lists(String answer, List<SearchHit> keyword, List<SearchHit> semantic) {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Map<String, BiFunction<List<SearchHit>, List<SearchHit>, List<SearchHit>>> variants = new LinkedHashMap<>();
        variants.put("keyword alone", (k, s) -> k);
        variants.put("semantic alone", (k, s) -> s);
        for (int candidates : new int[] {15, 50}) {
            for (int rrfK : new int[] {60, 20, 5, 1}) {
                variants.put("rrf k=" + rrfK + ", " + candidates + " candidates", (k, s) -> rrf(cut(k, candidates), cut(s, candidates), rrfK));
            }
        }
        for (int keep : new int[] {1, 2}) {
            for (int rrfK : new int[] {60, 5}) {
                variants.put("top " + keep + " of each first, then rrf k=" + rrfK + ", 15 candidates",
                        (k, s) -> keepTops(cut(k, 15), cut(s, 15), keep, rrfK));
            }
        }
        variants.put("round robin, keyword first", (k, s) -> roundRobin(k, s));
        variants.put("round robin, semantic first", (k, s) -> roundRobin(s, k));
        try (Engine engine = Engine.start(0); Searcher searcher = engine.searcher(Path.of(args[0]))) {
            for (int f = 1; f < args.length; f++) {
                RelevanceSet set = RelevanceSet.read(Path.of(args[f]));
                List<Lists> lists = new ArrayList<>();
                for (RelevanceSet.Question q : set.questions()) {
                    lists.add(new Lists(q.answer(), searcher.search(SearchRequest.of(q.text(), DEPTH).withMode(SearchMode.KEYWORD)).hits(),
                            searcher.search(SearchRequest.of(q.text(), DEPTH).withMode(SearchMode.SEMANTIC)).hits()));
                }
                System.out.printf("%n%s on %s (%d questions)%n%n| variant | hit@1 | hit@5 |%n|---|---|---|%n", set.name(), args[0], lists.size());
                for (var v : variants.entrySet()) {
                    int hit1 = 0;
                    int hit5 = 0;
                    for (Lists l : lists) {
                        int rank = rank(v.getValue().apply(l.keyword(), l.semantic()), l.answer());
                        hit1 += rank == 0 ? 1 : 0;
                        hit5 += rank >= 0 && rank < 5 ? 1 : 0;
                    }
                    System.out.printf("| %s | %.2f | %.2f |%n", v.getKey(), hit1 / (double) lists.size(), hit5 / (double) lists.size());
                }
            }
        }
    }

    private static List<SearchHit> cut(List<SearchHit> l, int n) {
        return l.size() > n ? l.subList(0, n) : l;
    }

    static List<SearchHit> rrf(List<SearchHit> keyword, List<SearchHit> semantic, int k) {
        Map<String, SearchHit> byPlace = new LinkedHashMap<>();
        Map<String, Double> score = new HashMap<>();
        for (List<SearchHit> list : List.of(keyword, semantic)) {
            for (int rank = 0; rank < list.size(); rank++) {
                SearchHit h = list.get(rank);
                String place = h.path() + ":" + h.startLine();
                byPlace.putIfAbsent(place, h);
                score.merge(place, 1.0 / (k + rank + 1), Double::sum);
            }
        }
        List<String> places = new ArrayList<>(byPlace.keySet());
        places.sort((a, b) -> Double.compare(score.get(b), score.get(a)));
        return places.stream().map(byPlace::get).toList();
    }

    /** The fused order, except that the best {@code keep} of each list come first (each list's order kept, by fused score). */
    static List<SearchHit> keepTops(List<SearchHit> keyword, List<SearchHit> semantic, int keep, int rrfK) {
        List<SearchHit> fused = rrf(keyword, semantic, rrfK);
        Map<String, SearchHit> tops = new LinkedHashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (List<SearchHit> l : List.of(keyword, semantic)) {
            for (int i = 0; i < Math.min(keep, l.size()); i++) {
                wanted.add(l.get(i).path() + ":" + l.get(i).startLine());
            }
        }
        for (SearchHit h : fused) {
            if (wanted.contains(h.path() + ":" + h.startLine())) {
                tops.put(h.path() + ":" + h.startLine(), h);
            }
        }
        for (SearchHit h : fused) {
            tops.putIfAbsent(h.path() + ":" + h.startLine(), h);
        }
        return new ArrayList<>(tops.values());
    }

    static List<SearchHit> roundRobin(List<SearchHit> first, List<SearchHit> second) {
        Map<String, SearchHit> out = new LinkedHashMap<>();
        for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
            for (List<SearchHit> l : List.of(first, second)) {
                if (i < l.size()) {
                    out.putIfAbsent(l.get(i).path() + ":" + l.get(i).startLine(), l.get(i));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static int rank(List<SearchHit> ranked, String answer) {
        return RelevanceSet.rank(ranked.size() > 5 ? ranked.subList(0, 5) : ranked, answer);
    }
}
