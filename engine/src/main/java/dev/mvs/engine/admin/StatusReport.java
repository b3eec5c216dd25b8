package dev.mvs.engine.admin;

import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.RunLog;
import dev.mvs.engine.scan.SkippedFile;

import java.util.List;

/**
 * What {@code engine-cli status} shows.
 *
 * @param tables      files, chunks and vectors (a table phase 2 has not written yet is absent)
 * @param interrupted a run was killed mid-write (its journal is still there); the next run completes it
 * @param lastRun     the last completed run, or null
 */
public record StatusReport(EngineState state, List<TableStatus> tables, List<SkippedFile> skipped, boolean interrupted,
                           RunLog.Snapshot lastRun, long bytesOnDisk) {

    public StatusReport {
        tables = List.copyOf(tables);
        skipped = List.copyOf(skipped);
    }

    /** Share of chunks with a vector, 0..100. */
    public double embeddedPercent() {
        return state.chunks() == 0 ? 0 : Math.min(100.0, 100.0 * state.vectors() / state.chunks());
    }
}
