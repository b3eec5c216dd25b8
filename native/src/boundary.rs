//! The one boundary every `extern "C"` body runs inside: panics are caught and become
//! `MVS_STATUS_PANIC`, errors become owned `mvs_error` objects, pointer arguments are checked.

use std::any::Any;
use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::{mvs_error, mvs_status, Error, Result};

/// Runs `body`, converting its outcome to a status. On failure writes an owned error to
/// `out_error` (when that is not NULL). A panic anywhere inside never unwinds into the caller.
pub fn run(out_error: *mut *mut mvs_error, body: impl FnOnce() -> Result<()>) -> mvs_status {
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        Err(Error::new(mvs_status::MVS_STATUS_PANIC, format!("native panic: {}", panic_text(&*payload))))
    });
    match outcome {
        Ok(()) => mvs_status::MVS_STATUS_OK,
        Err(err) => {
            let status = err.status;
            if !out_error.is_null() {
                // SAFETY: out_error is a caller-provided, writable `mvs_error *` slot.
                unsafe { *out_error = err.into_raw() };
            }
            status
        }
    }
}

/// The boundary every exported function uses: `ffi_boundary!(out_error, some_impl(args))`, where the
/// impl returns `Result<()>` and writes its own `out_*` parameters only on success.
#[macro_export]
macro_rules! ffi_boundary {
    ($out_error:expr, $body:expr) => {
        $crate::boundary::run($out_error, || $body)
    };
}

/// Text of a panic payload (a `&str` or `String` for every `panic!` with a message).
pub fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_string()
    }
}

/// Borrows a handle argument, or fails with INVALID_ARGUMENT naming the parameter.
pub fn handle<'a, T>(ptr: *const T, name: &str) -> Result<&'a T> {
    // SAFETY: a non-NULL handle was produced by this library and is still open (caller contract).
    unsafe { ptr.as_ref() }.ok_or_else(|| Error::invalid(format!("{name} is NULL")))
}

/// Checks an out parameter is present before any work is done.
pub fn out_param<T>(ptr: *mut T, name: &str) -> Result<*mut T> {
    if ptr.is_null() {
        Err(Error::invalid(format!("{name} is NULL")))
    } else {
        Ok(ptr)
    }
}

/// Writes an out parameter. Only called on the success path, after all fallible work.
pub fn write_out<T>(ptr: *mut T, value: T) {
    // SAFETY: `ptr` was checked by `out_param` and points to caller-allocated storage.
    unsafe { ptr.write(value) }
}

/// A required NUL-terminated UTF-8 string argument.
pub fn required_str<'a>(ptr: *const c_char, name: &str) -> Result<&'a str> {
    optional_str(ptr, name)?.ok_or_else(|| Error::invalid(format!("{name} is NULL")))
}

/// An optional string argument: NULL means "not given".
pub fn optional_str<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: the caller passes a NUL-terminated string that outlives the call.
    let text = unsafe { CStr::from_ptr(ptr) };
    text.to_str().map(Some).map_err(|_| Error::invalid(format!("{name} is not valid UTF-8")))
}

/// An array of `count` required strings; NULL with count 0 is the empty list.
pub fn str_array<'a>(ptr: *const *const c_char, count: usize, name: &str) -> Result<Vec<&'a str>> {
    if count == 0 {
        return Ok(Vec::new());
    }
    if ptr.is_null() {
        return Err(Error::invalid(format!("{name} is NULL but its count is {count}")));
    }
    // SAFETY: the caller passes `count` readable pointers.
    let items = unsafe { std::slice::from_raw_parts(ptr, count) };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| required_str(*item, &format!("{name}[{i}]")))
        .collect()
}
