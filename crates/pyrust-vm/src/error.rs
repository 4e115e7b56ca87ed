//! Python exceptions raised at run time, and the VM's error type that carries the
//! instruction pointer where one was raised.

use thiserror::Error;

/// The Python exception types PyRust raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExceptionKind {
    NameError,
    UnboundLocalError,
    TypeError,
    ValueError,
    ZeroDivisionError,
    IndexError,
    AttributeError,
    KeyError,
    RuntimeError,
    OverflowError,
    RecursionError,
    MemoryError,
    /// A construct or builtin PyRust does not support yet, found at run time.
    NotImplementedError,
    /// The run used up its instruction budget.
    TimeoutError,
    /// Bytecode that fails verification (only possible for hand-built programs).
    SystemError,
    /// The host cancelled the run (as Ctrl-C interrupts CPython).
    KeyboardInterrupt,
    /// `next()` of an exhausted iterator without a default.
    StopIteration,
}

impl ExceptionKind {
    pub fn name(self) -> &'static str {
        match self {
            ExceptionKind::NameError => "NameError",
            ExceptionKind::UnboundLocalError => "UnboundLocalError",
            ExceptionKind::TypeError => "TypeError",
            ExceptionKind::ValueError => "ValueError",
            ExceptionKind::ZeroDivisionError => "ZeroDivisionError",
            ExceptionKind::IndexError => "IndexError",
            ExceptionKind::AttributeError => "AttributeError",
            ExceptionKind::KeyError => "KeyError",
            ExceptionKind::RuntimeError => "RuntimeError",
            ExceptionKind::OverflowError => "OverflowError",
            ExceptionKind::RecursionError => "RecursionError",
            ExceptionKind::MemoryError => "MemoryError",
            ExceptionKind::NotImplementedError => "NotImplementedError",
            ExceptionKind::TimeoutError => "TimeoutError",
            ExceptionKind::SystemError => "SystemError",
            ExceptionKind::KeyboardInterrupt => "KeyboardInterrupt",
            ExceptionKind::StopIteration => "StopIteration",
        }
    }
}

/// A raised exception before it is tied to an instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    pub kind: ExceptionKind,
    pub message: String,
}

impl Exception {
    #[cold]
    pub fn new(kind: ExceptionKind, message: String) -> Exception {
        Exception { kind, message }
    }
}

/// An exception that ended a run, with the instruction that raised it.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{}: {message}", kind.name())]
pub struct RuntimeError {
    pub kind: ExceptionKind,
    pub message: String,
    /// Index into the program's code of the raising instruction.
    pub ip: u32,
    /// The active calls when it was raised, outermost first: for each frame the ip of the
    /// instruction it was executing (its call instruction, or `ip` for the innermost).
    pub traceback: Vec<u32>,
}
