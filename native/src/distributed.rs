//! Distributed appends (docs/distributed.md): workers write data files that no version references
//! yet and hand their fragments' metadata to one coordinator, which commits them all as a single
//! append. A job id recorded in the commit's transaction makes a rerun of the coordinator commit
//! nothing twice. Neither side rewrites or unlinks files, so neither holds the fence.

use std::collections::HashMap;
use std::ffi::c_char;
use std::sync::Arc;

use arrow::array::{RecordBatch, RecordBatchIterator, StringArray, UInt64Array};
use arrow::ffi_stream::FFI_ArrowArrayStream;
use arrow_schema::{DataType, Field, Schema};
use lance::dataset::transaction::{Operation, TransactionBuilder};
use lance::dataset::{CommitBuilder, InsertBuilder, WriteMode};
use lance::Dataset;
use lance_table::format::Fragment;

use crate::boundary::{handle, out_param, required_str, str_array, write_out};
use crate::error::{mvs_error, mvs_status, Error, Result};
use crate::ffi_boundary;
use crate::stream::{export, on_own_thread, take_input};
use crate::table_handle::{job_id_of, mvs_table, rows_of, write_params, JOB_ID_PROPERTY};

/// What `mvs_table_commit_fragments` did. Caller-allocated, filled on OK.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct mvs_fragment_commit {
    /// The version holding the job's rows: the one just committed, or the earlier commit of the same job.
    pub version: u64,
    /// 1: this call committed; 0: a version after `read_version` already carried the job id.
    pub committed: u8,
    /// Rows in the fragments passed to this call.
    pub rows: u64,
}

/// Writes the batches of `input` (consumed by this call, on every return path; the table's schema)
/// as new data files of `table` that no version references: nothing becomes visible and the
/// handle's version does not move. Their fragments' metadata goes to the caller-allocated
/// `out_stream`, one row per fragment: `fragment: utf8` (JSON; pass it unchanged to
/// `mvs_table_commit_fragments`) and `rows: uint64`. Files no commit names are removed by a
/// later `mvs_table_cleanup`. An empty input writes nothing and yields no rows.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_write_fragments(
    table: *const mvs_table,
    input: *mut FFI_ArrowArrayStream,
    out_stream: *mut FFI_ArrowArrayStream,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, write_fragments_impl(table, input, out_stream))
}

unsafe fn write_fragments_impl(
    table: *const mvs_table,
    input: *mut FFI_ArrowArrayStream,
    out_stream: *mut FFI_ArrowArrayStream,
) -> Result<()> {
    let input = take_input(input, "input")?;
    let table = handle(table, "table")?;
    let out_stream = out_param(out_stream, "out_stream")?;
    let dataset = table.snapshot();
    let params = write_params(WriteMode::Append);
    let input = on_own_thread(input)?;
    let transaction = table
        .runtime
        .block_on(
            InsertBuilder::new(dataset.clone())
                .with_params(&params)
                .execute_uncommitted_stream(input),
        )
        .map_err(|e| Error::from(e).context(table.describe("write uncommitted fragments")))?;
    let fragments = match transaction.operation {
        Operation::Append { fragments } => fragments,
        other => {
            return Err(Error::new(
                mvs_status::MVS_STATUS_INTERNAL,
                format!("an uncommitted append produced a {} operation", other.name()),
            ))
        }
    };
    let json = fragments
        .iter()
        .map(serde_json::to_string)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::new(mvs_status::MVS_STATUS_INTERNAL, format!("encode fragment metadata: {e}")))?;
    let schema = Arc::new(Schema::new(vec![
        Field::new("fragment", DataType::Utf8, false),
        Field::new("rows", DataType::UInt64, false),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(StringArray::from(json)),
            Arc::new(UInt64Array::from_iter_values(fragments.iter().map(rows_of))),
        ],
    )?;
    export(Box::new(RecordBatchIterator::new(vec![Ok(batch)], schema)), out_stream);
    Ok(())
}

/// Commits the fragments written by `mvs_table_write_fragments` (`fragments`: borrowed JSON
/// strings, `num_fragments` >= 1) as one append based on `read_version` (the version the job's
/// plan read), recording `job_id` (borrowed, non-empty) in the transaction. If a version after
/// `read_version` already carries that job id, nothing is committed (a rerun after a crash). Every
/// data file named must exist under the table's `data/` directory (workers and coordinator must
/// share the table's storage), else NOT_FOUND and nothing is committed. Points the handle at the
/// resulting version; writes `out_commit` on OK.
#[no_mangle]
pub unsafe extern "C" fn mvs_table_commit_fragments(
    table: *const mvs_table,
    read_version: u64,
    fragments: *const *const c_char,
    num_fragments: usize,
    job_id: *const c_char,
    out_commit: *mut mvs_fragment_commit,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(
        out_error,
        commit_fragments_impl(table, read_version, fragments, num_fragments, job_id, out_commit)
    )
}

