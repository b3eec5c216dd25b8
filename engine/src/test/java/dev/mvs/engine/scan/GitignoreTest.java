package dev.mvs.engine.scan;

import static dev.mvs.engine.scan.Walked.walk;
import static dev.mvs.engine.scan.Walked.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .gitignore, info/exclude and global excludes, checked against what git itself does with the same files. */
class GitignoreTest {

    @TempDir
    Path repo;

    @TempDir
    Path home;

    @Test
    void nestedGitignoreAppliesOnlyBelowItsDirectory() throws Exception {
        write(repo, "x.gen", "root\n");
        write(repo, "sub/.gitignore", "*.gen\n");
        write(repo, "sub/x.gen", "ignored\n");
        write(repo, "sub/deeper/y.gen", "ignored too\n");
        write(repo, "sub/kept.txt", "kept\n");
        assertEquals(List.of("sub/.gitignore", "sub/kept.txt", "x.gen"), walk(repo).paths());
    }

    @Test
    void negationReincludesAFileAndTheLastMatchingPatternWins() throws Exception {
        write(repo, ".gitignore", "*.txt\n!important.txt\nnotes/*.md\n!notes/keep.md\nnotes/keep.md\n");
        write(repo, "a.txt", "a\n");
        write(repo, "important.txt", "i\n");
        write(repo, "deep/important.txt", "i\n");
        write(repo, "notes/keep.md", "the later pattern ignores it again\n");
        write(repo, "notes/other.md", "o\n");
        write(repo, "readme.md", "r\n");
        assertEquals(List.of(".gitignore", "deep/important.txt", "important.txt", "readme.md"), walk(repo).paths());
    }

    @Test
    void deeperGitignoreNegationOverridesAParentRule() throws Exception {
        write(repo, ".gitignore", "*.log\n");
        write(repo, "keep.log", "root log\n");
        write(repo, "sub/.gitignore", "!keep.log\n");
        write(repo, "sub/keep.log", "kept by the deeper rule\n");
        write(repo, "sub/other.log", "still ignored by the root rule\n");
        assertEquals(List.of(".gitignore", "sub/.gitignore", "sub/keep.log"), walk(repo).paths());
    }

    @Test
    void directoryOnlyPatternSkipsDirectoriesButNotFilesOfThatName() throws Exception {
        write(repo, ".gitignore", "tmp/\n");
        write(repo, "tmp/a.txt", "a\n");
        write(repo, "src/tmp/b.txt", "b\n");
        write(repo, "other/tmp", "a file named tmp\n");
        assertEquals(List.of(".gitignore", "other/tmp"), walk(repo).paths());
    }

    @Test
    void parentRulesApplyAtAnyDepthAndAnchoredOnesOnlyWhereAnchored() throws Exception {
        write(repo, ".gitignore", "*.log\n/only-root.txt\ndocs/generated\n");
        write(repo, "a/b/c/d/e/deep.log", "ignored five levels down\n");
        write(repo, "a/b/c/d/e/deep.txt", "kept\n");
        write(repo, "only-root.txt", "ignored\n");
        write(repo, "a/only-root.txt", "kept: the pattern is anchored to the root\n");
        write(repo, "docs/generated/x.md", "ignored\n");
        write(repo, "a/docs/generated/y.md", "kept: a pattern with a slash is anchored\n");
        assertEquals(List.of(".gitignore", "a/b/c/d/e/deep.txt", "a/docs/generated/y.md", "a/only-root.txt"), walk(repo).paths());
    }

    @Test
    void nothingInsideAnIgnoredDirectoryCanBeReincluded() throws Exception {
        // git: "It is not possible to re-include a file if a parent directory of that file is excluded."
        write(repo, ".gitignore", "logs/\n!logs/keep.txt\n");
        write(repo, "logs/keep.txt", "git does not see this\n");
        write(repo, "logs/.gitignore", "!keep.txt\n");
        write(repo, "logs/sub/keep.txt", "nor this\n");
        assertEquals(List.of(".gitignore"), walk(repo).paths());
    }

    @Test
    void ignoringTheContentsInsteadOfTheDirectoryAllowsReinclusion() throws Exception {
        // The documented way around the rule above: ignore logs/*, not logs/.
        write(repo, ".gitignore", "logs/*\n!logs/keep.txt\n");
        write(repo, "logs/keep.txt", "kept\n");
        write(repo, "logs/drop.txt", "ignored\n");
        assertEquals(List.of(".gitignore", "logs/keep.txt"), walk(repo).paths());
    }

    @Test
    void doubleStarPatterns() throws Exception {
        write(repo, ".gitignore", "**/cache\na/**/z.txt\nvendor/**\n");
        write(repo, "x/y/cache/c.txt", "ignored\n");
        write(repo, "a/z.txt", "ignored: ** matches zero directories\n");
        write(repo, "a/b/c/z.txt", "ignored\n");
        write(repo, "vendor/lib.go", "ignored\n");
        write(repo, "b/z.txt", "kept\n");
        assertEquals(List.of(".gitignore", "b/z.txt"), walk(repo).paths());
    }

