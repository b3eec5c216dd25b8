//! Keeps vector search on Lance's fast IVF path after incremental writes (docs/lance-prefilter.md).
//! Lance 14.0.2 scores every probed partition row by row, 3-4x slower, whenever the search's
//! prefilter mask is non-empty. The mask is non-empty when (a) a fragment the index covers has a
//! deletion file, (b) an index segment's fragment bitmap names a fragment no longer in the table,
//! or (c) a live fragment is covered by no segment. Several segments also cost a search each.
//! `mvs_table_vector_index_health` reports those; `mvs_table_restore_vector_fast_path` removes them
//! without retraining the index.

use std::collections::BTreeSet;
use std::ffi::c_char;
use std::sync::Arc;

use lance::dataset::optimize::{compact_files, CompactionOptions};
use lance::dataset::transaction::{Operation, Transaction};
use lance::dataset::{CommitBuilder, InsertBuilder, WriteMode};
use lance::deps::datafusion::physical_plan::SendableRecordBatchStream;
use lance::index::DatasetIndexExt;
use lance::Dataset;
use lance_index::optimize::OptimizeOptions;
use lance_table::format::{Fragment, IndexMetadata};

use crate::boundary::{handle, out_param, required_str, write_out};
use crate::error::{mvs_error, mvs_status, Error, Result};
use crate::ffi_boundary;
use crate::nearest::gap_size;
use crate::table_handle::{mvs_table, write_params};

/// Merge count meaning "every segment" (Lance merges the newest N; no index has this many).
const EVERY_SEGMENT: usize = 1 << 20;

/// Tiny fragments (under half the target size: what a run appends, a few files' vectors) the table may
/// hold before the move combines them. Combined by the move, their rows are folded in by the merge the
/// upkeep does anyway; combined by compaction, the whole index would be remapped on top of it. Below
/// the 16 fragments of slack the engine's compaction threshold leaves, so the move comes first.
const MAX_TINY_FRAGMENTS: usize = 8;

/// What keeps a vector index off the fast path. Caller-allocated, filled on OK. All zero but
/// `segments` == 1: every search takes the batched kernel. `served_directly` 1: the engine's own
/// vector query (row ids alone, no filter: `mvs_table_nearest`) still does, filtering the few deleted
/// rows and comparing the few unindexed ones itself; planned queries take the filtered path.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct mvs_vector_index_health {
    /// Segments of the index: 1 after a build, one more per optimize that appends a delta.
    pub segments: u64,
    /// Fragments the index covers that have a deletion file: cause (a).
    pub fragments_with_deletions: u64,
    /// Fragment ids the segments' bitmaps name that the table no longer has: cause (b).
    pub missing_fragments: u64,
    /// Live fragments no segment covers: cause (c).
    pub uncovered_fragments: u64,
    /// Deleted rows of the covered fragments with a deletion file.
    pub deleted_rows: u64,
    /// Live rows of the fragments no segment covers.
    pub uncovered_rows: u64,
    /// 1 when the gap is small enough for the direct vector query (one segment, at most 8 covered
    /// fragments deleted whole, 1,024 deleted and 512 uncovered rows in at most 8 fragments): the upkeep
    /// may leave it.
    pub served_directly: u64,
}

/// What `mvs_table_restore_vector_fast_path` did. Caller-allocated, filled on OK.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct mvs_vector_upkeep_stats {
    /// 1 if the index's segments were merged (and unindexed rows folded in).
    pub merged: u64,
    /// Fragments with deletions removed: their live rows moved into new fragments (or compacted).
    pub fragments_rewritten: u64,
    /// Fragments written with those rows.
    pub fragments_written: u64,
    /// Ids of fragments no longer in the table dropped from the index's bitmaps.
    pub missing_fragments_pruned: u64,
}

/// Reports what keeps the vector index `index_name` (borrowed) of `table` off Lance's fast search
/// path into the caller-allocated `out_health`. Reads only. An index of that name must exist.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_vector_index_health(
    table: *const mvs_table,
    index_name: *const c_char,
    out_health: *mut mvs_vector_index_health,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, vector_index_health_impl(table, index_name, out_health))
}

unsafe fn vector_index_health_impl(
    table: *const mvs_table,
    index_name: *const c_char,
    out_health: *mut mvs_vector_index_health,
) -> Result<()> {
    let table = handle(table, "table")?;
    let name = required_str(index_name, "index_name")?;
    let out_health = out_param(out_health, "out_health")?;
    write_out(out_health, current_health(table, name)?);
    Ok(())
}

