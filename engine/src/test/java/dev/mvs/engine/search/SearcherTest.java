package dev.mvs.engine.search;

import dev.mvs.engine.error.EngineException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.chunk.SyntaxChunker;
import dev.mvs.engine.embed.HashEmbedder;
import dev.mvs.engine.index.EmbedderSpec;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.FileTrees;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.index.IndexOptions;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.Indexer;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three modes over a small hand-made repository indexed with the deterministic hash embedder. */
class SearcherTest {

    private static final EmbedderSpec HASH = new EmbedderSpec(HashEmbedder.MODEL_ID, 64, () -> new HashEmbedder(64));

    @TempDir
    Path dir;
    private NativeRuntime runtime;
    private Path repo;
    private Path index;

    @BeforeEach
    void setUp() throws Exception {
        runtime = NativeRuntime.create(2);
        repo = dir.resolve("repo");
        write("src/net/Headers.java", "class Headers {\n  Map<String, String> parseHttpHeaders(String raw) { return split(raw); }\n}\n");
        write("src/net/Copy.java", "class Headers {\n  Map<String, String> parseHttpHeaders(String raw) { return split(raw); }\n}\n");
        write("src/io/Files.java", "class Files {\n  byte[] readAllBytes(Path path) { return read(path); }\n}\n");
        write("lib/tool.py", "def read_file_lines(path):\n    return open(path).read().splitlines()\n");
        for (int i = 0; i < 30; i++) {
            write("gen/G" + i + ".java", "class G" + i + " { int value" + i + "() { return " + i + "; } }\n");
        }
        index = dir.resolve("index");
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

    private void index(boolean phase1Only) throws Exception {
        new Indexer(runtime, new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(index)), LineWindowChunker.defaults(),
                IndexProgress.NONE).run(repo, new IndexLayout(index), IndexOptions.of(HASH).withPhase1Only(phase1Only));
    }

