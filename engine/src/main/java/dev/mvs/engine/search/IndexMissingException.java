package dev.mvs.engine.search;

import java.nio.file.Path;

/** No index where one was expected; the message names the command that makes one. */
public final class IndexMissingException extends IllegalStateException {

    public IndexMissingException(Path indexDir) {
        super("no index at " + indexDir + "; create one with: engine-cli index <repository> --index-dir " + indexDir);
    }

    /** Something the index lacks, with the command that adds it. */
    public IndexMissingException(String message) {
        super(message);
    }
}
