package dev.mvs.engine;

import dev.mvs.engine.admin.IndexAdmin;
import dev.mvs.engine.chunk.Chunker;
import dev.mvs.engine.chunk.SyntaxChunker;
import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.embed.HashEmbedder;
import dev.mvs.engine.embed.EmbeddingModel;
import dev.mvs.engine.embed.OnnxEmbedder;
import dev.mvs.engine.error.EngineException;
import dev.mvs.engine.index.EmbeddedText;
import dev.mvs.engine.index.EmbedderSpec;
import dev.mvs.engine.index.IndexOptions;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.index.Phase2Distributor;
import dev.mvs.engine.index.Phase2Job;
import dev.mvs.engine.index.Indexer;
import dev.mvs.engine.index.WarmModel;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.engine.scan.WatchFilter;
import dev.mvs.engine.search.Searcher;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.watch.RepositoryWatch;
import dev.mvs.engine.watch.WatchListener;
import dev.mvs.ffi.FenceStats;
import dev.mvs.ffi.NativeRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's front door: owns one native runtime (its tokio threads, its fence, its Arrow
 * allocator) and opens indexes on it for searching, indexing and administration. The CLI, the
 * benchmarks and the MCP server go through it; closing it closes the runtime, so close what it
 * opened first.
 */
public final class Engine implements AutoCloseable {

    /** The model names front ends accept besides the ids of {@link EmbeddingModel#ALL}. */
    public static final String MODEL_MINILM = "minilm";
    public static final String MODEL_HASH = "hash";
    /**
     * The model a new index gets when the request names none: chosen by measurement (docs/embedding.md,
     * bench/results/2026-12-02-models): the fastest at the hit@5 of the default before it (all-MiniLM-L6-v2 fp32).
     */
    public static final EmbeddingModel DEFAULT_MODEL = EmbeddingModel.MINILM_Q;
    /**
     * The chunker a new index gets when the request names none: one chunk per declaration where a grammar
     * exists, line windows elsewhere (docs/chunking.md has the speed and search-quality figures).
     */
    public static final String DEFAULT_CHUNKER = SyntaxChunker.KIND;
    /** The notice id of "this index keeps its line windows", shown once per index. */
    public static final String NOTICE_LINES_KEPT = "lines-kept";

    private final NativeRuntime runtime;
    private final int threads;

    private Engine(NativeRuntime runtime, int threads) {
        this.runtime = runtime;
        this.threads = threads;
    }

    /** An engine with {@code threads} native worker threads and model threads; 0 means one per CPU. */
    public static Engine start(int threads) {
        if (threads < 0) {
            throw new EngineException.InvalidRequest("threads must be >= 0, got " + threads);
        }
        int resolved = threads == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
        return new Engine(NativeRuntime.create(threads), resolved);
    }

    /** Opens the index at {@code indexDir} for searching (no lock: writers never block it). */
    public Searcher searcher(Path indexDir) throws IOException {
        return Searcher.open(runtime, indexDir, threads);
    }

    /** status, verify, versions, restore, compact and reset of the index at {@code indexDir}. */
    public IndexAdmin admin(Path indexDir) {
        return new IndexAdmin(runtime, indexDir);
    }

    /**
     * One index run under the index's writer lock: settings the request leaves open come from the
     * index's engine.json, or the defaults for a new index.
     */
    public IndexReport index(IndexRequest request, IndexProgress progress) throws IOException, InterruptedException {
        return index(request, progress, (Phase2Distributor) null);
    }

    /**
     * As {@link #index(IndexRequest, IndexProgress)}, with phase 2's model work run by {@code distributor} on other
     * machines (docs/distributed.md); null: in this process.
     */
    public IndexReport index(IndexRequest request, IndexProgress progress, Phase2Distributor distributor) throws IOException, InterruptedException {
        try (WarmModel model = new WarmModel()) {
            return index(request, progress, model, distributor);
        }
    }

