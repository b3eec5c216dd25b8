package dev.mvs.bench.e2e;

/**
 * One point of an engine's speed/recall trade-off: IVF partitions probed, exact re-rank factor and (for
 * IVF_HNSW_SQ) the HNSW candidate list for Lance; the candidate list (efSearch = k) for Lucene's HNSW in
 * {@code first} (the others unused).
 */
record SearchSetting(String label, int first, int second, int ef) {

    static SearchSetting ivf(int nprobes, int refine) {
        return new SearchSetting("nprobes " + nprobes + ", refine " + refine, nprobes, refine, 0);
    }

    static SearchSetting ivfHnsw(int nprobes, int ef, int refine) {
        return new SearchSetting("nprobes " + nprobes + ", ef " + ef + ", refine " + refine, nprobes, refine, ef);
    }

    static SearchSetting hnsw(int ef) {
        return new SearchSetting("ef " + ef, ef, 0, 0);
    }
}
