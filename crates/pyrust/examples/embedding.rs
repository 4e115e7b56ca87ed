//! Embedding PyRust in a host program: run untrusted snippets under limits, keep their
//! output when they fail, stop them from another thread, and reuse one interpreter.
//!
//! Run with `cargo run -p pyrust --example embedding`; `tests/api.rs` runs it too.

use std::time::Duration;

use pyrust::{Interpreter, RunLimits};

pub fn main() {
    // Limits for code the host did not write: 1 million steps, 8 MiB of heap, 200 frames,
    // half a second of wall-clock time.
    let limits = RunLimits {
        max_steps: 1_000_000,
        max_heap_bytes: 8 << 20,
        max_call_depth: 200,
        max_duration: Some(Duration::from_millis(500)),
        max_source_bytes: 1 << 20,
        max_nesting_depth: 100,
    };
    let mut interpreter = Interpreter::with_limits(limits);

    // A formula: the result is the repr of the last expression.
    let total = interpreter
        .execute("price = 1250\nqty = 3\nprice * qty // 100")
        .expect("the formula runs");
    println!("total = {total}");

    // A failing snippet: the error reads like CPython's and keeps what was printed.
    let error = interpreter
        .execute("print('checking')\nrate = 0\n100 / rate")
        .expect_err("division by zero");
    println!(
        "error = {error} (line {}), printed {:?}",
        error.line, error.output
    );

    // A runaway snippet is stopped by its limits, not by the host.
    let error = interpreter
        .execute("x = 1\nwhile True:\n    x = x + 1")
        .expect_err("runs out of steps");
    println!("runaway = {}", error.python_type());

    // Another thread can cancel a run.
    let mut unlimited = Interpreter::with_limits(RunLimits {
        max_steps: u64::MAX,
        ..RunLimits::default()
    });
    let cancel = unlimited.cancel_handle();
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(10));
        cancel.cancel();
    });
    let error = unlimited
        .execute("while True:\n    pass")
        .expect_err("cancelled");
    println!("cancelled = {}", error.python_type());
    canceller.join().expect("canceller thread");
}
