package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_native_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One downcall's temporaries: a confined arena for arguments and out parameters, and the
 * {@code mvs_error **} slot every fallible function takes last. {@link #check} turns a status into
 * the typed {@link MvsException} and frees the native error object.
 */
final class NativeCall implements AutoCloseable {

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errorSlot = arena.allocate(ValueLayout.ADDRESS);

    Arena arena() {
        return arena;
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
        return arena.allocate(ValueLayout.ADDRESS);
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
}
