package dev.mvs.engine.index;

import java.nio.file.Path;

/**
 * What an index run did and what the index holds after it.
 *
 * @param phase2        null when phase 2 did not run (--phase1-only)
 * @param vectorFoldDue the run left the vector index's fold to its caller (IndexOptions#foldVectorsLater)
 */
public record IndexReport(Path indexDir, String generation, boolean newGeneration, SyncReport sync, Phase2Report phase2,
                          long files, long chunks, long vectors, int compactions, int indexesBuilt, long versionsRemoved, long millis,
                          boolean vectorFoldDue) {}