/// Brings the vector index `index_name` (borrowed) of `table` back to Lance's fast search path
/// without retraining it, doing only what `mvs_table_vector_index_health` says is needed:
/// - when covered fragments have deletion files, moves the live rows of those with the most deleted
///   rows, until at most `deleted_rows_left` deleted rows are left under the index (0: of every one;
///   the engine's own vector query filters a few hundred itself, native/src/nearest.rs), into new
///   fragments of at most `target_rows_per_fragment` rows (0: Lance's default), and removes them, in one commit; with a
///   target, more than 8 fragments under half of it (what runs append) are moved with them, which
///   combines them. No index is remapped; the moved rows are unindexed until the merge below
///   quantizes them again (keep fragments small). When that would move every covered fragment it compacts instead, deletions
///   materialised and every index remapped: moving them all would leave an index covering nothing
///   live, which Lance's merge retrains;
/// - when the index has several segments, unindexed rows or missing fragments, merges its segments
///   into one, folding in unindexed rows and leaving out the rows of fragments the table no longer
///   has (other indexes are not merged: the scalar ones take new rows as a delta);
/// - drops the ids of those fragments from the index's bitmaps, safe because the merge left no row
///   of them.
///
/// Fills the caller-allocated `out_stats`. Holds the fence shared; writes at most three versions,
/// each a consistent table.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_restore_vector_fast_path(
    table: *const mvs_table,
    index_name: *const c_char,
    target_rows_per_fragment: u64,
    deleted_rows_left: u64,
    out_stats: *mut mvs_vector_upkeep_stats,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(
        out_error,
        restore_vector_fast_path_impl(table, index_name, target_rows_per_fragment, deleted_rows_left, out_stats)
    )
}

/// Which fragments the restore moves, and into what.
#[derive(Clone, Copy)]
struct MovePolicy {
    /// Rows per new fragment (0: Lance's default).
    target_rows: usize,
    /// Deleted rows that may stay under the index (the fragments with the fewest are left).
    deleted_rows_left: u64,
}

unsafe fn restore_vector_fast_path_impl(
    table: *const mvs_table,
    index_name: *const c_char,
    target_rows_per_fragment: u64,
    deleted_rows_left: u64,
    out_stats: *mut mvs_vector_upkeep_stats,
) -> Result<()> {
    let table = handle(table, "table")?;
    let name = required_str(index_name, "index_name")?;
    let out_stats = out_param(out_stats, "out_stats")?;
    let target_rows = usize::try_from(target_rows_per_fragment)
        .map_err(|_| Error::invalid(format!("target_rows_per_fragment {target_rows_per_fragment} is too large")))?;
    current_health(table, name)?; // NOT_FOUND without such an index
    let policy = MovePolicy {
        target_rows,
        deleted_rows_left,
    };
    let mut stats = mvs_vector_upkeep_stats::default();
    let (moving, covered_moving, covered_live) = move_plan(table, name, policy)?;
    if moving > 0 {
        // First, so the one merge below both folds the moved rows in and drops their old copies.
        let (removed, written) = if covered_moving < covered_live {
            table.rewrite("move the live rows of fragments with deletions and of tiny ones", |rt, ds| {
                rt.block_on(move_live_rows(ds, name, policy))
            })?
        } else {
            // Every covered fragment has deletions: moved, the index would cover nothing live, and Lance's
            // merge retrains such an index from scratch. Compaction remaps it instead.
            compact_materialising(table, target_rows)?
        };
        stats.fragments_rewritten = removed;
        stats.fragments_written = written;
    }
    let moved = current_health(table, name)?;
    if moved.segments > 1 || moved.missing_fragments > 0 || moved.uncovered_fragments > 0 {
        // This index only: the scalar indexes' delta segments are cheap to search and costly to rewrite.
        let mut merge = OptimizeOptions::merge(EVERY_SEGMENT);
        merge.index_names = Some(vec![name.to_string()]);
        table.rewrite(&format!("merge the segments of {name}"), |rt, ds| {
            rt.block_on(ds.optimize_indices(&merge))
        })?;
        stats.merged = 1;
    }
    if moved.missing_fragments > 0 {
        stats.missing_fragments_pruned = table.rewrite(&format!("drop missing fragments from {name}"), |rt, ds| {
            rt.block_on(prune_missing_fragments(ds, name))
        })?;
    }
    write_out(out_stats, stats);
    Ok(())
}

