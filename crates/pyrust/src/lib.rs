//! PyRust: an embeddable interpreter for a subset of Python 3.11.
//!
//! This facade runs the pipeline (lexer → parser → compiler → VM) and composes the stages'
//! errors into one [`PyRustError`] that reads like CPython's last traceback line and keeps
//! the output printed before the error.
//!
//! Entry points: [`execute_python`] (defaults), [`execute_python_with_limits`],
//! [`Interpreter`] (reuses every stage's buffers across runs), and [`compile_python`] +
//! [`run_compiled`] to compile once and run many times.
//!
//! Every entry point is a panic boundary: no input is meant to panic, but if a bug does, the
//! panic is caught (`catch_unwind`), the interpreter's reusable buffers are discarded, and the
//! run ends with `SystemError: internal error in PyRust: ...` instead of unwinding into the host.

use pyrust_compiler::{CompileBuffers, CompileError, CompileOptions, Program};
use pyrust_parser::{Ast, ParseBuffers, ParseError};
use pyrust_vm::{Limits, RuntimeError, Value, Vm, VmBuffers};
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use thiserror::Error;

pub use pyrust_vm::{ExceptionKind, Limits as RunLimits};

/// Which stage failed, with that stage's typed error.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ErrorStage {
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Compile(#[from] CompileError),
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
}

/// An error from running a program: the Python exception type and message, where it was
/// raised, and what the program printed before it.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{}", self.last_line())]
pub struct PyRustError {
    pub stage: ErrorStage,
    /// 1-based line of the error in the source.
    pub line: u32,
    /// 1-based column (in characters) of the error in the source.
    pub column: u32,
    /// Everything the program printed before the error.
    pub output: String,
    /// For run-time errors, the active calls, outermost first (empty for syntax errors).
    pub traceback: Vec<TraceFrame>,
}

/// One entry of a traceback: where a function was when the error was raised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceFrame {
    /// `<module>` or the function's name.
    pub function: String,
    /// 1-based source line.
    pub line: u32,
}

impl PyRustError {
    /// The Python exception type, e.g. `"ZeroDivisionError"`.
    pub fn python_type(&self) -> &'static str {
        match &self.stage {
            ErrorStage::Parse(e) => e.python_type(),
            ErrorStage::Compile(e) => e.python_type(),
            ErrorStage::Runtime(e) => e.kind.name(),
        }
    }

    /// The exception message, e.g. `"division by zero"`.
    pub fn message(&self) -> &str {
        match &self.stage {
            ErrorStage::Parse(e) => &e.message,
            ErrorStage::Compile(e) => &e.message,
            ErrorStage::Runtime(e) => &e.message,
        }
    }

    /// CPython's last traceback line: `Type: message` (just `Type` for an empty message).
    pub fn last_line(&self) -> String {
        if self.message().is_empty() {
            self.python_type().to_string()
        } else {
            format!("{}: {}", self.python_type(), self.message())
        }
    }
}

/// Runs `code` with the default [`Limits`] and returns what it printed, followed by the
/// `repr` of its last statement when that is an expression whose value is not `None`.
///
/// Each thread keeps one [`Interpreter`] whose buffers are reused from call to call, so a
/// small program allocates little more than the returned `String`.
///
/// ```
/// assert_eq!(pyrust::execute_python("2 + 3").unwrap(), "5");
/// assert_eq!(pyrust::execute_python("print('hi')").unwrap(), "hi\n");
/// ```
pub fn execute_python(code: &str) -> Result<String, PyRustError> {
    thread_local! {
        static INTERPRETER: std::cell::RefCell<Interpreter> = std::cell::RefCell::new(Interpreter::new());
    }
    INTERPRETER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut interpreter) => interpreter.execute(code),
        // Re-entered from inside a run (not possible today): use a fresh interpreter.
        Err(_) => Interpreter::new().execute(code),
    })
}

/// [`execute_python`] with explicit resource limits.
pub fn execute_python_with_limits(code: &str, limits: Limits) -> Result<String, PyRustError> {
    Interpreter::with_limits(limits).execute(code)
}

