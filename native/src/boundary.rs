//! The one boundary every `extern "C"` body runs inside: panics are caught and become
//! `MVS_STATUS_PANIC`, errors become owned `mvs_error` objects, pointer arguments are checked.

use std::any::Any;
use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::{mvs_error, mvs_status, Error, Result};

/// Runs `body`, converting its outcome to a status. On failure writes an owned error to
/// `out_error` (when that is not NULL). A panic anywhere inside never unwinds into the caller.
///
/// # Safety
/// `out_error` is NULL or points to a writable `mvs_error *` slot, as every exported function's
/// contract in mvs_native.h requires of its caller.
pub unsafe fn run(out_error: *mut *mut mvs_error, body: impl FnOnce() -> Result<()>) -> mvs_status {
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        Err(Error::new(
            mvs_status::MVS_STATUS_PANIC,
            format!("native panic: {}", panic_text(&*payload)),
        ))
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
/// impl is an `unsafe fn` returning `Result<()>` that writes its own `out_*` parameters only on success.
/// Exported functions are `unsafe extern "C" fn`s: their caller keeps the contract mvs_native.h
/// states for every argument (non-NULL where required, live handles, NUL-terminated strings,
/// caller-allocated out parameters), which is what makes calling the impl sound.
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
///
/// # Safety
/// `ptr` is NULL or a handle this library made that is still open, and stays open for `'a`
/// (the duration of the exported call that borrows it).
pub unsafe fn handle<'a, T>(ptr: *const T, name: &str) -> Result<&'a T> {
    // SAFETY: non-NULL here means a live handle (this function's contract).
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
///
/// # Safety
/// `ptr` was returned by [`out_param`] and points to caller-allocated, writable storage for a `T`
/// (whatever bytes are there are overwritten, not dropped).
pub unsafe fn write_out<T>(ptr: *mut T, value: T) {
    // SAFETY: writable storage for a T (this function's contract).
    unsafe { ptr.write(value) }
}

/// A required NUL-terminated UTF-8 string argument.
///
/// # Safety
/// As [`optional_str`].
pub unsafe fn required_str<'a>(ptr: *const c_char, name: &str) -> Result<&'a str> {
    // SAFETY: this function's contract is optional_str's.
    unsafe { optional_str(ptr, name) }?.ok_or_else(|| Error::invalid(format!("{name} is NULL")))
}

/// An optional string argument: NULL means "not given".
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that is not changed or freed for `'a`.
pub unsafe fn optional_str<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: a NUL-terminated string that outlives 'a (this function's contract).
    let text = unsafe { CStr::from_ptr(ptr) };
    text.to_str()
        .map(Some)
        .map_err(|_| Error::invalid(format!("{name} is not valid UTF-8")))
}

/// An array of `count` required strings; NULL with count 0 is the empty list.
///
/// # Safety
/// `ptr` is NULL (only with `count` 0) or points to `count` readable pointers, each valid for
/// [`required_str`], none changed or freed for `'a`.
pub unsafe fn str_array<'a>(ptr: *const *const c_char, count: usize, name: &str) -> Result<Vec<&'a str>> {
    if count == 0 {
        return Ok(Vec::new());
    }
    if ptr.is_null() {
        return Err(Error::invalid(format!("{name} is NULL but its count is {count}")));
    }
    // SAFETY: `count` readable pointers (this function's contract).
    let items = unsafe { std::slice::from_raw_parts(ptr, count) };
    items
        .iter()
        .enumerate()
        // SAFETY: each item is valid for required_str (this function's contract).
        .map(|(i, item)| unsafe { required_str(*item, &format!("{name}[{i}]")) })
        .collect()
}

/// A borrowed byte buffer argument; NULL is allowed only with length 0.
///
/// # Safety
/// `ptr` is NULL (only with `len` 0) or points to `len` readable bytes not changed for `'a`.
pub unsafe fn bytes<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a [u8]> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Error::invalid(format!("{name} is NULL but its length is {len}")));
    }
    // SAFETY: `len` readable bytes that outlive 'a (this function's contract).
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}
