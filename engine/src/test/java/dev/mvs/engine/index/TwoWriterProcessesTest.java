package dev.mvs.engine.index;

import dev.mvs.engine.error.EngineException;

import dev.mvs.engine.store.IndexLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.Searcher;
import dev.mvs.ffi.NativeRuntime;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second writer process is refused with the first one's pid (or waits with --wait), while readers
 * go on searching the published index; when the first writer is killed, its lock is taken over.
 */
class TwoWriterProcessesTest {

    @TempDir
    Path dir;

    @Test
    void theSecondWriterIsRefusedReadersAreUnaffectedAndADeadWritersLockIsTakenOver() throws Exception {
        Path repo = dir.resolve("repo");
        new TreeMutator(repo, 7).generate(60);
        IndexLayout layout = new IndexLayout(dir.resolve("index"));
        try (NativeRuntime runtime = NativeRuntime.create(2)) {
            index(runtime, repo, layout, Duration.ZERO);
            new TreeMutator(repo, 8).generate(80); // work for the child: new files to embed slowly
            Process child = start(repo, layout.dir());
            try (BufferedReader out = child.inputReader()) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("stage phase2")) {
                    // wait until the child holds the lock and is embedding
                }
                assertTrue(child.isAlive(), "the child is still writing");
                EngineException.IndexBusy busy = assertThrows(EngineException.IndexBusy.class, () -> index(runtime, repo, layout, Duration.ZERO));
                assertTrue(busy.getMessage().contains("pid " + child.pid()), busy.getMessage());

                try (Searcher s = Searcher.open(runtime, layout.dir(), 1)) {
                    assertFalse(s.search(SearchRequest.of("lock queue", 5).withMode(SearchMode.KEYWORD)).hits().isEmpty(),
                            "readers never wait for the writer");
                }
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            IndexReport after = index(runtime, repo, layout, Duration.ofSeconds(10));
            assertEquals(after.chunks(), after.vectors(), "the lock of the killed writer was taken over and its work completed");
        }
    }

    private static IndexReport index(NativeRuntime runtime, Path repo, IndexLayout layout, Duration wait) throws Exception {
        return new Indexer(runtime, new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir())), LineWindowChunker.defaults(),
                IndexProgress.NONE).run(repo, layout, IndexOptions.of(IndexProcessMain.spec(0)).withLockWait(wait));
    }

    private static Process start(Path repo, Path index) throws Exception {
        return new ProcessBuilder(ChildJvm.command(IndexProcessMain.class, repo.toString(), index.toString(), "200"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
