//! CPython 3.11 (embedded with pyo3) doing the same work as the PyRust benchmarks:
//! compile + run per iteration (source to result, like `execute_python`), and running a code
//! object compiled once (the VM-only path).

use criterion::{criterion_group, criterion_main, Criterion};
use pyo3::Python;
use pyrust_benches::{cpython_version, CPythonProgram, END_TO_END_PROGRAMS};

fn cpython(c: &mut Criterion) {
    println!("CPython: {}", cpython_version());
    for program in END_TO_END_PROGRAMS {
        let prepared = CPythonProgram::new(&program);
        let mut group = c.benchmark_group(format!("cpython/{}", program.name));
        Python::attach(|py| {
            group.bench_function("compile_and_eval", |b| {
                b.iter(|| prepared.compile_and_run(py))
            });
            group.bench_function("eval_precompiled", |b| {
                b.iter(|| prepared.run_precompiled(py))
            });
        });
        group.finish();
    }
}

criterion_group!(benches, cpython);
criterion_main!(benches);
