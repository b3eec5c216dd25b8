package dev.mvs.engine.search;

import dev.mvs.engine.error.EngineException;

import dev.mvs.engine.store.TableMaintenance;

import java.util.Objects;

/**
 * A query.
 *
 * @param mode           null: hybrid when the index has vectors, keyword otherwise
 * @param k              results wanted (identical chunks grouped count once)
 * @param nprobes        IVF partitions probed by vector search (0: the engine's default)
 * @param refineFactor   exact re-ranking of k × factor vector candidates (0: the engine's default)
 * @param keywordWeight  hybrid: weight of the keyword ranking in the fusion
 * @param semanticWeight hybrid: weight of the semantic ranking in the fusion
 */
public record SearchRequest(String query, SearchMode mode, int k, Filters filters, int nprobes, int refineFactor, double keywordWeight,
                            double semanticWeight) {

    /** Exact re-ranking of k × this many vector candidates by default on an IVF_PQ index (PQ distances are coarse). */
    public static final int DEFAULT_REFINE = 10;
    /** The fewest IVF partitions probed by default. */
    public static final int MIN_NPROBES = 20;
    /** The share of IVF_RQ partitions probed by default (bench/results/2026-12-05-index-types). */
    static final double RQ_PROBED_SHARE = 0.4;
    /** IVF_RQ's default re-rank: its 5-bit distances confuse near neighbours (copies of one chunk, a class and its twin) less after it. */
    static final int RQ_REFINE = 2;

    /**
     * IVF partitions probed by default in a vectors table of {@code rows} rows with an IVF_PQ index: a third of the
     * partitions the indexing pipeline builds at that size (never fewer than {@link #MIN_NPROBES}). Recall depends on
     * the fraction probed, not the count: on 219,602 MiniLM vectors (469 partitions) a fixed 20 gave
     * recall@10 0.79 against exact search, a third 0.96 (bench/RESULTS.md).
     */
    public static int defaultNprobes(long rows, int dimension) {
        return probed(rows, dimension, 1 / 3.0);
    }

    /**
     * The default vector search setting for an index of Lance type {@code indexType} (IVF_RQ, IVF_PQ...; null when
     * there is none, below {@code vectorIndexMinRows}: search is exact, so no re-rank): IVF_RQ probes {@link #RQ_PROBED_SHARE} of its partitions with refine {@link #RQ_REFINE}, which
     * reached recall@10 0.954-0.97 at 240k and 480k vectors where probing 60 % without a re-rank gave 0.943-0.95; any
     * other type (indexes built before IVF_RQ was the default) keeps IVF_PQ's third of the partitions with refine
     * {@link #DEFAULT_REFINE}.
     * Benchmarks compare peers at this.
     */
    public static VectorSetting defaultVectorSetting(long rows, int dimension, String indexType) {
        if (indexType == null) {
            return new VectorSetting(defaultNprobes(rows, dimension), 0); // exact search: nothing to re-rank
        }
        if ("IVF_RQ".equals(indexType)) {
            return new VectorSetting(probed(rows, dimension, RQ_PROBED_SHARE), RQ_REFINE);
        }
        return new VectorSetting(defaultNprobes(rows, dimension), DEFAULT_REFINE);
    }

    /** IVF partitions to probe and the exact re-rank factor (0: none). */
    public record VectorSetting(int nprobes, int refineFactor) {

        /**
         * Rows a vector query fetches for {@code k} candidates of which the first {@code shown} are shown: those are
         * re-ranked exactly from {@code shown * refineFactor} rows, as the refine factor means; the candidates beyond them
         * (kept for grouping duplicates and for hybrid's fusion) get no deeper pool than themselves. Every row costs a
         * read of its hit and its vector: k * refineFactor rows (60 for a semantic search of 10, 100 for hybrid's side)
         * took about 0.5-1 ms more than these 30 and 50 (issue 18).
         */
        public int rowsToFetch(int k, int shown) {
            return refineFactor > 0 ? Math.max(k, Math.min(k, shown) * refineFactor) : k;
        }
    }

    private static int probed(long rows, int dimension, double share) {
        int partitions = TableMaintenance.partitionsFor(rows);
        return Math.min(partitions, Math.max(MIN_NPROBES, (int) Math.ceil(partitions * share - 1e-9)));
    }

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(filters, "filters");
        if (query.isBlank()) {
            throw new EngineException.InvalidRequest("the query is empty");
        }
        if (k < 1 || k > 1_000) {
            throw new EngineException.InvalidRequest("k must be within 1..1000, got " + k);
        }
        if (nprobes < 0 || refineFactor < 0 || keywordWeight < 0 || semanticWeight < 0 || keywordWeight + semanticWeight == 0) {
            throw new EngineException.InvalidRequest("nprobes, refine and weights must be >= 0, and one weight > 0");
        }
    }

    public static SearchRequest of(String query, int k) {
        return new SearchRequest(query, null, k, Filters.none(), 0, 0, 1.0, 1.0);
    }

    public SearchRequest withMode(SearchMode m) {
        return new SearchRequest(query, m, k, filters, nprobes, refineFactor, keywordWeight, semanticWeight);
    }

    public SearchRequest withFilters(Filters f) {
        return new SearchRequest(query, mode, k, f, nprobes, refineFactor, keywordWeight, semanticWeight);
    }

    public SearchRequest withTuning(int probes, int refine) {
        return new SearchRequest(query, mode, k, filters, probes, refine, keywordWeight, semanticWeight);
    }

    public SearchRequest withWeights(double keyword, double semantic) {
        return new SearchRequest(query, mode, k, filters, nprobes, refineFactor, keyword, semantic);
    }
}
