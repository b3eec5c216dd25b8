package dev.mvs.engine.admin;

import dev.mvs.engine.store.ChunkingFallbacks;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.FileTrees;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.store.RunLog;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.engine.store.WriterLock;
import dev.mvs.engine.error.EngineException;
import dev.mvs.ffi.IndexInfo;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.TableVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/** status, verify, versions, restore, compact and reset of an index (engine-cli's operating commands). */
public final class IndexAdmin {

    private final NativeRuntime runtime;
    private final IndexLayout layout;

    public IndexAdmin(NativeRuntime runtime, Path indexDir) {
        this.runtime = runtime;
        this.layout = new IndexLayout(indexDir);
    }

    private EngineState state() throws IOException {
        return currentState(layout);
    }

    /** engine.json of an index that has a searchable generation. */
    static EngineState currentState(IndexLayout layout) throws IOException {
        EngineState s = EngineState.read(layout).orElseThrow(() -> new EngineException.IndexMissing(layout.dir()));
        if (s.generation() == null) {
            throw new EngineException.IndexMissing(layout.dir());
        }
        return s;
    }

    private IndexLayout.Generation generation(EngineState s) {
        return layout.generation(s.generation());
    }

    static List<Path> tables(IndexLayout.Generation g) {
        return List.of(g.files(), g.chunks(), g.vectors());
    }

    static boolean exists(Path table) {
        return Files.isDirectory(table.resolve("_versions"));
    }

    public StatusReport status() throws IOException {
        EngineState s = state();
        IndexLayout.Generation g = generation(s);
        List<TableStatus> tables = new ArrayList<>();
        for (Path p : tables(g)) {
            if (exists(p)) {
                try (Table t = Table.open(runtime, p)) {
                    List<IndexInfo> indexes = t.indexes();
                    boolean vectorIndex = IndexInfo.on(indexes, IndexSchemas.VECTOR).isPresent();
                    // Only vectors.lance takes distributed commits; its versions' transactions say which job wrote what.
                    List<TableVersion> jobs = p.equals(g.vectors()) ? t.versions().stream().filter(v -> v.jobId() != null).toList() : List.of();
                    tables.add(new TableStatus(p.getFileName().toString(), t.stats(), indexes,
                            vectorIndex ? t.vectorIndexHealth(TableMaintenance.VECTOR_INDEX) : null, jobs));
                }
            }
        }
        List<RunLog.Snapshot> runs = RunLog.runs(g);
        return new StatusReport(s, tables, RunLog.skipped(g), Files.exists(g.dir().resolve("journal")), runs.isEmpty() ? null : runs.getLast(),
                FileTrees.bytes(layout.dir()), ChunkingFallbacks.countByReason(ChunkingFallbacks.read(g)));
    }

    /**
     * Opens every table of the current generation, lists its versions, reads every row of every column
     * (so a damaged data file is found), and checks the tables agree with each other.
     */
    public VerifyReport verify(Consumer<String> progress) {
        return new IndexVerifier(runtime, layout).verify(progress);
    }

    /** A completed run the index can be restored to, and whether all three table versions are still kept. */
    public record RestorePoint(RunLog.Snapshot snapshot, boolean available) {}

    public List<RestorePoint> versions() throws IOException {
        EngineState s = state();
        IndexLayout.Generation g = generation(s);
        List<Set<Long>> kept = new ArrayList<>();
        for (Path p : tables(g)) {
            Set<Long> versions = new HashSet<>();
            if (exists(p)) {
                try (Table t = Table.open(runtime, p)) {
                    t.versions().forEach(v -> versions.add(v.version()));
                }
            }
            kept.add(versions);
        }
        List<RestorePoint> out = new ArrayList<>();
        for (RunLog.Snapshot snap : RunLog.runs(g)) {
            boolean ok = keeps(kept.get(0), snap.filesVersion()) && keeps(kept.get(1), snap.chunksVersion())
                    && keeps(kept.get(2), snap.vectorsVersion());
            out.add(new RestorePoint(snap, ok));
        }
        return out;
    }

