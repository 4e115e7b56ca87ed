//! Runs a program many times, for profilers:
//! `valgrind --tool=callgrind target/release/examples/profile "2 + 3" 100000 [--vm]`.
//! A first argument `@FILE` reads the program from FILE. With `--vm` it compiles once and times only new-VM-plus-run (the VM-only path).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let source = args.first().cloned().unwrap_or_else(|| "2 + 3".to_string());
    // `@path` reads the program from a file.
    let source = match source.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).expect("readable program file"),
        None => source,
    };
    let runs: u64 = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    if args.iter().any(|a| a == "--vm") {
        let program = pyrust::compile_python(&source).expect("compiles");
        let mut runner = pyrust_benches::VmRunner::new(&program);
        for _ in 0..runs {
            runner.run();
        }
        println!("{runs} VM runs");
        return;
    }
    let mut bytes = 0;
    for _ in 0..runs {
        bytes += pyrust::execute_python(&source)
            .map(|out| out.len())
            .unwrap_or(0);
    }
    println!("{runs} runs, {bytes} bytes of output");
}
