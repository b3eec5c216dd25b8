package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_merge_insert_params;

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

    /** This spec as the {@code mvs_merge_insert_params} struct, in the call's arena. */
    MemorySegment toNative(NativeCall call) {
        MemorySegment p = mvs_merge_insert_params.allocate(call.arena());
        mvs_merge_insert_params.update_matched(p, NativeCall.flag(updateMatched()));
        mvs_merge_insert_params.insert_unmatched(p, NativeCall.flag(insertUnmatched()));
        mvs_merge_insert_params.delete_unmatched_by_source(p, call.string(deleteUnmatchedBySource()));
        return p;
    }
}
