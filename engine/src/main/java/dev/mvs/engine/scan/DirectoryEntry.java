package dev.mvs.engine.scan;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One entry of a directory listing, classified once so the walk never has to ask the file system again
 * what it is.
 *
 * @param name   the file name as Java decodes it
 * @param path   the entry's path as the directory stream returned it (keeps the exact on-disk bytes of the name)
 * @param kind   what the entry is; for a symbolic link, what it points to
 * @param real   the real path: of a directory (its parent's real path plus the name) or of a link's
 *               final target; null for everything else
 * @param detail why a link or entry cannot be used, or "" when it can
 * @param file   the attributes of the file a {@code FILE} or {@code LINK_TO_FILE} entry is (a link's target's), read
 *               while listing, so the walk does not ask for them again; null for everything else
 */
record DirectoryEntry(String name, Path path, Kind kind, Path real, String detail, BasicFileAttributes file) {

    /** An entry that is not a file, or a file whose attributes are not at hand. */
    DirectoryEntry(String name, Path path, Kind kind, Path real, String detail) {
        this(name, path, kind, real, detail, null);
    }

    enum Kind {
        FILE, DIRECTORY, LINK_TO_FILE, LINK_TO_DIRECTORY,
        /** A link whose target does not exist. */
        DANGLING_LINK,
        /** A link that resolves through itself (a → b → a). */
        LINK_CYCLE,
        /** A FIFO, socket or device, or a link to one. */
        SPECIAL,
        /** The entry's attributes could not be read. */
        UNREADABLE,
        /** The name is not valid in the platform encoding, so Java cannot name the file faithfully. */
        UNDECODABLE_NAME
    }

    /** Whether the walk descends into this entry (and .gitignore patterns ending in '/' apply to it). */
    boolean isDirectory() {
        return kind == Kind.DIRECTORY || kind == Kind.LINK_TO_DIRECTORY;
    }

    boolean isLink() {
        return kind == Kind.LINK_TO_FILE || kind == Kind.LINK_TO_DIRECTORY;
    }

    /**
     * The key that orders siblings so that a depth-first walk yields paths in plain string order:
     * a directory sorts as "name/", the way its contents' paths begin ("a.txt" &lt; "a/x" &lt; "a0").
     */
    String sortKey() {
        return isDirectory() ? name + '/' : name;
    }
}
