package dev.mvs.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** Upkeep beside an index run: its messages reach the run's progress on the run's thread, its failures the run. */
class SideLaneTest {

    private final List<String> shown = new ArrayList<>();
    private final List<Thread> showingThreads = new ArrayList<>();
    private final IndexProgress progress = new IndexProgress() {
        @Override
        public void message(String text) {
            shown.add(text);
            showingThreads.add(Thread.currentThread());
        }
    };

    @Test
    void theLanesMessagesAreShownOnTheRunsThreadBeforeItsNextProgress() throws Exception {
        try (SideLane side = new SideLane(progress)) {
            Future<Integer> work = side.submit(() -> {
                side.messages().accept("compacting chunks.lance");
                side.messages().accept("cleaned up");
                return 1;
            });
            assertEquals(1, SideLane.await(work));
            assertEquals(List.of(), shown);
            side.relaying().message("updating");
            assertEquals(List.of("compacting chunks.lance", "cleaned up", "updating"), shown);
            side.messages().accept("late");
            side.relay();
        }
        assertEquals("late", shown.getLast());
        assertTrue(showingThreads.stream().allMatch(t -> t == Thread.currentThread()), "shown from " + showingThreads);
    }

    @Test
    void awaitThrowsWhatTheWorkThrew() {
        IOException io = new IOException("disk full");
        IllegalStateException state = new IllegalStateException("table closed");
        try (SideLane side = new SideLane(progress)) {
            Future<Object> failedIo = side.submit(() -> {
                throw io;
            });
            Future<Object> failedState = side.submit(() -> {
                throw state;
            });
            assertSame(io, assertThrows(IOException.class, () -> SideLane.await(failedIo)));
            assertSame(state, assertThrows(IllegalStateException.class, () -> SideLane.await(failedState)));
        }
    }

    @Test
    void closingWaitsForTheWorkSubmitted() {
        AtomicBoolean done = new AtomicBoolean();
        try (SideLane side = new SideLane(progress)) {
            side.submit(() -> {
                Thread.sleep(200);
                done.set(true);
                return null;
            });
        }
        assertTrue(done.get(), "the tables would close under work still running");
    }
}
