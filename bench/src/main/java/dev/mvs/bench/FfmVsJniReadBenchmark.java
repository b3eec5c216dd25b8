package dev.mvs.bench;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Read operations through mvs-engine's FFM API and the official Lance Java binding (JNI) on the
 * same 20,000 rows: an empty native call, a filtered scan and an ANN query (IVF_PQ, k=10, equal
 * nprobes and refine). Recall@10 of each engine's ANN query against exact search is printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
public class FfmVsJniReadBenchmark {

    static final int ROWS = 20_000;
    static final int QUERIES = 50;
    static final int NPROBES = 16;
    static final int REFINE = 10;
    static final String FILTER = "path LIKE 'java.base/java/util/%'";

    @Param({"ffm", "jni"})
    public String engine;

    private Path dir;
    private StorageOps ops;
    private float[][] queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        dir = Files.createTempDirectory("mvs-bench-read-");
        BenchData data = BenchData.load(15_000);
        ops = Engines.open(engine);
        ops.create(dir.resolve("t.lance"), data.reader(Engines.allocator(ops), 0, ROWS, 10_000));
        ops.createIvfPq(64, 48);
        queries = new float[QUERIES][];
        for (int i = 0; i < QUERIES; i++) {
            queries[i] = BenchData.vector(1_000_000L + i);
        }
        if (params.getBenchmark().endsWith("annQuery")) {
            System.out.printf(Locale.ROOT, "%nrecall@10 engine=%s nprobes=%d refine=%d: %.3f%n", engine, NPROBES, REFINE, recall());
        }
    }

    private double recall() throws Exception {
        try (FfmOps truth = new FfmOps(2)) {
            truth.open(dir.resolve("t.lance"));
            int hits = 0;
            for (float[] q : queries) {
                Set<String> exact = new HashSet<>(truth.exactNearest(q, 10));
                List<String> got = ops.nearest(q, 10, NPROBES, REFINE);
                hits += (int) got.stream().filter(exact::contains).count();
            }
            return hits / (10.0 * QUERIES);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ops.close();
        dev.mvs.engine.store.FileTrees.delete(dir);
    }

    /** The cheapest native call: the open table's version. */
    @Benchmark
    public long emptyCall() throws Exception {
        return ops.version();
    }

    /** path LIKE prefix over 20,000 rows (about 1,000 match), columns path and content read. */
    @Benchmark
    public long filteredScan() throws Exception {
        return ops.filteredScan(FILTER);
    }

    /** k=10 nearest of 20,000 384-d vectors through IVF_PQ (64 partitions, 48 sub-vectors). */
    @Benchmark
    public List<String> annQuery() throws Exception {
        return ops.nearest(queries[next++ % QUERIES], 10, NPROBES, REFINE);
    }
}
