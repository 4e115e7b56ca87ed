//! Runs `execute_python` on one program many times, for profilers:
//! `valgrind --tool=callgrind target/release/examples/profile "2 + 3" 100000`.

fn main() {
    let mut args = std::env::args().skip(1);
    let source = args.next().unwrap_or_else(|| "2 + 3".to_string());
    let runs: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let mut bytes = 0;
    for _ in 0..runs {
        bytes += pyrust::execute_python(&source)
            .map(|out| out.len())
            .unwrap_or(0);
    }
    println!("{runs} runs, {bytes} bytes of output");
}
