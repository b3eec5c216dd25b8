package dev.mvs.mcp;

import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.admin.StatusReport;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.search.Searcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The index the server answers from: one engine, one searcher that is reopened when a writer (this
 * server's reindex, a CLI run, a watch) has changed the index since it was opened, and index runs.
 * Tool calls may arrive on several threads: searches take turns on the one searcher, an index run
 * goes beside them under the index's writer lock.
 */
final class IndexSession implements AutoCloseable {

    /** A call on the searcher. */
    interface SearcherCall<T> {
        T apply(Searcher searcher) throws IOException;
    }

    private final Engine engine;
    private final Path repository;
    private final Path indexDir;
    private final ReentrantLock searching = new ReentrantLock();
    private Searcher searcher;

    IndexSession(Engine engine, Path repository, Path indexDir) {
        this.engine = engine;
        this.repository = repository.toAbsolutePath().normalize();
        this.indexDir = indexDir.toAbsolutePath().normalize();
    }

    Path repository() {
        return repository;
    }

    Path indexDir() {
        return indexDir;
    }

    <T> T search(SearcherCall<T> call) throws IOException {
        searching.lock();
        try {
            return call.apply(current());
        } finally {
            searching.unlock();
        }
    }

    StatusReport status() throws IOException {
        return engine.admin(indexDir).status();
    }

    /** An incremental run (or a rebuild), failing at once with IndexBusy when another writer holds the index. */
    IndexReport reindex(boolean rebuild, IndexProgress progress) throws IOException, InterruptedException {
        return engine.index(IndexRequest.of(repository, indexDir).withRebuild(rebuild), progress);
    }

    private Searcher current() throws IOException {
        searcher = searcher == null ? engine.searcher(indexDir) : searcher.latest();
        return searcher;
    }

    @Override
    public void close() {
        searching.lock();
        try {
            if (searcher != null) {
                searcher.close();
                searcher = null;
            }
        } finally {
            searching.unlock();
        }
    }
}
