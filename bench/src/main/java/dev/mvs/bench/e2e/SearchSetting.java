package dev.mvs.bench.e2e;

/**
 * One point of an engine's speed/recall trade-off: IVF partitions probed and exact re-rank factor
 * for Lance, the candidate list (efSearch = k) for Lucene's HNSW (second value unused).
 */
record SearchSetting(String label, int first, int second) {

    static SearchSetting ivf(int nprobes, int refine) {
        return new SearchSetting("nprobes " + nprobes + ", refine " + refine, nprobes, refine);
    }

    static SearchSetting hnsw(int ef) {
        return new SearchSetting("ef " + ef, ef, 0);
    }
}