/// Lexes, parses and compiles `code` without running it.
pub fn compile_python(code: &str) -> Result<Program, PyRustError> {
    contain_panic(|| {
        let mut program = Program::default();
        let mut buffers = CompileStorage::default();
        buffers
            .compile(code, &mut program)
            .map_err(|error| *error)?;
        Ok(program)
    })
}

/// Runs a program compiled from `code` by [`compile_python`] (compile once, run many times).
pub fn run_compiled(code: &str, program: &Program, limits: Limits) -> Result<String, PyRustError> {
    contain_panic(|| {
        let mut buffers = VmBuffers::default();
        match run_program(code, program, &limits, &mut buffers, None) {
            Ok((output, _)) => Ok(output),
            Err(error) => Err(*error),
        }
    })
}

/// A result inside the facade: the error is boxed, so the success path (the common one)
/// moves a few words rather than a whole [`PyRustError`]. Unboxed at each entry point.
type Outcome<T> = Result<T, Box<PyRustError>>;

/// A reusable interpreter: it keeps the buffers of every stage between runs, so running many
/// small programs allocates almost nothing beyond each result `String`.
#[derive(Debug)]
pub struct Interpreter {
    limits: Limits,
    storage: CompileStorage,
    program: Program,
    vm_buffers: VmBuffers,
    cancel: Arc<AtomicBool>,
    /// Keep every buffer however large (set by [`Interpreter::execute_before_exit`], whose
    /// buffers are never freed).
    keep_all_buffers: bool,
}

/// Stops a running program from another thread: the run ends promptly (within a few
/// microseconds of work) with `KeyboardInterrupt`, keeping the output printed so far.
#[derive(Clone, Debug)]
pub struct CancelHandle(Arc<AtomicBool>);

impl CancelHandle {
    /// Requests cancellation of the current (or next) run of the interpreter.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Buffers of the lexer, parser and compiler.
#[derive(Debug, Default)]
struct CompileStorage {
    parse: ParseBuffers,
    ast: Ast,
    compile: CompileBuffers,
}

/// Buffers that grew past this many bytes are dropped after a run rather than kept.
const KEEP_BUFFERS_UP_TO: usize = 1 << 20;

impl Default for Interpreter {
    fn default() -> Interpreter {
        Interpreter::with_limits(Limits::default())
    }
}

impl Interpreter {
    pub fn new() -> Interpreter {
        Interpreter::default()
    }

    pub fn with_limits(limits: Limits) -> Interpreter {
        let mut interpreter = Interpreter {
            limits,
            storage: CompileStorage::default(),
            program: Program::default(),
            vm_buffers: VmBuffers::default(),
            cancel: Arc::default(),
            keep_all_buffers: false,
        };
        interpreter.limit_expression_depth();
        interpreter
    }

    /// Gives the parser the nesting limit (kept by its buffers, so set once, not per run).
    fn limit_expression_depth(&mut self) {
        self.storage
            .parse
            .set_max_expression_depth(self.limits.max_nesting_depth);
    }

    /// A handle that cancels this interpreter's runs from any thread. A cancellation applies
    /// to the run in progress (or the next one) and is cleared when that run ends.
    pub fn cancel_handle(&self) -> CancelHandle {
        CancelHandle(Arc::clone(&self.cancel))
    }

    /// Compiles and runs `code`; see [`execute_python`].
    pub fn execute(&mut self, code: &str) -> Result<String, PyRustError> {
        match self.guarded(|interpreter| interpreter.execute_split_unguarded(code)) {
            Ok((output, _)) => Ok(output),
            Err(error) => Err(*error),
        }
    }

    /// Compiles and runs `code` as the last thing the process does (the `pyrust` command).
    /// The run's memory is left to the operating system instead of being freed object by
    /// object: for a heap of a million objects that takes a noticeable part of the run.
    pub fn execute_before_exit(mut self, code: &str) -> Result<String, PyRustError> {
        self.keep_all_buffers = true;
        let result = self.execute(code);
        std::mem::forget(self);
        result
    }

