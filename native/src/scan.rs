//! Scans over a snapshot of a table, returned as Arrow streams: plain (projection + SQL filter +
//! limit), nearest-neighbour (vector) and full-text (BM25).

use std::ffi::c_char;

use arrow::array::Float32Array;
use arrow::ffi_stream::FFI_ArrowArrayStream;
use lance::dataset::scanner::Scanner;
use lance_index::scalar::FullTextSearchQuery;
use lance_linalg::distance::DistanceType;

use crate::boundary::{handle, optional_str, out_param, required_str, str_array};
use crate::error::{mvs_error, mvs_status, Error, Result};
use crate::ffi_boundary;
use crate::keyword::indexed_full_text;
use crate::nearest::indexed_nearest;
use crate::stream::{export, export_batch, BlockingScan};
use crate::table_handle::{distance_type, mvs_table};

/// Scans the table's current version into the caller-allocated `out_stream` (the caller must
/// release it). `columns` (borrowed, `num_columns` entries) selects the columns in that order;
/// `num_columns` 0 selects all. `filter` (borrowed, may be NULL) is a SQL predicate. `limit` < 0
/// means no limit. The stream reads a snapshot: writes after this call do not change what it returns,
/// and closing the table does not end it.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_scan(
    table: *const mvs_table,
    columns: *const *const c_char,
    num_columns: usize,
    filter: *const c_char,
    limit: i64,
    out_stream: *mut FFI_ArrowArrayStream,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, table_scan_impl(table, columns, num_columns, filter, limit, out_stream))
}

unsafe fn table_scan_impl(
    table: *const mvs_table,
    columns: *const *const c_char,
    num_columns: usize,
    filter: *const c_char,
    limit: i64,
    out_stream: *mut FFI_ArrowArrayStream,
) -> Result<()> {
    let table = handle(table, "table")?;
    let columns = str_array(columns, num_columns, "columns")?;
    let filter = optional_str(filter, "filter")?;
    let out_stream = out_param(out_stream, "out_stream")?;
    let dataset = table.snapshot();
    let what = || table.describe(&format!("scan where {}", filter.unwrap_or("true")));
    let mut scanner = dataset.scan();
    let planned: lance::Result<()> = (|| {
        if !columns.is_empty() {
            scanner.project(&columns)?;
        }
        if let Some(filter) = filter {
            scanner.filter(filter)?;
        }
        if limit >= 0 {
            scanner.limit(Some(limit), None)?;
        }
        Ok(())
    })();
    start_stream(table, &scanner, planned, what, out_stream)
}

/// Runs a planned scan and exports its batches into `out_stream`; every failure (planning or
/// starting) names what was being done.
/// # Safety
/// `out_stream` was checked by `out_param` and is caller-allocated storage for a stream.
unsafe fn start_stream(
    table: &mvs_table,
    scanner: &Scanner,
    planned: lance::Result<()>,
    what: impl Fn() -> String,
    out_stream: *mut FFI_ArrowArrayStream,
) -> Result<()> {
    planned.map_err(|e| Error::from(e).context(what()))?;
    let stream = table
        .runtime
        .block_on(scanner.try_into_stream())
        .map_err(|e| Error::from(e).context(what()))?;
    export(Box::new(BlockingScan::new(table.runtime.clone(), stream)), out_stream);
    Ok(())
}

/// A nearest-neighbour query. Caller-allocated, borrowed. A 0 field means Lance's default.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct mvs_nearest_query {
    /// The vector column to search (borrowed).
    pub column: *const c_char,
    /// The query vector: `dimension` floats (borrowed).
    pub vector: *const f32,
    pub dimension: usize,
    /// Rows to return.
    pub k: u32,
    /// IVF partitions to probe (0: Lance's default).
    pub nprobes: u32,
    /// Re-rank k * refine_factor candidates with exact distances (0: no refine).
    pub refine_factor: u32,
    /// HNSW search list size (0: Lance's default, 1.5 k).
    pub ef: u32,
    /// MVS_DISTANCE_* (DEFAULT: the index's own; another one makes Lance search exhaustively).
    pub distance: u32,
    /// Non-zero: apply the filter before the search, so k rows come back whenever k match.
    pub prefilter: u8,
    /// Non-zero: ignore indexes and search exhaustively (the exact answer, for recall).
    pub exact: u8,
}

/// True when a query asks for row ids alone: what the index paths without a planned query answer
/// (nearest.rs, keyword.rs).
fn row_ids_only(columns: &[&str]) -> bool {
    columns.len() == 1 && columns[0] == lance_core::ROW_ID
}

/// Finds the `query->k` rows nearest to `query->vector` (borrowed) and writes them, with a
/// `_distance: float32` column, to the caller-allocated `out_stream`. `columns` / `filter` as in
/// `mvs_table_scan`. Rows appended since the last index optimize are searched exhaustively.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_nearest(
    table: *const mvs_table,
    query: *const mvs_nearest_query,
    columns: *const *const c_char,
    num_columns: usize,
    filter: *const c_char,
    out_stream: *mut FFI_ArrowArrayStream,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(
        out_error,
        table_nearest_impl(table, query, columns, num_columns, filter, out_stream)
    )
}

