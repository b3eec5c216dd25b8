import dev.mvs.bench.RelevanceSet;
import dev.mvs.bench.SearchBenchmark;
import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import java.nio.file.*;
import java.util.*;

/**
 * INDEX QUERIES ROUNDS: hybrid search with its semantic side at fewer probes than the default. Per setting: hit@5 and
 * hit@1 on both relevance sets, the top 10 against the default's (same chunks, in any order), and the hybrid p50 over
 * QUERIES generated class-name queries (embedded first, as SearchBenchmark does), settings alternating per round.
 */
public class HybridSide {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        int n = Integer.parseInt(a[1]), rounds = Integer.parseInt(a[2]);
        int[] probes = {0, 160, 120, 100, 80, 60, 40};
        try (Engine engine = Engine.start(Runtime.getRuntime().availableProcessors()); Searcher s = engine.searcher(index)) {
            List<RelevanceSet> sets = List.of(RelevanceSet.read(Path.of("bench/relevance/jdk-questions.tsv")),
                    RelevanceSet.read(Path.of("bench/relevance/python-questions.tsv")));
            List<String> qs = SearchBenchmark.generatedQueries(engine.runtime(), index, n);
            Map<String, List<String>> reference = new HashMap<>();
            for (int np : probes) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "nprobes %3s", np == 0 ? "def" : Integer.toString(np)));
                for (RelevanceSet set : sets) {
                    int hit5 = 0, hit1 = 0;
                    for (RelevanceSet.Question q : set.questions()) {
                        int rank = RelevanceSet.rank(s.search(request(q.text(), 5, np)).hits(), q.answer());
                        if (rank >= 0 && rank < 5) hit5++;
                        if (rank == 0) hit1++;
                    }
                    line.append(String.format(Locale.ROOT, "  %s hit@5 %d/%d hit@1 %d", set.name(), hit5, set.questions().size(), hit1));
                }
                int same = 0, total = 0;
                for (String q : qs) {
                    s.embed(q);
                    List<String> top = s.search(request(q, 10, np)).hits().stream().map(h -> h.path() + ":" + h.startLine()).toList();
                    if (np == 0) reference.put(q, top);
                    List<String> ref = reference.get(q);
                    total += ref.size();
                    for (String t : top) if (ref.contains(t)) same++;
                }
                line.append(String.format(Locale.ROOT, "  top10 shared with default %.3f", same / (double) total));
                System.out.println(line);
            }
            for (int r = 0; r < rounds; r++) {
                StringBuilder line = new StringBuilder("round " + r);
                for (int np : probes) {
                    long[] t = new long[qs.size()];
                    for (int from = 0; from < qs.size(); from += 50) {
                        int to = Math.min(qs.size(), from + 50);
                        for (int i = from; i < to; i++) s.embed(qs.get(i));
                        for (int i = from; i < to; i++) {
                            long t0 = System.nanoTime();
                            s.search(request(qs.get(i), 10, np));
                            t[i] = System.nanoTime() - t0;
                        }
                    }
                    Arrays.sort(t);
                    line.append(String.format(Locale.ROOT, "  %s: %.2f", np == 0 ? "def" : Integer.toString(np), t[t.length / 2] / 1e6));
                }
                System.out.println(line + "  (hybrid p50 ms)");
            }
        }
    }

    static SearchRequest request(String q, int k, int np) {
        SearchRequest r = SearchRequest.of(q, k).withMode(SearchMode.HYBRID);
        return np == 0 ? r : r.withTuning(np, 0);
    }
}
