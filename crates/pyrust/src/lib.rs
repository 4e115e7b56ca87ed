//! PyRust: an embeddable interpreter for a subset of Python 3.11.
//!
//! This facade runs the pipeline (lexer → parser → compiler → VM) and composes the stages'
//! errors into one [`PyRustError`] that reads like CPython's last traceback line and keeps
//! the output printed before the error.
//!
//! Entry points: [`execute_python`] (defaults), [`execute_python_with_limits`], and
//! [`compile_python`] + [`run_compiled`] to compile once and run many times.

use pyrust_compiler::{CompileError, Program};
use pyrust_parser::ParseError;
use pyrust_vm::{Limits, RuntimeError, Value, Vm};
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
/// ```
/// assert_eq!(pyrust::execute_python("2 + 3").unwrap(), "5");
/// assert_eq!(pyrust::execute_python("print('hi')").unwrap(), "hi\n");
/// ```
pub fn execute_python(code: &str) -> Result<String, PyRustError> {
    execute_python_with_limits(code, Limits::default())
}

/// [`execute_python`] with explicit resource limits.
pub fn execute_python_with_limits(code: &str, limits: Limits) -> Result<String, PyRustError> {
    let program = compile_python(code)?;
    run_compiled(code, &program, limits)
}

/// Lexes, parses and compiles `code` without running it.
pub fn compile_python(code: &str) -> Result<Program, PyRustError> {
    let error = |stage: ErrorStage, offset: u32| locate(code, stage, offset, String::new());
    let ast = pyrust_parser::parse(code).map_err(|e| {
        let offset = e.span.start;
        error(e.into(), offset)
    })?;
    pyrust_compiler::compile(code, &ast).map_err(|e| {
        let offset = e.span.start;
        error(e.into(), offset)
    })
}

/// Runs a program compiled from `code` by [`compile_python`].
pub fn run_compiled(code: &str, program: &Program, limits: Limits) -> Result<String, PyRustError> {
    let mut vm = Vm::new(program, limits);
    let result = vm.run();
    let printed = vm.take_output();
    let mut output = String::from_utf8_lossy(&printed).into_owned();
    match result {
        Ok(Value::None) => Ok(output),
        Ok(value) => {
            output.push_str(&vm.repr(value));
            Ok(output)
        }
        Err(error) => {
            let offset = program.offsets.get(error.ip as usize).copied().unwrap_or(0);
            Err(locate(code, error.into(), offset, output))
        }
    }
}

/// Builds a [`PyRustError`], turning a byte offset into a line and column.
fn locate(code: &str, stage: ErrorStage, offset: u32, output: String) -> PyRustError {
    let offset = (offset as usize).min(code.len());
    let before = code.get(..offset).unwrap_or(code);
    let line = 1 + before.bytes().filter(|&b| b == b'\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = 1 + before[line_start..].chars().count() as u32;
    PyRustError {
        stage,
        line,
        column,
        output,
    }
}
