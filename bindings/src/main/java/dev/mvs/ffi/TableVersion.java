package dev.mvs.ffi;

import java.time.Instant;

/** One committed version of a table and when it was written. */
public record TableVersion(long version, Instant timestamp) {}
