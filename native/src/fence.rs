//! The fence: file-rewriting operations (delete, compaction, index build/optimize, cleanup, restore,
//! overwrite, merge-insert) hold it shared; a model load holds it exclusive. So no table file is
//! rewritten or unlinked while model weights are being mapped into memory (the SIGBUS the old
//! storage layer hit). One lives on each runtime, natively, so it covers every table on the runtime.
//! This module is the pure type; `fence_guard.rs` exports it through the C ABI.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::error::{mvs_status, Error, Result};

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
    /// Times a holder of one side found a holder of the other side inside. Must stay 0.
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

/// Who is inside, counted by the holders themselves on entry and exit, apart from the gate's own
/// state: if the gate ever let both sides in, the later of the two entries sees the other (both
/// increment, then read the other side, sequentially consistent) and counts an overlap.
#[derive(Default)]
struct Inside {
    shared: AtomicU64,
    exclusive: AtomicU64,
    overlaps: AtomicU64,
}

impl Inside {
    fn enter(&self, mine: &AtomicU64, other: &AtomicU64) {
        mine.fetch_add(1, Ordering::SeqCst);
        if other.load(Ordering::SeqCst) > 0 {
            self.overlaps.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn enter_shared(&self) {
        self.enter(&self.shared, &self.exclusive);
    }

    fn enter_exclusive(&self) {
        self.enter(&self.exclusive, &self.shared);
    }
}

/// A reader-writer gate that prefers the exclusive side (a model load must not starve behind a
/// stream of deletes), with counters.
#[derive(Default)]
pub struct Fence {
    state: Mutex<State>,
    changed: Condvar,
    inside: Inside,
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
        state.shared += 1;
        state.stats.shared_acquisitions += 1;
        record_wait(&mut state.stats, waited, started);
        drop(state);
        self.inside.enter_shared();
        SharedGuard { fence: self }
    }

    /// Takes the exclusive side, waiting up to `timeout` for shared holders to finish. Release it
    /// with [`Fence::release_exclusive`].
    pub fn exclusive(&self, timeout: Duration) -> Result<()> {
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
                    format!(
                        "fence: exclusive side not acquired within {} ms ({shared} file-rewriting operations active)",
                        timeout.as_millis()
                    ),
                ));
            }
            state = self
                .changed
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        state.exclusive_waiting -= 1;
        state.exclusive = true;
        state.stats.exclusive_acquisitions += 1;
        record_wait(&mut state.stats, waited, started);
        drop(state);
        self.inside.enter_exclusive();
        Ok(())
    }

    /// Releases the exclusive side taken by a successful [`Fence::exclusive`].
    pub fn release_exclusive(&self) {
        // Leave before the gate opens, so a shared holder let in next never sees us inside.
        self.inside.exclusive.fetch_sub(1, Ordering::SeqCst);
        self.lock().exclusive = false;
        self.changed.notify_all();
    }

    pub fn stats(&self) -> mvs_fence_stats {
        let state = self.lock();
        mvs_fence_stats {
            shared_active: state.shared,
            exclusive_active: state.exclusive as u64,
            overlaps: self.inside.overlaps.load(Ordering::SeqCst),
            ..state.stats
        }
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
        self.fence.inside.shared.fetch_sub(1, Ordering::SeqCst);
        let mut state = self.fence.lock();
        state.shared -= 1;
        let last = state.shared == 0;
        drop(state);
        if last {
            self.fence.changed.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;
    use std::sync::{Arc, Barrier};
    use std::thread;

    #[test]
    fn exclusive_times_out_while_a_shared_holder_is_inside() {
        let fence = Fence::default();
        let guard = fence.shared();
        let err = fence.exclusive(Duration::from_millis(30)).unwrap_err();
        assert_eq!(err.status, mvs_status::MVS_STATUS_TIMEOUT);
        assert!(err.message.contains("1 file-rewriting operations active"), "{}", err.message);
        drop(guard);
        let s = fence.stats();
        assert_eq!(
            (s.timeouts, s.shared_acquisitions, s.exclusive_acquisitions, s.shared_active),
            (1, 1, 0, 0)
        );
        fence.exclusive(Duration::ZERO).expect("free once the holder left");
        assert_eq!(fence.stats().exclusive_active, 1);
        fence.release_exclusive();
        assert_eq!(fence.stats().overlaps, 0);
    }

    #[test]
    fn exclusive_waits_for_the_shared_holder_and_new_shared_wait_for_it() {
        let fence = Arc::new(Fence::default());
        let guard = fence.shared();
        let got = Arc::new(AtomicBool::new(false));
        let waiter = {
            let (fence, got) = (fence.clone(), got.clone());
            thread::spawn(move || {
                fence.exclusive(Duration::from_secs(10)).unwrap();
                got.store(true, Ordering::SeqCst);
                thread::sleep(Duration::from_millis(50));
                fence.release_exclusive();
            })
        };
        while fence.lock().exclusive_waiting == 0 {
            thread::yield_now();
        }
        assert!(
            !got.load(Ordering::SeqCst),
            "the exclusive side waits while a shared holder is inside"
        );
        // A new shared taker queues behind the waiting exclusive side (no starvation of the model load).
        let late = {
            let (fence, got) = (fence.clone(), got.clone());
            thread::spawn(move || {
                let _g = fence.shared();
                assert!(got.load(Ordering::SeqCst), "the exclusive side went first");
            })
        };
        thread::sleep(Duration::from_millis(20));
        drop(guard);
        waiter.join().unwrap();
        late.join().unwrap();
        let s = fence.stats();
        assert_eq!((s.overlaps, s.exclusive_acquisitions, s.shared_acquisitions), (0, 1, 2));
        assert!(s.waits >= 2, "the exclusive taker and the late shared taker both waited: {s:?}");
    }

    #[test]
    fn many_threads_of_both_sides_never_overlap() {
        let fence = Arc::new(Fence::default());
        let start = Arc::new(Barrier::new(8));
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let (fence, start) = (fence.clone(), start.clone());
                thread::spawn(move || {
                    start.wait();
                    for _ in 0..200 {
                        if i % 4 == 0 {
                            fence.exclusive(Duration::from_secs(10)).unwrap();
                            thread::yield_now();
                            fence.release_exclusive();
                        } else {
                            let _g = fence.shared();
                            thread::yield_now();
                        }
                    }
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        let s = fence.stats();
        assert_eq!((s.overlaps, s.shared_active, s.exclusive_active), (0, 0, 0));
        assert_eq!((s.exclusive_acquisitions, s.shared_acquisitions), (400, 1200));
    }

    /// The overlap counter counts what holders see, not what the gate believes: a holder let in
    /// past the gate while the other side is inside is counted. (The check the tests above rely on
    /// can fail.)
    #[test]
    fn a_holder_let_in_past_the_gate_is_counted_as_an_overlap() {
        let fence = Fence::default();
        fence.exclusive(Duration::ZERO).unwrap();
        fence.inside.enter_shared(); // what a broken gate would do
        assert_eq!(fence.stats().overlaps, 1);
        fence.inside.shared.fetch_sub(1, Ordering::SeqCst);
        fence.release_exclusive();

        let guard = fence.shared();
        fence.inside.enter_exclusive();
        assert_eq!(fence.stats().overlaps, 2);
        fence.inside.exclusive.fetch_sub(1, Ordering::SeqCst);
        drop(guard);
    }
}
