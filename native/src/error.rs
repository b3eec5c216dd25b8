//! Status codes and the owned error object every fallible call can return.

use std::ffi::{c_char, CString};
use std::fmt::Display;

/// Result of every fallible call. `MVS_STATUS_OK` is 0; any other value comes with an `mvs_error`.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum mvs_status {
    MVS_STATUS_OK = 0,
    MVS_STATUS_INVALID_ARGUMENT = 1,
    MVS_STATUS_NOT_FOUND = 2,
    MVS_STATUS_ALREADY_EXISTS = 3,
    MVS_STATUS_COMMIT_CONFLICT = 4,
    MVS_STATUS_IO = 5,
    MVS_STATUS_CORRUPT = 6,
    MVS_STATUS_CANCELLED = 7,
    MVS_STATUS_NOT_SUPPORTED = 8,
    MVS_STATUS_INTERNAL = 9,
    MVS_STATUS_PANIC = 10,
    /// A wait gave up after its timeout (e.g. the fence's exclusive side).
    MVS_STATUS_TIMEOUT = 11,
}

use mvs_status::*;

/// An error: a status and a context-rich message. Owned by the caller once returned through an
/// `out_error` parameter; must be freed with `mvs_error_free`.
#[allow(non_camel_case_types)]
pub struct mvs_error {
    status: mvs_status,
    message: CString,
}

/// The error type of every `_impl` function.
#[derive(Debug, Clone)]
pub struct Error {
    pub status: mvs_status,
    pub message: String,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(status: mvs_status, message: impl Into<String>) -> Self {
        Error {
            status,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(MVS_STATUS_INVALID_ARGUMENT, message)
    }

    /// Prefixes the message with what was being done, e.g. "open table /x/y.lance version 3".
    pub fn context(self, what: impl Display) -> Self {
        Error {
            status: self.status,
            message: format!("{what}: {}", self.message),
        }
    }

    pub(crate) fn into_raw(self) -> *mut mvs_error {
        // Interior NULs cannot cross as a C string; replace them rather than lose the message.
        let text = self.message.replace('\0', "\\0");
        let message = CString::new(text).unwrap_or_default();
        Box::into_raw(Box::new(mvs_error {
            status: self.status,
            message,
        }))
    }
}

impl From<lance::Error> for Error {
    fn from(err: lance::Error) -> Self {
        Error::new(status_of(&err), err.to_string())
    }
}

impl From<arrow::error::ArrowError> for Error {
    fn from(err: arrow::error::ArrowError) -> Self {
        use arrow::error::ArrowError as A;
        let status = match &err {
            A::IoError(..) => MVS_STATUS_IO,
            A::SchemaError(_) | A::InvalidArgumentError(_) | A::ParseError(_) | A::CastError(_) => MVS_STATUS_INVALID_ARGUMENT,
            A::NotYetImplemented(_) => MVS_STATUS_NOT_SUPPORTED,
            _ => MVS_STATUS_INTERNAL,
        };
        Error::new(status, err.to_string())
    }
}

/// Maps a Lance error to a status by its root cause, so Java can tell "not there" from "broken".
pub fn status_of(err: &lance::Error) -> mvs_status {
    use lance::Error as L;
    match err {
        L::InvalidInput { .. }
        | L::SchemaMismatch { .. }
        | L::Schema { .. }
        | L::FieldNotFound { .. }
        | L::InvalidRef { .. }
        | L::InvalidTableLocation { .. } => MVS_STATUS_INVALID_ARGUMENT,
        L::DatasetNotFound { .. } | L::NotFound { .. } | L::IndexNotFound { .. } | L::RefNotFound { .. } | L::VersionNotFound { .. } => {
            MVS_STATUS_NOT_FOUND
        }
        L::DatasetAlreadyExists { .. } => MVS_STATUS_ALREADY_EXISTS,
        L::CommitConflict { .. }
        | L::RetryableCommitConflict { .. }
        | L::IncompatibleTransaction { .. }
        | L::TooMuchWriteContention { .. }
        | L::VersionConflict { .. }
        | L::RefConflict { .. } => MVS_STATUS_COMMIT_CONFLICT,
        L::CorruptFile { .. } => MVS_STATUS_CORRUPT,
        L::IO { .. } => MVS_STATUS_IO,
        L::NotSupported { .. } => MVS_STATUS_NOT_SUPPORTED,
        L::Arrow { message, .. } if looks_like_bad_input(message) => MVS_STATUS_INVALID_ARGUMENT,
        L::Execution { message, .. } if looks_like_bad_input(message) => MVS_STATUS_INVALID_ARGUMENT,
        _ => MVS_STATUS_INTERNAL,
    }
}

/// DataFusion reports SQL planning failures (unknown column, syntax) as execution errors; those are
/// the caller's input, not an engine fault.
fn looks_like_bad_input(message: &str) -> bool {
    ["SQL error", "ParserError", "Schema error", "No field named", "Invalid argument"]
        .iter()
        .any(|needle| message.contains(needle))
}

/// Status of an error object. Borrowed; a NULL error reads as `MVS_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn mvs_error_status(error: *const mvs_error) -> mvs_status {
    // SAFETY: a non-NULL pointer came from `Error::into_raw` and was not freed (caller contract).
    unsafe { error.as_ref() }.map_or(MVS_STATUS_OK, |e| e.status)
}

/// NUL-terminated UTF-8 message of an error object. Borrowed: valid until `mvs_error_free`.
/// A NULL error gives an empty string.
#[no_mangle]
pub unsafe extern "C" fn mvs_error_message(error: *const mvs_error) -> *const c_char {
    // SAFETY: as in mvs_error_status.
    unsafe { error.as_ref() }.map_or(c"".as_ptr(), |e| e.message.as_ptr())
}

/// Frees an error object returned through an `out_error` parameter. Accepts NULL.
#[no_mangle]
pub unsafe extern "C" fn mvs_error_free(error: *mut mvs_error) {
    if !error.is_null() {
        // SAFETY: the pointer came from Box::into_raw in Error::into_raw and is freed once.
        drop(unsafe { Box::from_raw(error) });
    }
}
