package dev.mvs.engine.index;

import dev.mvs.engine.store.ChunkingFallbacks;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.engine.store.WriterLock;

import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.EngineState;

import dev.mvs.engine.RealCorpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.chunk.SyntaxChunker;
import dev.mvs.engine.embed.HashEmbedder;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.engine.scan.SkippedFile;
import dev.mvs.engine.error.EngineException;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.Searcher;
import dev.mvs.engine.search.SearchHit;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.VectorIndexHealth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.attribute.FileTime;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index runs on real files: java.util.concurrent of this JDK's src.zip, unpacked into a repository. */
class IndexerTest {

    static final EmbedderSpec HASH_64 = new EmbedderSpec("hash-v1", 64, () -> new HashEmbedder(64));

    @TempDir
    Path dir;
    private NativeRuntime runtime;
    private Path repo;
    private IndexLayout layout;
    private Clock clock = Clock.systemUTC();

    @BeforeEach
    void setUp() throws Exception {
        runtime = NativeRuntime.create(2);
        repo = realRepo(dir.resolve("repo"), "java.base/java/util/concurrent/");
        layout = new IndexLayout(dir.resolve("index"));
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    static Path realRepo(Path repo, String prefix) throws Exception {
        Path zip = RealCorpora.jdkSrcZip();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().startsWith(prefix)) {
                    Path target = repo.resolve(e.getName());
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        Files.writeString(repo.resolve(".gitignore"), "*.class\nignored/\n");
        Files.createDirectories(repo.resolve("ignored"));
        Files.writeString(repo.resolve("ignored/Secret.java"), "class Secret { String token = \"zebracorn\"; }\n");
        Files.write(repo.resolve("blob.bin"), new byte[] {1, 2, 0, 3});
        return repo;
    }

    private IndexReport index(IndexOptions options, List<String> messages) throws Exception {
        Discovery discovery = new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir()));
        IndexProgress progress = new IndexProgress() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        return new Indexer(runtime, discovery, LineWindowChunker.defaults(), progress, clock).run(repo, layout, options);
    }

    private IndexReport index() throws Exception {
        return index(IndexOptions.of(HASH_64), new ArrayList<>());
    }

    @Test
    void indexesARealTreeEmbedsEveryChunkAndFindsItsCodeByKeyword() throws Exception {
        IndexReport report = index();
        long javaFiles;
        try (var files = Files.walk(repo.resolve("java.base"))) {
            javaFiles = files.filter(p -> p.toString().endsWith(".java")).count();
        }
        assertTrue(javaFiles > 90, "java.util.concurrent has over 90 files: " + javaFiles);
        assertEquals(javaFiles + 1, report.files(), "the sources and .gitignore; not ignored/ nor the binary");
        assertTrue(report.sync().skipped().stream().anyMatch(s -> s.reason() == SkippedFile.Reason.BINARY && s.path().equals("blob.bin")));
        assertTrue(report.chunks() > report.files());
        assertEquals(report.chunks(), report.vectors(), "every chunk has a vector");
        assertEquals(report.chunks(), report.phase2().missing());
        assertTrue(report.phase2().embedded() > 0 && report.phase2().embedded() <= report.chunks());

        IndexLayout.Generation g = layout.generation(report.generation());
        try (Table chunks = Table.open(runtime, g.chunks()); Table vectors = Table.open(runtime, g.vectors())) {
            assertEquals(0, chunks.countRows("path LIKE 'ignored/%'"));
            assertTrue(chunks.indexes().stream().allMatch(i -> i.rowsUnindexed() == 0), chunks.indexes().toString());
            assertEquals(64, ((org.apache.arrow.vector.types.pojo.ArrowType.FixedSizeList) vectors.schema().findField("vector").getType()).getListSize());
        }
        EngineState state = EngineState.read(layout).orElseThrow();
        assertEquals(report.generation(), state.generation());
        assertEquals("hash-v1", state.modelId());
        assertEquals(null, state.building());

        try (Searcher search = Searcher.open(runtime, layout.dir(), 1)) {
            List<SearchHit> hits = search.search(SearchRequest.of("ConcurrentHashMap", 5).withMode(SearchMode.KEYWORD)).hits();
            assertEquals(5, hits.size());
            assertTrue(hits.stream().anyMatch(h -> h.path().endsWith("ConcurrentHashMap.java")), hits.toString());
            assertTrue(search.search(SearchRequest.of("zebracorn", 5).withMode(SearchMode.KEYWORD)).hits().isEmpty(),
                    "ignored files are not indexed");
        }
        assertThrows(EngineException.IndexMissing.class, () -> Searcher.open(runtime, dir.resolve("none"), 1));
    }

    @Test
    void aRacilyCleanFileWhoseHashIsUnchangedKeepsItsRow() throws Exception {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(repo)) {
            sources = walk.filter(Files::isRegularFile).toList();
        }
        // Later than the build's end: too recent for its recheck to settle, so the next run reads and hashes them all.
        FileTime soon = FileTime.fromMillis(System.currentTimeMillis() + 60_000);
        for (Path f : sources) {
            Files.setLastModifiedTime(f, soon);
        }
        IndexReport first = index();
        Path files = layout.generation(first.generation()).files();
        long version;
        try (Table t = Table.open(runtime, files)) {
            version = t.version();
        }
        IndexReport second = index();
        assertEquals(first.files(), second.sync().rereadFiles(), second.sync().toString());
        assertEquals(0, second.sync().changedFiles(), second.sync().toString());
        assertEquals(0, second.sync().touchedFiles(), second.sync().toString());
        assertEquals(first.files(), second.sync().unchangedFiles());
        try (Table t = Table.open(runtime, files)) {
            assertEquals(version, t.version(), "files.lance was written");
        }
    }

    @Test
    void aBuildReadsItsRacilyCleanFilesAgainSoTheNextRunReadsNone() throws Exception {
        long copied = setAllMtimes(-1_000); // a tree copied just before the build: every file racily clean for it
        clock = new SteppingClock(KnownFiles.RACY_MILLIS + 500);
        IndexReport build = index();
        assertTrue(copied > 90, "files " + copied);
        EngineState state = EngineState.read(layout).orElseThrow();
        assertTrue(java.time.Instant.parse(state.statsTrusted()).isAfter(java.time.Instant.parse(state.updated())), state.toString());
        IndexReport next = index();
        assertEquals(0, next.sync().rereadFiles(), next.sync().toString());
        assertEquals(0, next.sync().changedFiles(), next.sync().toString());
        assertEquals(build.files(), next.sync().unchangedFiles());
    }

    @Test
    void aFileSavedAgainInTheSameTickWhileTheBuildRanIsReadByTheNextRun() throws Exception {
        setAllMtimes(-1_500);
        Path file = repo.resolve("java.base/java/util/concurrent/Semaphore.java");
        String text = Files.readString(file);
        FileTime mtime = FileTime.fromMillis(System.currentTimeMillis() - 1_000); // the last file copied
        Files.setLastModifiedTime(file, mtime);
        String saved = text.replace("class Semaphore", "class Quokkafor"); // same length
        assertNotEquals(text, saved);
        clock = new SteppingClock(KnownFiles.RACY_MILLIS + 500);
        boolean[] savedAgain = {false};
        // After phase 1 read it, before the run's end: the user saves it again within the same mtime tick.
        index(IndexOptions.of(HASH_64), new ArrayList<>() {
            @Override
            public boolean add(String message) {
                if (message.startsWith("loading the embedding model") && !savedAgain[0]) {
                    try {
                        Files.writeString(file, saved);
                        Files.setLastModifiedTime(file, mtime);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    savedAgain[0] = true;
                }
                return super.add(message);
            }
        });
        assertTrue(savedAgain[0], "the save went in while the build ran");
        IndexReport next = index();
        assertEquals(1, next.sync().changedFiles(), next.sync().toString());
        assertEquals(0, next.sync().rereadFiles(), "the files modified before it were settled: " + next.sync());
        try (Searcher search = Searcher.open(runtime, layout.dir(), 1)) {
            assertEquals(1, search.search(SearchRequest.of("Quokkafor", 5).withMode(SearchMode.KEYWORD)).hits().size());
        }
    }

    /** Sets every file's mtime this far from now; returns how many files. */
    private long setAllMtimes(long offsetMillis) throws IOException {
        FileTime t = FileTime.fromMillis(System.currentTimeMillis() + offsetMillis);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(repo)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Files.setLastModifiedTime(f, t);
        }
        return files.size();
    }

    /** Each reading is {@code step} later than the one before: a run always ends long enough after it started for its racy files to settle. */
    private static final class SteppingClock extends Clock {
        private final long step;
        private long readings;

        SteppingClock(long step) {
            this.step = step;
        }

        @Override
        public synchronized long millis() {
            return System.currentTimeMillis() + step * readings++;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis());
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aSecondRunWithNothingChangedReadsNoFileAndEmbedsNothing() throws Exception {
        IndexReport first = index();
        clock = Clock.offset(Clock.systemUTC(), Duration.ofMillis(KnownFiles.RACY_MILLIS + 100)); // every mtime now falls safely before the run
        IndexReport second = index();
        IndexReport third = index();
        assertEquals(first.generation(), third.generation());
        assertEquals(0, third.sync().changedFiles(), third.sync().toString());
        assertEquals(first.files(), third.sync().unchangedFiles());
        assertEquals(0, third.phase2().missing());
        assertEquals(first.chunks(), third.chunks());
        assertEquals(first.vectors(), third.vectors());
        assertTrue(second.sync().changedFiles() <= first.files());
    }

    @Test
    void editDeleteAndRenameUpdateEveryTableAndReuseVectors() throws Exception {
        IndexReport first = index();
        Path pkg = repo.resolve("java.base/java/util/concurrent");
        Path edited = pkg.resolve("Semaphore.java");
        Files.writeString(edited, Files.readString(edited) + "\n// quokkaword appended by the test\n");
        Files.delete(pkg.resolve("Exchanger.java"));
        Files.move(pkg.resolve("Phaser.java"), pkg.resolve("PhaserMoved.java"));

        IndexReport second = index();
        assertEquals(first.generation(), second.generation(), "an incremental run keeps the generation");
        assertEquals(first.files() - 1, second.files());
        assertEquals(2, second.sync().changedFiles(), "the edited file and the renamed one: " + second.sync());
        assertEquals(2, second.sync().deletedFiles(), "the deleted file and the rename's old path: " + second.sync());
        assertEquals(second.chunks(), second.vectors());
        // The rename's chunks have new ids (the path is part of the id) but their text is known: reused.
        assertTrue(second.phase2().reused() > 0, second.phase2().toString());
        assertTrue(second.phase2().embedded() <= 3, "only the edited file's last windows are new text: " + second.phase2());

        IndexLayout.Generation g = layout.generation(second.generation());
        try (Table chunks = Table.open(runtime, g.chunks()); Table vectors = Table.open(runtime, g.vectors());
             Table files = Table.open(runtime, g.files())) {
            for (Table t : List.of(chunks, vectors, files)) {
                assertEquals(0, t.countRows("path LIKE '%Exchanger.java'"), t.path().toString());
                assertEquals(0, t.countRows("path LIKE '%/Phaser.java'"), t.path().toString());
                assertTrue(t.countRows("path LIKE '%PhaserMoved.java'") > 0, t.path().toString());
            }
        }
        List<SearchHit> hits;
        try (Searcher search = Searcher.open(runtime, layout.dir(), 1)) {
            hits = search.search(SearchRequest.of("quokkaword", 3).withMode(SearchMode.KEYWORD)).hits();
        }
        assertEquals(1, hits.size());
        assertTrue(hits.getFirst().path().endsWith("Semaphore.java"));
    }

    @Test
    void anotherModelIsRefusedWithTheCommandThatFixesIt() throws Exception {
        index();
        EmbedderSpec other = new EmbedderSpec("hash-v1", 32, () -> new HashEmbedder(32));
        EngineException.IncompatibleIndex e = assertThrows(EngineException.IncompatibleIndex.class, () -> index(IndexOptions.of(other), new ArrayList<>()));
        assertTrue(e.getMessage().contains("engine-cli index --rebuild"), e.getMessage());
    }

    @Test
    void theFallbacksOfSyntaxChunksDescribeTheWholeIndexAfterIncrementalRuns() throws Exception {
        Discovery discovery = new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir()));
        Indexer syntax = new Indexer(runtime, discovery, SyntaxChunker.defaults(), new IndexProgress() {}, clock);
        Files.writeString(repo.resolve("notes.txt"), "no grammar for this\n");
        Files.writeString(repo.resolve("Broken.java"), "@@@ ))) ((( ]]]\n### {{{ <<< >>>\n%%% &&& ||| !!!\n");
        IndexReport first = syntax.run(repo, layout, IndexOptions.of(HASH_64));
        // .gitignore (realRepo's) has no grammar either
        assertEquals(java.util.Map.of("unparsable", 1L, "unsupported", 2L), first.sync().fallbacks());
        IndexLayout.Generation g = layout.generation(first.generation());
        assertEquals(java.util.Map.of("Broken.java", "unparsable", "notes.txt", "unsupported", ".gitignore", "unsupported"), ChunkingFallbacks.read(g));

        // An incremental run that reads neither file keeps their entries; fixing one and deleting the other removes them.
        Files.writeString(repo.resolve("java.base/java/util/concurrent/Added.java"), "class Added {}\n");
        IndexReport unrelated = syntax.run(repo, layout, IndexOptions.of(HASH_64));
        assertEquals(java.util.Map.of(), unrelated.sync().fallbacks());
        assertEquals(java.util.Map.of("Broken.java", "unparsable", "notes.txt", "unsupported", ".gitignore", "unsupported"), ChunkingFallbacks.read(g));
        Files.writeString(repo.resolve("Broken.java"), "class Broken {\n  void fixed() {}\n}\n");
        Files.delete(repo.resolve("notes.txt"));
        syntax.run(repo, layout, IndexOptions.of(HASH_64));
        assertEquals(java.util.Map.of(".gitignore", "unsupported"), ChunkingFallbacks.read(g));
    }

    @Test
    void anotherChunkerOrTruncationIsRefusedAndRecordedOnRebuild() throws Exception {
        index();
        EngineState first = EngineState.read(layout).orElseThrow();
        assertEquals("lines", first.chunker());
        assertEquals(0, first.maxTokens(), "the hash embedder does not truncate");
        Discovery discovery = new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir()));
        Indexer syntax = new Indexer(runtime, discovery, SyntaxChunker.defaults(), new IndexProgress() {});
        EngineException.IncompatibleIndex chunkers = assertThrows(EngineException.IncompatibleIndex.class, () -> syntax.run(repo, layout, IndexOptions.of(HASH_64)));
        assertTrue(chunkers.getMessage().contains("was chunked with \"lines\", this run uses \"syntax\""), chunkers.getMessage());
        EmbedderSpec truncating = new EmbedderSpec(HASH_64.modelId(), HASH_64.dimension(), 128, HASH_64.loader());
        syntax.run(repo, layout, IndexOptions.of(truncating).withRebuild(true));
        EngineState rebuilt = EngineState.read(layout).orElseThrow();
        assertEquals("syntax", rebuilt.chunker());
        assertEquals(128, rebuilt.maxTokens());
        EngineException.IncompatibleIndex tokens = assertThrows(EngineException.IncompatibleIndex.class,
                () -> syntax.run(repo, layout, IndexOptions.of(new EmbedderSpec(HASH_64.modelId(), HASH_64.dimension(), 256, HASH_64.loader()))));
        assertTrue(tokens.getMessage().contains("truncated at 128 tokens, this run truncates at 256"), tokens.getMessage());
        assertEquals(rebuilt.chunks(), syntax.run(repo, layout, IndexOptions.of(truncating)).chunks(), "the recorded settings run as before");
    }

    @Test
    void withHeadersAMovedFileIsEmbeddedAgainAndSwitchingWhatIsEmbeddedNeedsARebuild() throws Exception {
        EmbedderSpec headers = HASH_64.withInput(EmbeddedText.HEADER);
        IndexReport first = index(IndexOptions.of(headers), new ArrayList<>());
        assertEquals("header", EngineState.read(layout).orElseThrow().embedded());
        Path pkg = repo.resolve("java.base/java/util/concurrent");
        long windows;
        try (Table chunks = Table.open(runtime, layout.generation(first.generation()).chunks())) {
            windows = chunks.countRows("path LIKE '%/Phaser.java'");
        }
        Files.move(pkg.resolve("Phaser.java"), pkg.resolve("PhaserMoved.java"));
        IndexReport moved = index(IndexOptions.of(headers), new ArrayList<>());
        // The header names the path, so the old vectors do not describe the moved text: embedded again, not reused.
        assertEquals(windows, moved.phase2().embedded(), moved.phase2().toString());
        assertEquals(0, moved.phase2().reused(), moved.phase2().toString());
        EngineException.IncompatibleIndex text = assertThrows(EngineException.IncompatibleIndex.class, () -> index());
        assertTrue(text.getMessage().contains("embedded the chunks' header, this run embeds their text"), text.getMessage());
        IndexReport rebuilt = index(IndexOptions.of(HASH_64).withRebuild(true), new ArrayList<>());
        assertEquals(rebuilt.chunks(), rebuilt.phase2().embedded(), "vectors of headed texts are not reused for bare texts");
        assertEquals("text", EngineState.read(layout).orElseThrow().embedded());
    }

    @Test
    void aRebuildSwitchesToANewGenerationReusingVectorsAndTheNextRunRemovesTheOld() throws Exception {
        IndexReport first = index();
        IndexReport rebuilt = index(IndexOptions.of(HASH_64).withRebuild(true), new ArrayList<>());
        assertNotEquals(first.generation(), rebuilt.generation());
        assertEquals(first.chunks(), rebuilt.chunks());
        assertEquals(0, rebuilt.phase2().embedded(), "the old generation's vectors are reused: " + rebuilt.phase2());
        assertTrue(Files.isDirectory(layout.generation(first.generation()).dir()), "kept until the next run for open readers");
        index();
        assertFalse(Files.exists(layout.generation(first.generation()).dir()));
    }

    @Test
    void aSecondWriterIsToldWhoHoldsTheLock() throws Exception {
        Files.createDirectories(layout.dir());
        try (WriterLock held = WriterLock.acquire(layout.lockFile(), Duration.ZERO, m -> {})) {
            EngineException.IndexBusy e = assertThrows(EngineException.IndexBusy.class, this::index);
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        index(); // released: the next writer gets it
    }

    @Test
    void fragmentsStayBoundedOverManySmallRunsWithIndexes() throws Exception {
        fragmentsStayBounded(IndexOptions.of(HASH_64));
    }

    @Test
    void fragmentsStayBoundedOverManySmallRunsWithAVectorIndexKeptOnItsFastPath() throws Exception {
        fragmentsStayBounded(IndexOptions.of(HASH_64).withVectorIndexMinRows(256));
    }

    private void fragmentsStayBounded(IndexOptions options) throws Exception {
        index(options, new ArrayList<>());
        List<Path> sources;
        try (Stream<Path> files = Files.list(repo.resolve("java.base/java/util/concurrent"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (int i = 0; i < 25; i++) {
            // Another file each run: its rows leave an older fragment and a new small one is written,
            // so the fragment count grows run by run until the compaction policy steps in.
            Path edited = sources.get(i);
            Files.writeString(edited, Files.readString(edited) + "\n// run " + i + "\n");
            index(options, new ArrayList<>());
        }
        IndexLayout.Generation g = layout.generation(EngineState.read(layout).orElseThrow().generation());
        for (Path table : List.of(g.files(), g.chunks(), g.vectors())) {
            try (Table t = Table.open(runtime, table)) {
                assertTrue(t.stats().fragments() <= TableMaintenance.MAX_FRAGMENTS + 1, table + ": " + t.stats());
                // The vector index takes new rows only when its upkeep merges: until then the engine's query compares them one by one.
                assertTrue(t.indexes().stream().allMatch(i -> i.rowsUnindexed() == 0 || i.name().equals(TableMaintenance.VECTOR_INDEX)),
                        table + ": " + t.indexes());
                if (t.indexes().stream().anyMatch(i -> i.column().equals("vector"))) {
                    VectorIndexHealth health = t.vectorIndexHealth(TableMaintenance.VECTOR_INDEX);
                    // 25 runs each leave a new fragment: the upkeep must have folded them in past the 8 the direct query serves.
                    assertTrue(health.searchesOnFastPath(), health.toString());
                }
            }
        }
    }

    @Test
    void vectorSearchStaysOnLancesFastPathAfterEditsDeletesAndRenames() throws Exception {
        IndexOptions options = IndexOptions.of(HASH_64).withVectorIndexMinRows(256);
        index(options, new ArrayList<>());
        Path pkg = repo.resolve("java.base/java/util/concurrent");
        Path edited = pkg.resolve("Semaphore.java");
        String original = Files.readString(edited);
        List<String> runs = List.of("edit", "the same file again", "delete", "rename");
        for (String run : runs) {
            switch (run) {
                case "edit" -> Files.writeString(edited, original + "\n// first edit\n");
                case "the same file again" -> Files.writeString(edited, original + "\n// second edit\n");
                case "delete" -> Files.delete(pkg.resolve("Exchanger.java"));
                default -> Files.move(pkg.resolve("Phaser.java"), pkg.resolve("PhaserMoved.java"));
            }
            IndexReport report = index(options, new ArrayList<>());
            IndexLayout.Generation g = layout.generation(report.generation());
            try (Table vectors = Table.open(runtime, g.vectors())) {
                VectorIndexHealth health = vectors.vectorIndexHealth(TableMaintenance.VECTOR_INDEX);
                // A small run's deleted and new rows wait for a later merge; the engine's query serves them meanwhile.
                assertTrue(health.searchesOnFastPath(), "after the run '" + run + "': " + health);
                assertEquals(report.chunks(), vectors.countRows(), run);
                assertEquals(vectors.stats().deletedRows(), health.deletedRows(), run);
            }
        }
    }

    @Test
    void aSmallRunLeavesItsGapToTheEnginesQueryAndALargerOneIsFoldedIn() throws Exception {
        IndexOptions options = IndexOptions.of(HASH_64).withVectorIndexMinRows(256);
        index(options, new ArrayList<>());
        List<Path> sources;
        try (Stream<Path> files = Files.list(repo.resolve("java.base/java/util/concurrent"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        boolean gapLeft = false;
        boolean folded = false;
        for (int i = 0; i < 12; i++) {
            Path edited = sources.get(i);
            Files.writeString(edited, Files.readString(edited) + "\n// run " + i + "\n");
            IndexReport report = index(options, new ArrayList<>());
            try (Table vectors = Table.open(runtime, layout.generation(report.generation()).vectors())) {
                VectorIndexHealth health = vectors.vectorIndexHealth(TableMaintenance.VECTOR_INDEX);
                assertTrue(health.searchesOnFastPath(), "run " + i + ": " + health);
                folded |= gapLeft && health.uncoveredFragments() == 0;
                gapLeft |= health.uncoveredFragments() > 0;
            }
        }
        // Each run appends a fragment the index does not cover: past 8 of them, the upkeep merges them in (and leaves the
        // few deleted rows, VectorUpkeepTest).
        assertTrue(gapLeft, "a one-file run leaves its rows to the engine's query");
        assertTrue(folded, "a gap past the direct query's limits is folded in");
    }

    @Test
    void aRunLeavesTheVectorFoldToItsCallerUnlessTheLastRunsFoldWasNotDone() throws Exception {
        IndexOptions options = IndexOptions.of(HASH_64).withVectorIndexMinRows(256).withFoldVectorsLater(true);
        index(options, new ArrayList<>());
        List<Path> sources;
        try (Stream<Path> files = Files.list(repo.resolve("java.base/java/util/concurrent"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        int i = 0;
        IndexReport due = null;
        for (; i < 12 && due == null; i++) {
            Files.writeString(sources.get(i), Files.readString(sources.get(i)) + "\n// run " + i + "\n");
            IndexReport report = index(options, new ArrayList<>());
            due = report.vectorFoldDue() ? report : null;
            assertEquals(due == null, health(report).searchesOnFastPath(), "run " + i + ": " + health(report));
        }
        assertTrue(due != null, "the ninth unindexed fragment makes the fold due");

        // Its caller did not fold: the next run does, and leaves nothing due.
        Files.writeString(sources.get(i), Files.readString(sources.get(i)) + "\n// run " + i + "\n");
        IndexReport next = index(options, new ArrayList<>());
        assertFalse(next.vectorFoldDue(), next.toString());
        assertTrue(health(next).searchesOnFastPath(), health(next).toString());
    }

    private VectorIndexHealth health(IndexReport report) {
        try (Table vectors = Table.open(runtime, layout.generation(report.generation()).vectors())) {
            return vectors.vectorIndexHealth(TableMaintenance.VECTOR_INDEX);
        }
    }

    @Test
    void phase1OnlyLeavesEmbeddingToALaterRun() throws Exception {
        IndexReport p1 = index(IndexOptions.of(HASH_64).withPhase1Only(true), new ArrayList<>());
        assertEquals(0, p1.vectors());
        assertEquals(null, p1.phase2());
        IndexReport p2 = index();
        assertEquals(p1.chunks(), p2.phase2().missing());
        assertEquals(p2.chunks(), p2.vectors());
    }

    @Test
    void aRunAfterAPhase1OnlyRunEmbedsWhatThatRunLeftNotOnlyItsOwnPaths() throws Exception {
        index();
        Path pkg = repo.resolve("java.base/java/util/concurrent");
        append(pkg.resolve("Semaphore.java"), "// edited by a phase-1-only run");
        IndexReport p1 = index(IndexOptions.of(HASH_64).withPhase1Only(true), new ArrayList<>());
        assertTrue(p1.vectors() < p1.chunks(), "phase 1 alone leaves the edited file without vectors: " + p1);
        append(pkg.resolve("Exchanger.java"), "// edited by the next run");

        IndexReport next = index();

        // Its phase 1 rewrote Exchanger.java only; Semaphore.java's chunks still lacked vectors.
        assertEquals(next.chunks(), next.vectors(), next.toString());
    }

    @Test
    void aRunAfterVectorsChangedSinceTheLastRunComparesTheWholeTables() throws Exception {
        IndexReport first = index();
        IndexLayout.Generation g = layout.generation(first.generation());
        try (Table vectors = Table.open(runtime, g.vectors())) {
            // What a run killed after deleting a path's vectors leaves (its journal aside): the versions moved on.
            assertTrue(vectors.delete("path LIKE '%/Semaphore.java'") > 0);
        }
        append(repo.resolve("java.base/java/util/concurrent/Exchanger.java"), "// edited");

        IndexReport next = index();

        assertEquals(next.chunks(), next.vectors(), next.toString());
        try (Table vectors = Table.open(runtime, g.vectors())) {
            assertTrue(vectors.countRows("path LIKE '%/Semaphore.java'") > 0, "the deleted vectors were embedded again");
        }
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(file, Files.readString(file) + "\n" + line + "\n");
    }
}
