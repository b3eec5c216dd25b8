package dev.mvs.engine.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Tells a file watcher which changes can change what is indexed, by the rules a {@link Discovery} walk
 * applies: nothing under {@code .git}, a default-excluded directory or the index directory, nothing git
 * ignores. A changed .gitignore counts (it changes what is indexed) and makes the filter read the rules
 * again. The .gitignore files are read once per directory and kept. Used by one thread at a time.
 */
public final class WatchFilter {

    private static final String DOT_GIT = ".git";
    private static final String GITIGNORE = ".gitignore";

    private final Path root;
    private final Path indexDir;
    private final Set<String> excludedNames;
    private final List<IgnoreNode> repositoryWide;
    private final Map<String, Optional<IgnoreNode>> directoryRules = new HashMap<>();

    WatchFilter(Path root, DiscoveryOptions options, List<IgnoreNode> repositoryWide) {
        this.root = root.toAbsolutePath().normalize();
        this.indexDir = options.indexDir().toAbsolutePath().normalize();
        this.excludedNames = Set.copyOf(options.defaultExcludes());
        this.repositoryWide = repositoryWide;
    }

    public Path root() {
        return root;
    }

    /** Whether a change at {@code path} (absolute, or relative to the root) can change what is indexed. */
    public boolean relevant(Path path, boolean directory) {
        Path absolute = root.resolve(path).normalize();
        if (!absolute.startsWith(root) || absolute.equals(root) || absolute.startsWith(indexDir)) {
            return false;
        }
        Path relative = root.relativize(absolute);
        int last = relative.getNameCount() - 1;
        IgnoreRules ignore = new IgnoreRules(repositoryWide);
        ignore.push("", rules(""));
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            String name = relative.getName(i).toString();
            boolean isDirectory = i < last || directory;
            if (name.equals(DOT_GIT) || (isDirectory && excludedNames.contains(name))) {
                return false;
            }
            if (ignore.isIgnored(prefix + name, isDirectory)) {
                return false;
            }
            if (i < last) {
                prefix.append(name).append('/');
                ignore.push(prefix.toString(), rules(prefix.toString()));
            }
        }
        if (relative.getFileName().toString().equals(GITIGNORE)) {
            directoryRules.clear();
        }
        return true;
    }

    /** Whether the watcher should watch inside {@code dir} at all. */
    public boolean watches(Path dir) {
        return root.resolve(dir).normalize().equals(root) || relevant(dir, true);
    }

    private IgnoreNode rules(String prefix) {
        return directoryRules.computeIfAbsent(prefix, p -> {
            try {
                return Optional.ofNullable(IgnoreFile.read(root.resolve(p).resolve(GITIGNORE), false));
            } catch (IOException e) {
                return Optional.empty(); // the walk reports an unreadable .gitignore; here it just does not apply
            }
        }).orElse(null);
    }
}