    @Test
    void infoExcludeIsReadAndAGitignoreNegationOverridesIt() throws Exception {
        write(repo, ".git/info/exclude", "# local only\nsecret.txt\n*.local\n");
        write(repo, ".git/HEAD", "ref: refs/heads/main\n");
        write(repo, "secret.txt", "s\n");
        write(repo, "sub/secret.txt", "s\n");
        write(repo, "a.local", "l\n");
        write(repo, "b.local", "l\n");
        write(repo, ".gitignore", "!b.local\n");
        assertEquals(List.of(".gitignore", "b.local"), walk(repo).paths());
    }

    @Test
    void infoExcludeOfALinkedWorkTreeComesFromTheCommonDirectory() throws Exception {
        Path common = home.resolve("main.git");
        write(common, "info/exclude", "*.wt\n");
        write(common, "worktrees/w1/commondir", "../..\n");
        write(repo, ".git", "gitdir: " + common.resolve("worktrees/w1") + "\n");
        write(repo, "a.wt", "ignored\n");
        write(repo, "a.txt", "kept\n");
        assertEquals(List.of("a.txt"), walk(repo).paths(), "the .git file itself is never indexed either");
    }

    @Test
    void globalExcludesDefaultToXdgLocationUnderTheInjectedHome() throws Exception {
        write(home, ".config/git/ignore", "*.swp\n");
        write(repo, "a.swp", "editor junk\n");
        write(repo, "a.txt", "a\n");
        DiscoveryOptions options = DiscoveryOptions.defaults(repo).withGitUserDirs(home, null);
        assertEquals(List.of("a.txt"), walk(repo, options).paths());
        assertEquals(List.of("a.swp", "a.txt"), walk(repo).paths(), "without user configuration the rule is not applied");
    }

    @Test
    void globalExcludesFromAnExplicitXdgConfigHome() throws Exception {
        Path xdg = home.resolve("xdg");
        write(xdg, "git/ignore", "*.bak\n");
        write(home, ".config/git/ignore", "*.txt\n"); // not used: XDG_CONFIG_HOME wins
        write(repo, "a.bak", "b\n");
        write(repo, "a.txt", "a\n");
        assertEquals(List.of("a.txt"), walk(repo, DiscoveryOptions.defaults(repo).withGitUserDirs(home, xdg)).paths());
    }

    @Test
    void coreExcludesFileInGitconfigWinsOverTheDefaultLocation() throws Exception {
        write(home, ".gitconfig", "[user]\n\tname = Test\n[core]\n\texcludesFile = ~/my-ignores\n");
        write(home, "my-ignores", "*.orig\n");
        write(home, ".config/git/ignore", "*.txt\n"); // git does not read it once core.excludesFile is set
        write(repo, "a.orig", "o\n");
        write(repo, "a.txt", "a\n");
        assertEquals(List.of("a.txt"), walk(repo, DiscoveryOptions.defaults(repo).withGitUserDirs(home, null)).paths());
    }

    @Test
    void repositoryRulesOverrideGlobalExcludes() throws Exception {
        write(home, ".config/git/ignore", "*.gen\n");
        write(repo, ".git/info/exclude", "!keep.gen\n");
        write(repo, "keep.gen", "k\n");
        write(repo, "drop.gen", "d\n");
        assertEquals(List.of("keep.gen"), walk(repo, DiscoveryOptions.defaults(repo).withGitUserDirs(home, null)).paths());
    }

    @Test
    void aByteOrderMarkDoesNotSpoilTheFirstPattern() throws Exception {
        // git skips a UTF-8 BOM; JGit's IgnoreNode alone would read the first pattern as "\uFEFFsecret".
        write(repo, ".gitignore", "\uFEFFsecret\nother\n");
        write(repo, "secret", "s\n");
        write(repo, "other", "o\n");
        write(repo, "kept", "k\n");
        assertEquals(List.of(".gitignore", "kept"), walk(repo).paths());
    }

    @Test
    void aSymlinkedGitignoreIsNotFollowed() throws Exception {
        // git (since 2.32) does not read a .gitignore that is a symbolic link.
        write(repo, "rules/ignore-all", "*\n");
        write(repo, "sub/a.txt", "a\n");
        Files.createSymbolicLink(repo.resolve("sub/.gitignore"), Path.of("../rules/ignore-all"));
        List<String> paths = walk(repo).paths();
        assertTrue(paths.contains("sub/a.txt"), paths.toString());
    }

    @Test
    void commentsBlankLinesAndEscapes() throws Exception {
        write(repo, ".gitignore", "# a comment\n\n\\#hash\n\\!bang\ntrailing   \r\n");
        write(repo, "#hash", "ignored\n");
        write(repo, "!bang", "ignored\n");
        write(repo, "trailing", "ignored: trailing spaces and CR are not part of the pattern\n");
        write(repo, "# a comment", "kept: a comment is not a pattern\n");
        assertEquals(List.of("# a comment", ".gitignore"), walk(repo).paths());
    }
}
