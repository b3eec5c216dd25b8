package dev.mvs.engine.error;

import java.nio.file.Path;

/**
 * A failure the engine reports to its user with a way out: every message names the command or the
 * input that fixes it. Sealed, so a front end (the CLI's exit codes, the MCP server's tool errors)
 * handles each kind exhaustively. Anything else thrown by the engine (IOException, MvsException, an
 * IllegalStateException from a broken invariant) is an operation that failed, not one of these.
 */
public abstract sealed class EngineException extends RuntimeException
        permits EngineException.IndexMissing, EngineException.IndexBusy, EngineException.IncompatibleIndex, EngineException.InvalidRequest {

    private EngineException(String message) {
        super(message);
    }

    /** No index where one was expected, or the index lacks what was asked of it (embeddings). */
    public static final class IndexMissing extends EngineException {
        public IndexMissing(Path indexDir) {
            super("no index at " + indexDir + "; create one with: engine-cli index <repository> --index-dir " + indexDir);
        }

        /** Something the index lacks, with the command that adds it. */
        public IndexMissing(String message) {
            super(message);
        }
    }

    /** Another process holds the index's writer lock. */
    public static final class IndexBusy extends EngineException {
        private final String owner;

        public IndexBusy(Path indexDir, String owner) {
            super("another writer holds the index at " + indexDir + " (" + owner + "); searches still work. "
                    + "Wait for it, or pass --wait to queue behind it");
            this.owner = owner;
        }

        /** Who holds the lock ("pid N, since T"), as the lock file says. */
        public String owner() {
            return owner;
        }
    }

    /** The index was made by another schema version, model, chunker or truncation. */
    public static final class IncompatibleIndex extends EngineException {
        public IncompatibleIndex(Path indexDir, String what) {
            super("the index at " + indexDir + " " + what + "; rebuild it with: engine-cli index --rebuild --index-dir " + indexDir);
        }
    }

    /** What was asked of the engine cannot be done as asked: an empty query, a mode or run that does not exist, ... */
    public static final class InvalidRequest extends EngineException {
        public InvalidRequest(String message) {
            super(message);
        }

        public InvalidRequest(String message, Throwable cause) {
            super(message);
            initCause(cause);
        }
    }
}
