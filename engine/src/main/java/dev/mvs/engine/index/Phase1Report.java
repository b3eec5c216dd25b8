package dev.mvs.engine.index;

import dev.mvs.engine.scan.SkippedFile;

import java.nio.file.Path;
import java.util.List;

/** What phase 1 wrote: files and chunks (keyword-searchable), and the files it skipped, with why. */
public record Phase1Report(Path indexDir, long files, long chunks, long bytes, List<SkippedFile> skipped, long walkAndWriteMillis,
                           long indexMillis) {}
