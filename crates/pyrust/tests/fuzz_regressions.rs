//! Robustness tests: no input may panic or hang any stage.
//!
//! Inputs:
//! - every file in `fuzz/regressions/` (minimised inputs that once crashed or hung a fuzz
//!   target, see `fuzz/README.md`);
//! - every `tests/programs/**/*.py` cut at 1/3 and 2/3 of its length (on a char boundary),
//!   which makes unterminated strings, brackets and blocks, and half-written statements.
//!
//! Each input goes through `tokenize`, `parse`, `compile` and `execute_python_with_limits`
//! with the fuzzer's small limits; any result (`Ok` or `Err`) is fine, a panic is not, and
//! neither is an input that runs longer than [`TIME_BUDGET`]. Each input runs on its own
//! thread with a small native stack ([`STACK_SIZE`]), named after the input so that a stack
//! overflow, which aborts the process, names it; all other failures are reported together.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Once;
use std::time::{Duration, Instant};

use pyrust::RunLimits;

/// The limits of the `execute` fuzz target (other limits at their defaults).
fn limits() -> RunLimits {
    RunLimits {
        max_steps: 100_000,
        max_call_depth: 200,
        max_heap_bytes: 16 << 20,
        ..RunLimits::default()
    }
}

/// Native stack of the thread each input runs on: as small as the hostile-corpus test's,
/// since no input may overflow the native stack (docs/architecture.md).
const STACK_SIZE: usize = 256 << 10;

/// Wall-clock time one input may take through all four stages (debug build).
const TIME_BUDGET: Duration = Duration::from_secs(4);

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn collect(dir: &Path, extension: Option<&str>, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, extension, found);
        } else if extension.is_none_or(|want| path.extension().is_some_and(|e| e == want)) {
            found.push(path);
        }
    }
}

thread_local! {
    /// Set while a stage runs under `catch_unwind` on this thread.
    static IN_STAGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Where the last caught panic on this thread happened (filled by the panic hook).
    static PANIC_LOCATION: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Records the location of panics inside stages instead of printing each one (they are
/// reported together); other panics (the test's own assertions) go to the default hook.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default_hook = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_STAGE.with(|flag| flag.get()) {
                return default_hook(info);
            }
            let location = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_else(|| "<unknown location>".into());
            PANIC_LOCATION.with(|cell| *cell.borrow_mut() = Some(location));
        }));
    });
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".into()
    }
}

/// Runs `source` through every stage, each under `catch_unwind`; `Err` names the first stage
/// that panicked, with the panic message and location.
fn run_stages(source: &str) -> Result<(), String> {
    type Stage<'a> = (&'static str, Box<dyn Fn() + 'a>);
    let stages: [Stage; 4] = [
        (
            "pyrust_lexer::tokenize",
            Box::new(|| drop(pyrust_lexer::tokenize(source))),
        ),
        (
            "pyrust_parser::parse",
            Box::new(|| drop(pyrust_parser::parse(source))),
        ),
        (
            "pyrust_compiler::compile",
            Box::new(|| {
                if let Ok(ast) = pyrust_parser::parse(source) {
                    drop(pyrust_compiler::compile(source, &ast));
                }
            }),
        ),
        (
            "pyrust::execute_python_with_limits",
            Box::new(|| drop(pyrust::execute_python_with_limits(source, limits()))),
        ),
    ];
    for (name, stage) in &stages {
        IN_STAGE.with(|flag| flag.set(true));
        let result = panic::catch_unwind(AssertUnwindSafe(stage));
        IN_STAGE.with(|flag| flag.set(false));
        if let Err(payload) = result {
            let location = PANIC_LOCATION
                .with(|cell| cell.borrow_mut().take())
                .unwrap_or_else(|| "<unknown location>".into());
            return Err(format!(
                "{name} panicked at {location}: {}",
                panic_message(&*payload)
            ));
        }
    }
    Ok(())
}

/// Runs every input on its own named thread with a time budget; returns the failures.
/// A thread that overruns its budget is abandoned (it ends with the test process).
fn check_all(inputs: Vec<(String, String)>) -> Vec<String> {
    install_panic_hook();
    let mut failures = Vec::new();
    for (label, source) in inputs {
        let (sender, receiver) = mpsc::channel();
        let start = Instant::now();
        std::thread::Builder::new()
            .name(label.clone())
            .stack_size(STACK_SIZE)
            .spawn(move || {
                let _ = sender.send(run_stages(&source));
            })
            .expect("spawn a worker thread");
        match receiver.recv_timeout(TIME_BUDGET) {
            Ok(Ok(())) => {}
            Ok(Err(panic)) => failures.push(format!("{label}: {panic}")),
            Err(mpsc::RecvTimeoutError::Timeout) => failures.push(format!(
                "{label}: still running after {:?} (hang)",
                start.elapsed()
            )),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                failures.push(format!("{label}: worker thread died"))
            }
        }
    }
    failures
}

fn report(what: &str, total: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} of {total} {what} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The largest char boundary of `text` at or below `index`.
fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[test]
fn fuzz_regressions_do_not_panic_or_hang() {
    let dir = repo_path("../../fuzz/regressions");
    let mut files = Vec::new();
    collect(&dir, None, &mut files);
    let mut inputs = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // The targets skip invalid UTF-8, so no regression can be such an input.
        let source =
            String::from_utf8(bytes).unwrap_or_else(|_| panic!("{} is not UTF-8", path.display()));
        let name = path.file_name().unwrap().to_string_lossy();
        inputs.push((format!("fuzz/regressions/{name}"), source));
    }
    let total = inputs.len();
    report("fuzz regressions", total, &check_all(inputs));
}

#[test]
fn truncated_programs_do_not_panic_or_hang() {
    let dir = repo_path("../../tests/programs");
    let mut files = Vec::new();
    collect(&dir, Some("py"), &mut files);
    assert!(!files.is_empty(), "no programs under {}", dir.display());
    let mut inputs = Vec::new();
    for path in &files {
        let source =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .display()
            .to_string();
        let mut cuts = vec![
            floor_char_boundary(&source, source.len() / 3),
            floor_char_boundary(&source, source.len() * 2 / 3),
        ];
        cuts.dedup();
        for cut in cuts {
            inputs.push((
                format!("tests/programs/{name}[..{cut}]"),
                source[..cut].to_string(),
            ));
        }
    }
    let total = inputs.len();
    report("truncated programs", total, &check_all(inputs));
}
