package dev.mvs.engine.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.embed.HashEmbedder;
import dev.mvs.engine.index.EmbedderSpec;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.error.EngineException;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.index.IndexOptions;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.index.Indexer;
import dev.mvs.engine.store.RunLog;
import dev.mvs.engine.store.WriterLock;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.engine.scan.SkippedFile;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.VectorIndexHealth;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexAdminTest {

    private static final EmbedderSpec HASH = new EmbedderSpec(HashEmbedder.MODEL_ID, 16, () -> new HashEmbedder(16));

    @TempDir
    Path dir;
    private NativeRuntime runtime;
    private Path repo;
    private IndexLayout layout;
    private IndexAdmin admin;

    @BeforeEach
    void setUp() throws Exception {
        runtime = NativeRuntime.create(2);
        repo = dir.resolve("repo");
        for (int i = 0; i < 20; i++) {
            write("src/F" + i + ".java", ("class F" + i + " { int f() { return " + i + "; } }\n").repeat(30));
        }
        Files.write(repo.resolve("src/blob.bin"), new byte[] {0, 1, 2});
        layout = new IndexLayout(dir.resolve("index"));
        admin = new IndexAdmin(runtime, layout.dir());
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private void write(String path, String text) throws Exception {
        Path p = repo.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private IndexReport index() throws Exception {
        return new Indexer(runtime, new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir())), LineWindowChunker.defaults(),
                IndexProgress.NONE).run(repo, layout, IndexOptions.of(HASH));
    }

    @Test
    void statusShowsCountsTablesAndSkippedFilesWithReasons() throws Exception {
        IndexReport r = index();
        StatusReport s = admin.status();
        assertEquals(r.files(), s.state().files());
        assertEquals(100.0, s.embeddedPercent(), 1e-9);
        assertEquals(3, s.tables().size());
        assertTrue(s.skipped().stream().anyMatch(k -> k.path().equals("src/blob.bin") && k.reason() == SkippedFile.Reason.BINARY), s.skipped().toString());
        assertEquals(1, s.lastRun().run());
        assertFalse(s.interrupted());
        assertThrows(EngineException.IndexMissing.class, () -> new IndexAdmin(runtime, dir.resolve("none")).status());
    }

    @Test
    void statusSaysWhetherVectorSearchIsOnItsFastPath() throws Exception {
        for (int i = 0; i < 300; i++) {
            write("gen/Class" + i + ".java", "final class Class" + i + " {\n    int weight" + i + "() {\n        return " + i + ";\n    }\n}\n");
        }
        new Indexer(runtime, new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir())), LineWindowChunker.defaults(),
                IndexProgress.NONE).run(repo, layout, IndexOptions.of(HASH).withVectorIndexMinRows(256));
        StatusReport s = admin.status();
        for (TableStatus t : s.tables()) {
            if (t.name().equals("vectors.lance")) {
                assertTrue(t.vectorIndex() != null && t.vectorIndex().onFastPath(), String.valueOf(t.vectorIndex()));
                assertEquals("IVF_RQ", t.vectorIndexType(), "the pipeline's index, named in status");
            } else {
                assertEquals(null, t.vectorIndex(), t.name());
            }
        }
        // A deletion file takes every search off the fast path until the next run: status says so.
        IndexLayout.Generation g = layout.generation(s.state().generation());
        try (Table vectors = Table.open(runtime, g.vectors())) {
            vectors.delete("chunk_id = '" + vectors.scanRows(ScanRequest.all().withColumns("chunk_id").withLimit(1)).text("chunk_id", 0) + "'");
        }
        TableStatus after = admin.status().tables().stream().filter(t -> t.name().equals("vectors.lance")).findFirst().orElseThrow();
        assertEquals(1, after.vectorIndex().fragmentsWithDeletions(), after.vectorIndex().toString());
    }

    @Test
    void verifyAcceptsTheSmallGapARunLeavesToTheEnginesVectorQuery() throws Exception {
        IndexOptions options = IndexOptions.of(HASH).withVectorIndexMinRows(256);
        for (int i = 0; i < 300; i++) {
            write("gen/Class" + i + ".java", "final class Class" + i + " {\n    int weight" + i + "() {\n        return " + i + ";\n    }\n}\n");
        }
        Indexer indexer = new Indexer(runtime, new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir())), LineWindowChunker.defaults(),
                IndexProgress.NONE);
        indexer.run(repo, layout, options);
        write("gen/Class7.java", "final class Class7 {\n    int weight7() {\n        return 70;\n    }\n}\n");
        indexer.run(repo, layout, options);
        TableStatus vectors = admin.status().tables().stream().filter(t -> t.name().equals("vectors.lance")).findFirst().orElseThrow();
        assertTrue(vectors.vectorIndex().servedDirectly() && !vectors.vectorIndex().onFastPath(), vectors.vectorIndex().toString());
        VerifyReport report = admin.verify(m -> {});
        assertTrue(report.clean(), report.problems().toString());
    }

    @Test
    void foldVectorsFoldsWhatARunLeftForLaterAndRecordsItAsThatRunsVersion() throws Exception {
        IndexOptions options = IndexOptions.of(HASH).withVectorIndexMinRows(256).withFoldVectorsLater(true);
        for (int i = 0; i < 300; i++) {
            write("gen/Class" + i + ".java", "final class Class" + i + " {\n    int weight" + i + "() {\n        return " + i + ";\n    }\n}\n");
        }
        Indexer indexer = new Indexer(runtime, new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir())), LineWindowChunker.defaults(),
                IndexProgress.NONE);
        assertFalse(indexer.run(repo, layout, options).vectorFoldDue(), "the build leaves no gap");
        for (int i = 0; i < 600; i++) { // more new rows than the engine's query compares itself (512)
            write("more/Class" + i + ".java", "final class More" + i + " {\n    int more" + i + "() {\n        return " + i + ";\n    }\n}\n");
        }
        IndexReport due = indexer.run(repo, layout, options);
        assertTrue(due.vectorFoldDue(), due.toString());
        assertFalse(vectorHealth().servedDirectly(), vectorHealth().toString());

        try (WriterLock writer = WriterLock.acquire(layout.lockFile(), Duration.ZERO, m -> {})) {
            assertEquals(IndexAdmin.FoldReport.Outcome.WRITER_BUSY, admin.foldVectors(m -> {}).outcome(), "never waits for a writer");
        }
        assertEquals(IndexAdmin.FoldReport.Outcome.FOLDED, admin.foldVectors(m -> {}).outcome());

        assertTrue(vectorHealth().servedDirectly(), vectorHealth().toString());
        IndexLayout.Generation g = layout.generation(due.generation());
        List<RunLog.Snapshot> runs = RunLog.runs(g);
        assertEquals(2, runs.size(), "a fold is no run of its own: " + runs);
        try (Table vectors = Table.open(runtime, g.vectors())) {
            // The next run finds the tables as the last run left them, so it compares only the paths it changed.
            assertEquals(vectors.version(), runs.getLast().vectorsVersion());
        }
        assertEquals(IndexAdmin.FoldReport.Outcome.NOTHING_TO_FOLD, admin.foldVectors(m -> {}).outcome());
        assertTrue(admin.verify(m -> {}).clean());
    }

    private VectorIndexHealth vectorHealth() throws Exception {
        return admin.status().tables().stream().filter(t -> t.name().equals("vectors.lance")).findFirst().orElseThrow().vectorIndex();
    }

    @Test
    void verifyIsCleanOnAGoodIndexAndFindsADamagedDataFile() throws Exception {
        index();
        VerifyReport ok = admin.verify(m -> {});
        assertTrue(ok.clean(), ok.problems().toString());
        assertTrue(ok.checked().size() >= 4, ok.checked().toString());

        Path data = largestFile(layout.generation(EngineState.read(layout).orElseThrow().generation()).chunks().resolve("data"));
        try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        VerifyReport bad = admin.verify(m -> {});
        assertFalse(bad.clean());
        assertTrue(bad.problems().stream().anyMatch(p -> p.what().contains("chunks.lance")), bad.problems().toString());
        assertTrue(bad.problems().stream().allMatch(p -> p.fix().startsWith("engine-cli")), bad.problems().toString());
    }

    @Test
    void verifyReportsAnInterruptedRun() throws Exception {
        index();
        Files.writeString(layout.generation(EngineState.read(layout).orElseThrow().generation()).dir().resolve("journal"), "");
        VerifyReport r = admin.verify(m -> {});
        assertTrue(r.problems().stream().anyMatch(p -> p.what().contains("interrupted") && p.fix().startsWith("engine-cli index")), r.toString());
    }

    @Test
    void restoreRollsAllThreeTablesBackToACompletedRunTogether() throws Exception {
        IndexReport first = index();
        String firstTrusted = EngineState.read(layout).orElseThrow().statsTrusted();
        Files.delete(repo.resolve("src/F1.java"));
        write("src/New.java", "class New { void added() {} }\n");
        IndexReport second = index();
        assertNotEquals(firstTrusted, EngineState.read(layout).orElseThrow().statsTrusted());
        List<IndexAdmin.RestorePoint> points = admin.versions();
        assertEquals(2, points.size());
        assertTrue(points.stream().allMatch(IndexAdmin.RestorePoint::available));

        admin.restore(1, Duration.ZERO);
        IndexLayout.Generation g = layout.generation(EngineState.read(layout).orElseThrow().generation());
        try (Table files = Table.open(runtime, g.files()); Table chunks = Table.open(runtime, g.chunks());
             Table vectors = Table.open(runtime, g.vectors())) {
            assertEquals(first.files(), files.countRows());
            assertEquals(first.chunks(), chunks.countRows());
            assertEquals(first.vectors(), vectors.countRows());
            assertEquals(1, files.countRows("path = 'src/F1.java'"));
            assertEquals(0, chunks.countRows("path = 'src/New.java'"));
        }
        assertTrue(admin.verify(m -> {}).clean());
        assertEquals(first.files(), EngineState.read(layout).orElseThrow().files());
        // files.lance holds run 1's rows again: its stats are trusted only as far as run 1 trusted them
        assertEquals(firstTrusted, EngineState.read(layout).orElseThrow().statsTrusted());
        // the next index run brings it back in step with the tree
        IndexReport third = index();
        assertEquals(second.files(), third.files());
        assertEquals(second.chunks(), third.chunks());
        assertThrows(EngineException.InvalidRequest.class, () -> admin.restore(99, Duration.ZERO));
    }

    @Test
    void compactMergesFragmentsAndKeepsEveryRow() throws Exception {
        index();
        for (int i = 0; i < 4; i++) {
            write("src/F" + i + ".java", "class F" + i + " { int g() { return " + (i * 7) + "; } }\n");
            Thread.sleep(5);
            index();
        }
        long chunks = EngineState.read(layout).orElseThrow().chunks();
        IndexAdmin.CompactReport r = admin.compact(Duration.ZERO, m -> {});
        assertTrue(r.fragmentsAfter() < r.fragmentsBefore(), r.toString());
        assertEquals(3, r.fragmentsAfter(), "one fragment per table: " + r);
        assertTrue(admin.verify(m -> {}).clean());
        IndexLayout.Generation g = layout.generation(EngineState.read(layout).orElseThrow().generation());
        try (Table t = Table.open(runtime, g.chunks())) {
            assertEquals(chunks, t.countRows());
        }
    }

    @Test
    void resetDeletesTheIndexButNotWhileAWriterRuns() throws Exception {
        index();
        try (WriterLock held = WriterLock.acquire(layout.lockFile(), Duration.ZERO, m -> {})) {
            assertThrows(EngineException.IndexBusy.class, admin::reset);
        }
        assertTrue(Files.exists(layout.engineJson()));
        admin.reset();
        assertFalse(Files.exists(layout.dir()));
        assertThrows(EngineException.IndexMissing.class, admin::reset);
    }

    private static Path largestFile(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = new ArrayList<>(s.toList());
            files.sort((a, b) -> Long.compare(b.toFile().length(), a.toFile().length()));
            return files.getFirst();
        }
    }
}
