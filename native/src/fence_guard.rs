//! The fence through the C ABI: the exclusive side a model load holds, and the counters.

use std::sync::Arc;
use std::time::Duration;

use crate::boundary::{handle, out_param, write_out};
use crate::error::{mvs_error, mvs_status, Result};
use crate::fence::mvs_fence_stats;
use crate::ffi_boundary;
use crate::runtime::{mvs_runtime, RuntimeInner};

/// Opaque guard of the fence's exclusive side. Release with `mvs_fence_guard_release`.
#[allow(non_camel_case_types)]
pub struct mvs_fence_guard {
    runtime: Arc<RuntimeInner>,
}

impl Drop for mvs_fence_guard {
    fn drop(&mut self) {
        self.runtime.fence().release_exclusive();
    }
}

/// Takes the exclusive side of the runtime's fence (what a model load holds), waiting up to
/// `timeout_ms` for file-rewriting operations in flight to finish; new ones wait meanwhile.
/// Fails with MVS_STATUS_TIMEOUT. On OK `*out_guard` must be released with
/// `mvs_fence_guard_release`. `runtime` is borrowed.
#[no_mangle]
pub unsafe extern "C" fn mvs_fence_acquire_exclusive(
    runtime: *const mvs_runtime,
    timeout_ms: u64,
    out_guard: *mut *mut mvs_fence_guard,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, fence_acquire_exclusive_impl(runtime, timeout_ms, out_guard))
}

unsafe fn fence_acquire_exclusive_impl(runtime: *const mvs_runtime, timeout_ms: u64, out_guard: *mut *mut mvs_fence_guard) -> Result<()> {
    let runtime = handle(runtime, "runtime")?;
    let out_guard = out_param(out_guard, "out_guard")?;
    runtime.inner.fence().exclusive(Duration::from_millis(timeout_ms))?;
    write_out(
        out_guard,
        Box::into_raw(Box::new(mvs_fence_guard {
            runtime: runtime.inner.clone(),
        })),
    );
    Ok(())
}

/// Releases the exclusive side. Accepts NULL.
#[no_mangle]
pub unsafe extern "C" fn mvs_fence_guard_release(guard: *mut mvs_fence_guard) {
    if !guard.is_null() {
        // SAFETY: the pointer came from Box::into_raw in fence_acquire_exclusive_impl, released once.
        let guard = unsafe { Box::from_raw(guard) };
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(guard)));
    }
}

/// Fills `out_stats` (caller-allocated) with the fence's counters. `runtime` is borrowed.
#[no_mangle]
pub unsafe extern "C" fn mvs_fence_get_stats(
    runtime: *const mvs_runtime,
    out_stats: *mut mvs_fence_stats,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, fence_stats_impl(runtime, out_stats))
}

unsafe fn fence_stats_impl(runtime: *const mvs_runtime, out_stats: *mut mvs_fence_stats) -> Result<()> {
    let runtime = handle(runtime, "runtime")?;
    let out_stats = out_param(out_stats, "out_stats")?;
    write_out(out_stats, runtime.inner.fence().stats());
    Ok(())
}
