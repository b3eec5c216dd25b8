package dev.mvs.engine.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What discovery skips and where it looks for the user's git configuration.
 *
 * @param indexDir        the index directory; never walked, wherever it is (default {@code <repo>/.mvs})
 * @param defaultExcludes directory names never walked at any depth, whatever .gitignore says:
 *                        VCS metadata, dependency caches and build output are noise for code search and
 *                        often larger than the sources; a regular <em>file</em> with one of these names
 *                        (a script called {@code build}) is kept, and any path named {@code .git} is
 *                        always skipped because git itself never tracks one
 * @param maxFileBytes    files larger than this are skipped as {@link SkippedFile.Reason#TOO_LARGE}
 *                        (default 1 MiB: bigger "source" is almost always generated or data)
 * @param userHome        where {@code ~/.gitconfig} and {@code ~} in {@code core.excludesFile} are looked
 *                        up; null reads no user-level git configuration at all (tests, sandboxes)
 * @param xdgConfigHome   git's {@code $XDG_CONFIG_HOME}; null means {@code <userHome>/.config}, as git does
 */
public record DiscoveryOptions(Path indexDir, List<String> defaultExcludes, long maxFileBytes, Path userHome, Path xdgConfigHome) {

    public static final long DEFAULT_MAX_FILE_BYTES = 1L << 20;

    public static final List<String> DEFAULT_EXCLUDES = List.of(
            ".git", ".hg", ".svn", "node_modules", "target", "build", "dist", "out", "__pycache__", ".gradle", ".idea", ".venv", "venv");

    /** Name of the index directory inside a repository when none is given. */
    public static final String DEFAULT_INDEX_DIR_NAME = ".mvs";

    public DiscoveryOptions {
        Objects.requireNonNull(indexDir, "indexDir");
        defaultExcludes = List.copyOf(defaultExcludes);
        for (String name : defaultExcludes) {
            if (name.isEmpty() || name.indexOf('/') >= 0) {
                throw new IllegalArgumentException("a default exclude is a single path component, not: '" + name + "'");
            }
        }
        if (maxFileBytes < 0) {
            throw new IllegalArgumentException("maxFileBytes must be >= 0: " + maxFileBytes);
        }
    }

    /**
     * The defaults for {@code repo}: the index in {@code <repo>/.mvs}, the default excludes, 1 MiB, and
     * the git configuration of the user running the JVM ({@code user.home}, {@code $XDG_CONFIG_HOME}).
     */
    public static DiscoveryOptions defaults(Path repo) {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        String home = System.getProperty("user.home");
        return new DiscoveryOptions(repo.resolve(DEFAULT_INDEX_DIR_NAME), DEFAULT_EXCLUDES, DEFAULT_MAX_FILE_BYTES,
                home == null || home.isEmpty() ? null : Path.of(home),
                // git treats an empty XDG_CONFIG_HOME as unset
                xdg == null || xdg.isEmpty() ? null : Path.of(xdg));
    }

    public DiscoveryOptions withIndexDir(Path dir) {
        return new DiscoveryOptions(dir, defaultExcludes, maxFileBytes, userHome, xdgConfigHome);
    }

    public DiscoveryOptions withDefaultExcludes(List<String> names) {
        return new DiscoveryOptions(indexDir, names, maxFileBytes, userHome, xdgConfigHome);
    }

    public DiscoveryOptions withMaxFileBytes(long bytes) {
        return new DiscoveryOptions(indexDir, defaultExcludes, bytes, userHome, xdgConfigHome);
    }

    /** Reads user-level git configuration from {@code home} (and {@code xdgConfigHome}, null for {@code <home>/.config}). */
    public DiscoveryOptions withGitUserDirs(Path home, Path xdgConfigHome) {
        return new DiscoveryOptions(indexDir, defaultExcludes, maxFileBytes, home, xdgConfigHome);
    }

    /** Reads no user-level git configuration: only the repository's own rules apply. */
    public DiscoveryOptions withoutUserGitConfig() {
        return withGitUserDirs(null, null);
    }
}
