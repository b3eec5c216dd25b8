//! Table handles: create, open, append, count, delete, compact, versions, restore, schema, stats.
//! A handle holds the dataset version it last opened or wrote; readers take a snapshot (an Arc of
//! that version) so writers through the same handle never disturb a scan in flight.

use std::ffi::c_char;
use std::sync::Arc;

use arrow::array::{Array, Int64Array, RecordBatch, RecordBatchIterator, StringArray, UInt64Array};
use arrow::ffi::FFI_ArrowSchema;
use arrow::ffi_stream::FFI_ArrowArrayStream;
use arrow_schema::{DataType, Field, Schema};
use futures::StreamExt;
use lance::dataset::builder::DatasetBuilder;
use lance::dataset::optimize::{compact_files, CompactionOptions};
use lance::dataset::transaction::{Operation, Transaction};
use lance::dataset::WriteMode;
use lance::Dataset;

use crate::boundary::{handle, optional_str, out_param, required_str, write_out};
use crate::error::{mvs_error, mvs_status, Error, Result};
use crate::ffi_boundary;
use crate::runtime::mvs_runtime;
use crate::stream::{export, take_input};
use crate::table_handle::{job_id_of, list_indexes, mvs_table, rows_of, write_params};

/// Pass as `version` to `mvs_table_open` to open the newest version.
pub const MVS_VERSION_LATEST: u64 = 0;

/// Statistics of a table's current version. Caller-allocated, filled on OK.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct mvs_table_stats {
    /// Version the handle currently reads.
    pub version: u64,
    /// Live rows (deleted rows excluded).
    pub num_rows: u64,
    /// Rows marked deleted but not yet compacted away.
    pub num_deleted_rows: u64,
    /// Fragments in the version (each holds at least one data file open while scanned).
    pub num_fragments: u64,
    /// Data files the version reads.
    pub num_data_files: u64,
    /// Versions kept on disk (all readable until cleaned up).
    pub num_versions: u64,
    /// User indexes (vector, scalar, full-text).
    pub num_indexes: u64,
    /// Bytes of every file under the table directory, old versions and indexes included.
    pub bytes_on_disk: u64,
}

/// What a compaction did. Caller-allocated, filled on OK.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct mvs_compaction_stats {
    pub fragments_removed: u64,
    pub fragments_added: u64,
    pub files_removed: u64,
    pub files_added: u64,
}

fn boxed(table: mvs_table) -> *mut mvs_table {
    Box::into_raw(Box::new(table))
}

/// Creates a new table at `uri` from `input` (consumed by this call, on every return path) and
/// opens it. Fails with ALREADY_EXISTS if a table is there. On OK `*out_table` must be closed with
/// `mvs_table_close`. `runtime` and `uri` are borrowed.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_create(
    runtime: *const mvs_runtime,
    uri: *const c_char,
    input: *mut FFI_ArrowArrayStream,
    out_table: *mut *mut mvs_table,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, table_create_impl(runtime, uri, input, out_table))
}

unsafe fn table_create_impl(
    runtime: *const mvs_runtime,
    uri: *const c_char,
    input: *mut FFI_ArrowArrayStream,
    out_table: *mut *mut mvs_table,
) -> Result<()> {
    let input = take_input(input, "input")?;
    let runtime = handle(runtime, "runtime")?;
    let uri = required_str(uri, "uri")?;
    let out_table = out_param(out_table, "out_table")?;
    let dataset = runtime
        .inner
        .block_on(Dataset::write(input, uri, Some(write_params(WriteMode::Create))))
        .map_err(|e| Error::from(e).context(format!("create table {uri}")))?;
    write_out(out_table, boxed(mvs_table::new(runtime.inner.clone(), uri, dataset)));
    Ok(())
}

/// Opens the table at `uri`, at `version` or at the newest one when `version` is
/// MVS_VERSION_LATEST (0). NOT_FOUND names the path or version that is missing. On OK `*out_table`
/// must be closed with `mvs_table_close`. `runtime` and `uri` are borrowed.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_open(
    runtime: *const mvs_runtime,
    uri: *const c_char,
    version: u64,
    out_table: *mut *mut mvs_table,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, table_open_impl(runtime, uri, version, out_table))
}

