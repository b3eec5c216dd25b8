package dev.mvs.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class McpProgressTest {

    private long now;
    private final List<ProgressNotification> sent = new ArrayList<>();
    private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void progressGrowsWithEveryNotificationAndIsThrottled() {
        McpProgress p = new McpProgress(sent::add, "token-1", quiet, () -> now);
        p.message("updating");
        for (int files = 100; files <= 1000; files += 100) {
            now += 100_000_000L; // 0.1 s apart: at most every 0.25 s gets through
            p.phase1(files, files / 10, files);
        }
        p.message("building the full-text index");
        p.phase2Started(50);
        for (int done = 10; done <= 50; done += 10) {
            now += 300_000_000L;
            p.phase2(done, 1);
        }
        assertTrue(sent.size() >= 8 && sent.size() <= 12, sent.size() + " notifications");
        for (int i = 1; i < sent.size(); i++) {
            assertTrue(sent.get(i).progress() > sent.get(i - 1).progress(), "MCP: progress must increase: " + sent);
            assertEquals("token-1", sent.get(i).progressToken());
        }
        ProgressNotification last = sent.getLast();
        assertEquals(last.total(), last.progress(), "phase 2 ends at its total: " + last);
        assertTrue(last.message().contains("50 of 50"), last.message());
    }

    @Test
    void nothingIsSentWithoutAToken() {
        McpProgress p = new McpProgress(sent::add, null, quiet, () -> now);
        p.message("updating");
        p.phase2Started(5);
        p.phase2(5, 0);
        assertEquals(List.of(), sent);
    }
}
