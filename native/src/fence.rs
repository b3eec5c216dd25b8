//! The fence: file-rewriting operations (delete, compaction, index build/optimize, cleanup, restore,
//! overwrite, merge-insert) hold it shared; a model load holds it exclusive. So no table file is
//! rewritten or unlinked while model weights are being mapped into memory (the SIGBUS the old
//! storage layer hit). It lives on the runtime, natively, so it covers every table on the runtime.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::boundary::{handle, out_param, write_out};
use crate::error::{mvs_error, mvs_status, Error, Result};
use crate::ffi_boundary;
use crate::runtime::{mvs_runtime, RuntimeInner};

/// Counters of a fence since its runtime was created. Caller-allocated, filled on OK.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct mvs_fence_stats {
    /// Times the shared side was taken (file-rewriting operations).
    pub shared_acquisitions: u64,
    /// Times the exclusive side was taken (model loads).
    pub exclusive_acquisitions: u64,
    /// Acquisitions (either side) that had to wait for the other side.
    pub waits: u64,
    /// Total time spent waiting, in nanoseconds.
    pub wait_nanos: u64,
    /// Exclusive acquisitions that gave up after their timeout.
    pub timeouts: u64,
    /// Times a shared and an exclusive holder were active together. Must stay 0.
    pub overlaps: u64,
    /// Shared holders active right now.
    pub shared_active: u64,
    /// 1 while the exclusive side is held, else 0.
    pub exclusive_active: u64,
}

#[derive(Default)]
struct State {
    shared: u64,
    exclusive: bool,
    exclusive_waiting: u64,
    stats: mvs_fence_stats,
}

/// A reader-writer gate that prefers the exclusive side (a model load must not starve behind a
/// stream of deletes), with counters.
#[derive(Default)]
pub struct Fence {
    state: Mutex<State>,
    changed: Condvar,
}

impl Fence {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the shared side, waiting while the exclusive side is held or wanted.
    pub fn shared(&self) -> SharedGuard<'_> {
        let mut state = self.lock();
        let started = Instant::now();
        let mut waited = false;
        while state.exclusive || state.exclusive_waiting > 0 {
            waited = true;
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        if state.exclusive {
            state.stats.overlaps += 1;
        }
        state.shared += 1;
        state.stats.shared_acquisitions += 1;
        record_wait(&mut state.stats, waited, started);
        SharedGuard { fence: self }
    }

    /// Takes the exclusive side, waiting up to `timeout` for shared holders to finish.
    fn exclusive(&self, timeout: Duration) -> Result<()> {
        let mut state = self.lock();
        let started = Instant::now();
        let deadline = started + timeout;
        state.exclusive_waiting += 1;
        let mut waited = false;
        while state.exclusive || state.shared > 0 {
            waited = true;
            let now = Instant::now();
            if now >= deadline {
                state.exclusive_waiting -= 1;
                state.stats.timeouts += 1;
                record_wait(&mut state.stats, true, started);
                let shared = state.shared;
                drop(state);
                self.changed.notify_all();
                return Err(Error::new(
                    mvs_status::MVS_STATUS_TIMEOUT,
                    format!("fence: exclusive side not acquired within {} ms ({shared} file-rewriting operations active)", timeout.as_millis()),
                ));
            }
            state = self.changed.wait_timeout(state, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
        state.exclusive_waiting -= 1;
        if state.shared > 0 {
            state.stats.overlaps += 1;
        }
        state.exclusive = true;
        state.stats.exclusive_acquisitions += 1;
        record_wait(&mut state.stats, waited, started);
        Ok(())
    }

    fn release_exclusive(&self) {
        self.lock().exclusive = false;
        self.changed.notify_all();
    }

    pub fn stats(&self) -> mvs_fence_stats {
        let state = self.lock();
        mvs_fence_stats { shared_active: state.shared, exclusive_active: state.exclusive as u64, ..state.stats }
    }
}

fn record_wait(stats: &mut mvs_fence_stats, waited: bool, started: Instant) {
    if waited {
        stats.waits += 1;
        stats.wait_nanos += started.elapsed().as_nanos() as u64;
    }
}

/// Holds the shared side until dropped.
pub struct SharedGuard<'a> {
    fence: &'a Fence,
}

impl Drop for SharedGuard<'_> {
    fn drop(&mut self) {
        let mut state = self.fence.lock();
        state.shared -= 1;
        let last = state.shared == 0;
        drop(state);
        if last {
            self.fence.changed.notify_all();
        }
    }
}

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
pub extern "C" fn mvs_fence_acquire_exclusive(
    runtime: *const mvs_runtime,
    timeout_ms: u64,
    out_guard: *mut *mut mvs_fence_guard,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, fence_acquire_exclusive_impl(runtime, timeout_ms, out_guard))
}

fn fence_acquire_exclusive_impl(runtime: *const mvs_runtime, timeout_ms: u64, out_guard: *mut *mut mvs_fence_guard) -> Result<()> {
    let runtime = handle(runtime, "runtime")?;
    let out_guard = out_param(out_guard, "out_guard")?;
    runtime.inner.fence().exclusive(Duration::from_millis(timeout_ms))?;
    write_out(out_guard, Box::into_raw(Box::new(mvs_fence_guard { runtime: runtime.inner.clone() })));
    Ok(())
}

/// Releases the exclusive side. Accepts NULL.
#[no_mangle]
pub extern "C" fn mvs_fence_guard_release(guard: *mut mvs_fence_guard) {
    if !guard.is_null() {
        // SAFETY: the pointer came from Box::into_raw in fence_acquire_exclusive_impl, released once.
        let guard = unsafe { Box::from_raw(guard) };
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(guard)));
    }
}

/// Fills `out_stats` (caller-allocated) with the fence's counters. `runtime` is borrowed.
#[no_mangle]
pub extern "C" fn mvs_fence_get_stats(
    runtime: *const mvs_runtime,
    out_stats: *mut mvs_fence_stats,
    out_error: *mut *mut mvs_error,
) -> mvs_status {
    ffi_boundary!(out_error, fence_stats_impl(runtime, out_stats))
}

fn fence_stats_impl(runtime: *const mvs_runtime, out_stats: *mut mvs_fence_stats) -> Result<()> {
    let runtime = handle(runtime, "runtime")?;
    let out_stats = out_param(out_stats, "out_stats")?;
    write_out(out_stats, runtime.inner.fence().stats());
    Ok(())
}
