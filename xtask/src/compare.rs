//! `cargo xtask compare-cpython`: PyRust against CPython 3.11 embedded through pyo3, in one
//! process, measurements interleaved round by round so machine noise hits both sides alike.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use pyo3::Python;
use pyrust::{Interpreter, RunLimits};
use pyrust_benches::{
    cpython_version, CPythonProgram, COLLECTION_PROGRAMS, END_TO_END_PROGRAMS, LOOP_PROGRAMS,
};

/// Medians (ns per run) of one program's four measurements.
pub struct Comparison {
    pub name: &'static str,
    pub source: &'static str,
    pub pyrust_end_to_end: f64,
    pub cpython_compile_eval: f64,
    pub pyrust_vm_only: f64,
    pub cpython_eval: f64,
}

pub fn run(quick: bool, min_speedup: f64) -> ExitCode {
    // Whole processes first, while this process is small: spawning children from a process
    // that has initialised the embedded CPython and run the benchmarks costs more (about
    // 0.8 ms per spawn here), which hid half of PyRust's start-up advantage.
    let processes = crate::processes::compare(quick);
    println!("CPython (embedded): {}", cpython_version());
    let (rounds, batch_ns) = if quick {
        (7, 2_000_000.0)
    } else {
        (31, 10_000_000.0)
    };
    let mut results = Vec::new();
    for program in END_TO_END_PROGRAMS {
        match compare_program(&program, rounds, batch_ns) {
            Ok(result) => results.push(result),
            Err(message) => {
                eprintln!("{}: {message}", program.name);
                return ExitCode::FAILURE;
            }
        }
    }
    let loop_rounds = if quick { 3 } else { 11 };
    let mut loop_results = Vec::new();
    for program in LOOP_PROGRAMS {
        match compare_program(&program, loop_rounds, 0.0) {
            Ok(result) => loop_results.push(result),
            Err(message) => {
                eprintln!("{}: {message}", program.name);
                return ExitCode::FAILURE;
            }
        }
    }
    let mut collection_results = Vec::new();
    for program in COLLECTION_PROGRAMS {
        match compare_program(&program, loop_rounds, 0.0) {
            Ok(result) => collection_results.push(result),
            Err(message) => {
                eprintln!("{}: {message}", program.name);
                return ExitCode::FAILURE;
            }
        }
    }
    println!();
    print_table("In process (embedded CPython)", &results);
    print_table(
        "Loops and calls, in process (embedded CPython)",
        &loop_results,
    );
    print_table(
        "Strings and collections, in process (embedded CPython)",
        &collection_results,
    );
    match processes {
        Ok(table) => println!("{table}"),
        Err(message) => {
            eprintln!("whole-process comparison failed: {message}");
            return ExitCode::FAILURE;
        }
    }
    let simple = &results[0];
    let speedup = simple.cpython_compile_eval / simple.pyrust_end_to_end;
    let passed = speedup >= min_speedup;
    if !passed {
        println!(
            "FAIL: end-to-end speedup on {} is below {min_speedup}x",
            simple.source
        );
    }
    println!("speedup {}: {speedup:.1}x (end to end)", simple.source);
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print_table(title: &str, results: &[Comparison]) {
    println!("{title}");
    println!(
        "{:<11} {:>14} {:>16} {:>9} {:>14} {:>14} {:>9}",
        "program",
        "PyRust e2e ns",
        "CPython c+e ns",
        "speedup",
        "PyRust VM ns",
        "CPython ev ns",
        "speedup"
    );
    for r in results {
        println!(
            "{:<11} {:>14.1} {:>16.1} {:>8.1}x {:>14.1} {:>14.1} {:>8.1}x",
            r.name,
            r.pyrust_end_to_end,
            r.cpython_compile_eval,
            r.cpython_compile_eval / r.pyrust_end_to_end,
            r.pyrust_vm_only,
            r.cpython_eval,
            r.cpython_eval / r.pyrust_vm_only
        );
    }
    println!();
}

fn compare_program(
    program: &pyrust_benches::BenchProgram,
    rounds: usize,
    batch_ns: f64,
) -> Result<Comparison, String> {
    let source = program.source;
    let cpython = CPythonProgram::new(program);
    let compiled = pyrust::compile_python(source).map_err(|e| e.to_string())?;
    let mut interpreter = Interpreter::new();
    Python::attach(|py| {
        // Both sides must agree before anything is timed.
        let ours = interpreter.execute(source).map_err(|e| e.to_string())?;
        cpython.compile_and_run(py);
        let theirs = cpython.result_repr(py);
        if ours != theirs {
            return Err(format!(
                "results differ: PyRust {ours:?}, CPython {theirs:?}"
            ));
        }
        let vm_only = pyrust::run_compiled(source, &compiled, RunLimits::default())
            .map_err(|e| e.to_string())?;
        if vm_only != theirs {
            return Err(format!("VM-only result differs: {vm_only:?} vs {theirs:?}"));
        }
        let mut measurements: [Vec<f64>; 4] = Default::default();
        let mut e2e = || {
            black_box(interpreter.execute(black_box(source)).ok());
        };
        let mut cpy_e2e = || cpython.compile_and_run(py);
        let mut vm = pyrust_benches::VmRunner::new(&compiled);
        let mut vm_run = || vm.run();
        let mut cpy_eval = || cpython.run_precompiled(py);
        let iterations = [
            calibrate(&mut e2e, batch_ns),
            calibrate(&mut cpy_e2e, batch_ns),
            calibrate(&mut vm_run, batch_ns),
            calibrate(&mut cpy_eval, batch_ns),
        ];
        for _ in 0..rounds {
            measurements[0].push(time_batch(&mut e2e, iterations[0]));
            measurements[1].push(time_batch(&mut cpy_e2e, iterations[1]));
            measurements[2].push(time_batch(&mut vm_run, iterations[2]));
            measurements[3].push(time_batch(&mut cpy_eval, iterations[3]));
        }
        let [a, b, c, d] = measurements.map(median);
        println!(
            "{:<11} e2e {a:>12.1} ns vs {b:>12.1} ns | vm {c:>12.1} ns vs {d:>12.1} ns",
            program.name
        );
        Ok(Comparison {
            name: program.name,
            source,
            pyrust_end_to_end: a,
            cpython_compile_eval: b,
            pyrust_vm_only: c,
            cpython_eval: d,
        })
    })
}

/// Iterations that take about `batch_ns`.
fn calibrate(f: &mut dyn FnMut(), batch_ns: f64) -> u64 {
    let mut n = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        let elapsed = start.elapsed().as_nanos() as f64;
        if elapsed >= batch_ns / 4.0 || n >= 1 << 30 {
            return ((batch_ns / elapsed.max(1.0)) * n as f64).max(1.0) as u64;
        }
        n *= 4;
    }
}

/// Nanoseconds per call over `n` calls.
fn time_batch(f: &mut dyn FnMut(), n: u64) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed().as_nanos() as f64 / n as f64
}

pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    }
}
