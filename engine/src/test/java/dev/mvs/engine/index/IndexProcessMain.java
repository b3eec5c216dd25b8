package dev.mvs.engine.index;

import dev.mvs.engine.store.IndexLayout;

import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.embed.Embedder;
import dev.mvs.engine.embed.HashEmbedder;
import dev.mvs.engine.embed.PreparedBatch;
import dev.mvs.engine.scan.Discovery;
import dev.mvs.engine.scan.DiscoveryOptions;
import dev.mvs.ffi.NativeRuntime;

import java.nio.file.Path;
import java.util.List;

/**
 * An index run in its own process, for {@link KillNineTest} to kill: {@code repo indexDir
 * embedMillisPerText [--rebuild]}. The embedder is the test's hash embedder slowed down, so that phase 2 is
 * long enough to be hit by a kill.
 */
public final class IndexProcessMain {

    static final int DIMENSION = 32;

    private IndexProcessMain() {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        IndexLayout layout = new IndexLayout(Path.of(args[1]));
        long delay = Long.parseLong(args[2]);
        boolean rebuild = args.length > 3 && args[3].equals("--rebuild");
        try (NativeRuntime runtime = NativeRuntime.create(2)) {
            Discovery discovery = new Discovery(DiscoveryOptions.defaults(repo).withIndexDir(layout.dir()));
            new Indexer(runtime, discovery, LineWindowChunker.defaults(), new StageLog()).run(repo, layout,
                    IndexOptions.of(spec(delay)).withRebuild(rebuild));
        }
        System.out.println("stage done");
    }

    /** Prints each stage as it starts, so the killing test can tell where its kill landed. */
    private static final class StageLog implements IndexProgress {
        private boolean phase1;
        private boolean embedding;

        @Override
        public void message(String text) {
            String stage = text.startsWith("building") || text.startsWith("compacting") ? "maintenance"
                    : text.startsWith("indexing") || text.startsWith("updating") ? "start" : "other";
            System.out.println("stage " + stage);
        }

        @Override
        public void phase1(long filesSeen, long filesChanged, long chunksWritten) {
            if (!phase1) {
                phase1 = true;
                System.out.println("stage phase1");
            }
        }

        @Override
        public void phase2Started(long total) {
            phase2(0, 0);
        }

        @Override
        public void phase2(long done, long reused) {
            if (!embedding) {
                embedding = true;
                System.out.println("stage phase2");
            }
        }
    }

    static EmbedderSpec spec(long delayMillisPerText) {
        return new EmbedderSpec("hash-v1", DIMENSION, () -> new Slow(new HashEmbedder(DIMENSION), delayMillisPerText));
    }

    private record Slow(HashEmbedder inner, long delayPerText) implements Embedder {
        @Override
        public String modelId() {
            return inner.modelId();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public List<float[]> embed(PreparedBatch batch) {
            try {
                Thread.sleep(delayPerText * batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.embed(batch);
        }

        @Override
        public void close() {}
    }
}
