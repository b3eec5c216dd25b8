//! Arrow C stream plumbing. Input streams are taken over (moved out of the caller's struct) before
//! anything else can fail, so they are consumed on every return path. Output streams are exported
//! with our own callbacks so a panic while producing a batch becomes a stream error, never an abort.

use std::ffi::{c_char, c_int, c_void, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use arrow::array::{Array, RecordBatch, RecordBatchIterator, RecordBatchReader, StructArray};
use arrow::error::ArrowError;
use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_schema::SchemaRef;
use futures::StreamExt;
use lance::dataset::scanner::DatasetRecordBatchStream;
use lance::deps::datafusion::error::DataFusionError;
use lance::deps::datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use lance::deps::datafusion::physical_plan::SendableRecordBatchStream;

use crate::boundary::panic_text;
use crate::error::{Error, Result};
use crate::runtime::RuntimeInner;

const EINVAL: c_int = 22;
const EIO: c_int = 5;

/// Takes ownership of a caller's input stream: the caller's struct is left released (moved-from),
/// and the stream is released when the returned reader is dropped, on success or failure.
///
/// # Safety
/// `stream` is NULL or points to a valid (possibly released) `FFI_ArrowArrayStream` the caller hands over.
pub unsafe fn take_input(stream: *mut FFI_ArrowArrayStream, name: &str) -> Result<ArrowArrayStreamReader> {
    if stream.is_null() {
        return Err(Error::invalid(format!("{name} is NULL")));
    }
    // SAFETY: non-NULL and, per the header's contract, a valid (possibly released) stream struct.
    let owned = unsafe { FFI_ArrowArrayStream::from_raw(stream) };
    if owned.release.is_none() {
        return Err(Error::invalid(format!("{name} is an already released stream")));
    }
    ArrowArrayStreamReader::try_new(owned).map_err(|e| Error::from(e).context(format!("read schema of {name}")))
}

/// An input read on a thread of its own, as a stream Lance writes from. Lance's own adapter pulls each batch on the
/// runtime's blocking pool, which is bounded (runtime.rs); an input that waits on its producer (the Java pipeline
/// waiting for the model, which waits for a scan on the same runtime) holds a pool thread all that time, and two such
/// writers at once hold every thread the scans they wait for need: a deadlock. This thread holds nothing the runtime needs.
pub fn on_own_thread(input: ArrowArrayStreamReader) -> Result<SendableRecordBatchStream> {
    let schema = RecordBatchReader::schema(&input);
    let (batches, received) = tokio::sync::mpsc::channel::<std::result::Result<RecordBatch, DataFusionError>>(1);
    std::thread::Builder::new()
        .name("mvs-input".to_string())
        .spawn(move || {
            for batch in input {
                if batches.blocking_send(batch.map_err(DataFusionError::from)).is_err() {
                    break; // the writer stopped reading (it failed): release the input now
                }
            }
        })
        .map_err(|e| {
            Error::new(
                crate::error::mvs_status::MVS_STATUS_INTERNAL,
                format!("start the input thread: {e}"),
            )
        })?;
    let stream = futures::stream::unfold(received, |mut received| async move { received.recv().await.map(|b| (b, received)) });
    Ok(Box::pin(RecordBatchStreamAdapter::new(schema, stream)))
}

/// Exports the one `batch` an index answered without a planned query into the caller-allocated
/// `out` stream.
///
/// # Safety
/// As for `export`.
pub unsafe fn export_batch(batch: RecordBatch, out: *mut FFI_ArrowArrayStream) {
    let schema = batch.schema();
    // SAFETY: the caller's contract is export's.
    unsafe { export(Box::new(RecordBatchIterator::new(vec![Ok(batch)], schema)), out) }
}

/// Exports `reader` into the caller-allocated `out` stream.
///
/// # Safety
/// `out` is non-NULL (checked with `out_param`) and points to writable storage for an
/// `FFI_ArrowArrayStream`; the caller releases the stream written there.
pub unsafe fn export(reader: Box<dyn RecordBatchReader + Send>, out: *mut FFI_ArrowArrayStream) {
    let schema = reader.schema();
    let private = Box::new(Exported {
        reader,
        schema,
        last_error: None,
    });
    let stream = FFI_ArrowArrayStream {
        get_schema: Some(get_schema),
        get_next: Some(get_next),
        get_last_error: Some(get_last_error),
        release: Some(release),
        private_data: Box::into_raw(private) as *mut c_void,
    };
    // SAFETY: `out` is caller-allocated storage; write without dropping whatever bytes were there.
    unsafe { out.write(stream) };
}

struct Exported {
    reader: Box<dyn RecordBatchReader + Send>,
    schema: SchemaRef,
    last_error: Option<CString>,
}

/// The boundary for stream callbacks: a failure or panic is recorded as the stream's last error.
unsafe fn with_exported(
    stream: *mut FFI_ArrowArrayStream,
    body: impl FnOnce(&mut Exported) -> std::result::Result<(), (c_int, String)>,
) -> c_int {
    // SAFETY: the consumer passes the stream we exported, not yet released.
    let Some(private) = (unsafe { stream.as_mut() }).and_then(|s| unsafe { (s.private_data as *mut Exported).as_mut() }) else {
        return EINVAL;
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| body(&mut *private)))
        .unwrap_or_else(|payload| Err((EIO, format!("native panic: {}", panic_text(&*payload)))));
    match outcome {
        Ok(()) => {
            private.last_error = None;
            0
        }
        Err((code, message)) => {
            private.last_error = CString::new(message.replace('\0', "\\0")).ok();
            code
        }
    }
}

