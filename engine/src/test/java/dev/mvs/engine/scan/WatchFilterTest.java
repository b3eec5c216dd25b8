package dev.mvs.engine.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchFilterTest {

    @TempDir
    Path repo;
    private WatchFilter filter;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(repo.resolve(".gitignore"), "build/\n*.log\n");
        Files.createDirectories(repo.resolve("src/secret"));
        Files.writeString(repo.resolve("src/.gitignore"), "generated.java\n");
        Files.createDirectories(repo.resolve(".git/info"));
        Files.writeString(repo.resolve(".git/info/exclude"), "local-notes.md\n");
        DiscoveryOptions options = DiscoveryOptions.defaults(repo).withIndexDir(repo.resolve(".mvs")).withoutUserGitConfig();
        filter = new Discovery(options).watchFilter(repo);
    }

    @Test
    void changesTheWalkWouldIndexAreRelevant() {
        assertTrue(filter.relevant(repo.resolve("src/Main.java"), false));
        assertTrue(filter.relevant(Path.of("src/secret/Key.java"), false), "relative to the root");
        assertTrue(filter.relevant(repo.resolve("src/secret"), true), "a directory created or removed");
        assertTrue(filter.relevant(repo.resolve("README.md"), false));
        assertTrue(filter.relevant(repo.resolve("src/.gitignore"), false), "rules that change what is indexed");
    }

    @Test
    void changesTheWalkWouldNeverSeeAreNot() {
        assertFalse(filter.relevant(repo.resolve(".git/index"), false));
        assertFalse(filter.relevant(repo.resolve(".git/refs/heads/main"), false));
        assertFalse(filter.relevant(repo.resolve(".mvs/gen-000001/chunks.lance/_versions/3.manifest"), false), "the index itself");
        assertFalse(filter.relevant(repo.resolve("node_modules/react/index.js"), false), "a default-excluded directory");
        assertFalse(filter.relevant(repo.resolve("build/classes/A.class"), false), "ignored by the root .gitignore");
        assertFalse(filter.relevant(repo.resolve("build"), true));
        assertFalse(filter.relevant(repo.resolve("server.log"), false));
        assertFalse(filter.relevant(repo.resolve("src/generated.java"), false), "ignored by src/.gitignore");
        assertFalse(filter.relevant(repo.resolve("local-notes.md"), false), "ignored by .git/info/exclude");
        assertFalse(filter.relevant(repo.getParent().resolve("elsewhere.java"), false), "outside the repository");
        assertFalse(filter.watches(repo.resolve("build")));
        assertTrue(filter.watches(repo));
    }

    @Test
    void aChangedGitignoreIsReadAgain() throws Exception {
        assertFalse(filter.relevant(repo.resolve("src/generated.java"), false));
        Files.writeString(repo.resolve("src/.gitignore"), "other.java\n");
        assertTrue(filter.relevant(repo.resolve("src/.gitignore"), false));
        assertTrue(filter.relevant(repo.resolve("src/generated.java"), false), "the new rules apply");
        assertFalse(filter.relevant(repo.resolve("src/other.java"), false));
    }
}
