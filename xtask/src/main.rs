//! Developer workflows for PyRust (`cargo xtask NAME`):
//!
//! - `bench [--quick]`: runs the criterion suite, prints a table of medians per stage and
//!   program, and writes it with an SVG chart to docs/performance.md / docs/bench.svg.
//! - `compare-cpython [--quick] [--min-speedup X]`: PyRust and embedded CPython side by side,
//!   interleaved in one process; exits 1 if `2 + 3` end to end is less than X times faster.
//! - `alloc-report`: heap allocations per stage and program, counted with dhat.

mod bench;
mod compare;
mod difffuzz;
mod processes;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    match args.first().map(String::as_str) {
        Some("bench") => bench::run(quick),
        Some("compare-cpython") => {
            let min_speedup = args
                .iter()
                .position(|a| a == "--min-speedup")
                .and_then(|i| args.get(i + 1))
                .and_then(|v| v.parse().ok())
                .unwrap_or(50.0);
            compare::run(quick, min_speedup)
        }
        Some("difffuzz") => difffuzz::run(&args[1..]),
        Some("alloc-report") => {
            // A separate binary: dhat must be its global allocator, and timing runs must not
            // pay for it.
            let status = std::process::Command::new(env!("CARGO"))
                .args([
                    "run",
                    "--quiet",
                    "--release",
                    "--package",
                    "xtask",
                    "--bin",
                    "alloc-report",
                ])
                .status();
            match status {
                Ok(s) if s.success() => ExitCode::SUCCESS,
                _ => ExitCode::FAILURE,
            }
        }
        _ => {
            eprintln!("usage: cargo xtask bench [--quick] | compare-cpython [--quick] [--min-speedup X] | alloc-report");
            ExitCode::from(2)
        }
    }
}
