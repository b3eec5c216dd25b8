package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A native pointer that many threads may use while one of them may close it. Calls hold the read
 * side, so {@link #close()} waits for calls in flight and a call after close fails with
 * {@code IllegalStateException("<kind> closed")} instead of touching freed memory.
 */
final class NativeHandle {

    private final String kind;
    private final Consumer<MemorySegment> free;
    // StampedLock: a read is one CAS in and one out (no per-thread hold counts), which matters for
    // calls that cost well under a microsecond. Not reentrant: no call path nests use() on one handle.
    private final StampedLock lock = new StampedLock();
    private MemorySegment address; // guarded by lock; null once closed

    NativeHandle(String kind, MemorySegment address, Consumer<MemorySegment> free) {
        if (address == null || address.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException(kind + " handle is NULL");
        }
        this.kind = kind;
        this.address = address;
        this.free = free;
    }

    /** Runs {@code call} with the live pointer; the handle cannot be freed until it returns. */
    <T> T use(Function<MemorySegment, T> call) {
        long stamp = lock.readLock();
        try {
            if (address == null) {
                throw new IllegalStateException(kind + " closed");
            }
            return call.apply(address);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Frees the native object once (true); later calls do nothing (false). Waits for calls in flight. */
    boolean close() {
        long stamp = lock.writeLock();
        try {
            if (address != null) {
                MemorySegment toFree = address;
                address = null;
                free.accept(toFree);
                return true;
            }
            return false;
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