    /**
     * Watches the request's repository and makes an incremental run (as {@link #index}) for each batch of changes that
     * can change what is indexed, with the model kept loaded between runs; one run at start. A run waits for another
     * writer (the request's lock wait) rather than failing. Close the watch to stop.
     */
    public RepositoryWatch watch(IndexRequest request, Duration quiet, IndexProgress progress, WatchListener listener) throws IOException {
        Path repo = request.repository().toAbsolutePath().normalize();
        Path dir = request.indexDir().toAbsolutePath().normalize();
        WarmModel model = new WarmModel();
        WatchFilter filter = new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(dir)).watchFilter(repo);
        try {
            return RepositoryWatch.start(filter, quiet, RepositoryWatch.longestFor(quiet), () -> index(request, progress, model, null), listener, model);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private IndexReport index(IndexRequest request, IndexProgress progress, WarmModel warm, Phase2Distributor distributor)
            throws IOException, InterruptedException {
        Path repo = request.repository().toAbsolutePath().normalize();
        Path dir = request.indexDir().toAbsolutePath().normalize();
        Optional<EngineState> recorded = request.rebuild() || !Files.isDirectory(dir) ? Optional.empty() : EngineState.read(new IndexLayout(dir));
        String chunkerName = request.chunker() != null ? request.chunker() : recorded.map(EngineState::chunkerOrDefault).orElse(DEFAULT_CHUNKER);
        String modelName = request.model() != null ? request.model()
                : recorded.map(EngineState::modelId).map(id -> id.equals(HashEmbedder.MODEL_ID) ? MODEL_HASH : id).orElse(DEFAULT_MODEL.id());
        int tokens = request.maxTokens() != null ? request.maxTokens()
                : recorded.filter(s -> s.maxTokens() > 0).map(EngineState::maxTokens).orElse(OnnxEmbedder.DEFAULT_MAX_TOKENS);
        String embedded = request.embedded() != null ? request.embedded() : recorded.map(EngineState::embeddedOrDefault).orElse(EmbeddedText.TEXT.id());
        IndexOptions options = IndexOptions.of(warm.keep(embedder(modelName, tokens).withInput(EmbeddedText.byId(embedded)))).withRebuild(request.rebuild()).withPhase1Only(request.phase1Only())
                .withLockWait(request.lockWait()).withDistributor(distributor).withFoldVectorsLater(request.foldVectorsLater());
        if (request.chunker() == null && chunkerName.startsWith(LineWindowChunker.KIND)) {
            options = options.withNotice(NOTICE_LINES_KEPT, "this index keeps the line-window chunks it was built with; new indexes are chunked by "
                    + "declaration (syntax) now: `engine-cli index --rebuild` switches this one (a new index beside it; its chunks are new, so they are embedded again)");
        }
        Discovery discovery = new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(dir));
        return indexer(discovery, chunker(chunkerName), progress).run(repo, new IndexLayout(dir), options);
    }

    /** An indexer with the caller's own discovery and chunker (benchmarks, tests). */
    public Indexer indexer(Discovery discovery, Chunker chunker, IndexProgress progress) {
        return new Indexer(runtime, discovery, chunker, progress);
    }

    /**
     * The model {@code name} (an id of {@link EmbeddingModel#ALL}, "minilm" for all-MiniLM-L6-v2, or "hash") as an
     * index run loads it: lazily, on this engine's runtime.
     */
    public EmbedderSpec embedder(String name, int maxTokens) {
        if (name.equals(MODEL_HASH)) {
            return new EmbedderSpec(HashEmbedder.MODEL_ID, HashEmbedder.DEFAULT_DIMENSION, () -> new HashEmbedder(HashEmbedder.DEFAULT_DIMENSION));
        }
        EmbeddingModel model = model(name);
        return EmbedderSpec.of(model, maxTokens, EmbeddedText.TEXT,
                () -> OnnxEmbedder.load(runtime, model, OnnxEmbedder.Options.defaults().withMaxTokens(maxTokens).withThreads(threads)));
    }

    /**
     * The model a {@link Phase2Job} embeds with, as this engine loads it: what a worker of a distributed phase 2 runs
     * (the worker checks it is the job's).
     */
    public EmbedderSpec embedder(Phase2Job job) {
        String name = job.modelId().equals(HashEmbedder.MODEL_ID) ? MODEL_HASH : job.modelId();
        return embedder(name, job.maxTokens()).withInput(EmbeddedText.byId(job.input()));
    }

    /** The model a front end's name means; an unknown name is an InvalidRequest that lists the known ones. */
    public static EmbeddingModel model(String name) {
        String id = name.equals(MODEL_MINILM) ? EmbeddingModel.MINILM.id() : name;
        return EmbeddingModel.byId(id).orElseThrow(() -> new EngineException.InvalidRequest("unknown model \"" + name + "\"; known: "
                + String.join(", ", modelNames())));
    }

    /** Every name {@link #embedder} accepts. */
    public static List<String> modelNames() {
        List<String> names = new ArrayList<>();
        EmbeddingModel.ALL.forEach(m -> names.add(m.id()));
        names.add(MODEL_MINILM);
        names.add(MODEL_HASH);
        return names;
    }

    /** The chunker {@code name} ("lines" or "syntax"). */
    public static Chunker chunker(String name) {
        return switch (name) {
            case LineWindowChunker.KIND -> LineWindowChunker.defaults();
            case SyntaxChunker.KIND -> SyntaxChunker.defaults();
            default -> throw new EngineException.InvalidRequest("the chunker must be lines or syntax, got " + name);
        };
    }

    /** Native worker threads of the runtime. */
    public int workerThreads() {
        return runtime.workerThreads();
    }

    /** This process's fence counters. */
    public FenceStats fenceStats() {
        return runtime.fenceStats();
    }

    /** The runtime, for code that works on tables directly (benchmarks, tests). */
    public NativeRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