    /// Like [`Interpreter::execute`], also returning how many bytes of the output were
    /// printed (the rest is the `repr` of the final expression).
    pub fn execute_split(&mut self, code: &str) -> Result<(String, usize), PyRustError> {
        self.guarded(|interpreter| interpreter.execute_split_unguarded(code))
            .map_err(|error| *error)
    }

    /// Runs `run` inside the panic boundary every entry point uses: a panic becomes
    /// `SystemError: internal error in PyRust: ...` and this interpreter's buffers, which the
    /// panic may have left half-written, are discarded.
    ///
    /// Tests only: no input is supposed to panic, so this is the one way to prove the boundary
    /// holds (and that the interpreter works after it).
    #[doc(hidden)]
    pub fn run_in_panic_boundary<T>(
        &mut self,
        run: impl FnOnce(&mut Interpreter) -> Result<T, PyRustError>,
    ) -> Result<T, PyRustError> {
        self.guarded(run)
    }

    /// The boundary itself, for any error type a [`PyRustError`] converts into (the facade
    /// passes boxed ones internally).
    fn guarded<T, E: From<PyRustError>>(
        &mut self,
        run: impl FnOnce(&mut Interpreter) -> Result<T, E>,
    ) -> Result<T, E> {
        match catch_unwind(AssertUnwindSafe(|| run(self))) {
            Ok(result) => result,
            Err(payload) => {
                self.drop_buffers();
                // The run is over; a cancellation aimed at it must not stop the next one.
                self.cancel.store(false, Ordering::Relaxed);
                Err(internal_error(payload.as_ref()).into())
            }
        }
    }

    /// Drops the VM's storage when a run grew it past [`KEEP_BUFFERS_UP_TO`] (unless every
    /// buffer is kept): one big run should not pin its memory for the interpreter's life.
    fn release_large_buffers(&mut self) {
        if !self.keep_all_buffers && self.vm_buffers.heap_bytes() > KEEP_BUFFERS_UP_TO {
            self.vm_buffers = VmBuffers::default();
        }
    }

    /// Replaces every stage's buffers with empty ones (limits and cancel handle are kept).
    fn drop_buffers(&mut self) {
        self.storage = CompileStorage::default();
        self.limit_expression_depth();
        self.program = Program::default();
        self.vm_buffers = VmBuffers::default();
    }

    fn execute_split_unguarded(&mut self, code: &str) -> Outcome<(String, usize)> {
        check_source_size(code, &self.limits)?;
        self.storage.compile(code, &mut self.program)?;
        let result = run_program(
            code,
            &self.program,
            &self.limits,
            &mut self.vm_buffers,
            Some(&self.cancel),
        );
        // One test for the usual run (it succeeded and left small buffers): the rest is
        // out of line.
        if result.is_err()
            || code.len() > KEEP_BUFFERS_UP_TO
            || self.vm_buffers.heap_bytes() > KEEP_BUFFERS_UP_TO
        {
            self.after_unusual_run(code, &result);
        }
        result
    }

