package dev.mvs.engine.scan;

import java.util.Objects;

/**
 * A path that discovery saw but did not hand over as a {@link DiscoveredFile}, and why. Ignored and
 * excluded paths are not reported: they are skipped by the user's (or git's) choice, not for a fault.
 *
 * @param path   relative to the repository root, '/'-separated (a directory for an unreadable directory)
 * @param reason why the path was skipped
 * @param detail a human-readable explanation (sizes, offsets, the link target, the exception message)
 */
public record SkippedFile(String path, Reason reason, String detail) {

    public SkippedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** Why a path was skipped. */
    public enum Reason {
        /** Larger than {@link DiscoveryOptions#maxFileBytes()}. */
        TOO_LARGE,
        /** A NUL byte in the first {@value TextCheck#BINARY_PROBE_BYTES} bytes. */
        BINARY,
        /** Not valid UTF-8 under a strict decoder. */
        INVALID_UTF8,
        /** Reading failed (permissions, a vanished file, a dangling link, not a regular file). */
        UNREADABLE,
        /** A symbolic link whose target lies outside the repository. */
        SYMLINK_OUTSIDE_REPO,
        /** A directory link to an ancestor or to a directory already walked (following it would repeat or never end). */
        SYMLINK_LOOP
    }
}