    private static boolean keeps(Set<Long> versions, long v) {
        return v == 0 || versions.contains(v);
    }

    /**
     * Rolls all three tables back to the versions of completed run {@code run}, under the writer lock.
     * Lance's restore writes a new version equal to the old one: nothing after it is lost, so a
     * restore can itself be undone.
     */
    public RunLog.Snapshot restore(int run, Duration lockWait) throws IOException {
        try (WriterLock lock = WriterLock.acquire(layout.lockFile(), lockWait, m -> {})) {
            EngineState s = state();
            IndexLayout.Generation g = generation(s);
            RestorePoint point = versions().stream().filter(p -> p.snapshot().run() == run).findFirst()
                    .orElseThrow(() -> new EngineException.InvalidRequest("no completed run " + run + " in " + g.dir() + "; see engine-cli versions"));
            if (!point.available()) {
                throw new EngineException.InvalidRequest("run " + run + " can no longer be restored: its table versions were cleaned up");
            }
            RunLog.Snapshot snap = point.snapshot();
            long[] versions = {snap.filesVersion(), snap.chunksVersion(), snap.vectorsVersion()};
            List<Path> paths = tables(g);
            for (int i = 0; i < 3; i++) {
                if (versions[i] > 0) {
                    try (Table t = Table.open(runtime, paths.get(i))) {
                        t.restore(versions[i]);
                    }
                }
            }
            // files.lance rows now describe the restored content, so the next run's stat fast path
            // re-reads exactly the files that differ from it (and those racily clean when that run ended).
            EngineState.recordRestore(layout, snap);
            return snap;
        }
    }

    /** What {@code compact} did: bytes on disk before and after, fragments before and after. */
    public record CompactReport(long bytesBefore, long bytesAfter, long fragmentsBefore, long fragmentsAfter, TableMaintenance.Report maintenance) {}

    public CompactReport compact(Duration lockWait, Consumer<String> progress) throws IOException {
        try (WriterLock lock = WriterLock.acquire(layout.lockFile(), lockWait, progress)) {
            EngineState s = state();
            IndexLayout.Generation g = generation(s);
            long before = FileTrees.bytes(layout.dir());
            long fragmentsBefore = fragments(g);
            TableMaintenance.Report report = TableMaintenance.forceNow(runtime, g, s.dimension(), progress);
            return new CompactReport(before, FileTrees.bytes(layout.dir()), fragmentsBefore, fragments(g), report);
        }
    }

    private long fragments(IndexLayout.Generation g) {
        long n = 0;
        for (Path p : tables(g)) {
            if (exists(p)) {
                try (Table t = Table.open(runtime, p)) {
                    n += t.stats().fragments();
                }
            }
        }
        return n;
    }

    /** What {@link #foldVectors} did, and in how long. */
    public record FoldReport(Outcome outcome, long millis) {
        /** Folded; nothing left to fold; or left to the writer that held the lock (its run folds when still due). */
        public enum Outcome { FOLDED, NOTHING_TO_FOLD, WRITER_BUSY }
    }

    /**
     * Folds the vector index's gap an index run left for later (IndexOptions#foldVectorsLater), if still needed
     * (VectorFold); never waits for another writer.
     */
    public FoldReport foldVectors(Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        FoldReport.Outcome outcome = new VectorFold(runtime, layout).run(progress);
        return new FoldReport(outcome, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Deletes the whole index directory, unless a writer is working on it. */
    public void reset() throws IOException {
        if (!Files.exists(layout.engineJson())) {
            throw new EngineException.IndexMissing(layout.dir());
        }
        try (WriterLock lock = WriterLock.acquire(layout.lockFile(), Duration.ZERO, m -> {})) {
            try (Stream<Path> walk = Files.walk(layout.dir())) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!p.equals(layout.lockFile()) && !p.equals(layout.dir())) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.deleteIfExists(layout.lockFile());
        Files.deleteIfExists(layout.dir());
    }

}
