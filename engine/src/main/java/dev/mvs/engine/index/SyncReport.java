package dev.mvs.engine.index;

import dev.mvs.engine.scan.SkippedFile;

import java.util.List;

/**
 * What phase 1 changed: files read and (re)chunked, files only re-stated (same content, new mtime),
 * files removed, unchanged files, chunks written, and what was skipped with why.
 */
public record SyncReport(long changedFiles, long touchedFiles, long deletedFiles, long unchangedFiles, long chunksWritten,
                         long bytesRead, List<SkippedFile> skipped, long millis) {}
