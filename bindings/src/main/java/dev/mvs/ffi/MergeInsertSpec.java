package dev.mvs.ffi;

/**
 * What a merge-insert does: replace rows whose key matches, insert rows whose key is new, and
 * delete table rows matching {@code deleteUnmatchedBySource} (SQL, or null) whose key is not in
 * the input.
 */
public record MergeInsertSpec(boolean updateMatched, boolean insertUnmatched, String deleteUnmatchedBySource) {

    /** Update matched, insert new, keep the rest. */
    public static MergeInsertSpec upsert() {
        return new MergeInsertSpec(true, true, null);
    }

    /** Upsert, and delete the rows matching {@code sql} that the input no longer has. */
    public MergeInsertSpec deletingUnmatched(String sql) {
        return new MergeInsertSpec(updateMatched, insertUnmatched, sql);
    }
}
