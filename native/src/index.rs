//! Indexes: vector (IVF_PQ, IVF_SQ, IVF_HNSW_SQ, IVF_RQ), scalar (BTree, Bitmap), full-text (inverted),
//! optimize after appends/deletes, and a listing with how many rows each leaves unindexed.
//! Every build holds the fence shared: it writes and may replace index files.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::ffi::c_char;
use std::sync::Arc;

use arrow::array::{RecordBatch, RecordBatchIterator, StringArray, UInt64Array};
use arrow::ffi_stream::FFI_ArrowArrayStream;
use arrow_schema::{DataType, Field, Schema};
use lance::dataset::Dataset;
use lance::index::vector::VectorIndexParams;
use lance::index::DatasetIndexExt;
use lance_index::optimize::OptimizeOptions;
use lance_index::scalar::{InvertedIndexParams, ScalarIndexParams};
use lance_index::vector::bq::{validate_supported_rq_num_bits, RQBuildParams};
use lance_index::vector::hnsw::builder::HnswBuildParams;
use lance_index::vector::ivf::IvfBuildParams;
use lance_index::vector::pq::PQBuildParams;
use lance_index::vector::sq::builder::SQBuildParams;
use lance_index::IndexType;
use lance_linalg::distance::DistanceType;
use lance_table::system_index::is_system_index;

use crate::boundary::{handle, optional_str, out_param, required_str, str_array};
use crate::error::{mvs_error, mvs_status, Error, Result};
use crate::ffi_boundary;
use crate::stream::export;
use crate::table_handle::{distance_type, list_indexes, mvs_table};

/// `mvs_vector_index_params.kind`: IVF partitions + product quantization.
pub const MVS_VECTOR_INDEX_IVF_PQ: u32 = 1;
/// `mvs_vector_index_params.kind`: IVF partitions + scalar quantization.
pub const MVS_VECTOR_INDEX_IVF_SQ: u32 = 2;
/// `mvs_vector_index_params.kind`: IVF partitions, an HNSW graph in each, scalar quantization.
pub const MVS_VECTOR_INDEX_IVF_HNSW_SQ: u32 = 3;
/// `mvs_vector_index_params.kind`: IVF partitions + RaBitQ quantization (`num_bits` 1..=9, 0: Lance's 5).
pub const MVS_VECTOR_INDEX_IVF_RQ: u32 = 4;

/// `mvs_table_create_scalar_index` kinds.
pub const MVS_SCALAR_INDEX_BTREE: u32 = 1;
pub const MVS_SCALAR_INDEX_BITMAP: u32 = 2;

/// Parameters of a vector index build. Caller-allocated, borrowed. A 0 field means Lance's default.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct mvs_vector_index_params {
    /// One of MVS_VECTOR_INDEX_*.
    pub kind: u32,
    /// One of MVS_DISTANCE_* (DEFAULT = L2).
    pub distance: u32,
    /// IVF partitions (0: Lance picks from the row count).
    pub num_partitions: u32,
    /// PQ sub-vectors; must divide the dimension (0: 16).
    pub num_sub_vectors: u32,
    /// Bits per PQ code or SQ value (0: 8), or per dimension for RQ (0: Lance's 5).
    pub num_bits: u32,
    /// HNSW edges per node, m (0: 20).
    pub hnsw_m: u32,
    /// HNSW candidate list size while building (0: 150).
    pub hnsw_ef_construction: u32,
    /// k-means iterations for IVF and PQ (0: 50).
    pub max_iterations: u32,
}

/// Tokenizer options of a full-text index. Caller-allocated, borrowed.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct mvs_fts_params {
    /// "simple", "whitespace", "raw", "code", "ngram" (borrowed; NULL: "simple").
    pub base_tokenizer: *const c_char,
    /// Stemming and stop-word language, e.g. "English" (borrowed; NULL: English).
    pub language: *const c_char,
    /// Tokens longer than this are dropped (0: 40).
    pub max_token_length: u32,
    /// Non-zero to enable each option.
    pub lower_case: u8,
    pub stem: u8,
    pub remove_stop_words: u8,
    pub ascii_folding: u8,
    /// Keep token positions (needed for phrase queries).
    pub with_position: u8,
}

fn or_default(value: u32, default: usize) -> usize {
    if value == 0 {
        default
    } else {
        value as usize
    }
}

