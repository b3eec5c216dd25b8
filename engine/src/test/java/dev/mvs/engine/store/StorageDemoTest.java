package dev.mvs.engine.store;

import dev.mvs.engine.RealCorpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo on real files: the first 3,000 entries of this JDK's lib/src.zip. */
class StorageDemoTest {

    @TempDir
    Path dir;

    @Test
    void writesSearchesDeletesAndCompactsRealFiles() throws Exception {
        List<String> progress = new ArrayList<>();
        StorageDemo.Report report = StorageDemo.run(
                new StorageDemo.Settings(RealCorpora.jdkSrcZip(), dir, 3_000, "ReentrantLock", "java.base/java/util/", 2), progress::add);

        assertEquals(3_000, report.filesWritten());
        assertTrue(report.matches() > 0, "some file of java.base mentions ReentrantLock");
        assertFalse(report.firstMatches().isEmpty());
        assertTrue(report.deleted() > 0, "java.base/java/util/ is among the first entries");
        assertEquals(report.filesWritten() - report.deleted(), report.afterCompaction().rows());
        assertEquals(report.deleted(), report.beforeCompaction().deletedRows());
        assertEquals(0, report.afterCompaction().deletedRows());
        assertTrue(report.afterCompaction().fragments() <= report.beforeCompaction().fragments());
        assertEquals(4, report.versions(), "create, delete, and compaction: Lance commits a fragment-id reservation, then the rewrite");
        assertFalse(progress.isEmpty());
    }

    @Test
    void refusesToOverwriteAnExistingTable() throws Exception {
        Files.createDirectories(dir.resolve("files.lance"));
        Path zip = RealCorpora.jdkSrcZip();
        assertThrows(IllegalArgumentException.class, () -> StorageDemo.run(new StorageDemo.Settings(zip, dir, 10, "x", "y", 1), line -> {}));
    }

    @Test
    void namesAMissingArchive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StorageDemo.run(
                new StorageDemo.Settings(dir.resolve("nope.zip"), dir, 10, "x", "y", 1), line -> {}));
        assertTrue(e.getMessage().contains("nope.zip"));
    }
}