unsafe extern "C" fn get_schema(stream: *mut FFI_ArrowArrayStream, out: *mut FFI_ArrowSchema) -> c_int {
    unsafe {
        with_exported(stream, |private| {
            if out.is_null() {
                return Err((EINVAL, "get_schema: out is NULL".into()));
            }
            let schema = FFI_ArrowSchema::try_from(private.schema.as_ref()).map_err(|e| (EIO, e.to_string()))?;
            out.write(schema);
            Ok(())
        })
    }
}

unsafe extern "C" fn get_next(stream: *mut FFI_ArrowArrayStream, out: *mut FFI_ArrowArray) -> c_int {
    unsafe {
        with_exported(stream, |private| {
            if out.is_null() {
                return Err((EINVAL, "get_next: out is NULL".into()));
            }
            match private.reader.next() {
                None => out.write(FFI_ArrowArray::empty()),
                Some(Ok(batch)) => out.write(FFI_ArrowArray::new(&StructArray::from(batch).into_data())),
                Some(Err(e)) => return Err((EIO, e.to_string())),
            }
            Ok(())
        })
    }
}

unsafe extern "C" fn get_last_error(stream: *mut FFI_ArrowArrayStream) -> *const c_char {
    // SAFETY: as in with_exported; the string stays valid until the next call on this stream.
    let private = unsafe { stream.as_ref() }.and_then(|s| unsafe { (s.private_data as *const Exported).as_ref() });
    private.and_then(|p| p.last_error.as_ref()).map_or(std::ptr::null(), |e| e.as_ptr())
}

unsafe extern "C" fn release(stream: *mut FFI_ArrowArrayStream) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: called once by the consumer on a stream we exported.
        if let Some(stream) = unsafe { stream.as_mut() } {
            if !stream.private_data.is_null() {
                drop(unsafe { Box::from_raw(stream.private_data as *mut Exported) });
            }
            stream.private_data = std::ptr::null_mut();
            stream.get_schema = None;
            stream.get_next = None;
            stream.get_last_error = None;
            stream.release = None;
        }
    }));
}

/// A Lance scan stream read synchronously: each batch is awaited on the engine's runtime. Holds the
/// runtime and the dataset snapshot it reads, so closing the table does not cut a scan short.
pub struct BlockingScan {
    runtime: Arc<RuntimeInner>,
    stream: DatasetRecordBatchStream,
    schema: SchemaRef,
}

impl BlockingScan {
    pub fn new(runtime: Arc<RuntimeInner>, stream: DatasetRecordBatchStream) -> Self {
        use lance_io::stream::RecordBatchStream as _;
        let schema = stream.schema();
        BlockingScan { runtime, stream, schema }
    }
}

impl Iterator for BlockingScan {
    type Item = std::result::Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.runtime.block_on(self.stream.next())?;
        Some(item.map_err(|e| ArrowError::ExternalError(Box::new(e))))
    }
}

impl RecordBatchReader for BlockingScan {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}
