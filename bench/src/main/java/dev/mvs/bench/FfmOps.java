package dev.mvs.bench;

import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.NearestQuery;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.VectorIndexSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/** mvs-engine through its FFM bindings. */
final class FfmOps implements StorageOps {

    private final NativeRuntime runtime;
    private Table table;

    FfmOps(int workerThreads) {
        this.runtime = NativeRuntime.create(workerThreads);
    }

    NativeRuntime runtime() {
        return runtime;
    }

    @Override
    public void create(Path path, ArrowReader rows) {
        table = Table.create(runtime, path, rows);
    }

    /** Opens an existing table (e.g. to compute exact neighbours of another engine's table). */
    void open(Path path) {
        table = Table.open(runtime, path);
    }

    @Override
    public void append(ArrowReader rows) {
        table.append(rows);
    }

    @Override
    public long version() {
        return table.version();
    }

    @Override
    public long filteredScan(String filter) throws Exception {
        long rows = 0;
        try (ArrowReader reader = table.scan(ScanRequest.all().withColumns("path", "content").withFilter(filter))) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        return rows;
    }

    @Override
    public void delete(String predicate) {
        table.delete(predicate);
    }

    @Override
    public void compact() {
        table.compact();
    }

    @Override
    public void createIvfPq(int partitions, int subVectors) {
        table.createVectorIndex("vector", null, VectorIndexSpec.ivfPq(partitions, subVectors));
    }

    @Override
    public List<String> nearest(float[] query, int k, int nprobes, int refine) throws Exception {
        return paths(table.nearest(NearestQuery.of("vector", query, k).withNprobes(nprobes).withRefine(refine).withColumns("path")));
    }

    /** The exact k nearest (no index), the ground truth for recall. */
    List<String> exactNearest(float[] query, int k) throws Exception {
        return paths(table.nearest(NearestQuery.of("vector", query, k).exactly().withColumns("path")));
    }

    @Override
    public long countRows() {
        return table.countRows();
    }

    static List<String> paths(ArrowReader reader) throws Exception {
        List<String> paths = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                VarCharVector v = (VarCharVector) reader.getVectorSchemaRoot().getVector("path");
                for (int i = 0; i < v.getValueCount(); i++) {
                    paths.add(new String(v.get(i), StandardCharsets.UTF_8));
                }
            }
        }
        return paths;
    }

    @Override
    public void close() {
        if (table != null) {
            table.close();
        }
        runtime.close();
    }
}
