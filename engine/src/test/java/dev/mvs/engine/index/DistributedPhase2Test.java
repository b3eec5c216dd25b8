package dev.mvs.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.chunk.SyntaxChunker;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.Table;
import dev.mvs.ffi.WrittenFragment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase 2 with its model work on workers (threads here, each with its own table handles, as executors have): the same
 * index as a local run, one commit, nothing duplicated by retried or speculative attempts, resumable after a crash.
 */
// Two writers at once on one runtime once deadlocked (docs/threads.md, mvs-input): fail, never hang the build.
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DistributedPhase2Test {

    @TempDir
    Path dir;
    private NativeRuntime runtime;
    private Path repo;

    @BeforeEach
    void setUp() throws Exception {
        runtime = NativeRuntime.create(2);
        // Two packages, so the chunks a model must embed fill two tasks of at least MIN_TASK_ROWS.
        repo = IndexerTest.realRepo(dir.resolve("repo"), "java.base/java/util/concurrent/");
        IndexerTest.realRepo(repo, "java.base/java/util/stream/");
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    /** Runs each task on a pool of two threads; a hook may fail or repeat attempts, as Spark's retries and speculation do. */
    private final class ThreadDistributor implements Phase2Distributor {
        final AtomicInteger attempts = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicBoolean failedOnce = new java.util.concurrent.atomic.AtomicBoolean();
        final List<Phase2Job> jobs = new ArrayList<>();
        /** Every fragment any attempt wrote, returned or not. */
        final List<WrittenFragment> everyAttempt = java.util.Collections.synchronizedList(new ArrayList<>());
        boolean failFirstAttemptOfTaskZero;
        boolean duplicateEveryTask;
        boolean crashBeforeCommit;
        final List<WrittenFragment> returned = new ArrayList<>();

        @Override
        public int parallelism() {
            return 2;
        }

        @Override
        public List<Phase2TaskResult> run(Phase2Job job) throws IOException, InterruptedException {
            jobs.add(job);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Phase2TaskResult>> results = new ArrayList<>();
                for (Phase2Task task : job.tasks()) {
                    results.add(pool.submit(() -> attempt(job, task)));
                }
                List<Phase2TaskResult> all = new ArrayList<>();
                for (Future<Phase2TaskResult> r : results) {
                    all.add(r.get());
                    returned.addAll(r.get().fragments());
                }
                if (crashBeforeCommit) {
                    throw new IOException("the driver died after its executors finished");
                }
                return all;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }

        private Phase2TaskResult attempt(Phase2Job job, Phase2Task task) throws Exception {
            Phase2Worker recording = new Phase2Worker(runtime, new IndexProgress() {});
            Attempt worker = (spec, j, t) -> {
                Phase2TaskResult written = recording.run(spec, j, t);
                everyAttempt.addAll(written.fragments());
                return written;
            };
            attempts.incrementAndGet();
            if (failFirstAttemptOfTaskZero && task.index() == 0 && failedOnce.compareAndSet(false, true)) {
                worker.run(IndexerTest.HASH_64, job, task); // its files are written, then the attempt dies
                attempts.incrementAndGet();
                return worker.run(IndexerTest.HASH_64, job, task);
            }
            if (duplicateEveryTask) {
                worker.run(IndexerTest.HASH_64, job, task); // a speculative copy whose result Spark drops
            }
            return worker.run(IndexerTest.HASH_64, job, task);
        }
    }

    /** A distributor of two slots whose jobs {@code run} runs. */
    private static Phase2Distributor twoSlots(JobRun run) {
        return new Phase2Distributor() {
            @Override
            public int parallelism() {
                return 2;
            }

            @Override
            public List<Phase2TaskResult> run(Phase2Job job) throws IOException, InterruptedException {
                return run.run(job);
            }
        };
    }

    private interface JobRun {
        List<Phase2TaskResult> run(Phase2Job job) throws IOException, InterruptedException;
    }

    private interface Attempt {
        Phase2TaskResult run(EmbedderSpec spec, Phase2Job job, Phase2Task task) throws Exception;
    }

    /** The data files of {@code fragments} that are still in {@code table}'s data directory. */
    private static long filesLeft(Path table, List<WrittenFragment> fragments) {
        long left = 0;
        for (WrittenFragment f : fragments) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"path\":\"([^\"]+)\"").matcher(f.metadata());
            while (m.find()) {
                left += Files.exists(table.resolve("data").resolve(m.group(1))) ? 1 : 0;
            }
        }
        return left;
    }

    private IndexReport index(Path indexDir, Phase2Distributor distributor) throws Exception {
        Discovery discovery = new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(indexDir));
        IndexOptions options = IndexOptions.of(IndexerTest.HASH_64).withDistributor(distributor);
        return new Indexer(runtime, discovery, SyntaxChunker.defaults(), new IndexProgress() {}).run(repo, new IndexLayout(indexDir),
                options);
    }

    private long versionsOfVectors(Path indexDir) throws IOException {
        IndexLayout layout = new IndexLayout(indexDir);
        Path vectors = layout.generation(EngineState.read(layout).orElseThrow().generation()).vectors();
        try (Table t = Table.open(runtime, vectors)) {
            return t.version();
        }
    }

    @Test
    void theDistributedIndexEqualsTheLocalOneRowForRow() throws Exception {
        IndexReport local = index(dir.resolve("local"), null);
        ThreadDistributor distributor = new ThreadDistributor();
        IndexReport distributed = index(dir.resolve("distributed"), distributor);

        assertEquals(1, distributor.jobs.size());
        Phase2Job job = distributor.jobs.getFirst();
        assertEquals(2, job.tasks().size(), "cut into as many tasks as can run at once: " + job.tasks().size() + " for " + job.chunks() + " chunks");
        assertEquals(local.chunks(), distributed.vectors());
        assertEquals(local.phase2().missing(), distributed.phase2().missing());
        assertEquals(local.phase2().embedded(), distributed.phase2().embedded(), "the workers' counts reach the report");
        assertEquals(local.phase2().reused(), distributed.phase2().reused());
        assertTrue(local.phase2().reused() > 0, "the corpus repeats texts, so the counts above tell embedded from reused");
        IndexSnapshot a = IndexSnapshot.of(runtime, new IndexLayout(dir.resolve("local")));
        IndexSnapshot b = IndexSnapshot.of(runtime, new IndexLayout(dir.resolve("distributed")));
        assertEquals(a, b, a.diff(b));

        // Every chunk with the same text went to the same task: each text is embedded once per job.
        Set<String> seen = new HashSet<>();
        for (Phase2Task task : job.tasks()) {
            assertTrue(task.chunkIds().stream().allMatch(seen::add), "a chunk in two tasks");
        }
    }

    @Test
    void retriedAndSpeculativeAttemptsLeaveExactlyOneRowPerChunk() throws Exception {
        ThreadDistributor distributor = new ThreadDistributor();
        distributor.failFirstAttemptOfTaskZero = true;
        distributor.duplicateEveryTask = true;
        IndexReport report = index(dir.resolve("index"), distributor);
        assertTrue(distributor.attempts.get() > distributor.jobs.getFirst().tasks().size(), "attempts: " + distributor.attempts.get());

        IndexLayout layout = new IndexLayout(dir.resolve("index"));
        IndexLayout.Generation g = layout.generation(report.generation());
        try (Table chunks = Table.open(runtime, g.chunks()); Table vectors = Table.open(runtime, g.vectors())) {
            assertEquals(chunks.countRows(), vectors.countRows());
            assertEquals(report.chunks(), report.vectors());
        }
        List<WrittenFragment> dropped = new ArrayList<>(distributor.everyAttempt);
        dropped.removeAll(distributor.returned);
        assertTrue(dropped.size() > 0, "the failed and duplicate attempts wrote fragments");
        assertEquals(0, filesLeft(g.vectors(), dropped), "their files are removed after the commit");
        IndexSnapshot local = localSnapshot();
        IndexSnapshot distributed = IndexSnapshot.of(runtime, layout);
        assertEquals(local, distributed, local.diff(distributed));
    }

    @Test
    void aDriverKilledBeforeTheCommitLeavesNothingVisibleAndARerunCommitsOnce() throws Exception {
        Path indexDir = dir.resolve("index");
        ThreadDistributor crashing = new ThreadDistributor();
        crashing.crashBeforeCommit = true;
        assertThrows(IOException.class, () -> index(indexDir, crashing));
        IndexLayout layout = new IndexLayout(indexDir);
        IndexLayout.Generation g = layout.generation(EngineState.read(layout).orElseThrow().generation());
        try (Table vectors = Table.open(runtime, g.vectors())) {
            assertEquals(0, vectors.countRows(), "the executors' fragments are not visible");
        }
        assertTrue(filesLeft(g.vectors(), crashing.everyAttempt) > 0, "but their files are there, unreferenced");

        ThreadDistributor rerun = new ThreadDistributor();
        IndexReport report = index(indexDir, rerun);
        assertEquals(1, rerun.jobs.size());
        assertEquals(0, filesLeft(g.vectors(), crashing.everyAttempt), "the dead job's files are removed after the rerun's commit");
        assertEquals(report.chunks(), report.vectors());
        IndexSnapshot local = localSnapshot();
        IndexSnapshot distributed = IndexSnapshot.of(runtime, layout);
        assertEquals(local, distributed, local.diff(distributed));

        // After the commit, a rerun finds nothing to embed: no job, no new version of vectors.lance.
        long version = versionsOfVectors(indexDir);
        ThreadDistributor after = new ThreadDistributor();
        IndexReport again = index(indexDir, after);
        assertEquals(0, after.jobs.size());
        assertEquals(0, again.phase2().missing());
        assertEquals(version, versionsOfVectors(indexDir));
    }

    @Test
    void aDistributorReturningATaskTwiceOrNotAtAllCommitsNothing() throws Exception {
        Path indexDir = dir.resolve("index");
        ThreadDistributor real = new ThreadDistributor();
        for (boolean twice : new boolean[] {true, false}) {
            Phase2Distributor mixedUp = twoSlots(job -> {
                List<Phase2TaskResult> results = new ArrayList<>(real.run(job));
                if (twice) {
                    results.set(1, results.get(0)); // task 0 twice, task 1 never: as many rows when the tasks are alike
                } else {
                    results.remove(1);
                }
                return results;
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> index(indexDir, mixedUp));
            assertTrue(e.getMessage().contains(twice ? "a second result for task 0" : "no result for task 1"), e.getMessage());
            IndexLayout layout = new IndexLayout(indexDir);
            try (Table vectors = Table.open(runtime, layout.generation(EngineState.read(layout).orElseThrow().generation()).vectors())) {
                assertEquals(0, vectors.countRows(), "nothing committed");
            }
        }
    }

    @Test
    void aCancelledAttemptStopsAndItsFilesAreRemovedAfterTheCommit() throws Exception {
        Path indexDir = dir.resolve("index");
        ThreadDistributor real = new ThreadDistributor();
        List<Throwable> cancelled = new ArrayList<>();
        Phase2Distributor speculating = twoSlots(job -> {
            // A copy of task 0 that its distributor cancels once it has handed over some rows, as Spark kills a
            // speculative copy whose twin finished first.
            AtomicInteger checks = new AtomicInteger();
            Phase2Worker copy = new Phase2Worker(runtime, new IndexProgress() {});
            cancelled.add(assertThrows(java.util.concurrent.CancellationException.class,
                    () -> copy.run(IndexerTest.HASH_64, job, job.tasks().getFirst(), () -> checks.incrementAndGet() > 300)));
            return real.run(job);
        });
        IndexReport report = index(indexDir, speculating);
        assertEquals(1, cancelled.size());
        assertEquals(report.chunks(), report.vectors());
        IndexLayout layout = new IndexLayout(indexDir);
        Path vectors = layout.generation(report.generation()).vectors();
        try (java.util.stream.Stream<Path> files = Files.list(vectors.resolve("data"))) {
            assertEquals(filesLeft(vectors, real.returned), files.count(), "only the committed fragments' files are left");
        }
    }

    @Test
    void tasksNeverSplitAContentHashAndHaveRowsEnough() {
        List<Phase2Embedder.NeedsModel> chunks = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            chunks.add(new Phase2Embedder.NeedsModel("c" + i, "h" + (i / 3)));
        }
        chunks.sort(Comparator.comparing(Phase2Embedder.NeedsModel::contentHash));
        List<Phase2Task> tasks = DistributedPhase2.tasks(chunks, 3);
        assertEquals(3, tasks.size());
        assertEquals(5_000, tasks.stream().mapToInt(t -> t.chunkIds().size()).sum());
        for (Phase2Task t : tasks) {
            int last = Integer.parseInt(t.chunkIds().getLast().substring(1));
            assertTrue(last == 4_999 || last % 3 == 2, "a task ends inside a hash group at c" + last);
        }
        assertEquals(1, DistributedPhase2.tasks(chunks.subList(0, 900), 8).size(), "below MIN_TASK_ROWS: one task");
        List<Phase2Task> many = DistributedPhase2.tasks(chunks, 100);
        assertEquals(4, many.size());
        assertTrue(many.stream().allMatch(t -> t.chunkIds().size() >= DistributedPhase2.MIN_TASK_ROWS), "no task below MIN_TASK_ROWS");
    }

    private IndexSnapshot localSnapshot() throws Exception {
        Path localDir = dir.resolve("local-reference");
        index(localDir, null);
        return IndexSnapshot.of(runtime, new IndexLayout(localDir));
    }
}
