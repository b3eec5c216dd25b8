package dev.mvs.engine.index;

import dev.mvs.engine.chunk.ChunkedFile;
import dev.mvs.engine.chunk.Chunker;
import dev.mvs.engine.scan.DiscoveredFile;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Chunks files on several threads ahead of the one that writes them, and hands the results back in
 * file order. Parsing is the costly part of phase 1 with syntax chunks (tree-sitter runs about
 * 12 MB/s per core here), and the writer needs one file at a time: a bounded queue of futures keeps
 * every core parsing while memory stays at a few files per thread.
 */
final class ChunkAhead implements AutoCloseable {

    private final Chunker chunker;
    private final ExecutorService pool;
    private final int ahead;

    ChunkAhead(Chunker chunker, int threads) {
        this.chunker = chunker;
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("mvs-chunk-", 0).factory());
        this.ahead = 4 * threads;
    }

    /** The chunks of each of {@code files}, in order, chunked up to a few files ahead of the caller. */
    Iterator<Chunked> chunk(List<DiscoveredFile> files) {
        Iterator<DiscoveredFile> source = files.iterator();
        ArrayDeque<Future<Chunked>> queue = new ArrayDeque<>();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (queue.size() < ahead && source.hasNext()) {
                    DiscoveredFile f = source.next();
                    queue.add(pool.submit(() -> new Chunked(f, chunker.chunkFile(f.path(), f.language(), f.content()))));
                }
                return !queue.isEmpty();
            }

            @Override
            public Chunked next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return await(queue.removeFirst());
            }
        };
    }

    private static Chunked await(Future<Chunked> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while chunking", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("chunking failed", e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** One file, its chunks and whether the chunker fell back for it. */
    record Chunked(DiscoveredFile file, ChunkedFile chunked) {
    }
}
