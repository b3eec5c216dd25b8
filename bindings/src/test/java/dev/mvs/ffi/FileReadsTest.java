package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables opened for reading go through io_uring where the machine allows it, and read the same rows as a plain open. */
class FileReadsTest {

    @TempDir
    Path dir;
    private NativeRuntime runtime;

    @BeforeEach
    void setUp() {
        runtime = NativeRuntime.create(2);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    @Test
    void aTableOpenedForReadingAnswersAsAPlainOneEvenWhereItsPathNeedsEscaping() {
        Path path = dir.resolve("a dir with spaces, % and #").resolve("t.lance");
        try (Table written = Table.create(runtime, path, VectorRows.reader(runtime.allocator(), 0, 2_000))) {
            written.createVectorIndex("vector", null, VectorIndexSpec.ivfPq(4, 8));
        }
        try (Table plain = Table.open(runtime, path); Table reading = Table.openForReading(runtime, path, Table.LATEST)) {
            assertEquals(plain.countRows(), reading.countRows());
            assertEquals(rows(plain.scanRows(ScanRequest.all().withColumns("id", "path").withFilter("id % 97 = 0"))),
                    rows(reading.scanRows(ScanRequest.all().withColumns("id", "path").withFilter("id % 97 = 0"))));
            for (int q = 0; q < 5; q++) {
                NearestQuery query = NearestQuery.of("vector", VectorRows.vector(q * 31L), 10).withNprobes(4).withColumns("path");
                assertEquals(rows(plain.nearestRows(query)), rows(reading.nearestRows(query)), "query " + q);
            }
        }
        if (ioUringAllowedHere()) {
            assertEquals(FileReads.IO_URING, runtime.fileReads(), "nothing on this machine refuses io_uring, so the open must not have fallen back");
            assertTrue(ioUringThreadsRun(), "Lance's io_uring threads started");
        }
    }

    @Test
    void aMissingTableIsNotFoundThroughEitherWayAndDoesNotTurnIoUringOff() {
        FileReads before = runtime.fileReads();
        assertThrows(MvsException.NotFound.class, () -> Table.openForReading(runtime, dir.resolve("nothing.lance"), Table.LATEST));
        assertEquals(before, runtime.fileReads());
    }

    @Test
    void aDamagedDataFileIsNotBlamedOnIoUring() throws Exception {
        Path path = dir.resolve("t.lance");
        try (Table written = Table.create(runtime, path, VectorRows.reader(runtime.allocator(), 0, 500))) {
            assertEquals(500, written.countRows());
        }
        try (var files = Files.list(path.resolve("data"))) {
            for (Path f : files.toList()) {
                Files.write(f, new byte[64]); // the footer and every page gone
            }
        }
        FileReads before = runtime.fileReads();
        try (Table t = Table.openForReading(runtime, path, Table.LATEST)) {
            assertThrows(MvsException.class, () -> t.scanRows(ScanRequest.all()), "the damage shows when the table is read");
        }
        assertEquals(before, runtime.fileReads(), "the plain reader failed too, so io_uring stays on");
    }

    /**
     * In a JVM of its own, with Lance's io_uring thread count 0 (as when the kernel or a seccomp profile refuses io_uring):
     * the open falls back to plain reads, and the runtime stops trying io_uring.
     */
    @Test
    void whereIoUringFailsTheOpenFallsBackAndTheRuntimeStopsTryingIt() throws Exception {
        Path path = dir.resolve("t.lance");
        try (Table written = Table.create(runtime, path, VectorRows.reader(runtime.allocator(), 0, 500))) {
            assertEquals(500, written.countRows());
        }
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(FileReadsTest.class, path.toString())).redirectErrorStream(true);
        pb.environment().put("LANCE_URING_THREAD_COUNT", "0");
        pb.environment().remove(NativeRuntime.IO_URING_SWITCH);
        Process child = pb.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), out);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("before IO_URING, rows 500, rows again 500, after BLOCKING_TASKS"), "child said: [" + out + "]");
    }

    /** The child of the test above. */
    public static void main(String[] args) {
        try (NativeRuntime runtime = NativeRuntime.create(2)) {
            FileReads before = runtime.fileReads();
            long rows;
            long again;
            try (Table t = Table.openForReading(runtime, Path.of(args[0]), Table.LATEST)) {
                rows = t.countRows();
            }
            try (Table t = Table.openForReading(runtime, Path.of(args[0]), Table.LATEST)) {
                again = t.countRows();
            }
            System.out.println("before " + before + ", rows " + rows + ", rows again " + again + ", after " + runtime.fileReads());
        }
    }

    @Test
    void theUriIsTheAbsolutePathPercentEncoded() {
        assertEquals("file+uring:///tmp/a%20b/t.lance", Table.ioUringUri(Path.of("/tmp/a b/../a b/t.lance")));
        assertFalse(Table.ioUringUri(dir).endsWith("/"), "an existing directory's URI has no trailing slash");
    }

    private static List<String> rows(ResultRows r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            out.add(r.text("path", i));
        }
        return out;
    }

    /** Linux, no seccomp filter on this process, and the kernel's io_uring switch (6.6+) not set. */
    private static boolean ioUringAllowedHere() {
        try {
            if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                return false;
            }
            boolean filtered = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Seccomp:") && !l.substring("Seccomp:".length()).strip().equals("0"));
            Path disabled = Path.of("/proc/sys/kernel/io_uring_disabled");
            boolean off = Files.exists(disabled) && !Files.readString(disabled).strip().equals("0");
            return !filtered && !off;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean ioUringThreadsRun() {
        try {
            return RuntimeThreadsTest.threadsByName().keySet().stream().anyMatch(n -> n.startsWith("lance-uring"));
        } catch (IOException e) {
            return false;
        }
    }
}
