package dev.mvs.engine.index;

import dev.mvs.engine.store.FileTrees;
import dev.mvs.engine.store.EngineState;

import dev.mvs.engine.store.IndexLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.store.RowValues;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;

import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of an indexing process at random points: afterwards the index always opens (engine.json
 * parses, every table of the current generation opens and counts), a rerun completes it, and it then
 * equals a fresh index of the same tree. The tree changes between kills, so kills land in first
 * builds, incremental runs, phase 2 and maintenance alike. -Dmvs.kills=N (default 20; the heavy
 * profile runs 100), -Dmvs.seed=N to replay.
 */
@Tag("stress")
class KillNineTest {

    @TempDir
    Path dir;

    @Test
    void anIndexKilledAnywhereOpensAndARerunMakesItEqualToAFreshOne() throws Exception {
        long seed = Long.getLong("mvs.seed", System.nanoTime());
        int kills = Integer.getInteger("mvs.kills", 20);
        System.out.println("KillNineTest seed=" + seed + " kills=" + kills + " (replay: -Dmvs.seed=" + seed + ")");
        Random random = new Random(seed);
        Path repo = dir.resolve("repo");
        TreeMutator tree = new TreeMutator(repo, seed);
        tree.generate(150);
        IndexLayout layout = new IndexLayout(dir.resolve("index"));
        long fullRunMillis = timeOneRun(repo, dir.resolve("timing"));
        // Kill times are drawn from [0, window). Incremental runs are shorter than the timed full run, and
        // the machine may speed up or slow down: a run that finished first shrinks the window.
        double window = fullRunMillis;
        int killed = 0;
        int attempts = 0;
        List<String> log = new ArrayList<>();
        Map<String, Integer> stages = new TreeMap<>();
        try (NativeRuntime runtime = NativeRuntime.create(2)) {
            while (killed < kills) {
                attempts++;
                assertTrue(attempts <= kills * 6, "too few runs were still alive when killed: " + killed + " of " + attempts + "; " + log);
                // Every fifth run is a rebuild (a new generation switched in at the end); others change
                // up to a dozen files, or sometimes forty so that phase 2 has more to embed.
                boolean rebuild = attempts % 5 == 0;
                List<String> ops = attempts == 1 ? List.of("initial tree") : tree.mutate(random.nextInt(attempts % 5 == 1 ? 40 : 12));
                Process child = start(repo, layout.dir(), rebuild);
                AtomicReference<String> stage = new AtomicReference<>("jvm start");
                Thread reader = Thread.ofVirtual().start(() -> {
                    try (var lines = child.inputReader().lines()) {
                        lines.filter(l -> l.startsWith("stage ")).forEach(l -> stage.set(l.substring(6)));
                    }
                });
                long at = (long) (random.nextDouble() * window);
                boolean exited = child.waitFor(at, TimeUnit.MILLISECONDS);
                String where = stage.get();
                if (exited) {
                    window = Math.max(300, window * 0.8);
                } else {
                    window = Math.min(fullRunMillis * 1.5, window * 1.05); // and a kill lets it grow back
                    child.destroyForcibly(); // SIGKILL on Linux and macOS
                    child.waitFor();
                    killed++;
                    stages.merge(where, 1, Integer::sum);
                }
                reader.join();
                log.add((exited ? "finished before " : "killed in " + where + " at ") + at + " ms after " + ops.size() + " ops"
                        + (rebuild ? " (rebuild)" : ""));
                assertOpens(runtime, layout, "after " + log.getLast() + ", seed " + seed);
                IncrementalPropertyTest.index(runtime, repo, layout, IndexProcessMain.spec(0));
                IndexLayout fresh = new IndexLayout(dir.resolve("fresh-" + attempts));
                IncrementalPropertyTest.index(runtime, repo, fresh, IndexProcessMain.spec(0));
                IndexSnapshot a = IndexSnapshot.of(runtime, layout);
                IndexSnapshot b = IndexSnapshot.of(runtime, fresh);
                assertEquals("", a.diff(b), "seed " + seed + ", " + log.getLast());
                FileTrees.delete(fresh.dir());
            }
        }
        System.out.println("KillNineTest: " + killed + " kills in " + attempts + " runs (full run " + fullRunMillis + " ms); kills by stage "
                + stages + "; " + log);
    }

