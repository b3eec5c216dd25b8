package dev.mvs.bench.e2e;


import dev.mvs.engine.store.TableMaintenance;

import java.nio.file.Path;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.WriteParams;
import org.lance.index.DistanceType;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.vector.VectorIndexParams;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;

/**
 * The official Lance Java binding (org.lance:lance-core 7.0.0, JNI) given the same rows and IVF_PQ with the
 * parameters mvs-engine built before IVF_RQ (and builds as "mvs-ivf-pq"), swept like it. Not IVF_RQ: the
 * binding's older Lance builds one whose recall@10 stopped at 0.24 on the 240k hash vectors
 * (bench/results/2026-12-05-index-types/lance-jni-rq.md).
 */
final class LanceJniVectorStore implements VectorStore {

    private final BufferAllocator allocator = new RootAllocator();
    private Dataset dataset;
    private long rows;
    private int dimension;

    @Override
    public void ingest(Path dir, VectorFile vectors, Payload payload) {
        try (ArrowReader reader = VectorBatches.reader(allocator, vectors, payload, 8_192)) {
            dataset = Dataset.write().allocator(allocator).reader(reader).uri(dir.toAbsolutePath().toString())
                    .mode(WriteParams.WriteMode.CREATE).execute();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        rows = vectors.rows();
        dimension = vectors.dimension();
    }

    @Override
    public void buildIndex() {
        // ivfPq(numPartitions, numBits, numSubVectors, distance, maxIterations), as mvs-engine's IVF_PQ (8 bits, 50 iterations)
        VectorIndexParams vector = VectorIndexParams.ivfPq(TableMaintenance.partitionsFor(rows), 8, TableMaintenance.subVectors(dimension), DistanceType.L2, 50);
        dataset.createIndex(IndexOptions.builder(List.of("vector"), IndexType.IVF_PQ, IndexParams.builder().setVectorIndexParams(vector).build())
                .withIndexName("vector_idx").replace(true).build());
    }

    @Override
    public List<SearchSetting> settings(long rows, int dimension) {
        return VectorStore.withDefault(VectorStore.ivfSweep(), defaultSetting(rows, dimension));
    }

    /** mvs-engine's IVF_PQ default: a third of the partitions, refine 10. */
    @Override
    public SearchSetting defaultSetting(long rows, int dimension) {
        return VectorStore.engineDefault(rows, dimension, "IVF_PQ");
    }

    @Override
    public int[] search(float[] query, int k, SearchSetting s) throws Exception {
        Query.Builder q = new Query.Builder().setColumn("vector").setKey(query).setK(k).setNprobes(s.first()).setDistanceType(DistanceType.L2);
        if (s.second() > 0) {
            q.setRefineFactor(s.second());
        }
        ScanOptions options = new ScanOptions.Builder().nearest(q.build()).columns(VectorBatches.RESULT_COLUMNS).build();
        try (LanceScanner scanner = dataset.newScan(options)) {
            return VectorBatches.ids(scanner.scanBatches());
        }
    }

    @Override
    public void close() {
        if (dataset != null) {
            dataset.close();
        }
        allocator.close();
    }
}
