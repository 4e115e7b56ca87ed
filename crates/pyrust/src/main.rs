//! The `pyrust` command: `pyrust [OPTIONS] FILE`, `pyrust [OPTIONS] -c CODE`, a program on
//! standard input, or an interactive session (REPL) when run bare in a terminal.
//!
//! Output goes to stdout. On error, stderr gets a CPython-style traceback whose last line is
//! `Type: message`, and the exit status is 1. A bad command line is a usage error on stderr
//! with exit status 2, as CPython's.

#![no_main]

use pyrust::RunLimits;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::time::Duration;

const USAGE: &str = "usage: pyrust [OPTIONS] [FILE | -c CODE | -]";

const HELP: &str = "\
usage: pyrust [OPTIONS] [FILE | -c CODE | -]

Runs a program written in PyRust's subset of Python 3.11: FILE, CODE, or standard input
(`-`, or no argument when standard input is not a terminal). With no argument in a terminal,
starts an interactive session.

Options (before FILE or -c):
  -c CODE             run CODE
  --max-seconds S     stop after S seconds of wall-clock time (TimeoutError; default: none)
  --max-memory BYTES  heap limit in bytes, with an optional K, M or G suffix (powers of 1024)
                      (MemoryError; default: 256M)
  --max-steps N       stop after N steps, a step being a backward jump or a call
                      (TimeoutError; default: 2000000000)
  --max-depth N       recursion limit: most frames active at once, the module's included
                      (RecursionError; default: 1000)
  -h, --help          show this help and exit

Errors are reported on stderr as a traceback ending in `Type: message`, exit status 1.
";

/// Where the program comes from.
enum Source {
    File(String),
    Code(String),
    /// Standard input, or the REPL when it is a terminal and no `-` was given.
    Stdin {
        explicit: bool,
    },
}

/// Entered straight from the C runtime (`no_main`). Rust's own entry (`lang_start`) costs
/// about a quarter of a short run's CPU time (0.84 -> 0.61 ms for `-c "print(2 + 3)"`):
/// it probes the main thread's stack guard (reading `/proc/self/maps`) and installs a
/// stack-overflow signal handler; PyRust bounds its own
/// native stack use (docs/containment.md), so neither is needed. What `lang_start` did that
/// matters is kept: SIGPIPE is ignored (a closed pipe is an error, not a silent death), stdout
/// is flushed at the end, and a panic exits with status 101.
#[no_mangle]
extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    ignore_sigpipe();
    let status = std::panic::catch_unwind(run).unwrap_or(101);
    let _ = std::io::stdout().flush();
    std::ffi::c_int::from(status)
}

#[cfg(unix)]
fn ignore_sigpipe() {
    const SIGPIPE: std::ffi::c_int = 13;
    const SIG_IGN: usize = 1;
    extern "C" {
        fn signal(signum: std::ffi::c_int, handler: usize) -> usize;
    }
    // SAFETY: installs the predefined SIG_IGN disposition, as Rust's runtime does.
    unsafe {
        signal(SIGPIPE, SIG_IGN);
    }
}

#[cfg(not(unix))]
fn ignore_sigpipe() {}

fn run() -> u8 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (limits, source) = match parse_args(args) {
        Ok(Some(parsed)) => parsed,
        Ok(None) => {
            print!("{HELP}");
            return 0;
        }
        Err(problem) => {
            eprintln!("pyrust: {problem}\n{USAGE}\nTry 'pyrust --help' for more information.");
            return 2;
        }
    };
    let (name, bytes) = match source {
        Source::Code(code) => ("<string>".to_string(), code.into_bytes()),
        Source::File(path) => match std::fs::read(&path) {
            Ok(bytes) => (path, bytes),
            Err(error) => {
                eprintln!("pyrust: can't open file '{path}': {error}");
                return 2;
            }
        },
        Source::Stdin { explicit: false } if std::io::stdin().is_terminal() => return repl(limits),
        Source::Stdin { .. } => {
            let mut bytes = Vec::new();
            if let Err(error) = std::io::stdin().read_to_end(&mut bytes) {
                eprintln!("pyrust: can't read standard input: {error}");
                return 2;
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
            return 1;
        }
    };
    // With default limits this is what `execute_python` does, on an interpreter of our own
    // whose memory the process's exit reclaims.
    let result = pyrust::Interpreter::with_limits(limits).execute_before_exit(&code);
    let mut stdout = std::io::stdout().lock();
    match result {
        Ok(output) => {
            let _ = stdout.write_all(output.as_bytes());
            let _ = stdout.flush();
            0
        }
        Err(error) => {
            let _ = stdout.write_all(error.output.as_bytes());
            let _ = stdout.flush();
            let mut stderr = std::io::stderr().lock();
            let _ = stderr.write_all(render_error(&name, &code, &error).as_bytes());
            1
        }
    }
}

