//! PyRust's compiler: the parser's [`Ast`](pyrust_parser::Ast) to register bytecode.
//!
//! It interns every name to a [`NameId`], decides Python's scopes at compile time (a name
//! assigned anywhere in a function is local to it; `global` overrides), allocates registers
//! (parameters, then locals, then temporaries, at most 256 per function), runs a
//! definite-assignment pass so only reads that may see an unassigned local are checked at run
//! time, and emits [`Instr`]s with a parallel table of source offsets for error lines.
//!
//! Entry points: [`compile`], and [`compile_into`] to reuse storage across compilations. The output [`Program`] holds the code of the module and every
//! function, their metadata ([`FunctionInfo`], including the registers each one uses), the
//! constants, and the global slot table. It does not run anything.

mod bytecode;
mod codegen;
mod fold;
mod interner;
mod scope;
mod set_constants;

pub use bytecode::*;
pub use interner::{Interner, NameId};
pub use pyrust_parser::{ParseError, Span};
use thiserror::Error;

/// A compile error: a Python-level error found before running, or a construct refused.
/// The current native stack position (the stack grows down on every supported target): the
/// stack pointer itself where it can be read. The address of a local is not enough under
/// AddressSanitizer, which by default moves address-taken locals to a "fake stack" on the
/// heap, where no budget would measure anything.
/// Public for `pyrust-vm`, whose native stack budget measures the same way.
#[inline(always)]
pub fn stack_position() -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let pointer: usize;
        // SAFETY: copies the stack pointer into a register; no memory is read or written.
        unsafe {
            std::arch::asm!("mov {}, rsp", out(reg) pointer, options(nomem, nostack, preserves_flags));
        }
        pointer
    }
    #[cfg(target_arch = "aarch64")]
    {
        let pointer: usize;
        // SAFETY: copies the stack pointer into a register; no memory is read or written.
        unsafe {
            std::arch::asm!("mov {}, sp", out(reg) pointer, options(nomem, nostack, preserves_flags));
        }
        pointer
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        let marker = 0u8;
        std::ptr::addr_of!(marker) as usize
    }
}

#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{message}")]
pub struct CompileError {
    pub kind: CompileErrorKind,
    pub message: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompileErrorKind {
    /// A Python SyntaxError found after parsing (`'break' outside loop`, ...).
    Syntax,
    /// Valid Python that PyRust does not support yet.
    Unsupported,
    /// An expression nested deeper than the native stack allows compiling (CPython's
    /// compile-time RecursionError).
    Recursion,
}

impl CompileError {
    /// The Python exception type name for this error.
    pub fn python_type(&self) -> &'static str {
        match self.kind {
            CompileErrorKind::Syntax => "SyntaxError",
            CompileErrorKind::Unsupported => "NotImplementedError",
            CompileErrorKind::Recursion => "RecursionError",
        }
    }
}

/// Compiles a parsed module. `source` is the text the AST was parsed from (names are spans).
pub fn compile(source: &str, ast: &pyrust_parser::Ast) -> Result<Program, CompileError> {
    let mut program = Program::default();
    compile_into(source, ast, &mut program, &mut CompileBuffers::default())?;
    Ok(program)
}

/// Working storage of the compiler, kept between compilations.
#[derive(Debug, Default)]
pub struct CompileBuffers {
    pub(crate) global_slots: Vec<GlobalSlot>,
    /// Int and float constants past the first few (which are found by a scan), by value.
    pub(crate) int_constants: std::collections::HashMap<i64, u16>,
    pub(crate) float_constants: std::collections::HashMap<u64, u16>,
    pub(crate) pending: Vec<(FuncId, codegen::FunctionSource)>,
    pub(crate) scope: scope::FunctionScope,
    pub(crate) span_names: interner::SpanNames,
    /// Set displays CPython compiles as frozenset constants, by expression index; filled
    /// when a compilation meets its first set display (stale until then).
    pub(crate) set_folds: Vec<(u32, set_constants::SetFold)>,
    /// The loops around the statement being compiled (innermost last). Cleared at the start
    /// of every function body.
    pub(crate) loops: Vec<codegen::LoopLabels>,
    /// Comprehension variables in scope (innermost last): they shadow every other binding
    /// of their name while the comprehension is compiled, as the comprehension's own scope.
    /// Cleared at the start of every function body.
    pub(crate) shadow: Vec<(NameId, Reg)>,
    /// Work list of expression walks made during code generation (`contains_call`).
    pub(crate) expr_work: Vec<pyrust_parser::ExprId>,
    /// Keep every module-level name in a global slot (set by [`compile_into_with`]).
    pub(crate) globals_only: bool,
}

/// How to compile a module.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompileOptions {
    /// Keep every module-level name in a global slot instead of a module register, so a
    /// host can preset names before a run and read them after it (a little slower).
    pub module_names_as_globals: bool,
}

/// Compiles into `program` (cleared first), reusing its storage and `buffers`: once they have
/// grown, compiling a program of the same shape allocates nothing.
pub fn compile_into(
    source: &str,
    ast: &pyrust_parser::Ast,
    program: &mut Program,
    buffers: &mut CompileBuffers,
) -> Result<(), CompileError> {
    compile_into_with(source, ast, program, buffers, CompileOptions::default())
}

/// [`compile_into`] with options. Inlined, with the module's code generation, into its
/// caller (see `codegen::compile_module`).
#[inline(always)]
pub fn compile_into_with(
    source: &str,
    ast: &pyrust_parser::Ast,
    program: &mut Program,
    buffers: &mut CompileBuffers,
    options: CompileOptions,
) -> Result<(), CompileError> {
    debug_assert!(
        buffers.loops.is_empty() && buffers.shadow.is_empty(),
        "a compilation left loops or comprehension variables behind"
    );
    program.reset();
    buffers.global_slots.clear();
    buffers.int_constants.clear();
    buffers.float_constants.clear();
    buffers.pending.clear();
    buffers.span_names.reset(source.len());
    buffers.globals_only = options.module_names_as_globals;
    // `loops` and `shadow` are empty after a successful compilation (`compile_module` drops
    // a generator body's comprehension variables), so only a failed one clears them.
    codegen::compile_module(source, ast, program, buffers).map_err(|error| {
        buffers.loops.clear();
        buffers.shadow.clear();
        *error
    })
}
