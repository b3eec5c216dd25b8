package dev.mvs.engine.admin;

import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.store.RowValues;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.ffi.FullTextQuery;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.NearestQuery;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.TableVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code engine-cli verify}: opens every table of the current generation, reads every row of every
 * column (so a damaged data file is found), queries every index once (a scan never reads them), and
 * checks the tables agree with each other. Reports problems with the command that repairs each; never
 * writes.
 */
final class IndexVerifier {

    private final NativeRuntime runtime;
    private final IndexLayout layout;

    IndexVerifier(NativeRuntime runtime, IndexLayout layout) {
        this.runtime = runtime;
        this.layout = layout;
    }

    /** What the full reads collect for the cross-table checks (one scan per table). */
    private static final class Collected {
        long fileChunks = -1;
        final Set<String> filePaths = new HashSet<>();
        final Set<String> chunkIds = new HashSet<>();
        final Set<String> chunkPaths = new HashSet<>();
        final Set<String> vectorIds = new HashSet<>();
    }

    VerifyReport verify(Consumer<String> progress) {
        List<String> checked = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String reindex = "engine-cli index --index-dir " + layout.dir();
        EngineState s;
        try {
            s = IndexAdmin.currentState(layout);
        } catch (IOException e) {
            problems.add(new Problem("engine.json cannot be read: " + e.getMessage(), "engine-cli index --rebuild --index-dir " + layout.dir()));
            return new VerifyReport(checked, problems);
        }
        checked.add("engine.json (generation " + s.generation() + ")");
        if (!IndexSchemas.readable(s.schemaVersion())) {
            problems.add(new Problem("schema version " + s.schemaVersion() + ", this engine reads " + IndexSchemas.OLDEST_READABLE + " to " + IndexSchemas.VERSION,
                    "engine-cli index --rebuild --index-dir " + layout.dir()));
        }
        IndexLayout.Generation g = layout.generation(s.generation());
        if (Files.exists(g.dir().resolve("journal"))) {
            problems.add(new Problem("an index run was interrupted before it finished", reindex));
        }
        if (s.building() != null) {
            problems.add(new Problem("a rebuild into " + s.building() + " was interrupted (searches still use " + s.generation() + ")", reindex));
        }
        Collected c = new Collected();
        boolean vectorsRead = false;
        long chunkRows = -1;
        for (Path p : IndexAdmin.tables(g)) {
            String name = p.getFileName().toString();
            if (!IndexAdmin.exists(p)) {
                if (!name.equals(IndexSchemas.VECTORS_TABLE) || s.vectors() > 0) {
                    problems.add(new Problem(name + " is missing from " + g.dir(), reindex));
                }
                continue;
            }
            progress.accept("verifying " + name);
            try (Table t = Table.open(runtime, p)) {
                List<TableVersion> versions = t.versions();
                long rows = readAll(t, name, c);
                vectorsRead |= name.equals(IndexSchemas.VECTORS_TABLE);
                if (rows != t.countRows()) {
                    problems.add(new Problem(name + ": a full read gave " + rows + " rows, the count says " + t.countRows(), reindex));
                }
                if (name.equals(IndexSchemas.CHUNKS_TABLE)) {
                    chunkRows = rows;
                }
                probeIndexes(t, name, problems);
                // The rows a run leaves outside the vector index while the engine's query serves them (a small gap) are by design.
                boolean gapServed = name.equals(IndexSchemas.VECTORS_TABLE) && t.indexOn(IndexSchemas.VECTOR).isPresent()
                        && t.vectorIndexHealth(TableMaintenance.VECTOR_INDEX).servedDirectly();
                t.indexes().stream().filter(i -> i.rowsUnindexed() > 0 && !(gapServed && i.name().equals(TableMaintenance.VECTOR_INDEX)))
                        .forEach(i -> problems.add(new Problem(
                        String.format(Locale.ROOT, "%s: index %s leaves %,d rows unindexed (searched, but slower)", name, i.name(), i.rowsUnindexed()),
                        "engine-cli compact --index-dir " + layout.dir())));
                checked.add(String.format(Locale.ROOT, "%s: version %d of %d kept, %,d rows read, %d indexes", name, t.version(), versions.size(),
                        rows, t.indexes().size()));
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(name + " cannot be read: " + e.getMessage(),
                        "engine-cli versions --index-dir " + layout.dir() + " then engine-cli restore RUN, or " + reindex + " --rebuild"));
            }
        }
        if (c.fileChunks >= 0 && chunkRows >= 0 && c.fileChunks != chunkRows) {
            problems.add(new Problem(String.format(Locale.ROOT, "files.lance counts %,d chunks, chunks.lance holds %,d", c.fileChunks, chunkRows),
                    reindex));
        }
        if (!c.chunkPaths.isEmpty() || !c.filePaths.isEmpty()) {
            Set<String> stale = new HashSet<>(c.chunkPaths);
            stale.removeAll(c.filePaths);
            if (!stale.isEmpty()) {
                problems.add(new Problem(stale.size() + " paths have chunks but no files row, e.g. " + stale.iterator().next(), reindex));
            }
        }
        if (vectorsRead) { // an unreadable vectors.lance is already reported above
            long orphans = c.vectorIds.stream().filter(id -> !c.chunkIds.contains(id)).count();
            long missing = c.chunkIds.stream().filter(id -> !c.vectorIds.contains(id)).count();
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
                    drain(t.fullTextSearch(FullTextQuery.of(someWords(t, info.column()), 10).inColumns(info.column())));
                } else if (info.column().equals(IndexSchemas.VECTOR)) {
                    int dim = ((ArrowType.FixedSizeList) t.schema().findField(IndexSchemas.VECTOR).getType()).getListSize();
                    drain(t.nearest(NearestQuery.of(IndexSchemas.VECTOR, new float[dim], 1)));
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
        LinkedHashSet<String> words = new LinkedHashSet<>();
        long rows = t.countRows();
        try (ArrowReader r = t.scan(ScanRequest.all().withColumns(column))) {
            long seen = 0;
            long step = Math.max(1, rows / 64);
            while (r.loadNextBatch() && words.size() < 64) {
                VarCharVector v = (VarCharVector) r.getVectorSchemaRoot().getVector(column);
                for (int i = 0; i < v.getValueCount() && words.size() < 64; i++, seen++) {
                    if (seen % step == 0) {
                        for (String w : RowValues.text(v, i).split("[^\\p{Alnum}]+")) {
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
    private static long readAll(Table t, String name, Collected c) throws IOException {
        long rows = 0;
        try (ArrowReader r = t.scan(ScanRequest.all())) {
            while (r.loadNextBatch()) {
                var root = r.getVectorSchemaRoot();
                int n = root.getRowCount();
                rows += n;
                if (name.equals(IndexSchemas.FILES_TABLE)) {
                    IntVector cc = (IntVector) root.getVector(IndexSchemas.CHUNK_COUNT);
                    VarCharVector path = (VarCharVector) root.getVector(IndexSchemas.PATH);
                    for (int i = 0; i < n; i++) {
                        c.fileChunks = Math.max(0, c.fileChunks) + cc.get(i);
                        c.filePaths.add(RowValues.text(path, i));
                    }
                } else if (name.equals(IndexSchemas.CHUNKS_TABLE)) {
                    VarCharVector id = (VarCharVector) root.getVector(IndexSchemas.CHUNK_ID);
                    VarCharVector path = (VarCharVector) root.getVector(IndexSchemas.PATH);
                    for (int i = 0; i < n; i++) {
                        c.chunkIds.add(RowValues.text(id, i));
                        c.chunkPaths.add(RowValues.text(path, i));
                    }
                } else if (name.equals(IndexSchemas.VECTORS_TABLE)) {
                    VarCharVector id = (VarCharVector) root.getVector(IndexSchemas.CHUNK_ID);
                    for (int i = 0; i < n; i++) {
                        c.vectorIds.add(RowValues.text(id, i));
                    }
                }
            }
        }
        return rows;
    }
}
