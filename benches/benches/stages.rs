//! Each pipeline stage alone, on input prepared outside the timed loop, with the buffers a
//! reused interpreter would have (the fresh-VM case creates a VM per iteration, as a call of
//! `execute_python` does).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pyrust_benches::{VmRunner, STAGE_PROGRAMS};
use pyrust_compiler::{CompileBuffers, Program};
use pyrust_parser::{Ast, ParseBuffers};

fn stages(c: &mut Criterion) {
    for program in STAGE_PROGRAMS {
        let source = program.source;
        let tokens = pyrust_lexer::tokenize(source).expect("lexes");
        let mut parse_buffers = ParseBuffers::default();
        let mut ast = Ast::default();
        pyrust_parser::parse_with(source, &mut parse_buffers, &mut ast).expect("parses");
        let mut compile_buffers = CompileBuffers::default();
        let mut compiled = Program::default();
        pyrust_compiler::compile_into(source, &ast, &mut compiled, &mut compile_buffers)
            .expect("compiles");

        let mut group = c.benchmark_group(format!("stages/{}", program.name));
        let mut token_buffer = Vec::new();
        group.bench_function("lexer", |b| {
            b.iter(|| {
                pyrust_lexer::tokenize_into(black_box(source), &mut token_buffer).expect("lexes")
            })
        });
        let mut parse_ast = Ast::default();
        group.bench_function("parser", |b| {
            b.iter(|| {
                pyrust_parser::parse_tokens_with(
                    black_box(source),
                    &tokens,
                    &mut parse_buffers,
                    &mut parse_ast,
                )
                .expect("parses")
            })
        });
        let mut program_buffer = Program::default();
        group.bench_function("compiler", |b| {
            b.iter(|| {
                pyrust_compiler::compile_into(
                    black_box(source),
                    &ast,
                    &mut program_buffer,
                    &mut compile_buffers,
                )
                .expect("compiles")
            })
        });
        // The VM runner verifies its program once; the per-run check of a fresh program is
        // measured on its own.
        group.bench_function("verify", |b| {
            b.iter(|| pyrust_vm::verify::verify(black_box(&compiled)).expect("verifies"))
        });
        let mut runner = VmRunner::new(&compiled);
        group.bench_function("vm", |b| b.iter(|| runner.run()));
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
