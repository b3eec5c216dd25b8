package dev.mvs.engine.admin;

import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.RunLog;
import dev.mvs.engine.scan.SkippedFile;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code engine-cli status} shows.
 *
 * @param tables      files, chunks and vectors (a table phase 2 has not written yet is absent)
 * @param interrupted a run was killed mid-write (its journal is still there); the next run completes it
 * @param lastRun     the last completed run, or null
 * @param fallbacks   indexed files the chunker did not chunk its own way (syntax chunks fell back to line
 *                    windows), by reason
 */
public record StatusReport(EngineState state, List<TableStatus> tables, List<SkippedFile> skipped, boolean interrupted,
                           RunLog.Snapshot lastRun, long bytesOnDisk, Map<String, Long> fallbacks) {

    public StatusReport {
        tables = List.copyOf(tables);
        skipped = List.copyOf(skipped);
        fallbacks = Collections.unmodifiableMap(new TreeMap<>(fallbacks));
    }

    /** Files chunked the index's chunker's own way (by declaration for "syntax"). */
    public long filesChunkedAsRecorded() {
        return Math.max(0, state.files() - fallbacks.values().stream().mapToLong(Long::longValue).sum());
    }

    /** Share of chunks with a vector, 0..100. */
    public double embeddedPercent() {
        return state.chunks() == 0 ? 0 : Math.min(100.0, 100.0 * state.vectors() / state.chunks());
    }
}
