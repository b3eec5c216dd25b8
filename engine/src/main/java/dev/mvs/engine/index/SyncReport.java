package dev.mvs.engine.index;

import dev.mvs.engine.scan.SkippedFile;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What phase 1 changed: files read and (re)chunked, files only re-stated (same content, new mtime),
 * files removed, unchanged files, chunks written, and what was skipped with why.
 *
 * @param rereadFiles of the unchanged files, how many were read and hashed because their stat could not be trusted
 *                    (racily clean: modified within 2 s of the last run's recheck)
 * @param fallbacks   of the files read this run, how many the chunker did not chunk its own way, by reason
 *                    (ChunkingFallbacks)
 */
public record SyncReport(long changedFiles, long touchedFiles, long deletedFiles, long unchangedFiles, long rereadFiles, long chunksWritten,
                         long bytesRead, List<SkippedFile> skipped, Map<String, Long> fallbacks, long millis) {

    public SyncReport {
        skipped = List.copyOf(skipped);
        fallbacks = Collections.unmodifiableMap(new TreeMap<>(fallbacks)); // sorted by reason, for reports
    }
}
