//! The syntax chunker behind the C ABI: one call per file, text in, an Arrow batch of chunk spans
//! out (kind, symbol, start_line, end_line). The algorithm and the languages are `syntax`.

use std::ffi::c_char;
use std::sync::Arc;
use std::time::Duration;

use arrow::array::{Int32Array, RecordBatch, RecordBatchIterator, StringArray};
use arrow::ffi_stream::FFI_ArrowArrayStream;
use arrow_schema::{DataType, Field, Schema};

use crate::boundary::{bytes, out_param, required_str, write_out};
use crate::error::{mvs_error, mvs_status, Error, Result};
use crate::ffi_boundary;
use crate::stream::export;
use crate::syntax::{self, Limits, Outcome, Span};

/// `*out_outcome` of `mvs_source_chunk`: the file was chunked by declaration.
pub const MVS_CHUNK_OK: u32 = 0;
/// No grammar for the language: chunk it some other way (line windows).
pub const MVS_CHUNK_UNSUPPORTED: u32 = 1;
/// The parse took longer than `timeout_ms`.
pub const MVS_CHUNK_TIMED_OUT: u32 = 2;
/// More than half of the file's top-level lines are syntax errors.
pub const MVS_CHUNK_UNPARSABLE: u32 = 3;
/// Lines too long to be code people read (minified or generated data).
pub const MVS_CHUNK_MINIFIED: u32 = 4;

/// Chunks one source file by declaration. `language` (borrowed) is a language name as the engine
/// gives it ("java", "python", ...); `path` (borrowed) picks the grammar variant (".tsx"); `text`
/// (borrowed, `text_len` bytes, UTF-8; invalid bytes are tolerated) is the file. Chunks are at most
/// `max_lines` lines; a declaration larger than that without members is cut into windows overlapping
/// by `overlap_lines` (< `max_lines`). `timeout_ms` bounds the parse (0: no bound).
///
/// On OK, `*out_outcome` is one of MVS_CHUNK_*, and `out_chunks` (caller-allocated, the caller
/// releases it) holds one batch of the chunks when the outcome is MVS_CHUNK_OK (no batch
/// otherwise): `kind` utf8, `symbol` utf8 ("" outside declarations), `start_line` int32 and
/// `end_line` int32 (1-based, inclusive), in file order. Rows split at "\n"; a "\r" before it is
/// not part of the line.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn mvs_source_chunk(
    language: *const c_char,
    path: *const c_char,
    text: *const u8,
    text_len: usize,
    max_lines: u32,
    overlap_lines: u32,
    timeout_ms: u32,
    out_outcome: *mut u32,
    out_chunks: *mut FFI_ArrowArrayStream,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(
        out_error,
        source_chunk_impl(
            language,
            path,
            text,
            text_len,
            max_lines,
            overlap_lines,
            timeout_ms,
            out_outcome,
            out_chunks
        )
    )
}

#[allow(clippy::too_many_arguments)]
unsafe fn source_chunk_impl(
    language: *const c_char,
    path: *const c_char,
    text: *const u8,
    text_len: usize,
    max_lines: u32,
    overlap_lines: u32,
    timeout_ms: u32,
    out_outcome: *mut u32,
    out_chunks: *mut FFI_ArrowArrayStream,
) -> Result<()> {
    let language = required_str(language, "language")?;
    let path = required_str(path, "path")?;
    let text = bytes(text, text_len, "text")?;
    let out_outcome = out_param(out_outcome, "out_outcome")?;
    let out_chunks = out_param(out_chunks, "out_chunks")?;
    if max_lines == 0 || overlap_lines >= max_lines {
        return Err(Error::invalid(format!(
            "need max_lines >= 1 and overlap_lines < max_lines, got {max_lines} and {overlap_lines}"
        )));
    }
    let timeout = if timeout_ms == 0 {
        Duration::MAX
    } else {
        Duration::from_millis(timeout_ms.into())
    };
    let limits = Limits {
        max_lines: max_lines as usize,
        overlap_lines: overlap_lines as usize,
        timeout,
    };
    let outcome = syntax::chunk(language, path, text, limits);
    let code = outcome_code(&outcome);
    let batches = match outcome {
        Outcome::Chunked(spans) => vec![batch(&spans)?],
        _ => Vec::new(),
    };
    let reader = RecordBatchIterator::new(batches.into_iter().map(Ok), schema());
    export(Box::new(reader), out_chunks);
    write_out(out_outcome, code);
    Ok(())
}

/// The code the C ABI reports for `outcome`.
fn outcome_code(outcome: &Outcome) -> u32 {
    match outcome {
        Outcome::Chunked(_) => MVS_CHUNK_OK,
        Outcome::Unsupported => MVS_CHUNK_UNSUPPORTED,
        Outcome::TimedOut => MVS_CHUNK_TIMED_OUT,
        Outcome::Unparsable => MVS_CHUNK_UNPARSABLE,
        Outcome::Minified => MVS_CHUNK_MINIFIED,
    }
}

fn schema() -> Arc<Schema> {
    Arc::new(Schema::new(vec![
        Field::new("kind", DataType::Utf8, false),
        Field::new("symbol", DataType::Utf8, false),
        Field::new("start_line", DataType::Int32, false),
        Field::new("end_line", DataType::Int32, false),
    ]))
}

fn batch(spans: &[Span]) -> Result<RecordBatch> {
    let line = |row: usize| i32::try_from(row).map_err(|_| Error::invalid(format!("line {row} is past what int32 holds")));
    let starts = spans.iter().map(|s| line(s.start + 1)).collect::<Result<Vec<_>>>()?;
    let ends = spans.iter().map(|s| line(s.end)).collect::<Result<Vec<_>>>()?;
    let columns: Vec<Arc<dyn arrow::array::Array>> = vec![
        Arc::new(StringArray::from_iter_values(spans.iter().map(|s| s.kind.as_ref()))),
        Arc::new(StringArray::from_iter_values(spans.iter().map(|s| s.symbol.as_str()))),
        Arc::new(Int32Array::from(starts)),
        Arc::new(Int32Array::from(ends)),
    ];
    RecordBatch::try_new(schema(), columns).map_err(|e| Error::from(e).context("build the chunk batch"))
}
