//! Prints the bytecode listing of a Python file: `cargo run -p pyrust-compiler --example dis FILE`.

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let source = std::fs::read_to_string(path).unwrap();
    let ast = pyrust_parser::parse(&source).expect("parses");
    println!(
        "{}",
        pyrust_compiler::compile(&source, &ast)
            .expect("compiles")
            .disassemble()
    );
}
