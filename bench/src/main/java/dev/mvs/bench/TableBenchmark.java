package dev.mvs.bench;


import dev.mvs.ffi.FillingArrowReader;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of crossing the FFM boundary for small table operations. Run:
 * {@code java --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED -jar bench/target/benchmarks.jar}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class TableBenchmark {

    private static final Schema SCHEMA = new Schema(List.of(new Field("n", FieldType.notNullable(new ArrowType.Int(64, true)), null)));
    private static final int ROWS = 100_000;

    private Path dir;
    private NativeRuntime runtime;
    private Table table;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("mvs-bench-");
        runtime = NativeRuntime.create(2);
        boolean[] done = {false};
        table = Table.create(runtime, dir.resolve("t.lance"), new FillingArrowReader(runtime.allocator(), SCHEMA, root -> {
            if (done[0]) {
                return false;
            }
            BigIntVector n = (BigIntVector) root.getVector("n");
            n.allocateNew(ROWS);
            for (int i = 0; i < ROWS; i++) {
                n.set(i, i);
            }
            n.setValueCount(ROWS);
            root.setRowCount(ROWS);
            done[0] = true;
            return true;
        }));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        table.close();
        runtime.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A metadata-only call: the boundary plus Lance's row count from the manifest. */
    @Benchmark
    public long countRows() {
        return table.countRows();
    }

    /** A filtered scan of 1,000 of 100,000 rows, batches imported through the C stream interface. */
    @Benchmark
    public long filteredScan() throws IOException {
        long rows = 0;
        try (ArrowReader reader = table.scan(ScanRequest.all().withFilter("n < 1000"))) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        return rows;
    }
}
