package dev.mvs.ffi;

import java.time.Instant;

/**
 * One version of a table and what made it.
 *
 * @param operation      Lance's name of the operation that made it (Append, Delete, Rewrite...); "" when its transaction is not kept
 * @param jobId          the job id {@link Table#commitFragments} recorded, or null
 * @param fragmentsAdded fragments an append added (0 for any other operation)
 * @param rowsAdded      rows an append added (0 for any other operation)
 */
public record TableVersion(long version, Instant timestamp, String operation, String jobId, long fragmentsAdded, long rowsAdded) {}
