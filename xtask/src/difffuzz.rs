//! `cargo xtask difffuzz [--seed S] [--programs N] [--seconds T] [--show I] [--verbose]
//! [--out DIR]`: differential fuzzing of PyRust against CPython 3.11. Runs until N programs
//! (300 when neither limit is given) or T seconds; prints `difffuzz: P programs, D divergences,
//! S skipped (seed X)`; exits 1 if any divergence was found. `--show I` prints program I of
//! the seed (with `--verbose`, the instrumented copy CPython runs); `--verbose` also prints
//! how often each CPython error line occurred (to tune the generator). Divergences are
//! written to DIR (default target/difffuzz; its old divergence files are removed first).
//!
//! A seeded generator (splitmix64; program I of seed S depends only on (S, I)) writes random
//! programs inside PyRust's subset: ints biased to boundary values in some programs, floats
//! (inf, subnormals, values near 2**53 and 2**63 included), bools, None, short strings with
//! escapes, range values; in some programs many big ints (decimal, hex, octal and binary
//! literals near and past 2**63/2**64, powers with exponents up to ~200, products, floor
//! division, modulo and true division between big and small ints of all signs, shifts,
//! bitwise operations on negative big ints, comparisons with floats, inf and nan, ints at the
//! 4300-digit conversion limit) and calls of the numeric builtins `abs`, `min`, `max`, `pow`
//! (with a modulus too), `round` (with and without ndigits), `int` (of floats and of digit
//! strings in bases 2-36), `float`, `bool` and `divmod` (its tuple printed whole);
//! arithmetic, bitwise, unary, chained comparisons, `in`, `is` with
//! None/True/False, `and`/`or`/`not`, conditional expressions; assignments (chained) and
//! augmented assignments; `if`/`elif`/`else`; counted `while` loops and `for ... in range`
//! with small bounds, `else` clauses, `break`/`continue`; functions with 0-3 parameters
//! (some named like globals) called positionally and by keyword, locals, `global`, aliases,
//! redefinition, bounded recursion; names bound on some paths only (NameError,
//! UnboundLocalError); builtins' names as variables; programs with more module names than
//! module registers; `print` with `sep`/`end`; comments, blank lines, `;`, `\` joins. A
//! quarter of the programs also make ill-typed operations and bad calls on purpose.
//! Budgets on loop trips, calls and prints keep every program fast under CPython, and so do
//! static bounds on the size of ints (a few thousand bits in variables, see `Bits` and
//! `Gen::store`; values that could outgrow them are reduced with `%`, `&` or `>>` where stored).
//!
//! Each program runs in process under PyRust twice: in a fresh interpreter
//! (`execute_python_with_limits`) and in one long-lived `Interpreter` that reuses its buffers
//! (they must agree). CPython runs batches in one long-lived process per core, under PyRust's
//! output rules (as `gen_expected.py --emulate`: what was printed, then the `repr` of a final
//! expression statement that is not None; on an uncaught exception the last traceback line;
//! ints convert to decimal up to 4300 digits), on a copy that assigns that final expression to
//! `_R`. Big ints are compared exactly. Programs PyRust refuses with `NotImplementedError`
//! are skipped, and so are programs CPython does not finish (a generator bug, reported).
//! Anything else that differs (stdout, or the error line; for syntax errors the type only) is
//! a divergence, written to DIR/divergence-N.py with both outcomes in a header.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitCode, Stdio};
use std::time::Instant;

const USAGE: &str = "usage: cargo xtask difffuzz [--seed S] [--programs N] [--seconds T] \
                     [--show I] [--verbose] [--out DIR]";

/// Programs sent to CPython at once.
const BATCH: u64 = 60;

pub fn run(args: &[String]) -> ExitCode {
    let options = match Options::parse(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("difffuzz: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Some(index) = options.show {
        let marked = generate(options.seed, index);
        if options.verbose {
            print!("{}", instrumented(&marked));
        } else {
            print!("{}", original(&marked));
        }
        return ExitCode::SUCCESS;
    }
    match fuzz(&options) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("difffuzz: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    seed: u64,
    programs: Option<u64>,
    seconds: Option<f64>,
    show: Option<u64>,
    /// Where divergences are written.
    out: Option<PathBuf>,
    verbose: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            seed: 1,
            programs: None,
            seconds: None,
            show: None,
            out: None,
            verbose: false,
        };
        let mut i = 0;
        while i < args.len() {
            let value = args.get(i + 1).map(String::as_str);
            let bad = || format!("{} needs a number", args[i]);
            match args[i].as_str() {
                "--seed" => options.seed = value.and_then(|v| v.parse().ok()).ok_or_else(bad)?,
                "--programs" => {
                    options.programs = Some(value.and_then(|v| v.parse().ok()).ok_or_else(bad)?)
                }
                "--seconds" => {
                    options.seconds = Some(value.and_then(|v| v.parse().ok()).ok_or_else(bad)?)
                }
                "--out" => {
                    options.out = Some(PathBuf::from(
                        value.ok_or_else(|| "--out needs a directory".to_string())?,
                    ))
                }
                "--show" => {
                    options.show = Some(value.and_then(|v| v.parse().ok()).ok_or_else(bad)?)
                }
                "--verbose" => {
                    options.verbose = true;
                    i += 1;
                    continue;
                }
                other => return Err(format!("unknown argument `{other}`")),
            }
            i += 2;
        }
        if options.seconds.is_none() && options.programs.is_none() {
            options.programs = Some(300);
        }
        Ok(options)
    }
}

// ---------------------------------------------------------------------------------------------
// Running and comparing

/// What one interpreter did with a program.
#[derive(Clone, Debug, PartialEq)]
struct Outcome {
    stdout: String,
    /// CPython's last traceback line, `Type: message`.
    error: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum CStatus {
    Ok,
    Error,
    Timeout,
    /// The instrumented program did not compile (generator bug).
    Instrumentation,
    /// The CPython process died running this program (CPU limit: generator bug).
    Died,
    /// Not run: an earlier program of its batch killed the CPython process.
    Lost,
}

struct CResult {
    status: CStatus,
    outcome: Outcome,
}

enum Verdict {
    Same,
    Skip(String),
    Diverge,
}

fn limits() -> pyrust::RunLimits {
    pyrust::RunLimits {
        max_steps: 200_000_000,
        ..pyrust::RunLimits::default()
    }
}

/// Runs `source` in a fresh interpreter (`execute_python_with_limits`), or in `reused`, an
/// interpreter that keeps its buffers from the programs before.
fn run_pyrust(source: &str, reused: Option<&mut pyrust::Interpreter>) -> Outcome {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match reused {
        Some(interpreter) => interpreter.execute(source),
        None => pyrust::execute_python_with_limits(source, limits()),
    }));
    match result {
        Ok(Ok(stdout)) => Outcome {
            stdout,
            error: None,
        },
        Ok(Err(error)) => Outcome {
            stdout: error.output.clone(),
            error: Some(error.last_line()),
        },
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Outcome {
                stdout: String::new(),
                error: Some(format!("PANIC in PyRust: {message}")),
            }
        }
    }
}

fn error_type(line: &str) -> &str {
    line.split(':').next().unwrap_or("")
}

fn same_error(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            let syntax = matches!(
                error_type(a),
                "SyntaxError" | "IndentationError" | "TabError"
            );
            if syntax {
                error_type(a) == error_type(b)
            } else {
                a == b
            }
        }
        _ => false,
    }
}

fn classify(pyrust: &Outcome, cpython: &CResult) -> Verdict {
    if let Some(error) = &pyrust.error {
        if let Some(message) = error.strip_prefix("NotImplementedError: ") {
            let what = message.split(" (").next().unwrap_or(message);
            return Verdict::Skip(format!("not implemented: {what}"));
        }
    }
    match cpython.status {
        CStatus::Timeout => Verdict::Skip("CPython timed out (generator bug)".into()),
        CStatus::Died => Verdict::Skip("CPython process killed (CPU limit; generator bug)".into()),
        CStatus::Lost => Verdict::Skip("lost with a killed CPython process".into()),
        CStatus::Instrumentation => Verdict::Skip(format!(
            "instrumented program does not compile (generator bug): {}",
            cpython.outcome.stdout
        )),
        CStatus::Ok | CStatus::Error => {
            if pyrust.stdout == cpython.outcome.stdout
                && same_error(&pyrust.error, &cpython.outcome.error)
            {
                Verdict::Same
            } else {
                Verdict::Diverge
            }
        }
    }
}

