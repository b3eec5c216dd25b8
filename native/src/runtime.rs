//! The engine's own tokio runtime: a fixed number of workers chosen by the caller, no hidden global
//! runtime. Every Lance call made through a table runs `block_on` on this runtime's handle.

use std::future::Future;
use std::sync::{Arc, Once};

use crate::boundary::{out_param, write_out};
use crate::error::{mvs_error, mvs_status, Error, Result};
use crate::fence::Fence;
use crate::ffi_boundary;

/// Opaque runtime handle. Create with `mvs_runtime_new`, free with `mvs_runtime_free`.
#[allow(non_camel_case_types)]
pub struct mvs_runtime {
    pub(crate) inner: Arc<RuntimeInner>,
}

/// Shared by the runtime handle and every table and stream made on it, so the tokio runtime lives
/// until the last of them is gone, whatever order the caller frees them in.
pub struct RuntimeInner {
    tokio: tokio::runtime::Runtime,
    worker_threads: usize,
    fence: Fence,
}

impl RuntimeInner {
    /// Runs a future to completion on this runtime from a caller (non-runtime) thread.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.tokio.handle().block_on(future)
    }

    pub fn worker_threads(&self) -> usize {
        self.worker_threads
    }

    /// The fence file-rewriting operations hold shared and model loads hold exclusive.
    pub fn fence(&self) -> &Fence {
        &self.fence
    }
}

static NAME_RAYON_POOL: Once = Once::new();

/// Index builds run on rayon's global pool, which exists once per process: build it the first time
/// a runtime is made, with named threads (so they can be counted) and rayon's own size (RAYON_NUM_THREADS,
/// else one per CPU). Lance's CPU pool is per process too and sized by LANCE_CPU_THREADS (else one per
/// CPU), read when Lance first needs it. Both are per-process settings, taken from the environment the
/// process started with (docs/threads.md); a runtime's worker count never changes them. (This file once
/// set LANCE_CPU_THREADS from the first runtime's size: a set_var in a running multi-threaded process,
/// and a second runtime of another size silently got the first one's pools.)
fn name_rayon_pool() {
    NAME_RAYON_POOL.call_once(|| {
        // Fails only if something built the global pool first; then that pool stays as it is.
        let _ = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("mvs-rayon-{i}"))
            .build_global();
    });
}

/// Creates a runtime with `worker_threads` tokio workers (0 = number of CPUs).
/// On OK `*out_runtime` must be freed with `mvs_runtime_free`.
#[no_mangle]
pub unsafe extern "C" fn mvs_runtime_new(
    worker_threads: u32,
    out_runtime: *mut *mut mvs_runtime,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, runtime_new_impl(worker_threads, out_runtime))
}

unsafe fn runtime_new_impl(worker_threads: u32, out_runtime: *mut *mut mvs_runtime) -> Result<()> {
    let out_runtime = out_param(out_runtime, "out_runtime")?;
    let workers = match worker_threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n if n > 1024 => return Err(Error::invalid(format!("worker_threads {n} is above the limit (1024)"))),
        n => n as usize,
    };
    name_rayon_pool();
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        // Lance reads local files through spawn_blocking; bound those threads too (tokio's
        // default is 512), so the process's thread count follows the configured size.
        .max_blocking_threads(workers.max(2))
        .thread_name("mvs-worker")
        .enable_all()
        .build()
        .map_err(|e| Error::new(mvs_status::MVS_STATUS_IO, format!("start runtime: {e}")))?;
    let runtime = mvs_runtime {
        inner: Arc::new(RuntimeInner {
            tokio,
            worker_threads: workers,
            fence: Fence::default(),
        }),
    };
    write_out(out_runtime, Box::into_raw(Box::new(runtime)));
    Ok(())
}

/// Number of tokio worker threads of a runtime (borrowed); 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn mvs_runtime_worker_threads(runtime: *const mvs_runtime) -> u32 {
    // SAFETY: a non-NULL runtime is a live handle from mvs_runtime_new (caller contract).
    unsafe { runtime.as_ref() }.map_or(0, |r| r.inner.worker_threads as u32)
}

/// Frees a runtime handle. Accepts NULL. Tables and streams opened on it keep working: the
/// runtime shuts down when the last of them is closed.
#[no_mangle]
pub unsafe extern "C" fn mvs_runtime_free(runtime: *mut mvs_runtime) {
    if !runtime.is_null() {
        // SAFETY: the pointer came from Box::into_raw in runtime_new_impl and is freed once.
        let runtime = unsafe { Box::from_raw(runtime) };
        // Dropping a tokio runtime can block on its workers; never let a panic escape doing so.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(runtime)));
    }
}
