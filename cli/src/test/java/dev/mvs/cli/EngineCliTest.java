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
        assertTrue(r.out().contains("search"), r.out());
        assertTrue(r.out().contains("Exit codes"), r.out());
    }

    @Test
    void indexPrintsJsonOnStdoutAndProgressOnStderr() throws Exception {
        java.nio.file.Path repo = java.nio.file.Files.createDirectories(dir.resolve("repo"));
        for (int i = 0; i < 300; i++) {
            java.nio.file.Files.writeString(repo.resolve("f" + i + ".txt"), "line " + i + "\n");
        }
        Run r = run("index", repo.toString(), "--index-dir", dir.resolve("idx").toString(), "--threads", "2", "--model", "hash", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"index_dir\":"), r.out());
        assertTrue(r.out().contains("\"files\":300"), r.out());
        assertTrue(r.err().contains("index: indexing into"), r.err());
        assertFalse(r.out().contains("index:"), "progress stays off stdout");
    }

    @Test
    void aMissingRepositoryIsOneClearLineWithoutAStackTrace() {
        Run r = run("index", dir.resolve("missing").toString(), "--index-dir", dir.resolve("idx").toString(), "--model", "hash");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("repository path is not a directory"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void indexThenKeywordSearchPrintsTheMatchingLines() throws Exception {
        java.nio.file.Path repo = dir.resolve("repo");
        java.nio.file.Files.createDirectories(repo.resolve("src"));
        java.nio.file.Files.writeString(repo.resolve("src/Fence.java"), "class Fence {\n  void acquireExclusive() {}\n}\n");
        java.nio.file.Files.writeString(repo.resolve("README.md"), "# demo\nnothing about locks here\n");
        String index = dir.resolve("idx").toString();
        Run indexed = run("index", repo.toString(), "--index-dir", index, "--threads", "2", "--model", "hash", "--format", "json");
        assertEquals(0, indexed.code(), indexed.err());
        assertTrue(indexed.out().contains("\"files\":2"), indexed.out());
        Run found = run("search", "acquireExclusive", "--index-dir", index, "--format", "json");
        assertEquals(0, found.code(), found.err());
        assertTrue(found.out().contains("\"path\":\"src/Fence.java\",\"start_line\":1"), found.out());
        java.nio.file.Files.writeString(repo.resolve("src/Fence.java"), "class Fence {\n  void releaseShared() {}\n}\n");
        Run again = run("index", repo.toString(), "--index-dir", index, "--threads", "2", "--model", "hash", "--format", "json");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("\"read\":1,"), "only the edited file is read again: " + again.out());
        Run moved = run("search", "releaseShared", "--index-dir", index, "--format", "json");
        assertTrue(moved.out().contains("src/Fence.java"), moved.out());
        assertFalse(run("search", "acquireExclusive", "--mode", "keyword", "--index-dir", index, "--format", "json").out().contains("Fence"),
                "the old text is gone from the index");
        Run otherModel = run("index", repo.toString(), "--index-dir", index, "--threads", "2", "--model", "minilm");
        assertEquals(3, otherModel.code(), otherModel.err());
        assertTrue(otherModel.err().contains("engine-cli index --rebuild"), otherModel.err());
        Run otherChunker = run("index", repo.toString(), "--index-dir", index, "--chunker", "lines");
        assertEquals(3, otherChunker.code(), otherChunker.err());
        assertTrue(otherChunker.err().contains("was chunked with \"syntax\""), otherChunker.err());
        Run recorded = run("index", repo.toString(), "--index-dir", index, "--threads", "2", "--format", "json");
        assertEquals(0, recorded.code(), "without flags, a rerun uses the model and chunker the index records: " + recorded.err());
    }

    @Test
    void aLineWindowIndexKeepsItsChunkerAndSaysSoOnce() throws Exception {
        java.nio.file.Path repo = dir.resolve("repo-lines");
        java.nio.file.Files.createDirectories(repo);
        java.nio.file.Files.writeString(repo.resolve("A.java"), "class A {\n  void a() {}\n}\n");
        String index = dir.resolve("idx-lines").toString();
        Run built = run("index", repo.toString(), "--index-dir", index, "--model", "hash", "--chunker", "lines");
        assertEquals(0, built.code(), built.err());
        assertFalse(built.err().contains("keeps the line-window chunks"), "asked for lines: nothing to say. " + built.err());
        Run first = run("index", repo.toString(), "--index-dir", index);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("this index keeps the line-window chunks it was built with"), first.err());
        Run second = run("index", repo.toString(), "--index-dir", index);
        assertEquals(0, second.code(), second.err());
        assertFalse(second.err().contains("keeps the line-window chunks"), "said once, not at every run: " + second.err());
        Run status = run("status", "--index-dir", index);
        assertTrue(status.out().contains("chunked     lines (line windows)"), status.out());
        Run rebuilt = run("index", repo.toString(), "--index-dir", index, "--rebuild");
        assertEquals(0, rebuilt.code(), rebuilt.err());
        assertTrue(run("status", "--index-dir", index).out().contains("chunked     syntax: 1 files by declaration, 0 by line windows"),
                "a rebuild takes the default chunker");
    }

    @Test
    void statusVerifyVersionsCompactAndResetOnARealIndex() throws Exception {
        java.nio.file.Path repo = dir.resolve("repo2");
        java.nio.file.Files.createDirectories(repo);
        java.nio.file.Files.writeString(repo.resolve("A.java"), "class A { void a() {} }\n");
        java.nio.file.Files.write(repo.resolve("b.bin"), new byte[] {0, 1});
        java.nio.file.Files.writeString(repo.resolve("notes.txt"), "plain text, no grammar\n");
        java.nio.file.Files.writeString(repo.resolve("app.min.js"), "var a=[" + "1,".repeat(6_000) + "];\n");
        String index = dir.resolve("idx2").toString();
        Run indexed = run("index", repo.toString(), "--index-dir", index, "--model", "hash", "--threads", "2");
        assertEquals(0, indexed.code(), indexed.err());
        assertTrue(indexed.out().contains("; 2 files by line windows {minified=1, unsupported=1})"), indexed.out());
        assertTrue(run("status", "--index-dir", index).out().contains("chunked     syntax: 1 files by declaration, 2 by line windows {minified=1, unsupported=1}"));
        Run status = run("status", "--index-dir", index, "--format", "json", "--verbose");
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("\"chunking\":{\"chunker\":\"syntax\",\"files_chunked_as_recorded\":1,\"fallbacks\":{\"minified\":1,\"unsupported\":1}}"),
                status.out());
        assertTrue(status.out().contains("\"embedded_percent\":100.00"), status.out());
        assertTrue(status.out().contains("{\"path\":\"b.bin\",\"reason\":\"binary\""), status.out());
        Run verify = run("verify", "--index-dir", index);
        assertEquals(0, verify.code(), verify.out() + verify.err());
        assertTrue(verify.out().endsWith("clean\n") || verify.out().contains("clean"), verify.out());
        Run versions = run("versions", "--index-dir", index, "--format", "json");
        assertTrue(versions.out().contains("\"run\":1,"), versions.out());
        assertEquals(0, run("restore", "1", "--index-dir", index).code());
        assertEquals(0, run("compact", "--index-dir", index).code());
        assertEquals(1, run("reset", "--index-dir", index).code(), "no 'yes' on stdin: nothing deleted");
        assertTrue(java.nio.file.Files.exists(java.nio.file.Path.of(index, "engine.json")));
        assertEquals(0, run("reset", "--yes", "--index-dir", index).code());
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of(index)));
        assertEquals(3, run("status", "--index-dir", index).code());
    }

    @Test
    void badPathsGetOneClearLineAndNoStackTrace() throws Exception {
        Run missing = run("index", dir.resolve("no-such-repo").toString(), "--index-dir", dir.resolve("i").toString(), "--model", "hash");
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("not a directory"), missing.err());
        assertFalse(missing.err().contains("\tat "), missing.err());

        java.nio.file.Path repo = dir.resolve("r");
        java.nio.file.Files.createDirectories(repo);
        java.nio.file.Files.writeString(repo.resolve("a.txt"), "hello\n");
        java.nio.file.Path file = dir.resolve("index-is-a-file");
        java.nio.file.Files.writeString(file, "x");
        Run isFile = run("index", repo.toString(), "--index-dir", file.toString(), "--model", "hash");
        assertEquals(2, isFile.code(), isFile.err());
        assertTrue(isFile.err().contains("is a file"), isFile.err());
        assertFalse(isFile.err().contains("\tat "), isFile.err());
        Run withTrace = run("index", repo.toString(), "--index-dir", file.toString(), "--model", "hash", "-x");
        assertTrue(withTrace.err().contains("\tat "), "-x shows the stack trace: " + withTrace.err());
    }

    @Test
    void oddFileNamesAreIndexedAndFound() throws Exception {
        java.nio.file.Path repo = dir.resolve("odd");
        java.nio.file.Files.createDirectories(repo);
        java.nio.file.Files.writeString(repo.resolve("new\nline.txt"), "zebrafinch in a file whose name has a newline\n");
        java.nio.file.Files.writeString(repo.resolve("caf\u00e9 \u00fc'quote.txt"), "ocelot in a file with accents and a quote\n");
        try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(repo.resolve("huge.log").toFile(), "rw")) {
            huge.setLength(200L << 20); // sparse: 200 MB that take no disk
        }
        // a name that is not UTF-8 at all (byte 0xFF): made by the shell, since Java cannot spell it
        assertEquals(0, new ProcessBuilder("sh", "-c", "printf 'x\\n' > \"$1\"/$(printf 'bad\\377name.txt')", "sh", repo.toString())
                .start().waitFor());
        String index = dir.resolve("odd-index").toString();
        Run indexed = run("index", repo.toString(), "--index-dir", index, "--model", "hash", "--format", "json");
        assertEquals(0, indexed.code(), indexed.err());
        assertTrue(indexed.out().contains("\"files\":2"), indexed.out());
        assertTrue(indexed.out().contains("\"invalid_utf8\":1"), "the non-UTF-8 name is skipped with a reason: " + indexed.out());
        assertTrue(indexed.out().contains("\"too_large\":1"), "the 200 MB file is skipped without being read: " + indexed.out());
        Run a = run("search", "zebrafinch", "--mode", "keyword", "--index-dir", index, "--format", "json");
        assertTrue(a.out().contains("\"path\":\"new\\nline.txt\""), a.out());
        Run b = run("search", "ocelot", "--mode", "keyword", "--index-dir", index, "--format", "json");
        assertTrue(b.out().contains("caf\u00e9 \u00fc'quote.txt"), b.out());
        java.nio.file.Files.delete(repo.resolve("caf\u00e9 \u00fc'quote.txt"));
        assertEquals(0, run("index", repo.toString(), "--index-dir", index, "--model", "hash").code());
        assertFalse(run("search", "ocelot", "--mode", "keyword", "--index-dir", index, "--format", "json").out().contains("quote"),
                "a deleted file with a quote in its name is deleted from the index (the predicate is quoted)");
    }

    @Test
    void aSecondWriterGetsExitCodeThreeWithTheOwnerAndCanWait() throws Exception {
        java.nio.file.Path repo = dir.resolve("busy");
        java.nio.file.Files.createDirectories(repo);
        java.nio.file.Files.writeString(repo.resolve("a.txt"), "hello\n");
        java.nio.file.Path index = dir.resolve("busy-index");
        try (var held = dev.mvs.engine.store.WriterLock.acquire(index.resolve("lock"), java.time.Duration.ZERO, m -> {})) {
            Run r = run("index", repo.toString(), "--index-dir", index.toString(), "--model", "hash");
            assertEquals(3, r.code(), r.err());
            assertTrue(r.err().contains("pid " + ProcessHandle.current().pid()), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        assertEquals(0, run("index", repo.toString(), "--index-dir", index.toString(), "--model", "hash", "--wait", "5").code());
    }

    @Test
    void searchingWithoutAnIndexIsExitCodeThreeNamingTheFix() {
        Run r = run("search", "anything", "--index-dir", dir.resolve("none").toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("engine-cli index"), r.err());
        Run badMode = run("search", "anything", "--mode", "fuzzy", "--index-dir", dir.toString());
        assertEquals(2, badMode.code());
        assertTrue(badMode.err().contains("hybrid, semantic or keyword"), badMode.err());
    }

    @Test
    void doctorReportsTheNativeLibraryAndPassesUnderTheTestFlags() {
        Run r = run("doctor", "--format", "json");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\"ABI version\":\"4 (bindings expect 4)\""), r.out()); // MVS_ABI_VERSION, bumped with each ABI change
        assertTrue(r.out().contains("\"problems\":[]"), r.out());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run r = run("status", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no-such-option"), r.err());
    }
}
