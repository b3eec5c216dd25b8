package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
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
        var read = lock.readLock();
        read.lock();
        try {
            if (address == null) {
                throw new IllegalStateException(kind + " closed");
            }
            return call.apply(address);
        } finally {
            read.unlock();
        }
    }

    boolean isClosed() {
        var read = lock.readLock();
        read.lock();
        try {
            return address == null;
        } finally {
            read.unlock();
        }
    }

    /** Frees the native object once (true) ; later calls do nothing (false). Waits for calls in flight. */
    boolean close() {
        var write = lock.writeLock();
        write.lock();
        try {
            if (address != null) {
                MemorySegment toFree = address;
                address = null;
                free.accept(toFree);
                return true;
            }
            return false;
        } finally {
            write.unlock();
        }
    }
}
