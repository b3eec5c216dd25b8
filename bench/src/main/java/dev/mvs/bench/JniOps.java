package dev.mvs.bench;


import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.WriteParams;
import org.lance.compaction.CompactionOptions;
import org.lance.index.DistanceType;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.vector.VectorIndexParams;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;

/**
 * The official Lance Java binding (org.lance:lance-core 7.0.0, JNI) doing the same operations.
 * One open Dataset handle is kept, as mvs-engine keeps one Table; writes that return a new
 * handle replace it, so neither engine pays for re-opening.
 */
final class JniOps implements StorageOps {

    private final BufferAllocator allocator = new RootAllocator();
    private String uri;
    private Dataset dataset;

    BufferAllocator allocator() {
        return allocator;
    }

    @Override
    public void create(Path path, ArrowReader rows) {
        uri = path.toAbsolutePath().toString();
        dataset = write(rows, WriteParams.WriteMode.CREATE);
    }

    @Override
    public void append(ArrowReader rows) {
        Dataset next = write(rows, WriteParams.WriteMode.APPEND);
        dataset.close();
        dataset = next;
    }

    private Dataset write(ArrowReader rows, WriteParams.WriteMode mode) {
        return Dataset.write().allocator(allocator).reader(rows).uri(uri).mode(mode).execute();
    }

    /** The binding's cheapest native call: a manifest flag read under a lock (version() builds objects). */
    @Override
    public long version() {
        return dataset.hasStableRowIds() ? 1 : 0;
    }

    @Override
    public long filteredScan(String filter) throws Exception {
        ScanOptions options = new ScanOptions.Builder().filter(filter).columns(List.of("path", "content")).build();
        long rows = 0;
        try (LanceScanner scanner = dataset.newScan(options); ArrowReader reader = scanner.scanBatches()) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        return rows;
    }

    @Override
    public void delete(String predicate) {
        dataset.delete(predicate);
    }

    @Override
    public void compact() {
        dataset.compact(CompactionOptions.builder().withTargetRowsPerFragment(1024L * 1024L).withMaterializeDeletions(true).build());
    }

    @Override
    public void createIvfPq(int partitions, int subVectors) {
        // ivfPq(numPartitions, numBits, numSubVectors, distance, maxIterations): bits before sub-vectors.
        VectorIndexParams vector = VectorIndexParams.ivfPq(partitions, 8, subVectors, DistanceType.L2, 50);
        dataset.createIndex(IndexOptions.builder(List.of("vector"), IndexType.IVF_PQ, IndexParams.builder().setVectorIndexParams(vector).build())
                .withIndexName("vector_idx").replace(true).build());
    }

    @Override
    public List<String> nearest(float[] query, int k, int nprobes, int refine) throws Exception {
        Query.Builder q = new Query.Builder().setColumn("vector").setKey(query).setK(k).setNprobes(nprobes).setDistanceType(DistanceType.L2);
        if (refine > 0) {
            q.setRefineFactor(refine);
        }
        ScanOptions options = new ScanOptions.Builder().nearest(q.build()).columns(List.of("path", "_distance")).build();
        List<String> paths = new ArrayList<>(k);
        try (LanceScanner scanner = dataset.newScan(options); ArrowReader reader = scanner.scanBatches()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                VarCharVector v = (VarCharVector) root.getVector("path");
                for (int i = 0; i < root.getRowCount(); i++) {
                    paths.add(new String(v.get(i), StandardCharsets.UTF_8));
                }
            }
        }
        return paths;
    }

    @Override
    public long countRows() {
        return dataset.countRows();
    }

    @Override
    public void close() {
        if (dataset != null) {
            dataset.close();
        }
        allocator.close();
    }
}
