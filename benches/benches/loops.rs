//! Loops and calls, strings and collections: PyRust VM-only (compiled once, new VM per run) and end to end, next to
//! CPython evaluating a precompiled code object and compiling + running.

use criterion::{criterion_group, criterion_main, Criterion};
use pyo3::Python;
use pyrust_benches::{CPythonProgram, VmRunner, COLLECTION_PROGRAMS, LOOP_PROGRAMS};

fn loops(c: &mut Criterion) {
    for program in LOOP_PROGRAMS.iter().chain(&COLLECTION_PROGRAMS) {
        let compiled = pyrust::compile_python(program.source).expect("compiles");
        let cpython = CPythonProgram::new(program);
        let mut group = c.benchmark_group(format!("loops/{}", program.name));
        group.sample_size(10);
        let mut runner = VmRunner::new(&compiled);
        group.bench_function("pyrust_vm", |b| b.iter(|| runner.run()));
        group.bench_function("pyrust_end_to_end", |b| {
            b.iter(|| pyrust::execute_python(program.source).expect("runs"))
        });
        Python::attach(|py| {
            group.bench_function("cpython_eval", |b| b.iter(|| cpython.run_precompiled(py)));
            group.bench_function("cpython_compile_and_eval", |b| {
                b.iter(|| cpython.compile_and_run(py))
            });
        });
        group.finish();
    }
}

criterion_group!(benches, loops);
criterion_main!(benches);
