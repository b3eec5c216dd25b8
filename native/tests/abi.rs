//! Tests through the exported C functions, exactly as a C or Java caller uses them.

use std::ffi::{c_char, CStr, CString};
use std::ptr;
use std::sync::Arc;

use arrow::array::{Array, Int64Array, RecordBatch, RecordBatchIterator, RecordBatchReader, StringArray, UInt64Array};
use arrow::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_schema::{DataType, Field, Schema};
use mvs_native::abi::*;
use mvs_native::distributed::*;
use mvs_native::error::mvs_status::*;
use mvs_native::error::{mvs_error, mvs_error_free, mvs_error_message, mvs_error_status, mvs_status};
use mvs_native::runtime::*;
use mvs_native::scan::*;
use mvs_native::table::*;
use mvs_native::table_handle::mvs_table;

struct Runtime(*mut mvs_runtime);

impl Runtime {
    fn new() -> Self {
        let mut rt = ptr::null_mut();
        let mut err = ptr::null_mut();
        assert_eq!(unsafe { mvs_runtime_new(2, &mut rt, &mut err) }, MVS_STATUS_OK);
        Runtime(rt)
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        unsafe { mvs_runtime_free(self.0) };
    }
}

fn schema() -> Arc<Schema> {
    Arc::new(Schema::new(vec![
        Field::new("path", DataType::Utf8, false),
        Field::new("n", DataType::Int64, false),
    ]))
}

fn batch(start: i64, rows: i64) -> RecordBatch {
    let paths: Vec<String> = (start..start + rows).map(|i| format!("src/file{i}.rs")).collect();
    RecordBatch::try_new(
        schema(),
        vec![
            Arc::new(StringArray::from(paths)),
            Arc::new(Int64Array::from_iter_values(start..start + rows)),
        ],
    )
    .unwrap()
}

fn stream_of(batches: Vec<RecordBatch>) -> FFI_ArrowArrayStream {
    FFI_ArrowArrayStream::new(Box::new(RecordBatchIterator::new(batches.into_iter().map(Ok), schema())))
}

/// Takes the error out of a failed call: its status and message, and frees it.
fn take_error(err: *mut mvs_error) -> (mvs_status, String) {
    assert!(!err.is_null(), "a failed call must return an error object");
    let status = unsafe { mvs_error_status(err) };
    let message = unsafe { CStr::from_ptr(mvs_error_message(err)) }.to_string_lossy().into_owned();
    unsafe { mvs_error_free(err) };
    (status, message)
}

fn create(rt: &Runtime, uri: &str, batches: Vec<RecordBatch>) -> *mut mvs_table {
    let uri = CString::new(uri).unwrap();
    let mut input = stream_of(batches);
    let mut table = ptr::null_mut();
    let mut err = ptr::null_mut();
    let status = unsafe { mvs_table_create(rt.0, uri.as_ptr(), &mut input, &mut table, &mut err) };
    assert_eq!(status, MVS_STATUS_OK, "{:?}", (!err.is_null()).then(|| take_error(err)));
    assert!(input.release.is_none(), "input stream consumed");
    table
}

fn count(table: *const mvs_table, filter: Option<&str>) -> u64 {
    let filter = filter.map(|f| CString::new(f).unwrap());
    let mut n = u64::MAX;
    let mut err = ptr::null_mut();
    let status = unsafe { mvs_table_count_rows(table, filter.as_ref().map_or(ptr::null(), |f| f.as_ptr()), &mut n, &mut err) };
    assert_eq!(status, MVS_STATUS_OK);
    n
}

fn scan(table: *const mvs_table, columns: &[&str], filter: Option<&str>, limit: i64) -> Result<Vec<RecordBatch>, (mvs_status, String)> {
    let columns: Vec<CString> = columns.iter().map(|c| CString::new(*c).unwrap()).collect();
    let column_ptrs: Vec<*const c_char> = columns.iter().map(|c| c.as_ptr()).collect();
    let filter = filter.map(|f| CString::new(f).unwrap());
    let mut out = FFI_ArrowArrayStream::empty();
    let mut err = ptr::null_mut();
    let status = unsafe {
        mvs_table_scan(
            table,
            column_ptrs.as_ptr(),
            column_ptrs.len(),
            filter.as_ref().map_or(ptr::null(), |f| f.as_ptr()),
            limit,
            &mut out,
            &mut err,
        )
    };
    if status != MVS_STATUS_OK {
        return Err(take_error(err));
    }
    let reader = ArrowArrayStreamReader::try_new(out).unwrap();
    Ok(reader.map(|b| b.unwrap()).collect())
}

