#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/small_stack.rs"]
mod small_stack;

fn compile(data: &[u8]) {
    if let Ok(source) = std::str::from_utf8(data) {
        if let Ok(ast) = pyrust_parser::parse(source) {
            let _ = pyrust_compiler::compile(source, &ast);
        }
    }
}

fuzz_target!(init: small_stack::start(), |data: &[u8]| small_stack::run(data, compile));
