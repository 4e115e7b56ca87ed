//! `cargo xtask difffuzz [--seed S] [--programs N] [--seconds T] [--show I] [--verbose]`:
//! differential fuzzing of PyRust against CPython 3.11. Runs until N programs (300 when
//! neither limit is given) or T seconds; prints `difffuzz: P programs, D divergences,
//! S skipped (seed X)`; exits 1 if any divergence was found. `--show I` prints program I of
//! the seed (with `--verbose`, the instrumented copy CPython runs); `--verbose` also prints
//! how often each CPython error line occurred (to tune the generator).
//!
//! A seeded generator (splitmix64; program I of seed S depends only on (S, I)) writes random
//! programs inside PyRust's subset: ints biased to boundary values in some programs, floats
//! (inf, subnormals, values near 2**53 and 2**63 included), bools, None, short strings with
//! escapes, range values; arithmetic, bitwise, unary, chained comparisons, `in`, `is` with
//! None/True/False, `and`/`or`/`not`, conditional expressions; assignments (chained) and
//! augmented assignments; `if`/`elif`/`else`; counted `while` loops and `for ... in range`
//! with small bounds, `else` clauses, `break`/`continue`; functions with 0-3 parameters
//! (some named like globals) called positionally and by keyword, locals, `global`, aliases,
//! redefinition, bounded recursion; names bound on some paths only (NameError,
//! UnboundLocalError); builtins' names as variables; programs with more module names than
//! module registers; `print` with `sep`/`end`; comments, blank lines, `;`, `\` joins. A
//! quarter of the programs also make ill-typed operations and bad calls on purpose.
//! Budgets on loop trips, calls and prints keep every program fast under CPython.
//!
//! Each program runs in process under PyRust twice: in a fresh interpreter
//! (`execute_python_with_limits`) and in one long-lived `Interpreter` that reuses its buffers
//! (they must agree). CPython runs batches in one long-lived process per core, under PyRust's
//! output rules (as `gen_expected.py --emulate`: what was printed, then the `repr` of a final
//! expression statement that is not None; on an uncaught exception the last traceback line),
//! on an instrumented copy that stops at the first int outside 64 bits: PyRust must stop
//! there too with its "big integers" `OverflowError` (counted as skipped).
//! `NotImplementedError` from PyRust is skipped too. Anything else that differs (stdout, or
//! the error line; for syntax errors the type only) is a divergence, written to
//! target/difffuzz/divergence-N.py with both outcomes in a header.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitCode, Stdio};
use std::time::Instant;

const USAGE: &str =
    "usage: cargo xtask difffuzz [--seed S] [--programs N] [--seconds T] [--show I] [--verbose]";

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
    verbose: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            seed: 1,
            programs: None,
            seconds: None,
            show: None,
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
    /// The instrumented program made an int outside 64 bits (stdout is what came before).
    BigInt,
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
        CStatus::BigInt => {
            let big = pyrust
                .error
                .as_deref()
                .is_some_and(|e| e.starts_with("OverflowError: ") && e.contains("big integers"));
            if big && pyrust.stdout == cpython.outcome.stdout {
                Verdict::Skip("big integers".into())
            } else {
                Verdict::Diverge
            }
        }
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
        Some(CStatus::BigInt) => "OverflowError (an int outside 64 bits was made here)".to_string(),
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
    let dir = workspace_root().join("target/difffuzz");
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
                    (CStatus::BigInt, _) => "big int".to_string(),
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
/// recursion limit 1000), with its stdout captured: the source is compiled first (syntax
/// errors, only when the instrumented copy does not compile), then the instrumented copy runs,
/// in which every arithmetic result is checked by
/// `(_d if (_d := EXPR).__class__ is not _I or not (_d + 2**63) >> 64 else _B())` (no calls
/// and no rich comparisons, which would count against the recursion limit) and a final
/// expression statement is assigned to `_R` instead.
const DRIVER: &str = r#"
import contextlib, io, signal, sys, traceback, warnings

