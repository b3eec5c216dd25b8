package dev.mvs.engine.index;

import dev.mvs.engine.scan.ContentHash;
import dev.mvs.engine.store.FileRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows a run read from files modified within {@link KnownFiles#RACY_MILLIS} of its start. The stat fast
 * path cannot trust them yet (an edit in the same clock tick keeps size and mtime), so the next run would
 * read and hash them all again: after a build of a freshly copied tree, that was thousands of files in the
 * user's first one-file run (issue 18: 0.98-1.51 s). Read again at the end of the run, once
 * {@code RACY_MILLIS} have passed since their mtime, a row whose stat and hash still match needs no re-read:
 * any later edit gets a later mtime. {@link #recheck} says up to when stats can then be trusted.
 */
final class RacyFiles {

    /** Beyond this many rows the recheck is given up (memory stays bounded): the next run reads them, as it always did. */
    static final int MAX_ROWS = 65_536;

    private final long runStartMillis;
    private final List<FileRow> rows = new ArrayList<>();
    private boolean overflowed;

    /** @param runStartMillis when the run started: rows of files {@link KnownFiles#racy} against it are kept */
    RacyFiles(long runStartMillis) {
        this.runStartMillis = runStartMillis;
    }

    /** A row the run wrote or kept after reading the file; kept only if the file is racily clean for this run. */
    void offer(String path, long size, long mtimeMillis, String contentHash) {
        if (!KnownFiles.racy(mtimeMillis, runStartMillis) || overflowed) {
            return;
        }
        if (rows.size() >= MAX_ROWS) {
            overflowed = true;
            rows.clear();
            return;
        }
        rows.add(new FileRow(path, contentHash, size, mtimeMillis, null, 0));
    }

    int size() {
        return rows.size();
    }

    /**
     * Reads the offered files again and returns the moment stats can be trusted up to: a file not
     * {@link KnownFiles#racy} against it is trusted by size and mtime. That is {@code nowMillis} (taken before any
     * read: every file read then was modified more than {@code RACY_MILLIS} before the read) unless a file no
     * longer matches its row, or there were too many rows; then it is early enough that the next run reads those
     * files again. Files racy against {@code nowMillis} are not read: they stay racy anyway.
     */
    long recheck(Path repo, long nowMillis) {
        if (overflowed) {
            return runStartMillis;
        }
        long trustedBefore = nowMillis;
        ContentHash hash = new ContentHash();
        for (FileRow row : rows) {
            if (KnownFiles.racy(row.mtimeMillis(), nowMillis)) {
                continue; // racy against the recheck itself: the next run reads it again whatever this returns
            }
            if (!stillMatches(repo.resolve(row.path()), row, hash)) {
                // The latest moment the file is still racy against, so the next run reads it again.
                trustedBefore = Math.min(trustedBefore, row.mtimeMillis() + KnownFiles.RACY_MILLIS);
            }
        }
        return trustedBefore;
    }

    /** Same size and mtime as the row, then the same bytes (a link is followed, as the walk does). */
    private static boolean stillMatches(Path file, FileRow row, ContentHash hash) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile() || attributes.size() != row.size() || attributes.lastModifiedTime().toMillis() != row.mtimeMillis()) {
                return false;
            }
            byte[] bytes = Files.readAllBytes(file);
            return bytes.length == row.size() && hash.of(bytes).equals(row.contentHash());
        } catch (IOException e) {
            return false; // gone or unreadable: the next run finds out what it is
        }
    }
}
