package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineCliTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EngineCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("demo"), r.out());
        assertTrue(r.out().contains("Exit codes"), r.out());
    }

    @Test
    void demoPrintsJsonOnStdoutAndProgressOnStderr() {
        Run r = run("demo", "--max-files", "300", "--threads", "2", "--format", "json", "--dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"table\":"), r.out());
        assertTrue(r.out().contains("\"files_written\":300"), r.out());
        assertTrue(r.err().contains("demo: wrote 300 files"), r.err());
        assertFalse(r.out().contains("demo:"), "progress stays off stdout");
    }

    @Test
    void aMissingArchiveIsOneClearLineWithoutAStackTrace() {
        Run r = run("demo", "--zip", dir.resolve("missing.zip").toString(), "--dir", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such archive"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run r = run("demo", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no-such-option"), r.err());
    }
}
