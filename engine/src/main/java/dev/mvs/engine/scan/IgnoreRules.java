package dev.mvs.engine.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Decides whether a path is ignored, as git does, from the .gitignore files of the directories
 * currently being walked plus the repository-wide files.
 *
 * <p>Precedence is git's: the .gitignore of the deepest directory first, then its parents' up to the
 * root, then {@code .git/info/exclude}, then the global excludes file. Within one file the last
 * matching pattern wins (JGit's {@link IgnoreNode#checkIgnored} does that), and the first file with
 * any matching pattern — ignoring or negating — decides.
 *
 * <p>JGit matches a path only against patterns for that exact path: {@code build/} does not make
 * {@code build/x} ignored. Git's rule that nothing inside an excluded directory can be re-included
 * therefore depends on the caller never descending into an ignored directory, which the walk guarantees.
 */
final class IgnoreRules {

    /** A directory being walked: its path prefix ("" or "a/b/") and its rules, null when it has no .gitignore. */
    private record Level(String prefix, IgnoreNode rules) {
    }

    private final List<IgnoreNode> repositoryWide;
    private final ArrayDeque<Level> levels = new ArrayDeque<>();

    /** @param repositoryWide rules matched against paths from the repository root, highest precedence first */
    IgnoreRules(List<IgnoreNode> repositoryWide) {
        this.repositoryWide = new ArrayList<>(repositoryWide);
        this.repositoryWide.removeIf(Objects::isNull);
    }

    /** Enters a directory: {@code prefix} is its path with a trailing '/', or "" for the root. */
    void push(String prefix, IgnoreNode rules) {
        levels.push(new Level(prefix, rules));
    }

    /** Leaves the most recently entered directory. */
    void pop() {
        levels.pop();
    }

    /**
     * Whether {@code path} (relative to the root, '/'-separated, inside the innermost directory pushed)
     * is ignored. {@code directory} matters for patterns ending in '/'.
     */
    boolean isIgnored(String path, boolean directory) {
        for (Level level : levels) { // innermost first
            if (level.rules != null) {
                Boolean ignored = level.rules.checkIgnored(path.substring(level.prefix.length()), directory);
                if (ignored != null) {
                    return ignored;
                }
            }
        }
        for (IgnoreNode rules : repositoryWide) {
            Boolean ignored = rules.checkIgnored(path, directory);
            if (ignored != null) {
                return ignored;
            }
        }
        return false;
    }
}
