package dev.mvs.engine.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.error.EngineException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterLockTest {

    @TempDir
    Path dir;

    @Test
    void aWriterThatWouldFailAtOnceWaitsForABackgroundHolder() throws Exception {
        Path file = dir.resolve("index/lock");
        Optional<WriterLock> background = WriterLock.tryInBackground(file, "folding the vector index");
        assertTrue(background.isPresent());
        Thread release = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
                background.get().close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> said = new ArrayList<>();
        try (WriterLock writer = WriterLock.acquire(file, Duration.ZERO, said::add)) {
            assertTrue(said.size() == 1 && said.getFirst().contains("folding the vector index"), said.toString());
        }
        release.join();
    }

    @Test
    void aBackgroundHolderGivesWayToAWriterAndAnotherWriterStillFailsAtOnce() throws Exception {
        Path file = dir.resolve("index/lock");
        try (WriterLock writer = WriterLock.acquire(file, Duration.ZERO, m -> {})) {
            assertTrue(WriterLock.tryInBackground(file, "folding").isEmpty());
            assertThrows(EngineException.IndexBusy.class, () -> WriterLock.acquire(file, Duration.ZERO, m -> {}));
        }
    }
}