unsafe fn table_open_impl(runtime: *const mvs_runtime, uri: *const c_char, version: u64, out_table: *mut *mut mvs_table) -> Result<()> {
    let runtime = handle(runtime, "runtime")?;
    let uri = required_str(uri, "uri")?;
    let out_table = out_param(out_table, "out_table")?;
    let dataset = runtime
        .inner
        .block_on(async {
            if version == MVS_VERSION_LATEST {
                Dataset::open(uri).await
            } else {
                // Reads that version's manifest only: an older version opens even when the newest
                // manifest is damaged (the engine's fallback to the newest readable version).
                DatasetBuilder::from_uri(uri).with_version(version).load().await
            }
        })
        .map_err(|e| {
            let what = if version == MVS_VERSION_LATEST {
                String::new()
            } else {
                format!(" version {version}")
            };
            Error::from(e).context(format!("open table {uri}{what}"))
        })?;
    write_out(out_table, boxed(mvs_table::new(runtime.inner.clone(), uri, dataset)));
    Ok(())
}

/// Appends the batches of `input` (consumed by this call, on every return path) as a new version.
/// `table` is borrowed.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_append(
    table: *const mvs_table,
    input: *mut FFI_ArrowArrayStream,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, table_append_impl(table, input))
}

unsafe fn table_append_impl(table: *const mvs_table, input: *mut FFI_ArrowArrayStream) -> Result<()> {
    let input = take_input(input, "input")?;
    let table = handle(table, "table")?;
    table.write("append", |rt, ds| {
        rt.block_on(ds.append(input, Some(write_params(WriteMode::Append))))
    })
}

/// Counts live rows, those matching the SQL `filter` when it is not NULL (borrowed).
#[no_mangle]
pub unsafe extern "C" fn mvs_table_count_rows(
    table: *const mvs_table,
    filter: *const c_char,
    out_count: *mut u64,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, table_count_rows_impl(table, filter, out_count))
}

unsafe fn table_count_rows_impl(table: *const mvs_table, filter: *const c_char, out_count: *mut u64) -> Result<()> {
    let table = handle(table, "table")?;
    let filter = optional_str(filter, "filter")?;
    let out_count = out_param(out_count, "out_count")?;
    let dataset = table.snapshot();
    let count = table
        .runtime
        .block_on(dataset.count_rows(filter.map(str::to_string)))
        .map_err(|e| Error::from(e).context(table.describe(&format!("count rows where {}", filter.unwrap_or("true")))))?;
    write_out(out_count, count as u64);
    Ok(())
}

/// Deletes the rows matching the SQL `predicate` (borrowed) as a new version; writes how many were
/// deleted to `out_deleted` (caller-allocated).
#[no_mangle]
pub unsafe extern "C" fn mvs_table_delete(
    table: *const mvs_table,
    predicate: *const c_char,
    out_deleted: *mut u64,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, table_delete_impl(table, predicate, out_deleted))
}

unsafe fn table_delete_impl(table: *const mvs_table, predicate: *const c_char, out_deleted: *mut u64) -> Result<()> {
    let table = handle(table, "table")?;
    let predicate = required_str(predicate, "predicate")?;
    let out_deleted = out_param(out_deleted, "out_deleted")?;
    let result = table.rewrite(&format!("delete where {predicate}"), |rt, ds| rt.block_on(ds.delete(predicate)))?;
    write_out(out_deleted, result.num_deleted_rows);
    Ok(())
}

/// Rewrites small fragments (fewer than `target_rows_per_fragment` rows; 0 = Lance's default of
/// 1,048,576) and fragments with many deleted rows into fewer, larger ones, as a new version.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_compact(
    table: *const mvs_table,
    target_rows_per_fragment: u64,
    out_stats: *mut mvs_compaction_stats,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, table_compact_impl(table, target_rows_per_fragment, out_stats))
}