unsafe fn commit_fragments_impl(
    table: *const mvs_table,
    read_version: u64,
    fragments: *const *const c_char,
    num_fragments: usize,
    job_id: *const c_char,
    out_commit: *mut mvs_fragment_commit,
) -> Result<()> {
    let table = handle(table, "table")?;
    let fragments = decode_fragments(&str_array(fragments, num_fragments, "fragments")?)?;
    let job_id = required_str(job_id, "job_id")?;
    if job_id.is_empty() {
        return Err(Error::invalid("job_id is empty"));
    }
    if read_version == 0 {
        return Err(Error::invalid(
            "read_version must name a version of the table (versions start at 1)",
        ));
    }
    let out_commit = out_param(out_commit, "out_commit")?;
    let rows = fragments.iter().map(rows_of).sum();
    let what = format!("commit {} fragments of job {job_id} on version {read_version}", fragments.len());
    let outcome = table.write(&what, |rt, ds| {
        rt.block_on(async {
            ds.checkout_latest().await?;
            if let Some(version) = version_of_job(ds, read_version, job_id).await? {
                *ds = ds.checkout_version(version).await?;
                return Ok(mvs_fragment_commit {
                    version,
                    committed: 0,
                    rows,
                });
            }
            check_files_exist(ds, &fragments).await?;
            let transaction = TransactionBuilder::new(read_version, Operation::Append { fragments })
                .transaction_properties(Some(Arc::new(HashMap::from([(JOB_ID_PROPERTY.to_string(), job_id.to_string())]))))
                .build();
            let committed = CommitBuilder::new(Arc::new(ds.clone()))
                .with_skip_auto_cleanup(true)
                .execute(transaction)
                .await?;
            *ds = committed;
            Ok(mvs_fragment_commit {
                version: ds.version().version,
                committed: 1,
                rows,
            })
        })
    })?;
    write_out(out_commit, outcome);
    Ok(())
}

/// Parses the callers' fragment metadata; ids must still be unassigned (0), as the writer left them.
fn decode_fragments(json: &[&str]) -> Result<Vec<Fragment>> {
    if json.is_empty() {
        return Err(Error::invalid("no fragments to commit"));
    }
    json.iter()
        .enumerate()
        .map(|(i, text)| {
            let fragment: Fragment = serde_json::from_str(text).map_err(|e| {
                Error::invalid(format!(
                    "fragments[{i}] is not fragment metadata from mvs_table_write_fragments: {e}"
                ))
            })?;
            if fragment.id != 0 {
                return Err(Error::invalid(format!(
                    "fragments[{i}] has id {}: it was committed before",
                    fragment.id
                )));
            }
            if fragment.deletion_file.is_some() || fragment.files.iter().any(|f| f.base_id.is_some()) {
                return Err(Error::invalid(format!(
                    "fragments[{i}] was not written by mvs_table_write_fragments"
                )));
            }
            Ok(fragment)
        })
        .collect()
}

/// The first version after `read_version` whose transaction carries `job_id`, if any.
async fn version_of_job(ds: &Dataset, read_version: u64, job_id: &str) -> lance::Result<Option<u64>> {
    for version in read_version + 1..=ds.version().version {
        let Some(transaction) = ds.read_transaction_by_version(version).await? else {
            continue;
        };
        if job_id_of(&transaction).is_some_and(|id| id == job_id) {
            return Ok(Some(version));
        }
    }
    Ok(None)
}

/// A fragment whose file the coordinator cannot see (a worker's local disk) would commit a table
/// that cannot be read: refuse before committing.
async fn check_files_exist(ds: &Dataset, fragments: &[Fragment]) -> lance::Result<()> {
    let store = ds.object_store(None).await?;
    for file in fragments.iter().flat_map(|f| f.files.iter()) {
        let path = ds.data_dir().join(file.path.as_str());
        if !store.exists(&path).await? {
            return Err(lance::Error::not_found(format!(
                "data file {path} of an uncommitted fragment (written on another machine without shared storage, or cleaned up)"
            )));
        }
    }
    Ok(())
}
