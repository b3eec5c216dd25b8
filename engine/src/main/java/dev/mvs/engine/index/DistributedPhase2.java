package dev.mvs.engine.index;

import dev.mvs.engine.chunk.Chunk;
import dev.mvs.engine.store.GenerationTables;
import dev.mvs.ffi.CleanupStats;
import dev.mvs.ffi.FragmentCommit;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.WrittenFragment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Phase 2 with the model's work done by workers (docs/distributed.md), on the coordinator: reuses every known vector
 * here (committed as a local run would), cuts the chunks only a model can embed into tasks, has the distributor run
 * them, and commits every fragment the tasks wrote as one append. Nothing of the job is visible before that commit;
 * a job killed before it leaves only unreferenced files, and the next run embeds the same chunks again.
 */
final class DistributedPhase2 {

    /** A task's rows at most: a few hundred thousand, so each worker writes few, large fragments. */
    static final int MAX_TASK_ROWS = 250_000;
    /** A task's rows at least (where the job has that many): smaller tasks only add fragments and model loads. */
    static final int MIN_TASK_ROWS = 1_024;

    private final EmbedderSpec spec;
    private final IndexProgress progress;
    private final Phase2Distributor distributor;

    DistributedPhase2(EmbedderSpec spec, IndexProgress progress, Phase2Distributor distributor) {
        this.spec = spec;
        this.progress = progress;
        this.distributor = distributor;
    }

    Phase2Report run(GenerationTables tables, Map<String, float[]> salvage, Table reuseFrom) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Phase2Embedder.ModelWork work = new Phase2Embedder(spec, progress).reuseOnly(tables, salvage, reuseFrom);
        if (work.chunks().isEmpty()) {
            return new Phase2Report(work.missing(), 0, work.reused(), work.orphansRemoved(), (System.nanoTime() - t0) / 1_000_000, 0);
        }
        Table vectors = tables.createVectorsIfAbsent(spec.dimension());
        Phase2Job job = job(tables, vectors, work.chunks());
        progress.message("phase 2: " + job.chunks() + " chunks to embed in " + job.tasks().size() + " tasks (job " + job.jobId() + ")");
        List<Phase2TaskResult> results = distributor.run(job);
        List<WrittenFragment> fragments = fragmentsOfEachTaskOnce(job, results);
        long rows = fragments.stream().mapToLong(WrittenFragment::rows).sum();
        if (rows != job.chunks()) {
            throw new IllegalStateException("the tasks of job " + job.jobId() + " wrote " + rows + " rows for " + job.chunks()
                    + " chunks: a task's attempts were mixed up; nothing was committed");
        }
        FragmentCommit commit = vectors.commitFragments(job.vectorsReadVersion(), fragments, job.jobId());
        progress.message(commit.committed()
                ? "committed " + fragments.size() + " fragments (" + rows + " vectors) as version " + commit.version() + " of vectors.lance"
                : "job " + job.jobId() + " was committed before, as version " + commit.version() + ": nothing more to commit");
        // Failed and duplicate attempts (and jobs that died before their commit) left files no version names. Nothing else
        // writes vectors.lance now (this run holds the writer lock; the job's tasks are done), so they can go at once.
        CleanupStats orphans = vectors.removeUnreferencedFiles();
        if (orphans.dataFilesRemoved() > 0) {
            progress.message("removed " + orphans.dataFilesRemoved() + " data files no commit names (failed or duplicate task attempts)");
        }
        long embedded = results.stream().mapToLong(Phase2TaskResult::embedded).sum();
        long reused = work.reused() + results.stream().mapToLong(Phase2TaskResult::reused).sum();
        progress.phase2(work.missing(), reused);
        // The model's time is summed over the workers: on N of them it can be up to N times the phase's wall time.
        return new Phase2Report(work.missing(), embedded, reused, work.orphansRemoved(), (System.nanoTime() - t0) / 1_000_000,
                results.stream().mapToLong(Phase2TaskResult::modelMillis).sum());
    }

    /** Every task's fragments, once: a distributor that returned a task twice, or none of it, is a bug that must not commit. */
    static List<WrittenFragment> fragmentsOfEachTaskOnce(Phase2Job job, List<Phase2TaskResult> results) {
        boolean[] seen = new boolean[job.tasks().size()];
        List<WrittenFragment> fragments = new ArrayList<>();
        for (Phase2TaskResult r : results) {
            if (r.task() < 0 || r.task() >= seen.length) {
                throw new IllegalStateException("job " + job.jobId() + " got a result for task " + r.task() + ", which it does not have ("
                        + seen.length + " tasks); nothing was committed");
            }
            if (seen[r.task()]) {
                throw new IllegalStateException("job " + job.jobId() + " got a second result for task " + r.task() + " of " + seen.length
                        + ": a task's attempts were mixed up; nothing was committed");
            }
            seen[r.task()] = true;
            fragments.addAll(r.fragments());
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IllegalStateException("job " + job.jobId() + " got no result for task " + i + " of " + seen.length + "; nothing was committed");
            }
        }
        return fragments;
    }

    private Phase2Job job(GenerationTables tables, Table vectors, List<Phase2Embedder.NeedsModel> chunks) {
        List<Phase2Embedder.NeedsModel> byHash = new ArrayList<>(chunks);
        byHash.sort(Comparator.comparing(Phase2Embedder.NeedsModel::contentHash).thenComparing(Phase2Embedder.NeedsModel::chunkId));
        long readVersion = vectors.version();
        // The same chunks on the same version make the same job id: a rerun of a committed job commits nothing.
        StringBuilder identity = new StringBuilder(vectors.path().toAbsolutePath().toString()).append('\0').append(readVersion);
        byHash.forEach(c -> identity.append('\0').append(c.chunkId()));
        String jobId = Chunk.sha256(identity.toString()).substring(0, 32);
        return new Phase2Job(jobId, tables.chunks().path().toAbsolutePath().toString(), tables.chunks().version(),
                vectors.path().toAbsolutePath().toString(), readVersion, spec.modelId(), spec.dimension(), spec.maxTokens(), spec.input().id(),
                tables.vectorsCarryHits(), tasks(byHash, distributor.parallelism()));
    }

    /**
     * Cuts chunks sorted by content hash into tasks, never splitting a hash: {@code parallelism} tasks (more where one would
     * pass {@link #MAX_TASK_ROWS}), fewer where a task would fall below {@link #MIN_TASK_ROWS}.
     */
    static List<Phase2Task> tasks(List<Phase2Embedder.NeedsModel> byHash, int parallelism) {
        int n = byHash.size();
        int wanted = Math.max(Math.max(1, parallelism), (n + MAX_TASK_ROWS - 1) / MAX_TASK_ROWS);
        int count = Math.min(wanted, Math.max(1, n / MIN_TASK_ROWS));
        int size = (n + count - 1) / count;
        List<Phase2Task> tasks = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(byHash.get(i).chunkId());
            boolean hashEnds = i + 1 == n || !byHash.get(i + 1).contentHash().equals(byHash.get(i).contentHash());
            if (hashEnds && (ids.size() >= size || i + 1 == n)) {
                tasks.add(new Phase2Task(tasks.size(), ids));
                ids = new ArrayList<>();
            }
        }
        return tasks;
    }
}
