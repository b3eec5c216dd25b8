package dev.mvs.ffi;

/** What one compaction rewrote. */
public record CompactionStats(long fragmentsRemoved, long fragmentsAdded, long filesRemoved, long filesAdded) {}