fn rows(batches: &[RecordBatch]) -> usize {
    batches.iter().map(|b| b.num_rows()).sum()
}

#[test]
fn abi_version_is_stable() {
    assert_eq!(mvs_abi_version(), MVS_ABI_VERSION);
}

#[test]
fn create_append_scan_delete_compact_restore() {
    let dir = tempfile::tempdir().unwrap();
    let uri = dir.path().join("t.lance");
    let rt = Runtime::new();
    let table = create(&rt, uri.to_str().unwrap(), vec![batch(0, 1000)]);
    assert_eq!(count(table, None), 1000);

    let mut input = stream_of(vec![batch(1000, 500)]);
    let mut err = ptr::null_mut();
    assert_eq!(unsafe { mvs_table_append(table, &mut input, &mut err) }, MVS_STATUS_OK);
    assert_eq!(count(table, None), 1500);
    assert_eq!(count(table, Some("n >= 1200")), 300);

    let got = scan(table, &["n"], Some("n < 10"), -1).unwrap();
    assert_eq!(rows(&got), 10);
    assert_eq!(got[0].schema().fields().len(), 1);
    assert_eq!(rows(&scan(table, &[], None, 7).unwrap()), 7);

    let predicate = CString::new("n % 2 = 0").unwrap();
    let mut deleted = 0;
    assert_eq!(
        unsafe { mvs_table_delete(table, predicate.as_ptr(), &mut deleted, &mut err) },
        MVS_STATUS_OK
    );
    assert_eq!(deleted, 750);
    assert_eq!(count(table, None), 750);

    let mut stats = mvs_table_stats::default();
    assert_eq!(unsafe { mvs_table_get_stats(table, &mut stats, &mut err) }, MVS_STATUS_OK);
    assert_eq!(stats.num_fragments, 2);
    assert_eq!(stats.num_deleted_rows, 750);
    let mut compaction = mvs_compaction_stats::default();
    assert_eq!(unsafe { mvs_table_compact(table, 0, &mut compaction, &mut err) }, MVS_STATUS_OK);
    assert_eq!(compaction.fragments_removed, 2);
    assert_eq!(compaction.fragments_added, 1);
    assert_eq!(unsafe { mvs_table_get_stats(table, &mut stats, &mut err) }, MVS_STATUS_OK);
    assert_eq!((stats.num_fragments, stats.num_rows, stats.num_deleted_rows), (1, 750, 0));
    eprintln!("version after create, append, delete, compact: {}", stats.version);

    let mut versions = FFI_ArrowArrayStream::empty();
    assert_eq!(unsafe { mvs_table_versions(table, &mut versions, &mut err) }, MVS_STATUS_OK);
    let listed: Vec<u64> = ArrowArrayStreamReader::try_new(versions)
        .unwrap()
        .flat_map(|b| {
            let b = b.unwrap();
            b.column(0).as_any().downcast_ref::<UInt64Array>().unwrap().values().to_vec()
        })
        .collect();
    // create, append, delete, then compaction (which may commit more than one version).
    assert!(stats.version >= 4, "{stats:?}");
    assert_eq!(listed, (1..=stats.version).collect::<Vec<u64>>());

    let before_restore = stats.version;
    assert_eq!(unsafe { mvs_table_restore(table, 2, &mut err) }, MVS_STATUS_OK);
    assert_eq!(count(table, None), 1500);
    assert_eq!(unsafe { mvs_table_get_stats(table, &mut stats, &mut err) }, MVS_STATUS_OK);
    assert_eq!(stats.version, before_restore + 1, "restore commits one new version");
    unsafe { mvs_table_close(table) };

    // Opening an old version reads it as it was.
    let mut old = ptr::null_mut();
    let c_uri = CString::new(uri.to_str().unwrap()).unwrap();
    assert_eq!(
        unsafe { mvs_table_open(rt.0, c_uri.as_ptr(), 1, &mut old, &mut err) },
        MVS_STATUS_OK
    );
    assert_eq!(count(old, None), 1000);
    unsafe { mvs_table_close(old) };
}

