import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import dev.mvs.ffi.*;
import dev.mvs.ffi.internal.mvs_native_h;
import java.lang.foreign.*;
import java.lang.reflect.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

/**
 * A hybrid search's two storage queries at once (keyword: FTS k 50 with the hit columns on chunks.lance; semantic:
 * k 50 nprobes 197 on vectors.lance with hit and vector, or hit only), tables opened as file:// or file+uring://,
 * variants alternating per query: args INDEX QUERIES ROUNDS.
 */
public class HybridRaw {
    static Table openUri(NativeRuntime runtime, Path path, String uri) throws Exception {
        Method use = NativeRuntime.class.getDeclaredMethod("use", java.util.function.Function.class);
        use.setAccessible(true);
        MemorySegment rt = (MemorySegment) use.invoke(runtime, (java.util.function.Function<MemorySegment, MemorySegment>) r -> r);
        Arena arena = Arena.global();
        MemorySegment slot = arena.allocate(ValueLayout.ADDRESS);
        MemorySegment err = arena.allocate(ValueLayout.ADDRESS);
        int st = mvs_native_h.mvs_table_open(rt, arena.allocateFrom(uri), 0, slot, err);
        if (st != 0) throw new IllegalStateException("status " + st);
        Constructor<Table> c = Table.class.getDeclaredConstructor(NativeRuntime.class, Path.class, MemorySegment.class);
        c.setAccessible(true);
        return c.newInstance(runtime, path, slot.get(ValueLayout.ADDRESS, 0));
    }

    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]);
        int n = Integer.parseInt(a[1]), rounds = Integer.parseInt(a[2]);
        Path vectors = index.resolve("gen-000001/vectors.lance").toAbsolutePath();
        Path chunks = index.resolve("gen-000001/chunks.lance").toAbsolutePath();
        String[] kcols = {"path", "start_line", "end_line", "symbol", "kind", "content", "content_hash"};
        ExecutorService side = Executors.newSingleThreadExecutor();
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(index);
             Table vf = Table.open(engine.runtime(), vectors); Table cf = Table.open(engine.runtime(), chunks);
             Table vu = openUri(engine.runtime(), vectors, "file+uring://" + vectors); Table cu = openUri(engine.runtime(), chunks, "file+uring://" + chunks)) {
            List<String> qs = dev.mvs.bench.SearchBenchmark.generatedQueries(engine.runtime(), index, n);
            List<float[]> vs = new ArrayList<>();
            for (String q : qs) vs.add(s.embed(q).clone());
            String[] names = {"file, hit+vector", "file, hit only", "uring, hit+vector", "uring, hit only"};
            for (int r = 0; r < rounds; r++) {
                long[][] tt = new long[4][qs.size()];
                for (int i = 0; i < qs.size(); i++) {
                    for (int j0 = 0; j0 < 4; j0++) {
                        int j = (j0 + i) % 4;
                        Table vt = j < 2 ? vf : vu, ct = j < 2 ? cf : cu;
                        String[] vcols = j % 2 == 0 ? new String[] {"hit", "vector"} : new String[] {"hit"};
                        float[] v = vs.get(i);
                        String q = qs.get(i);
                        long t0 = System.nanoTime();
                        Future<ResultRows> sem = side.submit(() -> vt.nearestRows(NearestQuery.of("vector", v, 50).withNprobes(197).withColumns(vcols)));
                        ct.fullTextSearchRows(FullTextQuery.of(q, 50).inColumns("content").withColumns(kcols));
                        sem.get();
                        tt[j][i] = System.nanoTime() - t0;
                    }
                }
                StringBuilder line = new StringBuilder("round " + (r + 1) + ":");
                for (int j = 0; j < 4; j++) {
                    double[] ratio = new double[qs.size()];
                    for (int i = 0; i < qs.size(); i++) ratio[i] = tt[j][i] / (double) tt[0][i];
                    Arrays.sort(ratio);
                    long[] c = tt[j].clone();
                    Arrays.sort(c);
                    line.append(String.format(Locale.ROOT, "  [%s] p50 %.2f ms (paired %.3f)", names[j], c[c.length / 2] / 1e6, ratio[ratio.length / 2]));
                }
                System.out.println(line);
            }
        } finally {
            side.shutdown();
        }
    }
}
