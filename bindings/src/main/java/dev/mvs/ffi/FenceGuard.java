package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_native_h;

import java.lang.foreign.MemorySegment;

/**
 * The exclusive side of a runtime's fence, held while a model is loaded: no table file is
 * rewritten or unlinked until it is closed. Close it on the thread that is done; idempotent.
 */
public final class FenceGuard implements AutoCloseable {

    private final NativeHandle handle;

    FenceGuard(MemorySegment address) {
        this.handle = new NativeHandle("fence guard", address, mvs_native_h::mvs_fence_guard_release);
    }

    @Override
    public void close() {
        handle.close();
    }
}
