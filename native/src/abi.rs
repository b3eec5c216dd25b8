//! Version of the C ABI, and the documented debug entry point that proves the panic boundary.

use crate::error::{mvs_error, mvs_status, Result};
use crate::ffi_boundary;

/// Version of this C ABI. Bumped on every incompatible change; Java refuses a library whose
/// version differs from the one its bindings were generated for.
pub const MVS_ABI_VERSION: u32 = 4;

/// The ABI version this library implements (see MVS_ABI_VERSION in the docs).
#[no_mangle]
pub extern "C" fn mvs_abi_version() -> u32 {
    MVS_ABI_VERSION
}

/// Debug entry point: panics inside the boundary with `message` (borrowed, may be NULL), so
/// callers can check that a Rust panic becomes `MVS_STATUS_PANIC` and the process keeps running.
/// Always returns `MVS_STATUS_PANIC` with an error that must be freed with `mvs_error_free`.
#[no_mangle]
pub unsafe extern "C" fn mvs_debug_panic(message: *const std::ffi::c_char, out_error: *mut *mut mvs_error) -> mvs_status {
    ffi_boundary!(out_error, debug_panic_impl(message))
}

unsafe fn debug_panic_impl(message: *const std::ffi::c_char) -> Result<()> {
    let text = crate::boundary::optional_str(message, "message")?.unwrap_or("mvs_debug_panic");
    panic!("{text}");
}
