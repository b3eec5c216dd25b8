//! Removal of old versions by an explicit policy. Lance's auto-cleanup stays off (see
//! table::write_params): files are only ever unlinked here, under the fence.

use std::time::Duration;

use lance::dataset::cleanup::{CleanupPolicyBuilder, RemovalStats};

use crate::boundary::{handle, out_param, write_out};
use crate::error::{mvs_error, mvs_status, Error, Result};
use crate::ffi_boundary;
use crate::table_handle::mvs_table;

/// What a cleanup removed. Caller-allocated, filled on OK.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct mvs_cleanup_stats {
    pub bytes_removed: u64,
    pub versions_removed: u64,
    pub data_files_removed: u64,
    pub index_files_removed: u64,
    pub deletion_files_removed: u64,
}

/// Removes the files only old versions use. A version is removed when it is older than
/// `older_than_ms` milliseconds (0: any age) and not among the newest `keep_versions` (0: no such
/// limit); at least one of the two must be set. The newest version is never removed. Versions a
/// reader still holds may be removed by a policy that reaches them: keep enough. Holds the fence
/// shared.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_cleanup(
    table: *const mvs_table,
    older_than_ms: u64,
    keep_versions: u32,
    out_stats: *mut mvs_cleanup_stats,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, cleanup_impl(table, older_than_ms, keep_versions, out_stats))
}

unsafe fn cleanup_impl(table: *const mvs_table, older_than_ms: u64, keep_versions: u32, out_stats: *mut mvs_cleanup_stats) -> Result<()> {
    let table = handle(table, "table")?;
    let out_stats = out_param(out_stats, "out_stats")?;
    if older_than_ms == 0 && keep_versions == 0 {
        return Err(Error::invalid("cleanup needs a policy: older_than_ms > 0 or keep_versions > 0"));
    }
    let cutoff = chrono::Utc::now() - Duration::from_millis(older_than_ms);
    let what = format!("clean up versions older than {older_than_ms} ms beyond the newest {keep_versions}");
    let removed = table.rewrite(&what, |rt, ds| {
        rt.block_on(async {
            let mut builder = CleanupPolicyBuilder::default().error_if_tagged_old_versions(false);
            if keep_versions > 0 {
                builder = builder.retain_n_versions(ds, keep_versions as usize).await?;
            }
            if older_than_ms > 0 {
                builder = builder.before_timestamp(cutoff);
            }
            ds.cleanup_with_policy(builder.build()).await
        })
    })?;
    write_out(out_stats, stats_of(&removed));
    Ok(())
}

fn stats_of(removed: &RemovalStats) -> mvs_cleanup_stats {
    mvs_cleanup_stats {
        bytes_removed: removed.bytes_removed,
        versions_removed: removed.old_versions,
        data_files_removed: removed.data_files_removed,
        index_files_removed: removed.index_files_removed,
        deletion_files_removed: removed.deletion_files_removed,
    }
}

/// Removes the files in the table's directory that no version references, whatever their age: those of
/// writes that never committed (a distributed phase 2's failed or duplicate task attempts, a coordinator
/// that died before its commit). Removes no version. Lance's own cleanup keeps such files for 7 days,
/// because a write in flight has unreferenced files too: call this only while nothing writes the table
/// (the caller holds the index's writer lock, and its job is committed). Holds the fence shared.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_remove_unreferenced_files(
    table: *const mvs_table,
    out_stats: *mut mvs_cleanup_stats,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, remove_unreferenced_impl(table, out_stats))
}

unsafe fn remove_unreferenced_impl(table: *const mvs_table, out_stats: *mut mvs_cleanup_stats) -> Result<()> {
    let table = handle(table, "table")?;
    let out_stats = out_param(out_stats, "out_stats")?;
    let removed = table.rewrite("remove unreferenced files", |rt, ds| {
        rt.block_on(async {
            // Retaining every version (the oldest is the floor) leaves only the unverified files to remove.
            let builder = CleanupPolicyBuilder::default()
                .error_if_tagged_old_versions(false)
                .retain_n_versions(ds, usize::MAX)
                .await?
                .delete_unverified(true);
            ds.cleanup_with_policy(builder.build()).await
        })
    })?;
    write_out(out_stats, stats_of(&removed));
    Ok(())
}
