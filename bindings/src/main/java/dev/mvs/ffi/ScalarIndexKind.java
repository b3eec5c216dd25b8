package dev.mvs.ffi;

/** Scalar index kinds: BTree for range and equality filters, Bitmap for low-cardinality columns. */
public enum ScalarIndexKind {
    BTREE(1), BITMAP(2);

    final int code;

    ScalarIndexKind(int code) {
        this.code = code;
    }
}
