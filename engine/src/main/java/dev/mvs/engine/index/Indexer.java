package dev.mvs.engine.index;

import dev.mvs.engine.store.FileTrees;
import dev.mvs.engine.store.GenerationTables;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.engine.store.RunLog;
import dev.mvs.engine.store.IndexSchemas;

import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.WriterLock;
import dev.mvs.engine.store.EngineState;

import dev.mvs.engine.error.EngineException;

import dev.mvs.engine.chunk.Chunker;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * An index run (docs/architecture.md, docs/storage.md): takes the writer lock, picks the generation to write, brings it in
 * step with the working tree (phase 1), embeds what lacks a vector (phase 2), maintains the tables,
 * and records the result in engine.json.
 *
 * <p>Generations: the first index is published as soon as phase 1 is done (keyword search works
 * while phase 2 runs, and a killed phase 2 resumes into it). A rebuild fills a new generation that
 * engine.json names as "building" (so a killed rebuild resumes) and switches to it only when it is
 * complete; searches meanwhile see the old one. Superseded generations are removed by the next
 * writer run, not at once, so a search that opened one just before the switch can finish.
 */
public final class Indexer {

    /** A run that rewrote more paths than this compares the whole tables in phase 2 (as fast, and simpler). */
    static final int SCOPED_DIFF_PATHS = 5_000;

    private final NativeRuntime runtime;
    private final Discovery discovery;
    private final Chunker chunker;
    private final IndexProgress progress;
    private final Clock clock;

    public Indexer(NativeRuntime runtime, Discovery discovery, Chunker chunker, IndexProgress progress) {
        this(runtime, discovery, chunker, progress, Clock.systemUTC());
    }

    /**
     * @param clock when each run starts and ends; a file modified within {@link KnownFiles#RACY_MILLIS} of the
     *              last run's start is read again, however its size and mtime look (tests move the clock on)
     */
    public Indexer(NativeRuntime runtime, Discovery discovery, Chunker chunker, IndexProgress progress, Clock clock) {
        this.runtime = runtime;
        this.discovery = discovery;
        this.chunker = chunker;
        this.progress = progress;
        this.clock = clock;
    }

    public IndexReport run(Path repo, IndexLayout layout, IndexOptions options) throws IOException, InterruptedException {
        if (!Files.isDirectory(repo)) {
            throw new EngineException.InvalidRequest("repository path is not a directory: " + repo);
        }
        if (Files.exists(layout.dir()) && !Files.isDirectory(layout.dir())) {
            throw new EngineException.InvalidRequest("the index directory is a file, not a directory: " + layout.dir());
        }
        Files.createDirectories(layout.dir());
        try (WriterLock lock = WriterLock.acquire(layout.lockFile(), options.lockWait(), progress::message)) {
            return runLocked(repo, layout, options);
        }
    }

