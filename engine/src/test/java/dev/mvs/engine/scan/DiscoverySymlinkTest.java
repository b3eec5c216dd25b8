package dev.mvs.engine.scan;

import static dev.mvs.engine.scan.Walked.walk;
import static dev.mvs.engine.scan.Walked.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links: followed inside the repository, refused outside it, and never walked in circles. */
class DiscoverySymlinkTest {

    @TempDir
    Path base;

    private Path repo() throws Exception {
        return Files.createDirectories(base.resolve("repo"));
    }

    private static void link(Path repo, String link, String target) throws Exception {
        Path at = repo.resolve(link);
        Files.createDirectories(at.getParent());
        Files.createSymbolicLink(at, Path.of(target));
    }

    @Test
    void aLinkToAFileInsideTheRepositoryIsFollowed() throws Exception {
        Path repo = repo();
        write(repo, "real/a.txt", "content\n");
        link(repo, "alias.txt", "real/a.txt");
        Walked walked = walk(repo);
        assertEquals(List.of("alias.txt", "real/a.txt"), walked.paths());
        assertArrayEquals(walked.file("real/a.txt").orElseThrow().content(), walked.file("alias.txt").orElseThrow().content());
    }

    @Test
    void aLinkToADirectoryInsideTheRepositoryIsFollowed() throws Exception {
        Path repo = repo();
        write(repo, "lib/x.py", "x = 1\n");
        write(repo, "lib/sub/y.py", "y = 2\n");
        link(repo, "alias", "lib");
        Walked walked = walk(repo);
        assertEquals(List.of("alias/sub/y.py", "alias/x.py", "lib/sub/y.py", "lib/x.py"), walked.paths());
        assertEquals(List.of(), walked.skipped());
    }

    @Test
    void linksPointingOutsideTheRepositoryAreSkipped() throws Exception {
        Path repo = repo();
        write(base, "outside/secret.txt", "not part of the repository\n");
        write(repo, "a.txt", "a\n");
        link(repo, "out-dir", base.resolve("outside").toString());
        link(repo, "out-file.txt", "../outside/secret.txt");
        Walked walked = walk(repo);
        assertEquals(List.of("a.txt"), walked.paths());
        assertEquals(SkippedFile.Reason.SYMLINK_OUTSIDE_REPO, walked.reason("out-dir"));
        assertEquals(SkippedFile.Reason.SYMLINK_OUTSIDE_REPO, walked.reason("out-file.txt"));
    }

    @Test
    void aLinkToAnAncestorIsALoop() throws Exception {
        Path repo = repo();
        write(repo, "a/b/file.txt", "f\n");
        link(repo, "a/b/up", "..");
        link(repo, "a/b/root", "../..");
        link(repo, "a/b/self", ".");
        Walked walked = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> walk(repo));
        assertEquals(List.of("a/b/file.txt"), walked.paths());
        for (String l : List.of("a/b/up", "a/b/root", "a/b/self")) {
            assertEquals(SkippedFile.Reason.SYMLINK_LOOP, walked.reason(l), l);
        }
    }

    @Test
    void mutuallyLinkedDirectoriesEnd() throws Exception {
        Path repo = repo();
        write(repo, "a/x.txt", "x\n");
        write(repo, "b/y.txt", "y\n");
        link(repo, "a/to-b", "../b");
        link(repo, "b/to-a", "../a");
        Walked walked = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> walk(repo));
        // a/to-b is followed (b comes later); inside it, to-a points back to the ancestor a; and
        // b/to-a points to a, which was already walked.
        assertEquals(List.of("a/to-b/y.txt", "a/x.txt", "b/y.txt"), walked.paths());
        assertEquals(SkippedFile.Reason.SYMLINK_LOOP, walked.reason("a/to-b/to-a"));
        assertEquals(SkippedFile.Reason.SYMLINK_LOOP, walked.reason("b/to-a"));
    }

    @Test
    void aLinkToADirectoryAlreadyWalkedIsALoop() throws Exception {
        Path repo = repo();
        write(repo, "lib/x.py", "x\n");
        link(repo, "zz-alias", "lib");
        link(repo, "zz-alias2", "lib/.");
        Walked walked = walk(repo);
        assertEquals(List.of("lib/x.py"), walked.paths());
        assertEquals(SkippedFile.Reason.SYMLINK_LOOP, walked.reason("zz-alias"));
        assertEquals(SkippedFile.Reason.SYMLINK_LOOP, walked.reason("zz-alias2"));
    }

    @Test
    void twoLinksToTheSameDirectoryWalkItThroughTheFirstOnly() throws Exception {
        Path repo = repo();
        write(repo, "z/x.txt", "x\n");
        link(repo, "a1", "z");
        link(repo, "a2", "z");
        Walked walked = walk(repo);
        assertEquals(List.of("a1/x.txt", "z/x.txt"), walked.paths());
        assertEquals(SkippedFile.Reason.SYMLINK_LOOP, walked.reason("a2"));
    }

    @Test
    void aLinkThatResolvesThroughItselfIsALoopAndADanglingLinkIsUnreadable() throws Exception {
        Path repo = repo();
        link(repo, "self", "self");
        link(repo, "ping", "pong");
        link(repo, "pong", "ping");
        link(repo, "dangling", "nowhere");
        write(repo, "a.txt", "a\n");
        Walked walked = walk(repo);
        assertEquals(List.of("a.txt"), walked.paths());
        assertEquals(SkippedFile.Reason.SYMLINK_LOOP, walked.reason("self"));
        assertEquals(SkippedFile.Reason.SYMLINK_LOOP, walked.reason("ping"));
        assertEquals(SkippedFile.Reason.SYMLINK_LOOP, walked.reason("pong"));
        assertEquals(SkippedFile.Reason.UNREADABLE, walked.reason("dangling"));
    }

    @Test
    void aLinkIntoAnExcludedDirectoryDoesNotBringItBack() throws Exception {
        Path repo = repo();
        write(repo, "build/docs/api.md", "generated\n");
        write(repo, ".mvs/engine.json", "{}\n");
        link(repo, "docs", "build/docs");
        link(repo, "index", ".mvs");
        link(repo, "git-config", ".git/config");
        write(repo, ".git/config", "[core]\n");
        Walked walked = walk(repo);
        assertEquals(List.of(), walked.paths());
        assertEquals(List.of(), walked.skipped());
    }

    @Test
    void theRootMayItselfBeALink() throws Exception {
        Path repo = repo();
        write(repo, "a.txt", "a\n");
        write(repo, "sub/b.txt", "b\n");
        Path alias = Files.createSymbolicLink(base.resolve("alias"), repo);
        assertEquals(List.of("a.txt", "sub/b.txt"), walk(alias).paths());
    }

    @Test
    void aChainOfLinksManyLevelsDeepEnds() throws Exception {
        // Each level links to the next twice; without loop and duplicate checks this is 2^depth walks.
        Path repo = repo();
        int depth = 24;
        for (int i = 0; i < depth; i++) {
            write(repo, "d" + (char) ('a' + i) + "/f.txt", "level " + i + "\n");
            if (i + 1 < depth) {
                link(repo, "d" + (char) ('a' + i) + "/l1", "../d" + (char) ('a' + i + 1));
                link(repo, "d" + (char) ('a' + i) + "/l2", "../d" + (char) ('a' + i + 1));
            }
        }
        Walked walked = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> walk(repo));
        assertTrue(walked.paths().size() < 2 * depth * depth, "bounded: " + walked.paths().size());
        assertTrue(walked.paths().contains("dx/f.txt"));
    }
}
