package dev.mvs.engine.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Finds the files of a repository worth indexing: every text file that git would not ignore, under the
 * size limit, read and hashed, in a deterministic order.
 *
 * <p>What is skipped silently (the user asked for it): paths matched by .gitignore files, by
 * {@code .git/info/exclude} or by the user's global excludes file, the
 * {@linkplain DiscoveryOptions#defaultExcludes() default-excluded directories} and the index directory.
 * What is reported as a {@link SkippedFile} (the user may want to know): files too large, binary, not
 * UTF-8, unreadable; links out of the repository or in a loop; directories that cannot be listed.
 *
 * <p>Immutable and safe to share; every {@link #walk} has its own state.
 */
public final class Discovery {

    private final DiscoveryOptions options;

    public Discovery(DiscoveryOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public DiscoveryOptions options() {
        return options;
    }

    /**
     * Walks {@code repoRoot} and hands every file to one of the consumers, on the calling thread, in the
     * order of their relative paths ('/'-separated, compared as strings). Only the current directory
     * listings and one file's bytes are held at a time. A bad file or directory is reported and skipped;
     * an exception thrown by a consumer stops the walk and propagates.
     *
     * @throws IOException when {@code repoRoot} is not a directory or cannot be listed
     */
    public void walk(Path repoRoot, Consumer<DiscoveredFile> onFile, Consumer<SkippedFile> onSkip) throws IOException {
        walk(repoRoot, StatCache.NONE, unchanged -> {}, onFile, onSkip);
    }

    /**
     * Like {@link #walk(Path, Consumer, Consumer)}, but a file {@code statCache} knows with the same size and
     * mtime goes to {@code onUnchanged} without being read (the stat fast path of an incremental reindex).
     */
    public void walk(Path repoRoot, StatCache statCache, Consumer<UnchangedFile> onUnchanged, Consumer<DiscoveredFile> onFile,
                     Consumer<SkippedFile> onSkip) throws IOException {
        Objects.requireNonNull(statCache, "statCache");
        Objects.requireNonNull(onUnchanged, "onUnchanged");
        Objects.requireNonNull(onFile, "onFile");
        Objects.requireNonNull(onSkip, "onSkip");
        Path root = repoRoot.toAbsolutePath().normalize();
        Path rootReal = root.toRealPath();
        if (!Files.isDirectory(rootReal)) {
            throw new NotDirectoryException(root.toString());
        }
        new RepositoryWalk(root, rootReal, options, repositoryWideRules(root, onSkip), statCache, onUnchanged, onFile, onSkip).run();
    }

    /** The filter a file watcher of {@code repoRoot} applies to changes: the same rules as {@link #walk}. */
    public WatchFilter watchFilter(Path repoRoot) {
        Path root = repoRoot.toAbsolutePath().normalize();
        return new WatchFilter(root, options, repositoryWideRules(root, skipped -> {}));
    }

    /** info/exclude, then the global excludes file: the order in which git consults them after the .gitignore files. */
    private List<IgnoreNode> repositoryWideRules(Path root, Consumer<SkippedFile> onSkip) {
        List<IgnoreNode> rules = new ArrayList<>(2);
        rules.add(readRules(GitDir.infoExclude(root), root, onSkip));
        rules.add(readRules(UserExcludes.locate(options.userHome(), options.xdgConfigHome(), root), root, onSkip));
        return rules;
    }

    private static IgnoreNode readRules(Optional<Path> file, Path root, Consumer<SkippedFile> onSkip) {
        if (file.isEmpty()) {
            return null;
        }
        try {
            return IgnoreFile.read(file.get(), true);
        } catch (IOException e) {
            // Unlike a file that is merely not indexed, lost rules change what gets indexed: say so.
            Path path = file.get().toAbsolutePath().normalize();
            String shown = path.startsWith(root) ? root.relativize(path).toString().replace('\\', '/') : path.toString();
            onSkip.accept(new SkippedFile(shown, SkippedFile.Reason.UNREADABLE, "ignore rules not applied: " + FileLoader.describe(e)));
            return null;
        }
    }
}
