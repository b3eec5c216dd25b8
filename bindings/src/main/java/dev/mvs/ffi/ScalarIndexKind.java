package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_native_h;

/** Scalar index kinds: BTree for range and equality filters, Bitmap for low-cardinality columns. */
public enum ScalarIndexKind {
    BTREE(mvs_native_h.MVS_SCALAR_INDEX_BTREE()), BITMAP(mvs_native_h.MVS_SCALAR_INDEX_BITMAP());

    final int code;

    ScalarIndexKind(int code) {
        this.code = code;
    }
}
