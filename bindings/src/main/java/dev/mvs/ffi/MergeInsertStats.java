package dev.mvs.ffi;

/** Rows a merge-insert inserted, updated and deleted. */
public record MergeInsertStats(long inserted, long updated, long deleted) {}
