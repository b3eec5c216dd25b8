package dev.mvs.engine.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.embed.HashEmbedder;
import dev.mvs.engine.index.EmbedderSpec;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.index.IndexOptions;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.index.Indexer;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.SearchResult;
import dev.mvs.engine.search.Searcher;
import dev.mvs.ffi.NativeRuntime;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to each kind of file an index has — the newest manifest, a data file, a deletion file, an
 * index file: verify finds it and names a fix, readers keep working where a readable version exists,
 * and the named fix repairs it. No test deletes the index to recover.
 */
class CorruptionTest {

    private static final EmbedderSpec HASH = new EmbedderSpec(HashEmbedder.MODEL_ID, 16, () -> new HashEmbedder(16));

    @TempDir
    Path dir;
    private NativeRuntime runtime;
    private Path repo;
    private IndexLayout layout;
    private IndexAdmin admin;
    private final List<String> messages = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        runtime = NativeRuntime.create(2);
        repo = dir.resolve("repo");
        for (int i = 0; i < 30; i++) {
            Path p = repo.resolve("src/F" + i + ".java");
            Files.createDirectories(p.getParent());
            Files.writeString(p, ("class F" + i + " { int quokka" + i + "() { return " + i + "; } }\n").repeat(40));
        }
        layout = new IndexLayout(dir.resolve("index"));
        admin = new IndexAdmin(runtime, layout.dir());
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private IndexReport index(boolean rebuild) throws Exception {
        IndexProgress progress = new IndexProgress() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        return new Indexer(runtime, new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir())), LineWindowChunker.defaults(),
                progress).run(repo, layout, IndexOptions.of(HASH).withRebuild(rebuild));
    }

    private IndexLayout.Generation current() throws Exception {
        return layout.generation(EngineState.read(layout).orElseThrow().generation());
    }

    /** Two runs, so the tables have an older version to fall back to and a deletion file. */
    private void twoRuns() throws Exception {
        index(false);
        Files.writeString(repo.resolve("src/F3.java"), "class F3 { int changed() { return 3; } }\n");
        index(false);
        assertTrue(admin.verify(m -> {}).clean());
    }

    @Test
    void aDamagedNewestManifestIsSteppedAroundByReadersAndRepairedByTheNextRun() throws Exception {
        twoRuns();
        Path manifest = newest(current().chunks().resolve("_versions"), ".manifest");
        truncate(manifest);

        VerifyReport damaged = admin.verify(m -> {});
        assertFalse(damaged.clean());
        assertTrue(damaged.problems().stream().anyMatch(p -> p.what().contains("chunks.lance")), damaged.toString());

        try (Searcher s = Searcher.open(runtime, layout.dir(), 1)) {
            SearchResult r = s.search(SearchRequest.of("quokka7", 3).withMode(SearchMode.KEYWORD));
            assertNotNull(r.note());
            assertTrue(r.note().contains("newest readable"), r.note());
            assertFalse(r.hits().isEmpty(), "an older version still answers");
        }
        index(false);
        assertTrue(messages.stream().anyMatch(m -> m.contains("quarantine")), messages.toString());
        assertTrue(Files.isDirectory(current().dir().resolve("quarantine/chunks.lance")), "the damaged manifest is kept, not deleted");
        VerifyReport repaired = admin.verify(m -> {});
        assertTrue(repaired.clean(), repaired.problems().toString());
    }

    @Test
    void aDamagedDataFileIsFoundAndARebuildRepairsIt() throws Exception {
        twoRuns();
        flipBytes(largest(current().chunks().resolve("data")));
        VerifyReport damaged = admin.verify(m -> {});
        assertFalse(damaged.clean());
        assertTrue(damaged.problems().stream().anyMatch(p -> p.what().contains("chunks.lance") && p.fix().contains("engine-cli")), damaged.toString());
        String old = current().name();
        index(true);
        assertTrue(admin.verify(m -> {}).clean());
        assertTrue(Files.isDirectory(layout.generation(old).dir()), "the damaged generation is kept until the next run, not deleted as 'recovery'");
    }

    @Test
    void aDamagedDeletionFileIsFound() throws Exception {
        twoRuns();
        Path deletions = current().chunks().resolve("_deletions");
        assertTrue(Files.isDirectory(deletions), "the edit deleted rows");
        truncate(newest(deletions, ""));
        assertFalse(admin.verify(m -> {}).clean());
        index(true);
        assertTrue(admin.verify(m -> {}).clean(), "a rebuild beside the damaged generation repairs it");
    }

    @Test
    void aDamagedIndexFileIsFound() throws Exception {
        twoRuns();
        Path indices = current().chunks().resolve("_indices");
        Path victim;
        try (Stream<Path> files = Files.walk(indices)) {
            victim = files.filter(Files::isRegularFile).max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        truncate(victim);
        VerifyReport r = admin.verify(m -> {});
        assertFalse(r.clean(), "damaged " + victim);
        assertTrue(r.problems().stream().anyMatch(p -> p.what().contains("index")), r.toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.fix().contains("--rebuild")), r.toString());
        index(true);
        assertTrue(admin.verify(m -> {}).clean(), "the fix it names repairs it");
    }

    private static Path newest(Path dir, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElseThrow();
        }
    }

    private static Path largest(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
    }

    private static void truncate(Path p) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
    }

    private static void flipBytes(Path p) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            long len = f.length();
            for (long at : new long[] {len / 3, len / 2, len - 16}) {
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(~b);
            }
        }
    }
}