TIMEOUT_S = 10.0
# A C-level loop (e.g. `2.5 in range(10**18)` scans) never returns to run the SIGALRM handler;
# SIGPROF is left at its default action, so the kernel ends the process after this much CPU.
CPU_LIMIT_S = 20.0

class DiffFuzzBigInt(Exception):
    pass

class DiffFuzzTimeout(BaseException):
    pass

def _big():
    raise DiffFuzzBigInt()

def _alarm(signum, frame):
    raise DiffFuzzTimeout()

def run_one(src, inst):
    g = {"__name__": "__main__", "_B": _big, "_I": int}
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
        except DiffFuzzBigInt:
            status = "bigint"
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
                "bigint" => CStatus::BigInt,
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

/// Expression text and its precedence level.
type E = (String, u8);

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

// Generated text carries markers: `CHECK_OPEN expr CHECK_CLOSE` around every arithmetic
// result that may leave 64 bits, and `ONLY_CHECKED text ONLY_CHECKED_END` for text that only
// the instrumented copy has. `original` drops them; `instrumented` expands them into checks.
const CHECK_OPEN: char = '\u{1}';
const CHECK_CLOSE: char = '\u{2}';
const ONLY_CHECKED: char = '\u{3}';
const ONLY_CHECKED_END: char = '\u{4}';

/// The program PyRust runs.
fn original(marked: &str) -> String {
    let mut out = String::with_capacity(marked.len());
    let mut hidden = false;
    for ch in marked.chars() {
        match ch {
            CHECK_OPEN | CHECK_CLOSE => {}
            ONLY_CHECKED => hidden = true,
            ONLY_CHECKED_END => hidden = false,
            _ if !hidden => out.push(ch),
            _ => {}
        }
    }
    out
}

/// The program CPython runs: stops with `_B()` at the first int outside 64 bits.
fn instrumented(marked: &str) -> String {
    let mut out = String::with_capacity(marked.len() * 3);
    for ch in marked.chars() {
        match ch {
            CHECK_OPEN => out.push_str("(_d if (_d := "),
            CHECK_CLOSE => out.push_str(
                ").__class__ is not _I or not (_d + 9223372036854775808) >> 64 else _B())",
            ),
            ONLY_CHECKED | ONLY_CHECKED_END => {}
            _ => out.push(ch),
        }
    }
    out
}