    @Test
    void hybridIsTheDefaultOnceEmbeddedAndGroupsIdenticalChunks() throws Exception {
        index(false);
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            SearchResult r = s.search(SearchRequest.of("parse http headers", 3));
            assertEquals(SearchMode.HYBRID, r.mode());
            assertNull(r.note());
            SearchHit top = r.hits().getFirst();
            assertTrue(top.path().equals("src/net/Copy.java") || top.path().equals("src/net/Headers.java"), r.hits().toString());
            assertEquals(1, top.alsoIn().size(), "the identical copy is grouped under the top hit: " + top);
            assertTrue(r.hits().stream().noneMatch(h -> h != top && h.contentHash().equals(top.contentHash())));
        }
    }

    @Test
    void semanticFindsByWordsSharedWithTheQuery() throws Exception {
        index(false);
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            SearchResult r = s.search(SearchRequest.of("read all bytes of a path", 1).withMode(SearchMode.SEMANTIC));
            assertEquals("src/io/Files.java", r.hits().getFirst().path(), r.hits().toString());
            assertTrue(r.hits().getFirst().score() > 0 && r.hits().getFirst().score() <= 1.0001f, "cosine similarity: " + r.hits());
        }
    }

    @Test
    void filtersArePrefiltersSoKResultsComeBackWheneverKMatch() throws Exception {
        index(false);
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            for (SearchMode mode : SearchMode.values()) {
                SearchResult py = s.search(SearchRequest.of("parse http headers", 5).withMode(mode)
                        .withFilters(new Filters("python", null, null, null)));
                assertTrue(py.hits().stream().allMatch(h -> h.path().equals("lib/tool.py")), mode + ": " + py.hits());
                SearchResult gen = s.search(SearchRequest.of("value", 10).withMode(mode).withFilters(new Filters(null, "gen/**", null, null)));
                assertTrue(gen.hits().stream().allMatch(h -> h.path().startsWith("gen/")), mode + ": " + gen.hits());
                if (mode != SearchMode.KEYWORD) {
                    // nearest neighbours exist for every chunk: the filter leaves 30, and 10 come back
                    assertEquals(10, gen.hits().size(), mode + ": " + gen.hits());
                }
                SearchResult notGen = s.search(SearchRequest.of("value", 10).withMode(mode).withFilters(new Filters(null, null, "gen/**", null)));
                assertTrue(notGen.hits().stream().noneMatch(h -> h.path().startsWith("gen/")), mode + ": " + notGen.hits());
            }
        }
    }

    @Test
    void aKindFilterMatchesEachKindOfAMergedChunk() throws Exception {
        write("lib/shapes.py", "class Square:\n    side = 2\n\n\ndef area_of_square(square):\n    return square.side ** 2\n");
        new Indexer(runtime, new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(index)), SyntaxChunker.defaults(),
                IndexProgress.NONE).run(repo, new IndexLayout(index), IndexOptions.of(HASH));
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            for (SearchMode mode : SearchMode.values()) {
                for (String kind : List.of("class", "function")) {
                    SearchResult r = s.search(SearchRequest.of("area of square", 5).withMode(mode).withFilters(new Filters(null, null, null, kind)));
                    SearchHit top = r.hits().getFirst();
                    assertEquals("lib/shapes.py", top.path(), mode + " " + kind + ": " + r.hits());
                    assertEquals("class, function", top.kind());
                    assertEquals("Square, area_of_square", top.symbol());
                }
                SearchResult methods = s.search(SearchRequest.of("area of square", 5).withMode(mode).withFilters(new Filters(null, null, null, "method")));
                assertTrue(methods.hits().stream().allMatch(h -> h.kind().equals("method")), mode + ": " + methods.hits());
                SearchResult fun = s.search(SearchRequest.of("area of square", 5).withMode(mode).withFilters(new Filters(null, null, null, "fun")));
                assertTrue(fun.hits().isEmpty(), "a kind is a whole word: " + fun.hits());
            }
        }
        for (String notAKind : List.of("Function", "class, function", "%", "")) {
            EngineException.InvalidRequest e = assertThrows(EngineException.InvalidRequest.class, () -> new Filters(null, null, null, notAKind));
            assertTrue(e.getMessage().contains("lowercase words"), e.getMessage());
        }
    }

    @Test
    void eachKeywordHitComesWithItsOwnChunk() throws Exception {
        // BM25 ranks the short chunk that repeats the word above the long one that says it once; the hits' rows are
        // taken by row id after the search, so a hit paired with another candidate's row would put the long one first.
        write("doc/zebra.md", "zebra zebra zebra\n");
        write("doc/animals.md", "a zebra, a lion, a giraffe, an elephant, a rhinoceros, a hippopotamus, a crocodile and a leopard live here\n");
        index(true);
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            List<SearchHit> hits = s.search(SearchRequest.of("zebra", 5).withMode(SearchMode.KEYWORD)).hits();
            assertEquals(List.of("doc/zebra.md", "doc/animals.md"), hits.stream().map(SearchHit::path).toList(), hits.toString());
            assertTrue(hits.get(0).score() > hits.get(1).score(), hits.toString());
            assertTrue(hits.get(1).snippet().contains("giraffe"), hits.toString());
        }
    }

    @Test
    void equalScoresComeInAStableOrder() throws Exception {
        index(false);
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            List<SearchHit> a = s.search(SearchRequest.of("class", 20).withMode(SearchMode.KEYWORD)).hits();
            List<SearchHit> b = s.search(SearchRequest.of("class", 20).withMode(SearchMode.KEYWORD)).hits();
            assertEquals(a, b);
            for (int i = 1; i < a.size(); i++) {
                SearchHit p = a.get(i - 1);
                SearchHit h = a.get(i);
                assertTrue(p.score() > h.score() || (p.score() == h.score() && p.path().compareTo(h.path()) <= 0), a.toString());
            }
        }
    }

    @Test
    void keywordIsTheDefaultBeforePhase2AndSaysSo() throws Exception {
        index(true);
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            SearchResult r = s.search(SearchRequest.of("parse http headers", 3));
            assertEquals(SearchMode.KEYWORD, r.mode());
            assertNotNull(r.note());
            assertTrue(r.note().contains("no embeddings"), r.note());
            EngineException.IndexMissing e = assertThrows(EngineException.IndexMissing.class,
                    () -> s.search(SearchRequest.of("x", 1).withMode(SearchMode.SEMANTIC)));
            assertTrue(e.getMessage().contains("engine-cli index"), e.getMessage());
        }
    }

    @Test
    void badRequestsAreRejectedWithTheReason() {
        assertThrows(EngineException.InvalidRequest.class, () -> SearchRequest.of(" ", 3));
        assertThrows(EngineException.InvalidRequest.class, () -> SearchRequest.of("x", 0));
        assertThrows(EngineException.InvalidRequest.class, () -> SearchRequest.of("x", 3).withWeights(0, 0));
        assertThrows(EngineException.InvalidRequest.class, () -> SearchMode.parse("fuzzy"));
    }

    @Test
    void globsThisEngineCannotMatchAreRefusedNotTakenLiterally() {
        for (String glob : new String[] {"src/{a,b}/**", "src/[ab]/*.java", " "}) {
            EngineException.InvalidRequest e = assertThrows(EngineException.InvalidRequest.class, () -> new Filters(null, glob, null, null));
            assertTrue(e.getMessage().contains("glob"), e.getMessage());
            assertThrows(EngineException.InvalidRequest.class, () -> new Filters(null, null, glob, null));
        }
        assertEquals("path LIKE 'src/%/\\_x?.java'".replace("?", "_"), new Filters(null, "src/**/_x?.java", null, null).sql());
    }

    @Test
    void everyModeShowsASnippetAroundTheQueryNotTheWholeChunk() throws Exception {
        StringBuilder text = new StringBuilder("class Archive {\n");
        for (int i = 0; i < 10; i++) {
            text.append("  int filler").append(i).append(" = ").append(i).append(";\n");
        }
        text.append("  long checksum(byte[] zipped) { return crc(zipped); }\n}\n");
        write("src/zip/Archive.java", text.toString());
        index(false);
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            for (SearchMode mode : SearchMode.values()) {
                SearchHit hit = s.search(SearchRequest.of("checksum zipped", 10).withMode(mode)).hits().stream()
                        .filter(h -> h.path().equals("src/zip/Archive.java")).findFirst().orElseThrow(() -> new AssertionError(mode + " missed it"));
                assertEquals(List.of("  int filler9 = 9;", "  long checksum(byte[] zipped) { return crc(zipped); }", "}"), hit.snippet().lines().toList(),
                        mode + ": from the line before the first that holds a query word");
            }
            SearchHit similar = s.similar("src/io/Files.java", null, 40, Filters.none()).hits().stream()
                    .filter(h -> h.path().equals("src/zip/Archive.java")).findFirst().orElseThrow();
            assertEquals(4, similar.snippet().lines().count(), "without a query, the chunk's first lines: " + similar.snippet());
        }
    }

    @Test
    void similarLeavesOutTheSeedButNotItsCopiesElsewhere() throws Exception {
        index(false);
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            for (Integer line : new Integer[] {2, null}) {
                SearchResult r = s.similar("src/net/Headers.java", line, 3, Filters.none());
                assertEquals(SearchMode.SEMANTIC, r.mode());
                SearchHit top = r.hits().getFirst();
                assertEquals("src/net/Copy.java", top.path(), r.hits().toString());
                assertTrue(top.score() > 0.999f, "an identical copy is at distance 0: " + top);
                assertTrue(top.alsoIn().isEmpty(), "the seed is not grouped under its copy: " + top);
                assertTrue(r.hits().stream().noneMatch(h -> h.path().equals("src/net/Headers.java")), r.hits().toString());
            }
            SearchResult python = s.similar("src/net/Headers.java", 2, 3, new Filters("python", null, null, null));
            assertEquals(List.of("lib/tool.py"), python.hits().stream().map(SearchHit::path).toList());
            EngineException.InvalidRequest noFile = assertThrows(EngineException.InvalidRequest.class,
                    () -> s.similar("src/net/Nope.java", null, 3, Filters.none()));
            assertTrue(noFile.getMessage().contains("no file src/net/Nope.java"), noFile.getMessage());
            EngineException.InvalidRequest noLine = assertThrows(EngineException.InvalidRequest.class,
                    () -> s.similar("src/net/Headers.java", 400, 3, Filters.none()));
            assertTrue(noLine.getMessage().contains("holds line 400"), noLine.getMessage());
        }
    }

    @Test
    void aNewIndexKeepsEachHitWholeInVectorsLance() throws Exception {
        index(false);
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            assertTrue(s.index().vectorsCarryHits(), "a new index's vectors.lance has the hit column");
        }
    }

    @Test
    void aVersionOneIndexWithoutTheHitColumnSearchesAlikeAndIsUpdatedInItsOwnSchema() throws Exception {
        index(false);
        List<String> queries = List.of("parse http headers", "read all bytes", "read file lines", "value7");
        List<List<SearchHit>> before = new ArrayList<>();
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            for (String q : queries) {
                before.add(s.search(SearchRequest.of(q, 5).withMode(SearchMode.SEMANTIC)).hits());
            }
            before.add(s.similar("src/net/Headers.java", 2, 3, Filters.none()).hits());
        }
        // What an engine of schema version 1 wrote: vectors.lance without the hit column, engine.json saying 1.
        IndexLayout layout = new IndexLayout(index);
        Path vectors = layout.generation(EngineState.read(layout).orElseThrow().generation()).vectors();
        Path v1 = dir.resolve("v1.lance");
        try (Table t = Table.open(runtime, vectors);
             Table copy = Table.create(runtime, v1, t.scan(ScanRequest.all().withColumns(IndexSchemas.vectors(64, false).getFields().stream()
                     .map(f -> f.getName()).toArray(String[]::new))))) {
            assertFalse(IndexSchemas.hasHit(copy.schema()));
        }
        FileTrees.delete(vectors);
        Files.move(v1, vectors);
        Path json = layout.engineJson();
        String state = Files.readString(json);
        Files.writeString(json, state.replaceFirst("(\"schema_?[vV]ersion\"\\s*:\\s*)2", "$11"));
        assertEquals(1, EngineState.read(layout).orElseThrow().schemaVersion());
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            assertFalse(s.index().vectorsCarryHits());
            List<List<SearchHit>> after = new ArrayList<>();
            for (String q : queries) {
                after.add(s.search(SearchRequest.of(q, 5).withMode(SearchMode.SEMANTIC)).hits());
            }
            after.add(s.similar("src/net/Headers.java", 2, 3, Filters.none()).hits());
            assertEquals(before.size(), after.size());
            assertTrue(before.stream().filter(h -> aboveTheLastScore(h).size() >= 2).count() >= 3, "the comparison has hits to compare");
            for (int q = 0; q < before.size(); q++) {
                // The same hits and similarities, up to float rounding: the engine's exact re-rank and Lance's sum in
                // another order, so hits at equal distance (the hash embedder has many) may swap, at the cut too.
                assertEquals(scores(before.get(q)), scores(after.get(q)), "similarities of query " + q);
                assertEquals(aboveTheLastScore(before.get(q)), aboveTheLastScore(after.get(q)), "hits read from chunks.lance equal the hits kept whole");
            }
        }
        write("src/io/Files.java", "class Files {\n  byte[] readAllBytes(Path path) { return read(path); }\n  long sizeOfTheFile(Path p) { return 0; }\n}\n");
        index(false);
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            assertFalse(s.index().vectorsCarryHits(), "an update appends rows in the table's own schema");
            assertTrue(s.search(SearchRequest.of("size of the file", 3).withMode(SearchMode.SEMANTIC)).hits().stream()
                    .anyMatch(h -> h.path().equals("src/io/Files.java") && h.snippet().contains("sizeOfTheFile")));
        }
    }

    private static List<Long> scores(List<SearchHit> hits) {
        return hits.stream().map(h -> Math.round(h.score() * 1e4)).toList();
    }

    /** The hits scored above the lowest one, as a set: those no tie can swap out. */
    private static Set<SearchHit> aboveTheLastScore(List<SearchHit> hits) {
        long last = hits.isEmpty() ? 0 : Math.round(hits.getLast().score() * 1e4);
        return hits.stream().filter(h -> Math.round(h.score() * 1e4) > last).map(h -> h.withScore(0)).collect(Collectors.toSet());
    }

    @Test
    void readReturnsTheStoredLinesAcrossOverlappingWindows() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 130; i++) {
            text.append("line ").append(i).append(i % 7 == 0 ? "" : " of the long file").append('\n');
        }
        write("src/Long.txt", text.toString());
        index(true);
        List<String> lines = text.toString().lines().toList();
        try (Searcher s = Searcher.open(runtime, index, 1)) {
            StoredText middle = s.read("src/Long.txt", 45, 75);
            assertEquals(45, middle.startLine());
            assertEquals(75, middle.endLine());
            assertEquals(String.join("\n", lines.subList(44, 75)), middle.text());
            assertEquals(List.of(1, 51), middle.chunks().stream().map(StoredText.Span::startLine).toList(), middle.chunks().toString());
            StoredText tail = s.read("src/Long.txt", 120, 500);
            assertEquals(130, tail.endLine());
            assertEquals(String.join("\n", lines.subList(119, 130)), tail.text());
            assertThrows(EngineException.InvalidRequest.class, () -> s.read("src/Long.txt", 10, 5));
            assertThrows(EngineException.InvalidRequest.class, () -> s.read("src/Long.txt", 1, 5000));
            EngineException.InvalidRequest none = assertThrows(EngineException.InvalidRequest.class, () -> s.read("src/Short.txt", 1, 5));
            assertTrue(none.getMessage().contains("no file src/Short.txt"), none.getMessage());
        }
    }

    @Test
    void aReopenedSearcherSeesTheNewestRun() throws Exception {
        index(false);
        try (Searcher first = Searcher.open(runtime, index, 1)) {
            assertTrue(first.search(SearchRequest.of("quaternion", 3).withMode(SearchMode.KEYWORD)).hits().isEmpty());
            first.embed("warm the model");
            assertSame(first, first.latest(), "nothing committed since it was opened");
            write("src/math/Rotation.java", "class Rotation {\n  double[] quaternion(double angle) { return axis(angle); }\n}\n");
            index(false);
            try (Searcher next = first.latest()) {
                assertNotSame(first, next, "a run committed");
                for (SearchMode mode : SearchMode.values()) {
                    SearchResult r = next.search(SearchRequest.of("quaternion", 1).withMode(mode));
                    assertEquals("src/math/Rotation.java", r.hits().getFirst().path(), mode + ": " + r.hits());
                }
            }
        }
    }
}
