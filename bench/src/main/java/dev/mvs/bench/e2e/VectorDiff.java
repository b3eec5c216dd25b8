package dev.mvs.bench.e2e;

import dev.mvs.engine.Engine;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.ffi.ResultRows;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How far two indexes' vectors are apart, chunk by chunk: the check that an index built elsewhere (on a Spark cluster,
 * bench/standalone.sh) holds the same vectors as the single-machine index "within floating-point tolerance". An fp32
 * model's vectors differ in the last bits with batch shapes; an int8 model's (dynamic quantisation: one scale per batch)
 * differ more, with the texts they were batched with (docs/embedding.md). Equality is the wrong test.
 *
 * <p>{@code VectorDiff INDEX_A INDEX_B [MIN_COSINE]}: prints one line; exit 1 when the chunk ids differ or a pair of
 * vectors has a cosine below MIN_COSINE (default 0.9999).
 */
public final class VectorDiff {

    private VectorDiff() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: VectorDiff INDEX_A INDEX_B [MIN_COSINE]");
            System.exit(2);
        }
        double minCosine = args.length > 2 ? Double.parseDouble(args[2]) : 0.9999;
        try (Engine engine = Engine.start(0)) {
            Map<String, float[]> a = vectors(engine, Path.of(args[0]));
            Map<String, float[]> b = vectors(engine, Path.of(args[1]));
            if (!a.keySet().equals(b.keySet())) {
                System.out.printf(Locale.ROOT, "chunk ids differ: %,d against %,d vectors%n", a.size(), b.size());
                System.exit(1);
            }
            double[] cosines = new double[a.size()];
            int n = 0;
            float maxAbs = 0;
            long identical = 0;
            for (Map.Entry<String, float[]> e : a.entrySet()) {
                float[] x = e.getValue();
                float[] y = b.get(e.getKey());
                double dot = 0;
                double nx = 0;
                double ny = 0;
                float abs = 0;
                for (int i = 0; i < x.length; i++) {
                    dot += (double) x[i] * y[i];
                    nx += (double) x[i] * x[i];
                    ny += (double) y[i] * y[i];
                    abs = Math.max(abs, Math.abs(x[i] - y[i]));
                }
                cosines[n++] = dot / Math.sqrt(nx * ny);
                maxAbs = Math.max(maxAbs, abs);
                identical += abs == 0 ? 1 : 0;
            }
            Arrays.sort(cosines);
            System.out.printf(Locale.ROOT, "%,d vectors, same chunk ids; %,d bit-identical; cosine lowest %.7f, 1st percentile %.7f, median %.7f;"
                    + " largest component difference %.2e%n", a.size(), identical, cosines[0], cosines[cosines.length / 100],
                    cosines[cosines.length / 2], maxAbs);
            System.exit(cosines[0] >= minCosine ? 0 : 1);
        }
    }

    private static Map<String, float[]> vectors(Engine engine, Path indexDir) throws Exception {
        IndexLayout layout = new IndexLayout(indexDir);
        Path table = layout.generation(EngineState.read(layout).orElseThrow().generation()).vectors();
        Map<String, float[]> byChunk = new HashMap<>();
        try (Table t = Table.open(engine.runtime(), table)) {
            ResultRows rows = t.scanRows(ScanRequest.all().withColumns(IndexSchemas.CHUNK_ID, IndexSchemas.VECTOR));
            for (int i = 0; i < rows.size(); i++) {
                if (byChunk.put(rows.text(IndexSchemas.CHUNK_ID, i), rows.floatVector(IndexSchemas.VECTOR, i)) != null) {
                    throw new IllegalStateException("two vectors for chunk " + rows.text(IndexSchemas.CHUNK_ID, i) + " in " + table);
                }
            }
        }
        return byChunk;
    }
}
