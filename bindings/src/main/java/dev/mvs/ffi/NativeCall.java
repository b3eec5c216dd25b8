package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_native_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;

/**
 * One downcall's temporaries: a confined arena for arguments and out parameters, and the
 * {@code mvs_error **} slot every fallible function takes last. {@link #check} turns a status into
 * the typed {@link MvsException} and frees the native error object.
 */
final class NativeCall implements AutoCloseable {

    private static final long SCRATCH_BYTES = 64;

    private final Arena arena = Arena.ofConfined();
    // One allocation serves the error slot and the small out parameters of a call (a malloc and
    // a free per call, not one per value); larger requests fall through to the arena.
    private final MemorySegment scratch = arena.allocate(SCRATCH_BYTES, 8);
    private final SegmentAllocator small = SegmentAllocator.slicingAllocator(scratch);
    private final MemorySegment errorSlot = small.allocate(ValueLayout.ADDRESS);
    private long scratchUsed = ValueLayout.ADDRESS.byteSize();

    Arena arena() {
        return arena;
    }

    /** A zeroed out-parameter slot of {@code layout}, from the scratch block while it lasts. */
    MemorySegment out(MemoryLayout layout) {
        long aligned = (scratchUsed + layout.byteAlignment() - 1) / layout.byteAlignment() * layout.byteAlignment();
        if (aligned + layout.byteSize() <= SCRATCH_BYTES) {
            scratchUsed = aligned + layout.byteSize();
            return small.allocate(layout);
        }
        return arena.allocate(layout);
    }

    /** The {@code out_error} argument. */
    MemorySegment error() {
        return errorSlot;
    }

    /** A NUL-terminated copy of {@code text}, or NULL for a null string. */
    MemorySegment string(String text) {
        return text == null ? MemorySegment.NULL : arena.allocateFrom(text);
    }

    /** A {@code const char *const *} array of copies of {@code texts} (never NULL, may be empty). */
    MemorySegment strings(java.util.List<String> texts) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, Math.max(1, texts.size()));
        for (int i = 0; i < texts.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(texts.get(i)));
        }
        return array;
    }

    /** A caller-allocated {@code T *} slot for a pointer out parameter. */
    MemorySegment pointerSlot() {
        return out(ValueLayout.ADDRESS);
    }

    /** Throws the typed exception for a failed status; returns normally on MVS_STATUS_OK. */
    void check(int status) {
        if (status == mvs_native_h.MVS_STATUS_OK()) {
            return;
        }
        MemorySegment error = errorSlot.get(ValueLayout.ADDRESS, 0);
        try {
            String message = error.equals(MemorySegment.NULL)
                    ? "no error object returned"
                    : mvs_native_h.mvs_error_message(error).reinterpret(Long.MAX_VALUE).getString(0);
            throw MvsException.of(status, message);
        } finally {
            mvs_native_h.mvs_error_free(error);
        }
    }

    @Override
    public void close() {
        arena.close();
    }

    /** A C bool byte. */
    static byte flag(boolean on) {
        return (byte) (on ? 1 : 0);
    }
}
