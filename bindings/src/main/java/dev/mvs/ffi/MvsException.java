package dev.mvs.ffi;

/**
 * A failure reported by the native core, typed by its {@code mvs_status}. The message is the native
 * one: it names the table, path, version or filter involved. Only {@link CommitConflict} is worth
 * retrying as is.
 */
public abstract sealed class MvsException extends RuntimeException {

    private MvsException(String message) {
        super(message);
    }

    /** Status code of the native error, as in {@code mvs_status}. */
    public abstract int status();

    /** Whether retrying the same call may succeed. */
    public boolean retryable() {
        return false;
    }

    /** Builds the exception for a native status; unknown codes become {@link Internal}. */
    static MvsException of(int status, String message) {
        return switch (status) {
            case InvalidArgument.STATUS -> new InvalidArgument(message);
            case NotFound.STATUS -> new NotFound(message);
            case AlreadyExists.STATUS -> new AlreadyExists(message);
            case CommitConflict.STATUS -> new CommitConflict(message);
            case Io.STATUS -> new Io(message);
            case Corrupt.STATUS -> new Corrupt(message);
            case Cancelled.STATUS -> new Cancelled(message);
            case NotSupported.STATUS -> new NotSupported(message);
            case NativePanic.STATUS -> new NativePanic(message);
            case Timeout.STATUS -> new Timeout(message);
            default -> new Internal("status " + status + ": " + message);
        };
    }

    /** Bad input from the caller: a NULL or malformed argument, an invalid filter, a wrong schema. */
    public static final class InvalidArgument extends MvsException {
        static final int STATUS = 1;
        InvalidArgument(String message) { super(message); }
        @Override public int status() { return STATUS; }
    }

    /** A table, path or version that does not exist. */
    public static final class NotFound extends MvsException {
        static final int STATUS = 2;
        NotFound(String message) { super(message); }
        @Override public int status() { return STATUS; }
    }

    /** Creating a table where one already is. */
    public static final class AlreadyExists extends MvsException {
        static final int STATUS = 3;
        AlreadyExists(String message) { super(message); }
        @Override public int status() { return STATUS; }
    }

    /** Another writer committed first; the call may be retried. */
    public static final class CommitConflict extends MvsException {
        static final int STATUS = 4;
        CommitConflict(String message) { super(message); }
        @Override public int status() { return STATUS; }
        @Override public boolean retryable() { return true; }
    }

    /** The file system failed (disk full, permission, I/O error). */
    public static final class Io extends MvsException {
        static final int STATUS = 5;
        Io(String message) { super(message); }
        @Override public int status() { return STATUS; }
    }

    /** A file of the table could not be decoded. */
    public static final class Corrupt extends MvsException {
        static final int STATUS = 6;
        Corrupt(String message) { super(message); }
        @Override public int status() { return STATUS; }
    }

    /** The operation was cancelled. */
    public static final class Cancelled extends MvsException {
        static final int STATUS = 7;
        Cancelled(String message) { super(message); }
        @Override public int status() { return STATUS; }
    }

    /** Something Lance or this engine does not do. */
    public static final class NotSupported extends MvsException {
        static final int STATUS = 8;
        NotSupported(String message) { super(message); }
        @Override public int status() { return STATUS; }
    }

    /** An engine fault that fits no other kind. */
    public static final class Internal extends MvsException {
        static final int STATUS = 9;
        Internal(String message) { super(message); }
        @Override public int status() { return STATUS; }
    }

    /** A panic in native code, caught at the boundary; the process is unharmed. */
    public static final class NativePanic extends MvsException {
        static final int STATUS = 10;
        NativePanic(String message) { super(message); }
        @Override public int status() { return STATUS; }
    }

    /** A wait gave up after its timeout (e.g. the fence's exclusive side); may be retried. */
    public static final class Timeout extends MvsException {
        static final int STATUS = 11;
        Timeout(String message) { super(message); }
        @Override public int status() { return STATUS; }
        @Override public boolean retryable() { return true; }
    }
}