/// Rewrites the live rows of the fragments `move_sources` picks as new fragments of at most
/// `target_rows` rows (0: Lance's default), and removes the old fragments, in one commit. Unlike compaction this remaps no index: the old ids become missing
/// fragments and the new ones uncovered, which the merge that follows resolves in the same rewrite
/// of the vector index it does anyway; the scalar indexes take the new rows as a delta segment.
/// Returns the fragments removed and written.
async fn move_live_rows(dataset: &mut Dataset, name: &str, policy: MovePolicy) -> lance::Result<(u64, u64)> {
    let (_, covered) = coverage(dataset, name).await?;
    let sources = move_sources(dataset, &covered, policy);
    let target_rows = policy.target_rows;
    if sources.is_empty() {
        return Ok((0, 0));
    }
    let mut scan = dataset.scan();
    scan.with_fragments(sources.clone());
    let rows: SendableRecordBatchStream = scan.try_into_stream().await?.into();
    let mut params = write_params(WriteMode::Append);
    if target_rows > 0 {
        params.max_rows_per_file = target_rows;
    }
    let written = InsertBuilder::new(Arc::new(dataset.clone()))
        .with_params(&params)
        .execute_uncommitted_stream(rows)
        .await?;
    let new_fragments = match written.operation {
        Operation::Append { fragments } => fragments,
        other => {
            return Err(lance::Error::internal(format!(
                "an uncommitted append produced a {} operation",
                other.name()
            )))
        }
    };
    let written_count = new_fragments.len() as u64;
    let operation = Operation::Update {
        removed_fragment_ids: sources.iter().map(|f| f.id).collect(),
        updated_fragments: Vec::new(),
        new_fragments,
        fields_modified: Vec::new(),
        compacted_sstables: Vec::new(),
        fields_for_preserving_frag_bitmap: Vec::new(),
        update_mode: None,
        inserted_rows_filter: None,
        updated_fragment_offsets: None,
    };
    let transaction = Transaction::new(dataset.version().version, operation, None);
    *dataset = CommitBuilder::new(Arc::new(dataset.clone())).execute(transaction).await?;
    Ok((sources.len() as u64, written_count))
}

/// Compacts `table` with every deletion materialised, toward fragments of `target_rows` rows (0:
/// Lance's default), remapping its indexes. Returns the fragments removed and written.
fn compact_materialising(table: &mvs_table, target_rows: usize) -> Result<(u64, u64)> {
    let mut options = CompactionOptions {
        materialize_deletions_threshold: 0.0,
        ..CompactionOptions::default()
    };
    if target_rows > 0 {
        options.target_rows_per_fragment = target_rows;
    }
    let metrics = table.rewrite("compact (deletions materialised)", |rt, ds| {
        rt.block_on(compact_files(ds, options, None))
    })?;
    Ok((metrics.fragments_removed as u64, metrics.fragments_added as u64))
}

/// The health of index `name` in the version the handle reads; NOT_FOUND when it has no such index.
fn current_health(table: &mvs_table, name: &str) -> Result<mvs_vector_index_health> {
    let found = table
        .runtime
        .block_on(health(&table.snapshot(), name))
        .map_err(|e| Error::from(e).context(table.describe("read the vector index health")))?;
    if found.segments == 0 {
        return Err(Error::new(
            mvs_status::MVS_STATUS_NOT_FOUND,
            format!("no index named {name} on table {}", table.uri),
        ));
    }
    Ok(found)
}

/// The ids of the fragments the table has now.
fn live_fragments(dataset: &Dataset) -> BTreeSet<u32> {
    dataset.fragments().iter().map(|f| f.id as u32).collect()
}

/// What the move would do in the version the handle reads: the fragments it would move, how many of
/// them index `name` covers, and how many live fragments it covers.
fn move_plan(table: &mvs_table, name: &str, policy: MovePolicy) -> Result<(usize, usize, usize)> {
    let dataset = table.snapshot();
    let (_, covered) = table
        .runtime
        .block_on(coverage(&dataset, name))
        .map_err(|e| Error::from(e).context(table.describe("read the vector index coverage")))?;
    let sources = move_sources(&dataset, &covered, policy);
    let covered_moving = sources.iter().filter(|f| covered.contains(&(f.id as u32))).count();
    Ok((
        sources.len(),
        covered_moving,
        covered.intersection(&live_fragments(&dataset)).count(),
    ))
}

