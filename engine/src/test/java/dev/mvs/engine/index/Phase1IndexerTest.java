package dev.mvs.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.engine.scan.SkippedFile;
import dev.mvs.engine.search.IndexMissingException;
import dev.mvs.engine.search.KeywordSearch;
import dev.mvs.engine.search.SearchHit;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.Table;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phase 1 on real files: java.util.concurrent of this JDK's src.zip, unpacked into a repository. */
class Phase1IndexerTest {

    @TempDir
    Path dir;

    private Path realRepo() throws Exception {
        Path repo = dir.resolve("repo");
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().startsWith("java.base/java/util/concurrent/")) {
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

    @Test
    void indexesARealTreeAndFindsItsCodeByKeyword() throws Exception {
        Path repo = realRepo();
        Path index = dir.resolve("index");
        List<String> progress = new ArrayList<>();
        try (NativeRuntime runtime = NativeRuntime.create(2)) {
            Phase1Report report = new Phase1Indexer(runtime, new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(index)),
                    LineWindowChunker.defaults()).run(repo, index, progress::add);
            long javaFiles;
            try (var files = Files.walk(repo.resolve("java.base"))) {
                javaFiles = files.filter(p -> p.toString().endsWith(".java")).count();
            }
            assertTrue(javaFiles > 90, "java.util.concurrent has over 90 files: " + javaFiles);
            assertEquals(javaFiles + 1, report.files(), "the sources and .gitignore; not ignored/ nor the binary");
            assertTrue(report.skipped().stream().anyMatch(s -> s.reason() == SkippedFile.Reason.BINARY && s.path().equals("blob.bin")));
            assertTrue(report.chunks() > report.files());

            try (Table chunks = Table.open(runtime, index.resolve(IndexSchemas.CHUNKS_TABLE));
                 Table files = Table.open(runtime, index.resolve(IndexSchemas.FILES_TABLE))) {
                assertEquals(report.chunks(), chunks.countRows());
                assertEquals(report.files(), files.countRows());
                assertEquals(0, chunks.countRows("path LIKE 'ignored/%'"));
                assertTrue(chunks.indexes().stream().allMatch(i -> i.rowsUnindexed() == 0));
            }
            assertTrue(Files.readString(index.resolve("engine.json")).contains("\"schema_version\": 1"));

            KeywordSearch search = new KeywordSearch(runtime, index);
            List<SearchHit> hits = search.search("ConcurrentHashMap", 5, KeywordSearch.Filters.none());
            assertEquals(5, hits.size());
            assertTrue(hits.stream().anyMatch(h -> h.path().endsWith("ConcurrentHashMap.java")), hits.toString());
            assertTrue(search.search("zebracorn", 5, KeywordSearch.Filters.none()).isEmpty(), "ignored files are not indexed");
            List<SearchHit> filtered = search.search("lock", 10, new KeywordSearch.Filters("java", "**/locks/*", null));
            assertEquals(10, filtered.size());
            assertTrue(filtered.stream().allMatch(h -> h.path().contains("/locks/")), filtered.toString());

            assertThrows(IndexExistsException.class, () -> new Phase1Indexer(runtime,
                    new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(index)), LineWindowChunker.defaults()).run(repo, index, l -> {}));
            assertThrows(IndexMissingException.class, () -> new KeywordSearch(runtime, dir.resolve("none")).search("x", 1, KeywordSearch.Filters.none()));
            assertFalse(progress.isEmpty());
        }
    }
}
