package dev.mvs.engine.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the directory that holds a work tree's {@code info/exclude}: {@code .git} itself, or — for a
 * linked work tree or a submodule, where {@code .git} is a file saying {@code gitdir: <path>} — the
 * directory it names, and then that directory's {@code commondir} (git keeps info/ there, shared by
 * all work trees).
 */
final class GitDir {

    private GitDir() {
    }

    /** The repository's {@code info/exclude} file, if the work tree has a git directory. */
    static Optional<Path> infoExclude(Path workTree) {
        return commonDir(workTree).map(dir -> dir.resolve("info").resolve("exclude"));
    }

    static Optional<Path> commonDir(Path workTree) {
        Path dotGit = workTree.resolve(".git");
        if (Files.isDirectory(dotGit)) {
            return Optional.of(dotGit);
        }
        if (!Files.isRegularFile(dotGit)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
            if (!text.startsWith("gitdir:")) {
                return Optional.empty();
            }
            Path gitDir = workTree.resolve(text.substring("gitdir:".length()).strip()).normalize();
            Path commonFile = gitDir.resolve("commondir");
            if (Files.isRegularFile(commonFile)) {
                return Optional.of(gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize());
            }
            return Optional.of(gitDir);
        } catch (IOException | RuntimeException unreadable) {
            // A broken .git file makes git itself fail; for discovery it only means there is no info/exclude.
            return Optional.empty();
        }
    }
}
