package dev.mvs.ffi;

/** What a cleanup of old versions removed. */
public record CleanupStats(long bytesRemoved, long versionsRemoved, long dataFilesRemoved, long indexFilesRemoved,
                           long deletionFilesRemoved) {}
