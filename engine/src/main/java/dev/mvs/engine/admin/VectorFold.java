package dev.mvs.engine.admin;

import dev.mvs.engine.admin.IndexAdmin.FoldReport.Outcome;
import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.RunLog;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.engine.store.WriterLock;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The vector fold an index run leaves behind it ({@code IndexOptions#foldVectorsLater}; engine-cli index starts it in
 * a process of its own): folds the vector index's gap into the index when the gap still outgrows what the engine's
 * query serves (docs/storage.md). It takes the writer lock as a background holder, so a writer that comes meanwhile
 * waits for it instead of failing, and gives up at once when a writer holds the lock: that writer's run does the fold
 * itself when it is still due.
 */
final class VectorFold {

    private final NativeRuntime runtime;
    private final IndexLayout layout;

    VectorFold(NativeRuntime runtime, IndexLayout layout) {
        this.runtime = runtime;
        this.layout = layout;
    }

    Outcome run(Consumer<String> progress) throws IOException {
        Optional<WriterLock> lock = WriterLock.tryInBackground(layout.lockFile(), "folding new and deleted rows into the vector index");
        if (lock.isEmpty()) {
            return Outcome.WRITER_BUSY;
        }
        try (WriterLock held = lock.get()) {
            EngineState s = IndexAdmin.currentState(layout);
            IndexLayout.Generation g = layout.generation(s.generation());
            if (!IndexAdmin.exists(g.vectors())) {
                return Outcome.NOTHING_TO_FOLD;
            }
            try (Table vectors = Table.open(runtime, g.vectors())) {
                long before = vectors.version();
                if (!new TableMaintenance(progress, TableMaintenance.DEFAULT_VECTOR_INDEX_MIN_ROWS).foldVectors(vectors)) {
                    return Outcome.NOTHING_TO_FOLD;
                }
                RunLog.recordFold(g, before, vectors);
                return Outcome.FOLDED;
            }
        }
    }
}
