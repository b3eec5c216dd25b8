package dev.mvs.bench.e2e;

import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.RowValues;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Every stored vector of an index's current generation, with its chunk id and path, in table order. */
record StoredVectors(int dimension, List<String> chunkIds, List<String> paths, List<float[]> vectors) {

    static StoredVectors read(NativeRuntime runtime, Path index) throws IOException {
        IndexLayout layout = new IndexLayout(index);
        EngineState state = EngineState.read(layout).orElseThrow(() -> new IOException("no index at " + index));
        StoredVectors out = new StoredVectors(state.dimension(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (Table t = Table.open(runtime, layout.generation(state.generation()).vectors());
             ArrowReader r = t.scan(ScanRequest.all().withColumns("chunk_id", "path", "vector"))) {
            while (r.loadNextBatch()) {
                VarCharVector ids = (VarCharVector) r.getVectorSchemaRoot().getVector("chunk_id");
                VarCharVector ps = (VarCharVector) r.getVectorSchemaRoot().getVector("path");
                FixedSizeListVector list = (FixedSizeListVector) r.getVectorSchemaRoot().getVector("vector");
                Float4Vector items = (Float4Vector) list.getDataVector();
                for (int i = 0; i < list.getValueCount(); i++) {
                    float[] v = new float[state.dimension()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = items.get(i * v.length + j);
                    }
                    out.vectors.add(v);
                    out.chunkIds.add(RowValues.text(ids, i));
                    out.paths.add(RowValues.text(ps, i));
                }
            }
        }
        return out;
    }
}
