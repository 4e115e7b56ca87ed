#![no_main]

use libfuzzer_sys::fuzz_target;
use pyrust::RunLimits;

/// Small limits so that every input finishes quickly and within a bounded heap.
const LIMITS: RunLimits = RunLimits {
    max_steps: 100_000,
    max_call_depth: 200,
    max_heap_bytes: 16 << 20,
    max_duration: None,
    max_source_bytes: 1 << 20,
    max_nesting_depth: 600,
};

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        let _ = pyrust::execute_python_with_limits(source, LIMITS);
    }
});
