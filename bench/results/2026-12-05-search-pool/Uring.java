import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import dev.mvs.ffi.*;
import dev.mvs.ffi.internal.mvs_native_h;
import java.lang.foreign.*;
import java.lang.reflect.*;
import java.nio.file.*;
import java.util.*;

/** Raw nearest query p50 with vectors.lance opened as file:// (default) and as file+uring://, alternating. */
public class Uring {
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
        Path vectors = index.resolve("gen-000001/vectors.lance").toAbsolutePath();
        Path chunks = index.resolve("gen-000001/chunks.lance").toAbsolutePath();
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(index); Table plain = Table.open(engine.runtime(), vectors);
             Table uring = openUri(engine.runtime(), vectors, "file+uring://" + vectors);
             Table cplain = Table.open(engine.runtime(), chunks); Table curing = openUri(engine.runtime(), chunks, "file+uring://" + chunks)) {
            List<String> qs = dev.mvs.bench.SearchBenchmark.generatedQueries(engine.runtime(), index, 100);
            List<float[]> vs = new ArrayList<>();
            for (String q : qs) vs.add(s.embed(q));
            Map<String, Table> tables = new LinkedHashMap<>();
            tables.put("file", plain);
            tables.put("uring", uring);
            for (int round = 0; round < 4; round++) {
                for (int j = 1; j < a.length; j++) {
                    for (var e : tables.entrySet()) {
                        String[] p = a[j].split(":");
                        int k = Integer.parseInt(p[0]), np = Integer.parseInt(p[1]);
                        String[] cols = p[2].equals("-") ? new String[0] : p[2].split(",");
                        long[] tt = new long[vs.size()];
                        Set<String> first = null;
                        for (int i = 0; i < vs.size(); i++) {
                            long t0 = System.nanoTime();
                            ResultRows r = np == 0
                                    ? (e.getKey().equals("file") ? cplain : curing).fullTextSearchRows(FullTextQuery.of(qs.get(i), k).inColumns("content").withColumns(cols))
                                    : e.getValue().nearestRows(NearestQuery.of("vector", vs.get(i), k).withNprobes(np).withColumns(cols));
                            tt[i] = System.nanoTime() - t0;
                        }
                        Arrays.sort(tt);
                        if (round > 0) System.out.printf(Locale.ROOT, "round %d %-6s %-24s p50 %.2f ms p10 %.2f%n", round, e.getKey(), a[j], tt[tt.length / 2] / 1e6, tt[tt.length / 10] / 1e6);
                    }
                }
            }
        }
    }
}