/// The fragments whose live rows the upkeep moves: covered ones with a deletion file, most deleted
/// rows first, until at most `deleted_rows_left` deleted rows are left under the index (a fragment
/// whose deleted rows are not counted is always moved) and, once there are more than
/// `MAX_TINY_FRAGMENTS` of them, every fragment under half of `target_rows`.
fn move_sources(dataset: &Dataset, covered: &BTreeSet<u32>, policy: MovePolicy) -> Vec<Fragment> {
    let deleted = |f: &Fragment| f.deletion_file.as_ref().and_then(|d| d.num_deleted_rows).map(|n| n as u64);
    let mut with_deletions: Vec<&Fragment> = covered_with_deletions(dataset, covered).collect();
    // Uncounted first, then most deleted rows first: each move drops as many deleted rows as it can.
    with_deletions.sort_by_key(|f| std::cmp::Reverse(deleted(f).unwrap_or(u64::MAX)));
    let mut left: u64 = with_deletions
        .iter()
        .map(|f| deleted(f).unwrap_or(u64::MAX))
        .fold(0, u64::saturating_add);
    let mut sources: Vec<Fragment> = Vec::new();
    for f in with_deletions {
        if left <= policy.deleted_rows_left {
            break;
        }
        left = left.saturating_sub(deleted(f).unwrap_or(u64::MAX));
        sources.push(f.clone());
    }
    let target_rows = policy.target_rows;
    let tiny: Vec<&Fragment> = dataset
        .fragments()
        .iter()
        .filter(|f| target_rows > 0 && f.physical_rows.is_some_and(|rows| rows < target_rows / 2))
        .collect();
    if tiny.len() > MAX_TINY_FRAGMENTS {
        for f in tiny {
            if !sources.iter().any(|s| s.id == f.id) {
                sources.push(f.clone());
            }
        }
    }
    sources
}

/// The number of segments of index `name`, and the fragment ids their bitmaps name, live or not.
async fn coverage(dataset: &Dataset, name: &str) -> lance::Result<(usize, BTreeSet<u32>)> {
    let indices = dataset.load_indices().await?;
    let segments: Vec<&IndexMetadata> = indices.iter().filter(|i| i.name == name).collect();
    let covered = segments
        .iter()
        .flat_map(|s| s.fragment_bitmap.iter().flat_map(|b| b.iter()))
        .collect();
    Ok((segments.len(), covered))
}

/// The fragments among `covered` that have a deletion file: cause (a), and what the move rewrites.
fn covered_with_deletions<'a>(dataset: &'a Dataset, covered: &'a BTreeSet<u32>) -> impl Iterator<Item = &'a Fragment> + 'a {
    dataset
        .fragments()
        .iter()
        .filter(move |f| f.deletion_file.is_some() && covered.contains(&(f.id as u32)))
}

async fn health(dataset: &Dataset, name: &str) -> lance::Result<mvs_vector_index_health> {
    let (segments, covered) = coverage(dataset, name).await?;
    let gap = gap_size(dataset, &covered);
    Ok(mvs_vector_index_health {
        segments: segments as u64,
        fragments_with_deletions: gap.fragments_with_deletions,
        missing_fragments: gap.missing_fragments,
        uncovered_fragments: gap.unindexed_fragments,
        deleted_rows: gap.deleted_rows,
        uncovered_rows: gap.unindexed_rows,
        served_directly: u64::from(segments == 1 && gap.served_directly()),
    })
}

/// Re-registers each segment of `name` whose bitmap names fragments the table no longer has with
/// those ids dropped (Lance keeps them forever otherwise: the mask stays on). Only right after a
/// merge: the merge keeps no row of a missing fragment, so the index and its bitmap agree.
async fn prune_missing_fragments(dataset: &mut Dataset, name: &str) -> lance::Result<u64> {
    let live = live_fragments(dataset);
    let mut removed = Vec::new();
    let mut pruned = Vec::new();
    let mut dropped = 0;
    for segment in dataset.load_indices().await?.iter().filter(|i| i.name == name) {
        let Some(bitmap) = &segment.fragment_bitmap else { continue };
        let missing = bitmap.iter().filter(|id| !live.contains(id)).count();
        if missing > 0 {
            dropped += missing as u64;
            pruned.push(IndexMetadata {
                fragment_bitmap: Some(bitmap.iter().filter(|id| live.contains(id)).collect()),
                ..segment.clone()
            });
            removed.push(segment.clone());
        }
    }
    if dropped > 0 {
        let operation = Operation::CreateIndex {
            new_indices: pruned,
            removed_indices: removed,
        };
        let transaction = Transaction::new(dataset.version().version, operation, None);
        *dataset = CommitBuilder::new(Arc::new(dataset.clone())).execute(transaction).await?;
    }
    Ok(dropped)
}
