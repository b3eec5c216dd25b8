package dev.mvs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.index.Phase2Distributor;
import dev.mvs.engine.index.Phase2Job;
import dev.mvs.engine.index.Phase2TaskResult;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Phase 2 on Spark in local mode (two task slots, a task may fail once): the guarantees of docs/distributed.md. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SparkDistributorTest {

    // One Spark context for the class: starting one costs seconds. local[2,2]: two slots, a task is tried twice.
    private static JavaSparkContext spark;
    private static Engine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("SparkDistributorTest").set("spark.ui.enabled", "false"));
        engine = Engine.start(2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
        engine.close();
    }

    /** java.util.concurrent and java.util.stream of this JDK's sources, unpacked: declaration chunks enough for two tasks. */
    private Path repo() throws IOException {
        Path repo = dir.resolve("repo");
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory() && (e.getName().startsWith("java.base/java/util/concurrent/") || e.getName().startsWith("java.base/java/util/stream/"))) {
                    Path target = repo.resolve(e.getName());
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return repo;
    }

    private IndexReport index(Path repo, Path indexDir, Phase2Distributor distributor) throws Exception {
        IndexRequest request = IndexRequest.of(repo, indexDir).withModel(Engine.MODEL_HASH).withChunker("syntax");
        return engine.index(request, new IndexProgress() {}, distributor);
    }

    @Test
    void theSparkBuiltIndexEqualsTheSingleMachineIndexRowForRow() throws Exception {
        Path repo = repo();
        IndexReport local = index(repo, dir.resolve("local"), null);
        Recording distributor = new Recording(new SparkDistributor(spark));
        IndexReport distributed = index(repo, dir.resolve("spark"), distributor);

        assertEquals(2, distributor.job.tasks().size(), "two slots, two tasks");
        // engine-cli status names the job and what it wrote
        var vectors = engine.admin(dir.resolve("spark")).status().tables().stream().filter(t -> t.name().equals("vectors.lance")).findFirst()
                .orElseThrow();
        assertEquals(1, vectors.jobs().size(), vectors.jobs().toString());
        assertEquals(distributor.job.jobId(), vectors.jobs().getFirst().jobId());
        assertEquals(distributor.job.chunks(), vectors.jobs().getFirst().rowsAdded());
        assertEquals(2, vectors.jobs().getFirst().fragmentsAdded(), "one fragment per task");
        assertTrue(distributor.job.chunks() > 0);
        assertEquals(local.chunks(), distributed.vectors());
        assertEquals(local.phase2().embedded(), distributed.phase2().embedded(), "the executors' counts reach the driver's report");
        assertEquals(local.phase2().reused(), distributed.phase2().reused());
        for (String table : List.of("chunks.lance", "vectors.lance")) {
            List<String> a = rows(dir.resolve("local"), table);
            List<String> b = rows(dir.resolve("spark"), table);
            assertEquals(a.size(), b.size(), table);
            assertEquals(a, b, table + " differs");
        }
    }

    @Test
    void aTaskFailingOnceAndATaskWrittenTwiceLeaveOneRowPerChunk() throws Exception {
        Path repo = repo();
        Path indexDir = dir.resolve("index");
        IndexReport report = index(repo, indexDir, new SparkDistributor(spark, new EmbedTasks.InjectedFaults(true, true)));
        assertEquals(report.chunks(), report.vectors());
        Path vectors = vectorsTable(indexDir);
        try (Table t = Table.open(engine.runtime(), vectors)) {
            assertEquals(report.chunks(), t.countRows());
        }
        index(repo, dir.resolve("clean"), new SparkDistributor(spark));
        assertEquals(rows(dir.resolve("clean"), "vectors.lance"), rows(indexDir, "vectors.lance"));
        assertEquals(dataFiles(vectorsTable(dir.resolve("clean"))), dataFiles(vectors),
                "the failed and duplicate attempts' files were removed after the commit: as many files as a run without faults");
    }

    @Test
    void aDriverKilledAfterItsExecutorsFinishedCommitsOnceOnTheRerun() throws Exception {
        Path repo = repo();
        Path indexDir = dir.resolve("index");
        SparkDistributor spark = new SparkDistributor(SparkDistributorTest.spark);
        Phase2Distributor diesBeforeCommit = new Phase2Distributor() {
            @Override
            public int parallelism() {
                return spark.parallelism();
            }

            @Override
            public List<Phase2TaskResult> run(Phase2Job job) throws InterruptedException {
                spark.run(job);
                throw new IllegalStateException("the driver died after its executors finished");
            }
        };
        assertThrows(IllegalStateException.class, () -> index(repo, indexDir, diesBeforeCommit));
        try (Table t = Table.open(engine.runtime(), vectorsTable(indexDir))) {
            assertEquals(0, t.countRows(), "nothing of the job is visible");
        }
        IndexReport rerun = index(repo, indexDir, spark);
        assertEquals(rerun.chunks(), rerun.vectors());
        long version;
        try (Table t = Table.open(engine.runtime(), vectorsTable(indexDir))) {
            version = t.version();
        }
        Recording after = new Recording(spark);
        index(repo, indexDir, after);
        assertEquals(null, after.job, "nothing left to embed: no job");
        try (Table t = Table.open(engine.runtime(), vectorsTable(indexDir))) {
            assertEquals(version, t.version(), "a rerun after the commit commits nothing");
        }
    }

    /** Passes jobs on, keeping the last one. */
    private static final class Recording implements Phase2Distributor {
        private final Phase2Distributor inner;
        Phase2Job job;

        Recording(Phase2Distributor inner) {
            this.inner = inner;
        }

        @Override
        public int parallelism() {
            return inner.parallelism();
        }

        @Override
        public List<Phase2TaskResult> run(Phase2Job job) throws IOException, InterruptedException {
            this.job = job;
            return inner.run(job);
        }
    }

    private static Path vectorsTable(Path indexDir) throws IOException {
        IndexLayout layout = new IndexLayout(indexDir);
        return layout.generation(EngineState.read(layout).orElseThrow().generation()).vectors();
    }

    private static long dataFiles(Path table) throws IOException {
        try (Stream<Path> files = Files.list(table.resolve("data"))) {
            return files.count();
        }
    }

    /** Every row of a table of the index's current generation, as sorted strings. */
    private static List<String> rows(Path indexDir, String table) throws IOException {
        Path path = vectorsTable(indexDir).resolveSibling(table);
        List<String> rows = new ArrayList<>();
        try (Table t = Table.open(engine.runtime(), path); ArrowReader reader = t.scan(ScanRequest.all())) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    StringBuilder row = new StringBuilder();
                    for (FieldVector v : root.getFieldVectors()) {
                        Object value = v.getObject(i);
                        row.append(v.getName()).append('=').append(value instanceof byte[] b ? Arrays.toString(b) : String.valueOf(value)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
        }
        rows.sort(null);
        return rows;
    }
}
