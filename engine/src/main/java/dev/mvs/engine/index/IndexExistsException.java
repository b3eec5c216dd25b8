package dev.mvs.engine.index;

import java.nio.file.Path;

/** An index is already at the directory a fresh index was asked for. */
public final class IndexExistsException extends IllegalStateException {

    public IndexExistsException(Path indexDir) {
        super("an index already exists at " + indexDir + "; incremental reindex is not implemented yet: remove the directory"
                + " or choose another with --index-dir");
    }
}
