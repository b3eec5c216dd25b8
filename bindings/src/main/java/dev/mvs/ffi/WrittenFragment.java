package dev.mvs.ffi;

import java.io.Serializable;
import java.util.Objects;

/**
 * A fragment {@link Table#writeFragments} wrote and no version references yet.
 *
 * @param metadata Lance's fragment metadata (JSON): opaque; pass it unchanged to {@link Table#commitFragments}
 * @param rows     rows in the fragment
 */
public record WrittenFragment(String metadata, long rows) implements Serializable {

    public WrittenFragment {
        Objects.requireNonNull(metadata, "metadata");
    }
}