    /// After a run that failed or left large buffers: a cancellation aimed at it is cleared
    /// (it must not stop the next run), and large buffers are let go.
    #[cold]
    #[inline(never)]
    fn after_unusual_run(&mut self, code: &str, result: &Outcome<(String, usize)>) {
        self.release_large_buffers();
        if result
            .as_ref()
            .is_err_and(|e| e.python_type() == ExceptionKind::KeyboardInterrupt.name())
        {
            self.cancel.store(false, Ordering::Relaxed);
        }
        if code.len() > KEEP_BUFFERS_UP_TO && !self.keep_all_buffers {
            // A huge program leaves huge buffers; do not hold on to them.
            self.drop_buffers();
        }
    }
}

/// A value passed between the host and a program's globals.
#[derive(Clone, Debug, PartialEq)]
pub enum HostValue {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// Any other value read back from the program, as its `repr` (functions, ranges).
    Other(String),
}

/// A program compiled once for repeated runs with host inputs ([`Interpreter::run_with_inputs`]).
/// Its module-level names all stay global slots, so the host can preset and read them.
#[derive(Debug, Clone)]
pub struct CompiledProgram {
    source: String,
    program: Program,
}

/// The result of [`Interpreter::run_with_inputs`]: the output and the module's globals.
#[derive(Debug, Clone, PartialEq)]
pub struct HostRun {
    /// What the program printed, then the `repr` of its final expression (if not `None`).
    pub output: String,
    globals: Vec<(String, HostValue)>,
}

impl HostRun {
    /// The value a module-level name had at the end of the run.
    pub fn global(&self, name: &str) -> Option<&HostValue> {
        self.globals
            .iter()
            .find(|(global, _)| global == name)
            .map(|(_, value)| value)
    }
}

impl Interpreter {
    /// Compiles `code` once for [`Interpreter::run_with_inputs`].
    pub fn compile_program(&mut self, code: &str) -> Result<CompiledProgram, PyRustError> {
        self.guarded(|interpreter| interpreter.compile_program_unguarded(code))
    }

    /// Runs a compiled program with some module-level names preset (names the program never
    /// mentions are ignored), and returns its output and its globals afterwards.
    pub fn run_with_inputs(
        &mut self,
        compiled: &CompiledProgram,
        inputs: &[(&str, HostValue)],
    ) -> Result<HostRun, PyRustError> {
        self.guarded(|interpreter| interpreter.run_with_inputs_unguarded(compiled, inputs))
    }

    fn compile_program_unguarded(&mut self, code: &str) -> Result<CompiledProgram, PyRustError> {
        check_source_size(code, &self.limits).map_err(|error| *error)?;
        let mut program = Program::default();
        self.storage
            .compile_with(
                code,
                &mut program,
                CompileOptions {
                    module_names_as_globals: true,
                },
            )
            .map_err(|error| *error)?;
        Ok(CompiledProgram {
            source: code.to_string(),
            program,
        })
    }

    fn run_with_inputs_unguarded(
        &mut self,
        compiled: &CompiledProgram,
        inputs: &[(&str, HostValue)],
    ) -> Result<HostRun, PyRustError> {
        let (code, program) = (compiled.source.as_str(), &compiled.program);
        let mut vm = Vm::new(program, &self.limits, &mut self.vm_buffers);
        vm.set_cancel_flag(&self.cancel);
        let slot_of = |name: &str| {
            program
                .global_names
                .iter()
                .position(|&id| program.names.resolve(id) == name)
        };
        for (name, value) in inputs {
            let Some(slot) = slot_of(name) else {
                continue;
            };
            let value = match value {
                HostValue::None => Value::None,
                HostValue::Bool(b) => Value::Bool(*b),
                HostValue::Int(i) => Value::Int(*i),
                HostValue::Float(f) => Value::Float(*f),
                HostValue::Str(text) => vm.new_str(text).map_err(|exception| {
                    *locate(
                        code,
                        ErrorStage::Runtime(RuntimeError {
                            kind: exception.kind,
                            message: exception.message,
                            ip: 0,
                            traceback: Vec::new(),
                        }),
                        0,
                        String::new(),
                    )
                })?,
                HostValue::Other(_) => continue,
            };
            vm.set_global(slot, value);
        }
        let outcome = run_to_output(code, program, &mut vm).map_err(|error| *error);
        let outcome = outcome.map(|(output, _)| {
            let globals = program
                .global_names
                .iter()
                .enumerate()
                .filter_map(|(slot, &id)| {
                    let value = vm.global(slot)?;
                    let host = match value {
                        Value::None => HostValue::None,
                        Value::Bool(b) => HostValue::Bool(b),
                        Value::Int(i) => HostValue::Int(i),
                        Value::Float(f) => HostValue::Float(f),
                        Value::Str(_) => HostValue::Str(vm.str_text(&value)?.to_string()),
                        _ => {
                            let mut repr = String::new();
                            vm.write_value_repr(value, &mut repr).ok()?;
                            HostValue::Other(repr)
                        }
                    };
                    Some((program.names.resolve(id).to_string(), host))
                })
                .collect();
            HostRun { output, globals }
        });
        self.release_large_buffers();
        outcome
    }
}

impl CompileStorage {
    fn compile(&mut self, code: &str, program: &mut Program) -> Outcome<()> {
        self.compile_with(code, program, CompileOptions::default())
    }

