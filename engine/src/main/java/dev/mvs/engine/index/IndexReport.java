package dev.mvs.engine.index;

import java.nio.file.Path;

/**
 * What an index run did and what the index holds after it.
 *
 * @param phase2 null when phase 2 did not run (--phase1-only)
 */
public record IndexReport(Path indexDir, String generation, boolean newGeneration, SyncReport sync, Phase2Report phase2,
                          long files, long chunks, long vectors, int compactions, int indexesBuilt, long versionsRemoved, long millis) {}
