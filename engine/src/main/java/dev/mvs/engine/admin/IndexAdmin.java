package dev.mvs.engine.admin;

import dev.mvs.engine.index.EngineState;
import dev.mvs.engine.index.FileTrees;
import dev.mvs.engine.index.IndexLayout;
import dev.mvs.engine.index.IndexSchemas;
import dev.mvs.engine.index.RunLog;
import dev.mvs.engine.index.Maintenance;
import dev.mvs.engine.index.WriterLock;
import dev.mvs.engine.search.IndexMissingException;
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
        EngineState s = EngineState.read(layout).orElseThrow(() -> new IndexMissingException(layout.dir()));
        if (s.generation() == null) {
            throw new IndexMissingException(layout.dir());
        }
        return s;
    }

    private IndexLayout.Generation generation(EngineState s) {
        return layout.generation(s.generation());
    }

    private static List<Path> tables(IndexLayout.Generation g) {
        return List.of(g.files(), g.chunks(), g.vectors());
    }

    private static boolean exists(Path table) {
        return Files.isDirectory(table.resolve("_versions"));
    }

    public StatusReport status() throws IOException {
        EngineState s = state();
        IndexLayout.Generation g = generation(s);
        List<TableStatus> tables = new ArrayList<>();
        for (Path p : tables(g)) {
            if (exists(p)) {
                try (Table t = Table.open(runtime, p)) {
                    tables.add(new TableStatus(p.getFileName().toString(), t.stats(), t.indexes()));
                }
            }
        }
        List<RunLog.Snapshot> runs = RunLog.runs(g);
        return new StatusReport(s, tables, RunLog.skipped(g), Files.exists(g.dir().resolve("journal")), runs.isEmpty() ? null : runs.getLast(),
                FileTrees.bytes(layout.dir()));
    }

    /**
     * Opens every table of the current generation, lists its versions, reads every row of every column
     * (so a damaged data file is found), and checks the tables agree with each other.
     */
    public VerifyReport verify(Consumer<String> progress) throws IOException {
        List<String> checked = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String reindex = "engine-cli index --index-dir " + layout.dir();
        EngineState s;
        try {
            s = state();
        } catch (IOException e) {
            problems.add(new Problem("engine.json cannot be read: " + e.getMessage(), "engine-cli index --rebuild --index-dir " + layout.dir()));
            return new VerifyReport(checked, problems);
        }
        checked.add("engine.json (generation " + s.generation() + ")");
        if (s.schemaVersion() != IndexSchemas.VERSION) {
            problems.add(new Problem("schema version " + s.schemaVersion() + ", this engine reads " + IndexSchemas.VERSION,
                    "engine-cli index --rebuild --index-dir " + layout.dir()));
        }
        IndexLayout.Generation g = generation(s);
        if (Files.exists(g.dir().resolve("journal"))) {
            problems.add(new Problem("an index run was interrupted before it finished", reindex));
        }
        if (s.building() != null) {
            problems.add(new Problem("a rebuild into " + s.building() + " was interrupted (searches still use " + s.generation() + ")", reindex));
        }
        long[] fileChunks = {-1};
        Set<String> filePaths = new HashSet<>();
        Set<String> chunkIds = new HashSet<>();
        Set<String> chunkPaths = new HashSet<>();
        Set<String> vectorIds = new HashSet<>();
        boolean vectorsRead = false;
        long chunkRows = -1;
        for (Path p : tables(g)) {
            String name = p.getFileName().toString();
            if (!exists(p)) {
                if (!name.equals(IndexSchemas.VECTORS_TABLE) || s.vectors() > 0) {
                    problems.add(new Problem(name + " is missing from " + g.dir(), reindex));
                }
                continue;
            }
            progress.accept("verifying " + name);
            try (Table t = Table.open(runtime, p)) {
                List<TableVersion> versions = t.versions();
                long rows = readAll(t, name, fileChunks, filePaths, chunkIds, chunkPaths, vectorIds);
                vectorsRead |= name.equals(IndexSchemas.VECTORS_TABLE);
                if (rows != t.countRows()) {
                    problems.add(new Problem(name + ": a full read gave " + rows + " rows, the count says " + t.countRows(), reindex));
                }
                if (name.equals(IndexSchemas.CHUNKS_TABLE)) {
                    chunkRows = rows;
                }
                probeIndexes(t, name, problems);
                t.indexes().stream().filter(i -> i.rowsUnindexed() > 0).forEach(i -> problems.add(new Problem(
                        String.format(Locale.ROOT, "%s: index %s leaves %,d rows unindexed (searched, but slower)", name, i.name(), i.rowsUnindexed()),
                        "engine-cli compact --index-dir " + layout.dir())));
                checked.add(String.format(Locale.ROOT, "%s: version %d of %d kept, %,d rows read, %d indexes", name, t.version(), versions.size(),
                        rows, t.indexes().size()));
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(name + " cannot be read: " + e.getMessage(),
                        "engine-cli versions --index-dir " + layout.dir() + " then engine-cli restore RUN, or " + reindex + " --rebuild"));
            }
        }
        if (fileChunks[0] >= 0 && chunkRows >= 0 && fileChunks[0] != chunkRows) {
            problems.add(new Problem(String.format(Locale.ROOT, "files.lance counts %,d chunks, chunks.lance holds %,d", fileChunks[0], chunkRows),
                    reindex));
        }
        if (!chunkPaths.isEmpty() || !filePaths.isEmpty()) {
            Set<String> stale = new HashSet<>(chunkPaths);
            stale.removeAll(filePaths);
            if (!stale.isEmpty()) {
                problems.add(new Problem(stale.size() + " paths have chunks but no files row, e.g. " + stale.iterator().next(), reindex));
            }
        }
        if (vectorsRead) { // an unreadable vectors.lance is already reported above
            long orphans = vectorIds.stream().filter(id -> !chunkIds.contains(id)).count();
            long missing = chunkIds.stream().filter(id -> !vectorIds.contains(id)).count();
            if (orphans > 0) {
                problems.add(new Problem(orphans + " vectors belong to no chunk", reindex));
            }
            if (missing > 0) {
                problems.add(new Problem(String.format(Locale.ROOT, "%,d chunks have no vector yet", missing), reindex));
            }
            checked.add("vectors against chunks: " + orphans + " orphans, " + missing + " missing");
        }
        return new VerifyReport(checked, problems);
    }

    /** Queries each index once, so a damaged index file is found (a full scan never reads them). */
    private void probeIndexes(Table t, String name, List<Problem> problems) {
        for (var info : t.indexes()) {
            try {
                String type = info.type().toLowerCase(Locale.ROOT);
                if (type.contains("inverted") || type.contains("fts")) {
                    // words that are in the index, so their posting lists are really read
                    drain(t.fullTextSearch(dev.mvs.ffi.FullTextQuery.of(someWords(t, info.column()), 10).inColumns(info.column())));
                } else if (info.column().equals("vector")) {
                    int dim = ((org.apache.arrow.vector.types.pojo.ArrowType.FixedSizeList) t.schema().findField("vector").getType()).getListSize();
                    drain(t.nearest(dev.mvs.ffi.NearestQuery.of("vector", new float[dim], 1)));
                } else {
                    t.countRows(info.column() + " = 'mvs-verify-probe'");
                }
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(name + ": index " + info.name() + " on " + info.column() + " cannot be read: " + e.getMessage(),
                        "engine-cli index --rebuild --index-dir " + layout.dir()));
            }
        }
    }

    /** Up to 64 distinct words of the column, from rows across the table: a query for them reads many posting lists. */
    private static String someWords(Table t, String column) throws IOException {
        java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>();
        long rows = t.countRows();
        try (ArrowReader r = t.scan(ScanRequest.all().withColumns(column))) {
            long seen = 0;
            long step = Math.max(1, rows / 64);
            while (r.loadNextBatch() && words.size() < 64) {
                VarCharVector v = (VarCharVector) r.getVectorSchemaRoot().getVector(column);
                for (int i = 0; i < v.getValueCount() && words.size() < 64; i++, seen++) {
                    if (seen % step == 0) {
                        for (String w : new String(v.get(i), StandardCharsets.UTF_8).split("[^\\p{Alnum}]+")) {
                            if (w.length() > 2 && words.size() < 64) {
                                words.add(w.toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                }
            }
        }
        return words.isEmpty() ? "the" : String.join(" ", words);
    }

    private static void drain(ArrowReader r) throws IOException {
        try (r) {
            while (r.loadNextBatch()) {
                // read every batch
            }
        }
    }

    /** Reads every row of every column, collecting what the cross-table checks need on the way (one scan per table). */
    private static long readAll(Table t, String name, long[] fileChunks, Set<String> filePaths, Set<String> chunkIds, Set<String> chunkPaths,
                                Set<String> vectorIds) throws IOException {
        long rows = 0;
        try (ArrowReader r = t.scan(ScanRequest.all())) {
            while (r.loadNextBatch()) {
                var root = r.getVectorSchemaRoot();
                int n = root.getRowCount();
                rows += n;
                if (name.equals(IndexSchemas.FILES_TABLE)) {
                    IntVector cc = (IntVector) root.getVector("chunk_count");
                    VarCharVector path = (VarCharVector) root.getVector("path");
                    for (int i = 0; i < n; i++) {
                        fileChunks[0] = Math.max(0, fileChunks[0]) + cc.get(i);
                        filePaths.add(new String(path.get(i), StandardCharsets.UTF_8));
                    }
                } else if (name.equals(IndexSchemas.CHUNKS_TABLE)) {
                    VarCharVector id = (VarCharVector) root.getVector("chunk_id");
                    VarCharVector path = (VarCharVector) root.getVector("path");
                    for (int i = 0; i < n; i++) {
                        chunkIds.add(new String(id.get(i), StandardCharsets.UTF_8));
                        chunkPaths.add(new String(path.get(i), StandardCharsets.UTF_8));
                    }
                } else if (name.equals(IndexSchemas.VECTORS_TABLE)) {
                    VarCharVector id = (VarCharVector) root.getVector("chunk_id");
                    for (int i = 0; i < n; i++) {
                        vectorIds.add(new String(id.get(i), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return rows;
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
                    .orElseThrow(() -> new IllegalArgumentException("no completed run " + run + " in " + g.dir() + "; see engine-cli versions"));
            if (!point.available()) {
                throw new IllegalArgumentException("run " + run + " can no longer be restored: its table versions were cleaned up");
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
            // re-reads exactly the files that differ from it.
            EngineState.recordCounts(layout, snap.files(), snap.chunks(), snap.vectors());
            return snap;
        }
    }

    /** What {@code compact} did: bytes on disk before and after, fragments before and after. */
    public record CompactReport(long bytesBefore, long bytesAfter, long fragmentsBefore, long fragmentsAfter, Maintenance.Report maintenance) {}

    public CompactReport compact(Duration lockWait, Consumer<String> progress) throws IOException {
        try (WriterLock lock = WriterLock.acquire(layout.lockFile(), lockWait, progress)) {
            EngineState s = state();
            IndexLayout.Generation g = generation(s);
            long before = FileTrees.bytes(layout.dir());
            long fragmentsBefore = fragments(g);
            Maintenance.Report report = Maintenance.forceNow(runtime, g, s.dimension(), progress);
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

    /** Deletes the whole index directory, unless a writer is working on it. */
    public void reset() throws IOException {
        if (!Files.exists(layout.engineJson())) {
            throw new IndexMissingException(layout.dir());
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
