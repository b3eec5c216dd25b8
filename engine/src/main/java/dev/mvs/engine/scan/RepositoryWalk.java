package dev.mvs.engine.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * One depth-first walk of a repository. An explicit stack instead of recursion, so a very deep tree
 * cannot overflow the thread's stack; each level holds only its own remaining sorted listing. Created
 * per {@link Discovery#walk} call, so nothing is shared between walks.
 */
final class RepositoryWalk {

    /** A directory being walked: its path prefix ("" or "a/b/"), its real path, and the entries not yet visited. */
    private record Frame(String prefix, Path real, Iterator<DirectoryEntry> entries) {
    }

    private final Path root;
    private final Path rootReal;
    private final Exclusions exclusions;
    private final IgnoreRules ignore;
    private final SymlinkGuard links;
    private final FileLoader loader;
    private final Consumer<DiscoveredFile> onFile;
    private final Consumer<SkippedFile> onSkip;
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();

    RepositoryWalk(Path root, Path rootReal, DiscoveryOptions options, List<IgnoreNode> repositoryWideRules,
                   StatCache statCache, Consumer<UnchangedFile> onUnchanged, Consumer<DiscoveredFile> onFile, Consumer<SkippedFile> onSkip) {
        this.root = root;
        this.rootReal = rootReal;
        this.exclusions = new Exclusions(options, rootReal);
        this.ignore = new IgnoreRules(repositoryWideRules);
        this.links = new SymlinkGuard(rootReal);
        this.loader = new FileLoader(options.maxFileBytes(), statCache, onUnchanged);
        this.onFile = onFile;
        this.onSkip = onSkip;
    }

    /** Walks everything; only a failure to list the root itself is thrown. */
    void run() throws IOException {
        enter(root, rootReal, "");
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.entries.hasNext()) {
                visit(frame, frame.entries.next());
            } else {
                stack.pop();
                ignore.pop();
            }
        }
    }

    private void visit(Frame frame, DirectoryEntry entry) {
        String path = frame.prefix + entry.name();
        switch (entry.kind()) {
            case FILE -> loader.load(entry.path(), path, entry.file(), onFile, onSkip);
            case DIRECTORY -> enterOrSkip(entry.path(), entry.real(), path);
            case LINK_TO_FILE -> {
                SkippedFile refused = links.checkFile(path, entry.real());
                if (refused == null) {
                    loader.load(entry.path(), path, entry.file(), onFile, onSkip);
                } else {
                    onSkip.accept(refused);
                }
            }
            case LINK_TO_DIRECTORY -> {
                SkippedFile refused = links.checkDirectory(path, entry.real(), this::containsWalked);
                if (refused == null) {
                    links.followed(entry.real());
                    enterOrSkip(entry.path(), entry.real(), path);
                } else {
                    onSkip.accept(refused);
                }
            }
            case LINK_CYCLE -> onSkip.accept(new SkippedFile(path, SkippedFile.Reason.SYMLINK_LOOP, entry.detail()));
            case UNDECODABLE_NAME -> onSkip.accept(new SkippedFile(path, SkippedFile.Reason.INVALID_UTF8, entry.detail()));
            case DANGLING_LINK, SPECIAL, UNREADABLE -> onSkip.accept(new SkippedFile(path, SkippedFile.Reason.UNREADABLE, entry.detail()));
        }
    }

    /** Enters a directory below the root; one that cannot be listed is reported and the walk goes on. */
    private void enterOrSkip(Path dir, Path real, String path) {
        try {
            enter(dir, real, path + '/');
        } catch (IOException e) {
            onSkip.accept(new SkippedFile(path, SkippedFile.Reason.UNREADABLE, FileLoader.describe(e)));
        }
    }

    private void enter(Path dir, Path real, String prefix) throws IOException {
        IgnoreNode rules;
        try {
            rules = IgnoreFile.read(dir.resolve(".gitignore"), false);
        } catch (IOException e) {
            // The .gitignore is itself an entry of this directory, so the walk reports it as UNREADABLE
            // when it gets there; reporting it here too would list the same path twice.
            rules = null;
        }
        ignore.push(prefix, rules);
        List<DirectoryEntry> entries;
        try {
            entries = DirectoryLister.list(dir, real, entry -> keep(prefix, entry));
        } catch (IOException e) {
            ignore.pop();
            throw e;
        }
        stack.push(new Frame(prefix, real, entries.iterator()));
    }

    /**
     * Filters while listing, so excluded and ignored entries never take memory in a listing. A link to a
     * directory counts as a directory here (patterns ending in '/' match it) because the walk descends
     * into it; git, which records a link as a link, would treat it as a file.
     */
    private boolean keep(String prefix, DirectoryEntry entry) {
        return !exclusions.excludes(entry) && !ignore.isIgnored(prefix + entry.name(), entry.isDirectory());
    }

    /** Whether {@code target} is, or contains, a directory on the current walk path. */
    private boolean containsWalked(Path target) {
        for (Frame frame : stack) {
            if (frame.real.startsWith(target)) {
                return true;
            }
        }
        return false;
    }
}
