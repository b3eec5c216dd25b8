package dev.mvs.engine.index;

import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.EngineState;

import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Every row of an index's current generation, as sorted strings: two indexes are equal when their snapshots are. */
record IndexSnapshot(List<String> files, List<String> chunks, List<String> vectors) {

    static IndexSnapshot of(NativeRuntime runtime, IndexLayout layout) throws IOException {
        EngineState state = EngineState.read(layout).orElseThrow(() -> new AssertionError("no engine.json in " + layout.dir()));
        if (state.generation() == null) {
            throw new AssertionError("no current generation in " + layout.dir() + ": " + state);
        }
        IndexLayout.Generation g = layout.generation(state.generation());
        return new IndexSnapshot(rows(runtime, g.files()), rows(runtime, g.chunks()), rows(runtime, g.vectors()));
    }

    private static List<String> rows(NativeRuntime runtime, Path table) throws IOException {
        List<String> rows = new ArrayList<>();
        if (!Files.isDirectory(table)) {
            return rows;
        }
        try (Table t = Table.open(runtime, table); ArrowReader reader = t.scan(ScanRequest.all())) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    StringBuilder row = new StringBuilder();
                    for (FieldVector v : root.getFieldVectors()) {
                        Object value = v.getObject(i);
                        row.append(v.getName()).append('=').append(value instanceof byte[] b ? Arrays.toString(b) : String.valueOf(value))
                                .append('|');
                    }
                    rows.add(row.toString());
                }
            }
        }
        rows.sort(null);
        return rows;
    }

    /** A short description of how {@code other} differs, for assertion messages. */
    String diff(IndexSnapshot other) {
        return diff("files", files, other.files) + diff("chunks", chunks, other.chunks) + diff("vectors", vectors, other.vectors);
    }

    private static String diff(String table, List<String> a, List<String> b) {
        List<String> onlyA = new ArrayList<>(a);
        onlyA.removeAll(b);
        List<String> onlyB = new ArrayList<>(b);
        onlyB.removeAll(a);
        if (onlyA.isEmpty() && onlyB.isEmpty()) {
            return "";
        }
        return String.format("%s: %d rows vs %d; %d stale (only in the incremental index), %d missing; first stale: %s; first missing: %s%n",
                table, a.size(), b.size(), onlyA.size(), onlyB.size(), first(onlyA), first(onlyB));
    }

    private static String first(List<String> rows) {
        return rows.isEmpty() ? "-" : rows.getFirst().substring(0, Math.min(200, rows.getFirst().length()));
    }
}
