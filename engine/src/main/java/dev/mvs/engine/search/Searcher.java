package dev.mvs.engine.search;

import dev.mvs.engine.error.EngineException;

import dev.mvs.engine.embed.Embedder;
import dev.mvs.engine.embed.Embedders;
import dev.mvs.engine.embed.EmbeddingModel;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexMark;
import dev.mvs.ffi.NativeRuntime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Answers queries against one index: keyword, semantic, or hybrid (reciprocal rank fusion of both).
 * The query is embedded with the model that built the index, loaded on the first semantic query;
 * recent query embeddings are cached. One instance serves one thread at a time.
 */
public final class Searcher implements AutoCloseable {

    /** Candidates each mode contributes per result wanted, before fusion and grouping. */
    static final int CANDIDATES_PER_RESULT = 3;
    /**
     * Hybrid fuses at least this many candidates of each side: the right file is often in both lists but
     * below the 15th place of one of them, and with 15 it got nothing from that side, so chunks found by
     * both at middling ranks pushed it out of the top 5 (issue 16; bench/results/2026-12-02-models/fusion.md).
     */
    static final int MIN_FUSION_CANDIDATES = 50;
    private static final int QUERY_CACHE = 64;

    private final NativeRuntime runtime;
    private final OpenIndex index;
    private final int modelThreads;
    private final Map<String, float[]> queryCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > QUERY_CACHE;
        }
    };
    private final Path dir;
    private final IndexMark openedAt;
    private Embedder embedder;

    private Searcher(NativeRuntime runtime, Path dir, IndexMark openedAt, OpenIndex index, int modelThreads) {
        this.runtime = runtime;
        this.dir = dir;
        this.openedAt = openedAt;
        this.index = index;
        this.modelThreads = modelThreads;
    }

    /** @throws EngineException.IndexMissing when there is no searchable index at {@code indexDir} */
    public static Searcher open(NativeRuntime runtime, Path indexDir, int modelThreads) throws IOException {
        IndexMark mark = IndexMark.of(indexDir); // before opening: a commit in between only costs one more reopen
        return new Searcher(runtime, indexDir, mark, OpenIndex.open(runtime, indexDir), modelThreads);
    }

    /**
     * A searcher over the index as it is now (after a writer's run), keeping this one's model and query cache when the
     * index is still embedded by the same model; this one is closed.
     */
    public Searcher reopen() throws IOException {
        IndexMark mark = IndexMark.of(dir);
        OpenIndex now = OpenIndex.open(runtime, dir);
        Searcher next = new Searcher(runtime, dir, mark, now, modelThreads);
        boolean sameModel = Objects.equals(now.state().modelId(), index.state().modelId()) && now.state().dimension() == index.state().dimension()
                && now.state().maxTokens() == index.state().maxTokens();
        if (sameModel) {
            next.embedder = embedder;
            next.queryCache.putAll(queryCache);
            embedder = null;
        }
        close();
        return next;
    }

    /**
     * This searcher while nothing was committed to the index since it was opened, else a {@link #reopen reopened} one
     * (this one is then closed). The check is a few stats ({@link IndexMark}), cheap enough before every query of a
     * long-lived reader such as the MCP server.
     */
    public Searcher latest() throws IOException {
        return IndexMark.of(dir).equals(openedAt) ? this : reopen();
    }

    public OpenIndex index() {
        return index;
    }

    public SearchResult search(SearchRequest request) throws IOException {
        long t0 = System.nanoTime();
        SearchMode mode = request.mode();
        String note = null;
        boolean vectors = index.hasVectors();
        if (mode == null) {
            mode = vectors ? SearchMode.HYBRID : SearchMode.KEYWORD;
            if (!vectors) {
                note = "keyword mode: the index has no embeddings yet (run engine-cli index without --phase1-only)";
            }
        } else if (mode != SearchMode.KEYWORD && !vectors) {
            throw new EngineException.IndexMissing(mode.label() + " search needs embeddings, and this index has none yet; run: engine-cli index "
                    + (index.state().repository() == null ? "<repository>" : index.state().repository()));
        }
        if (note == null && mode != SearchMode.KEYWORD && !index.fullyEmbedded()) {
            note = "phase 2 is not complete: chunks without a vector are found by keyword only";
        }
        if (!index.warnings().isEmpty()) {
            note = String.join("; ", index.warnings()) + (note == null ? "" : "; " + note);
        }
        int candidates = request.k() * CANDIDATES_PER_RESULT;
        List<SearchHit> ranked = switch (mode) {
            case KEYWORD -> KeywordSearch.search(index, request.query(), candidates, request.filters());
            case SEMANTIC -> SemanticSearch.search(index, embed(request.query()), candidates, request.k(), request.filters(), tuning(request));
            case HYBRID -> {
                // Here: it reads the index's type once, before the thread.
                SearchRequest.VectorSetting tuning = hybridSide(tuning(request), index.vectorIndexType(), request.refineFactor());
                // The semantic side (the query's embedding, on a first query the model load, ~0.1 s; then the vector
                // query and its hits' text) runs beside the keyword search: the two sides read different tables.
                int fused = fusionCandidates(request.k());
                Future<List<SearchHit>> semantic = inBackground(
                        () -> SemanticSearch.search(index, embed(request.query()), fused, request.k(), request.filters(), tuning));
                List<SearchHit> keyword = KeywordSearch.search(index, request.query(), fused, request.filters());
                yield Ranking.fuse(keyword, request.keywordWeight(), await(semantic), request.semanticWeight());
            }
        };
        return new SearchResult(mode, note, ChunkRows.withSnippets(Ranking.group(ranked, request.k()), request.query()),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Chunks nearest to the chunk holding {@code line} of {@code path} (a path as results show it), or without a line
     * to the file as a whole, by the vectors the index already stores: no model call.
     */
    public SearchResult similar(String path, Integer line, int k, Filters filters) throws IOException {
        long t0 = System.nanoTime();
        List<SearchHit> ranked = SimilarChunks.search(index, path, line, k * CANDIDATES_PER_RESULT, k, filters,
                index.defaultVectorSetting());
        String note = index.warnings().isEmpty() ? null : String.join("; ", index.warnings());
        return new SearchResult(SearchMode.SEMANTIC, note, ChunkRows.withSnippets(Ranking.group(ranked, k), ""), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Lines {@code startLine..endLine} of {@code path} as the index stores them (at most 2,000 lines). */
    public StoredText read(String path, int startLine, int endLine) {
        return StoredTextReader.read(index, path, startLine, endLine);
    }

    /**
     * The vector setting of hybrid's semantic side. Fusion uses that side's ranks, not its distances, so on an IVF_RQ index
     * it takes the index's estimated order and reads no vectors for the exact re-rank: on the default model's 240k index,
     * hit@5 stayed 25 of 38 and the hybrid p50 fell about 0.85 ms (bench/results/2026-12-05-search-pool/). IVF_PQ's
     * estimates are coarser, so an index built before IVF_RQ keeps its re-rank, as does a request that asks for one.
     */
    static SearchRequest.VectorSetting hybridSide(SearchRequest.VectorSetting tuning, String indexType, int requestedRefine) {
        return "IVF_RQ".equals(indexType) && requestedRefine == 0 ? new SearchRequest.VectorSetting(tuning.nprobes(), 0) : tuning;
    }

    /** How many candidates each side of a hybrid search brings to the fusion for {@code k} results. */
    public static int fusionCandidates(int k) {
        return Math.max(k * CANDIDATES_PER_RESULT, MIN_FUSION_CANDIDATES);
    }

    private SearchRequest.VectorSetting tuning(SearchRequest r) {
        SearchRequest.VectorSetting d = index.defaultVectorSetting();
        return new SearchRequest.VectorSetting(r.nprobes() > 0 ? r.nprobes() : d.nprobes(), r.refineFactor() > 0 ? r.refineFactor() : d.refineFactor());
    }

    private static <T> Future<T> inBackground(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofPlatform().daemon().name("mvs-semantic-search").start(task);
        return task;
    }

    private static <T> T await(Future<T> result) throws IOException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while searching by meaning", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error err -> throw err;
                default -> throw new IOException("the semantic search failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** The query's embedding, from the cache or the index's own model. */
    public float[] embed(String query) throws IOException {
        float[] cached = queryCache.get(query);
        if (cached != null) {
            return cached;
        }
        if (embedder == null) {
            checkRecipe();
            embedder = Embedders.load(runtime, index.state().modelId(), index.state().dimension(), index.state().maxTokens(), modelThreads);
        }
        float[] v = embedder.embedQuery(query);
        queryCache.put(query, v);
        return v;
    }

    /** A query must be embedded as the documents were: an index whose recorded recipe this engine's model lacks is refused. */
    private void checkRecipe() {
        EngineState s = index.state();
        EmbeddingModel.byId(s.modelId()).ifPresent(m -> {
            String pooling = m.pooling().id();
            if ((s.pooling() != null && !s.pooling().equals(pooling)) || (s.queryPrefix() != null && !s.queryPrefix().equals(m.queryPrefix()))
                    || (s.quantization() != null && !s.quantization().equals(m.quantization()))) {
                throw new EngineException.IncompatibleIndex(dir, "was embedded by " + s.modelId() + " with pooling " + s.pooling()
                        + ", query prefix \"" + s.queryPrefix() + "\" and " + s.quantization() + " weights, and this engine's " + m.id()
                        + " uses " + pooling + ", \"" + m.queryPrefix() + "\" and " + m.quantization());
            }
        });
    }

    @Override
    public void close() {
        try {
            if (embedder != null) {
                embedder.close();
            }
        } finally {
            index.close();
        }
    }
}