unsafe fn table_compact_impl(table: *const mvs_table, target_rows_per_fragment: u64, out_stats: *mut mvs_compaction_stats) -> Result<()> {
    let table = handle(table, "table")?;
    let out_stats = out_param(out_stats, "out_stats")?;
    let mut options = CompactionOptions::default();
    if target_rows_per_fragment > 0 {
        options.target_rows_per_fragment = usize::try_from(target_rows_per_fragment)
            .map_err(|_| Error::invalid(format!("target_rows_per_fragment {target_rows_per_fragment} is too large")))?;
    }
    let metrics = table.rewrite("compact", |rt, ds| rt.block_on(compact_files(ds, options, None)))?;
    write_out(
        out_stats,
        mvs_compaction_stats {
            fragments_removed: metrics.fragments_removed as u64,
            fragments_added: metrics.fragments_added as u64,
            files_removed: metrics.files_removed as u64,
            files_added: metrics.files_added as u64,
        },
    );
    Ok(())
}

/// Lists every version of the table as an Arrow stream, oldest first, into the caller-allocated
/// `out_stream`, which the caller must release. Columns: `version: uint64`, `timestamp_ms: int64`
/// (milliseconds since the epoch, UTC), `operation: utf8` (what made the version: Append, Delete,
/// Rewrite...; "" when its transaction is not kept), `job_id: utf8` (nullable: the job id a
/// `mvs_table_commit_fragments` recorded), `fragments_added: uint64` and `rows_added: uint64` (of an
/// append; 0 otherwise).
#[no_mangle]
pub unsafe extern "C" fn mvs_table_versions(
    table: *const mvs_table,
    out_stream: *mut FFI_ArrowArrayStream,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, table_versions_impl(table, out_stream))
}

unsafe fn table_versions_impl(table: *const mvs_table, out_stream: *mut FFI_ArrowArrayStream) -> Result<()> {
    let table = handle(table, "table")?;
    let out_stream = out_param(out_stream, "out_stream")?;
    let dataset = table.snapshot();
    let versions = table
        .runtime
        .block_on(dataset.versions())
        .map_err(|e| Error::from(e).context(table.describe("list versions")))?;
    let made_by: Vec<MadeBy> = table.runtime.block_on(async {
        let mut made_by = Vec::with_capacity(versions.len());
        for v in &versions {
            // A version's transaction file goes with it when it is cleaned up; one a reader cannot find is unknown.
            made_by.push(MadeBy::of(dataset.read_transaction_by_version(v.version).await.ok().flatten()));
        }
        made_by
    });
    let schema = Arc::new(Schema::new(vec![
        Field::new("version", DataType::UInt64, false),
        Field::new("timestamp_ms", DataType::Int64, false),
        Field::new("operation", DataType::Utf8, false),
        Field::new("job_id", DataType::Utf8, true),
        Field::new("fragments_added", DataType::UInt64, false),
        Field::new("rows_added", DataType::UInt64, false),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(UInt64Array::from_iter_values(versions.iter().map(|v| v.version))),
            Arc::new(Int64Array::from_iter_values(
                versions.iter().map(|v| v.timestamp.timestamp_millis()),
            )),
            Arc::new(StringArray::from_iter_values(made_by.iter().map(|m| m.operation.as_str()))),
            Arc::new(StringArray::from(made_by.iter().map(|m| m.job_id.clone()).collect::<Vec<_>>())),
            Arc::new(UInt64Array::from_iter_values(made_by.iter().map(|m| m.fragments_added))),
            Arc::new(UInt64Array::from_iter_values(made_by.iter().map(|m| m.rows_added))),
        ],
    )?;
    export(Box::new(RecordBatchIterator::new(vec![Ok(batch)], schema)), out_stream);
    Ok(())
}

/// What made a version, from its transaction.
struct MadeBy {
    operation: String,
    job_id: Option<String>,
    fragments_added: u64,
    rows_added: u64,
}

impl MadeBy {
    fn of(transaction: Option<Transaction>) -> Self {
        let Some(t) = transaction else {
            return MadeBy {
                operation: String::new(),
                job_id: None,
                fragments_added: 0,
                rows_added: 0,
            };
        };
        let job_id = job_id_of(&t).cloned();
        let (fragments_added, rows_added) = match &t.operation {
            Operation::Append { fragments } => (fragments.len() as u64, fragments.iter().map(rows_of).sum()),
            _ => (0, 0),
        };
        MadeBy {
            operation: t.operation.name().to_string(),
            job_id,
            fragments_added,
            rows_added,
        }
    }
}

/// Makes the rows of `version` the newest version again (a new version is committed; nothing is
/// deleted), and points the handle at it.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_restore(table: *const mvs_table, version: u64, out_error: *mut *mut mvs_error) -> mvs_status {
    ffi_boundary!(out_error, table_restore_impl(table, version))
}

