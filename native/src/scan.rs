//! Scans: projection + SQL filter + limit over a snapshot of a table, returned as an Arrow stream.

use std::ffi::c_char;

use arrow::ffi_stream::FFI_ArrowArrayStream;

use crate::boundary::{handle, optional_str, out_param, str_array};
use crate::error::{mvs_error, mvs_status, Error, Result};
use crate::ffi_boundary;
use crate::stream::{export, BlockingScan};
use crate::table::mvs_table;

/// Scans the table's current version into the caller-allocated `out_stream` (the caller must
/// release it). `columns` (borrowed, `num_columns` entries) selects the columns in that order;
/// `num_columns` 0 selects all. `filter` (borrowed, may be NULL) is a SQL predicate. `limit` < 0
/// means no limit. The stream reads a snapshot: writes after this call do not change what it returns,
/// and closing the table does not end it.
#[no_mangle]
pub extern "C" fn mvs_table_scan(
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

fn table_scan_impl(
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
    if !columns.is_empty() {
        scanner.project(&columns).map_err(|e| Error::from(e).context(what()))?;
    }
    if let Some(filter) = filter {
        scanner.filter(filter).map_err(|e| Error::from(e).context(what()))?;
    }
    if limit >= 0 {
        scanner.limit(Some(limit), None).map_err(|e| Error::from(e).context(what()))?;
    }
    let stream = table.runtime.block_on(scanner.try_into_stream()).map_err(|e| Error::from(e).context(what()))?;
    export(Box::new(BlockingScan::new(table.runtime.clone(), stream)), out_stream);
    Ok(())
}