    fn compile_with(
        &mut self,
        code: &str,
        program: &mut Program,
        options: CompileOptions,
    ) -> Outcome<()> {
        let error = |stage: ErrorStage, offset: u32| locate(code, stage, offset, String::new());
        pyrust_parser::parse_with(code, &mut self.parse, &mut self.ast).map_err(|e| {
            let offset = e.span.start;
            error(e.into(), offset)
        })?;
        pyrust_compiler::compile_into_with(code, &self.ast, program, &mut self.compile, options)
            .map_err(|e| {
                let offset = e.span.start;
                error(e.into(), offset)
            })
    }
}

fn run_program(
    code: &str,
    program: &Program,
    limits: &Limits,
    buffers: &mut VmBuffers,
    cancel: Option<&Arc<AtomicBool>>,
) -> Outcome<(String, usize)> {
    let mut vm = Vm::new(program, limits, buffers);
    if let Some(flag) = cancel {
        vm.set_cancel_flag(flag);
    }
    run_to_output(code, program, &mut vm)
}

/// Runs `vm` (made for `program`): what it printed, then the `repr` of its final value (if
/// not `None`), with the printed length; or the run's error with its line and traceback.
/// Success and failure are handled apart ([`Vm::run_succeeds`]): no `Result` of the run is
/// built and tested again.
#[inline]
fn run_to_output(code: &str, program: &Program, vm: &mut Vm) -> Outcome<(String, usize)> {
    if vm.run_succeeds() {
        let value = vm.final_value();
        program_output(code, program, vm, value)
    } else {
        run_failed(code, program, vm)
    }
}

/// [`run_to_output`] for a run that failed.
#[cold]
#[inline(never)]
fn run_failed(code: &str, program: &Program, vm: &mut Vm) -> Outcome<(String, usize)> {
    let error = vm.take_error();
    Err(runtime_error(
        code,
        program,
        error,
        vm.take_output().into_string(),
    ))
}

/// The output of a run that returned `value`: what it printed, then the `repr` of `value`
/// (if not `None`), with the printed length. The printed text is taken from the VM, not
/// copied: it becomes the result `String`.
#[inline]
fn program_output(
    code: &str,
    program: &Program,
    vm: &mut Vm,
    value: Value,
) -> Outcome<(String, usize)> {
    match value {
        Value::None => {
            let output = vm.take_output().into_string();
            let printed = output.len();
            Ok((output, printed))
        }
        value => {
            // Nothing printed: room for any int or a short repr.
            let mut output = vm.take_output_or_room(24);
            let printed_len = output.len();
            // The commonest results, ints and floats, skip the VM's general `repr`.
            let written = match value {
                Value::Int(int) => {
                    pyrust_vm::push_int_repr(int, &mut output);
                    Ok(())
                }
                Value::Float(float) => {
                    write_float_result(float, &mut output);
                    Ok(())
                }
                _ => vm.write_value_repr(value, &mut output),
            };
            match written {
                Ok(()) => Ok((output, printed_len)),
                Err(error) => {
                    output.truncate(printed_len);
                    let offset = program.offsets.get(error.ip as usize).copied().unwrap_or(0);
                    Err(locate(code, error.into(), offset, output))
                }
            }
        }
    }
}

/// Appends `repr` of a float result (out of line: the int path stays as small as it was).
#[inline(never)]
fn write_float_result(float: f64, output: &mut String) {
    pyrust_vm::push_float_repr(float, output);
}

/// Runs `run`, turning a panic into the internal error (no allocation unless it panics).
/// Callers own no state that outlives `run` except what they discard on `Err`, hence
/// `AssertUnwindSafe`.
fn contain_panic<T>(run: impl FnOnce() -> Result<T, PyRustError>) -> Result<T, PyRustError> {
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(result) => result,
        Err(payload) => Err(internal_error(payload.as_ref())),
    }
}

