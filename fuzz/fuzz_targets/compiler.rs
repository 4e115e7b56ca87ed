#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        if let Ok(ast) = pyrust_parser::parse(source) {
            let _ = pyrust_compiler::compile(source, &ast);
        }
    }
});
