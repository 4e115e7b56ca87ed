//! PyRust's virtual machine: runs a compiled [`Program`](pyrust_compiler::Program).
//!
//! A register machine over a 16-byte `Copy` [`Value`]: numbers are immediate, strings and
//! large ranges are handles into a [`Heap`](heap::Heap) owned by the run. All frames share one
//! register stack (calls slide a window over it and copy nothing); the current frame's
//! register validity is a `[u64; 4]` bitmap consulted only by the reads the compiler could not
//! prove safe. Python calls never recurse in Rust. Errors are Python exceptions
//! ([`RuntimeError`]) carrying the instruction pointer that raised them; output printed before
//! an error stays in the VM's buffer.
//!
//! Entry points: [`Vm::new`] with [`Limits`] and reusable [`VmBuffers`], then [`Vm::run`];
//! [`Vm::with_verified`] for a program verified once ([`VerifiedProgram`]) and run many times.

mod builtins;
mod case_exceptions;
mod dict;
mod error;
mod format;
pub mod heap;
mod int;
mod methods;
mod ops;
mod set;
mod slice;
mod unicode_properties;
mod value;
pub mod verify;
mod vm;

pub use error::{Exception, ExceptionKind, RuntimeError};
pub use value::{
    push_float_repr, push_int_repr, write_float_repr, write_int_repr, write_str_repr, StrRef, Value,
};
pub use verify::VerifiedProgram;
pub use vm::{Limits, OutputBuffer, Vm, VmBuffers};