fn describe(outcome: &Outcome, status: Option<CStatus>) -> String {
    let mut stdout = format!("{:?}", outcome.stdout);
    if stdout.len() > 3000 {
        let mut cut = 3000;
        while !stdout.is_char_boundary(cut) {
            cut -= 1;
        }
        stdout.truncate(cut);
        stdout.push_str("...(truncated)");
    }
    let error = match status {
        Some(CStatus::Timeout) => "timed out".to_string(),
        Some(CStatus::Instrumentation) => "instrumentation failed".to_string(),
        Some(CStatus::Died) | Some(CStatus::Lost) => "CPython process died".to_string(),
        _ => outcome.error.clone().unwrap_or_else(|| "none".into()),
    };
    format!("stdout {stdout}, error: {error}")
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn fuzz(options: &Options) -> Result<usize, String> {
    let dir = options
        .out
        .clone()
        .unwrap_or_else(|| workspace_root().join("target/difffuzz"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in std::fs::read_dir(&dir)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("divergence-") && name.ends_with(".py") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    // One CPython process per core, each given a batch per round; PyRust (in process, far
    // faster) runs while they work.
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    let mut pythons = (0..workers)
        .map(|_| CPython::start())
        .collect::<Result<Vec<_>, _>>()?;
    let mut reused = pyrust::Interpreter::with_limits(limits());
    let start = Instant::now();
    let mut index = 0u64;
    let mut divergences = 0usize;
    let mut skipped = 0u64;
    let mut skip_reasons: BTreeMap<String, u64> = BTreeMap::new();
    let mut outcomes: BTreeMap<String, u64> = BTreeMap::new();
    let mut messages: BTreeMap<String, u64> = BTreeMap::new();
    'rounds: loop {
        if let Some(seconds) = options.seconds {
            if start.elapsed().as_secs_f64() >= seconds {
                break;
            }
        }
        let mut batches = Vec::new();
        for python in pythons.iter_mut() {
            let mut count = BATCH;
            if let Some(limit) = options.programs {
                count = count.min(limit - index);
            }
            if count == 0 {
                break;
            }
            let programs: Vec<(String, String)> = (index..index + count)
                .map(|i| {
                    let marked = generate(options.seed, i);
                    (original(&marked), instrumented(&marked))
                })
                .collect();
            python.send(&programs)?;
            batches.push((index, programs));
            index += count;
        }
        if batches.is_empty() {
            break 'rounds;
        }
        let ours: Vec<Vec<Outcome>> = batches
            .iter()
            .map(|(_, programs)| programs.iter().map(|(s, _)| run_pyrust(s, None)).collect())
            .collect();
        // The same programs through one interpreter that reuses its buffers from run to run
        // must do exactly what fresh interpreters do.
        let again: Vec<Vec<Outcome>> = batches
            .iter()
            .map(|(_, programs)| {
                programs
                    .iter()
                    .map(|(s, _)| {
                        let outcome = run_pyrust(s, Some(&mut reused));
                        if outcome
                            .error
                            .as_deref()
                            .is_some_and(|e| e.starts_with("PANIC"))
                        {
                            reused = pyrust::Interpreter::with_limits(limits());
                        }
                        outcome
                    })
                    .collect()
            })
            .collect();
        for ((((first, programs), ours), again), python) in batches
            .iter()
            .zip(&ours)
            .zip(&again)
            .zip(pythons.iter_mut())
        {
            let theirs = python.receive(programs.len())?;
            if python.dead {
                if let Some(k) = theirs.iter().position(|r| r.status == CStatus::Died) {
                    eprintln!(
                        "difffuzz: warning: CPython died running program {} (seed {}); restarted",
                        first + k as u64,
                        options.seed
                    );
                }
                *python = CPython::start()?;
            }
            for (k, ((((source, _), pyrust), pyrust_again), cpython)) in programs
                .iter()
                .zip(ours)
                .zip(again)
                .zip(&theirs)
                .enumerate()
            {
                let program = first + k as u64;
                if pyrust_again != pyrust {
                    divergences += 1;
                    let path = dir.join(format!("divergence-{divergences}.py"));
                    let text = format!(
                        "# difffuzz divergence {divergences}: seed {}, program {program}\n\
                         # PyRust, fresh interpreter:  {}\n\
                         # PyRust, reused interpreter: {}\n{source}",
                        options.seed,
                        describe(pyrust, None),
                        describe(pyrust_again, None)
                    );
                    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
                    println!(
                        "divergence {divergences} (program {program}) -> {}: a reused interpreter differs from a fresh one",
                        path.display()
                    );
                    continue;
                }
                let kind = match (cpython.status, &cpython.outcome.error) {
                    (CStatus::Timeout, _) => "timeout".to_string(),
                    (CStatus::Instrumentation, _) => "instrumentation".to_string(),
                    (CStatus::Died | CStatus::Lost, _) => "died".to_string(),
                    (_, Some(error)) => error_type(error).to_string(),
                    (_, None) => "ok".to_string(),
                };
                *outcomes.entry(kind).or_default() += 1;
                if let Some(error) = &cpython.outcome.error {
                    *messages.entry(error.clone()).or_default() += 1;
                }
                match classify(pyrust, cpython) {
                    Verdict::Same => {}
                    Verdict::Skip(reason) => {
                        if reason.contains("generator bug") {
                            eprintln!(
                                "difffuzz: warning: program {program} (seed {}): {reason}",
                                options.seed
                            );
                        }
                        skipped += 1;
                        *skip_reasons.entry(reason).or_default() += 1;
                    }
                    Verdict::Diverge => {
                        divergences += 1;
                        let theirs = describe(&cpython.outcome, Some(cpython.status));
                        let ours = describe(pyrust, None);
                        let path = dir.join(format!("divergence-{divergences}.py"));
                        let text = format!(
                            "# difffuzz divergence {divergences}: seed {}, program {program}\n\
                             # CPython: {theirs}\n# PyRust:  {ours}\n{source}",
                            options.seed
                        );
                        std::fs::write(&path, text)
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                        let short = |s: String| s.chars().take(300).collect::<String>();
                        println!(
                            "divergence {divergences} (program {program}) -> {}\n  CPython: {}\n  PyRust:  {}",
                            path.display(),
                            short(theirs),
                            short(ours)
                        );
                    }
                }
            }
        }
    }
    for python in pythons {
        python.finish();
    }
    let secs = start.elapsed().as_secs_f64();
    let list = |map: &BTreeMap<String, u64>| {
        let mut items: Vec<_> = map.iter().collect();
        items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        items
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("CPython outcomes: {}", list(&outcomes));
    if options.verbose {
        println!("CPython errors: {}", list(&messages));
    }
    if !skip_reasons.is_empty() {
        println!("skipped: {}", list(&skip_reasons));
    }
    println!(
        "{index} programs in {secs:.1} s ({:.0} programs/s, {workers} CPython processes)",
        index as f64 / secs.max(1e-9)
    );
    println!(
        "difffuzz: {index} programs, {divergences} divergences, {skipped} skipped (seed {})",
        options.seed
    );
    Ok(divergences)
}

// ---------------------------------------------------------------------------------------------
// The CPython side: one process running batches of programs.

/// Reads batches of programs (`P <bytes> <bytes>\n<source><instrumented source>` ..., then
/// `E\n`) from stdin and, once a batch is read, answers each program in turn with `<status> <stdout bytes> <error bytes>\n<stdout>
/// <error>`. A program runs as gen_expected.py's `emulate` runs it (same frame depth,
/// recursion limit 1000, CPython's 4300-digit limit of int/str conversion), with its stdout
/// captured: the source is compiled first (syntax errors, only when the instrumented copy does
/// not compile), then the instrumented copy runs, in which a final expression statement is
/// assigned to `_R` instead (its repr is printed unless it is None).
const DRIVER: &str = r#"
import contextlib, io, signal, sys, traceback, warnings

TIMEOUT_S = 10.0
# A C-level loop (e.g. `2.5 in range(10**18)` scans) never returns to run the SIGALRM handler;
# SIGPROF is left at its default action, so the kernel ends the process after this much CPU.
CPU_LIMIT_S = 20.0

class DiffFuzzTimeout(BaseException):
    pass

def _alarm(signum, frame):
    raise DiffFuzzTimeout()

def run_one(src, inst):
    g = {"__name__": "__main__"}
    buf = io.StringIO()
    status, err = "ok", ""
    with contextlib.redirect_stdout(buf):
        try:
            try:
                code = compile(inst, "<difffuzz>", "exec", dont_inherit=True)
            except SyntaxError as e:
                # The program's own syntax error, if it has one; else a generator bug.
                compile(src, "<difffuzz>", "exec", dont_inherit=True)
                return "insterr", "", str(e)
            signal.setitimer(signal.ITIMER_REAL, TIMEOUT_S)
            signal.setitimer(signal.ITIMER_PROF, CPU_LIMIT_S)
            exec(code, g)
            value = g.get("_R")
            if value is not None:
                sys.stdout.write(repr(value))
        except DiffFuzzTimeout:
            status = "timeout"
        except BaseException as e:
            status = "error"
            err = traceback.format_exception_only(type(e), e)[-1].rstrip("\n")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.setitimer(signal.ITIMER_PROF, 0)
    return status, buf.getvalue(), err

def main():
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    out.write(b"READY " + sys.version.split()[0].encode() + b"\n")
    out.flush()
    while True:
        programs = []
        while True:
            line = inp.readline()
            if not line:
                return
            if line == b"E\n":
                break
            _, n, m = line.split()
            src = inp.read(int(n)).decode("utf-8")
            programs.append((src, inp.read(int(m)).decode("utf-8")))
        for src, inst in programs:
            status, stdout, err = run_one(src, inst)
            o = stdout.encode("utf-8", "backslashreplace")
            e = err.encode("utf-8", "backslashreplace")
            # One answer at a time: if a program kills the process, the answers before it
            # are kept and the culprit is known.
            out.write(b"%s %d %d\n" % (status.encode(), len(o), len(e)) + o + e)
            out.flush()

sys.setrecursionlimit(1000)
# CPython 3.11's default, which PyRust reproduces (ValueError past 4300 decimal digits).
sys.set_int_max_str_digits(4300)
warnings.simplefilter("ignore")
signal.signal(signal.SIGALRM, _alarm)
main()
"#;

struct CPython {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    dead: bool,
}

impl CPython {
    fn start() -> Result<CPython, String> {
        // The `python3` on PATH, as /work/shared/conformance/cpython_as_pyrust.sh uses.
        let python = "python3";
        let mut child = Command::new(python)
            .args(["-I", "-c", DRIVER])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {python}: {e}"))?;
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
        let mut cpython = CPython {
            child,
            stdin,
            stdout,
            dead: false,
        };
        let mut line = String::new();
        cpython
            .stdout
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let version = line
            .strip_prefix("READY ")
            .ok_or_else(|| format!("the CPython driver did not start ({line:?})"))?
            .trim();
        if !version.starts_with("3.11.") {
            eprintln!("difffuzz: warning: comparing against Python {version}, not 3.11");
        }
        Ok(cpython)
    }

    /// Sends `(source, instrumented source)` pairs to run; `receive` collects the results.
    fn send(&mut self, programs: &[(String, String)]) -> Result<(), String> {
        let mut request = Vec::new();
        for (source, instrumented) in programs {
            let header = format!("P {} {}\n", source.len(), instrumented.len());
            request.extend_from_slice(header.as_bytes());
            request.extend_from_slice(source.as_bytes());
            request.extend_from_slice(instrumented.as_bytes());
        }
        request.extend_from_slice(b"E\n");
        let stdin = self.stdin.as_mut().ok_or("CPython's stdin is closed")?;
        stdin
            .write_all(&request)
            .and_then(|()| stdin.flush())
            .map_err(|e| format!("writing to CPython: {e}"))
    }

    /// Collects the results of the last batch sent. If the process died, the program it was
    /// running is `Died`, the rest `Lost`, and `dead` is set (start a new process).
    fn receive(&mut self, count: usize) -> Result<Vec<CResult>, String> {
        let mut results = Vec::with_capacity(count);
        for _ in 0..count {
            let mut header = String::new();
            self.stdout
                .read_line(&mut header)
                .map_err(|e| format!("reading from CPython: {e}"))?;
            if header.is_empty() {
                self.dead = true;
                let _ = self.child.wait();
                while results.len() < count {
                    let status = if results.len() < count && !self.culprit_reported(&results) {
                        CStatus::Died
                    } else {
                        CStatus::Lost
                    };
                    results.push(CResult {
                        status,
                        outcome: Outcome {
                            stdout: String::new(),
                            error: None,
                        },
                    });
                }
                return Ok(results);
            }
            let fields: Vec<&str> = header.split_whitespace().collect();
            let (status, out_len, err_len) = match fields[..] {
                [s, o, e] => (
                    s,
                    o.parse::<usize>().map_err(|e| e.to_string())?,
                    e.parse::<usize>().map_err(|e| e.to_string())?,
                ),
                _ => return Err(format!("the CPython driver failed (answered {header:?})")),
            };
            let mut read = |len: usize| -> Result<String, String> {
                let mut bytes = vec![0; len];
                self.stdout
                    .read_exact(&mut bytes)
                    .map_err(|e| format!("reading from CPython: {e}"))?;
                String::from_utf8(bytes).map_err(|e| e.to_string())
            };
            let stdout = read(out_len)?;
            let error = read(err_len)?;
            let status = match status {
                "ok" => CStatus::Ok,
                "error" => CStatus::Error,
                "timeout" => CStatus::Timeout,
                "insterr" => CStatus::Instrumentation,
                other => return Err(format!("unknown CPython status {other:?}")),
            };
            // For a program whose instrumented copy does not compile, carry the reason.
            let stdout = if status == CStatus::Instrumentation {
                error.clone()
            } else {
                stdout
            };
            results.push(CResult {
                status,
                outcome: Outcome {
                    stdout,
                    error: (status == CStatus::Error).then_some(error),
                },
            });
        }
        Ok(results)
    }

    fn culprit_reported(&self, results: &[CResult]) -> bool {
        results.iter().any(|r| r.status == CStatus::Died)
    }

    fn finish(mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// The generator

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// Precedence levels of the generated text, lowest first; an operand whose level is below what
// its context needs gets parentheses.
const COND: u8 = 0;
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const CMP: u8 = 4;
const BOR: u8 = 5;
const BXOR: u8 = 6;
const BAND: u8 = 7;
const SHIFT: u8 = 8;
const ARITH: u8 = 9;
const TERM: u8 = 10;
const UNARY: u8 = 11;
const POW: u8 = 12;
const ATOM: u8 = 13;

/// Expression text, its precedence level and a bound of its value's size if it is an int.
type E = (String, u8, Bits);

// Sizes of ints. CPython slows down on huge ints and PyRust charges big-int work to its step
// budget, so programs keep every int a variable, parameter or function result holds within
// VAR_BITS bits, and every int an expression makes within EXPR_BITS (CPython's int/str
// conversion limit, 4300 digits, is about 14,300 bits). Nothing is skipped: the generator
// bounds every size statically (see `Bits` and `Gen::store`).

/// Ints that programs store without accounting: literals, float conversions (at most 1024
/// bits), recursive functions' results, reductions.
const BASE_BITS: u32 = 2048;
/// Bits by which stored ints may grow beyond BASE_BITS over a whole program (see
/// `Gen::store`).
const GROWTH_BUDGET: u64 = 2048;
/// Bound of every int held by a variable, parameter or function result.
const VAR_BITS: u32 = BASE_BITS + GROWTH_BUDGET as u32;
/// Bound of every int an expression makes.
const EXPR_BITS: u64 = 16_384;
/// Bound of the results of the recursive functions (`r(p0 - 1) * 2` and the like; the
/// recursion limit keeps p0 below 1000).
const RECUR_BITS: u32 = 1100;

/// An upper bound of the bit length of an expression's value when that value is an int:
/// `k * M + c`, where M (at least BASE_BITS, at most VAR_BITS) bounds the ints held in
/// variables, parameters and function results. Values that are not ints (floats, strings,
/// tuples) have no bound to keep: `Bits::NONE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Bits {
    k: u32,
    c: u32,
}

impl Bits {
    const NONE: Bits = Bits { k: 0, c: 0 };
    /// A variable's, parameter's or call's value.
    const VAR: Bits = Bits { k: 1, c: 0 };
    /// bool and comparisons.
    const BOOL: Bits = Bits { k: 0, c: 1 };

    fn lit(c: u32) -> Bits {
        Bits { k: 0, c }
    }

    /// Either value (conditional expressions, `and`/`or`, min/max).
    fn max(self, other: Bits) -> Bits {
        // A constant no larger than BASE_BITS is no larger than M.
        if self.k >= 1 && other.k == 0 && other.c <= BASE_BITS {
            return self;
        }
        if other.k >= 1 && self.k == 0 && self.c <= BASE_BITS {
            return other;
        }
        Bits {
            k: self.k.max(other.k),
            c: self.c.max(other.c),
        }
    }

    fn plus(self, n: u32) -> Bits {
        Bits {
            k: self.k,
            c: self.c.saturating_add(n),
        }
    }

    /// A product: the bit lengths add.
    fn times(self, other: Bits) -> Bits {
        Bits {
            k: self.k.saturating_add(other.k),
            c: self.c.saturating_add(other.c),
        }
    }

    /// `self ** e` for an int exponent `e >= 0`.
    fn pow(self, e: u32) -> Bits {
        if e == 0 {
            return Bits::BOOL;
        }
        Bits {
            k: self.k.saturating_mul(e),
            c: self.c.saturating_mul(e),
        }
    }

    /// The bound in bits, M taken at its largest.
    fn value(self) -> u64 {
        u64::from(self.k) * u64::from(VAR_BITS) + u64::from(self.c)
    }
}

/// Bit length of `|v|`.
fn bit_len(v: i64) -> u32 {
    64 - v.unsigned_abs().leading_zeros()
}

/// An upper bound of the bit length of an int literal (`-`, a prefix and `_` allowed).
fn lit_bits(text: &str) -> u32 {
    let text = text
        .trim_start_matches('-')
        .to_ascii_lowercase()
        .replace('_', "");
    let (digits, per_digit) = if let Some(hex) = text.strip_prefix("0x") {
        (hex, 4.0)
    } else if let Some(oct) = text.strip_prefix("0o") {
        (oct, 3.0)
    } else if let Some(bin) = text.strip_prefix("0b") {
        (bin, 1.0)
    } else {
        if let Ok(v) = text.parse::<u128>() {
            return 128 - v.leading_zeros();
        }
        (text.as_str(), std::f64::consts::LOG2_10)
    };
    let digits = digits.trim_start_matches('0');
    (digits.len() as f64 * per_digit).ceil() as u32 + 1
}

/// The bits of the result of `left op right` (`<<` and `**` are sized by their callers when
/// the right operand is not a literal).
fn op_bits(op: &str, left: &E, right: &E) -> Bits {
    let (l, r) = (left.2, right.2);
    match op {
        "+" | "-" | "&" | "|" | "^" => l.max(r).plus(1),
        "*" => l.times(r),
        // |a // b| <= |a| for an int b != 0; |a % b| < |b|.
        "//" | ">>" => l,
        "%" => r,
        "and" | "or" => l.max(r),
        "<<" => match right.0.trim().parse::<u32>() {
            Ok(count) => l.plus(count),
            Err(_) => Bits::lit(u32::MAX / 2),
        },
        "**" => {
            let exponent = right.0.trim().replace('_', "");
            match exponent.parse::<u32>() {
                Ok(e) => l.pow(e),
                // A negative or float exponent: a float.
                Err(_) if exponent.parse::<f64>().is_ok() => Bits::NONE,
                Err(_) => Bits::lit(u32::MAX / 2),
            }
        }
        "/" => Bits::NONE,
        _ => Bits::BOOL,
    }
}

/// Decimal text of `2**k + d` (which must not be negative).
fn pow2_plus(k: u32, d: i64) -> String {
    const BASE: i64 = 1_000_000_000;
    // Little-endian limbs in base 10**9.
    let mut limbs: Vec<i64> = vec![1];
    for _ in 0..k {
        let mut carry = 0;
        for limb in limbs.iter_mut() {
            let v = *limb * 2 + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    limbs[0] += d;
    let mut i = 0;
    while i < limbs.len() {
        let carry = limbs[i].div_euclid(BASE);
        limbs[i] = limbs[i].rem_euclid(BASE);
        if carry != 0 {
            if i + 1 == limbs.len() {
                limbs.push(0);
            }
            limbs[i + 1] += carry;
        }
        i += 1;
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut text = limbs.last().copied().unwrap_or(0).to_string();
    for limb in limbs.iter().rev().skip(1) {
        let _ = write!(text, "{limb:09}");
    }
    text
}

/// `digits` random decimal digits, the first not 0.
fn random_digits(rng: &mut Rng, digits: usize) -> String {
    (0..digits)
        .map(|i| {
            let lo = if i == 0 { 1 } else { 0 };
            char::from(b'0' + rng.range(lo, 9) as u8)
        })
        .collect()
}

/// `digits` with `_` every `group` digits from the right.
fn underscored(digits: &str, group: usize) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / group);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(group) {
            out.push('_');
        }
        out.push(ch);
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ty {
    Int,
    /// int or float
    Num,
    Str,
    /// anything, None included
    Any,
}

#[derive(Clone, Debug)]
struct Var {
    name: String,
    ty: Ty,
}

fn var(name: &str, ty: Ty) -> Var {
    Var {
        name: name.to_string(),
        ty,
    }
}

#[derive(Clone, Debug)]
struct Func {
    name: String,
    params: Vec<Var>,
    ret: Ty,
    /// Upper bound of the statements one call executes.
    cost: u64,
    /// Upper bound of the `print` calls one call executes.
    prints: u64,
    /// Upper bound of the GROWTH_BUDGET bits one call spends.
    growth: u64,
    /// One int parameter that must stay small (bounded recursion).
    recursive: bool,
}

#[derive(Clone, Default)]
struct Scope {
    readable: Vec<Var>,
    /// Names that may be unbound when read (NameError / UnboundLocalError).
    maybe_unbound: Vec<Var>,
    assignable: Vec<Var>,
    ret: Option<Ty>,
    loop_depth: usize,
    block_depth: usize,
}

/// The module's variables; every program binds them all first.
const POOL: &[(&str, Ty)] = &[
    ("a", Ty::Int),
    ("b", Ty::Int),
    ("c", Ty::Int),
    ("x", Ty::Num),
    ("y", Ty::Num),
    ("s", Ty::Str),
    ("t", Ty::Str),
    ("n", Ty::Any),
];

/// CPython builtins' names (PyRust keeps module names that are builtins in global slots).
const BUILTIN_NAMES: &[&str] = &[
    "max",
    "min",
    "len",
    "sum",
    "abs",
    "id",
    "type",
    "str",
    "int",
    "float",
    "bool",
    "list",
    "dict",
    "input",
    "open",
    "round",
    "sorted",
    "chr",
    "ord",
    "hash",
    "iter",
    "next",
    "object",
    "repr",
    "pow",
    "divmod",
    "isinstance",
    "format",
    "exit",
    "vars",
    "all",
    "any",
    "zip",
    "map",
];

/// Statements executed per program, at most (loops counted by trip count, calls by callee).
const COST_BUDGET: u64 = 20_000;
/// `print` calls executed per program, at most.
const PRINT_BUDGET: u64 = 200;
/// Product of the trip counts of enclosing loops, at most.
const MAX_MULT: u64 = 120;

const INTS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "5",
    "7",
    "10",
    "16",
    "100",
    "255",
    "256",
    "1000",
    "65535",
    "65536",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "9007199254740992",
    "9007199254740993",
    "3037000499",
    "3037000500",
    "4611686018427387904",
    "9223372036854775807",
    "9223372036854775806",
    "0x7fffffffffffffff",
    "0b1011",
    "0o17",
    "1_000_000",
    "00",
    "0_0",
    "0X1F",
    "0B11",
    "0O7",
    "1_2_3",
    "0xFFFF_FFFF",
];

/// Ints at the edges of float conversion (rounding ties, overflow, subnormals).
const FLOAT_EDGE_INTS: &[&str] = &[
    "2 ** 53 + 1",
    "2 ** 53 + 3",
    "2 ** 54 + 2",
    "2 ** 64 - 1",
    "2 ** 63 + 2 ** 10",
    "2 ** 63 + 2 ** 10 + 1",
    "2 ** 1023",
    "2 ** 1024",
    "2 ** 1024 - 2 ** 970",
    "2 ** 1024 - 2 ** 970 - 1",
    "-(2 ** 1024 - 2 ** 970 - 1)",
    "10 ** 308",
    "10 ** 309",
    "-(10 ** 22) - 1",
    "(1 << 1000) + (1 << 947)",
    "(1 << 1000) + (1 << 948) + 1",
];

/// True divisions at the edges of float results (correct rounding, overflow, underflow).
const EDGE_DIVISIONS: &[&str] = &[
    "1 / 2 ** 1074",
    "3 / 2 ** 1075",
    "1 / 2 ** 1075",
    "1 / 2 ** 1076",
    "2 ** 1024 / 3",
    "(2 ** 1024 - 1) / 2",
    "2 ** 1025 / 2",
    "-(2 ** 1100) / 2 ** 80",
    "(2 ** 53 + 1) / 1",
    "10 ** 400 / 10 ** 399",
    "10 ** 400 / 7",
    "1 / 10 ** 400",
    "-1 / 10 ** 330",
    "(2 ** 64 + 1) / (2 ** 64 - 1)",
    "123456789012345678901234567890 / 1000000000000",
    "(10 ** 30 + 1) / -(10 ** 15)",
];

/// Int literals past 64 bits or at its edges.
const BIG_INTS: &[&str] = &[
    "18446744073709551616",
    "18446744073709551615",
    "18446744073709551617",
    "0x1_0000_0000_0000_0000",
    "0x1_0000_0000_0000_0001",
    "0xFFFF_FFFF_FFFF_FFFF",
    "0xffffffffffffffff",
    "0x8000_0000_0000_0000",
    "9223372036854775808",
    "9223372036854775809",
    "0o2000000000000000000000",
    "0o1777777777777777777777",
    "0b1_0000000000000000000000000000000000000000000000000000000000000000",
    "36893488147419103232",
    "170141183460469231731687303715884105727",
    "170141183460469231731687303715884105728",
    "340282366920938463463374607431768211455",
    "340282366920938463463374607431768211456",
    "99999999999999999999",
    "100000000000000000000",
    "1_000_000_000_000_000_000_000",
    "123456789012345678901234567890",
    "18446744073709551557",
    "9007199254740993000000",
    "12345678901234567890123456789012345678901234567890",
    "0x7fff_ffff_ffff_ffff_ffff_ffff_ffff_ffff",
    "1180591620717411303424",
    "1267650600228229401496703205376",
];

const FLOATS: &[&str] = &[
    "0.1",
    "0.2",
    "0.3",
    "0.5",
    "1.5",
    "2.5",
    "3.0",
    "0.0",
    "1.0",
    "1e16",
    "1e-5",
    "1e22",
    "1e300",
    "123.456",
    "2.675",
    "1e15",
    "4.35",
    "1e100",
    ".5",
    "1.",
    "7.0",
    "9007199254740993.0",
    "5e-324",
    "1.7976931348623157e308",
    "2.2250738585072014e-308",
    "0.1e1",
    "1e-7",
    "3.14159",
    "1e308",
    "6.02e23",
    "4503599627370496.5",
    "1_0.2_5",
    "1e309",
    "9.223372036854776e18",
    "9.223372036854775e18",
    "18446744073709551616.0",
    "0.30000000000000004",
    "1E5",
    "1e+5",
    "0e0",
    "1_000.5",
    "1.5E-3",
    "0.1e-3",
    "100.0",
    "1e21",
    "1e-4",
];

const STRS: &[&str] = &[
    "''",
    "'a'",
    "'ab'",
    "'abc'",
    "'b'",
    "'hello'",
    "\"it's\"",
    "'say \"hi\"'",
    "'x y'",
    "'a\\nb'",
    "'tab\\there'",
    "'10'",
    "'A'",
    "'Z'",
    "' '",
    "'\\\\'",
    "'aa'",
    "'\\x41z'",
    "\"dq\"",
    "'''tri'''",
    "'-'",
    "'\\''",
    "r'raw\\n'",
    "'é'",
    r"'\x00'",
    r"'\x7f'",
    r"'\r\n'",
    r"'\x1b[0m'",
    r#"'it\'s "q"'"#,
    r"'\u00e9t\u00e9'",
    r"'\t'",
    "'ÿ'",
    "'a' 'b'",
    r"'''two\nlines'''",
];

// Generated text carries markers: `ONLY_CPYTHON text ONLY_CPYTHON_END` for text that only
// the instrumented copy (the one CPython runs) has. `original` drops the text, `instrumented`
// keeps it.
const ONLY_CPYTHON: char = '\u{3}';
const ONLY_CPYTHON_END: char = '\u{4}';

/// The program PyRust runs.
fn original(marked: &str) -> String {
    let mut out = String::with_capacity(marked.len());
    let mut hidden = false;
    for ch in marked.chars() {
        match ch {
            ONLY_CPYTHON => hidden = true,
            ONLY_CPYTHON_END => hidden = false,
            _ if !hidden => out.push(ch),
            _ => {}
        }
    }
    out
}

/// The program CPython runs: the final expression statement, if any, is assigned to `_R`.
fn instrumented(marked: &str) -> String {
    marked
        .chars()
        .filter(|&ch| ch != ONLY_CPYTHON && ch != ONLY_CPYTHON_END)
        .collect()
}

/// Program `index` of `seed`, with markers (see `original` and `instrumented`).
pub fn generate(seed: u64, index: u64) -> String {
    let mut rng = Rng(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
    rng.next();
    let mut gen = Gen {
        rng,
        out: String::new(),
        funcs: Vec::new(),
        scope: Scope::default(),
        cost: 0,
        mult: 1,
        prints: 0,
        extra: 0,
        ill_typed: false,
        small: 0,
        boundary: false,
        ends_with_expr: false,
        last_simple_is_expr: false,
        pool: Vec::new(),
        no_calls: false,
        fresh_globals: Vec::new(),
        flow: Vec::new(),
        strings: false,
        bigs: false,
        growth: 0,
    };
    gen.program();
    gen.out
}

struct Gen {
    rng: Rng,
    out: String,
    funcs: Vec<Func>,
    scope: Scope,
    cost: u64,
    mult: u64,
    prints: u64,
    /// Counter for fresh names of maybe-unbound variables.
    extra: usize,
    /// Whether this program may contain ill-typed operations and bad calls (TypeErrors).
    ill_typed: bool,
    /// Above 0: int literals stay small (operands of `*`, `**`, `<<`).
    small: u32,
    /// Whether int literals are often near the 64-bit limits.
    boundary: bool,
    /// Whether the last top-level statement so far is an expression statement.
    ends_with_expr: bool,
    /// Whether the last simple statement made is an expression statement.
    last_simple_is_expr: bool,
    /// The module's variables: POOL (some maybe renamed to builtins' names), then extras.
    pool: Vec<Var>,
    /// No calls in what is being generated (the body of a redefined function).
    no_calls: bool,
    /// Globals the function being generated creates.
    fresh_globals: Vec<Var>,
    /// Names of the current function (or module) bound only on some paths: assigned inside
    /// blocks, read anywhere later (NameError / UnboundLocalError unless bound).
    flow: Vec<Var>,
    /// Whether this program favours string statements (heap allocation and collection).
    strings: bool,
    /// Whether this program favours big ints (literals past 64 bits, big powers, builtins).
    bigs: bool,
    /// Bits of GROWTH_BUDGET spent so far (per call in a function's body; see `store`).
    growth: u64,
}

impl Gen {
    fn line(&mut self, indent: usize, text: &str) {
        if self.rng.chance(2) {
            self.out.push('\n');
        }
        for _ in 0..indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        if self.rng.chance(3) {
            // No generated string literal contains `#`.
            self.out.push_str("  # note");
        }
        self.out.push('\n');
    }

    /// `e` as an operand needing at least level `min`.
    fn paren(&mut self, e: E, min: u8) -> String {
        if e.1 < min || (e.1 < ATOM && self.rng.chance(3)) {
            format!("({})", e.0)
        } else {
            e.0
        }
    }

    fn binary(&mut self, left: E, op: &str, right: E, level: u8) -> E {
        let bits = op_bits(op, &left, &right);
        let l = self.paren(left, level);
        let r = self.paren(right, level + 1);
        if self.rng.below(200) == 0 {
            // Explicit line joining.
            return (format!("{l} {op} \\\n        {r}"), level, bits);
        }
        (format!("{l} {op} {r}"), level, bits)
    }

    fn pick_var(&mut self, accept: impl Fn(Ty) -> bool) -> Option<String> {
        let found: Vec<String> = self
            .scope
            .readable
            .iter()
            .filter(|v| accept(v.ty))
            .map(|v| v.name.clone())
            .collect();
        if found.is_empty() {
            None
        } else {
            Some(self.rng.pick(&found).clone())
        }
    }

    fn maybe_unbound(&mut self, accept: impl Fn(Ty) -> bool) -> Option<String> {
        let found: Vec<String> = self
            .scope
            .maybe_unbound
            .iter()
            .chain(&self.flow)
            .filter(|v| accept(v.ty))
            .map(|v| v.name.clone())
            .collect();
        if found.is_empty() {
            None
        } else {
            Some(self.rng.pick(&found).clone())
        }
    }

    // --- literals

    fn int_lit(&mut self) -> E {
        // Only some programs are boundary-heavy; others mostly use small numbers.
        let r = if self.small > 0 {
            self.rng.below(60)
        } else if self.boundary {
            self.rng.below(100)
        } else {
            self.rng.below(100) / 2 + (self.rng.chance(5) as usize) * 50
        };
        if self.small == 0 && self.bigs && self.rng.chance(20) {
            return self.big_lit();
        }
        let text = if r < 45 {
            self.rng.range(-3, 12).to_string()
        } else if r < 60 {
            self.rng.range(-1000, 100_000).to_string()
        } else if r < 75 {
            self.rng.pick(INTS).to_string()
        } else if r < 83 {
            let k = self.rng.range(0, 62);
            (1i64 << k).to_string()
        } else if r < 88 {
            let shift = self.rng.range(1, 62) as u32;
            ((self.rng.next() >> 1) >> shift).to_string()
        } else if r < 93 {
            return if self.rng.chance(50) {
                ("(-9223372036854775807 - 1)".into(), ATOM, Bits::lit(64))
            } else {
                ("-9223372036854775807 - 1".into(), ARITH, Bits::lit(64))
            };
        } else if r < 97 {
            let k = self.rng.range(0, 62);
            ((1i64 << k) - 1).to_string()
        } else {
            return self.big_lit();
        };
        let bits = Bits::lit(lit_bits(&text));
        if text.starts_with('-') {
            (text, UNARY, bits)
        } else if self.rng.chance(20) {
            (format!("-{text}"), UNARY, bits)
        } else {
            (text, ATOM, bits)
        }
    }

    /// An int literal past 64 bits or near the 64-bit limits.
    fn big_lit(&mut self) -> E {
        let text = match self.rng.below(100) {
            0..=29 => self.rng.pick(BIG_INTS).to_string(),
            30..=54 => {
                // Near 2**63 and 2**64 mostly, written in decimal.
                let k = match self.rng.below(10) {
                    0..=3 => 63,
                    4..=7 => 64,
                    8 => self.rng.range(60, 130) as u32,
                    _ => self.rng.range(60, 400) as u32,
                };
                pow2_plus(k, self.rng.range(-3, 3))
            }
            55..=69 => {
                // A power of two or all ones in hex, sometimes with underscores.
                let digits = self.rng.range(15, 40) as usize;
                let mut body: String = if self.rng.chance(50) {
                    let lead = *self.rng.pick(&["1", "2", "4", "8"]);
                    format!("{lead}{}", "0".repeat(digits))
                } else {
                    "f".repeat(digits + 1)
                };
                if self.rng.chance(40) {
                    body = underscored(&body, 4);
                }
                let prefix = *self.rng.pick(&["0x", "0X", "0x"]);
                format!("{prefix}{body}")
            }
            70..=79 => {
                // Binary or octal.
                let digits = self.rng.range(60, 140) as usize;
                if self.rng.chance(50) {
                    let body: String = (0..digits)
                        .map(|i| {
                            if i == 0 || self.rng.chance(50) {
                                '1'
                            } else {
                                '0'
                            }
                        })
                        .collect();
                    format!("0b{}", underscored(&body, 8))
                } else {
                    let body: String = (0..digits / 3)
                        .map(|i| {
                            let lo = if i == 0 { 1 } else { 0 };
                            char::from(b'0' + self.rng.range(lo, 7) as u8)
                        })
                        .collect();
                    format!("0o{body}")
                }
            }
            80..=97 => {
                // Random decimal digits.
                let digits = if self.rng.chance(90) {
                    self.rng.range(19, 45)
                } else {
                    self.rng.range(45, 400)
                } as usize;
                let body = random_digits(&mut self.rng, digits);
                if self.rng.chance(15) {
                    underscored(&body, 3)
                } else {
                    body
                }
            }
            98 => format!("1{}", "0".repeat(self.rng.range(19, 60) as usize)),
            _ => {
                if self.rng.chance(3) {
                    // Past the 4300-digit limit: CPython refuses the literal (SyntaxError).
                    format!("1{}", "0".repeat(self.rng.range(4298, 4301) as usize))
                } else {
                    "9".repeat(self.rng.range(60, 300) as usize)
                }
            }
        };
        let bits = Bits::lit(lit_bits(&text));
        if self.rng.chance(25) {
            (format!("-{text}"), UNARY, bits)
        } else {
            (text, ATOM, bits)
        }
    }

    fn small_int(&mut self, lo: i64, hi: i64) -> E {
        let v = self.rng.range(lo, hi);
        let bits = Bits::lit(bit_len(v));
        if v < 0 {
            (v.to_string(), UNARY, bits)
        } else {
            (v.to_string(), ATOM, bits)
        }
    }

    fn float_lit(&mut self) -> E {
        let text = if self.rng.chance(70) {
            self.rng.pick(FLOATS).to_string()
        } else {
            format!("{}.{}", self.rng.range(0, 99), self.rng.range(0, 999))
        };
        if self.rng.chance(20) {
            (format!("-{text}"), UNARY, Bits::NONE)
        } else {
            (text, ATOM, Bits::NONE)
        }
    }

    fn str_lit(&mut self) -> E {
        (self.rng.pick(STRS).to_string(), ATOM, Bits::NONE)
    }

    // --- expressions

    fn expr(&mut self, ty: Ty, depth: u32) -> E {
        match ty {
            Ty::Int => self.int_expr(depth),
            Ty::Num => self.num_expr(depth),
            Ty::Str => self.str_expr(depth, &mut true),
            Ty::Any => self.any_expr(depth),
        }
    }

    fn int_leaf(&mut self) -> E {
        let r = self.rng.below(100);
        if r < 45 {
            if let Some(v) = self.pick_var(|t| t == Ty::Int) {
                return (v, ATOM, Bits::VAR);
            }
        }
        if r < 47 {
            if let Some(v) = self.maybe_unbound(|t| t == Ty::Int) {
                return (v, ATOM, Bits::VAR);
            }
        }
        if r < 52 {
            return (
                self.rng.pick(&["True", "False"]).to_string(),
                ATOM,
                Bits::BOOL,
            );
        }
        if r < 53 && self.ill_typed {
            // Ill-typed on purpose: TypeError messages.
            return if self.rng.chance(50) {
                ("None".into(), ATOM, Bits::NONE)
            } else {
                self.float_lit()
            };
        }
        self.int_lit()
    }

    fn num_leaf(&mut self) -> E {
        let r = self.rng.below(100);
        if r < 45 {
            if let Some(v) = self.pick_var(|t| t == Ty::Int || t == Ty::Num) {
                return (v, ATOM, Bits::VAR);
            }
        }
        if r < 47 {
            if let Some(v) = self.maybe_unbound(|t| t == Ty::Int || t == Ty::Num) {
                return (v, ATOM, Bits::VAR);
            }
        }
        if r < 49 {
            return (
                self.rng.pick(&["True", "False"]).to_string(),
                ATOM,
                Bits::BOOL,
            );
        }
        if r < 50 && self.ill_typed {
            return ("None".into(), ATOM, Bits::NONE);
        }
        if r < 75 {
            return self.float_lit();
        }
        self.int_lit()
    }

    /// `make()` with small int literals, when `when` (and a coin flip) says so.
    fn small_if(&mut self, when: bool, make: impl FnOnce(&mut Gen) -> E) -> E {
        let on = when && self.rng.chance(70);
        self.small += on as u32;
        let e = make(self);
        self.small -= on as u32;
        e
    }

    /// `right`, or a small int when `left * right` could pass EXPR_BITS.
    fn fit_factor(&mut self, left: &E, right: E) -> E {
        if left.2.times(right.2).value() > EXPR_BITS {
            self.small_int(-9, 9)
        } else {
            right
        }
    }

    /// The largest exponent up to `e` for which `base ** exponent` stays within EXPR_BITS.
    fn fit_exponent(base: Bits, e: u32) -> u32 {
        let mut e = e;
        while e > 1 && base.pow(e).value() > EXPR_BITS {
            e -= 1;
        }
        e
    }

    /// A divisor: often a nonzero literal, so that not every program dies of ZeroDivisionError.
    fn divisor(&mut self, ty: Ty, depth: u32) -> E {
        let r = self.rng.below(100);
        if r < 45 {
            let v = *self.rng.pick(&[1i64, 2, 3, 7, 10, -1, -2, -3, 16, 256]);
            return self.small_int(v, v);
        }
        if ty == Ty::Num && r < 55 {
            return self.float_lit();
        }
        if self.bigs && r < 62 {
            return self.big_lit();
        }
        let e = self.expr(ty, depth);
        if r < 80 {
            // `e or k`: zero becomes k.
            let bits = e.2.max(Bits::lit(3));
            let e = self.paren(e, OR);
            let k = *self.rng.pick(&["1", "3", "-2", "0.5", "7"]);
            return (format!("({e} or {k})"), ATOM, bits);
        }
        e
    }

    /// `-e`.
    fn negated(&mut self, e: E) -> E {
        let bits = e.2.plus(1);
        let text = self.paren(e, UNARY);
        (format!("-{text}"), UNARY, bits)
    }

    fn int_expr(&mut self, depth: u32) -> E {
        if depth == 0 || self.rng.chance(20) {
            return self.int_leaf();
        }
        let d = depth - 1;
        if self.bigs && self.rng.chance(15) {
            return self.big_expr(d);
        }
        match self.rng.below(100) {
            0..=29 => {
                let l = self.int_expr(d);
                let (op, level) = *self.rng.pick(&[("+", ARITH), ("-", ARITH), ("*", TERM)]);
                let r = self.small_if(op == "*", |g| g.int_expr(d));
                let r = self.fit_factor(&l, r);
                self.binary(l, op, r, level)
            }
            30..=39 => {
                let l = self.int_expr(d);
                let op = *self.rng.pick(&["//", "%"]);
                let r = self.divisor(Ty::Int, d);
                self.binary(l, op, r, TERM)
            }
            40..=49 => {
                let op = *self.rng.pick(&["-", "+", "~", "-", "~"]);
                let e = self.int_expr(d);
                let bits = e.2.plus(1);
                let e = self.paren(e, UNARY);
                // `- -x` is fine text, `--x` too; keep a space sometimes.
                let sep = if self.rng.chance(30) { " " } else { "" };
                (format!("{op}{sep}{e}"), UNARY, bits)
            }
            50..=56 => {
                let base = self.small_if(true, |g| g.int_expr(d));
                let exp = if self.rng.chance(80) {
                    self.rng.range(0, 3)
                } else {
                    self.rng.range(4, 6)
                } as u32;
                let exp = Self::fit_exponent(base.2, exp);
                let bits = base.2.pow(exp);
                let base = self.paren(base, ATOM);
                (format!("{base} ** {exp}"), POW, bits)
            }
            57..=66 => {
                let (op, level) = *self.rng.pick(&[
                    ("&", BAND),
                    ("|", BOR),
                    ("^", BXOR),
                    ("<<", SHIFT),
                    (">>", SHIFT),
                ]);
                let l = self.small_if(op == "<<", |g| g.int_expr(d));
                let r = if level == SHIFT {
                    if self.rng.chance(90) {
                        self.small_int(0, 12)
                    } else {
                        self.small_int(-1, 70)
                    }
                } else {
                    self.int_expr(d)
                };
                self.binary(l, op, r, level)
            }
            67..=73 => self.cond_expr(Ty::Int, d),
            74..=78 => {
                let l = self.int_expr(d);
                let op = *self.rng.pick(&["and", "or"]);
                let r = self.int_expr(d);
                let level = if op == "and" { AND } else { OR };
                self.binary(l, op, r, level)
            }
            79..=86 => match self.call(|t| t == Ty::Int, d) {
                Some(e) => e,
                None => self.int_leaf(),
            },
            87..=90 => match self.builtin(Ty::Int, d) {
                Some(e) => e,
                None => self.int_leaf(),
            },
            91..=94 => {
                // Comparisons are ints too (bool).
                self.compare(d)
            }
            _ => self.int_leaf(),
        }
    }

    /// An int operand for the big-int expressions: a big literal, a variable or an expression,
    /// either sign.
    fn big_operand(&mut self, depth: u32) -> E {
        let e = match self.rng.below(10) {
            0..=4 => self.big_lit(),
            5..=6 => self.int_expr(depth),
            7 => self.small_int(-20, 20),
            _ => match self.pick_var(|t| t == Ty::Int) {
                Some(v) => (v, ATOM, Bits::VAR),
                None => self.big_lit(),
            },
        };
        if self.rng.chance(15) {
            self.negated(e)
        } else {
            e
        }
    }

    /// A nonzero divisor for the big-int expressions: a big or small literal, either sign, or
    /// `divisor`.
    fn big_divisor(&mut self, depth: u32) -> E {
        match self.rng.below(10) {
            0..=3 => self.big_lit(),
            4..=6 => {
                let v = *self.rng.pick(&[
                    1i64,
                    -1,
                    2,
                    -2,
                    3,
                    -3,
                    7,
                    -7,
                    10,
                    -10,
                    1_000_000_007,
                    -65536,
                ]);
                self.small_int(v, v)
            }
            _ => self.divisor(Ty::Int, depth),
        }
    }

    /// Something big-int-heavy to print: an int, a number mixing big ints with floats, a
    /// builtin's result (divmod's tuple included) or a comparison.
    fn big_any(&mut self, depth: u32) -> E {
        match self.rng.below(10) {
            0..=3 => self.big_expr(depth),
            4..=5 => self.big_num_expr(depth),
            6..=8 => match self.builtin(Ty::Any, depth) {
                Some(e) => e,
                None => self.big_expr(depth),
            },
            _ => self.compare(depth),
        }
    }

    /// A big-int-heavy int expression: powers, products, divisions, shifts and bitwise
    /// operations past 64 bits, numeric builtins.
    fn big_expr(&mut self, depth: u32) -> E {
        match self.rng.below(100) {
            0..=14 => {
                // A power past 64 bits: a small base, an exponent up to about 200.
                let base = *self.rng.pick(&[
                    "2",
                    "3",
                    "7",
                    "10",
                    "-2",
                    "-3",
                    "5",
                    "255",
                    "256",
                    "65537",
                    "-10",
                    "11",
                    "4294967296",
                    "9223372036854775807",
                    "18446744073709551616",
                ]);
                let base_bits = Bits::lit(lit_bits(base));
                let exp = if self.rng.chance(70) {
                    self.rng.range(20, 210)
                } else {
                    self.rng.range(0, 70)
                } as u32;
                let exp = Self::fit_exponent(base_bits, exp);
                let bits = base_bits.pow(exp);
                if self.rng.chance(25) && self.builtin_free("pow") {
                    return (format!("pow({base}, {exp})"), ATOM, bits);
                }
                let base = if base.starts_with('-') && self.rng.chance(60) {
                    format!("({base})")
                } else {
                    base.to_string() // `-3 ** 5` is -(3 ** 5)
                };
                let level = if base.starts_with('-') { UNARY } else { POW };
                (format!("{base} ** {exp}"), level, bits)
            }
            15..=27 => {
                // A product crossing 64 bits.
                let l = self.big_operand(depth);
                let r = self.big_operand(depth);
                let r = self.fit_factor(&l, r);
                self.binary(l, "*", r, TERM)
            }
            28..=47 => {
                // Floor division and modulo between big and small ints, all signs.
                let (l, r) = if self.rng.chance(70) {
                    let l = self.big_operand(depth);
                    let r = if self.rng.chance(80) {
                        self.big_divisor(depth)
                    } else {
                        self.big_operand(depth)
                    };
                    (l, r)
                } else {
                    let l = self.small_int(-100, 100);
                    let r = self.big_divisor(depth);
                    (l, r)
                };
                let op = *self.rng.pick(&["//", "%"]);
                self.binary(l, op, r, TERM)
            }
            48..=59 => {
                // Shifts of big values.
                let l = self.big_operand(depth);
                if self.rng.chance(8) {
                    // By a count past 64 bits: 0 or -1 to the right; to the left an error
                    // (MemoryError or OverflowError) before any work.
                    let count = self.big_lit();
                    let count = (count.0.trim_start_matches('-').to_string(), ATOM, count.2);
                    let op = *self.rng.pick(&["<<", ">>", ">>"]);
                    let mut e = self.binary(l, op, count, SHIFT);
                    e.2 = Bits::lit(EXPR_BITS as u32);
                    return e;
                }
                let count = if self.rng.chance(50) {
                    *self
                        .rng
                        .pick(&[0i64, 1, 3, 31, 32, 63, 64, 65, 100, 127, 128, 200, 300])
                } else {
                    self.rng.range(0, 260)
                };
                let op = *self.rng.pick(&["<<", ">>", ">>"]);
                let count = if op == "<<" && l.2.value() + count as u64 > EXPR_BITS {
                    1
                } else {
                    count
                };
                let r = self.small_int(count, count);
                self.binary(l, op, r, SHIFT)
            }
            60..=72 => {
                // Bitwise operations with negative big values.
                let l = self.big_operand(depth);
                let l = match self.rng.below(3) {
                    0 => self.negated(l),
                    1 => {
                        let bits = l.2.plus(1);
                        let text = self.paren(l, UNARY);
                        (format!("~{text}"), UNARY, bits)
                    }
                    _ => l,
                };
                let r = self.big_operand(depth);
                let r = if self.rng.chance(40) {
                    self.negated(r)
                } else {
                    r
                };
                let (op, level) = *self.rng.pick(&[("&", BAND), ("|", BOR), ("^", BXOR)]);
                self.binary(l, op, r, level)
            }
            73..=87 => match self.builtin(Ty::Int, depth) {
                Some(e) => e,
                None => self.big_lit(),
            },
            88..=96 => {
                // Arithmetic at the 64-bit edges.
                let edge = *self.rng.pick(&[
                    "9223372036854775807",
                    "(-9223372036854775807 - 1)",
                    "-9223372036854775808",
                    "18446744073709551615",
                    "4294967296",
                    "3037000500",
                    "2 ** 63",
                    "2 ** 64",
                    "(1 << 63)",
                    "(1 << 64) - 1",
                    "-2 ** 63",
                ]);
                let edge = (format!("({edge})"), ATOM, Bits::lit(65));
                let (op, level) = *self.rng.pick(&[
                    ("+", ARITH),
                    ("-", ARITH),
                    ("*", TERM),
                    ("//", TERM),
                    ("%", TERM),
                ]);
                let other = match op {
                    "*" => self.small_int(-4, 4),
                    "//" | "%" => self.divisor(Ty::Int, depth),
                    _ => self.small_int(-3, 3),
                };
                if self.rng.chance(50) {
                    self.binary(edge, op, other, level)
                } else {
                    self.binary(other, op, edge, level)
                }
            }
            _ => {
                // At CPython's 4300-digit limit of int/str conversion (printing it may fail).
                let (base, exp) = *self.rng.pick(&[
                    ("10", 4299i64),
                    ("10", 4300),
                    ("-10", 4299),
                    ("7", 5088),
                    ("7", 5089),
                    ("2", 14284),
                    ("2", 14288),
                ]);
                let exp = exp + self.rng.range(-1, 1);
                let bits = Bits::lit(lit_bits(base)).pow(exp as u32);
                let base = if base.starts_with('-') {
                    format!("({base})")
                } else {
                    base.to_string()
                };
                (format!("{base} ** {exp}"), POW, bits)
            }
        }
    }

    /// A float, infinite or NaN value to compare big ints with.
    fn special_float(&mut self) -> E {
        let text = *self.rng.pick(&[
            "9.223372036854776e18",
            "-9.223372036854776e18",
            "1.8446744073709552e19",
            "1e19",
            "1e20",
            "1e300",
            "1.7976931348623157e308",
            "1e309",
            "-1e309",
            "float('inf')",
            "float('-inf')",
            "float('nan')",
            "2.0 ** 64",
            "2.0 ** 63",
            "9007199254740993.0",
            "0.5",
            "-0.0",
            "1e16",
            "3.4028236692093846e38",
        ]);
        let level = if text.contains("**") {
            POW
        } else if text.starts_with('-') {
            UNARY
        } else {
            ATOM
        };
        (text.to_string(), level, Bits::NONE)
    }

    fn num_expr(&mut self, depth: u32) -> E {
        if depth == 0 || self.rng.chance(20) {
            return self.num_leaf();
        }
        let d = depth - 1;
        if self.bigs && self.rng.chance(12) {
            return self.big_num_expr(d);
        }
        match self.rng.below(100) {
            0..=34 => {
                let l = self.num_expr(d);
                let (op, level) =
                    *self
                        .rng
                        .pick(&[("+", ARITH), ("-", ARITH), ("*", TERM), ("/", TERM)]);
                let r = if op == "/" {
                    self.divisor(Ty::Num, d)
                } else {
                    self.small_if(op == "*", |g| g.num_expr(d))
                };
                let r = if op == "*" { self.fit_factor(&l, r) } else { r };
                self.binary(l, op, r, level)
            }
            35..=46 => {
                let l = self.num_expr(d);
                let op = *self.rng.pick(&["//", "%", "/"]);
                let r = self.divisor(Ty::Num, d);
                self.binary(l, op, r, TERM)
            }
            47..=54 => {
                let op = *self.rng.pick(&["-", "+", "-"]);
                let e = self.num_expr(d);
                let bits = e.2.plus(1);
                let e = self.paren(e, UNARY);
                (format!("{op}{e}"), UNARY, bits)
            }
            55..=62 => {
                let base = self.small_if(true, |g| g.num_expr(d));
                let exp = match self.rng.below(10) {
                    0..=5 => {
                        let e = self.rng.range(-2, 4);
                        let e = if e > 0 {
                            i64::from(Self::fit_exponent(base.2, e as u32))
                        } else {
                            e
                        };
                        self.small_int(e, e)
                    }
                    6..=8 => {
                        let f = *self
                            .rng
                            .pick(&["0.5", "2.0", "-0.5", "1.5", "0.0", "3.0", "-1.0"]);
                        (
                            f.to_string(),
                            if f.starts_with('-') { UNARY } else { ATOM },
                            Bits::NONE,
                        )
                    }
                    _ => self.float_lit(),
                };
                let bits = op_bits("**", &base, &exp);
                let base = self.paren(base, ATOM);
                let exp = self.paren(exp, UNARY);
                (format!("{base} ** {exp}"), POW, bits)
            }
            63..=69 => self.cond_expr(Ty::Num, d),
            70..=74 => {
                let l = self.num_expr(d);
                let op = *self.rng.pick(&["and", "or"]);
                let r = self.num_expr(d);
                let level = if op == "and" { AND } else { OR };
                self.binary(l, op, r, level)
            }
            75..=81 => match self.call(|t| t == Ty::Int || t == Ty::Num, d) {
                Some(e) => e,
                None => self.num_leaf(),
            },
            82..=85 => match self.builtin(Ty::Num, d) {
                Some(e) => e,
                None => self.num_leaf(),
            },
            86..=89 => self.int_expr(depth),
            _ => self.num_leaf(),
        }
    }

    /// A number expression mixing big ints with floats: true division, conversions (which
    /// overflow past 1024 bits), floor division and modulo by floats.
    fn big_num_expr(&mut self, depth: u32) -> E {
        if self.rng.chance(10) {
            let text = self.rng.pick(EDGE_DIVISIONS).to_string();
            return (text, TERM, Bits::NONE);
        }
        match self.rng.below(10) {
            0..=3 => {
                let (l, r) = if self.rng.chance(75) {
                    let l = self.big_operand(depth);
                    let r = if self.rng.chance(80) {
                        self.big_divisor(depth)
                    } else {
                        self.big_operand(depth)
                    };
                    (l, r)
                } else {
                    let l = self.small_int(-50, 50);
                    let r = self.big_divisor(depth);
                    (l, r)
                };
                self.binary(l, "/", r, TERM)
            }
            4..=5 => {
                let l = self.big_operand(depth);
                let (op, level) = *self.rng.pick(&[
                    ("+", ARITH),
                    ("-", ARITH),
                    ("*", TERM),
                    ("//", TERM),
                    ("%", TERM),
                ]);
                let r = if self.rng.chance(50) {
                    self.special_float()
                } else {
                    self.float_lit()
                };
                if self.rng.chance(70) {
                    self.binary(l, op, r, level)
                } else {
                    self.binary(r, op, l, level)
                }
            }
            6..=7 => match self.builtin(Ty::Num, depth) {
                Some(e) => e,
                None => self.big_lit(),
            },
            _ => {
                let base = self.big_operand(depth);
                let exp = *self.rng.pick(&["-1", "-2", "0.5", "-0.5", "1.0", "2"]);
                let exp = (
                    exp.to_string(),
                    if exp.starts_with('-') { UNARY } else { ATOM },
                    Bits::NONE,
                );
                let bits = op_bits("**", &base, &exp);
                let base = self.paren(base, ATOM);
                let exp = self.paren(exp, UNARY);
                (format!("{base} ** {exp}"), POW, bits)
            }
        }
    }

    /// Whether the builtin `name` is not shadowed by a variable of the program.
    fn builtin_free(&self, name: &str) -> bool {
        !self
            .pool
            .iter()
            .chain(&self.scope.readable)
            .chain(&self.scope.assignable)
            .chain(&self.scope.maybe_unbound)
            .any(|v| v.name == name)
    }

    /// A string literal of digits for `int(text, base)`: bases 2..36 and 0, signs, prefixes,
    /// underscores, surrounding whitespace, sometimes an invalid character. Returns the
    /// literal, the base argument (None: base 10 implied) and the bits of the result.
    fn digit_string(&mut self) -> (String, Option<String>, Bits) {
        const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let base = *self.rng.pick(&[
            2u32, 8, 10, 16, 36, 3, 7, 12, 20, 0, 10, 16, 2, 36, 5, 31, 0,
        ]);
        let radix = if base == 0 {
            *self.rng.pick(&[10u32, 16, 8, 2])
        } else {
            base
        };
        let len = if self.rng.chance(80) {
            self.rng.range(1, 25)
        } else {
            self.rng.range(25, 140)
        } as usize;
        let mut digits: String = (0..len)
            .map(|i| {
                let lo = if i == 0 && len > 1 { 1 } else { 0 };
                let c = char::from(DIGITS[self.rng.range(lo, i64::from(radix) - 1) as usize]);
                if self.rng.chance(30) {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect();
        if self.rng.chance(15) {
            let group = self.rng.range(1, 4) as usize;
            digits = underscored(&digits, group);
        }
        let prefix = match radix {
            16 if base == 0 || self.rng.chance(20) => *self.rng.pick(&["0x", "0X"]),
            8 if base == 0 || self.rng.chance(20) => *self.rng.pick(&["0o", "0O"]),
            2 if base == 0 || self.rng.chance(20) => *self.rng.pick(&["0b", "0B"]),
            _ => "",
        };
        let sign = *self.rng.pick(&["", "", "", "", "-", "+"]);
        let mut text = format!("{sign}{prefix}{digits}");
        if self.rng.chance(8) {
            // Something invalid: ValueError with the text's repr.
            let bad = *self
                .rng
                .pick(&["g", "2", ".", " ", "__", "-", "z", "9", "0x"]);
            let at = self.rng.range(0, text.len() as i64) as usize;
            text.insert_str(at, bad);
        }
        if self.rng.chance(10) {
            let (before, after) =
                *self
                    .rng
                    .pick(&[(" ", " "), ("\\t", ""), ("  ", "\\n"), ("", " ")]);
            text = format!("{before}{text}{after}");
        }
        let bits = Bits::lit((len as f64 * f64::from(radix).log2()).ceil() as u32 + 1);
        let base = if base == 10 && self.rng.chance(50) {
            None
        } else if self.rng.chance(15) {
            Some(format!("base={base}"))
        } else {
            Some(base.to_string())
        };
        (format!("'{text}'"), base, bits)
    }

    /// A call of a numeric builtin (`abs`, `min`, `max`, `pow`, `round`, `int`, `float`,
    /// `bool`, `divmod`) whose result suits `ty`, or None when the name is a variable's.
    fn builtin(&mut self, ty: Ty, depth: u32) -> Option<E> {
        let names: &[&str] = match ty {
            Ty::Int => &[
                "abs", "min", "max", "pow", "pow", "round", "int", "int", "bool", "abs", "round",
            ],
            Ty::Num => &[
                "abs", "min", "max", "pow", "round", "int", "float", "float", "round", "pow",
            ],
            _ => &[
                "divmod", "divmod", "divmod", "min", "max", "round", "float", "int", "pow", "abs",
                "bool",
            ],
        };
        let name = *self.rng.pick(names);
        if !self.builtin_free(name) {
            return None;
        }
        if self.ill_typed && self.rng.chance(12) {
            return Some(self.bad_builtin_call(name));
        }
        let number = |g: &mut Gen, depth: u32| -> E {
            if ty == Ty::Int {
                g.int_expr(depth)
            } else if g.bigs && g.rng.chance(30) {
                g.big_operand(depth)
            } else {
                g.num_expr(depth)
            }
        };
        let e = match name {
            "abs" => {
                let x = number(self, depth);
                let bits = x.2;
                (format!("abs({})", self.paren(x, COND)), ATOM, bits)
            }
            "min" | "max" => {
                if self.rng.chance(15) {
                    // One iterable: a range, the tuple of a divmod, or a string.
                    let (arg, bits) = match self.rng.below(4) {
                        0 | 1 => {
                            let lo = self.rng.range(-20, 20);
                            let hi = lo + self.rng.range(-3, 30);
                            let step = *self.rng.pick(&["", ", 2", ", -1", ", 3", ", -5"]);
                            (
                                format!("range({lo}, {hi}{step})"),
                                Bits::lit(bit_len(lo.abs().max(hi.abs()))),
                            )
                        }
                        2 => {
                            let a = self.big_operand(depth);
                            let b = self.divisor(Ty::Int, depth);
                            let bits = a.2.max(b.2);
                            let a = self.paren(a, COND);
                            let b = self.paren(b, COND);
                            (format!("divmod({a}, {b})"), bits)
                        }
                        _ if ty == Ty::Any => (self.str_lit().0, Bits::NONE),
                        _ => ("range(0)".to_string(), Bits::NONE),
                    };
                    if self.rng.chance(30) {
                        let k = self.small_int(-5, 5);
                        let bits = bits.max(k.2);
                        return Some((format!("{name}({arg}, default={})", k.0), ATOM, bits));
                    }
                    return Some((format!("{name}({arg})"), ATOM, bits));
                }
                let mut args = Vec::new();
                let mut bits = Bits::NONE;
                if ty != Ty::Int && self.rng.chance(20) {
                    // An int and the float of equal value: the first one wins.
                    let x = self.big_lit();
                    bits = x.2;
                    let x = self.paren(x, COND);
                    args.push(x.clone());
                    args.push(format!("float({x})"));
                    if self.rng.chance(50) {
                        args.reverse();
                    }
                } else {
                    for _ in 0..self.rng.range(2, 4) {
                        let x = number(self, depth);
                        bits = bits.max(x.2);
                        args.push(self.paren(x, COND));
                    }
                }
                (format!("{name}({})", args.join(", ")), ATOM, bits)
            }
            "pow" => {
                if self.rng.chance(40) {
                    // With a modulus: the result is smaller than it.
                    let base = self.int_expr(depth);
                    let exp = match self.rng.below(10) {
                        0..=5 => self.small_int(0, 300),
                        6..=7 => self.big_lit(),
                        8 => self.small_int(-3, -1),
                        _ => {
                            let e = self.int_expr(depth);
                            let text = self.paren(e, TERM + 1);
                            (format!("{text} % 1000"), TERM, Bits::lit(10))
                        }
                    };
                    let modulus = match self.rng.below(40) {
                        0 => self.small_int(0, 0),
                        1..=17 => {
                            let v = *self.rng.pick(&[
                                7i64,
                                10,
                                -7,
                                1_000_000_007,
                                97,
                                2,
                                -1_000_000_007,
                                1,
                                65536,
                            ]);
                            self.small_int(v, v)
                        }
                        _ => self.big_lit(),
                    };
                    let bits = modulus.2;
                    let base = self.paren(base, COND);
                    let exp = self.paren(exp, COND);
                    let modulus = self.paren(modulus, COND);
                    let text = match self.rng.below(6) {
                        0 => format!("pow({base}, {exp}, mod={modulus})"),
                        1 => format!("pow(base={base}, exp={exp}, mod={modulus})"),
                        _ => format!("pow({base}, {exp}, {modulus})"),
                    };
                    (text, ATOM, bits)
                } else {
                    let base = if ty == Ty::Int {
                        self.small_if(true, |g| g.int_expr(depth))
                    } else {
                        self.small_if(true, |g| g.num_expr(depth))
                    };
                    let exp = if ty != Ty::Int && self.rng.chance(25) {
                        let f = *self.rng.pick(&["-1", "-2", "0.5", "-0.5", "2.0"]);
                        (f.to_string(), ATOM, Bits::NONE)
                    } else {
                        let e = if base.2.value() <= 64 && self.rng.chance(50) {
                            self.rng.range(0, 200) as u32
                        } else {
                            self.rng.range(0, 6) as u32
                        };
                        let e = Self::fit_exponent(base.2, e);
                        (e.to_string(), ATOM, Bits::lit(bit_len(i64::from(e))))
                    };
                    let bits = op_bits("**", &base, &exp);
                    let base = self.paren(base, COND);
                    let text = if self.rng.chance(10) {
                        format!("pow({base}, exp={})", exp.0)
                    } else {
                        format!("pow({base}, {})", exp.0)
                    };
                    (text, ATOM, bits)
                }
            }
            "round" => {
                // round(x) is an int; round(int, n) too; round(float, n) is a float.
                let x = if ty == Ty::Int && self.rng.chance(50) {
                    self.int_expr(depth)
                } else {
                    self.num_expr(depth)
                };
                let bits = x.2.max(Bits::lit(1024)).plus(1);
                let x = self.paren(x, COND);
                let ndigits = match self.rng.below(10) {
                    0..=3 => None,
                    4..=7 => Some(self.small_int(-25, 25).0),
                    8 => Some(
                        self.rng
                            .pick(&[
                                "None", "-400", "400", "-19", "-20", "-1", "0", "308", "-308",
                            ])
                            .to_string(),
                    ),
                    // CPython rounds an int to -n digits with 10 ** n: no huge negative n.
                    _ => Some(self.big_lit().0.trim_start_matches('-').to_string()),
                };
                let text = match ndigits {
                    None if self.rng.chance(10) => format!("round(number={x})"),
                    None => format!("round({x})"),
                    Some(n) if self.rng.chance(10) => format!("round({x}, ndigits={n})"),
                    Some(n) => format!("round({x}, {n})"),
                };
                (text, ATOM, bits)
            }
            "int" => match self.rng.below(10) {
                0..=3 => {
                    let x = if self.rng.chance(30) {
                        self.special_float()
                    } else {
                        number(self, depth)
                    };
                    let bits = x.2.max(Bits::lit(1024));
                    (format!("int({})", self.paren(x, COND)), ATOM, bits)
                }
                4..=8 => {
                    let (text, base, bits) = self.digit_string();
                    match base {
                        Some(base) => (format!("int({text}, {base})"), ATOM, bits),
                        None => (format!("int({text})"), ATOM, bits),
                    }
                }
                _ => {
                    // Near the 4300-digit limit (powers of two bases have none).
                    let (digit, count, base, radix) = *self.rng.pick(&[
                        ("1", 4300i64, "", 10.0f64),
                        ("9", 4301, "", 10.0),
                        ("7", 4299, "", 10.0),
                        ("1", 4301, ", 10", 10.0),
                        ("f", 3000, ", 16", 16.0),
                        ("1", 5000, ", 2", 2.0),
                        ("z", 2000, ", 36", 36.0),
                    ]);
                    let count = count + self.rng.range(-1, 1);
                    let bits = Bits::lit((count as f64 * radix.log2()).ceil() as u32 + 1);
                    (format!("int('{digit}' * {count}{base})"), ATOM, bits)
                }
            },
            "float" => {
                let x = match self.rng.below(12) {
                    0..=5 => self.big_operand(depth),
                    6 => self.num_expr(depth),
                    7..=8 => (
                        format!("({})", self.rng.pick(FLOAT_EDGE_INTS)),
                        ATOM,
                        Bits::lit(1200),
                    ),
                    _ => {
                        let text = *self.rng.pick(&[
                            "'inf'",
                            "'-inf'",
                            "'nan'",
                            "'-Infinity'",
                            "' 1e500 '",
                            "'1_0.5'",
                            "'-0.0'",
                            "'1e-400'",
                            "'0x10'",
                            "'12345678901234567890123'",
                            "'abc'",
                        ]);
                        (text.to_string(), ATOM, Bits::NONE)
                    }
                };
                (format!("float({})", self.paren(x, COND)), ATOM, Bits::NONE)
            }
            "bool" => {
                let x = self.any_expr(depth);
                (format!("bool({})", self.paren(x, COND)), ATOM, Bits::BOOL)
            }
            _ => {
                // divmod: a tuple, printed whole.
                let (a, b) = if self.rng.chance(60) {
                    let a = self.big_operand(depth);
                    let b = if self.rng.chance(80) {
                        self.big_divisor(depth)
                    } else {
                        self.big_operand(depth)
                    };
                    (a, b)
                } else {
                    let a = self.num_expr(depth);
                    let b = self.divisor(Ty::Num, depth);
                    (a, b)
                };
                let a = self.paren(a, COND);
                let b = self.paren(b, COND);
                (format!("divmod({a}, {b})"), ATOM, Bits::NONE)
            }
        };
        Some(e)
    }

    /// A builtin call that fails on purpose (ill-typed programs).
    fn bad_builtin_call(&mut self, name: &str) -> E {
        let calls: &[&str] = match name {
            "abs" => &["abs('a')", "abs(None)", "abs()", "abs(1, 2)", "abs(x=1)"],
            "min" => &[
                "min()",
                "min(5)",
                "min(1, 'a')",
                "min(range(0))",
                "min(1, 2, default=3)",
                "min('')",
            ],
            "max" => &[
                "max()",
                "max(5.5)",
                "max('a', 1)",
                "max(range(5, 5))",
                "max(1, 2, y=3)",
            ],
            "pow" => &[
                "pow(2.0, 3, 5)",
                "pow(2, 3, 0)",
                "pow(2)",
                "pow('a', 2)",
                "pow(2, 3, 4, 5)",
                "pow(2, -1, 4)",
                "pow(0, -1)",
                "pow(10 ** 20, -1, 10 ** 10)",
            ],
            "round" => &[
                "round('a')",
                "round(1.5, 2.5)",
                "round()",
                "round(None)",
                "round(2, '1')",
                "round(float('inf'))",
                "round(float('nan'))",
            ],
            "int" => &[
                "int('12', 99)",
                "int(1.5, 10)",
                "int(None)",
                "int('abc')",
                "int('1e5')",
                "int(float('inf'))",
                "int(float('nan'))",
                "int('0x1f', 10)",
                "int(x='5')",
                "int('')",
                "int('12', 1)",
            ],
            "float" => &[
                "float('abc')",
                "float(None)",
                "float(1, 2)",
                "float(x=1)",
                "float(10 ** 400)",
                "float(-2 ** 1024)",
            ],
            "bool" => &["bool(1, 2)", "bool(x=1)"],
            _ => &[
                "divmod(1)",
                "divmod(1, 0)",
                "divmod(1.5, 0.0)",
                "divmod('a', 2)",
                "divmod(10 ** 30, 0)",
                "divmod(10 ** 400, 1.5)",
            ],
        };
        (self.rng.pick(calls).to_string(), ATOM, Bits::lit(64))
    }

    /// A string expression that reads at most one string variable (or string-returning call)
    /// when `var` is true on entry, so repeated assignments grow strings linearly at most.
    fn str_expr(&mut self, depth: u32, var: &mut bool) -> E {
        let leaf = |g: &mut Gen, var: &mut bool| -> E {
            if *var && g.rng.chance(50) {
                if let Some(v) = g.pick_var(|t| t == Ty::Str) {
                    *var = false;
                    return (v, ATOM, Bits::NONE);
                }
            }
            if g.ill_typed && g.rng.chance(2) {
                return g.small_int(0, 3); // ill-typed on purpose
            }
            g.str_lit()
        };
        if depth == 0 || self.rng.chance(25) {
            return leaf(self, var);
        }
        let d = depth - 1;
        match self.rng.below(100) {
            0..=39 => {
                let l = self.str_expr(d, var);
                let r = self.str_expr(d, var);
                self.binary(l, "+", r, ARITH)
            }
            40..=54 => {
                let s = self.str_lit();
                let k = if self.bigs && self.rng.below(400) == 0 {
                    // OverflowError: cannot fit 'int' into an index-sized integer.
                    self.big_lit()
                } else if self.rng.chance(90) {
                    self.small_int(-1, 4)
                } else {
                    (
                        self.rng.pick(&["True", "False"]).to_string(),
                        ATOM,
                        Bits::BOOL,
                    )
                };
                if self.rng.chance(50) {
                    self.binary(s, "*", k, TERM)
                } else {
                    self.binary(k, "*", s, TERM)
                }
            }
            55..=64 => {
                let body = self.str_expr(d, var);
                let test = self.cond(d);
                let orelse = self.str_expr(d, var);
                self.ifexp(body, test, orelse)
            }
            65..=71 => {
                let l = self.str_expr(d, var);
                let op = *self.rng.pick(&["and", "or"]);
                let r = self.str_expr(d, var);
                let level = if op == "and" { AND } else { OR };
                self.binary(l, op, r, level)
            }
            72..=84 if *var => match self.call(|t| t == Ty::Str, d) {
                Some(e) => {
                    *var = false;
                    e
                }
                None => leaf(self, var),
            },
            _ => leaf(self, var),
        }
    }

    /// A range value (printed, compared, tested with `in`; never iterated: any bounds).
    fn range_expr(&mut self, depth: u32) -> E {
        let d = depth.saturating_sub(1);
        let mut args = Vec::new();
        for _ in 0..self.rng.range(1, 3) {
            let e = self.int_expr(d);
            // PyRust has no ranges past 64 bits yet (NotImplementedError): mostly keep them
            // within 64 bits.
            let e = if e.2.value() > 63 && self.rng.chance(85) {
                let m = *self
                    .rng
                    .pick(&["1000", "9223372036854775807", "-4611686018427387904"]);
                let m = (
                    m.to_string(),
                    if m.starts_with('-') { UNARY } else { ATOM },
                    Bits::lit(63),
                );
                self.binary(e, "%", m, TERM)
            } else {
                e
            };
            args.push(self.paren(e, COND));
        }
        if args.len() == 3 && self.rng.chance(80) {
            args[2] = self
                .rng
                .pick(&["1", "2", "-1", "3", "-7", "9223372036854775807"])
                .to_string();
        }
        (format!("range({})", args.join(", ")), ATOM, Bits::NONE)
    }

    fn any_expr(&mut self, depth: u32) -> E {
        if self.rng.chance(3) {
            return self.range_expr(depth);
        }
        match self.rng.below(21) {
            0..=5 => self.int_expr(depth),
            6..=9 => self.num_expr(depth),
            10..=12 => self.str_expr(depth, &mut true),
            13..=14 => self.cond(depth),
            15 => ("None".into(), ATOM, Bits::NONE),
            16..=17 => match self.pick_var(|t| t == Ty::Any) {
                Some(v) => (v, ATOM, Bits::VAR),
                None => self.int_leaf(),
            },
            18 if self.bigs || self.rng.chance(40) => {
                match self.builtin(Ty::Any, depth.saturating_sub(1)) {
                    Some(e) => e,
                    None => self.num_expr(depth),
                }
            }
            _ => match self.call(|_| true, depth.saturating_sub(1)) {
                Some(e) => e,
                None => self.num_expr(depth),
            },
        }
    }

    fn ifexp(&mut self, body: E, test: E, orelse: E) -> E {
        let bits = body.2.max(orelse.2);
        let body = self.paren(body, OR);
        let test = self.paren(test, OR);
        let orelse = self.paren(orelse, COND);
        (format!("{body} if {test} else {orelse}"), COND, bits)
    }

    fn cond_expr(&mut self, ty: Ty, depth: u32) -> E {
        let body = self.expr(ty, depth);
        let test = self.cond(depth);
        let orelse = self.expr(ty, depth);
        self.ifexp(body, test, orelse)
    }

    /// A comparison (maybe chained) of numbers or of strings.
    fn compare(&mut self, depth: u32) -> E {
        let strings = self.rng.chance(20);
        // Big ints against floats (infinities and NaN included) and other big ints.
        let big = !strings && self.bigs && self.rng.chance(40);
        let n = if self.rng.chance(20) {
            self.rng.range(2, 3)
        } else {
            1
        };
        let operand = |g: &mut Gen| -> String {
            let e = if strings {
                g.str_expr(depth, &mut true)
            } else if big {
                match g.rng.below(10) {
                    0..=3 => g.big_operand(depth),
                    4..=6 => g.special_float(),
                    7 => {
                        let x = g.big_lit();
                        let x = g.paren(x, COND);
                        (format!("float({x})"), ATOM, Bits::NONE)
                    }
                    _ => g.num_expr(depth),
                }
            } else if g.ill_typed && g.rng.chance(5) {
                g.any_expr(depth) // ill-typed comparisons now and then
            } else {
                g.num_expr(depth)
            };
            g.paren(e, BOR)
        };
        let mut text = operand(self);
        for _ in 0..n {
            let op = if strings && self.rng.chance(30) {
                *self.rng.pick(&["in", "not in"])
            } else {
                *self.rng.pick(&["<", "<=", ">", ">=", "==", "!="])
            };
            let r = operand(self);
            let _ = write!(text, " {op} {r}");
        }
        (text, CMP, Bits::BOOL)
    }

    /// A condition: any value works as one.
    fn cond(&mut self, depth: u32) -> E {
        let d = depth.saturating_sub(1);
        match self.rng.below(100) {
            0..=44 => self.compare(d),
            45..=54 => {
                // A variable, call or comparison on the left: CPython warns about `is` with a
                // literal (folded constants included) on stderr.
                let e = match self.rng.below(10) {
                    0..=3 => self.pick_var(|t| t == Ty::Any),
                    4..=7 => self.pick_var(|_| true),
                    _ => None,
                };
                let e = match e {
                    Some(v) => (v, ATOM, Bits::VAR),
                    None => match self.call(|_| true, d) {
                        Some(e) => e,
                        None => self.compare(d),
                    },
                };
                let l = self.paren(e, BOR);
                let op = *self.rng.pick(&["is", "is not"]);
                let r = *self.rng.pick(&["None", "True", "False"]);
                (format!("{l} {op} {r}"), CMP, Bits::BOOL)
            }
            55..=64 => {
                let e = self.cond(d);
                let e = self.paren(e, NOT);
                (format!("not {e}"), NOT, Bits::BOOL)
            }
            65..=76 => {
                let l = self.cond(d);
                let op = *self.rng.pick(&["and", "or"]);
                let r = self.cond(d);
                let level = if op == "and" { AND } else { OR };
                self.binary(l, op, r, level)
            }
            77..=78 => (
                self.rng.pick(&["True", "False"]).to_string(),
                ATOM,
                Bits::BOOL,
            ),
            79..=80 => {
                if self.rng.chance(50) {
                    // CPython tests a non-int (float, bool) against a range by scanning it:
                    // keep these ranges short.
                    let x = self.int_expr(d);
                    let x = self.paren(x, BOR);
                    let op = *self.rng.pick(&["in", "not in"]);
                    let lo = self.rng.range(-30, 30);
                    let hi = lo + self.rng.range(-5, 60);
                    let step = *self.rng.pick(&["", ", 2", ", -1", ", 3", ", -4", ", 1"]);
                    (format!("{x} {op} range({lo}, {hi}{step})"), CMP, Bits::BOOL)
                } else {
                    let r = self.range_expr(d);
                    let other = self.range_expr(d);
                    let op = *self.rng.pick(&["==", "!="]);
                    (format!("{} {op} {}", r.0, other.0), CMP, Bits::BOOL)
                }
            }
            _ => self.any_expr(d),
        }
    }

    /// A call of a function defined earlier whose return type `accept`s, if the budgets allow.
    fn call(&mut self, accept: impl Fn(Ty) -> bool, depth: u32) -> Option<E> {
        if self.no_calls {
            return None;
        }
        let candidates: Vec<usize> = (0..self.funcs.len())
            .filter(|&i| {
                let f = &self.funcs[i];
                accept(f.ret)
                    && self.cost + self.mult * (f.cost + 1) <= COST_BUDGET
                    && self.prints + self.mult * f.prints <= PRINT_BUDGET
                    && self.growth + self.mult * f.growth <= GROWTH_BUDGET
            })
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let f = self.funcs[*self.rng.pick(&candidates)].clone();
        self.cost += self.mult * (f.cost + 1);
        self.prints += self.mult * f.prints;
        self.growth += self.mult * f.growth;
        let bits = if f.recursive {
            Bits::lit(RECUR_BITS)
        } else {
            Bits::VAR
        };
        Some((self.call_text(&f, depth), ATOM, bits))
    }

    fn call_text(&mut self, f: &Func, depth: u32) -> String {
        let mut args: Vec<String> = Vec::new();
        for p in &f.params {
            let e = if f.recursive {
                if self.rng.chance(2) {
                    // Far enough from the limit that harness frames do not matter (the
                    // emulator runs programs 3 frames deeper than `python3 FILE` does).
                    if self.rng.chance(50) {
                        self.small_int(900, 985)
                    } else {
                        self.small_int(1005, 1100)
                    }
                } else if self.rng.chance(70) {
                    self.small_int(-1, 20)
                } else {
                    let e = self.int_expr(depth);
                    let e = self.paren(e, TERM + 1);
                    (format!("{e} % 21"), TERM, Bits::lit(5))
                }
            } else if p.ty == Ty::Str {
                self.str_expr(depth, &mut false)
            } else {
                // A parameter holds what its argument was: stored like an assignment.
                let e = self.expr(p.ty, depth);
                self.store(e, p.ty)
            };
            args.push(self.paren(e, COND));
        }
        let names: Vec<String> = f.params.iter().map(|p| p.name.clone()).collect();
        let positional = self.rng.range(0, args.len() as i64) as usize;
        let mut parts: Vec<String> = args[..positional].to_vec();
        let mut keywords: Vec<String> = (positional..args.len())
            .map(|i| format!("{}={}", names[i], args[i]))
            .collect();
        // Keyword order does not matter to Python; shuffle it.
        for i in (1..keywords.len()).rev() {
            let j = self.rng.below(i + 1);
            keywords.swap(i, j);
        }
        if self.ill_typed && self.rng.chance(4) {
            // A call error on purpose: TypeError messages.
            match self.rng.below(4) {
                0 => parts.push("1".into()),
                1 => keywords.push("q=1".into()),
                2 if !keywords.is_empty() => {
                    keywords.pop();
                }
                _ if !parts.is_empty() => keywords.push(format!("{}=0", names[0])),
                _ => parts.push("2".into()),
            }
        }
        parts.extend(keywords);
        format!("{}({})", f.name, parts.join(", "))
    }

    // --- sizes of stored ints

    /// `e`, about to be stored in a variable or parameter of type `ty` or returned as a
    /// function's result, kept within VAR_BITS if it is an int. The invariant: every stored
    /// int has at most `M <= BASE_BITS + growth spent` bits. So an int of at most BASE_BITS
    /// bits is free; one of `M + c` bits (a stored int grown by c bits) spends c bits per
    /// execution (`mult` per run of the enclosing code, times the calls of a function);
    /// a constant of more than BASE_BITS spends the excess once. When GROWTH_BUDGET does not
    /// cover that, or the value could be a multiple of M bits (`a * b`, `a ** 2`), it is
    /// reduced: `% m`, `& mask` or `>> n`, so that it has at most BASE_BITS bits.
    fn store(&mut self, e: E, ty: Ty) -> E {
        if self.fits(e.2, ty) {
            return e;
        }
        let (op, operand, level) = self.reducer(e.2, ty);
        let mut reduced = self.binary(e, op, operand, level);
        reduced.2 = Bits::lit(BASE_BITS);
        reduced
    }

    /// Whether a stored value of `bits` keeps the invariant of `store`; spends growth if so.
    fn fits(&mut self, bits: Bits, ty: Ty) -> bool {
        if !matches!(ty, Ty::Int | Ty::Num) {
            return true;
        }
        let spend = match bits.k {
            0 => u64::from(bits.c.saturating_sub(BASE_BITS)),
            1 => self.mult * u64::from(bits.c),
            _ => return false,
        };
        if self.growth + spend <= GROWTH_BUDGET {
            self.growth += spend;
            true
        } else {
            false
        }
    }

    /// An operator and right operand that bring a value of `bits` to at most BASE_BITS bits.
    fn reducer(&mut self, bits: Bits, ty: Ty) -> (&'static str, E, u8) {
        let r = self.rng.below(10);
        if ty == Ty::Int && r == 0 {
            // A right shift by all but the last up to BASE_BITS bits.
            let keep = self.rng.range(0, i64::from(BASE_BITS));
            let count = (bits.value().min(1 << 40) as i64 - keep).max(0);
            return (">>", self.small_int(count, count), SHIFT);
        }
        if ty == Ty::Int && r == 1 {
            let k = self.rng.range(1, 1500);
            let mask = if self.rng.chance(50) {
                format!("(2 ** {k} - 1)")
            } else {
                format!("((1 << {k}) - 1)")
            };
            return ("&", (mask, ATOM, Bits::lit(k as u32)), BAND);
        }
        // Floats convert the modulus: keep it within a float's range for them.
        let limit = if ty == Ty::Int { BASE_BITS } else { 1000 };
        ("%", self.modulus(limit), TERM)
    }

    /// A nonzero modulus of at most `limit` bits, either sign.
    fn modulus(&mut self, limit: u32) -> E {
        let m = match self.rng.below(8) {
            0 => {
                let k = self.rng.range(61, 1500);
                (format!("2 ** {k}"), POW, Bits::lit(k as u32 + 1))
            }
            1 => {
                let k = self.rng.range(61, 1500);
                (format!("(2 ** {k} - 1)"), ATOM, Bits::lit(k as u32))
            }
            2 => {
                let k = self.rng.range(19, 300);
                let bits = (k as f64 * std::f64::consts::LOG2_10).ceil() as u32 + 1;
                (format!("10 ** {k}"), POW, Bits::lit(bits))
            }
            3 => {
                let k = self.rng.range(61, 1500);
                (format!("(1 << {k})"), ATOM, Bits::lit(k as u32 + 1))
            }
            4 => {
                let digits = self.rng.range(19, 120) as usize;
                let text = random_digits(&mut self.rng, digits);
                let bits = Bits::lit(lit_bits(&text));
                (text, ATOM, bits)
            }
            5 => {
                let text = *self.rng.pick(&[
                    "18446744073709551616",
                    "0x1_0000_0000_0000_0000",
                    "9223372036854775807",
                    "18446744073709551557",
                    "(2 ** 127 - 1)",
                    "(2 ** 521 - 1)",
                    "1000000007",
                    "4294967291",
                ]);
                (text.to_string(), ATOM, Bits::lit(522))
            }
            _ => {
                let m = self.big_lit();
                if m.2.c <= limit {
                    return m;
                }
                ("(2 ** 127 - 1)".to_string(), ATOM, Bits::lit(127))
            }
        };
        let m = if m.2.c > limit {
            ("(2 ** 89 - 1)".to_string(), ATOM, Bits::lit(89))
        } else {
            m
        };
        if self.rng.chance(25) && !m.0.starts_with('-') {
            self.negated(m)
        } else {
            m
        }
    }

    // --- statements

    /// A simple statement (one line of text), or None when nothing fits the budgets.
    fn simple_stmt(&mut self) -> String {
        loop {
            self.last_simple_is_expr = false;
            let r = self.rng.below(100);
            let text = match r {
                0..=39 => self.assign(),
                40..=57 => self.aug_assign(),
                58..=77 => self.print_stmt(),
                78..=84 => {
                    self.last_simple_is_expr = true;
                    match self.call(|_| true, 2) {
                        Some(e) => Some(e.0),
                        None => Some(self.any_expr(2).0),
                    }
                }
                85..=86 => Some("pass".into()),
                87..=96 if self.scope.loop_depth > 0 => {
                    let what = *self.rng.pick(&["break", "continue"]);
                    Some(what.to_string())
                }
                97..=99 if self.scope.ret.is_some() => {
                    let ty = self.scope.ret.unwrap_or(Ty::Int);
                    let e = self.expr(ty, 2);
                    Some(format!("return {}", self.store(e, ty).0))
                }
                _ => None,
            };
            if let Some(text) = text {
                return text;
            }
        }
    }

    fn assign(&mut self) -> Option<String> {
        if self.rng.chance(12) {
            // A name bound on this path only (or rebound).
            let v = if self.flow.len() < 6 && (self.flow.is_empty() || self.rng.chance(50)) {
                let v = var(&format!("q{}", self.extra), Ty::Int);
                self.extra += 1;
                self.flow.push(v.clone());
                v
            } else {
                self.rng.pick(&self.flow).clone()
            };
            let e = self.int_expr(2);
            let e = self.store(e, Ty::Int);
            return Some(format!("{} = {}", v.name, e.0));
        }
        let targets = self.scope.assignable.clone();
        if targets.is_empty() {
            return None;
        }
        let strs: Vec<Var> = targets
            .iter()
            .filter(|v| v.ty == Ty::Str)
            .cloned()
            .collect();
        let v = if self.strings && !strs.is_empty() && self.rng.chance(60) {
            self.rng.pick(&strs).clone()
        } else {
            self.rng.pick(&targets).clone()
        };
        let e = self.expr(v.ty, 3);
        let e = self.store(e, v.ty);
        if self.rng.chance(8) {
            let same: Vec<&Var> = targets.iter().filter(|w| w.ty == v.ty).collect();
            let w = self.rng.pick(&same).name.clone();
            return Some(format!("{} = {w} = {}", v.name, e.0));
        }
        Some(format!("{} = {}", v.name, e.0))
    }

    fn aug_assign(&mut self) -> Option<String> {
        let targets: Vec<Var> = self
            .scope
            .assignable
            .iter()
            .filter(|v| v.ty != Ty::Any)
            .cloned()
            .collect();
        if targets.is_empty() {
            return None;
        }
        let strs: Vec<Var> = targets
            .iter()
            .filter(|v| v.ty == Ty::Str)
            .cloned()
            .collect();
        let v = if !self.flow.is_empty() && self.rng.chance(8) {
            self.rng.pick(&self.flow).clone()
        } else if self.strings && !strs.is_empty() && self.rng.chance(60) {
            self.rng.pick(&strs).clone()
        } else {
            self.rng.pick(&targets).clone()
        };
        let (op, e) = match v.ty {
            Ty::Int => {
                let op = *self.rng.pick(&[
                    "+=", "-=", "*=", "//=", "%=", "&=", "|=", "^=", "<<=", ">>=", "+=", "-=",
                    "+=", "-=", "%=", "//=", "**=",
                ]);
                let e = match op {
                    "<<=" | ">>=" => {
                        if self.bigs && self.rng.chance(30) {
                            self.small_int(0, 100)
                        } else {
                            self.small_int(0, 10)
                        }
                    }
                    "**=" => self.small_int(0, 2),
                    "//=" | "%=" => self.divisor(Ty::Int, 2),
                    "*=" => self.small_if(true, |g| g.int_expr(2)),
                    _ => self.int_expr(2),
                };
                (op, e)
            }
            Ty::Num => {
                let op = *self
                    .rng
                    .pick(&["+=", "-=", "*=", "/=", "//=", "%=", "**=", "+=", "-="]);
                let e = match op {
                    "**=" => self.small_int(-1, 2),
                    "*=" => self.small_if(true, |g| g.num_expr(2)),
                    "/=" | "//=" | "%=" => self.divisor(Ty::Num, 2),
                    _ => self.num_expr(2),
                };
                (op, e)
            }
            _ => ("+=", self.str_expr(2, &mut false)),
        };
        if v.ty == Ty::Str {
            return Some(format!("{} {op} {}", v.name, e.0));
        }
        // The value after the update, as `store` sees it.
        let current = (v.name.clone(), ATOM, Bits::VAR);
        let e = if op == "*=" {
            self.fit_factor(&current, e)
        } else {
            e
        };
        let bits = op_bits(op.trim_end_matches('='), &current, &e);
        if self.fits(bits, v.ty) {
            return Some(format!("{} {op} {}", v.name, e.0));
        }
        // Too big to keep: reduce right after the update.
        let (reduce, operand, _) = self.reducer(bits, v.ty);
        Some(format!(
            "{} {op} {}; {} {reduce}= {}",
            v.name, e.0, v.name, operand.0
        ))
    }

    fn print_stmt(&mut self) -> Option<String> {
        if self.prints + self.mult > PRINT_BUDGET {
            return None;
        }
        self.prints += self.mult;
        let mut parts = Vec::new();
        for _ in 0..self.rng.range(0, 3) {
            let e = if self.bigs && self.rng.chance(40) {
                self.big_any(2)
            } else {
                self.any_expr(2)
            };
            parts.push(self.paren(e, COND));
        }
        let mut keywords = Vec::new();
        if self.rng.chance(25) {
            let sep = *self
                .rng
                .pick(&["''", "', '", "'-'", "None", "'\\n'", "' | '"]);
            keywords.push(format!("sep={sep}"));
        }
        if self.rng.chance(25) {
            let end = *self
                .rng
                .pick(&["''", "' '", "'!\\n'", "None", "'\\n\\n'", "';'"]);
            keywords.push(format!("end={end}"));
        }
        if self.rng.chance(50) {
            keywords.reverse();
        }
        parts.extend(keywords);
        Some(format!("print({})", parts.join(", ")))
    }

    fn stmt(&mut self, indent: usize) {
        self.cost += self.mult;
        self.last_simple_is_expr = false;
        if indent == 0 {
            self.ends_with_expr = false;
        }
        let compound_ok = self.scope.block_depth < 3;
        let r = self.rng.below(100);
        match r {
            0..=13 if compound_ok => self.if_stmt(indent),
            14..=21 if compound_ok && self.mult < MAX_MULT / 2 => self.while_stmt(indent),
            22..=30 if compound_ok && self.mult < MAX_MULT / 2 => self.for_stmt(indent),
            31..=36 if self.scope.loop_depth > 0 => {
                let c = self.cond(2);
                let what = *self.rng.pick(&["break", "continue"]);
                self.line(indent, &format!("if {}:", c.0));
                self.line(indent + 1, what);
            }
            37..=39 if self.scope.ret.is_some() => {
                let c = self.cond(2);
                let ty = self.scope.ret.unwrap_or(Ty::Int);
                let e = self.expr(ty, 2);
                let e = self.store(e, ty);
                self.line(indent, &format!("if {}:", c.0));
                self.line(indent + 1, &format!("return {}", e.0));
            }
            _ => {
                let mut text = self.simple_stmt();
                if self.rng.chance(5) {
                    let more = self.simple_stmt();
                    text = format!("{text}; {more}");
                }
                self.line(indent, &text);
                if indent == 0 {
                    self.ends_with_expr = self.last_simple_is_expr;
                }
            }
        }
    }

    fn block(&mut self, indent: usize, count: usize) {
        let saved = self.scope.clone();
        self.scope.block_depth += 1;
        for _ in 0..count.max(1) {
            self.stmt(indent);
        }
        self.scope = saved;
    }

    fn if_stmt(&mut self, indent: usize) {
        let c = self.cond(3);
        self.line(indent, &format!("if {}:", c.0));
        let n = self.rng.range(1, 3) as usize;
        self.block(indent + 1, n);
        for _ in 0..self.rng.range(0, 2) {
            let c = self.cond(3);
            self.line(indent, &format!("elif {}:", c.0));
            let n = self.rng.range(1, 2) as usize;
            self.block(indent + 1, n);
        }
        if self.rng.chance(50) {
            self.line(indent, "else:");
            let n = self.rng.range(1, 2) as usize;
            self.block(indent + 1, n);
        }
    }

    fn max_trips(&self) -> i64 {
        ((MAX_MULT / self.mult) as i64).clamp(1, 10)
    }

    fn loop_body(&mut self, indent: usize, trips: u64, prefix: &[String], extra: Option<Var>) {
        let saved_mult = self.mult;
        let saved = self.scope.clone();
        self.mult *= trips.max(1);
        self.scope.loop_depth += 1;
        self.scope.block_depth += 1;
        if let Some(v) = extra {
            self.scope.readable.push(v);
        }
        for text in prefix {
            self.line(indent, text);
        }
        let n = self.rng.range(1, 4) as usize;
        for _ in 0..n {
            self.stmt(indent);
        }
        self.scope = saved;
        self.mult = saved_mult;
    }

    fn loop_else(&mut self, indent: usize) {
        if self.rng.chance(15) {
            self.line(indent, "else:");
            let n = self.rng.range(1, 2) as usize;
            self.block(indent + 1, n);
        }
    }

    fn while_stmt(&mut self, indent: usize) {
        let k = format!("k{}", self.scope.loop_depth);
        let trips = self.rng.range(0, self.max_trips());
        self.line(indent, &format!("{k} = 0"));
        let counter = Some(var(&k, Ty::Int));
        match self.rng.below(3) {
            0 => {
                self.line(indent, &format!("while {k} < {trips}:"));
                self.loop_body(indent + 1, trips as u64, &[format!("{k} += 1")], counter);
            }
            1 => {
                let c = self.cond(2);
                let c = self.paren(c, NOT);
                self.line(indent, &format!("while {k} < {trips} and {c}:"));
                self.loop_body(indent + 1, trips as u64, &[format!("{k} += 1")], counter);
            }
            _ => {
                self.line(indent, "while True:");
                let prefix = [
                    format!("{k} += 1"),
                    format!("if {k} > {trips}:"),
                    "    break".into(),
                ];
                self.loop_body(indent + 1, trips as u64 + 1, &prefix, counter);
            }
        }
        self.loop_else(indent);
    }

    fn for_stmt(&mut self, indent: usize) {
        let ints: Vec<String> = self
            .scope
            .assignable
            .iter()
            .filter(|v| v.ty == Ty::Int)
            .map(|v| v.name.clone())
            .collect();
        let i = if !ints.is_empty() && self.rng.chance(20) {
            // An ordinary variable as the target.
            self.rng.pick(&ints).clone()
        } else {
            format!("i{}", self.scope.loop_depth)
        };
        let max = self.max_trips();
        let (args, trips) = match self.rng.below(10) {
            0..=2 => {
                let stop = self.rng.range(-2, max);
                (stop.to_string(), stop.max(0))
            }
            3..=5 => {
                let start = self.rng.range(-5, 5);
                let stop = self.rng.range(start - 2, start + max);
                (format!("{start}, {stop}"), (stop - start).max(0))
            }
            6..=8 => {
                let step = *self.rng.pick(&[1i64, 2, 3, -1, -2, -3, 1, 2, -1]);
                let start = self.rng.range(-6, 6);
                let stop = start + step * self.rng.range(-1, max);
                let trips = if step > 0 {
                    (stop - start + step - 1).div_euclid(step).max(0)
                } else {
                    (start - stop - step - 1).div_euclid(-step).max(0)
                };
                let step = if self.rng.chance(3) { 0 } else { step };
                (format!("{start}, {stop}, {step}"), trips)
            }
            _ => {
                let m = self.rng.range(2, max.max(2) + 1);
                let e = self.int_expr(2);
                let e = self.paren(e, TERM + 1);
                (format!("{e} % {m}"), m - 1)
            }
        };
        if self.rng.chance(10) {
            // A range held in a variable.
            let holder = format!("rg{}", self.scope.loop_depth);
            self.line(indent, &format!("{holder} = range({args})"));
            self.line(indent, &format!("for {i} in {holder}:"));
        } else {
            self.line(indent, &format!("for {i} in range({args}):"));
        }
        // The loop variable is a local of the function (or a global at module level).
        self.loop_body(indent + 1, trips as u64, &[], Some(var(&i, Ty::Int)));
        self.loop_else(indent);
        if self.rng.chance(20) {
            // Read after the loop: unbound when the range was empty and nothing bound it.
            self.scope.maybe_unbound.push(var(&i, Ty::Int));
        }
    }

    fn def(&mut self) {
        self.ends_with_expr = false;
        let index = self.funcs.len();
        let saved = (
            self.scope.clone(),
            self.cost,
            self.mult,
            self.prints,
            self.growth,
        );
        self.cost = 0;
        self.mult = 1;
        self.prints = 0;
        self.growth = 0;
        let module_vars = self.pool.clone();
        let mut module_maybe = self.scope.maybe_unbound.clone();
        // The module's maybe-bound names are globals the function may read.
        let module_flow = std::mem::take(&mut self.flow);
        module_maybe.extend(module_flow.iter().cloned());
        if self.rng.chance(4) {
            // Recursion with a local bound at some depths only: each frame's own bitmap.
            let name = format!("r{index}");
            let test = match self.rng.below(3) {
                0 => format!("p0 > {}", self.rng.range(-1, 6)),
                1 => "p0 % 2".to_string(),
                _ => format!("p0 != {}", self.rng.range(0, 6)),
            };
            let base = self.small_int(-2, 3).0;
            self.line(0, &format!("def {name}(p0):"));
            self.line(1, &format!("if {test}:"));
            self.line(2, "q = p0 * 2");
            self.line(1, "if p0 <= 0:");
            self.line(2, &format!("return {base}"));
            self.line(1, &format!("v = {name}(p0 - 1)"));
            self.line(1, "return v + q");
            self.funcs.push(Func {
                name,
                params: vec![var("p0", Ty::Int)],
                ret: Ty::Int,
                cost: 5 * 1001,
                prints: 0,
                growth: 0,
                recursive: true,
            });
        } else if self.rng.chance(10) {
            let name = format!("r{index}");
            let op = *self.rng.pick(&["+", "-", "+", "*"]);
            let base = self.small_int(-2, 3).0;
            // Products by a bounded factor only: the results stay within RECUR_BITS.
            let term = if op == "*" {
                *self.rng.pick(&["2", "-2", "1", "p0 % 3", "-1"])
            } else {
                *self.rng.pick(&["p0", "1", "p0 % 3", "p0 * 2", "2", "-p0"])
            };
            self.line(0, &format!("def {name}(p0):"));
            self.line(1, "if p0 <= 0:");
            self.line(2, &format!("return {base}"));
            self.line(1, &format!("return {name}(p0 - 1) {op} {term}"));
            self.funcs.push(Func {
                name,
                params: vec![var("p0", Ty::Int)],
                ret: Ty::Int,
                cost: 3 * 1001,
                prints: 0,
                growth: 0,
                recursive: true,
            });
        } else {
            // Now and then a function replaces an earlier one of the same name (callers bind
            // late, so they call the new one); its body calls nothing, so no cycle can form.
            let redefined: Vec<String> = self
                .funcs
                .iter()
                .filter(|f| f.name.starts_with('f'))
                .map(|f| f.name.clone())
                .collect();
            let name = if !redefined.is_empty() && self.rng.chance(6) {
                let name = self.rng.pick(&redefined).clone();
                self.funcs.retain(|f| f.name != name);
                self.no_calls = true;
                name
            } else {
                format!("f{index}")
            };
            let nparams = self.rng.range(0, 3) as usize;
            let mut params: Vec<Var> = Vec::new();
            for i in 0..nparams {
                if self.rng.chance(15) {
                    // A parameter named like a module variable shadows it.
                    let v = self.rng.pick(&module_vars[..POOL.len()]).clone();
                    if !params.iter().any(|p| p.name == v.name) {
                        params.push(v);
                        continue;
                    }
                }
                let ty = *self
                    .rng
                    .pick(&[Ty::Int, Ty::Int, Ty::Num, Ty::Str, Ty::Any]);
                params.push(var(&format!("p{i}"), ty));
            }
            let ret = *self
                .rng
                .pick(&[Ty::Int, Ty::Int, Ty::Num, Ty::Str, Ty::Any]);
            let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
            self.line(0, &format!("def {name}({}):", names.join(", ")));
            // Which module variables this function declares global, and which it shadows.
            let mut globals = Vec::new();
            let mut locals = Vec::new();
            for v in &module_vars[..POOL.len()] {
                if params.iter().any(|p| p.name == v.name) {
                    continue;
                }
                match self.rng.below(10) {
                    0 => globals.push(v.clone()),
                    1 | 2 => locals.push(v.clone()),
                    _ => {}
                }
            }
            if !globals.is_empty() {
                let g: Vec<&str> = globals.iter().map(|v| v.name.as_str()).collect();
                self.line(1, &format!("global {}", g.join(", ")));
            }
            if self.rng.chance(8) {
                // A global the module never binds: NameError at module level unless called.
                let fresh = var(&format!("g{index}"), Ty::Int);
                self.line(1, &format!("global {}", fresh.name));
                let e = self.int_lit();
                let e = self.store(e, Ty::Int);
                self.line(1, &format!("{} = {}", fresh.name, e.0));
                self.fresh_globals.push(fresh);
            }
            self.scope = Scope {
                readable: params
                    .iter()
                    .cloned()
                    .chain(
                        module_vars
                            .iter()
                            .filter(|v| {
                                !locals.iter().any(|l| l.name == v.name)
                                    && !params.iter().any(|p| p.name == v.name)
                            })
                            .cloned(),
                    )
                    .collect(),
                maybe_unbound: module_maybe,
                assignable: params.iter().chain(&globals).cloned().collect(),
                ret: Some(ret),
                loop_depth: 0,
                block_depth: 1,
            };
            for l in &locals {
                let e = self.expr(l.ty, 2);
                let e = self.store(e, l.ty);
                if self.rng.chance(15) {
                    // Bound on one path only: UnboundLocalError when read otherwise.
                    let c = self.cond(2);
                    self.line(1, &format!("if {}:", c.0));
                    self.line(2, &format!("{} = {}", l.name, e.0));
                    self.scope.maybe_unbound.push(l.clone());
                } else {
                    self.line(1, &format!("{} = {}", l.name, e.0));
                    self.scope.readable.push(l.clone());
                }
                self.scope.assignable.push(l.clone());
            }
            let n = self.rng.range(0, 4) as usize;
            for _ in 0..n {
                self.stmt(1);
            }
            let e = self.expr(ret, 3);
            let e = self.store(e, ret);
            self.line(1, &format!("return {}", e.0));
            self.no_calls = false;
            let cost = self.cost + 1;
            let prints = self.prints;
            let func = Func {
                name,
                params,
                ret,
                cost,
                prints,
                growth: self.growth,
                recursive: false,
            };
            if self.rng.chance(10) {
                // Functions are values: call one through another name too.
                let alias = format!("h{index}");
                self.line(0, &format!("{alias} = {}", func.name));
                self.funcs.push(Func {
                    name: alias,
                    ..func.clone()
                });
            }
            self.funcs.push(func);
        }
        (self.scope, self.cost, self.mult, self.prints, self.growth) = saved;
        self.flow = module_flow;
        // Globals a function may have made: maybe unbound at module level.
        let fresh = std::mem::take(&mut self.fresh_globals);
        self.scope.maybe_unbound.extend(fresh);
    }

    fn program(&mut self) {
        self.ill_typed = self.rng.chance(25);
        self.strings = self.rng.chance(20);
        self.boundary = self.rng.chance(45);
        self.bigs = self.rng.chance(40);
        self.pool = POOL.iter().map(|&(n, t)| var(n, t)).collect();
        if self.rng.chance(15) {
            // Builtins' names are ordinary variables once assigned.
            for _ in 0..self.rng.range(1, 3) {
                let i = self.rng.below(POOL.len());
                let name = *self.rng.pick(BUILTIN_NAMES);
                if !self.pool.iter().any(|v| v.name == name) {
                    self.pool[i].name = name.to_string();
                }
            }
        }
        if self.rng.chance(4) {
            // More module names than module registers (128).
            for i in 0..self.rng.range(100, 180) {
                self.pool.push(var(&format!("w{i}"), Ty::Int));
            }
        }
        if self.rng.chance(4) {
            let name = self.rng.pick(&self.pool[..POOL.len()]).name.clone();
            self.line(0, &format!("global {name}"));
        }
        let mut order: Vec<usize> = (0..self.pool.len()).collect();
        for i in (1..POOL.len()).rev() {
            let j = self.rng.below(i + 1);
            order.swap(i, j);
        }
        for &i in &order {
            let (name, ty) = (self.pool[i].name.clone(), self.pool[i].ty);
            let name = name.as_str();
            let e = match ty {
                Ty::Any if self.rng.chance(40) => ("None".to_string(), ATOM, Bits::NONE),
                _ if self.rng.chance(70) => match ty {
                    Ty::Int => self.int_lit(),
                    Ty::Num => {
                        if self.rng.chance(50) {
                            self.float_lit()
                        } else {
                            self.int_lit()
                        }
                    }
                    Ty::Str => self.str_lit(),
                    Ty::Any => self.any_expr(0),
                },
                _ => self.expr(ty, 2),
            };
            let e = self.store(e, ty);
            self.line(0, &format!("{name} = {}", e.0));
            self.scope.readable.push(var(name, ty));
            self.scope.assignable.push(var(name, ty));
        }
        if self.rng.chance(10) {
            let name = format!("z{}", self.extra);
            self.extra += 1;
            let c = self.cond(2);
            let e = self.int_expr(2);
            let e = self.store(e, Ty::Int);
            self.line(0, &format!("if {}:", c.0));
            self.line(1, &format!("{name} = {}", e.0));
            self.scope.maybe_unbound.push(var(&name, Ty::Int));
        }
        let n = self.rng.range(3, 14);
        for i in 0..n {
            if (i < 3 && self.rng.chance(35)) || self.rng.chance(12) {
                self.def();
            } else if self.rng.below(3000) < 1 {
                // After the name was bound: SyntaxError.
                let name = self.rng.pick(&self.pool).name.clone();
                self.line(0, &format!("global {name}"));
                self.ends_with_expr = false;
            } else {
                self.stmt(0);
            }
        }
        // A final expression statement is printed (its repr) unless None. The instrumented
        // copy assigns it to `_R` for the driver; so that no other expression statement ends
        // the program, one follows whenever the last line is an expression statement.
        if self.rng.chance(70) || self.ends_with_expr {
            let e = match self.call(|_| true, 2) {
                Some(e) if self.rng.chance(40) => e,
                _ => self.any_expr(3),
            };
            self.line(0, &format!("{ONLY_CPYTHON}_R = {ONLY_CPYTHON_END}{}", e.0));
        }
    }
}
