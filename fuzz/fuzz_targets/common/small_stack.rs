//! Runs each fuzz input on one long-lived worker thread with a small native stack.
//!
//! libFuzzer calls the target on its own thread, whose stack (8 MiB for the main thread)
//! hides unguarded recursion: a program that needs 1 MiB of native stack would pass there
//! and overflow an embedder's small thread. So every target hands its input to a worker
//! thread with a [`STACK_SIZE`] stack (the stack of `crates/pyrust/tests/fuzz_regressions.rs`)
//! and waits for it. The worker is created once (by [`start`], from the target's `init`) and
//! reused: spawning a thread per input would dominate the cost of small inputs.
//!
//! The hand-over allocates nothing per input (a mutex, two condition variables and an input
//! buffer that goes back and forth), so an input whose run frees what it allocates does not
//! look like a leak to libFuzzer, which would otherwise run it a second time to check
//! (`-detect_leaks`).
//!
//! How findings still reach libFuzzer with the input that caused them:
//! - a panic: libfuzzer-sys's panic hook aborts the process (from whichever thread panics),
//!   and libFuzzer's SIGABRT handler writes `crash-*`. The worker also catches the unwind
//!   and the fuzzing thread panics again with its message, in case no aborting hook is set;
//! - a native stack overflow: the guard page faults; ASan (or Rust's handler) reports it and
//!   aborts, and libFuzzer writes `crash-*`;
//! - a timeout: libFuzzer's SIGALRM handler does nothing unless it runs on the fuzzing
//!   thread, so the worker blocks SIGALRM and the signal is not delivered to it; the fuzzing
//!   thread, waiting for the worker, handles it and `timeout-*` is written;
//! - running out of memory (`-rss_limit_mb`, `-malloc_limit_mb`): process-wide, `oom-*`.

use std::any::Any;
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// Native stack of the worker thread: 256 KiB.
pub const STACK_SIZE: usize = 256 * 1024;

/// A caught panic's payload.
type Panic = Box<dyn Any + Send>;

/// What is being handed over between the fuzzing thread and the worker.
enum Slot {
    Empty,
    /// A target and its input, for the worker.
    Job(fn(&[u8]), Vec<u8>),
    /// The input buffer back, and the panic payload if the target panicked.
    Done(Vec<u8>, Result<(), Panic>),
}

struct Shared {
    slot: Mutex<Slot>,
    job_ready: Condvar,
    job_done: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Slot> {
        // Nothing panics while holding the lock; stay usable regardless.
        self.slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

struct Worker {
    shared: Arc<Shared>,
    buffer: Vec<u8>,
}

thread_local! {
    /// The worker of this (the fuzzing) thread.
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

impl Worker {
    fn spawn() -> Worker {
        let shared = Arc::new(Shared {
            slot: Mutex::new(Slot::Empty),
            job_ready: Condvar::new(),
            job_done: Condvar::new(),
        });
        let worker_shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("fuzz-worker-256k".into())
            .stack_size(STACK_SIZE)
            .spawn(move || serve(&worker_shared))
            .expect("spawn the fuzz worker thread");
        Worker {
            shared,
            // libFuzzer's default `-max_len`; a longer input grows it (realloc: no leak).
            buffer: Vec::with_capacity(4096),
        }
    }

    fn run(&mut self, target: fn(&[u8]), data: &[u8]) {
        let mut input = std::mem::take(&mut self.buffer);
        input.clear();
        input.extend_from_slice(data);
        let mut slot = self.shared.lock();
        *slot = Slot::Job(target, input);
        self.shared.job_ready.notify_one();
        let outcome = loop {
            match std::mem::replace(&mut *slot, Slot::Empty) {
                Slot::Done(input, outcome) => {
                    self.buffer = input;
                    break outcome;
                }
                other => {
                    *slot = other;
                    slot = self
                        .shared
                        .job_done
                        .wait(slot)
                        .unwrap_or_else(|poisoned| poisoned.into_inner());
                }
            }
        };
        drop(slot);
        if let Err(payload) = outcome {
            panic!(
                "fuzz target panicked on the worker thread: {}",
                panic_message(&*payload)
            );
        }
    }
}

/// The worker thread: runs each job handed over and hands back its outcome.
fn serve(shared: &Shared) {
    block_sigalrm();
    let mut slot = shared.lock();
    loop {
        match std::mem::replace(&mut *slot, Slot::Empty) {
            Slot::Job(target, input) => {
                drop(slot);
                let outcome = panic::catch_unwind(AssertUnwindSafe(|| target(&input)));
                slot = shared.lock();
                *slot = Slot::Done(input, outcome);
                shared.job_done.notify_one();
            }
            other => *slot = other,
        }
        slot = shared
            .job_ready
            .wait(slot)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
    }
}

/// Keeps libFuzzer's timeout signal off the worker (see the module documentation).
fn block_sigalrm() {
    // SAFETY: plain libc calls on a local, zero-initialised signal set.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGALRM);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "a panic without a message"
    }
}

/// Spawns the worker thread and runs an empty job on it (so that it has started). Call it
/// from the fuzz target's `init`, so that these one-time allocations are not counted against
/// the first input; [`run`] spawns the worker if needed.
pub fn start() {
    WORKER.with(|worker| {
        worker
            .borrow_mut()
            .get_or_insert_with(Worker::spawn)
            .run(|_| {}, &[])
    });
}

/// Runs `target(data)` on the small-stack worker thread and waits for it; a panic there
/// becomes a panic here.
pub fn run(data: &[u8], target: fn(&[u8])) {
    WORKER.with(|worker| {
        worker
            .borrow_mut()
            .get_or_insert_with(Worker::spawn)
            .run(target, data)
    });
}
