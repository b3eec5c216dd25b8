package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fragments written through other handles (as executors would) and committed once by a coordinator. */
class DistributedAppendTest {

    @TempDir
    Path dir;

    private NativeRuntime runtime;

    @BeforeEach
    void startRuntime() {
        runtime = NativeRuntime.create(2);
    }

    @AfterEach
    void stopRuntime() {
        runtime.close(); // closes the Arrow allocator too: fails the test if any batch leaked
    }

    private List<WrittenFragment> writeElsewhere(Path path, long start, long end) {
        try (Table worker = Table.open(runtime, path)) {
            return worker.writeFragments(TestRows.reader(runtime.allocator(), start, end, 1_000));
        }
    }

    @Test
    void fragmentsFromSeveralWritersBecomeVisibleInOneCommitAndARerunCommitsNothing() {
        Path path = dir.resolve("t.lance");
        try (Table table = Table.create(runtime, path, TestRows.reader(runtime.allocator(), 0, 1_000, 1_000))) {
            long readVersion = table.version();
            List<WrittenFragment> written = new ArrayList<>(writeElsewhere(path, 1_000, 3_000));
            written.addAll(writeElsewhere(path, 3_000, 3_500));
            assertEquals(2_500, written.stream().mapToLong(WrittenFragment::rows).sum());
            assertEquals(1_000, table.countRows(), "nothing is visible before the commit");

            FragmentCommit first = table.commitFragments(readVersion, written, "job-a");
            assertTrue(first.committed());
            assertEquals(readVersion + 1, first.version());
            assertEquals(2_500, first.rows());
            assertEquals(3_500, table.countRows());
            assertEquals(2_500, table.countRows("n >= 1000"));

            TableVersion committed = table.versions().getLast();
            assertEquals(new TableVersion(first.version(), committed.timestamp(), "Append", "job-a", written.size(), 2_500), committed);
            assertEquals(null, table.versions().getFirst().jobId());

            FragmentCommit rerun = table.commitFragments(readVersion, written, "job-a");
            assertFalse(rerun.committed());
            assertEquals(first.version(), rerun.version());
            assertEquals(3_500, table.countRows());

            // A writer whose fragments nobody commits (a failed attempt): its files go, nothing else does.
            List<WrittenFragment> orphans = writeElsewhere(path, 9_000, 9_100);
            CleanupStats removed = table.removeUnreferencedFiles();
            assertEquals(orphans.size(), removed.dataFilesRemoved());
            assertEquals(0, removed.versionsRemoved());
            assertEquals(3_500, table.countRows());
            assertEquals(first.version(), table.version());
        }
        try (Table reopened = Table.open(runtime, path)) {
            assertEquals(3_500, reopened.countRows());
        }
    }

    @Test
    void aFragmentWhoseFileTheCoordinatorCannotSeeIsNotFoundAndNothingIsCommitted() throws IOException {
        Path path = dir.resolve("t.lance");
        try (Table table = Table.create(runtime, path, TestRows.reader(runtime.allocator(), 0, 100, 100))) {
            long readVersion = table.version();
            List<WrittenFragment> written = writeElsewhere(path, 100, 200);
            try (Stream<Path> files = Files.list(path.resolve("data"))) {
                for (Path file : files.toList()) {
                    if (written.getFirst().metadata().contains(file.getFileName().toString())) {
                        Files.delete(file);
                    }
                }
            }
            MvsException.NotFound e = assertThrows(MvsException.NotFound.class, () -> table.commitFragments(readVersion, written, "job"));
            assertTrue(e.getMessage().contains("shared storage"), e.getMessage());
            assertEquals(readVersion, table.version());
            assertEquals(100, table.countRows());
            assertThrows(MvsException.InvalidArgument.class, () -> table.commitFragments(readVersion, List.of(), "job"));
            assertThrows(MvsException.InvalidArgument.class,
                    () -> table.commitFragments(readVersion, List.of(new WrittenFragment("{}", 0)), "job"));
        }
    }
}
