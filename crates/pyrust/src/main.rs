//! The `pyrust` command: `pyrust FILE`, `pyrust -c CODE`, or a program on standard input.
//!
//! Output goes to stdout. On error, stderr gets a CPython-style traceback whose last line is
//! `Type: message`, and the exit status is 1.

use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (name, bytes) = match args.as_slice() {
        [flag, code, ..] if flag == "-c" => ("<string>".to_string(), code.clone().into_bytes()),
        [flag] if flag == "-h" || flag == "--help" => {
            println!("usage: pyrust FILE | pyrust -c CODE | pyrust < FILE");
            return ExitCode::SUCCESS;
        }
        [path, ..] => match std::fs::read(path) {
            Ok(bytes) => (path.clone(), bytes),
            Err(error) => {
                eprintln!("pyrust: can't open file '{path}': {error}");
                return ExitCode::from(2);
            }
        },
        [] => {
            let mut bytes = Vec::new();
            if let Err(error) = std::io::stdin().read_to_end(&mut bytes) {
                eprintln!("pyrust: can't read standard input: {error}");
                return ExitCode::from(2);
            }
            ("<stdin>".to_string(), bytes)
        }
    };
    let code = match String::from_utf8(bytes) {
        Ok(code) => code,
        Err(error) => {
            let position = error.utf8_error().valid_up_to();
            let byte = error.as_bytes()[position];
            eprintln!(
                "SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0x{byte:02x} in position {position}: invalid start byte"
            );
            return ExitCode::from(1);
        }
    };
    let result = pyrust::execute_python(&code);
    let mut stdout = std::io::stdout().lock();
    match result {
        Ok(output) => {
            let _ = stdout.write_all(output.as_bytes());
            let _ = stdout.flush();
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = stdout.write_all(error.output.as_bytes());
            let _ = stdout.flush();
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "Traceback (most recent call last):");
            let _ = writeln!(
                stderr,
                "  File \"{name}\", line {}, in <module>",
                error.line
            );
            let _ = writeln!(stderr, "{}", error.last_line());
            ExitCode::from(1)
        }
    }
}