    /**
     * What a survivor of kill -9 must hold: engine.json parses; if it names a generation, each of its
     * tables opens and reads; and every file the index has committed is whole — for every path outside
     * the run's journal (the paths an interrupted run was rewriting, which the next run completes),
     * chunks.lance holds exactly the chunks its files.lance row counts: no committed file lost or
     * partial, no chunks of a file the index does not list.
     */
    private static void assertOpens(NativeRuntime runtime, IndexLayout layout, String context) throws Exception {
        Optional<EngineState> state = EngineState.read(layout);
        if (state.isEmpty() || state.get().generation() == null) {
            return; // killed before the first publish: no index yet, and none was promised
        }
        IndexLayout.Generation g = layout.generation(state.get().generation());
        assertTrue(Files.isDirectory(g.chunks()), "a published generation has its chunks " + context);
        Map<String, Integer> filesSay = new TreeMap<>();
        Map<String, Integer> chunksHold = new TreeMap<>();
        if (Files.isDirectory(g.files().resolve("_versions"))) {
            try (Table t = Table.open(runtime, g.files());
                 ArrowReader r = t.scan(ScanRequest.all().withColumns(IndexSchemas.PATH, IndexSchemas.CHUNK_COUNT))) {
                while (r.loadNextBatch()) {
                    IntVector count = (IntVector) r.getVectorSchemaRoot().getVector(IndexSchemas.CHUNK_COUNT);
                    for (int i = 0; i < r.getVectorSchemaRoot().getRowCount(); i++) {
                        filesSay.put(RowValues.text(r.getVectorSchemaRoot(), IndexSchemas.PATH, i), count.get(i));
                    }
                }
            }
        }
        try (Table t = Table.open(runtime, g.chunks()); ArrowReader r = t.scan(ScanRequest.all().withColumns(IndexSchemas.PATH))) {
            while (r.loadNextBatch()) {
                for (int i = 0; i < r.getVectorSchemaRoot().getRowCount(); i++) {
                    chunksHold.merge(RowValues.text(r.getVectorSchemaRoot(), IndexSchemas.PATH, i), 1, Integer::sum);
                }
            }
        }
        if (Files.isDirectory(g.vectors().resolve("_versions"))) {
            // vectors may lag the chunks (phase 2 resumes) or outlive them (removed next run): it must open and read
            try (Table t = Table.open(runtime, g.vectors()); ArrowReader r = t.scan(ScanRequest.all().withColumns(IndexSchemas.CHUNK_ID))) {
                long read = 0;
                while (r.loadNextBatch()) {
                    read += r.getVectorSchemaRoot().getRowCount();
                }
                assertEquals(t.countRows(), read, "vectors.lance reads every row it counts " + context);
            }
        }
        Set<String> journaled = new DirtyJournal(g.journal()).read();
        Set<String> paths = new TreeSet<>(filesSay.keySet());
        paths.addAll(chunksHold.keySet());
        for (String path : paths) {
            if (!journaled.contains(path)) {
                assertEquals(filesSay.getOrDefault(path, 0), chunksHold.getOrDefault(path, 0),
                        "chunks of committed file " + path + " (files.lance row: " + filesSay.get(path) + ") " + context);
            }
        }
    }

    private long timeOneRun(Path repo, Path index) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(repo, index, false);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "an unkilled run finishes");
        assertEquals(0, p.exitValue(), "the child index run failed");
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static Process start(Path repo, Path index, boolean rebuild) throws Exception {
        // 8 ms per embedded text: phase 2 is long enough to be hit
        List<String> command = ChildJvm.command(IndexProcessMain.class, repo.toString(), index.toString(), "8");
        if (rebuild) {
            command.add("--rebuild");
        }
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