#[test]
fn errors_are_typed_and_name_what_failed() {
    let dir = tempfile::tempdir().unwrap();
    let rt = Runtime::new();
    let missing = dir.path().join("missing.lance");
    let c_missing = CString::new(missing.to_str().unwrap()).unwrap();
    let mut table = ptr::null_mut();
    let mut err = ptr::null_mut();
    assert_eq!(
        unsafe { mvs_table_open(rt.0, c_missing.as_ptr(), 0, &mut table, &mut err) },
        MVS_STATUS_NOT_FOUND
    );
    assert!(table.is_null(), "out parameter untouched on failure");
    let (_, message) = take_error(err);
    assert!(message.contains(missing.to_str().unwrap()), "{message}");

    let uri = dir.path().join("t.lance");
    let table = create(&rt, uri.to_str().unwrap(), vec![batch(0, 10)]);
    let (status, message) = scan(table, &[], Some("no_such_column > 1"), -1).unwrap_err();
    assert_eq!(status, MVS_STATUS_INVALID_ARGUMENT, "{message}");
    assert!(message.contains("no_such_column"), "{message}");

    let mut again = stream_of(vec![batch(0, 1)]);
    let mut dup = ptr::null_mut();
    let c_uri = CString::new(uri.to_str().unwrap()).unwrap();
    assert_eq!(
        unsafe { mvs_table_create(rt.0, c_uri.as_ptr(), &mut again, &mut dup, &mut err) },
        MVS_STATUS_ALREADY_EXISTS
    );
    assert!(again.release.is_none(), "input consumed on failure too");
    take_error(err);

    // NULL handles and arguments are INVALID_ARGUMENT, and the input stream is still consumed.
    let mut input = stream_of(vec![batch(0, 1)]);
    assert_eq!(
        unsafe { mvs_table_append(ptr::null(), &mut input, &mut err) },
        MVS_STATUS_INVALID_ARGUMENT
    );
    assert!(input.release.is_none());
    let (_, message) = take_error(err);
    assert_eq!(message, "table is NULL");
    let mut n = 0;
    assert_eq!(
        unsafe { mvs_table_count_rows(table, ptr::null(), ptr::null_mut(), &mut err) },
        MVS_STATUS_INVALID_ARGUMENT
    );
    take_error(err);
    assert_eq!(
        unsafe { mvs_table_count_rows(table, ptr::null(), &mut n, ptr::null_mut()) },
        MVS_STATUS_OK,
        "out_error may be NULL"
    );
    assert_eq!(unsafe { mvs_table_restore(table, 99, &mut err) }, MVS_STATUS_NOT_FOUND);
    take_error(err);

    // Appending rows of another schema is the caller's mistake.
    let other = Arc::new(Schema::new(vec![Field::new("x", DataType::Float32, false)]));
    let bad = RecordBatch::try_new(other.clone(), vec![Arc::new(arrow::array::Float32Array::from(vec![1.0f32]))]).unwrap();
    let mut input = FFI_ArrowArrayStream::new(Box::new(RecordBatchIterator::new(vec![Ok(bad)], other)));
    assert_eq!(
        unsafe { mvs_table_append(table, &mut input, &mut err) },
        MVS_STATUS_INVALID_ARGUMENT
    );
    take_error(err);
    unsafe { mvs_table_close(table) };
    unsafe { mvs_table_close(ptr::null_mut()) };
    unsafe { mvs_runtime_free(ptr::null_mut()) };
    unsafe { mvs_error_free(ptr::null_mut()) };
}

#[test]
fn a_panic_becomes_a_status() {
    let message = CString::new("boom from the test").unwrap();
    let mut err = ptr::null_mut();
    assert_eq!(unsafe { mvs_debug_panic(message.as_ptr(), &mut err) }, MVS_STATUS_PANIC);
    let (status, text) = take_error(err);
    assert_eq!(status, MVS_STATUS_PANIC);
    assert!(text.contains("boom from the test"), "{text}");
}

