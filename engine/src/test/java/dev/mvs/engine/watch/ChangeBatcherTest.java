package dev.mvs.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ChangeBatcherTest {

    @Test
    void aBurstIsOneBatch() throws Exception {
        ChangeBatcher b = new ChangeBatcher(Duration.ofMillis(100), Duration.ofSeconds(5));
        for (int i = 0; i < 5_000; i++) {
            b.signal();
        }
        long t0 = System.nanoTime();
        assertEquals(5_000, b.take().changes());
        assertTrue(System.nanoTime() - t0 >= 90_000_000L, "waits for the quiet period");
        b.signal();
        assertEquals(1, b.take().changes(), "a later change is the next batch");
    }

    @Test
    void aChangeNeverWaitsLongerThanTheLongestDelay() throws Exception {
        ChangeBatcher b = new ChangeBatcher(Duration.ofMillis(200), Duration.ofMillis(600));
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 100 && !stop.get(); i++) { // a change every 50 ms for 5 s: never quiet for 200 ms
                b.signal();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        ChangeBatcher.Batch first = b.take();
        long waited = (System.nanoTime() - first.firstNanos()) / 1_000_000;
        assertTrue(waited >= 590 && waited < 2_000, "due after the longest delay, not at the end of the stream: " + waited + " ms");
        stop.set(true);
        writer.get(5, TimeUnit.SECONDS);
    }

    @Test
    void closeEndsTheWait() throws Exception {
        ChangeBatcher b = new ChangeBatcher(Duration.ofMillis(100), Duration.ofSeconds(1));
        CompletableFuture<ChangeBatcher.Batch> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return b.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        b.close();
        assertNull(taken.get(5, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class, () -> new ChangeBatcher(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
