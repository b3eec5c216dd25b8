package dev.mvs.engine.scan;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Lists one directory: classifies every entry without following links blindly, drops the ones the
 * caller does not want, and sorts the rest. This listing is the only part of the tree held in memory
 * per directory level.
 */
final class DirectoryLister {

    // Linux gives up after 40 links in one resolution; a longer chain is treated as a cycle too.
    private static final int MAX_LINK_HOPS = 40;

    private DirectoryLister() {
    }

    /**
     * The entries of {@code dir} that {@code keep} accepts, in {@link DirectoryEntry#sortKey()} order.
     *
     * @param real the real path of {@code dir}
     * @throws IOException when the directory cannot be listed
     */
    static List<DirectoryEntry> list(Path dir, Path real, Predicate<DirectoryEntry> keep) throws IOException {
        List<DirectoryEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                DirectoryEntry entry = classify(child, real);
                if (keep.test(entry)) {
                    entries.add(entry);
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        entries.sort(Comparator.comparing(DirectoryEntry::sortKey));
        return entries;
    }

    private static DirectoryEntry classify(Path child, Path parentReal) {
        String name = child.getFileName().toString();
        if (name.indexOf('\uFFFD') >= 0 && !Path.of(name).equals(child.getFileName())) {
            // The decoded name does not encode back to the bytes on disk: reading by it would open a
            // different (absent) file, and indexing it would store a path that does not exist.
            return new DirectoryEntry(name, child, DirectoryEntry.Kind.UNDECODABLE_NAME, null,
                    "file name is not valid in the platform encoding");
        }
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return new DirectoryEntry(name, child, DirectoryEntry.Kind.UNREADABLE, null, FileLoader.describe(e));
        }
        if (own.isDirectory()) {
            return new DirectoryEntry(name, child, DirectoryEntry.Kind.DIRECTORY, parentReal.resolve(child.getFileName()), "");
        }
        if (own.isRegularFile()) {
            return new DirectoryEntry(name, child, DirectoryEntry.Kind.FILE, null, "", own);
        }
        if (!own.isSymbolicLink()) {
            return new DirectoryEntry(name, child, DirectoryEntry.Kind.SPECIAL, null, "not a regular file or directory");
        }
        return classifyLink(name, child);
    }

    private static DirectoryEntry classifyLink(String name, Path link) {
        Path target;
        BasicFileAttributes attributes;
        try {
            target = link.toRealPath();
            attributes = Files.readAttributes(target, BasicFileAttributes.class);
        } catch (IOException e) {
            return cycles(link)
                    ? new DirectoryEntry(name, link, DirectoryEntry.Kind.LINK_CYCLE, null, "symbolic link resolves through itself")
                    : new DirectoryEntry(name, link, DirectoryEntry.Kind.DANGLING_LINK, null, "dangling symbolic link: " + FileLoader.describe(e));
        }
        DirectoryEntry.Kind kind = attributes.isDirectory() ? DirectoryEntry.Kind.LINK_TO_DIRECTORY
                : attributes.isRegularFile() ? DirectoryEntry.Kind.LINK_TO_FILE
                : DirectoryEntry.Kind.SPECIAL;
        return new DirectoryEntry(name, link, kind, target, kind == DirectoryEntry.Kind.SPECIAL ? "link to a special file: " + target : "",
                kind == DirectoryEntry.Kind.LINK_TO_FILE ? attributes : null);
    }

    /**
     * Whether following {@code link} hop by hop comes back to a link already passed (or never ends).
     * Only asked after resolution failed, to tell a cycle from a dangling link; checking the chain
     * ourselves avoids depending on the wording of the OS error (ELOOP).
     */
    private static boolean cycles(Path link) {
        Set<Path> seen = new HashSet<>();
        Path current = link.toAbsolutePath().normalize();
        for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
            if (!Files.isSymbolicLink(current)) {
                return false; // the chain ends at something absent: dangling, not a cycle
            }
            if (!seen.add(current)) {
                return true;
            }
            try {
                current = current.resolveSibling(Files.readSymbolicLink(current)).toAbsolutePath().normalize();
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