/// Marks `e` to be checked for leaving 64 bits.
fn checked(e: E) -> E {
    (format!("{CHECK_OPEN}{}{CHECK_CLOSE}", e.0), e.1)
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
        let l = self.paren(left, level);
        let r = self.paren(right, level + 1);
        if self.rng.below(200) == 0 {
            // Explicit line joining.
            return (format!("{l} {op} \\\n        {r}"), level);
        }
        (format!("{l} {op} {r}"), level)
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
        // Programs near the 64-bit boundary mostly stop at the first int outside it (skipped),
        // so only some programs are boundary-heavy.
        let r = if self.small > 0 {
            self.rng.below(60)
        } else if self.boundary {
            self.rng.below(100)
        } else {
            self.rng.below(100) / 2 + (self.rng.chance(5) as usize) * 50
        };
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
                ("(-9223372036854775807 - 1)".into(), ATOM)
            } else {
                ("-9223372036854775807 - 1".into(), ARITH)
            };
        } else {
            let k = self.rng.range(0, 62);
            ((1i64 << k) - 1).to_string()
        };
        if text.starts_with('-') {
            (text, UNARY)
        } else if self.rng.chance(20) {
            (format!("-{text}"), UNARY)
        } else {
            (text, ATOM)
        }
    }

    fn small_int(&mut self, lo: i64, hi: i64) -> E {
        let v = self.rng.range(lo, hi);
        if v < 0 {
            (v.to_string(), UNARY)
        } else {
            (v.to_string(), ATOM)
        }
    }

    fn float_lit(&mut self) -> E {
        let text = if self.rng.chance(70) {
            self.rng.pick(FLOATS).to_string()
        } else {
            format!("{}.{}", self.rng.range(0, 99), self.rng.range(0, 999))
        };
        if self.rng.chance(20) {
            (format!("-{text}"), UNARY)
        } else {
            (text, ATOM)
        }
    }

    fn str_lit(&mut self) -> E {
        (self.rng.pick(STRS).to_string(), ATOM)
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
                return (v, ATOM);
            }
        }
        if r < 47 {
            if let Some(v) = self.maybe_unbound(|t| t == Ty::Int) {
                return (v, ATOM);
            }
        }
        if r < 52 {
            return (self.rng.pick(&["True", "False"]).to_string(), ATOM);
        }
        if r < 53 && self.ill_typed {
            // Ill-typed on purpose: TypeError messages.
            return if self.rng.chance(50) {
                ("None".into(), ATOM)
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
                return (v, ATOM);
            }
        }
        if r < 47 {
            if let Some(v) = self.maybe_unbound(|t| t == Ty::Int || t == Ty::Num) {
                return (v, ATOM);
            }
        }
        if r < 49 {
            return (self.rng.pick(&["True", "False"]).to_string(), ATOM);
        }
        if r < 50 && self.ill_typed {
            return ("None".into(), ATOM);
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
        let e = self.expr(ty, depth);
        if r < 80 {
            // `e or k`: zero becomes k.
            let e = self.paren(e, OR);
            let k = *self.rng.pick(&["1", "3", "-2", "0.5", "7"]);
            return (format!("({e} or {k})"), ATOM);
        }
        e
    }

    fn int_expr(&mut self, depth: u32) -> E {
        if depth == 0 || self.rng.chance(20) {
            return self.int_leaf();
        }
        let d = depth - 1;
        match self.rng.below(100) {
            0..=29 => {
                let l = self.int_expr(d);
                let (op, level) = *self.rng.pick(&[("+", ARITH), ("-", ARITH), ("*", TERM)]);
                let r = self.small_if(op == "*", |g| g.int_expr(d));
                checked(self.binary(l, op, r, level))
            }
            30..=39 => {
                let l = self.int_expr(d);
                let op = *self.rng.pick(&["//", "%"]);
                let r = self.divisor(Ty::Int, d);
                checked(self.binary(l, op, r, TERM))
            }
            40..=49 => {
                let op = *self.rng.pick(&["-", "+", "~", "-", "~"]);
                let e = self.int_expr(d);
                let e = self.paren(e, UNARY);
                // `- -x` is fine text, `--x` too; keep a space sometimes.
                let sep = if self.rng.chance(30) { " " } else { "" };
                checked((format!("{op}{sep}{e}"), UNARY))
            }
            50..=56 => {
                let base = self.small_if(true, |g| g.int_expr(d));
                let base = self.paren(base, ATOM);
                let exp = if self.rng.chance(80) {
                    self.small_int(0, 3)
                } else {
                    self.small_int(4, 6)
                };
                checked((format!("{base} ** {}", exp.0), POW))
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
                checked(self.binary(l, op, r, level))
            }
            67..=73 => self.cond_expr(Ty::Int, d),
            74..=78 => {
                let l = self.int_expr(d);
                let op = *self.rng.pick(&["and", "or"]);
                let r = self.int_expr(d);
                let level = if op == "and" { AND } else { OR };
                self.binary(l, op, r, level)
            }
            79..=90 => match self.call(|t| t == Ty::Int, d) {
                Some(e) => e,
                None => self.int_leaf(),
            },
            91..=94 => {
                // Comparisons are ints too (bool).
                let c = self.compare(d);
                (c.0, c.1)
            }
            _ => self.int_leaf(),
        }
    }

    fn num_expr(&mut self, depth: u32) -> E {
        if depth == 0 || self.rng.chance(20) {
            return self.num_leaf();
        }
        let d = depth - 1;
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
                checked(self.binary(l, op, r, level))
            }
            35..=46 => {
                let l = self.num_expr(d);
                let op = *self.rng.pick(&["//", "%", "/"]);
                let r = self.divisor(Ty::Num, d);
                checked(self.binary(l, op, r, TERM))
            }
            47..=54 => {
                let op = *self.rng.pick(&["-", "+", "-"]);
                let e = self.num_expr(d);
                let e = self.paren(e, UNARY);
                checked((format!("{op}{e}"), UNARY))
            }
            55..=62 => {
                let base = self.small_if(true, |g| g.num_expr(d));
                let base = self.paren(base, ATOM);
                let exp = match self.rng.below(10) {
                    0..=5 => self.small_int(-2, 4),
                    6..=8 => {
                        let f = *self
                            .rng
                            .pick(&["0.5", "2.0", "-0.5", "1.5", "0.0", "3.0", "-1.0"]);
                        (f.to_string(), if f.starts_with('-') { UNARY } else { ATOM })
                    }
                    _ => self.float_lit(),
                };
                let exp = self.paren(exp, UNARY);
                checked((format!("{base} ** {exp}"), POW))
            }
            63..=69 => self.cond_expr(Ty::Num, d),
            70..=74 => {
                let l = self.num_expr(d);
                let op = *self.rng.pick(&["and", "or"]);
                let r = self.num_expr(d);
                let level = if op == "and" { AND } else { OR };
                self.binary(l, op, r, level)
            }
            75..=84 => match self.call(|t| t == Ty::Int || t == Ty::Num, d) {
                Some(e) => e,
                None => self.num_leaf(),
            },
            85..=89 => self.int_expr(depth),
            _ => self.num_leaf(),
        }
    }

    /// A string expression that reads at most one string variable (or string-returning call)
    /// when `var` is true on entry, so repeated assignments grow strings linearly at most.
    fn str_expr(&mut self, depth: u32, var: &mut bool) -> E {
        let leaf = |g: &mut Gen, var: &mut bool| -> E {
            if *var && g.rng.chance(50) {
                if let Some(v) = g.pick_var(|t| t == Ty::Str) {
                    *var = false;
                    return (v, ATOM);
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
                let k = if self.rng.chance(90) {
                    self.small_int(-1, 4)
                } else {
                    (self.rng.pick(&["True", "False"]).to_string(), ATOM)
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
            args.push(self.paren(e, COND));
        }
        if args.len() == 3 && self.rng.chance(80) {
            args[2] = self
                .rng
                .pick(&["1", "2", "-1", "3", "-7", "9223372036854775807"])
                .to_string();
        }
        (format!("range({})", args.join(", ")), ATOM)
    }

    fn any_expr(&mut self, depth: u32) -> E {
        if self.rng.chance(3) {
            return self.range_expr(depth);
        }
        match self.rng.below(20) {
            0..=5 => self.int_expr(depth),
            6..=9 => self.num_expr(depth),
            10..=12 => self.str_expr(depth, &mut true),
            13..=14 => self.cond(depth),
            15 => ("None".into(), ATOM),
            16..=17 => match self.pick_var(|t| t == Ty::Any) {
                Some(v) => (v, ATOM),
                None => self.int_leaf(),
            },
            _ => match self.call(|_| true, depth.saturating_sub(1)) {
                Some(e) => e,
                None => self.num_expr(depth),
            },
        }
    }

    fn ifexp(&mut self, body: E, test: E, orelse: E) -> E {
        let body = self.paren(body, OR);
        let test = self.paren(test, OR);
        let orelse = self.paren(orelse, COND);
        (format!("{body} if {test} else {orelse}"), COND)
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
        let n = if self.rng.chance(20) {
            self.rng.range(2, 3)
        } else {
            1
        };
        let operand = |g: &mut Gen| -> String {
            let e = if strings {
                g.str_expr(depth, &mut true)
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
        (text, CMP)
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
                    Some(v) => (v, ATOM),
                    None => match self.call(|_| true, d) {
                        Some(e) => e,
                        None => self.compare(d),
                    },
                };
                let l = self.paren(e, BOR);
                let op = *self.rng.pick(&["is", "is not"]);
                let r = *self.rng.pick(&["None", "True", "False"]);
                (format!("{l} {op} {r}"), CMP)
            }
            55..=64 => {
                let e = self.cond(d);
                let e = self.paren(e, NOT);
                (format!("not {e}"), NOT)
            }
            65..=76 => {
                let l = self.cond(d);
                let op = *self.rng.pick(&["and", "or"]);
                let r = self.cond(d);
                let level = if op == "and" { AND } else { OR };
                self.binary(l, op, r, level)
            }
            77..=78 => (self.rng.pick(&["True", "False"]).to_string(), ATOM),
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
                    (format!("{x} {op} range({lo}, {hi}{step})"), CMP)
                } else {
                    let r = self.range_expr(d);
                    let other = self.range_expr(d);
                    let op = *self.rng.pick(&["==", "!="]);
                    (format!("{} {op} {}", r.0, other.0), CMP)
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
            })
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let f = self.funcs[*self.rng.pick(&candidates)].clone();
        self.cost += self.mult * (f.cost + 1);
        self.prints += self.mult * f.prints;
        Some((self.call_text(&f, depth), ATOM))
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
                    (format!("{e} % 21"), TERM)
                }
            } else if p.ty == Ty::Str {
                self.str_expr(depth, &mut false)
            } else {
                self.expr(p.ty, depth)
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
                    Some(format!("return {}", self.expr(ty, 2).0))
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
                    "<<=" | ">>=" => self.small_int(0, 10),
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
        let check = if v.ty == Ty::Str {
            String::new()
        } else {
            format!(
                "{ONLY_CHECKED}; _d = {CHECK_OPEN}{}{CHECK_CLOSE}{ONLY_CHECKED_END}",
                v.name
            )
        };
        Some(format!("{} {op} {}{check}", v.name, e.0))
    }

    fn print_stmt(&mut self) -> Option<String> {
        if self.prints + self.mult > PRINT_BUDGET {
            return None;
        }
        self.prints += self.mult;
        let mut parts = Vec::new();
        for _ in 0..self.rng.range(0, 3) {
            let e = self.any_expr(2);
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
        let saved = (self.scope.clone(), self.cost, self.mult, self.prints);
        self.cost = 0;
        self.mult = 1;
        self.prints = 0;
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
            self.line(1, &format!("return {CHECK_OPEN}v + q{CHECK_CLOSE}"));
            self.funcs.push(Func {
                name,
                params: vec![var("p0", Ty::Int)],
                ret: Ty::Int,
                cost: 5 * 1001,
                prints: 0,
                recursive: true,
            });
        } else if self.rng.chance(10) {
            let name = format!("r{index}");
            let op = *self.rng.pick(&["+", "-", "+", "*"]);
            let base = self.small_int(-2, 3).0;
            let term = *self.rng.pick(&["p0", "1", "p0 % 3", "p0 * 2", "2", "-p0"]);
            self.line(0, &format!("def {name}(p0):"));
            self.line(1, "if p0 <= 0:");
            self.line(2, &format!("return {base}"));
            self.line(
                1,
                &format!("return {CHECK_OPEN}{name}(p0 - 1) {op} {term}{CHECK_CLOSE}"),
            );
            self.funcs.push(Func {
                name,
                params: vec![var("p0", Ty::Int)],
                ret: Ty::Int,
                cost: 3 * 1001,
                prints: 0,
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
        (self.scope, self.cost, self.mult, self.prints) = saved;
        self.flow = module_flow;
        // Globals a function may have made: maybe unbound at module level.
        let fresh = std::mem::take(&mut self.fresh_globals);
        self.scope.maybe_unbound.extend(fresh);
    }

    fn program(&mut self) {
        self.ill_typed = self.rng.chance(25);
        self.strings = self.rng.chance(20);
        self.boundary = self.rng.chance(35);
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
                Ty::Any if self.rng.chance(40) => ("None".to_string(), ATOM),
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
            self.line(0, &format!("{name} = {}", e.0));
            self.scope.readable.push(var(name, ty));
            self.scope.assignable.push(var(name, ty));
        }
        if self.rng.chance(10) {
            let name = format!("z{}", self.extra);
            self.extra += 1;
            let c = self.cond(2);
            let e = self.int_expr(2);
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
            self.line(0, &format!("{ONLY_CHECKED}_R = {ONLY_CHECKED_END}{}", e.0));
        }
    }
}
