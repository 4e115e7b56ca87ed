//! `cargo xtask alloc-report`: heap allocations (count and bytes) per stage and program,
//! counted with dhat after a warm-up. Its last line is
//! `allocations: 2 + 3 = <n>, variables = <m>` (one warm `execute_python` call each).

use pyrust_benches::{END_TO_END_PROGRAMS, SIMPLE, VARIABLES};

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

/// (blocks, bytes) allocated while running `f`.
fn measure<T>(f: impl FnOnce() -> T) -> (u64, u64) {
    let before = dhat::HeapStats::get();
    let result = f();
    let after = dhat::HeapStats::get();
    drop(result);
    (
        after.total_blocks - before.total_blocks,
        after.total_bytes - before.total_bytes,
    )
}

fn cell((blocks, bytes): (u64, u64)) -> String {
    format!("{blocks} ({bytes} B)")
}

fn main() {
    let _profiler = dhat::Profiler::builder().testing().build();
    println!("Heap allocations: count (bytes). Fresh = new buffers for the stage; warm = the");
    println!(
        "per-thread interpreter after a warm-up run, as repeated execute_python calls see it.\n"
    );
    println!(
        "| {:<10} | {:>14} | {:>14} | {:>14} | {:>14} | {:>16} | {:>16} |",
        "program",
        "lexer fresh",
        "parser fresh",
        "compiler fresh",
        "vm fresh",
        "execute cold",
        "execute warm"
    );
    println!("|{}|", ["---"; 7].join("|"));
    let mut warm_counts = Vec::new();
    for program in END_TO_END_PROGRAMS {
        let source = program.source;
        let lexer = measure(|| pyrust_lexer::tokenize(source).expect("lexes"));
        let ast = pyrust_parser::parse(source).expect("parses");
        let parser = measure(|| pyrust_parser::parse(source).expect("parses"));
        let parser = (parser.0 - lexer.0, parser.1 - lexer.1);
        let compiler = measure(|| pyrust_compiler::compile(source, &ast).expect("compiles"));
        let compiled = pyrust_compiler::compile(source, &ast).expect("compiles");
        let vm = measure(|| {
            let mut buffers = pyrust_vm::VmBuffers::default();
            let limits = pyrust_vm::Limits::default();
            let mut vm = pyrust_vm::Vm::new(&compiled, &limits, &mut buffers);
            vm.run().is_ok()
        });
        let cold = measure(|| pyrust::Interpreter::new().execute(source).expect("runs"));
        for _ in 0..3 {
            pyrust::execute_python(source).expect("warm-up");
        }
        let warm = measure(|| pyrust::execute_python(source).expect("runs"));
        if program.name == SIMPLE.name || program.name == VARIABLES.name {
            warm_counts.push(warm.0);
        }
        println!(
            "| {:<10} | {:>14} | {:>14} | {:>14} | {:>14} | {:>16} | {:>16} |",
            program.name,
            cell(lexer),
            cell(parser),
            cell(compiler),
            cell(vm),
            cell(cold),
            cell(warm)
        );
    }
    println!(
        "\nallocations: {} = {}, variables = {}",
        SIMPLE.source, warm_counts[0], warm_counts[1]
    );
}
