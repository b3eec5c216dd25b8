package dev.mvs.bench.e2e;

import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.NearestQuery;
import dev.mvs.ffi.Table;

import java.nio.file.Path;

/** mvs-engine: its FFM bindings, the vector index its indexing pipeline builds, its search defaults. */
final class MvsVectorStore implements VectorStore {

    private final NativeRuntime runtime;
    private Table table;
    private long rows;
    private int dimension;

    MvsVectorStore(int threads) {
        runtime = NativeRuntime.create(threads);
    }

    @Override
    public void ingest(Path dir, VectorFile vectors, Payload payload) {
        table = Table.create(runtime, dir, VectorBatches.reader(runtime.allocator(), vectors, payload, 8_192));
        rows = vectors.rows();
        dimension = vectors.dimension();
    }

    @Override
    public void buildIndex() {
        table.createVectorIndex("vector", null, TableMaintenance.vectorIndexFor(rows, dimension));
    }

    @Override
    public int[] search(float[] query, int k, SearchSetting s) throws Exception {
        return VectorBatches.ids(table.nearest(NearestQuery.of("vector", query, k).withNprobes(s.first()).withRefine(s.second()).withColumns(VectorBatches.RESULT_COLUMNS.toArray(String[]::new))));
    }

    @Override
    public void close() {
        if (table != null) {
            table.close();
        }
        runtime.close();
    }
}
