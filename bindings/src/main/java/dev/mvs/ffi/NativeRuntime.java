package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_fence_stats;
import dev.mvs.ffi.internal.mvs_native_h;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The engine's native runtime: one tokio runtime with a fixed number of worker threads (Lance's
 * CPU pool sized the same), and the Arrow allocator used for batches crossing the boundary. Open
 * tables on it; close them before closing the runtime.
 */
public final class NativeRuntime implements AutoCloseable {

    /** Environment variable that turns io_uring reads off when set to {@code off} (see {@link FileReads}). */
    public static final String IO_URING_SWITCH = "MVS_IO_URING";

    private final NativeHandle handle;
    private final int workerThreads;
    // Made on first use: a search reads its rows through ResultRows and never needs Arrow Java (start-up).
    private volatile BufferAllocator allocator;
    private boolean closed;
    // Cleared when a table failed to open through io_uring and opened without it: the kernel or a seccomp profile
    // (Docker's default) refuses io_uring, and every later open should not pay for finding that out again.
    private volatile boolean ioUringWorks = !"off".equalsIgnoreCase(System.getenv(IO_URING_SWITCH));
    private volatile boolean ioUringConfirmed;

    private NativeRuntime(MemorySegment address) {
        this.handle = new NativeHandle("runtime", address, mvs_native_h::mvs_runtime_free);
        this.workerThreads = mvs_native_h.mvs_runtime_worker_threads(address);
    }

    /** A runtime with {@code workerThreads} workers; 0 means one per CPU. */
    public static NativeRuntime create(int workerThreads) {
        if (workerThreads < 0) {
            throw new IllegalArgumentException("workerThreads must be >= 0, got " + workerThreads);
        }
        NativeLibrary.get();
        try (NativeCall call = new NativeCall()) {
            MemorySegment slot = call.pointerSlot();
            call.check(mvs_native_h.mvs_runtime_new(workerThreads, slot, call.error()));
            return new NativeRuntime(slot.get(ValueLayout.ADDRESS, 0));
        }
    }

    /** Number of tokio worker threads the runtime runs. */
    public int workerThreads() {
        return workerThreads;
    }

    /** Allocator for batches exported to and imported from native code. */
    public BufferAllocator allocator() {
        BufferAllocator a = allocator;
        if (a != null) {
            return a;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("runtime is closed");
            }
            if (allocator == null) {
                allocator = new RootAllocator();
            }
            return allocator;
        }
    }

    /**
     * Takes the exclusive side of the fence (what a model load holds), waiting up to
     * {@code timeout} for file-rewriting operations in flight; new ones wait until the guard is
     * closed. Throws {@link MvsException.Timeout} when the wait runs out.
     */
    public FenceGuard acquireExclusive(Duration timeout) {
        long millis = Math.max(0, timeout.toMillis());
        return handle.use(rt -> {
            try (NativeCall call = new NativeCall()) {
                MemorySegment slot = call.pointerSlot();
                call.check(mvs_native_h.mvs_fence_acquire_exclusive(rt, millis, slot, call.error()));
                return new FenceGuard(slot.get(ValueLayout.ADDRESS, 0));
            }
        });
    }

    /** The fence's counters. */
    public FenceStats fenceStats() {
        return handle.use(rt -> {
            try (NativeCall call = new NativeCall()) {
                MemorySegment s = mvs_fence_stats.allocate(call.arena());
                call.check(mvs_native_h.mvs_fence_get_stats(rt, s, call.error()));
                return FenceStats.from(s);
            }
        });
    }

    /**
     * How tables opened for reading read their files: io_uring unless {@link #IO_URING_SWITCH} is {@code off} or it
     * failed once on this runtime.
     */
    public FileReads fileReads() {
        return ioUringWorks ? FileReads.IO_URING : FileReads.BLOCKING_TASKS;
    }

    void ioUringFailed() {
        ioUringWorks = false;
    }

    /** Whether a read through io_uring has worked on this runtime (then opens need not try one). */
    boolean ioUringConfirmed() {
        return ioUringConfirmed;
    }

    void ioUringWorked() {
        ioUringConfirmed = true;
    }

    <T> T use(java.util.function.Function<MemorySegment, T> call) {
        return handle.use(call);
    }

    /**
     * Frees the runtime. Idempotent. Native tables still open on it keep it alive until they are
     * closed; the Arrow allocator reports any batch still held by the caller.
     */
    @Override
    public void close() {
        if (handle.close()) {
            synchronized (this) {
                closed = true;
                if (allocator != null) {
                    allocator.close();
                }
            }
        }
    }
}
