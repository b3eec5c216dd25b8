package dev.mvs.engine.index;

import java.nio.file.Path;

/** The index was made by another schema version or model; the CLI maps it to exit code 3. */
public final class IncompatibleIndexException extends IllegalStateException {

    public IncompatibleIndexException(Path indexDir, String what) {
        super("the index at " + indexDir + " " + what + "; rebuild it with: engine-cli index --rebuild --index-dir " + indexDir);
    }
}