fn vector_params(p: &mvs_vector_index_params) -> Result<VectorIndexParams> {
    let distance = distance_type(p.distance, Some(DistanceType::L2))?.unwrap_or(DistanceType::L2);
    let mut ivf = if p.num_partitions == 0 {
        IvfBuildParams::default()
    } else {
        IvfBuildParams::new(p.num_partitions as usize)
    };
    ivf.max_iters = or_default(p.max_iterations, ivf.max_iters);
    let bits = or_default(p.num_bits, 8);
    let sq = SQBuildParams {
        num_bits: bits as u16,
        ..Default::default()
    };
    Ok(match p.kind {
        MVS_VECTOR_INDEX_IVF_PQ => {
            let mut pq = PQBuildParams::new(or_default(p.num_sub_vectors, 16), bits);
            pq.max_iters = or_default(p.max_iterations, pq.max_iters);
            VectorIndexParams::with_ivf_pq_params(distance, ivf, pq)
        }
        MVS_VECTOR_INDEX_IVF_SQ => VectorIndexParams::with_ivf_sq_params(distance, ivf, sq),
        MVS_VECTOR_INDEX_IVF_RQ => {
            // 0 takes Lance's RaBitQ default, not the 8 bits PQ and SQ default to.
            let rq = if p.num_bits == 0 {
                RQBuildParams::default()
            } else {
                let bits = u8::try_from(p.num_bits).unwrap_or(u8::MAX);
                validate_supported_rq_num_bits(bits).map_err(|e| Error::invalid(e.to_string()))?;
                RQBuildParams::new(bits)
            };
            VectorIndexParams::with_ivf_rq_params(distance, ivf, rq)
        }
        MVS_VECTOR_INDEX_IVF_HNSW_SQ => {
            let mut hnsw = HnswBuildParams::default();
            hnsw.m = or_default(p.hnsw_m, hnsw.m);
            hnsw.ef_construction = or_default(p.hnsw_ef_construction, hnsw.ef_construction);
            if hnsw.m < 4 {
                return Err(Error::invalid(format!("hnsw_m {} is below the minimum of 4", hnsw.m)));
            }
            VectorIndexParams::with_ivf_hnsw_sq_params(distance, ivf, hnsw, sq)
        }
        other => {
            return Err(Error::invalid(format!(
                "unknown vector index kind {other} (expected MVS_VECTOR_INDEX_*)"
            )))
        }
    })
}

/// Builds a vector index named `name` (borrowed; NULL: "<column>_idx") on the fixed-size-list
/// column `column` (borrowed), replacing an index of that name. `params` is borrowed. Holds the
/// fence shared while it runs.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_create_vector_index(
    table: *const mvs_table,
    column: *const c_char,
    name: *const c_char,
    params: *const mvs_vector_index_params,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, create_vector_index_impl(table, column, name, params))
}

unsafe fn create_vector_index_impl(
    table: *const mvs_table,
    column: *const c_char,
    name: *const c_char,
    params: *const mvs_vector_index_params,
) -> Result<()> {
    let table = handle(table, "table")?;
    let column = required_str(column, "column")?;
    let name = optional_str(name, "name")?.map(str::to_string);
    let params = vector_params(handle(params, "params")?)?;
    table.rewrite(&format!("build vector index on {column}"), |rt, ds| {
        rt.block_on(ds.create_index(&[column], IndexType::Vector, name, &params, true))
            .map(|_| ())
    })
}

/// Builds a scalar index of `kind` (MVS_SCALAR_INDEX_*) on `column` (borrowed), named `name`
/// (borrowed; NULL: "<column>_idx"), replacing an index of that name. Holds the fence shared.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_create_scalar_index(
    table: *const mvs_table,
    column: *const c_char,
    name: *const c_char,
    kind: u32,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, create_scalar_index_impl(table, column, name, kind))
}

