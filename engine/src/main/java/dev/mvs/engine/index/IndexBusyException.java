package dev.mvs.engine.index;

import java.nio.file.Path;

/** Another process is writing this index; the CLI maps it to exit code 3. */
public final class IndexBusyException extends IllegalStateException {

    public IndexBusyException(Path indexDir, String owner) {
        super("another writer holds the index at " + indexDir + " (" + owner + "); searches still work. "
                + "Wait for it, or pass --wait to queue behind it");
    }
}
