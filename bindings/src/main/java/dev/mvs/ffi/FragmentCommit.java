package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_fragment_commit;

/**
 * What {@link Table#commitFragments} did.
 *
 * @param version   the version holding the job's rows: the one just committed, or the job's earlier commit
 * @param committed true if this call committed; false if a version after the read version already carried the job id
 * @param rows      rows in the fragments passed
 */
public record FragmentCommit(long version, boolean committed, long rows) {

    /** Reads the caller-allocated struct the native side filled. */
    static FragmentCommit from(MemorySegment s) {
        return new FragmentCommit(mvs_fragment_commit.version(s), mvs_fragment_commit.committed(s) != 0, mvs_fragment_commit.rows(s));
    }
}
