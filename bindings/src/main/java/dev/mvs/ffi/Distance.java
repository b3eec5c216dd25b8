package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_native_h;

/** Vector distance. {@link #DEFAULT}: the index's own for searches, L2 for builds. */
public enum Distance {
    // the header's codes, through the generated bindings: never copied by hand
    DEFAULT(mvs_native_h.MVS_DISTANCE_DEFAULT()), L2(mvs_native_h.MVS_DISTANCE_L2()), COSINE(mvs_native_h.MVS_DISTANCE_COSINE()),
    DOT(mvs_native_h.MVS_DISTANCE_DOT());

    final int code;

    Distance(int code) {
        this.code = code;
    }
}
