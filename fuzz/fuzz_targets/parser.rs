#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/small_stack.rs"]
mod small_stack;

fn parse(data: &[u8]) {
    if let Ok(source) = std::str::from_utf8(data) {
        let _ = pyrust_parser::parse(source);
    }
}

fuzz_target!(init: small_stack::start(), |data: &[u8]| small_stack::run(data, parse));
