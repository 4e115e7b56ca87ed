//! `execute_python` from source text to result string.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pyrust_benches::END_TO_END_PROGRAMS;

fn end_to_end(c: &mut Criterion) {
    let mut group = c.benchmark_group("end_to_end");
    for program in END_TO_END_PROGRAMS {
        group.bench_function(program.name, |b| {
            b.iter(|| pyrust::execute_python(black_box(program.source)).expect("runs"))
        });
    }
    group.finish();
}

criterion_group!(benches, end_to_end);
criterion_main!(benches);