unsafe fn create_scalar_index_impl(table: *const mvs_table, column: *const c_char, name: *const c_char, kind: u32) -> Result<()> {
    let table = handle(table, "table")?;
    let column = required_str(column, "column")?;
    let name = optional_str(name, "name")?.map(str::to_string);
    let (index_type, label) = match kind {
        MVS_SCALAR_INDEX_BTREE => (IndexType::BTree, "btree"),
        MVS_SCALAR_INDEX_BITMAP => (IndexType::Bitmap, "bitmap"),
        other => {
            return Err(Error::invalid(format!(
                "unknown scalar index kind {other} (expected MVS_SCALAR_INDEX_*)"
            )))
        }
    };
    let params = ScalarIndexParams::new(label.to_string());
    table.rewrite(&format!("build {label} index on {column}"), |rt, ds| {
        rt.block_on(ds.create_index(&[column], index_type, name, &params, true)).map(|_| ())
    })
}

/// # Safety
/// `p`'s string fields are NULL or NUL-terminated strings that outlive the call (the header's contract).
unsafe fn fts_params(p: &mvs_fts_params) -> Result<InvertedIndexParams> {
    let tokenizer = optional_str(p.base_tokenizer, "base_tokenizer")?.unwrap_or("simple");
    let language = optional_str(p.language, "language")?.unwrap_or("English");
    let params = InvertedIndexParams::default()
        .base_tokenizer(tokenizer.to_string())
        .language(language)
        .map_err(|e| Error::from(e).context(format!("fts language {language}")))?;
    Ok(params
        .max_token_length(Some(or_default(p.max_token_length, 40)))
        .lower_case(p.lower_case != 0)
        .stem(p.stem != 0)
        .remove_stop_words(p.remove_stop_words != 0)
        .ascii_folding(p.ascii_folding != 0)
        .with_position(p.with_position != 0))
}

/// Builds a full-text (inverted, BM25) index on the text column `column` (borrowed) with the
/// tokenizer options `params` (borrowed), named `name` (borrowed; NULL: "<column>_idx"),
/// replacing an index of that name. Holds the fence shared.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_create_fts_index(
    table: *const mvs_table,
    column: *const c_char,
    name: *const c_char,
    params: *const mvs_fts_params,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, create_fts_index_impl(table, column, name, params))
}

unsafe fn create_fts_index_impl(
    table: *const mvs_table,
    column: *const c_char,
    name: *const c_char,
    params: *const mvs_fts_params,
) -> Result<()> {
    let table = handle(table, "table")?;
    let column = required_str(column, "column")?;
    let name = optional_str(name, "name")?.map(str::to_string);
    let params = fts_params(handle(params, "params")?)?;
    table.rewrite(&format!("build full-text index on {column}"), |rt, ds| {
        rt.block_on(ds.create_index(&[column], IndexType::Inverted, name, &params, true))
            .map(|_| ())
    })
}

/// Adds rows appended since each index was built to it (and trains indexes created on too few
/// rows). `merge` -1 (or below -3): Lance's default (may rewrite the whole index); -3: like -2, but a
/// segment after the largest is merged only while small or caught up with by the rows after it
/// (`merge_tiered`: a threshold compaction's merge then does not grow with every run since the
/// build); -2: each index's
/// segments after its largest are merged into one with the new rows, and the largest (what a build
/// or a full compaction wrote) is left alone (before a compaction of the small fragments runs
/// appended: they are then covered alike, and only the merged segment is remapped); 0: the new rows become a
/// small delta segment beside the existing ones (cheap, for frequent small appends); N > 0: the
/// new rows and the newest N segments are merged into one. Holds the fence shared.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_optimize_indices(table: *const mvs_table, merge: i32, out_error: *mut *mut mvs_error) -> mvs_status {
    ffi_boundary!(out_error, optimize_indices_impl(table, merge))
}

/// `merge` of `mvs_table_optimize_indices` that merges the segments after each index's largest.
const MERGE_AFTER_LARGEST: i32 = -2;
/// `merge` of `mvs_table_optimize_indices` that merges them tiered (`merge_tiered`).
const MERGE_TIERED: i32 = -3;

unsafe fn optimize_indices_impl(table: *const mvs_table, merge: i32) -> Result<()> {
    let table = handle(table, "table")?;
    if merge == MERGE_AFTER_LARGEST {
        return table.rewrite("merge the index segments after each index's largest", |rt, ds| {
            rt.block_on(merge_after_largest(ds))
        });
    }
    if merge == MERGE_TIERED {
        return table.rewrite("merge the small index segments after each index's largest", |rt, ds| {
            rt.block_on(merge_tiered(ds))
        });
    }
    let options = if merge < 0 {
        OptimizeOptions::default()
    } else {
        OptimizeOptions::merge(merge as usize)
    };
    table.rewrite("optimize indices", |rt, ds| rt.block_on(ds.optimize_indices(&options)))
}