unsafe fn table_restore_impl(table: *const mvs_table, version: u64) -> Result<()> {
    let table = handle(table, "table")?;
    if version == 0 {
        return Err(Error::invalid("restore needs a version number (versions start at 1)"));
    }
    table.rewrite(&format!("restore version {version}"), |rt, ds| {
        rt.block_on(async {
            let mut old = ds.checkout_version(version).await?;
            old.restore().await?;
            *ds = old;
            Ok(())
        })
    })
}

/// Writes the table's Arrow schema to the caller-allocated `out_schema`, which the caller must
/// release.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_schema(
    table: *const mvs_table,
    out_schema: *mut FFI_ArrowSchema,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, table_schema_impl(table, out_schema))
}

unsafe fn table_schema_impl(table: *const mvs_table, out_schema: *mut FFI_ArrowSchema) -> Result<()> {
    let table = handle(table, "table")?;
    let out_schema = out_param(out_schema, "out_schema")?;
    let schema = Schema::from(table.snapshot().schema());
    let exported = FFI_ArrowSchema::try_from(&schema)?;
    // SAFETY: caller-allocated storage; written without dropping its previous bytes.
    unsafe { out_schema.write(exported) };
    Ok(())
}

/// Writes the version the handle currently reads to `out_version` (caller-allocated). Cheap: no
/// I/O; the cost of a call across the boundary.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_version(table: *const mvs_table, out_version: *mut u64, out_error: *mut *mut mvs_error) -> mvs_status {
    ffi_boundary!(out_error, table_version_impl(table, out_version))
}

unsafe fn table_version_impl(table: *const mvs_table, out_version: *mut u64) -> Result<()> {
    let table = handle(table, "table")?;
    let out_version = out_param(out_version, "out_version")?;
    // version_id reads a field under the read lock: no Arc clone, no Version object.
    let version = table.snapshot().version_id();
    write_out(out_version, version);
    Ok(())
}

/// Fills `out_stats` (caller-allocated) with the statistics of the handle's current version.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_get_stats(
    table: *const mvs_table,
    out_stats: *mut mvs_table_stats,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, table_stats_impl(table, out_stats))
}

unsafe fn table_stats_impl(table: *const mvs_table, out_stats: *mut mvs_table_stats) -> Result<()> {
    let table = handle(table, "table")?;
    let out_stats = out_param(out_stats, "out_stats")?;
    let dataset = table.snapshot();
    let num_indexes = list_indexes(table)?.len() as u64;
    let (num_rows, num_deleted_rows, num_versions, bytes_on_disk) = table
        .runtime
        .block_on(async {
            let rows = dataset.count_rows(None).await?;
            let deleted = dataset.count_deleted_rows().await?;
            let versions = dataset.count_versions().await?;
            let mut files = dataset.all_files().await;
            let mut bytes = 0u64;
            while let Some(batch) = files.next().await {
                let batch = batch?;
                let sizes = batch
                    .column_by_name("size_bytes")
                    .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
                    .ok_or_else(|| lance::Error::internal("all_files has no size_bytes column".to_string()))?;
                bytes += sizes.iter().flatten().map(|b| b.max(0) as u64).sum::<u64>();
            }
            Ok::<_, lance::Error>((rows, deleted, versions, bytes))
        })
        .map_err(|e| Error::from(e).context(table.describe("stats")))?;
    write_out(
        out_stats,
        mvs_table_stats {
            version: dataset.version().version,
            num_rows: num_rows as u64,
            num_deleted_rows: num_deleted_rows as u64,
            num_fragments: dataset.count_fragments() as u64,
            num_data_files: dataset.fragments().iter().map(|f| f.files.len() as u64).sum(),
            num_versions,
            num_indexes,
            bytes_on_disk,
        },
    );
    Ok(())
}

/// Closes a table handle. Accepts NULL. Streams already returned by scans stay readable.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_close(table: *mut mvs_table) {
    if !table.is_null() {
        // SAFETY: the pointer came from `boxed` and is closed once (caller contract).
        let table = unsafe { Box::from_raw(table) };
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(table)));
    }
}
