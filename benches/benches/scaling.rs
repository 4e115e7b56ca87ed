//! How each stage scales with program size: a generated 10,000-line program (see
//! `generated_program`), per stage and end to end. `cargo xtask bench` reports lines/second.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use pyrust_benches::{generated_program, VmRunner};
use pyrust_compiler::{CompileBuffers, Program};
use pyrust_parser::{Ast, ParseBuffers};

const LINES: usize = 10_000;

fn scaling(c: &mut Criterion) {
    let source = generated_program(LINES);
    let tokens = pyrust_lexer::tokenize(&source).expect("lexes");
    let mut parse_buffers = ParseBuffers::default();
    let mut ast = Ast::default();
    pyrust_parser::parse_with(&source, &mut parse_buffers, &mut ast).expect("parses");
    let mut compile_buffers = CompileBuffers::default();
    let mut compiled = Program::default();
    pyrust_compiler::compile_into(&source, &ast, &mut compiled, &mut compile_buffers)
        .expect("compiles");

    let mut group = c.benchmark_group("scaling_10k_lines");
    group.throughput(Throughput::Elements(LINES as u64));
    group.sample_size(20);
    let mut token_buffer = Vec::new();
    group.bench_function("lexer", |b| {
        b.iter(|| {
            pyrust_lexer::tokenize_into(black_box(&source), &mut token_buffer).expect("lexes")
        })
    });
    let mut parse_ast = Ast::default();
    group.bench_function("parser", |b| {
        b.iter(|| {
            pyrust_parser::parse_tokens_with(&source, &tokens, &mut parse_buffers, &mut parse_ast)
                .expect("parses")
        })
    });
    let mut program_buffer = Program::default();
    group.bench_function("compiler", |b| {
        b.iter(|| {
            pyrust_compiler::compile_into(&source, &ast, &mut program_buffer, &mut compile_buffers)
                .expect("compiles")
        })
    });
    let mut runner = VmRunner::new(&compiled);
    group.bench_function("vm", |b| b.iter(|| runner.run()));
    group.bench_function("end_to_end", |b| {
        b.iter(|| pyrust::execute_python(black_box(&source)).expect("runs"))
    });
    group.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