/// Reads the options up to the program's source. `Ok(None)` asks for the help text; `Err`
/// is the usage error to report. Arguments after FILE or CODE are ignored (CPython passes
/// them to the program as `sys.argv`).
fn parse_args(args: Vec<String>) -> Result<Option<(RunLimits, Source)>, String> {
    let mut limits = RunLimits::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-c" => {
                let code = args.next().ok_or("argument expected for the -c option")?;
                return Ok(Some((limits, Source::Code(code))));
            }
            "-" => return Ok(Some((limits, Source::Stdin { explicit: true }))),
            "--" => {
                let source = match args.next() {
                    Some(path) if path != "-" => Source::File(path),
                    _ => Source::Stdin { explicit: true },
                };
                return Ok(Some((limits, source)));
            }
            option if option.starts_with("--") => {
                let (flag, inline) = match option.split_once('=') {
                    Some((flag, value)) => (flag, Some(value.to_string())),
                    None => (option, None),
                };
                let limit =
                    LimitOption::named(flag).ok_or_else(|| format!("unknown option {flag}"))?;
                let value = inline
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("argument expected for the {flag} option"))?;
                limit.apply(&mut limits, &value).map_err(|expected| {
                    format!("invalid value '{value}' for {flag}: expected {expected}")
                })?;
            }
            option if option.starts_with('-') => return Err(format!("unknown option {option}")),
            _ => return Ok(Some((limits, Source::File(arg)))),
        }
    }
    Ok(Some((limits, Source::Stdin { explicit: false })))
}

/// The `--max-*` options, each setting one field of [`RunLimits`].
#[derive(Clone, Copy)]
enum LimitOption {
    Seconds,
    Memory,
    Steps,
    Depth,
}

impl LimitOption {
    fn named(flag: &str) -> Option<LimitOption> {
        match flag {
            "--max-seconds" => Some(LimitOption::Seconds),
            "--max-memory" => Some(LimitOption::Memory),
            "--max-steps" => Some(LimitOption::Steps),
            "--max-depth" => Some(LimitOption::Depth),
            _ => None,
        }
    }

    /// Sets the limit from the option's value, or says what value was expected.
    fn apply(self, limits: &mut RunLimits, value: &str) -> Result<(), &'static str> {
        const COUNT: &str = "a positive whole number";
        match self {
            LimitOption::Seconds => {
                let seconds = value
                    .parse::<f64>()
                    .ok()
                    .filter(|s| *s > 0.0)
                    .and_then(|s| Duration::try_from_secs_f64(s).ok())
                    .ok_or("a positive number of seconds")?;
                limits.max_duration = Some(seconds);
            }
            LimitOption::Memory => {
                limits.max_heap_bytes = parse_bytes(value)
                    .filter(|&bytes| bytes > 0)
                    .ok_or("a positive number of bytes, optionally followed by K, M or G")?;
            }
            LimitOption::Steps => limits.max_steps = parse_count(value).ok_or(COUNT)?,
            LimitOption::Depth => limits.max_call_depth = parse_count(value).ok_or(COUNT)?,
        }
        Ok(())
    }
}

/// A positive whole number that fits `T`.
fn parse_count<T: std::str::FromStr + Default + PartialOrd>(text: &str) -> Option<T> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None; // no sign, no `+`
    }
    text.parse::<T>().ok().filter(|n| *n > T::default())
}

