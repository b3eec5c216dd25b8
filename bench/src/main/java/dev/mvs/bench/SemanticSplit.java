package dev.mvs.bench;

import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.store.Sql;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.ffi.IndexInfo;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.NearestQuery;
import dev.mvs.ffi.ResultRows;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;
import org.apache.arrow.vector.ipc.ArrowReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Where a semantic query's time goes on an existing index (issue 18): the vector query on
 * vectors.lance alone (k 10, the engine's nprobes and refine), then the hits' text from chunks.lance
 * by {@code chunk_id IN (...)} (what {@code SemanticSearch} does), and the same rows by a take of
 * their {@code _rowid}s (the row-address fetch the issue asks to compare). Queries are seeded random
 * unit vectors: latency, not relevance. One warm-up pass, then p50 / p99 of a measured pass.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.mvs.bench.SemanticSplit INDEX [QUERIES]</pre>
 */
public final class SemanticSplit {

    private static final List<String> HIT_COLUMNS = List.of(IndexSchemas.CHUNK_ID, IndexSchemas.PATH, IndexSchemas.START_LINE,
            IndexSchemas.END_LINE, IndexSchemas.SYMBOL, IndexSchemas.KIND, IndexSchemas.CONTENT, IndexSchemas.CONTENT_HASH);

    private SemanticSplit() {}

    public static void main(String[] args) throws Exception {
        Path index = Path.of(args[0]);
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        IndexLayout layout = new IndexLayout(index);
        EngineState state = EngineState.read(layout).orElseThrow(() -> new IllegalArgumentException("no index at " + index));
        IndexLayout.Generation g = layout.generation(state.generation());
        try (NativeRuntime runtime = NativeRuntime.create(Runtime.getRuntime().availableProcessors());
             Table vectors = Table.open(runtime, g.vectors());
             Table chunks = Table.open(runtime, g.chunks())) {
            long rows = vectors.countRows();
            SearchRequest.VectorSetting setting = SearchRequest.defaultVectorSetting(rows, state.dimension(),
                    vectors.indexOn(IndexSchemas.VECTOR).map(IndexInfo::type).orElse(null));
            System.out.printf(Locale.ROOT, "%s: %,d vectors in %d fragments, %,d deleted rows; nprobes %d, refine %d%n", index, rows,
                    vectors.stats().fragments(), vectors.stats().deletedRows(), setting.nprobes(), setting.refineFactor());
            List<float[]> vectorsAsked = randomUnitVectors(queries, state.dimension());
            long[][] times = new long[3][queries];
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < queries; i++) {
                    long t0 = System.nanoTime();
                    ResultRows nearest = vectors.nearestRows(NearestQuery.of(IndexSchemas.VECTOR, vectorsAsked.get(i), 10)
                            .withColumns(IndexSchemas.CHUNK_ID).withNprobes(setting.nprobes()).withRefine(setting.refineFactor()));
                    long t1 = System.nanoTime();
                    String in = inList(nearest);
                    ResultRows text = chunks.scanRows(ScanRequest.all().withColumns(HIT_COLUMNS.toArray(String[]::new)).withFilter(in));
                    long t2 = System.nanoTime();
                    long[] rowIds = rowIds(chunks, in);
                    long t3 = System.nanoTime();
                    int taken = 0;
                    try (ArrowReader reader = chunks.takeRows(rowIds, HIT_COLUMNS)) {
                        while (reader.loadNextBatch()) {
                            taken += reader.getVectorSchemaRoot().getRowCount();
                        }
                    }
                    long t4 = System.nanoTime();
                    if (text.size() != nearest.size() || taken != nearest.size()) {
                        throw new IllegalStateException("fetched " + text.size() + " and " + taken + " rows for " + nearest.size() + " hits");
                    }
                    if (pass == 1) {
                        times[0][i] = t1 - t0;
                        times[1][i] = t2 - t1;
                        times[2][i] = t4 - t3;
                    }
                }
            }
            System.out.println("| step | p50 ms | p99 ms |");
            System.out.println("|---|---|---|");
            String[] steps = {"vector query (k 10)", "text by chunk_id IN (...)", "text by take of _rowid (ids known)"};
            for (int s = 0; s < steps.length; s++) {
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f |%n", steps[s], percentile(times[s], 0.5), percentile(times[s], 0.99));
            }
        }
    }

    private static List<float[]> randomUnitVectors(int n, int dimension) {
        Random random = new Random(18);
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] v = new float[dimension];
            double norm = 0;
            for (int j = 0; j < dimension; j++) {
                v[j] = (float) random.nextGaussian();
                norm += v[j] * v[j];
            }
            for (int j = 0; j < dimension; j++) {
                v[j] /= (float) Math.sqrt(norm);
            }
            out.add(v);
        }
        return out;
    }

    /** The hits' {@code chunk_id IN (...)}: k is far below {@link Sql#IN_LIST_MAX}, so one predicate. */
    private static String inList(ResultRows nearest) {
        List<String> ids = new ArrayList<>(nearest.size());
        for (int k = 0; k < nearest.size(); k++) {
            ids.add(nearest.text(IndexSchemas.CHUNK_ID, k));
        }
        return Sql.inLists(IndexSchemas.CHUNK_ID, ids).getFirst();
    }

    /** The rows' {@code _rowid}s, read outside the timed take: what a result would carry to fetch by row address. */
    private static long[] rowIds(Table chunks, String in) {
        ResultRows ids = chunks.scanRows(ScanRequest.all().withColumns("_rowid").withFilter(in));
        long[] out = new long[ids.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ids.int64("_rowid", k);
        }
        return out;
    }

    private static double percentile(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }
}
