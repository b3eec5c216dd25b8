package dev.mvs.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RacyFilesTest {

    private static final long RACY = KnownFiles.RACY_MILLIS;

    @TempDir
    Path repo;
    /** The run's start; files are modified just before it, the recheck comes later. */
    private long start;

    @BeforeEach
    void setUp() {
        start = System.currentTimeMillis();
    }

    @Test
    void filesUnchangedSinceTheRunAreTrustedUpToTheRecheck() throws Exception {
        RacyFiles racy = new RacyFiles(start);
        offer(racy, write("A.java", "class A {}\n", start - 500));
        offer(racy, write("B.java", "class B {}\n", start - 1_500));
        assertEquals(2, racy.size());
        long now = start + 5_000;
        assertEquals(now, racy.recheck(repo, now));
    }

    @Test
    void filesModifiedWellBeforeTheRunAreNotKept() throws Exception {
        RacyFiles racy = new RacyFiles(start);
        offer(racy, write("Old.java", "class Old {}\n", start - RACY - 1));
        assertEquals(0, racy.size());
        assertEquals(start + 5_000, racy.recheck(repo, start + 5_000));
    }

    @Test
    void aFileSavedAgainWithTheSameSizeAndMtimeStaysRacy() throws Exception {
        RacyFiles racy = new RacyFiles(start);
        long mtime = start - 500;
        Offered a = write("A.java", "class A {}\n", mtime);
        offer(racy, a);
        offer(racy, write("B.java", "class B {}\n", start - 1_500));
        write("A.java", "class Z {}\n", mtime); // same tick, same size: only the hash tells
        assertEquals(mtime + RACY, racy.recheck(repo, start + 5_000));
    }

    @Test
    void aFileTooRecentToSettleStaysRacyForTheNextRun() throws Exception {
        RacyFiles racy = new RacyFiles(start);
        long recent = start + 4_000;
        offer(racy, write("A.java", "class A {}\n", start - 500));
        offer(racy, write("B.java", "class B {}\n", recent));
        long trusted = racy.recheck(repo, start + 5_000);
        assertEquals(start + 5_000, trusted);
        assertTrue(recent >= trusted - RACY, "the next run's racy rule reads B.java again");
    }

    @Test
    void aFileGoneOrChangedInSizeOrMtimeStaysRacy() throws Exception {
        RacyFiles racy = new RacyFiles(start);
        Offered gone = write("Gone.java", "class Gone {}\n", start - 200);
        Offered grown = write("Grown.java", "class Grown {}\n", start - 300);
        Offered touched = write("Touched.java", "class Touched {}\n", start - 400);
        offer(racy, gone);
        offer(racy, grown);
        offer(racy, touched);
        Files.delete(repo.resolve("Gone.java"));
        write("Grown.java", "class Grown { int x; }\n", start - 300);
        Files.setLastModifiedTime(repo.resolve("Touched.java"), FileTime.fromMillis(start - 100));
        assertEquals(start - 400 + RACY, racy.recheck(repo, start + 5_000));
    }

    @Test
    void tooManyRowsGiveUpTheRecheck() throws Exception {
        RacyFiles racy = new RacyFiles(start);
        Offered a = write("A.java", "class A {}\n", start - 500);
        for (int i = 0; i <= RacyFiles.MAX_ROWS; i++) {
            racy.offer(a.path, a.size, a.mtime, a.hash);
        }
        assertEquals(0, racy.size());
        offer(racy, a);
        assertEquals(0, racy.size());
        assertEquals(start, racy.recheck(repo, start + 5_000), "the run's start, as before the recheck existed");
    }

    private record Offered(String path, long size, long mtime, String hash) {}

    private Offered write(String path, String text, long mtime) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path file = repo.resolve(path);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
        long stored = Files.getLastModifiedTime(file).toMillis(); // what the file system kept of it
        return new Offered(path, bytes.length, stored, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    private static void offer(RacyFiles racy, Offered o) {
        racy.offer(o.path, o.size, o.mtime, o.hash);
    }
}
