package dev.mvs.engine.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The paths never walked whatever .gitignore says: the default-excluded directory names, anything named
 * {@code .git}, and the index directory (indexing our own output would feed the index into itself).
 */
final class Exclusions {

    private static final String DOT_GIT = ".git";

    private final Set<String> directoryNames;
    private final Path rootReal;
    private final Path indexDir;
    private final Path indexReal;

    Exclusions(DiscoveryOptions options, Path rootReal) {
        this.directoryNames = Set.copyOf(options.defaultExcludes());
        this.rootReal = rootReal;
        this.indexDir = options.indexDir().toAbsolutePath().normalize();
        this.indexReal = realOrNull(indexDir);
    }

    /** Whether the walk must not visit {@code entry} at all. */
    boolean excludes(DirectoryEntry entry) {
        if (entry.name().equals(DOT_GIT)) {
            return true; // also the .git *file* of a submodule or linked work tree
        }
        if (entry.isDirectory() && (directoryNames.contains(entry.name()) || isIndex(entry))) {
            return true;
        }
        return entry.isLink() && excludesTarget(entry.real(), entry.isDirectory());
    }

    private boolean isIndex(DirectoryEntry entry) {
        return entry.path().toAbsolutePath().normalize().equals(indexDir) || (indexReal != null && indexReal.equals(entry.real()));
    }

    /**
     * Whether a link's target lies where the walk would never go: under the index, or under an excluded
     * directory of the repository. Otherwise {@code docs -> build/docs} would index build output after all.
     */
    private boolean excludesTarget(Path target, boolean directory) {
        if (indexReal != null && target.startsWith(indexReal)) {
            return true;
        }
        if (!target.startsWith(rootReal)) {
            return false; // outside the repository: reported by SymlinkGuard, not silently dropped
        }
        Path relative = rootReal.relativize(target);
        int last = relative.getNameCount() - 1;
        for (int i = 0; i <= last && !relative.toString().isEmpty(); i++) {
            String name = relative.getName(i).toString();
            if (name.equals(DOT_GIT) || ((i < last || directory) && directoryNames.contains(name))) {
                return true;
            }
        }
        return false;
    }

    private static Path realOrNull(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException absent) {
            return null; // not created yet: then only its lexical path can match
        }
    }
}