/// `mvs_table_optimize_indices` for the indexes named in `index_names` (borrowed, `num_index_names`
/// entries, at least one) alone: `merge` 0 adds the new rows as a delta segment, N > 0 merges them
/// with the newest N segments, -1 is Lance's default. The engine gives the scalar indexes their delta
/// this way and leaves the vector index to its upkeep. Holds the fence shared.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_optimize_named_indices(
    table: *const mvs_table,
    merge: i32,
    index_names: *const *const c_char,
    num_index_names: usize,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, optimize_named_indices_impl(table, merge, index_names, num_index_names))
}

unsafe fn optimize_named_indices_impl(
    table: *const mvs_table,
    merge: i32,
    index_names: *const *const c_char,
    num_index_names: usize,
) -> Result<()> {
    let table = handle(table, "table")?;
    let names = str_array(index_names, num_index_names, "index_names")?;
    if names.is_empty() {
        return Err(Error::invalid(
            "index_names is empty (mvs_table_optimize_indices optimizes them all)",
        ));
    }
    let mut options = match merge {
        -1 => OptimizeOptions::default(),
        n if n >= 0 => OptimizeOptions::merge(n as usize),
        other => return Err(Error::invalid(format!("merge {other} is not -1, 0 or a segment count"))),
    };
    options.index_names = Some(names.iter().map(|n| n.to_string()).collect());
    table.rewrite(&format!("optimize indices {}", names.join(", ")), |rt, ds| {
        rt.block_on(ds.optimize_indices(&options))
    })
}

/// Merges, for each user index, the segments that follow its largest (by the rows of the fragments
/// it covers) in the manifest into one, with the rows no segment covers yet; an index of one segment
/// is left as it is. Lance merges only the newest N segments, so segments before the largest stay
/// apart (runs appended more than the build had, or a remap re-registered the largest last); the
/// engine then merges every segment and compacts the whole table (`TableMaintenance`).
async fn merge_after_largest(dataset: &mut Dataset) -> lance::Result<()> {
    merge_newest(dataset, |sizes, _| sizes.len() - largest_segment(sizes) - 1).await
}

/// Segments of at most this many rows are always merged by the tiered merge: runs' deltas, or what a
/// few dozen one-file runs appended. Merging a run's rows into a runs' segment of 1,000 chunks took
/// 80-85 ms, of 4,000 300-330 ms and of 16,000 490-510 ms (bench/results/2026-12-05-racy-recheck).
const TIER_FLOOR_ROWS: u64 = 1_024;
/// A larger segment is merged only while it has at most this many times the rows of everything newer.
const TIER_FACTOR: u64 = 2;

/// Like `merge_after_largest`, but a segment after the largest is merged only while it is small
/// (`TIER_FLOOR_ROWS`) or at most `TIER_FACTOR` times the rows of the newer segments and unindexed
/// rows merged with it. The runs' rows then sit in a few segments of growing size (about log2 of
/// their rows over the floor), and a threshold compaction rewrites a large one only when the rows
/// after it have grown to half its size, not every time.
async fn merge_tiered(dataset: &mut Dataset) -> lance::Result<()> {
    merge_newest(dataset, tiered_merge_count).await
}

/// How many of the newest segments (`sizes` in manifest order) the tiered merge takes, with
/// `unindexed` rows no segment covers.
fn tiered_merge_count(sizes: &[u64], unindexed: u64) -> usize {
    let mut newer = unindexed;
    let mut count = 0;
    for &size in sizes[largest_segment(sizes) + 1..].iter().rev() {
        if size > TIER_FLOOR_ROWS.max(TIER_FACTOR.saturating_mul(newer)) {
            break;
        }
        newer += size;
        count += 1;
    }
    count
}

/// The largest segment's position; the first of equal ones (runs' segments of one row each are
/// all merged but the first).
fn largest_segment(sizes: &[u64]) -> usize {
    sizes
        .iter()
        .enumerate()
        .max_by_key(|&(i, size)| (*size, Reverse(i)))
        .map_or(0, |(i, _)| i)
}

