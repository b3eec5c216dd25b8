import dev.mvs.engine.Engine;
import dev.mvs.engine.embed.*;
import java.nio.file.*;
import java.util.*;

/** Query embedding p50, ONNX Runtime threads spinning (default) or not, alternating: args INDEX. */
public class Spin {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        try (Engine engine = Engine.start(2)) {
            List<String> qs = dev.mvs.bench.SearchBenchmark.generatedQueries(engine.runtime(), index, 200);
            OnnxEmbedder.Options base = OnnxEmbedder.Options.defaults().withThreads(2);
            try (OnnxEmbedder spin = OnnxEmbedder.load(engine.runtime(), EmbeddingModel.byId("all-minilm-l6-v2-q").orElseThrow(), base);
                 OnnxEmbedder sleep = OnnxEmbedder.load(engine.runtime(), EmbeddingModel.byId("all-minilm-l6-v2-q").orElseThrow(), base.forQueries())) {
                for (int round = 0; round < 5; round++) {
                    for (OnnxEmbedder e : List.of(spin, sleep)) {
                        long[] tt = new long[qs.size()];
                        for (int i = 0; i < qs.size(); i++) {
                            long t0 = System.nanoTime();
                            e.embedQuery(qs.get(i));
                            tt[i] = System.nanoTime() - t0;
                            Thread.sleep(2); // queries come apart: the other session's threads go idle
                        }
                        Arrays.sort(tt);
                        if (round > 0) System.out.printf(Locale.ROOT, "round %d %s p50 %.2f ms%n", round, e == spin ? "spinning" : "sleeping", tt[tt.length / 2] / 1e6);
                    }
                }
            }
        }
    }
}
