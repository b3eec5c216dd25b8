package dev.mvs.engine.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.embed.HashEmbedder;
import dev.mvs.engine.index.EmbedderSpec;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.index.IndexOptions;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.index.Indexer;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.Searcher;
import dev.mvs.ffi.MvsException;
import dev.mvs.ffi.NativeRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk during an index run: the run fails with an I/O error that says so, the index keeps
 * answering from its previous version, and once space is back the next run completes it. The
 * small disk is a 6 MiB tmpfs mounted by the test (it needs the right to mount, as root in CI;
 * elsewhere the test is skipped and says why).
 */
class DiskFullTest {

    private static final EmbedderSpec HASH = new EmbedderSpec(HashEmbedder.MODEL_ID, 64, () -> new HashEmbedder(64));

    @TempDir
    Path dir;

    @Test
    void aFullDiskFailsTheRunWithIoAndThePreviousIndexStaysReadable() throws Exception {
        Path small = dir.resolve("small");
        Files.createDirectories(small);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", small.toString()) == 0, "cannot mount a tmpfs here (not root?)");
        try (NativeRuntime runtime = NativeRuntime.create(2)) {
            Path repo = dir.resolve("repo");
            write(repo.resolve("a/Keep.java"), "class Keep { void wombatKeeper() {} }\n");
            IndexLayout layout = new IndexLayout(small.resolve("index"));
            index(runtime, repo, layout);

            Random random = new Random(1);
            for (int i = 0; i < 60; i++) { // ~12 MB of distinct text: more than the disk holds
                StringBuilder sb = new StringBuilder();
                while (sb.length() < 200_000) {
                    sb.append("line ").append(random.nextLong()).append(' ').append(random.nextLong()).append('\n');
                }
                write(repo.resolve("big/F" + i + ".txt"), sb.toString());
            }
            Exception full = assertThrows(Exception.class, () -> index(runtime, repo, layout));
            assertTrue(full instanceof MvsException.Io || full instanceof IOException, "an I/O error, typed: " + full);
            assertTrue(String.valueOf(full.getMessage()).toLowerCase().contains("space"), "the message says the disk is full: " + full.getMessage());

            try (Searcher s = Searcher.open(runtime, layout.dir(), 1)) {
                assertFalse(s.search(SearchRequest.of("wombatKeeper", 3).withMode(SearchMode.KEYWORD)).hits().isEmpty(),
                        "the previous version still answers");
            }
            dev.mvs.engine.store.FileTrees.delete(repo.resolve("big"));
            IndexReport after = index(runtime, repo, layout);
            assertEquals(1, after.files());
            assertEquals(after.chunks(), after.vectors());
        } finally {
            run("umount", small.toString());
        }
    }

    private static IndexReport index(NativeRuntime runtime, Path repo, IndexLayout layout) throws Exception {
        return new Indexer(runtime, new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir())), LineWindowChunker.defaults(),
                IndexProgress.NONE).run(repo, layout, IndexOptions.of(HASH));
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }


    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
