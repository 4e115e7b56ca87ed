//! Allocation ceilings of `execute_python`, counted with dhat (deterministic, unlike time).
//!
//! The original design's ceilings are 5 allocations for `2 + 3` and 8 for the variables
//! program; the targets are tighter: only the result `String` once the per-thread
//! interpreter's buffers have grown (a warm-up run). The counts are process-wide, so this
//! binary has no test harness (`harness = false`): no libtest thread can allocate while a
//! call is measured.

use pyrust::execute_python;

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

const SIMPLE: &str = "2 + 3";
const VARIABLES: &str = "x = 10\ny = 20\nx + y";
const FUNCTION: &str = "def add(a, b):\n    return a + b\nadd(2, 3)";
const PRINT: &str = "print(42)";
/// Recursion: frames and the callers' saved validity bitmaps grow in reused storage.
const RECURSIVE: &str =
    "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nfib(15)";
/// A loop: its labels live in the compiler's reused buffers.
const LOOP: &str = "total = 0\ni = 0\nwhile i < 1000:\n    total = total + i\n    i = i + 1\ntotal";

fn allocations_of(code: &str) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    let result = execute_python(code);
    let after = dhat::HeapStats::get().total_blocks;
    assert!(result.is_ok(), "{code}: {result:?}");
    after - before
}

fn main() {
    execute_python_stays_under_allocation_ceilings();
    println!("allocations: ok");
}

fn execute_python_stays_under_allocation_ceilings() {
    let _profiler = dhat::Profiler::builder().testing().build();
    for _ in 0..2 {
        for code in [SIMPLE, VARIABLES, FUNCTION, PRINT, RECURSIVE, LOOP] {
            execute_python(code).expect("warm-up run");
        }
    }
    let simple = allocations_of(SIMPLE);
    let variables = allocations_of(VARIABLES);
    let function = allocations_of(FUNCTION);
    let print = allocations_of(PRINT);
    let recursive = allocations_of(RECURSIVE);
    let looping = allocations_of(LOOP);
    // Ceilings from the original design.
    assert!(simple <= 5, "2 + 3 made {simple} allocations");
    assert!(
        variables <= 8,
        "variables program made {variables} allocations"
    );
    // Targets: the result String is the only allocation.
    assert_eq!(simple, 1, "2 + 3");
    assert_eq!(variables, 1, "variables");
    assert_eq!(function, 1, "function program");
    // Printed output stays in the VM's inline buffer; the result String is the one allocation.
    assert_eq!(print, 1, "print(42)");
    assert_eq!(recursive, 1, "recursive function program");
    assert_eq!(looping, 1, "while loop program");
}