/// Bytes as `N`, `NK`, `NM` or `NG` (either case; multiples of 1024).
fn parse_bytes(text: &str) -> Option<usize> {
    let (digits, unit) = match text.char_indices().last()? {
        (at, 'k' | 'K') => (&text[..at], 1usize << 10),
        (at, 'm' | 'M') => (&text[..at], 1 << 20),
        (at, 'g' | 'G') => (&text[..at], 1 << 30),
        _ => (text, 1),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<usize>().ok()?.checked_mul(unit)
}

/// The error as CPython prints it: a traceback of the active calls with their source lines
/// (long runs of one repeated frame folded as CPython folds them), or for a syntax error the
/// line with a caret under the column; then `Type: message`.
fn render_error(name: &str, code: &str, error: &pyrust::PyRustError) -> String {
    let wanted = error.traceback.iter().map(|frame| frame.line);
    let source_line = quoted_lines(code, wanted.chain([error.line]).collect());
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

/// Looks up the source lines (1-based) in `wanted`, found in one pass over the source: the
/// traceback of a deep recursion in a large file would take minutes if each frame rescanned it.
fn quoted_lines<'a>(code: &'a str, mut wanted: Vec<u32>) -> impl Fn(u32) -> &'a str {
    wanted.sort_unstable();
    wanted.dedup();
    let mut found = Vec::with_capacity(wanted.len());
    let mut pending = wanted.into_iter().peekable();
    for (number, text) in (1u32..).zip(code.lines()) {
        let Some(&line) = pending.peek() else {
            break;
        };
        if line == number {
            found.push((line, text));
            pending.next();
        }
    }
    move |line| {
        found
            .binary_search_by_key(&line, |&(number, _)| number)
            .map_or("", |index| found[index].1)
    }
}

/// The interactive session. PyRust programs are deterministic (no input, clock or
/// randomness), so the session is kept as the source of every accepted entry and re-run
/// whole for each new one; only the output beyond what earlier entries printed is shown.
/// An entry that fails is reported and left out of the session.
fn repl(limits: RunLimits) -> u8 {
    let mut interpreter = pyrust::Interpreter::with_limits(limits);
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
            return 0;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_sizes_take_binary_suffixes() {
        assert_eq!(parse_bytes("1000"), Some(1000));
        assert_eq!(parse_bytes("64K"), Some(64 << 10));
        assert_eq!(parse_bytes("64k"), Some(64 << 10));
        assert_eq!(parse_bytes("1M"), Some(1 << 20));
        assert_eq!(parse_bytes("2G"), Some(2 << 30));
        for bad in [
            "",
            "K",
            "1.5M",
            "-1M",
            "1 M",
            "1T",
            "1MB",
            "99999999999999999999G",
        ] {
            assert_eq!(parse_bytes(bad), None, "{bad}");
        }
    }

    #[test]
    fn counts_are_positive_whole_numbers() {
        assert_eq!(parse_count::<u32>("50"), Some(50));
        assert_eq!(parse_count::<u64>("2000000000"), Some(2_000_000_000));
        for bad in ["", "0", "+5", "-5", "1.5", "1e3", "4294967296"] {
            assert_eq!(parse_count::<u32>(bad), None, "{bad}");
        }
    }

    #[test]
    fn limit_options_come_before_the_program() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let Ok(Some((limits, Source::Code(code)))) = parse_args(args(&[
            "--max-seconds",
            "0.25",
            "--max-memory=1M",
            "--max-steps",
            "1000",
            "--max-depth",
            "50",
            "-c",
            "1",
            "--max-depth",
            "ignored",
        ])) else {
            panic!("expected -c");
        };
        assert_eq!(code, "1");
        assert_eq!(limits.max_duration, Some(Duration::from_millis(250)));
        assert_eq!(limits.max_heap_bytes, 1 << 20);
        assert_eq!(limits.max_steps, 1000);
        assert_eq!(limits.max_call_depth, 50);
        assert!(matches!(
            parse_args(args(&["prog.py", "--max-steps", "x"])),
            Ok(Some((_, Source::File(path)))) if path == "prog.py"
        ));
        assert!(matches!(
            parse_args(args(&["--max-steps", "5"])),
            Ok(Some((_, Source::Stdin { explicit: false })))
        ));
        assert!(matches!(parse_args(args(&["-h"])), Ok(None)));
        assert!(parse_args(args(&["--max-steps", "x", "-c", "1"])).is_err());
    }
}