/// `SystemError: internal error in PyRust: <panic message>`: what a caught panic becomes.
#[cold]
fn internal_error(payload: &(dyn Any + Send)) -> PyRustError {
    let reason = if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.as_str()
    } else {
        "a panic without a message"
    };
    let error = RuntimeError {
        kind: ExceptionKind::SystemError,
        message: format!("internal error in PyRust: {reason}"),
        ip: 0,
        traceback: Vec::new(),
    };
    PyRustError {
        stage: ErrorStage::Runtime(error),
        line: 1,
        column: 1,
        output: String::new(),
        traceback: Vec::new(),
    }
}

/// Builds a [`PyRustError`], turning a byte offset into a line and column.
#[cold]
fn locate(code: &str, stage: ErrorStage, offset: u32, output: String) -> Box<PyRustError> {
    let offset = (offset as usize).min(code.len());
    let before = code.get(..offset).unwrap_or(code);
    let line = 1 + before.bytes().filter(|&b| b == b'\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = 1 + before[line_start..].chars().count() as u32;
    Box::new(PyRustError {
        stage,
        line,
        column,
        output,
        traceback: Vec::new(),
    })
}

/// Refuses source text over the limit before any stage looks at it.
fn check_source_size(code: &str, limits: &Limits) -> Outcome<()> {
    if code.len() <= limits.max_source_bytes {
        return Ok(());
    }
    let error = RuntimeError {
        kind: ExceptionKind::MemoryError,
        message: format!(
            "the source is {} bytes; the limit is {} bytes",
            code.len(),
            limits.max_source_bytes
        ),
        ip: 0,
        traceback: Vec::new(),
    };
    Err(locate(code, error.into(), 0, String::new()))
}

/// A run-time error with its line and traceback resolved against the source.
fn runtime_error(
    code: &str,
    program: &Program,
    error: RuntimeError,
    output: String,
) -> Box<PyRustError> {
    let offset = program.offsets.get(error.ip as usize).copied().unwrap_or(0);
    let traceback = trace_frames(code, program, &error.traceback);
    let mut located = locate(code, error.into(), offset, output);
    located.traceback = traceback;
    located
}

/// The traceback frames of a run-time error: each frame's ip mapped to its line and function.
/// A deep recursion has as many frames as the depth limit allows and the source may be many
/// megabytes, so lines are counted in one pass over the source (frames taken in source order)
/// rather than by a scan from the start for every frame.
fn trace_frames(code: &str, program: &Program, ips: &[u32]) -> Vec<TraceFrame> {
    let offset_of = |frame: usize| {
        let ip = ips[frame] as usize;
        (program.offsets.get(ip).copied().unwrap_or(0) as usize).min(code.len())
    };
    let mut in_source_order: Vec<usize> = (0..ips.len()).collect();
    in_source_order.sort_unstable_by_key(|&frame| offset_of(frame));
    let mut lines = vec![0u32; ips.len()];
    let (mut line, mut counted_to) = (1u32, 0usize);
    for frame in in_source_order {
        let offset = offset_of(frame);
        let newlines = code.as_bytes()[counted_to..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        line += newlines as u32;
        counted_to = offset;
        lines[frame] = line;
    }
    ips.iter()
        .zip(lines)
        .map(|(&ip, line)| {
            // Functions are laid out in order (verified before the run), so the last one
            // whose entry is at or before `ip` owns it.
            let owners = program.functions.partition_point(|f| f.entry <= ip);
            let function = owners.checked_sub(1).map_or("<module>", |owner| {
                program.names.resolve(program.functions[owner].name)
            });
            TraceFrame {
                function: function.to_string(),
                line,
            }
        })
        .collect()
}
