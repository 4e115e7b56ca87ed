//! The `pyrust` binary under a hostile environment: each program runs as its own process
//! with an 256 KiB native stack and 1 GiB of address space (`ulimit -s 256; ulimit -v
//! 1048576`), and must end with exit status 1 (never a signal) and a last stderr line of
//! CPython's form `Type: message`. The `--max-*` options are exercised the same way, and bad
//! option values must be usage errors (exit status 2).

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longest any case may take before the test kills it and fails (a hang, not a slow run).
const HANG: Duration = Duration::from_secs(120);

struct Outcome {
    code: Option<i32>,
    signal: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Outcome {
    fn last_stderr_line(&self) -> &str {
        self.stderr.lines().last().unwrap_or("")
    }
}

/// Runs the binary with `args` under the ulimits, feeding `stdin` to it.
fn run_limited(args: &[&str], stdin: &str) -> Outcome {
    let started = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -s 256; ulimit -v 1048576; exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_pyrust"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sh");
    // Write from a thread and read both pipes from threads, so no pipe can fill and block.
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(stdin.as_bytes());
    });
    let mut stdout_pipe = child.stdout.take().expect("stdout");
    let mut stderr_pipe = child.stderr.take().expect("stderr");
    let read_all = |pipe: &mut dyn std::io::Read| {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let stdout_reader = std::thread::spawn(move || read_all(&mut stdout_pipe));
    let stderr_reader = std::thread::spawn(move || read_all(&mut stderr_pipe));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pyrust {args:?} did not finish within {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    writer.join().expect("stdin writer");
    use std::os::unix::process::ExitStatusExt;
    Outcome {
        code: status.code(),
        signal: status.signal(),
        stdout: stdout_reader.join().expect("stdout reader"),
        stderr: stderr_reader.join().expect("stderr reader"),
        elapsed,
    }
}

/// Asserts that the run ended as a Python error (status 1, no signal) with `last_line`.
fn assert_python_error(name: &str, outcome: &Outcome, last_line: &str) {
    assert_eq!(
        (outcome.signal, outcome.code),
        (None, Some(1)),
        "{name}: expected exit status 1; stderr ends with:\n{}",
        tail(&outcome.stderr)
    );
    assert_eq!(outcome.last_stderr_line(), last_line, "{name}");
}

fn tail(text: &str) -> &str {
    let start = text.len().saturating_sub(2000);
    let start = (start..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    &text[start..]
}

fn nested_ifs(depth: usize) -> String {
    let mut code: String = (0..depth)
        .map(|d| format!("{}if True:\n", " ".repeat(d)))
        .collect();
    code.push_str(&" ".repeat(depth));
    code.push_str("pass\n");
    code
}

#[test]
fn hostile_programs_end_with_a_python_error_not_a_signal() {
    // (name, options, source on stdin, expected last stderr line)
    let cases: Vec<(&str, Vec<&str>, String, &str)> = vec![
        (
            "runaway recursion",
            vec![],
            "def f(n): return f(n+1)\nf(0)\n".into(),
            "RecursionError: maximum recursion depth exceeded",
        ),
        (
            "mutual recursion",
            vec![],
            "def a(n):\n    return b(n)\ndef b(n):\n    return a(n)\na(1)\n".into(),
            "RecursionError: maximum recursion depth exceeded",
        ),
        (
            "recursion at the end of a 4 MB file",
            vec![],
            "# padding\n".repeat(400_000) + "def f(n): return f(n+1)\nf(0)\n",
            "RecursionError: maximum recursion depth exceeded",
        ),
        (
            "a terabyte string",
            vec![],
            "'x' * 10**12\n".into(),
            "MemoryError",
        ),
        (
            "doubling a string",
            vec![],
            "s = 'ab'\nwhile True:\n    s = s + s\n".into(),
            "MemoryError",
        ),
        (
            "printing forever",
            vec![],
            "while True:\n    print('spam' * 1000)\n".into(),
            "MemoryError",
        ),
        (
            "growing a string under --max-memory 1M",
            vec!["--max-memory", "1M"],
            "s = ''\nwhile True:\n    s = s + 'x' * 1000\n".into(),
            "MemoryError",
        ),
        (
            "a long loop under --max-steps 1000",
            vec!["--max-steps", "1000"],
            "total = 0\nfor i in range(10**9):\n    total += i\n".into(),
            "TimeoutError: the program exceeded its limit of 1000 steps",
        ),
        (
            "exponential calls under --max-steps 100000",
            vec!["--max-steps", "100000"],
            "def f(n):\n    return 0 if n == 0 else f(n - 1) + f(n - 1)\nf(60)\n".into(),
            "TimeoutError: the program exceeded its limit of 100000 steps",
        ),
        (
            "recursion under --max-depth 50",
            vec!["--max-depth", "50"],
            "def f(n):\n    return 0 if n == 0 else f(n - 1)\nf(49)\n".into(),
            "RecursionError: maximum recursion depth exceeded",
        ),
        (
            "250 nested parentheses",
            vec![],
            format!("{}1{}\n", "(".repeat(250), ")".repeat(250)),
            "SyntaxError: too many nested parentheses",
        ),
        (
            "100,000 nested parentheses",
            vec![],
            format!("{}1{}\n", "(".repeat(100_000), ")".repeat(100_000)),
            "SyntaxError: too many nested parentheses",
        ),
        (
            "200,000 unary minuses",
            vec![],
            format!("{}1\n", "-".repeat(200_000)),
            "RecursionError: maximum recursion depth exceeded during compilation",
        ),
        (
            "100,000 nots",
            vec![],
            format!("{}x\n", "not ".repeat(100_000)),
            "RecursionError: maximum recursion depth exceeded during compilation",
        ),
        (
            "200,000 additions",
            vec![],
            vec!["1"; 200_000].join(" + ") + "\n",
            "RecursionError: maximum recursion depth exceeded during compilation",
        ),
        (
            "150 nested if blocks",
            vec![],
            nested_ifs(150),
            "IndentationError: too many levels of indentation",
        ),
        (
            "a null byte",
            vec![],
            "x = 1\0\n".into(),
            "SyntaxError: source code cannot contain null bytes",
        ),
    ];
    for (name, options, code, expected) in cases {
        let mut args = options;
        args.push("-");
        let outcome = run_limited(&args, &code);
        assert_python_error(name, &outcome, expected);
    }
}

#[test]
fn max_seconds_stops_an_endless_loop_promptly() {
    let outcome = run_limited(
        &[
            "--max-seconds",
            "0.2",
            "-c",
            "print('started')\nwhile True: pass",
        ],
        "",
    );
    assert_python_error(
        "--max-seconds 0.2",
        &outcome,
        "TimeoutError: the program exceeded its time limit of 200ms",
    );
    assert_eq!(
        outcome.stdout, "started\n",
        "output before the limit is kept"
    );
    // A bound on behaviour (the deadline is honoured), not a benchmark: generous on purpose.
    assert!(
        outcome.elapsed < Duration::from_secs(10),
        "took {:?}",
        outcome.elapsed
    );
}

#[test]
fn options_combine_and_apply_to_files_and_code() {
    let dir = std::env::temp_dir().join(format!("pyrust-cli-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("deep.py");
    std::fs::write(
        &file,
        "def f(n):\n    return 0 if n == 0 else f(n - 1)\nprint(f(48))\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    // 48 nested calls plus the module are 50 frames: allowed by --max-depth 50, not by 49.
    let ok = run_limited(&["--max-depth=50", "--max-seconds", "5", file], "");
    assert_eq!(
        (ok.code, ok.stdout.as_str()),
        (Some(0), "0\n"),
        "{}",
        ok.stderr
    );
    let too_deep = run_limited(&["--max-steps", "1000000", "--max-depth", "49", file], "");
    assert_python_error(
        "--max-depth 49",
        &too_deep,
        "RecursionError: maximum recursion depth exceeded",
    );
    let memory = run_limited(&["--max-memory", "64K", "-c", "x = 'ab' * 40000"], "");
    assert_python_error("--max-memory 64K", &memory, "MemoryError");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_normal_program_runs_under_the_same_ulimits() {
    let code = "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nprint(fib(20))\ns = ''\nfor i in range(5):\n    s = s + 'ab'\nprint(s)\n";
    for args in [
        vec!["-"],
        vec![
            "--max-seconds",
            "30",
            "--max-memory",
            "16M",
            "--max-steps",
            "10000000",
            "--max-depth",
            "100",
            "-",
        ],
    ] {
        let outcome = run_limited(&args, code);
        assert_eq!(
            (outcome.signal, outcome.code),
            (None, Some(0)),
            "{args:?}: {}",
            outcome.stderr
        );
        assert_eq!(outcome.stdout, "6765\nababababab\n", "{args:?}");
    }
}

#[test]
fn bad_option_values_are_usage_errors() {
    for args in [
        vec!["--max-seconds", "0", "-c", "1"],
        vec!["--max-seconds", "-1", "-c", "1"],
        vec!["--max-seconds", "soon", "-c", "1"],
        vec!["--max-seconds", "inf", "-c", "1"],
        vec!["--max-memory", "1X", "-c", "1"],
        vec!["--max-memory", "0", "-c", "1"],
        vec!["--max-memory", "K", "-c", "1"],
        vec!["--max-memory", "99999999999999999999G", "-c", "1"],
        vec!["--max-steps", "-5", "-c", "1"],
        vec!["--max-steps", "1.5", "-c", "1"],
        vec!["--max-depth", "0", "-c", "1"],
        vec!["--max-depth", "99999999999", "-c", "1"],
        vec!["--max-depth"],
        vec!["--max-memoryy", "1M", "-c", "1"],
        vec!["-c"],
    ] {
        let outcome = run_limited(&args, "");
        assert_eq!(outcome.code, Some(2), "{args:?}: {}", outcome.stderr);
        assert!(
            outcome.stderr.contains("usage: pyrust"),
            "{args:?}: {}",
            outcome.stderr
        );
        assert_eq!(outcome.stdout, "", "{args:?}");
    }
}

#[test]
fn help_lists_the_limit_options() {
    let outcome = run_limited(&["--help"], "");
    assert_eq!(outcome.code, Some(0));
    for option in [
        "--max-seconds",
        "--max-memory",
        "--max-steps",
        "--max-depth",
    ] {
        assert!(outcome.stdout.contains(option), "{}", outcome.stdout);
    }
}

/// Regression: one `print` call used to write all its arguments into the output buffer
/// (infallible growth) before charging the heap limit, so 18 × 60 MB in one call grew the
/// buffer past 1 GiB and the allocator aborted (SIGABRT). `print` now checks and reserves the
/// text first.
#[test]
fn one_print_of_many_large_arguments_is_a_memory_error() {
    let args = vec!["s"; 18].join(", ");
    let outcome = run_limited(&["-"], &format!("s = 'x' * 60000000\nprint({args})\n"));
    assert_python_error("print of 18 large arguments", &outcome, "MemoryError");
}
