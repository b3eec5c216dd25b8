package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_native_h;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_vector_index_params;

import java.util.Objects;

/**
 * A vector index to build. A 0 parameter means Lance's default.
 *
 * @param kind             IVF_PQ, IVF_SQ, IVF_HNSW_SQ or IVF_RQ
 * @param distance         distance the index is built for
 * @param partitions       IVF partitions (0: chosen from the row count)
 * @param subVectors       PQ sub-vectors, must divide the dimension (0: 16)
 * @param bits             bits per PQ code or SQ value (0: 8), per dimension for RQ (0: Lance's 5)
 * @param hnswM            HNSW edges per node (0: 20)
 * @param hnswEfConstruction HNSW build candidate list (0: 150)
 * @param maxIterations    k-means iterations (0: 50)
 */
public record VectorIndexSpec(Kind kind, Distance distance, int partitions, int subVectors, int bits, int hnswM,
                              int hnswEfConstruction, int maxIterations) {

    public enum Kind {
        IVF_PQ(mvs_native_h.MVS_VECTOR_INDEX_IVF_PQ()), IVF_SQ(mvs_native_h.MVS_VECTOR_INDEX_IVF_SQ()),
        IVF_HNSW_SQ(mvs_native_h.MVS_VECTOR_INDEX_IVF_HNSW_SQ()), IVF_RQ(mvs_native_h.MVS_VECTOR_INDEX_IVF_RQ());

        final int code;

        Kind(int code) {
            this.code = code;
        }
    }

    public VectorIndexSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(distance, "distance");
        if (partitions < 0 || subVectors < 0 || bits < 0 || hnswM < 0 || hnswEfConstruction < 0 || maxIterations < 0) {
            throw new IllegalArgumentException("vector index parameters must be >= 0: " + kind);
        }
    }

    public static VectorIndexSpec ivfPq(int partitions, int subVectors) {
        return new VectorIndexSpec(Kind.IVF_PQ, Distance.L2, partitions, subVectors, 0, 0, 0, 0);
    }

    public static VectorIndexSpec ivfSq(int partitions) {
        return new VectorIndexSpec(Kind.IVF_SQ, Distance.L2, partitions, 0, 0, 0, 0, 0);
    }

    public static VectorIndexSpec ivfHnswSq(int partitions, int m, int efConstruction) {
        return new VectorIndexSpec(Kind.IVF_HNSW_SQ, Distance.L2, partitions, 0, 0, m, efConstruction, 0);
    }

    public static VectorIndexSpec ivfRq(int partitions, int bits) {
        return new VectorIndexSpec(Kind.IVF_RQ, Distance.L2, partitions, 0, bits, 0, 0, 0);
    }

    public VectorIndexSpec withDistance(Distance d) {
        return new VectorIndexSpec(kind, d, partitions, subVectors, bits, hnswM, hnswEfConstruction, maxIterations);
    }

    /** This spec as the {@code mvs_vector_index_params} struct, in the call's arena. */
    MemorySegment toNative(NativeCall call) {
        MemorySegment p = mvs_vector_index_params.allocate(call.arena());
        mvs_vector_index_params.kind(p, kind().code);
        mvs_vector_index_params.distance(p, distance().code);
        mvs_vector_index_params.num_partitions(p, partitions());
        mvs_vector_index_params.num_sub_vectors(p, subVectors());
        mvs_vector_index_params.num_bits(p, bits());
        mvs_vector_index_params.hnsw_m(p, hnswM());
        mvs_vector_index_params.hnsw_ef_construction(p, hnswEfConstruction());
        mvs_vector_index_params.max_iterations(p, maxIterations());
        return p;
    }
}