    private IndexReport runLocked(Path repo, IndexLayout layout, IndexOptions options) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long runStart = clock.millis();
        Optional<EngineState> previous = EngineState.read(layout);
        EmbedderSpec model = options.embedder();
        if (previous.isPresent() && !options.rebuild()) {
            check(layout, previous.get(), model, chunker.name());
        }
        String current = previous.map(EngineState::generation).orElse(null);
        String target;
        boolean fresh;
        if (options.rebuild() || previous.isEmpty() || (current == null && previous.get().building() == null)) {
            target = layout.nextGenerationName();
            fresh = true;
        } else if (previous.get().building() != null) {
            target = previous.get().building();
            fresh = false;
            progress.message("resuming the unfinished build of " + target);
        } else {
            target = current;
            fresh = false;
        }
        removeStaleGenerations(layout, current, target);
        boolean publishEarly = current == null; // nothing to keep visible: publish after phase 1
        long statsTrustedBefore = previous.filter(p -> !fresh).map(p -> parseMillis(p.statsTrustedOrUpdated())).orElse(Long.MIN_VALUE);
        EngineState state = new EngineState(IndexSchemas.VERSION, current, target.equals(current) ? null : target, model.modelId(),
                model.dimension(), repo.toAbsolutePath().normalize().toString(), 0, 0, 0, 0, Instant.ofEpochMilli(runStart).toString(),
                chunker.name(), model.maxTokens(), model.input().id(), blankToNull(model.pooling()), blankToNull(model.queryPrefix()),
                blankToNull(model.quantization()), notices(previous.filter(p -> !fresh), options), null);
        if (!target.equals(current)) {
            state.write(layout); // a killed build is resumed, never orphaned
        }
        IndexLayout.Generation generation = layout.generation(target);
        Map<String, float[]> salvage = new HashMap<>();
        try (GenerationTables tables = new GenerationTables(runtime, generation); SideLane side = new SideLane(progress)) {
            IndexProgress runProgress = side.relaying();
            tables.warnings().forEach(runProgress::message);
            runProgress.message(fresh ? "indexing into " + generation.dir() : "updating " + generation.dir());
            boolean complete = asLastCompleteRunLeftIt(generation, tables);
            TableMaintenance maintainer = new TableMaintenance(runProgress::message, options.vectorIndexMinRows());
            // A fold left by the last run and not done since (its process killed, say) is this run's to do.
            if (options.foldVectorsLater() && TableMaintenance.vectorGapServed(tables.vectors())) {
                maintainer.foldingVectorsLater();
            }
            TableMaintenance sideMaintainer = new TableMaintenance(side.messages(), options.vectorIndexMinRows());
            Set<String> rewritten = new HashSet<>();
            RacyFiles racy = new RacyFiles(runStart);
            SyncReport sync = new Phase1Sync(discovery, chunker, runProgress).run(repo, tables, statsTrustedBefore, salvage, rewritten, racy);
            // Upkeep beside phase 2 and the vector upkeep, whose one thread leaves the other core idle (SideLane).
            // The cleanup removes what earlier runs left (this run's versions are younger than the policy's age);
            // vectors.lance's first, before the vector upkeep needs the table. A first index waits for its
            // full-text index, so keyword search is fast while phase 2 embeds.
            Table[] toClean = {tables.vectors(), tables.files(), tables.chunks()};
            Future<TableMaintenance.Report> cleanup = side.submit(() -> sideMaintainer.cleanup(toClean));
            Future<TableMaintenance.Report> phase1Maintenance = publishEarly
                    ? CompletableFuture.completedFuture(maintainer.runPhase1Tables(tables))
                    : side.submit(() -> sideMaintainer.runPhase1Tables(tables));
            if (publishEarly && tables.chunks() != null) {
                state = counts(state.withGeneration(target, null), tables, sync);
                state.write(layout);
            }
            Phase2Report phase2 = null;
            if (!options.phase1Only()) {
                try (Table old = reuseSource(layout, current, target, previous, model)) {
                    phase2 = options.distributor() == null ? new Phase2Embedder(model, runProgress).run(tables, salvage, old,
                            complete && rewritten.size() <= SCOPED_DIFF_PATHS ? rewritten : null)
                            : new DistributedPhase2(model, runProgress, options.distributor()).run(tables, salvage, old);
                }
            }
            TableMaintenance.Report maintenance = maintainer.runVectors(tables, model.dimension());
            maintenance = TableMaintenance.sum(maintenance, SideLane.await(phase1Maintenance));
            maintenance = TableMaintenance.sum(maintenance, SideLane.await(cleanup));
            if (clock.millis() - runStart > TableMaintenance.CLEANUP_AFTER.toMillis()) {
                maintenance = TableMaintenance.sum(maintenance, maintainer.cleanup(tables.files(), tables.chunks(), tables.vectors())); // a long run's own
            }
            side.relay();
            String statsTrusted = Instant.ofEpochMilli(recheck(racy, repo, runProgress)).toString();
            state = counts(state.withGeneration(target, null), tables, sync).withStatsTrusted(statsTrusted);
            RunLog.writeSkipped(generation, sync.skipped());
            RunLog.append(generation, clock.instant().toString(), statsTrusted, tables.files(), tables.chunks(), tables.vectors());
            state.write(layout);
            return new IndexReport(layout.dir(), target, fresh, sync, phase2, state.files(), state.chunks(), state.vectors(),
                    maintenance.compactions(), maintenance.indexesCreated(), maintenance.versionsRemoved(),
                    (System.nanoTime() - t0) / 1_000_000, maintenance.vectorFoldDue());
        }
    }

    /**
     * Reads the run's racily clean files again now that the run is over, so the next run (often the user's
     * one-file run right after a build) need not; returns the moment stats are trusted up to (RacyFiles).
     */
    private long recheck(RacyFiles racy, Path repo, IndexProgress progress) {
        long t0 = System.nanoTime();
        long trusted = racy.recheck(repo, clock.millis());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ms >= TableMaintenance.SLOW_STEP_MILLIS) {
            progress.message(String.format(Locale.ROOT, "read %,d files modified just before the run again in %,d ms, so the next run need not",
                    racy.size(), ms));
        }
        return trusted;
    }

    /**
     * True when the tables are at the versions the last completed run recorded, with a vector for every chunk then.
     * Phase 1 then changes rows only of the paths it reports, so phase 2 compares chunks and vectors of those paths
     * alone; anything else (a killed run, a phase-1-only run, a compaction or restore since) compares the whole tables.
     */
    private static boolean asLastCompleteRunLeftIt(IndexLayout.Generation g, GenerationTables tables) throws IOException {
        if (tables.files() == null || tables.chunks() == null || tables.vectors() == null) {
            return false;
        }
        List<RunLog.Snapshot> runs = RunLog.runs(g);
        if (runs.isEmpty()) {
            return false;
        }
        RunLog.Snapshot last = runs.getLast();
        return last.chunks() == last.vectors() && last.filesVersion() == tables.files().version()
                && last.chunksVersion() == tables.chunks().version() && last.vectorsVersion() == tables.vectors().version();
    }

    private static void check(IndexLayout layout, EngineState state, EmbedderSpec model, String chunkerName) {
        if (!IndexSchemas.readable(state.schemaVersion())) {
            throw new EngineException.IncompatibleIndex(layout.dir(),
                    "has schema version " + state.schemaVersion() + ", this engine updates " + IndexSchemas.OLDEST_READABLE + " to " + IndexSchemas.VERSION);
        }
        if (state.modelId() != null && (!state.modelId().equals(model.modelId()) || state.dimension() != model.dimension())) {
            throw new EngineException.IncompatibleIndex(layout.dir(), "was embedded with " + state.modelId() + " (" + state.dimension()
                    + " dimensions), this run uses " + model.modelId() + " (" + model.dimension() + ")");
        }
        // Changed files would be chunked or truncated unlike the rest of the index: refuse, a rebuild changes them.
        if (state.chunker() != null && !state.chunker().equals(chunkerName)) {
            throw new EngineException.IncompatibleIndex(layout.dir(), "was chunked with \"" + state.chunker() + "\", this run uses \"" + chunkerName + "\"");
        }
        if (state.maxTokens() != 0 && state.maxTokens() != model.maxTokens()) {
            throw new EngineException.IncompatibleIndex(layout.dir(), "was embedded with chunks truncated at " + state.maxTokens()
                    + " tokens, this run truncates at " + model.maxTokens());
        }
        if (!state.embeddedOrDefault().equals(model.input().id())) {
            throw new EngineException.IncompatibleIndex(layout.dir(), "embedded the chunks' " + state.embeddedOrDefault() + ", this run embeds their "
                    + model.input().id());
        }
    }

    /** The current generation's vectors, when a rebuild with the same model can reuse them. */
    private Table reuseSource(IndexLayout layout, String current, String target, Optional<EngineState> previous, EmbedderSpec model) {
        // Vectors are alike only when made the same way: same model, same truncation, same text.
        if (current == null || current.equals(target) || previous.isEmpty() || !model.modelId().equals(previous.get().modelId())
                || model.dimension() != previous.get().dimension() || model.maxTokens() != previous.get().maxTokens()
                || !model.input().id().equals(previous.get().embeddedOrDefault())) {
            return null;
        }
        Path vectors = layout.generation(current).vectors();
        return Files.isDirectory(vectors) ? Table.open(runtime, vectors) : null;
    }

    /** The notices the index had shown, plus those of this run it had not (shown now, once). */
    private List<String> notices(Optional<EngineState> previous, IndexOptions options) {
        TreeSet<String> ids = new TreeSet<>();
        previous.map(EngineState::notices).ifPresent(ids::addAll);
        new TreeMap<>(options.notices()).forEach((id, text) -> {
            if (ids.add(id)) {
                progress.message(text);
            }
        });
        return ids.isEmpty() ? null : List.copyOf(ids);
    }

    private static EngineState counts(EngineState s, GenerationTables tables, SyncReport sync) {
        long files = tables.files() == null ? 0 : tables.files().countRows();
        long chunks = tables.chunks() == null ? 0 : tables.chunks().countRows();
        long vectors = tables.vectors() == null ? 0 : tables.vectors().countRows();
        return s.withCounts(files, chunks, vectors, sync.skipped().size());
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** Generations neither current nor being built: superseded by a switch, or left by a failed build. */
    private void removeStaleGenerations(IndexLayout layout, String current, String target) throws IOException {
        for (String name : layout.generationNames()) {
            if (!name.equals(current) && !name.equals(target)) {
                progress.message("removing superseded generation " + name);
                FileTrees.delete(layout.generation(name).dir());
            }
        }
    }

    private static long parseMillis(String instant) {
        try {
            return Instant.parse(instant).toEpochMilli();
        } catch (RuntimeException e) {
            return Long.MIN_VALUE; // unknown: trust no stat, re-read every file
        }
    }
}