unsafe fn table_nearest_impl(
    table: *const mvs_table,
    query: *const mvs_nearest_query,
    columns: *const *const c_char,
    num_columns: usize,
    filter: *const c_char,
    out_stream: *mut FFI_ArrowArrayStream,
) -> Result<()> {
    let table = handle(table, "table")?;
    let query = handle(query, "query")?;
    let column = required_str(query.column, "query.column")?;
    if query.vector.is_null() || query.dimension == 0 {
        return Err(Error::invalid("query.vector is NULL or query.dimension is 0"));
    }
    if query.k == 0 {
        return Err(Error::invalid("query.k must be at least 1"));
    }
    // SAFETY: the caller passes `dimension` readable floats.
    let vector = Float32Array::from(unsafe { std::slice::from_raw_parts(query.vector, query.dimension) }.to_vec());
    let columns = str_array(columns, num_columns, "columns")?;
    let filter = optional_str(filter, "filter")?;
    let out_stream = out_param(out_stream, "out_stream")?;
    let distance = distance_type(query.distance, None)?;
    let dataset = table.snapshot();
    let what = || table.describe(&format!("nearest {} on {column} where {}", query.k, filter.unwrap_or("true")));
    if row_ids_only(&columns)
        && filter.is_none()
        && query.exact == 0
        && query.refine_factor == 0
        && query.ef == 0
        && query.nprobes > 0
        && matches!(distance, None | Some(DistanceType::L2))
    {
        let found = table
            .runtime
            .block_on(indexed_nearest(
                &table.index_gaps,
                &dataset,
                column,
                vector.clone(),
                query.k as usize,
                query.nprobes as usize,
            ))
            .map_err(|e| Error::from(e).context(what()))?;
        if let Some(batch) = found {
            export_batch(batch, out_stream);
            return Ok(());
        }
    }
    let mut scanner = dataset.scan();
    let planned: lance::Result<()> = (|| {
        if !columns.is_empty() {
            scanner.project(&columns)?;
        }
        if let Some(filter) = filter {
            scanner.filter(filter)?;
        }
        // nearest() first: the settings below only modify an existing nearest query.
        scanner.nearest(column, &vector, query.k as usize)?;
        scanner.prefilter(query.prefilter != 0);
        if query.nprobes > 0 {
            scanner.nprobes(query.nprobes as usize);
        }
        if query.refine_factor > 0 {
            scanner.refine(query.refine_factor);
        }
        if query.ef > 0 {
            scanner.ef(query.ef as usize);
        }
        if let Some(distance) = distance {
            scanner.distance_metric(distance);
        }
        if query.exact != 0 {
            scanner.use_index(false);
        }
        Ok(())
    })();
    start_stream(table, &scanner, planned, what, out_stream)
}

/// Full-text (BM25) search for `query` (borrowed) over the full-text-indexed columns
/// `fts_columns` (borrowed, `num_fts_columns` entries; 0: every indexed column). Writes at most
/// `limit` rows (>= 1), best first, with a `_score: float32` column, to the caller-allocated
/// `out_stream`. `columns` / `filter` as in `mvs_table_scan` (the filter is applied first).
#[no_mangle]
pub unsafe extern "C" fn mvs_table_full_text_search(
    table: *const mvs_table,
    query: *const c_char,
    fts_columns: *const *const c_char,
    num_fts_columns: usize,
    columns: *const *const c_char,
    num_columns: usize,
    filter: *const c_char,
    limit: i64,
    out_stream: *mut FFI_ArrowArrayStream,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(
        out_error,
        table_full_text_search_impl(
            table,
            query,
            fts_columns,
            num_fts_columns,
            columns,
            num_columns,
            filter,
            limit,
            out_stream
        )
    )
}

#[allow(clippy::too_many_arguments)]
unsafe fn table_full_text_search_impl(
    table: *const mvs_table,
    query: *const c_char,
    fts_columns: *const *const c_char,
    num_fts_columns: usize,
    columns: *const *const c_char,
    num_columns: usize,
    filter: *const c_char,
    limit: i64,
    out_stream: *mut FFI_ArrowArrayStream,
) -> Result<()> {
    let table = handle(table, "table")?;
    let text = required_str(query, "query")?;
    let fts_columns: Vec<String> = str_array(fts_columns, num_fts_columns, "fts_columns")?
        .into_iter()
        .map(str::to_string)
        .collect();
    let columns = str_array(columns, num_columns, "columns")?;
    let filter = optional_str(filter, "filter")?;
    let out_stream = out_param(out_stream, "out_stream")?;
    if limit < 1 {
        return Err(Error::invalid(format!("limit must be at least 1, got {limit}")));
    }
    let dataset = table.snapshot();
    let what = || table.describe(&format!("full-text search {text:?} where {}", filter.unwrap_or("true")));
    let query = || -> lance::Result<FullTextSearchQuery> {
        let fts = FullTextSearchQuery::new(text.to_string()).limit(Some(limit));
        if fts_columns.is_empty() {
            Ok(fts)
        } else {
            fts.with_columns(&fts_columns)
        }
    };
    if row_ids_only(&columns) && filter.is_none() {
        let found = table
            .runtime
            .block_on(async { indexed_full_text(&dataset, &query()?).await })
            .map_err(|e| Error::from(e).context(what()))?;
        if let Some(batch) = found {
            export_batch(batch, out_stream);
            return Ok(());
        }
    }
    let mut scanner = dataset.scan();
    let planned: lance::Result<()> = (|| {
        let fts = query()?;
        if !columns.is_empty() {
            scanner.project(&columns)?;
        }
        if let Some(filter) = filter {
            scanner.filter(filter)?;
            scanner.prefilter(true);
        }
        scanner.full_text_search(fts)?;
        scanner.limit(Some(limit), None)?;
        Ok(())
    })();
    start_stream(table, &scanner, planned, what, out_stream)
}
