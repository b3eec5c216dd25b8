package dev.mvs.bench.e2e;

import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.NearestQuery;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.VectorIndexSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * mvs-engine through its FFM bindings: the vector index its indexing pipeline builds (IVF_RQ) searched as its semantic
 * search runs (below), or another Lance index type for the index-type comparison (issue 18), each with its own sweep.
 */
final class MvsVectorStore implements VectorStore {

    /** Rows per IVF partition for IVF_HNSW_SQ: a graph per partition, so far fewer, larger partitions than IVF_PQ's sqrt(rows). */
    static final int HNSW_ROWS_PER_PARTITION = 32_768;

    private final NativeRuntime runtime;
    private final VectorIndexSpec.Kind kind;
    private Table table;
    /** IVF_RQ: the table opened again for reading, as a search opens it (through io_uring where the machine allows). */
    private Table reader;
    private Path dir;
    private long rows;
    private int dimension;

    MvsVectorStore(int threads, VectorIndexSpec.Kind kind) {
        this.kind = kind;
        runtime = NativeRuntime.create(threads);
    }

    @Override
    public void ingest(Path dir, VectorFile vectors, Payload payload) {
        this.dir = dir;
        table = Table.create(runtime, dir, VectorBatches.reader(runtime.allocator(), vectors, payload, 8_192));
        rows = vectors.rows();
        dimension = vectors.dimension();
    }

    @Override
    public void buildIndex() {
        table.createVectorIndex("vector", null, spec(rows, dimension));
        if (kind == VectorIndexSpec.Kind.IVF_RQ) {
            reader = Table.openForReading(runtime, dir, Table.LATEST);
        }
    }

    /** The index built for {@code rows} vectors: the pipeline's own for IVF_RQ, the same sqrt(rows) partitions for IVF_PQ and IVF_SQ. */
    VectorIndexSpec spec(long rows, int dimension) {
        int partitions = TableMaintenance.partitionsFor(rows);
        return switch (kind) {
            case IVF_RQ -> TableMaintenance.vectorIndexFor(rows, dimension);
            case IVF_PQ -> VectorIndexSpec.ivfPq(partitions, TableMaintenance.subVectors(dimension));
            case IVF_SQ -> VectorIndexSpec.ivfSq(partitions);
            case IVF_HNSW_SQ -> VectorIndexSpec.ivfHnswSq(hnswPartitions(rows), 0, 0);
        };
    }

    static int hnswPartitions(long rows) {
        return (int) Math.max(1, Math.round(rows / (double) HNSW_ROWS_PER_PARTITION));
    }

    @Override
    public List<SearchSetting> settings(long rows, int dimension) {
        return switch (kind) {
            case IVF_RQ, IVF_SQ -> VectorStore.withDefault(VectorStore.shareSweep(rows), defaultSetting(rows, dimension));
            case IVF_PQ -> VectorStore.withDefault(VectorStore.ivfSweep(), defaultSetting(rows, dimension));
            case IVF_HNSW_SQ -> {
                int partitions = hnswPartitions(rows);
                List<SearchSetting> sweep = new ArrayList<>();
                for (int nprobes : new int[] {1, 2, 4, partitions}) {
                    for (int ef : new int[] {50, 100, 200, 400}) {
                        if (nprobes <= partitions) {
                            sweep.add(SearchSetting.ivfHnsw(nprobes, ef, nprobes == 1 ? 0 : 2));
                        }
                    }
                }
                yield sweep;
            }
        };
    }

    /** IVF_RQ: the engine's default; IVF_PQ: its default before IVF_RQ; the others: the sweep's most thorough setting. */
    @Override
    public SearchSetting defaultSetting(long rows, int dimension) {
        return switch (kind) {
            case IVF_RQ -> VectorStore.super.defaultSetting(rows, dimension);
            case IVF_PQ -> VectorStore.engineDefault(rows, dimension, "IVF_PQ"); // as lance-jni
            case IVF_SQ -> VectorStore.shareSweep(rows).getLast();
            case IVF_HNSW_SQ -> settings(rows, dimension).getLast();
        };
    }

    @Override
    public int[] search(float[] query, int k, SearchSetting s) throws Exception {
        if (reader != null) {
            return asSemanticSearchRuns(query, k, s);
        }
        NearestQuery q = NearestQuery.of("vector", query, k).withNprobes(s.first()).withRefine(s.second())
                .withColumns(VectorBatches.RESULT_COLUMNS.toArray(String[]::new));
        return VectorBatches.ids(table.nearest(s.ef() > 0 ? q.withEf(s.ef()) : q));
    }

    /** As the engine's semantic search runs its vector query ({@link SemanticVectorQuery}), re-ranking k * refine candidates. */
    private int[] asSemanticSearchRuns(float[] query, int k, SearchSetting s) {
        SemanticVectorQuery.Result r = SemanticVectorQuery.run(reader, query, k, new SearchRequest.VectorSetting(s.first(), s.second()),
                VectorBatches.RESULT_COLUMNS);
        return r.nearest().stream().mapToInt(hit -> r.taken().int32("id", hit.taken())).toArray();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        if (table != null) {
            table.close();
        }
        runtime.close();
    }
}
