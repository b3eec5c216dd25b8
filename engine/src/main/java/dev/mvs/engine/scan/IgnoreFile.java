package dev.mvs.engine.scan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.eclipse.jgit.ignore.IgnoreNode;

/** Reads one file of gitignore patterns (a .gitignore, info/exclude, the global excludes file) into JGit's rules. */
final class IgnoreFile {

    private IgnoreFile() {
    }

    /**
     * The rules in {@code file}, or null when it is absent or not a regular file.
     *
     * @param followLinks false for a .gitignore inside the work tree: git (since 2.32) refuses to follow a
     *                    symlinked .gitignore, so a link cannot pull in rules from elsewhere; true for the
     *                    configuration-level files, which git opens normally
     */
    static IgnoreNode read(Path file, boolean followLinks) throws IOException {
        LinkOption[] options = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, options);
        } catch (IOException absent) {
            return null;
        }
        if (!attributes.isRegularFile()) {
            return null;
        }
        return parse(Files.readAllBytes(file));
    }

    /** Parses gitignore patterns from raw bytes (UTF-8, as JGit reads them). */
    static IgnoreNode parse(byte[] bytes) throws IOException {
        int start = 0;
        // git skips a UTF-8 byte-order mark at the start; JGit keeps it, which would glue U+FEFF to the
        // first pattern (so "secret" written by a BOM-happy editor would silently stop matching).
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        IgnoreNode node = new IgnoreNode();
        node.parse(new ByteArrayInputStream(bytes, start, bytes.length - start));
        return node;
    }
}
