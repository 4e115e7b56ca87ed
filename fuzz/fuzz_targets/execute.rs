#![no_main]

use libfuzzer_sys::fuzz_target;
use pyrust::RunLimits;

#[path = "common/small_stack.rs"]
mod small_stack;

/// Small limits so that every input finishes quickly and within a bounded heap.
const LIMITS: RunLimits = RunLimits {
    max_steps: 100_000,
    max_call_depth: 200,
    max_heap_bytes: 16 << 20,
    max_duration: None,
    max_source_bytes: 1 << 20,
    max_nesting_depth: 600,
};

/// What the facade turns a caught panic into (`SystemError: internal error in PyRust: ...`).
const INTERNAL_ERROR: &str = "SystemError: internal error in PyRust";

fn execute(data: &[u8]) {
    if let Ok(source) = std::str::from_utf8(data) {
        // The facade catches panics at its boundary; libfuzzer-sys's panic hook aborts before
        // that, but should it not, the internal error is still a finding.
        if let Err(error) = pyrust::execute_python_with_limits(source, LIMITS) {
            let last_line = error.last_line();
            assert!(!last_line.starts_with(INTERNAL_ERROR), "{last_line}");
        }
    }
}

fuzz_target!(init: small_stack::start(), |data: &[u8]| small_stack::run(data, execute));
