//! Writes beyond append: merge-insert (upsert by key), overwrite, and take rows by row id.

use std::ffi::c_char;
use std::sync::Arc;

use arrow::array::RecordBatchIterator;
use arrow::ffi_stream::FFI_ArrowArrayStream;
use lance::dataset::{MergeInsertBuilder, WhenMatched, WhenNotMatched, WhenNotMatchedBySource, WriteMode};
use lance::Dataset;

use crate::boundary::{handle, optional_str, out_param, str_array, write_out};
use crate::error::{mvs_error, mvs_status, Error, Result};
use crate::ffi_boundary;
use crate::stream::{export, take_input};
use crate::table_handle::{mvs_table, write_params};
use crate::take;

/// What a merge-insert does with each kind of row. Caller-allocated, borrowed.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct mvs_merge_insert_params {
    /// Non-zero: a source row whose key exists replaces the table row.
    pub update_matched: u8,
    /// Non-zero: a source row whose key does not exist is inserted.
    pub insert_unmatched: u8,
    /// SQL filter (borrowed; NULL: keep them): table rows matching it whose key is not in the
    /// source are deleted, e.g. "path = 'a.java'" to replace all chunks of one file at once.
    pub delete_unmatched_by_source: *const c_char,
}

/// What a merge-insert changed. Caller-allocated, filled on OK.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct mvs_merge_insert_stats {
    pub inserted: u64,
    pub updated: u64,
    pub deleted: u64,
}

/// Upserts `input` (consumed by this call, on every return path) by the key columns `on`
/// (borrowed, `num_on` >= 1 entries) as one new version, per `params` (borrowed). Holds the fence
/// shared (matched rows are rewritten). Duplicate keys in the input are INVALID_ARGUMENT.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_merge_insert(
    table: *const mvs_table,
    on: *const *const c_char,
    num_on: usize,
    params: *const mvs_merge_insert_params,
    input: *mut FFI_ArrowArrayStream,
    out_stats: *mut mvs_merge_insert_stats,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, merge_insert_impl(table, on, num_on, params, input, out_stats))
}

unsafe fn merge_insert_impl(
    table: *const mvs_table,
    on: *const *const c_char,
    num_on: usize,
    params: *const mvs_merge_insert_params,
    input: *mut FFI_ArrowArrayStream,
    out_stats: *mut mvs_merge_insert_stats,
) -> Result<()> {
    let input = take_input(input, "input")?;
    let table = handle(table, "table")?;
    let on: Vec<String> = str_array(on, num_on, "on")?.into_iter().map(str::to_string).collect();
    if on.is_empty() {
        return Err(Error::invalid("merge-insert needs at least one key column in `on`"));
    }
    let params = handle(params, "params")?;
    let delete_filter = optional_str(params.delete_unmatched_by_source, "params.delete_unmatched_by_source")?;
    let out_stats = out_param(out_stats, "out_stats")?;
    let what = format!("merge-insert on ({})", on.join(", "));
    let stats = table.rewrite(&what, |rt, ds| {
        rt.block_on(async {
            let current = Arc::new(ds.clone());
            let mut builder = MergeInsertBuilder::try_new(current.clone(), on)?;
            builder
                .when_matched(if params.update_matched != 0 {
                    WhenMatched::UpdateAll
                } else {
                    WhenMatched::DoNothing
                })
                .when_not_matched(if params.insert_unmatched != 0 {
                    WhenNotMatched::InsertAll
                } else {
                    WhenNotMatched::DoNothing
                });
            if let Some(filter) = delete_filter {
                builder.when_not_matched_by_source(WhenNotMatchedBySource::delete_if(&current, filter)?);
            }
            let (updated, stats) = builder.try_build()?.execute_reader(input).await?;
            *ds = (*updated).clone();
            Ok(stats)
        })
    })?;
    write_out(
        out_stats,
        mvs_merge_insert_stats {
            inserted: stats.num_inserted_rows,
            updated: stats.num_updated_rows,
            deleted: stats.num_deleted_rows,
        },
    );
    Ok(())
}

/// Replaces every row of the table with `input` (consumed by this call, on every return path) as
/// one new version; older versions stay readable until cleaned up. Drops the table's indexes
/// (Lance's overwrite does). Holds the fence shared.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_overwrite(
    table: *const mvs_table,
    input: *mut FFI_ArrowArrayStream,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, overwrite_impl(table, input))
}

unsafe fn overwrite_impl(table: *const mvs_table, input: *mut FFI_ArrowArrayStream) -> Result<()> {
    let input = take_input(input, "input")?;
    let table = handle(table, "table")?;
    table.rewrite("overwrite", |rt, ds| {
        rt.block_on(async {
            *ds = Dataset::write(input, Arc::new(ds.clone()), Some(write_params(WriteMode::Overwrite))).await?;
            Ok(())
        })
    })
}

/// Reads the rows with the given row ids (`_rowid` values from a scan; borrowed, `num_row_ids`
/// entries), in that order, into the caller-allocated `out_stream`. `columns` as in
/// `mvs_table_scan`.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_take_rows(
    table: *const mvs_table,
    row_ids: *const u64,
    num_row_ids: usize,
    columns: *const *const c_char,
    num_columns: usize,
    out_stream: *mut FFI_ArrowArrayStream,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(
        out_error,
        take_rows_impl(table, row_ids, num_row_ids, columns, num_columns, out_stream)
    )
}

unsafe fn take_rows_impl(
    table: *const mvs_table,
    row_ids: *const u64,
    num_row_ids: usize,
    columns: *const *const c_char,
    num_columns: usize,
    out_stream: *mut FFI_ArrowArrayStream,
) -> Result<()> {
    let table = handle(table, "table")?;
    if row_ids.is_null() && num_row_ids > 0 {
        return Err(Error::invalid(format!("row_ids is NULL but num_row_ids is {num_row_ids}")));
    }
    // SAFETY: the caller passes `num_row_ids` readable ids.
    let ids: Vec<u64> = if num_row_ids == 0 {
        Vec::new()
    } else {
        unsafe { std::slice::from_raw_parts(row_ids, num_row_ids) }.to_vec()
    };
    let columns = str_array(columns, num_columns, "columns")?;
    let out_stream = out_param(out_stream, "out_stream")?;
    let dataset = table.snapshot();
    let what = || table.describe(&format!("take {} rows", ids.len()));
    let (schema, columns) = if columns.is_empty() {
        let all = dataset.schema().fields.iter().map(|f| f.name.clone()).collect();
        (dataset.schema().clone(), all)
    } else {
        let schema = dataset.schema().project(&columns).map_err(|e| Error::from(e).context(what()))?;
        (schema, columns.iter().map(|c| c.to_string()).collect::<Vec<_>>())
    };
    let batch = table
        .runtime
        .block_on(take::take_rows(&table.take_readers, &dataset, &ids, &columns, schema))
        .map_err(|e| Error::from(e).context(what()))?;
    let arrow_schema = batch.schema();
    export(Box::new(RecordBatchIterator::new(vec![Ok(batch)], arrow_schema)), out_stream);
    Ok(())
}
