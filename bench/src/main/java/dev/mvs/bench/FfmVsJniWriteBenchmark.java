package dev.mvs.bench;


import java.nio.file.Files;
import java.nio.file.Path;
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
 * Write operations through both engines on identical data: append of a 10,000-row batch (path,
 * content, 384-d vector; building the Arrow batch is part of the timed work for both), delete of
 * one path, and compaction of four fresh small fragments.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
public class FfmVsJniWriteBenchmark {

    @Param({"ffm", "jni"})
    public String engine;

    private Path dir;
    private BenchData data;
    private StorageOps ops;
    private int appendCursor;
    private int deleteCursor;
    private boolean compacting;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        dir = Files.createTempDirectory("mvs-bench-write-");
        data = BenchData.load(15_000);
        ops = Engines.open(engine);
        ops.create(dir.resolve("t.lance"), data.reader(Engines.allocator(ops), 0, 10_000, 10_000));
        appendCursor = 10_000;
        compacting = params.getBenchmark().endsWith("compaction");
    }

    /** Four fragments of 100 rows each to compact, made before every compaction (not timed). */
    @Setup(Level.Invocation)
    public void fragment() throws Exception {
        if (compacting) {
            for (int i = 0; i < 4; i++) {
                ops.append(data.reader(Engines.allocator(ops), appendCursor, appendCursor + 100, 100));
                appendCursor += 100;
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ops.close();
        dev.mvs.engine.store.FileTrees.delete(dir);
    }

    @Benchmark
    public void append10k() throws Exception {
        ops.append(data.reader(Engines.allocator(ops), appendCursor, appendCursor + 10_000, 10_000));
        appendCursor += 10_000;
    }

    /** Deletes the rows of one path (a different one each time) by predicate. */
    @Benchmark
    public void deleteByPath() throws Exception {
        ops.delete("path = '" + data.path(deleteCursor++ % 10_000).replace("'", "''") + "'");
    }

    @Benchmark
    public void compaction() throws Exception {
        ops.compact();
    }
}