/// For each user index, merges the newest `count(sizes, unindexed)` segments into one with the
/// rows no segment covers yet. `sizes`: the rows of the fragments each segment covers, in manifest
/// order; `unindexed`: the rows of live fragments no segment of the index covers.
async fn merge_newest(dataset: &mut Dataset, count: impl Fn(&[u64], u64) -> usize) -> lance::Result<()> {
    let rows: HashMap<u32, u64> = dataset
        .fragments()
        .iter()
        .map(|f| (f.id as u32, f.physical_rows.unwrap_or(0) as u64))
        .collect();
    let mut segments: Vec<(String, Vec<u64>, HashSet<u32>)> = Vec::new();
    for index in dataset.load_indices().await?.iter().filter(|i| !is_system_index(i)) {
        let ids: Vec<u32> = index.fragment_bitmap.iter().flat_map(|b| b.iter()).collect();
        let covered = ids.iter().map(|id| rows.get(id).copied().unwrap_or(0)).sum();
        match segments.iter_mut().find(|(name, _, _)| *name == index.name) {
            Some((_, sizes, all)) => {
                sizes.push(covered);
                all.extend(ids);
            }
            None => segments.push((index.name.clone(), vec![covered], ids.into_iter().collect())),
        }
    }
    for (name, sizes, covered) in segments {
        let unindexed = rows.iter().filter(|(id, _)| !covered.contains(id)).map(|(_, n)| n).sum();
        let newest = count(&sizes, unindexed);
        if newest > 0 {
            let mut options = OptimizeOptions::merge(newest);
            options.index_names = Some(vec![name]);
            dataset.optimize_indices(&options).await?;
        }
    }
    Ok(())
}

/// Lists the table's user indexes as an Arrow stream with columns `name: utf8`, `index_type: utf8`,
/// `column: utf8`, `rows_indexed: uint64`, `rows_unindexed: uint64` (live rows no index segment
/// covers yet: searches still scan them, exhaustively), `segments: uint64` into the caller-allocated
/// `out_stream`.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_indexes(
    table: *const mvs_table,
    out_stream: *mut FFI_ArrowArrayStream,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, table_indexes_impl(table, out_stream))
}

unsafe fn table_indexes_impl(table: *const mvs_table, out_stream: *mut FFI_ArrowArrayStream) -> Result<()> {
    let table = handle(table, "table")?;
    let out_stream = out_param(out_stream, "out_stream")?;
    let infos = list_indexes(table)?;
    let schema = Arc::new(Schema::new(vec![
        Field::new("name", DataType::Utf8, false),
        Field::new("index_type", DataType::Utf8, false),
        Field::new("column", DataType::Utf8, false),
        Field::new("rows_indexed", DataType::UInt64, false),
        Field::new("rows_unindexed", DataType::UInt64, false),
        Field::new("segments", DataType::UInt64, false),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(StringArray::from_iter_values(infos.iter().map(|i| i.name.as_str()))),
            Arc::new(StringArray::from_iter_values(infos.iter().map(|i| i.index_type.as_str()))),
            Arc::new(StringArray::from_iter_values(infos.iter().map(|i| i.column.as_str()))),
            Arc::new(UInt64Array::from_iter_values(infos.iter().map(|i| i.rows_indexed))),
            Arc::new(UInt64Array::from_iter_values(infos.iter().map(|i| i.rows_unindexed))),
            Arc::new(UInt64Array::from_iter_values(infos.iter().map(|i| i.segments))),
        ],
    )?;
    export(Box::new(RecordBatchIterator::new(vec![Ok(batch)], schema)), out_stream);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tiered_merge_takes_small_segments_and_those_the_newer_rows_have_caught_up_with() {
        // The build's segment and nothing after it: nothing to merge.
        assert_eq!(tiered_merge_count(&[200_000], 30), 0);
        // Runs' deltas of any small size are all merged, however uneven.
        assert_eq!(tiered_merge_count(&[200_000, 30, 200, 30, 30], 30), 4);
        // A runs' segment of 3,000 rows stays apart from 750 newer rows (more than twice them)...
        assert_eq!(tiered_merge_count(&[200_000, 3_000, 700], 50), 1);
        // ...and is merged once they reach half its size.
        assert_eq!(tiered_merge_count(&[200_000, 3_000, 1_000, 450], 50), 3);
        // Segments before the largest are never taken.
        assert_eq!(tiered_merge_count(&[30, 200_000, 30], 30), 1);
    }
}
