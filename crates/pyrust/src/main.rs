//! The `pyrust` command: `pyrust FILE`, `pyrust -c CODE`, a program on standard input, or
//! an interactive session (REPL) when run bare in a terminal.
//!
//! Output goes to stdout. On error, stderr gets a CPython-style traceback whose last line is
//! `Type: message`, and the exit status is 1.

use std::io::{BufRead, IsTerminal, Read, Write};
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
        [] if std::io::stdin().is_terminal() => return repl(),
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
            let _ = stderr.write_all(render_error(&name, &code, &error).as_bytes());
            ExitCode::from(1)
        }
    }
}

/// The error as CPython prints it: a traceback of the active calls with their source lines
/// (long runs of one repeated frame folded as CPython folds them), or for a syntax error the
/// line with a caret under the column; then `Type: message`.
fn render_error(name: &str, code: &str, error: &pyrust::PyRustError) -> String {
    let source_line = |line: u32| {
        code.lines()
            .nth(line.saturating_sub(1) as usize)
            .unwrap_or("")
            .to_string()
    };
    let mut out = String::new();
    if error.traceback.is_empty() {
        let text = source_line(error.line);
        let trimmed = text.trim_start();
        let indent = text.chars().count() - trimmed.chars().count();
        out.push_str(&format!("  File \"{name}\", line {}\n", error.line));
        if !trimmed.is_empty() {
            let caret = (error.column as usize).saturating_sub(1 + indent);
            out.push_str(&format!(
                "    {}\n    {}^\n",
                trimmed.trim_end(),
                " ".repeat(caret)
            ));
        }
    } else {
        out.push_str("Traceback (most recent call last):\n");
        let mut index = 0;
        let frames = &error.traceback;
        while index < frames.len() {
            let frame = &frames[index];
            let mut repeats = 1;
            while index + repeats < frames.len() && frames[index + repeats] == *frame {
                repeats += 1;
            }
            // CPython prints a repeated frame three times, then a count of the rest.
            for _ in 0..repeats.min(3) {
                out.push_str(&format!(
                    "  File \"{name}\", line {}, in {}\n",
                    frame.line, frame.function
                ));
                let text = source_line(frame.line);
                if !text.trim().is_empty() {
                    out.push_str(&format!("    {}\n", text.trim()));
                }
            }
            if repeats > 3 {
                let more = repeats - 3;
                let plural = if more == 1 { "time" } else { "times" };
                out.push_str(&format!(
                    "  [Previous line repeated {more} more {plural}]\n"
                ));
            }
            index += repeats;
        }
    }
    out.push_str(&error.last_line());
    out.push('\n');
    out
}

/// The interactive session. PyRust programs are deterministic (no input, clock or
/// randomness), so the session is kept as the source of every accepted entry and re-run
/// whole for each new one; only the output beyond what earlier entries printed is shown.
/// An entry that fails is reported and left out of the session.
fn repl() -> ExitCode {
    let mut interpreter = pyrust::Interpreter::new();
    let mut session = String::new();
    let mut shown = 0usize;
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    eprintln!(
        "PyRust {} (type a Python statement; Ctrl-D to exit)",
        env!("CARGO_PKG_VERSION")
    );
    loop {
        let Some(entry) = read_entry(&mut lines) else {
            eprintln!();
            return ExitCode::SUCCESS;
        };
        if entry.trim().is_empty() {
            continue;
        }
        let candidate = format!("{session}{entry}\n");
        let mut stdout = std::io::stdout().lock();
        match interpreter.execute_split(&candidate) {
            Ok((output, printed)) => {
                let _ = stdout.write_all(output.get(shown..).unwrap_or("").as_bytes());
                if output.len() > printed {
                    let _ = stdout.write_all(b"\n");
                }
                let _ = stdout.flush();
                session = candidate;
                shown = printed;
            }
            Err(error) => {
                let _ = stdout.write_all(error.output.get(shown..).unwrap_or("").as_bytes());
                let _ = stdout.flush();
                eprintln!("{}", error.last_line());
            }
        }
    }
}

/// Reads one entry: a line, or a compound statement up to the blank line that ends it.
fn read_entry(lines: &mut impl Iterator<Item = std::io::Result<String>>) -> Option<String> {
    eprint!(">>> ");
    let first = lines.next()?.ok()?;
    let mut entry = first.clone();
    entry.push('\n');
    if first.trim_end().ends_with(':') || first.trim_end().ends_with('\\') {
        loop {
            eprint!("... ");
            let Some(Ok(line)) = lines.next() else {
                break;
            };
            if line.trim().is_empty() {
                break;
            }
            entry.push_str(&line);
            entry.push('\n');
        }
    }
    Some(entry)
}
