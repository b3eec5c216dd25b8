package dev.mvs.engine.scan;

import static dev.mvs.engine.scan.Walked.isolated;
import static dev.mvs.engine.scan.Walked.walk;
import static dev.mvs.engine.scan.Walked.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exclusions, limits, file content and order. */
class DiscoveryTest {

    @TempDir
    Path repo;

    @Test
    void discoveredFileCarriesContentHashSizeTimeAndLanguage() throws Exception {
        Path file = write(repo, "src/Main.java", "class Main {}\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
        DiscoveredFile found = walk(repo).file("src/Main.java").orElseThrow();
        byte[] bytes = "class Main {}\n".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(bytes, found.content());
        assertEquals(bytes.length, found.size());
        assertEquals(1_700_000_000_000L, found.mtimeMillis());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), found.contentHash());
        assertEquals("java", found.language());
    }

    @Test
    void defaultExcludesAreNeverWalkedAtAnyDepth() throws Exception {
        for (String dir : DiscoveryOptions.DEFAULT_EXCLUDES) {
            write(repo, dir + "/inside.txt", "excluded\n");
            write(repo, "nested/deeper/" + dir + "/inside.txt", "excluded\n");
        }
        write(repo, "nested/deeper/kept.txt", "kept\n");
        write(repo, "scripts/build", "a regular file named like an excluded directory is kept\n");
        write(repo, ".gitignore", "!node_modules/\n!build/\n"); // cannot bring them back
        assertEquals(List.of(".gitignore", "nested/deeper/kept.txt", "scripts/build"), walk(repo).paths());
    }

    @Test
    void defaultExcludesAreAnOption() throws Exception {
        write(repo, "node_modules/x.js", "x\n");
        write(repo, "generated/y.js", "y\n");
        write(repo, ".git/config", "[core]\n");
        DiscoveryOptions options = isolated(repo).withDefaultExcludes(List.of("generated"));
        assertEquals(List.of("node_modules/x.js"), walk(repo, options).paths(), ".git is skipped whatever the list says");
    }

    @Test
    void theIndexDirectoryIsExcludedWhereverItIs() throws Exception {
        write(repo, ".mvs/engine.json", "{}\n");
        write(repo, "custom/index/engine.json", "{}\n");
        write(repo, "custom/kept.txt", "k\n");
        write(repo, "a.txt", "a\n");
        assertEquals(List.of("a.txt", "custom/index/engine.json", "custom/kept.txt"), walk(repo).paths());
        DiscoveryOptions elsewhere = isolated(repo).withIndexDir(repo.resolve("custom/index"));
        assertEquals(List.of(".mvs/engine.json", "a.txt", "custom/kept.txt"), walk(repo, elsewhere).paths());
    }

    @Test
    void theIndexDirectoryIsExcludedWhenTheRootIsGivenDifferently() throws Exception {
        write(repo, "sub/.mvs/engine.json", "{}\n");
        write(repo, "sub/a.txt", "a\n");
        Path sub = repo.resolve("sub");
        List<String> paths = new ArrayList<>();
        new Discovery(isolated(sub)).walk(repo.resolve("sub/../sub/."), f -> paths.add(f.path()), s -> { });
        assertEquals(List.of("a.txt"), paths);
    }

    @Test
    void filesOverTheSizeLimitAreSkipped() throws Exception {
        write(repo, "ten.txt", "0123456789");
        write(repo, "eleven.txt", "0123456789A");
        write(repo, "empty.txt", "");
        Walked walked = walk(repo, isolated(repo).withMaxFileBytes(10));
        assertEquals(List.of("empty.txt", "ten.txt"), walked.paths());
        assertEquals(SkippedFile.Reason.TOO_LARGE, walked.reason("eleven.txt"));
        assertTrue(walked.skip("eleven.txt").orElseThrow().detail().contains("11"), walked.skipped().toString());
    }

    @Test
    void theDefaultLimitIsOneMebibyte() throws Exception {
        byte[] limit = new byte[1 << 20];
        Arrays.fill(limit, (byte) 'x');
        write(repo, "at-limit.txt", limit);
        write(repo, "over-limit.txt", Arrays.copyOf(limit, limit.length + 1));
        Walked walked = walk(repo);
        assertEquals(List.of("at-limit.txt"), walked.paths());
        assertEquals(SkippedFile.Reason.TOO_LARGE, walked.reason("over-limit.txt"));
        assertEquals(DiscoveryOptions.DEFAULT_MAX_FILE_BYTES, 1 << 20);
    }

    @Test
    void aNulByteInTheFirst8KiBMeansBinary() throws Exception {
        write(repo, "blob.bin", new byte[] {'P', 'K', 3, 4, 0, 0});
        byte[] late = new byte[9_000];
        Arrays.fill(late, (byte) 'a');
        late[8_999] = 0; // beyond the probe window: U+0000 is valid UTF-8, so this is text
        write(repo, "late-nul.txt", late);
        byte[] edge = new byte[8_192];
        Arrays.fill(edge, (byte) 'a');
        edge[8_191] = 0; // the last byte of the window
        write(repo, "edge-nul.txt", edge);
        Walked walked = walk(repo);
        assertEquals(SkippedFile.Reason.BINARY, walked.reason("blob.bin"));
        assertEquals("NUL byte at offset 4", walked.skip("blob.bin").orElseThrow().detail());
        assertEquals(SkippedFile.Reason.BINARY, walked.reason("edge-nul.txt"));
        assertEquals(List.of("late-nul.txt"), walked.paths());
    }

    @Test
    void invalidUtf8IsSkippedWithTheOffset() throws Exception {
        write(repo, "latin1.txt", new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        write(repo, "truncated.txt", new byte[] {'a', (byte) 0xE2, (byte) 0x82});
        write(repo, "overlong.txt", new byte[] {(byte) 0xC0, (byte) 0xAF});
        write(repo, "surrogate.txt", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        write(repo, "valid.txt", "caf\u00e9 \u20ac \uD83D\uDE00 \u65E5\u672C\n");
        write(repo, "bom.txt", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'o', 'k'});
        Walked walked = walk(repo);
        assertEquals(List.of("bom.txt", "valid.txt"), walked.paths());
        for (String bad : List.of("latin1.txt", "truncated.txt", "overlong.txt", "surrogate.txt")) {
            assertEquals(SkippedFile.Reason.INVALID_UTF8, walked.reason(bad), bad);
        }
        assertEquals("malformed UTF-8 at byte offset 3", walked.skip("latin1.txt").orElseThrow().detail());
        assertEquals("malformed UTF-8 at byte offset 1", walked.skip("truncated.txt").orElseThrow().detail());
    }

    @Test
    void longValidTextIsAcceptedAcrossTheDecodersBufferBoundaries() throws Exception {
        String text = "\u65E5\u672C\u8A9E \uD83D\uDE00 ".repeat(20_000); // ~240 KB, many times the scratch buffer
        write(repo, "big.md", text);
        DiscoveredFile found = walk(repo).file("big.md").orElseThrow();
        assertEquals(text, new String(found.content(), StandardCharsets.UTF_8));
        assertEquals("markdown", found.language());
    }

    @Test
    void aChmod000FileIsReportedUnreadable() throws Exception {
        Path secret = write(repo, "secret.txt", "s\n");
        write(repo, "public.txt", "p\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(secret), "running as root: chmod 000 does not stop root from reading");
            Walked walked = walk(repo);
            assertEquals(List.of("public.txt"), walked.paths());
            SkippedFile skip = walked.skip("secret.txt").orElseThrow();
            assertEquals(SkippedFile.Reason.UNREADABLE, skip.reason());
            assertTrue(skip.detail().contains("AccessDeniedException"), skip.detail());
        } finally {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void anUnlistableDirectoryIsReportedAndTheWalkGoesOn() throws Exception {
        Path locked = write(repo, "locked/inside.txt", "i\n").getParent();
        write(repo, "open/a.txt", "a\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(locked), "running as root: chmod 000 does not stop root from listing");
            Walked walked = walk(repo);
            assertEquals(List.of("open/a.txt"), walked.paths());
            assertEquals(SkippedFile.Reason.UNREADABLE, walked.reason("locked"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void filesAndDirectoriesThatVanishDuringTheWalkAreReportedNotThrown() throws Exception {
        // Works as root too: the walk lists a directory before it visits the entries, so deleting
        // entries from a callback makes the later reads fail with an IOException.
        write(repo, "a.txt", "first\n");
        write(repo, "b.txt", "gone before it is read\n");
        write(repo, "c/x.txt", "gone before it is listed\n");
        write(repo, "d.txt", "last\n");
        List<String> found = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        new Discovery(isolated(repo)).walk(repo, f -> {
            found.add(f.path());
            if (f.path().equals("a.txt")) {
                delete(repo.resolve("b.txt"));
                delete(repo.resolve("c/x.txt"));
                delete(repo.resolve("c"));
            }
        }, skipped::add);
        assertEquals(List.of("a.txt", "d.txt"), found);
        assertEquals(List.of("b.txt", "c"), skipped.stream().map(SkippedFile::path).toList());
        assertTrue(skipped.stream().allMatch(s -> s.reason() == SkippedFile.Reason.UNREADABLE), skipped.toString());
        assertTrue(skipped.get(0).detail().startsWith("NoSuchFileException"), skipped.get(0).detail());
    }

    @Test
    void specialFilesAreNotOpened() throws Exception {
        Path fifo = repo.resolve("pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException noMkfifo) {
            Assumptions.abort("mkfifo is not available");
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        write(repo, "a.txt", "a\n");
        Walked walked = walk(repo); // would block forever if the FIFO were opened
        assertEquals(List.of("a.txt"), walked.paths());
        assertEquals(SkippedFile.Reason.UNREADABLE, walked.reason("pipe"));
    }

    @Test
    void theOrderIsTheSortedRelativePathsAndRepeatable() throws Exception {
        for (String path : List.of("b.txt", "a0", "a.txt", "a/x.txt", "a/b/c.txt", "a-b/c.txt", "A.txt", "z/y/x.txt", "\u00e9.txt", "_u.txt",
                "a/b.txt", "a/b-c/d.txt", "a/b/a.txt")) {
            write(repo, path, path + "\n");
        }
        List<String> first = walk(repo).paths();
        List<String> sorted = new ArrayList<>(first);
        sorted.sort(null);
        assertEquals(sorted, first);
        assertEquals(13, first.size());
        assertEquals(first, walk(repo).paths());
        assertEquals(List.of("A.txt", "_u.txt", "a-b/c.txt", "a.txt", "a/b-c/d.txt", "a/b.txt", "a/b/a.txt", "a/b/c.txt", "a/x.txt",
                "a0", "b.txt", "z/y/x.txt", "\u00e9.txt"), first);
    }

    @Test
    void aFileNameWithANewline() throws Exception {
        write(repo, "new\nline.txt", "n\n");
        write(repo, "dir\nwith newline/inside.py", "pass\n");
        Walked walked = walk(repo);
        assertEquals(List.of("dir\nwith newline/inside.py", "new\nline.txt"), walked.paths());
        assertEquals("python", walked.file("dir\nwith newline/inside.py").orElseThrow().language());
    }

    @Test
    void aFileNameWithNonAsciiCharacters() throws Exception {
        Assumptions.assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
                "file names are not decoded as UTF-8 in this locale");
        String name = "\u00dcn\u00efc\u00f6d\u00e9/\u65E5\u672C\u8A9E-\uD83D\uDE00.md";
        write(repo, name, "# hi\n");
        DiscoveredFile found = walk(repo).file(name).orElseThrow();
        assertEquals("markdown", found.language());
        assertArrayEquals("# hi\n".getBytes(StandardCharsets.UTF_8), found.content());
    }

    @Test
    void aFileNameThatIsNotValidUtf8IsReportedNotMangled() throws Exception {
        Assumptions.assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")));
        Process touch;
        try {
            // Java cannot create such a name itself when it encodes names as UTF-8.
            touch = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name.txt')\"").directory(repo.toFile()).inheritIO().start();
        } catch (IOException noShell) {
            Assumptions.abort("no sh");
            return;
        }
        Assumptions.assumeTrue(touch.waitFor() == 0);
        write(repo, "good.txt", "g\n");
        Walked walked = walk(repo);
        assertEquals(List.of("good.txt"), walked.paths());
        assertEquals(1, walked.skipped().size(), walked.skipped().toString());
        assertEquals(SkippedFile.Reason.INVALID_UTF8, walked.skipped().get(0).reason());
    }

    @Test
    void aRootThatIsNotADirectoryIsAnError() throws Exception {
        Path file = write(repo, "file.txt", "f\n");
        Discovery discovery = new Discovery(isolated(repo));
        assertThrows(NotDirectoryException.class, () -> discovery.walk(file, f -> { }, s -> { }));
        assertThrows(IOException.class, () -> discovery.walk(repo.resolve("absent"), f -> { }, s -> { }));
    }

    @Test
    void anExceptionFromTheConsumerStopsTheWalk() throws Exception {
        write(repo, "a.txt", "a\n");
        write(repo, "b.txt", "b\n");
        List<String> seen = new ArrayList<>();
        IllegalStateException stop = assertThrows(IllegalStateException.class, () -> new Discovery(isolated(repo)).walk(repo, f -> {
            seen.add(f.path());
            throw new IllegalStateException("enough");
        }, s -> { }));
        assertEquals("enough", stop.getMessage());
        assertEquals(List.of("a.txt"), seen);
    }

    @Test
    void optionsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> isolated(repo).withMaxFileBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> isolated(repo).withDefaultExcludes(List.of("a/b")));
        assertFalse(DiscoveryOptions.defaults(repo).indexDir().toString().isEmpty());
        assertEquals(repo.resolve(".mvs"), DiscoveryOptions.defaults(repo).indexDir());
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
