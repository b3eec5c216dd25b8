package dev.mvs.ffi;

import java.lang.foreign.ValueLayout;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_nearest_query;

import java.util.List;
import java.util.Objects;

/**
 * A nearest-neighbour search. Results carry a {@code _distance} column.
 *
 * @param column       the vector column
 * @param vector       the query vector
 * @param k            rows to return
 * @param nprobes      IVF partitions to probe (0: Lance's default)
 * @param refineFactor re-rank k * refineFactor candidates exactly (0: none)
 * @param ef           HNSW search list size (0: 1.5 k)
 * @param distance     DEFAULT = the index's own
 * @param prefilter    apply the filter before the search (k rows whenever k match)
 * @param exact        ignore indexes: the exact answer (for recall measurements)
 * @param columns      columns to return (empty: all)
 * @param filter       SQL filter, or null
 */
public record NearestQuery(String column, float[] vector, int k, int nprobes, int refineFactor, int ef, Distance distance,
                           boolean prefilter, boolean exact, List<String> columns, String filter) {

    public NearestQuery {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(distance, "distance");
        columns = List.copyOf(columns);
        if (k < 1 || nprobes < 0 || refineFactor < 0 || ef < 0) {
            throw new IllegalArgumentException("k must be >= 1 and nprobes, refineFactor, ef >= 0");
        }
    }

    /** The k nearest rows of {@code column} to {@code vector}, with every column, prefiltered. */
    public static NearestQuery of(String column, float[] vector, int k) {
        return new NearestQuery(column, vector.clone(), k, 0, 0, 0, Distance.DEFAULT, true, false, List.of(), null);
    }

    public NearestQuery withNprobes(int n) {
        return new NearestQuery(column, vector, k, n, refineFactor, ef, distance, prefilter, exact, columns, filter);
    }

    public NearestQuery withRefine(int factor) {
        return new NearestQuery(column, vector, k, nprobes, factor, ef, distance, prefilter, exact, columns, filter);
    }

    public NearestQuery withEf(int n) {
        return new NearestQuery(column, vector, k, nprobes, refineFactor, n, distance, prefilter, exact, columns, filter);
    }

    public NearestQuery withDistance(Distance d) {
        return new NearestQuery(column, vector, k, nprobes, refineFactor, ef, d, prefilter, exact, columns, filter);
    }

    public NearestQuery withPrefilter(boolean on) {
        return new NearestQuery(column, vector, k, nprobes, refineFactor, ef, distance, on, exact, columns, filter);
    }

    public NearestQuery exactly() {
        return new NearestQuery(column, vector, k, nprobes, refineFactor, ef, distance, prefilter, true, columns, filter);
    }

    public NearestQuery withColumns(String... names) {
        return new NearestQuery(column, vector, k, nprobes, refineFactor, ef, distance, prefilter, exact, List.of(names), filter);
    }

    public NearestQuery withFilter(String sql) {
        return new NearestQuery(column, vector, k, nprobes, refineFactor, ef, distance, prefilter, exact, columns, sql);
    }

    /** This query as the {@code mvs_nearest_query} struct, in the call's arena. */
    MemorySegment toNative(NativeCall call) {
        MemorySegment q = mvs_nearest_query.allocate(call.arena());
        mvs_nearest_query.column(q, call.string(column()));
        mvs_nearest_query.vector(q, call.arena().allocateFrom(ValueLayout.JAVA_FLOAT, vector()));
        mvs_nearest_query.dimension(q, vector().length);
        mvs_nearest_query.k(q, k());
        mvs_nearest_query.nprobes(q, nprobes());
        mvs_nearest_query.refine_factor(q, refineFactor());
        mvs_nearest_query.ef(q, ef());
        mvs_nearest_query.distance(q, distance().code);
        mvs_nearest_query.prefilter(q, NativeCall.flag(prefilter()));
        mvs_nearest_query.exact(q, NativeCall.flag(exact()));
        return q;
    }
}