#[test]
fn a_scan_keeps_its_snapshot_and_outlives_its_table() {
    let dir = tempfile::tempdir().unwrap();
    let rt = Runtime::new();
    let table = create(&rt, dir.path().join("t.lance").to_str().unwrap(), vec![batch(0, 100)]);
    let mut out = FFI_ArrowArrayStream::empty();
    let mut err = ptr::null_mut();
    assert_eq!(
        unsafe { mvs_table_scan(table, ptr::null(), 0, ptr::null(), -1, &mut out, &mut err) },
        MVS_STATUS_OK
    );
    let mut input = stream_of(vec![batch(100, 50)]);
    assert_eq!(unsafe { mvs_table_append(table, &mut input, &mut err) }, MVS_STATUS_OK);
    unsafe { mvs_table_close(table) };
    let reader = ArrowArrayStreamReader::try_new(out).unwrap();
    assert_eq!(reader.schema().fields().len(), 2);
    assert_eq!(reader.map(|b| b.unwrap().num_rows()).sum::<usize>(), 100);
}

/// Writes `batches` as uncommitted fragments of `table`: each fragment's JSON and its rows.
fn write_fragments(table: *const mvs_table, batches: Vec<RecordBatch>) -> Vec<(String, u64)> {
    let mut input = stream_of(batches);
    let mut out = FFI_ArrowArrayStream::empty();
    let mut err = ptr::null_mut();
    let status = unsafe { mvs_table_write_fragments(table, &mut input, &mut out, &mut err) };
    assert_eq!(status, MVS_STATUS_OK, "{:?}", (!err.is_null()).then(|| take_error(err)));
    assert!(input.release.is_none(), "input stream consumed");
    ArrowArrayStreamReader::try_new(out)
        .unwrap()
        .flat_map(|b| {
            let b = b.unwrap();
            let json = b.column(0).as_any().downcast_ref::<StringArray>().unwrap().clone();
            let rows = b.column(1).as_any().downcast_ref::<UInt64Array>().unwrap().clone();
            (0..b.num_rows())
                .map(move |i| (json.value(i).to_string(), rows.value(i)))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn commit_fragments(
    table: *const mvs_table,
    read_version: u64,
    fragments: &[String],
    job: &str,
) -> Result<mvs_fragment_commit, (mvs_status, String)> {
    let fragments: Vec<CString> = fragments.iter().map(|f| CString::new(f.as_str()).unwrap()).collect();
    let ptrs: Vec<*const c_char> = fragments.iter().map(|f| f.as_ptr()).collect();
    let job = CString::new(job).unwrap();
    let mut out = mvs_fragment_commit::default();
    let mut err = ptr::null_mut();
    match unsafe { mvs_table_commit_fragments(table, read_version, ptrs.as_ptr(), ptrs.len(), job.as_ptr(), &mut out, &mut err) } {
        MVS_STATUS_OK => Ok(out),
        _ => Err(take_error(err)),
    }
}

fn version(table: *const mvs_table) -> u64 {
    let mut v = 0;
    let mut err = ptr::null_mut();
    assert_eq!(unsafe { mvs_table_version(table, &mut v, &mut err) }, MVS_STATUS_OK);
    v
}

#[test]
fn fragments_written_apart_become_visible_in_one_commit_once_per_job() {
    let dir = tempfile::tempdir().unwrap();
    let uri = dir.path().join("t.lance");
    let rt = Runtime::new();
    let table = create(&rt, uri.to_str().unwrap(), vec![batch(0, 100)]);
    let read_version = version(table);

    // Two workers, each with its own handle on the same table, as executors would.
    let c_uri = CString::new(uri.to_str().unwrap()).unwrap();
    let mut worker = ptr::null_mut();
    let mut err = ptr::null_mut();
    assert_eq!(
        unsafe { mvs_table_open(rt.0, c_uri.as_ptr(), 0, &mut worker, &mut err) },
        MVS_STATUS_OK
    );
    let mut written = write_fragments(worker, vec![batch(100, 50)]);
    written.extend(write_fragments(worker, vec![batch(150, 30), batch(180, 20)]));
    unsafe { mvs_table_close(worker) };
    assert_eq!(written.iter().map(|(_, rows)| rows).sum::<u64>(), 100);
    assert_eq!(count(table, None), 100, "nothing is visible before the commit");
    assert_eq!(version(table), read_version, "writing fragments commits no version");

    let json: Vec<String> = written.into_iter().map(|(json, _)| json).collect();
    let first = commit_fragments(table, read_version, &json, "job-1").unwrap();
    assert_eq!((first.committed, first.rows, first.version), (1, 100, read_version + 1));
    assert_eq!(count(table, None), 200);
    assert_eq!(count(table, Some("n >= 100 AND n < 200")), 100);

    // The version lists the job that made it, with what it added.
    let mut listed = FFI_ArrowArrayStream::empty();
    let mut err = ptr::null_mut();
    assert_eq!(unsafe { mvs_table_versions(table, &mut listed, &mut err) }, MVS_STATUS_OK);
    let batches: Vec<RecordBatch> = ArrowArrayStreamReader::try_new(listed).unwrap().map(|b| b.unwrap()).collect();
    let last = batches.last().unwrap();
    let row = last.num_rows() - 1;
    let text = |name: &str| {
        last.column_by_name(name)
            .unwrap()
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap()
            .clone()
    };
    let number = |name: &str| {
        last.column_by_name(name)
            .unwrap()
            .as_any()
            .downcast_ref::<UInt64Array>()
            .unwrap()
            .value(row)
    };
    assert_eq!(text("operation").value(row), "Append");
    assert_eq!(text("job_id").value(row), "job-1");
    assert_eq!((number("fragments_added"), number("rows_added")), (json.len() as u64, 100));
    assert!(text("job_id").is_null(0), "the create carries no job id");

    // A rerun of the same job (the coordinator died before it heard back) commits nothing.
    let again = commit_fragments(table, read_version, &json, "job-1").unwrap();
    assert_eq!((again.committed, again.version), (0, first.version));
    assert_eq!(count(table, None), 200);
    assert_eq!(version(table), first.version);

    // Fresh handles see the same, and another job id is another commit.
    let mut reopened = ptr::null_mut();
    assert_eq!(
        unsafe { mvs_table_open(rt.0, c_uri.as_ptr(), 0, &mut reopened, &mut err) },
        MVS_STATUS_OK
    );
    let more = write_fragments(reopened, vec![batch(200, 10)]);
    let second = commit_fragments(reopened, first.version, std::slice::from_ref(&more[0].0), "job-2").unwrap();
    assert_eq!((second.committed, second.version), (1, first.version + 1));
    assert_eq!(count(reopened, None), 210);

    // Fragments nobody commits (a failed attempt): removing unreferenced files takes them, and nothing else.
    let orphans = write_fragments(reopened, vec![batch(300, 10)]);
    let mut removed = mvs_native::cleanup::mvs_cleanup_stats::default();
    assert_eq!(
        unsafe { mvs_native::cleanup::mvs_table_remove_unreferenced_files(reopened, &mut removed, &mut err) },
        MVS_STATUS_OK
    );
    assert_eq!((removed.data_files_removed, removed.versions_removed), (orphans.len() as u64, 0));
    assert_eq!(count(reopened, None), 210);
    assert_eq!(version(reopened), second.version);
    unsafe { mvs_table_close(reopened) };
    unsafe { mvs_table_close(table) };
}

#[test]
fn a_commit_refuses_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let uri = dir.path().join("t.lance");
    let rt = Runtime::new();
    let table = create(&rt, uri.to_str().unwrap(), vec![batch(0, 10)]);
    let read_version = version(table);
    let written = write_fragments(table, vec![batch(10, 10)]);
    let json = written[0].0.clone();

    let (status, message) = commit_fragments(table, read_version, &[], "job").unwrap_err();
    assert_eq!(status, MVS_STATUS_INVALID_ARGUMENT, "{message}");
    let (status, message) = commit_fragments(table, read_version, &["{\"id\": 0}".to_string()], "job").unwrap_err();
    assert_eq!(status, MVS_STATUS_INVALID_ARGUMENT, "{message}");
    assert!(message.contains("fragments[0]"), "{message}");
    let (status, message) = commit_fragments(table, read_version, std::slice::from_ref(&json), "").unwrap_err();
    assert_eq!(status, MVS_STATUS_INVALID_ARGUMENT, "{message}");

    // A data file the coordinator cannot see (a worker's own disk): NOT_FOUND, nothing committed.
    for entry in std::fs::read_dir(uri.join("data")).unwrap() {
        let path = entry.unwrap().path();
        if json.contains(path.file_name().unwrap().to_str().unwrap()) {
            std::fs::remove_file(path).unwrap();
        }
    }
    let (status, message) = commit_fragments(table, read_version, &[json], "job").unwrap_err();
    assert_eq!(status, MVS_STATUS_NOT_FOUND, "{message}");
    assert!(message.contains("shared storage"), "{message}");
    assert_eq!(version(table), read_version);
    assert_eq!(count(table, None), 10);
    unsafe { mvs_table_close(table) };
}
