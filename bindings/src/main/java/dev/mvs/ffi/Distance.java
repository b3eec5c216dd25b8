package dev.mvs.ffi;

/** Vector distance. {@link #DEFAULT}: the index's own for searches, L2 for builds. */
public enum Distance {
    DEFAULT(0), L2(1), COSINE(2), DOT(3);

    final int code;

    Distance(int code) {
        this.code = code;
    }
}
