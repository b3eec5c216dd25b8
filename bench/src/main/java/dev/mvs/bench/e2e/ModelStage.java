package dev.mvs.bench.e2e;

import dev.mvs.bench.ReadingOrderEmbedder;
import dev.mvs.bench.RelevanceSet;
import dev.mvs.engine.Engine;
import dev.mvs.engine.embed.EmbeddingModel;
import dev.mvs.engine.embed.OnnxEmbedder;
import dev.mvs.engine.index.EmbeddedText;
import dev.mvs.engine.index.EmbedderSpec;
import dev.mvs.engine.index.IndexOptions;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.Searcher;
import dev.mvs.engine.store.FileTrees;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.ffi.NativeRuntime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stages of {@link ModelMatrix}, each in its own JVM: a fresh index of a corpus with one model
 * configuration (phase-2 rate, model busy share, load time, peak RSS, relevance per search mode), and
 * the comparison of an int8 index's vectors with its fp32 twin's.
 */
final class ModelStage {

    private ModelStage() {}

    /** model-index CORPUS INDEX MODEL EMBED(text|header) ORDER(sorted|reading) TOKENS CHUNKER(lines|syntax) QUESTIONS... */
    static void index(String[] a, int threads, Map<String, Object> out) throws Exception {
        Path corpus = Path.of(a[1]);
        Path index = Path.of(a[2]);
        EmbeddingModel model = Engine.model(a[3]);
        EmbeddedText input = EmbeddedText.byId(a[4]);
        boolean readingOrder = a[5].equals("reading");
        int tokens = Integer.parseInt(a[6]);
        String chunker = a[7];
        FileTrees.delete(index);
        try (Engine engine = Engine.start(threads)) {
            NativeRuntime runtime = engine.runtime();
            OnnxEmbedder.Options options = OnnxEmbedder.Options.defaults().withThreads(threads).withMaxTokens(tokens);
            long l0 = System.nanoTime();
            OnnxEmbedder.load(runtime, model, options).close(); // extracted on a first use: the timed load below is the usual one
            long l1 = System.nanoTime();
            try (OnnxEmbedder probe = OnnxEmbedder.load(runtime, model, options)) {
                out.put("model_load_ms", (System.nanoTime() - l1) / 1e6);
                out.put("first_load_ms", (l1 - l0) / 1e6);
            }
            EmbedderSpec spec = EmbedderSpec.of(model, tokens, input, () -> {
                OnnxEmbedder e = OnnxEmbedder.load(runtime, model, options);
                return readingOrder ? new ReadingOrderEmbedder(e) : e;
            });
            Discovery discovery = new Discovery(DiscoveryOptions.defaults(corpus).withIndexDir(index));
            IndexReport r = engine.indexer(discovery, Engine.chunker(chunker), new IndexProgress() {}).run(corpus, new IndexLayout(index),
                    IndexOptions.of(spec));
            out.put("files", r.files());
            out.put("chunks", r.chunks());
            out.put("phase1_ms", r.sync().millis());
            out.put("embedded", r.phase2().embedded());
            out.put("wall_ms", r.millis());
            out.put("phase2_ms", r.phase2().millis());
            out.put("model_ms", r.phase2().modelMillis());
            out.put("phase2_chunks_per_s", r.phase2().embeddingsPerSecond());
            out.put("model_busy_pct", 100.0 * r.phase2().modelMillis() / r.phase2().millis());
            out.putAll(ProcessStats.now());
            try (Searcher searcher = engine.searcher(index)) {
                for (int i = 8; i < a.length; i++) {
                    RelevanceSet set = RelevanceSet.read(Path.of(a[i]));
                    for (SearchMode mode : SearchMode.values()) {
                        RelevanceSet.Score s = set.score(searcher, mode);
                        out.put(set.name() + "." + mode.label() + ".hit1", (double) s.hit1());
                        out.put(set.name() + "." + mode.label() + ".hit5", (double) s.hit5());
                        out.put(set.name() + ".questions", (double) s.questions());
                    }
                }
            }
        }
    }

    /**
     * model-compare INDEX_FP32 INDEX_INT8: the cosine of each chunk's two vectors, and how many of the fp32 top 10
     * neighbours of 200 evenly drawn chunks the int8 vectors find (exact search in both).
     */
    static void compare(String[] a, int threads, Map<String, Object> out) throws Exception {
        try (Engine engine = Engine.start(threads)) {
            Map<String, float[]> full = vectors(engine.runtime(), Path.of(a[1]));
            Map<String, float[]> quantised = vectors(engine.runtime(), Path.of(a[2]));
            List<String> ids = new ArrayList<>(full.keySet());
            ids.retainAll(quantised.keySet());
            ids.sort(null);
            double sum = 0;
            double min = 1;
            for (String id : ids) {
                double c = dot(full.get(id), quantised.get(id));
                sum += c;
                min = Math.min(min, c);
            }
            out.put("chunks", (double) ids.size());
            out.put("cosine_mean", sum / ids.size());
            out.put("cosine_min", min);
            int queries = Math.min(200, ids.size());
            long found = 0;
            for (int q = 0; q < queries; q++) {
                String query = ids.get((int) ((long) q * ids.size() / queries));
                List<String> exact = top(full, ids, full.get(query), query);
                List<String> approx = top(quantised, ids, quantised.get(query), query);
                found += approx.stream().filter(exact::contains).count();
            }
            out.put("neighbour_recall_at_10", found / (10.0 * queries));
        }
    }

    private static List<String> top(Map<String, float[]> vectors, List<String> ids, float[] query, String self) {
        String[] best = new String[10];
        double[] score = new double[10];
        java.util.Arrays.fill(score, Double.NEGATIVE_INFINITY);
        for (String id : ids) {
            if (id.equals(self)) {
                continue;
            }
            double s = dot(vectors.get(id), query);
            if (s > score[9]) {
                int at = 9;
                while (at > 0 && score[at - 1] < s) {
                    score[at] = score[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                score[at] = s;
                best[at] = id;
            }
        }
        return java.util.Arrays.asList(best);
    }

    private static double dot(float[] x, float[] y) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d += x[i] * y[i];
        }
        return d;
    }

    private static Map<String, float[]> vectors(NativeRuntime runtime, Path index) throws Exception {
        StoredVectors stored = StoredVectors.read(runtime, index);
        Map<String, float[]> out = new HashMap<>();
        for (int i = 0; i < stored.vectors().size(); i++) {
            out.put(stored.chunkIds().get(i), stored.vectors().get(i));
        }
        return out;
    }

}
