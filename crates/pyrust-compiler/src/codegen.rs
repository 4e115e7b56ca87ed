//! Code generation: walks the AST of the module and of each function and emits instructions.
//!
//! Registers: a function's parameters and locals take the lowest registers (decided by
//! [`scope`](crate::scope)), temporaries are allocated above them as a stack. A call puts the
//! callee and its arguments in consecutive temporaries at the top, so the callee's register
//! window starts right after the callee register and nothing is copied.

use crate::bytecode::*;
use crate::fold::{fold, fold_binary_operands, may_fold, Folded};
use crate::interner::NameId;
use crate::scope::{analyze_function, analyze_module, first_use_in, Names};
use crate::{stack_position, CompileBuffers, CompileError, CompileErrorKind};
use pyrust_parser::{
    Argument, Ast, BinaryOp, Block, Expr, ExprId, ExprNode, LogicalOp, Signature, Span, Stmt,
    StmtId, StmtNode, UnaryOp,
};

/// Inlined, with [`crate::compile_into_with`], into the host's compile call: the module body
/// then shares that call's frame instead of saving registers and building one of its own
/// (about 20 instructions per compilation).
#[inline(always)]
pub(crate) fn compile_module(
    source: &str,
    ast: &Ast,
    program: &mut Program,
    buffers: &mut CompileBuffers,
) -> Result<(), Box<CompileError>> {
    // `Program::reset` leaves the module's name as the interner's only entry (`NameId(0)`),
    // and keeps function 0's slot, which `module_body` fills in at its end.
    if program.functions.is_empty() {
        program.functions.push(FunctionInfo::new(NameId(0)));
    }
    let mut compiler = Compiler {
        source,
        ast,
        program,
        buffers,
        function: FunctionState::MODULE,
        offset: 0,
        stack_origin: stack_position(),
        set_folds_found: false,
    };
    compiler.module_body(ast.body)?;
    if !compiler.buffers.pending.is_empty() {
        let mut next = 0;
        while next < compiler.buffers.pending.len() {
            let (id, source) = compiler.buffers.pending[next];
            compiler.function_body(id, source)?;
            next += 1;
        }
        // A generator body leaves its comprehension variables pushed.
        compiler.buffers.shadow.clear();
    }
    Ok(())
}

/// Where a function's body comes from.
#[derive(Clone, Copy, Debug)]
pub(crate) enum FunctionSource {
    Def(StmtId),
    Lambda(ExprId),
    /// A generator expression; its parameters are `.0` and the captured variables.
    GenExp(ExprId),
}

/// The builtins that consume a generator completely while they run: a generator expression
/// passed straight to one of them may read the enclosing function's variables (their values
/// are copied in when it is made, and nothing can change them before it is used up).
const GENERATOR_CONSUMERS: &[&str] = &[
    "all", "any", "dict", "list", "max", "min", "set", "sorted", "sum", "tuple",
];

/// Native stack the compiler's recursion over nested expressions may use. Hosts give PyRust
/// at least 256 KiB; the parser's depth limit keeps release builds far below this, and this
/// check keeps builds with bigger frames (debug, sanitizers) from overflowing.
const COMPILE_STACK_BUDGET: usize = 192 * 1024;

/// CPython's compile-time RecursionError, when `COMPILE_STACK_BUDGET` is used up.
#[cold]
fn too_deep(span: Span) -> Box<CompileError> {
    Box::new(CompileError {
        kind: CompileErrorKind::Recursion,
        message: "maximum recursion depth exceeded during compilation".into(),
        span,
    })
}

struct Compiler<'a> {
    source: &'a str,
    ast: &'a Ast,
    program: &'a mut Program,
    /// Working storage: global slots by `NameId` (`NO_SLOT` if none yet), constant caches,
    /// function bodies still to compile, the scope of the function being compiled, and the
    /// ids of identifier occurrences.
    buffers: &'a mut CompileBuffers,
    function: FunctionState,
    /// Source offset recorded for the next emitted instruction.
    offset: u32,
    /// Native stack position when compilation started (see `COMPILE_STACK_BUDGET`).
    stack_origin: usize,
    /// Whether `buffers.set_folds` holds this module's folded set displays yet: they are
    /// found when the first set display is compiled, so the many programs without one do
    /// not scan their expressions for it.
    set_folds_found: bool,
}

/// What a comprehension builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Collection {
    List,
    Set,
    /// A generator expression's body: the element is yielded.
    Generator,
    /// The element is a two-item tuple node `(key, value)`.
    Dict,
}

/// Per-function code generation state.
struct FunctionState {
    /// `None` for the module body, where every name is global.
    in_function: bool,
    /// Compiling the module body with some module-level names in registers.
    module_registers: bool,
    next_reg: usize,
    max_reg: usize,
    /// The name of the function being compiled (its own global, for self-calls).
    name: Option<NameId>,
    /// A generator expression passed straight to a builtin of [`GENERATOR_CONSUMERS`] (or
    /// to `str.join`), while its argument is compiled.
    consumed_generator: Option<ExprId>,
}

impl FunctionState {
    /// The state at the start of the module body. (A constant rather than `Default`, which
    /// compiled to a copy through the stack.)
    const MODULE: FunctionState = FunctionState {
        in_function: false,
        module_registers: false,
        next_reg: 0,
        max_reg: 0,
        name: None,
        consumed_generator: None,
    };

    /// The state at the start of a function body whose first `locals` registers are its
    /// locals; `name` is its own global name (for self-calls), if it has one.
    fn function(name: Option<NameId>, locals: usize) -> FunctionState {
        FunctionState {
            in_function: true,
            module_registers: false,
            name,
            next_reg: locals,
            max_reg: locals,
            consumed_generator: None,
        }
    }
}

/// A loop being compiled: where `continue` jumps to, and the `break` jumps to patch.
#[derive(Debug)]
pub(crate) struct LoopLabels {
    continue_target: u32,
    breaks: Vec<usize>,
}

/// The registers of a call: arguments after `func`, the function in `value` (often `func`
/// itself), the result bound for `dst`.
#[derive(Clone, Copy)]
struct CallTarget {
    func: Reg,
    value: Reg,
    dst: Reg,
}

/// Where a name lives.
#[derive(Clone, Copy)]
enum Place {
    Local {
        reg: Reg,
        checked: bool,
        name: NameId,
    },
    Global(GlobalSlot),
}

/// Errors are boxed so results stay two words wide on the hot paths.
/// The one name the compiler treats as a constant (`True` unless optimising).
const DEBUG_NAME: &str = "__debug__";

/// How many constants at the start of the table [`Compiler::constant`] finds by a scan,
/// which costs a short program less than hashing; later ones are found in hash maps.
const SCANNED_CONSTANTS: usize = 16;

/// Marks a name without a global slot in `Compiler::global_slots`.
const NO_SLOT: GlobalSlot = GlobalSlot::MAX;

type CResult<T> = Result<T, Box<CompileError>>;

impl Compiler<'_> {
    /// Starts a function body (see [`FunctionState::function`]). A generator body's
    /// comprehension variables stay pushed when it ends, so they are dropped here.
    fn enter_function(&mut self, name: Option<NameId>, locals: usize) {
        self.function = FunctionState::function(name, locals);
        self.buffers.loops.clear();
        self.buffers.shadow.clear();
    }

    // ---- emission helpers ----

    #[inline]
    fn emit(&mut self, instr: Instr) -> usize {
        self.program.code.push(instr);
        self.program.offsets.push(self.offset);
        self.program.code.len() - 1
    }

    fn here(&self) -> u32 {
        self.program.code.len() as u32
    }

    fn patch(&mut self, at: usize, to: u32) {
        match self.program.code[at].target_mut() {
            Some(target) => *target = to,
            None => unreachable!("patching a non-jump instruction"),
        }
    }

    #[inline]
    fn alloc(&mut self, span: Span) -> CResult<Reg> {
        let reg = self.function.next_reg;
        if reg > u8::MAX as usize {
            return Err(too_many_registers(span));
        }
        self.function.next_reg += 1;
        self.function.max_reg = self.function.max_reg.max(self.function.next_reg);
        Ok(reg as Reg)
    }

    /// The lowest native stack address the compiler's recursion may reach (see
    /// `COMPILE_STACK_BUDGET`), for the walks that recurse below code generation's check.
    fn stack_floor(&self) -> usize {
        self.stack_origin.saturating_sub(COMPILE_STACK_BUDGET)
    }

    fn unsupported(&self, what: &str, span: Span) -> Box<CompileError> {
        Box::new(CompileError {
            kind: CompileErrorKind::Unsupported,
            message: format!("{what} not supported by PyRust yet"),
            span,
        })
    }

    fn syntax(&self, message: &str, span: Span) -> Box<CompileError> {
        Box::new(CompileError {
            kind: CompileErrorKind::Syntax,
            message: message.into(),
            span,
        })
    }

    /// Out of line: the first use of a global is the rare case; keeping it apart keeps
    /// [`Compiler::place`] small enough to inline.
    #[inline(never)]
    fn global_slot(&mut self, name: NameId, span: Span) -> CResult<GlobalSlot> {
        if let Some(&slot) = self.buffers.global_slots.get(name.0 as usize) {
            if slot != NO_SLOT {
                return Ok(slot);
            }
        }
        let slot = self.program.global_names.len();
        if slot >= NO_SLOT as usize {
            return Err(self.unsupported("more than 65536 global names are", span));
        }
        let slot = slot as GlobalSlot;
        self.program.global_names.push(name);
        if let Some(builtin) = Builtin::from_name(self.program.names.resolve(name)) {
            self.program.builtin_slots.push((slot, builtin));
        }
        if self.buffers.global_slots.len() <= name.0 as usize {
            self.buffers
                .global_slots
                .resize(name.0 as usize + 1, NO_SLOT);
        }
        self.buffers.global_slots[name.0 as usize] = slot;
        Ok(slot)
    }

    /// The id of the identifier `span`.
    fn name_at(&mut self, span: Span) -> NameId {
        self.buffers
            .span_names
            .intern(&mut self.program.names, self.source, span)
    }

    #[cfg_attr(not(debug_assertions), inline(always))]
    fn place(&mut self, span: Span) -> CResult<Place> {
        let name = self.name_at(span);
        if let Some(&(_, reg)) = self.buffers.shadow.iter().rev().find(|(n, _)| *n == name) {
            return Ok(Place::Local {
                reg,
                checked: false,
                name,
            });
        }
        if self.function.in_function || self.function.module_registers {
            if let Some(reg) = self.buffers.scope.local(name) {
                let checked = self.buffers.scope.is_checked(reg);
                return Ok(Place::Local { reg, checked, name });
            }
        }
        Ok(Place::Global(self.global_slot(name, span)?))
    }

    /// The index of `constant` in the constant table, added if it is new. Ints and floats
    /// are shared (a float by its bits, so `0.0` and `-0.0` stay apart).
    fn constant(&mut self, constant: Constant, span: Span) -> CResult<u16> {
        if let Some(index) = self.shared_constant(constant) {
            return Ok(index);
        }
        let index = self.program.constants.len();
        if index > u16::MAX as usize {
            return Err(self.unsupported("more than 65536 constants are", span));
        }
        let index = index as u16;
        self.program.constants.push(constant);
        if usize::from(index) >= SCANNED_CONSTANTS {
            match constant {
                Constant::Int(v) => {
                    self.buffers.int_constants.insert(v, index);
                }
                Constant::Float(v) => {
                    self.buffers.float_constants.insert(v.to_bits(), index);
                }
                _ => {}
            }
        }
        Ok(index)
    }

    /// The index of an int or float equal to `constant` already in the table: the first
    /// [`SCANNED_CONSTANTS`] are scanned, the rest looked up in the buffers' maps.
    fn shared_constant(&self, constant: Constant) -> Option<u16> {
        let same = |c: &Constant| match (*c, constant) {
            (Constant::Int(a), Constant::Int(b)) => a == b,
            (Constant::Float(a), Constant::Float(b)) => a.to_bits() == b.to_bits(),
            _ => false,
        };
        if !matches!(constant, Constant::Int(_) | Constant::Float(_)) {
            return None;
        }
        let constants = &self.program.constants;
        let scanned = &constants[..constants.len().min(SCANNED_CONSTANTS)];
        if let Some(index) = scanned.iter().position(same) {
            return Some(index as u16);
        }
        match constant {
            Constant::Int(v) => self.buffers.int_constants.get(&v).copied(),
            Constant::Float(v) => self.buffers.float_constants.get(&v.to_bits()).copied(),
            _ => None,
        }
    }

    /// Loads the constant `left op right` (the operator's node is `node`, its operands' are
    /// `left` and `right`) folds to into `dst`, if it folds (see [`crate::fold`]); returns
    /// whether it did. Out of line, so the operators that do not fold pay only
    /// [`may_fold`]'s test of their operands. The caller passes the nodes it has read, so
    /// they are not looked up (and bounds-tested) again here. A `bool`, returned in a
    /// register.
    #[inline(never)]
    fn fold_binary_into(
        &mut self,
        node: &ExprNode,
        op: BinaryOp,
        left: &ExprNode,
        right: &ExprNode,
        dst: Reg,
    ) -> bool {
        match fold_binary_operands(self.ast, op, left.expr, right.expr, self.stack_floor()) {
            Some(value) => self.load_folded(value, dst, node.span),
            None => false,
        }
    }

    /// Loads the constant an expression folded to (see [`crate::fold`]), as its literal
    /// would be loaded; returns whether it did. Inlined for the commonest result, an int that
    /// fits an `i32`, which needs no constant. Any other value is refused when the constant
    /// table is full (even one already in it, a case too rare to look for): the operation
    /// is then emitted unfolded, as it was before folding, so a program with many distinct
    /// results still compiles. Loading a value into a table with room cannot fail.
    #[inline(always)]
    fn load_folded(&mut self, value: Folded, dst: Reg, span: Span) -> bool {
        if let Folded::Int(value) = value {
            if let Ok(value) = i32::try_from(value) {
                self.offset = span.start;
                self.emit(Instr::LoadInt { dst, value });
                return true;
            }
        }
        self.program.constants.len() <= usize::from(u16::MAX)
            && self.load_folded_constant(value, dst, span).is_ok()
    }

    /// [`Compiler::load_folded`] for a result kept in the constant table.
    fn load_folded_constant(&mut self, value: Folded, dst: Reg, span: Span) -> CResult<()> {
        self.offset = span.start;
        let constant = match value {
            Folded::Int(value) => Constant::Int(value),
            Folded::Float(bits) => Constant::Float(f64::from_bits(bits)),
        };
        let index = self.constant(constant, span)?;
        self.emit(Instr::LoadConst { dst, index });
        Ok(())
    }

    // ---- functions ----

    fn module_body(&mut self, body: Block) -> CResult<()> {
        let statements = self.ast.block(body);
        // Expression statements bind no names (the subset has no `:=`), so a module of only
        // those keeps nothing in registers: it is compiled as with `globals_only`, and the
        // scope (left as the last analysis made it) is not consulted. The parser recorded
        // whether it is one (an `Ast` that does not say so is analysed, which is right for
        // any module).
        if !(self.buffers.globals_only || self.ast.only_expression_statements()) {
            analyze_module(
                self.source,
                self.ast,
                Names {
                    interner: &mut self.program.names,
                    spans: &mut self.buffers.span_names,
                },
                body,
                &mut self.buffers.scope,
            )?;
            // The module is compiled first, so `self.function` is still the fresh module
            // state.
            let locals = self.buffers.scope.local_count();
            self.function.module_registers = true;
            self.function.next_reg = locals;
            self.function.max_reg = locals;
        } else {
            self.buffers.scope.mark_stale();
        }
        // A last expression statement is the module's value (its node is read once,
        // statement and span together).
        if let Some((&last, rest)) = statements.split_last() {
            for &stmt in rest {
                self.statement(stmt)?;
            }
            if let StmtNode {
                stmt: Stmt::Expr(expr),
                span,
            } = self.ast.stmts[last.0 as usize]
            {
                self.offset = span.start;
                let reg = self.expr_to_any(expr)?;
                self.emit(Instr::Return { src: reg });
            } else {
                self.statement(last)?;
                self.emit(Instr::ReturnNone);
            }
        } else {
            self.emit(Instr::ReturnNone);
        }
        // Function 0's slot is the module's (see `compile_module`), written here.
        let module = &mut self.program.functions[0];
        *module = FunctionInfo {
            register_count: self.function.max_reg as u16,
            ..FunctionInfo::new(NameId(0))
        };
        if self.function.module_registers {
            // The module's analysis is still the scope's: the statements compiled since
            // analyse no function body.
            module.unbound_on_entry = self.buffers.scope.checked;
            self.function.module_registers = false;
        }
        Ok(())
    }

    /// Registers a function (its body is compiled after the module) and returns its id.
    fn declare_function(
        &mut self,
        name: &str,
        signature: Signature,
        source: FunctionSource,
    ) -> CResult<FuncId> {
        let id = FuncId(self.program.functions.len() as u32);
        let name = self.program.names.intern(name);
        let params_start = self.program.param_names.len() as u32;
        let defaults = self.ast.defaults(signature);
        for (i, &param) in self.ast.names(signature.names).iter().enumerate() {
            let param = self.name_at(param);
            self.program.param_names.push(param);
            self.program
                .param_has_default
                .push(defaults.get(i).is_some_and(Option::is_some));
        }
        let param_count = signature.positional as u8;
        self.program.functions.push(FunctionInfo {
            param_count,
            kwonly_count: signature.keyword_only as u8,
            varargs: signature.varargs,
            varkw: signature.varkw,
            fast_argc: if signature.is_simple() {
                u16::from(param_count)
            } else {
                256
            },
            params_start,
            ..FunctionInfo::new(name)
        });
        self.buffers.pending.push((id, source));
        Ok(id)
    }

    /// Makes the function value of a `def` or `lambda` in `dst`: a constant, or a new
    /// function object holding the defaults evaluated now.
    fn function_value(
        &mut self,
        id: FuncId,
        signature: Signature,
        span: Span,
        dst: Reg,
    ) -> CResult<()> {
        let index = self.constant(Constant::Function(id), span)?;
        let defaults = self.ast.defaults(signature);
        if defaults.iter().all(Option::is_none) {
            self.emit(Instr::LoadConst { dst, index });
            return Ok(());
        }
        let mark = self.function.next_reg;
        let start = self.function.next_reg as Reg;
        for &default in defaults.iter().flatten() {
            let reg = self.alloc(self.ast.expr_span(default))?;
            self.expr_into(default, reg)?;
        }
        self.offset = span.start;
        self.emit(Instr::MakeFunction { dst, index, start });
        self.function.next_reg = mark;
        Ok(())
    }

    fn function_body(&mut self, id: FuncId, source: FunctionSource) -> CResult<()> {
        let (signature, body, def_start, end) = match source {
            FunctionSource::Def(stmt) => {
                let Stmt::Def {
                    signature, body, ..
                } = self.ast.stmt(stmt)
                else {
                    unreachable!("function_body on a non-def statement")
                };
                let span = self.ast.stmt_span(stmt);
                (self.ast.signature(signature), body, span.start, span.end)
            }
            FunctionSource::Lambda(expr) => {
                let Expr::Lambda { signature, .. } = self.ast.expr(expr) else {
                    unreachable!("function_body on a non-lambda expression")
                };
                let span = self.ast.expr_span(expr);
                (
                    self.ast.signature(signature),
                    Block::default(),
                    span.start,
                    span.end,
                )
            }
            FunctionSource::GenExp(expr) => return self.generator_body(id, expr),
        };
        let params = self.ast.names(signature.names);
        analyze_function(
            self.source,
            self.ast,
            Names {
                interner: &mut self.program.names,
                spans: &mut self.buffers.span_names,
            },
            def_start,
            params,
            body,
            &mut self.buffers.scope,
        )?;
        let mut unbound = [0u64; 4];
        for (word, checked) in unbound.iter_mut().zip(self.buffers.scope.checked) {
            *word = checked;
        }
        for reg in 0..params.len() {
            unbound[reg >> 6] &= !(1 << (reg & 63));
        }
        let locals = self.buffers.scope.local_count();
        self.enter_function(Some(self.program.functions[id.0 as usize].name), locals);
        let entry = self.here();
        match source {
            FunctionSource::Def(_) => {
                self.compile_block(body)?;
                self.offset = end.saturating_sub(1);
                self.emit(Instr::ReturnNone);
            }
            FunctionSource::Lambda(expr) => {
                let Expr::Lambda { body, .. } = self.ast.expr(expr) else {
                    unreachable!("checked above")
                };
                self.offset = self.ast.expr_span(body).start;
                let src = self.expr_to_any(body)?;
                self.emit(Instr::Return { src });
            }
            FunctionSource::GenExp(_) => unreachable!("returned above"),
        }
        let info = &mut self.program.functions[id.0 as usize];
        info.entry = entry;
        info.register_count = self.function.max_reg as u16;
        info.unbound_on_entry = unbound;
        if unbound != [0; 4] {
            // The VM's fast call path gives the callee no validity bitmap of its own.
            info.fast_argc = 256;
        }
        Ok(())
    }

    /// A generator expression: a generator object running a hidden function whose
    /// parameters are the outermost iterable (evaluated now, as Python does) and the
    /// enclosing variables the expression reads. PyRust has no closures: their current
    /// values are copied in, which is exact only where nothing can change them before the
    /// generator is used up, so that is allowed only for a generator passed straight to a
    /// builtin that consumes it.
    fn generator_expression(&mut self, expr: ExprId, span: Span, dst: Reg) -> CResult<()> {
        let Expr::GenExp { elt, clauses } = self.ast.expr(expr) else {
            return Err(self.unsupported("this generator expression is", span));
        };
        let clause_list = &self.ast.comprehensions[clauses.indices()];
        // Names bound by the generator's own clauses.
        let mut bound: Vec<&str> = Vec::new();
        for clause in clause_list {
            let mut work = vec![clause.target];
            while let Some(target) = work.pop() {
                if let Expr::Name(name) = self.ast.expr(target) {
                    bound.push(name.text(self.source));
                }
                self.ast.push_children(target, &mut work);
            }
        }
        // What runs inside the generator: the element, the conditions, the inner iterables.
        let mut work = vec![elt];
        for (i, clause) in clause_list.iter().enumerate() {
            if i > 0 {
                work.push(clause.iter);
            }
            work.extend(
                self.ast
                    .arguments(clause.conditions)
                    .iter()
                    .map(|a| a.value()),
            );
        }
        let mut captured: Vec<(NameId, ExprId)> = Vec::new();
        while let Some(inner) = work.pop() {
            if let Expr::Name(name) = self.ast.expr(inner) {
                let text = name.text(self.source);
                if !bound.contains(&text) {
                    if let Place::Local { name: id, .. } = self.place(name)? {
                        if !captured.iter().any(|&(c, _)| c == id) {
                            captured.push((id, inner));
                        }
                    }
                }
            }
            self.ast.push_children(inner, &mut work);
        }
        if !captured.is_empty() && self.function.consumed_generator != Some(expr) {
            let names: Vec<&str> = captured
                .iter()
                .map(|&(id, _)| self.program.names.resolve(id))
                .collect();
            return Err(self.unsupported(
                &format!(
                    "generator expressions that use local variables ({}) other than as the \
                     argument of sum(), min(), max(), any(), all(), sorted(), list(), \
                     tuple(), set(), dict() or str.join() are",
                    names.join(", ")
                ),
                span,
            ));
        }
        if captured.len() > 200 {
            return Err(self.unsupported(
                "generator expressions reading more than 200 variables are",
                span,
            ));
        }
        // The hidden function and its parameters: `.0`, then the captured names.
        let id = FuncId(self.program.functions.len() as u32);
        let name = self.program.names.intern("<genexpr>");
        let params_start = self.program.param_names.len() as u32;
        let outer = self.program.names.intern(".0");
        self.program.param_names.push(outer);
        self.program.param_has_default.push(false);
        for &(captured_id, _) in &captured {
            self.program.param_names.push(captured_id);
            self.program.param_has_default.push(false);
        }
        let param_count = (1 + captured.len()) as u8;
        self.program.functions.push(FunctionInfo {
            param_count,
            fast_argc: u16::from(param_count),
            params_start,
            ..FunctionInfo::new(name)
        });
        self.buffers
            .pending
            .push((id, FunctionSource::GenExp(expr)));
        // Its arguments, evaluated here.
        let mark = self.function.next_reg;
        let start = self.alloc(span)?;
        self.expr_into(clause_list[0].iter, start)?;
        for &(_, name_expr) in &captured {
            let reg = self.alloc(span)?;
            self.expr_into(name_expr, reg)?;
        }
        let index = self.constant(Constant::Function(id), span)?;
        self.offset = span.start;
        self.emit(Instr::MakeGenerator { dst, index, start });
        self.function.next_reg = mark;
        Ok(())
    }

    /// The body of the generator expression `expr`: its clauses, yielding the element.
    fn generator_body(&mut self, id: FuncId, expr: ExprId) -> CResult<()> {
        let Expr::GenExp { elt, clauses } = self.ast.expr(expr) else {
            return Err(self.unsupported("this generator expression is", self.ast.expr_span(expr)));
        };
        let info = &self.program.functions[id.0 as usize];
        let params: Vec<NameId> = self.program.params(info).to_vec();
        self.buffers.scope.set_params(&params);
        let locals = params.len();
        self.enter_function(None, locals);
        let entry = self.here();
        self.comprehension_clause(Collection::Generator, 0, elt, clauses, 0)?;
        self.emit(Instr::ReturnNone);
        let info = &mut self.program.functions[id.0 as usize];
        info.entry = entry;
        info.register_count = self.function.max_reg as u16;
        Ok(())
    }

    /// A lambda may only read its parameters and globals: PyRust has no closures yet.
    fn check_lambda_captures(&mut self, lambda: ExprId) -> CResult<()> {
        let Expr::Lambda { signature, body } = self.ast.expr(lambda) else {
            return Ok(());
        };
        let params = self.ast.names(self.ast.signature(signature).names);
        let mut work = vec![body];
        while let Some(expr) = work.pop() {
            if let Expr::Name(span) = self.ast.expr(expr) {
                let text = span.text(self.source);
                let is_param = params.iter().any(|p| p.text(self.source) == text);
                if !is_param && matches!(self.place(span)?, Place::Local { .. }) {
                    return Err(self.unsupported(
                        &format!(
                            "lambdas that use a variable of the enclosing function ('{text}') are"
                        ),
                        span,
                    ));
                }
            }
            if let Expr::Lambda { signature, body } = self.ast.expr(expr) {
                // Only the inner lambda's defaults run in this lambda's scope.
                work.extend(
                    self.ast
                        .defaults(self.ast.signature(signature))
                        .iter()
                        .flatten(),
                );
                work.push(body);
                continue;
            }
            self.ast.push_children(expr, &mut work);
        }
        Ok(())
    }

    // ---- statements ----

    fn compile_block(&mut self, block: Block) -> CResult<()> {
        for &stmt in self.ast.block(block) {
            self.statement(stmt)?;
        }
        Ok(())
    }

    fn statement(&mut self, stmt: StmtId) -> CResult<()> {
        let span = self.ast.stmt_span(stmt);
        self.offset = span.start;
        let mark = self.function.next_reg;
        match self.ast.stmt(stmt) {
            Stmt::Expr(expr) => {
                self.expr_to_any(expr)?;
            }
            Stmt::Assign {
                targets,
                value,
                unpack: false,
            } => self.assign(targets, value)?,
            Stmt::Assign {
                targets,
                value,
                unpack: true,
            } => {
                let src = self.expr_to_any(value)?;
                let names = self.ast.names(targets);
                if names.len() > 32 {
                    return Err(self.unsupported("unpacking into more than 32 names is", span));
                }
                let start = self.function.next_reg as Reg;
                for &name in names {
                    self.alloc(name)?;
                }
                self.offset = span.start;
                self.emit(Instr::Unpack {
                    src,
                    start,
                    count: names.len() as u8,
                });
                for (i, &name) in names.iter().enumerate() {
                    self.store(name, start + i as Reg)?;
                }
            }
            Stmt::AugSetItem { target, op, value } => {
                let Expr::Subscript { value: obj, index } = self.ast.expr(target) else {
                    return Err(self.unsupported("this assignment target is", span));
                };
                if matches!(self.ast.expr(index), Expr::Slice { .. }) {
                    return Err(self.unsupported("augmented assignment to slices is", span));
                }
                let obj = self.expr_to_any(obj)?;
                let index = self.expr_to_any(index)?;
                let current = self.alloc(span)?;
                self.offset = self.ast.expr_span(target).start;
                self.emit(Instr::GetItem {
                    dst: current,
                    obj,
                    index,
                });
                let operand = self.expr_to_any(value)?;
                self.offset = span.start;
                // Error messages name the augmented operator (`+=`); the VM finds it here.
                self.program.augmented_ips.push(self.here());
                self.emit(binary_instr(op, current, current, operand));
                self.emit(Instr::SetItem {
                    obj,
                    index,
                    src: current,
                });
            }
            Stmt::SetItem { target, value } => {
                let Expr::Subscript { value: obj, index } = self.ast.expr(target) else {
                    return Err(self.unsupported("this assignment target is", span));
                };
                let src = self.expr_to_any(value)?;
                let obj = self.expr_to_any(obj)?;
                if let Expr::Slice { lower, upper, step } = self.ast.expr(index) {
                    let start = self.slice_bounds(lower, upper, step)?;
                    self.offset = self.ast.expr_span(target).start;
                    self.emit(Instr::SetSlice { obj, start, src });
                } else {
                    let index = self.expr_to_any(index)?;
                    self.offset = self.ast.expr_span(target).start;
                    self.emit(Instr::SetItem { obj, index, src });
                }
            }
            Stmt::UnpackTo { target, value } => {
                let src = self.expr_to_any(value)?;
                self.unpack_into(target, src, false)?;
            }
            Stmt::Del(targets) => {
                for &target in self.ast.arguments(targets) {
                    self.delete(target.value())?;
                    self.function.next_reg = mark;
                }
            }
            Stmt::AugAssign { target, op, value } => self.aug_assign(target, op, value)?,
            Stmt::If { test, body, orelse } => {
                let to_else = self.jump_if_false(test)?;
                self.compile_block(body)?;
                if orelse.len == 0 {
                    let here = self.here();
                    self.patch(to_else, here);
                } else {
                    let to_end = self.emit(Instr::Jump { target: 0 });
                    let here = self.here();
                    self.patch(to_else, here);
                    self.compile_block(orelse)?;
                    let here = self.here();
                    self.patch(to_end, here);
                }
            }
            Stmt::While { test, body, orelse } => {
                let top = self.here();
                let to_else = self.jump_if_false(test)?;
                self.loop_body(body, top)?;
                self.finish_loop(span.start, Instr::Jump { target: top }, to_else, orelse)?;
            }
            Stmt::For {
                target,
                iter,
                body,
                orelse,
            } => self.for_loop(span, target, iter, body, orelse)?,
            Stmt::Def { name, .. } => {
                if self.function.in_function {
                    return Err(self.unsupported("nested functions are", span));
                }
                let Stmt::Def { signature, .. } = self.ast.stmt(stmt) else {
                    unreachable!("matched above")
                };
                let signature = self.ast.signature(signature);
                let id = self.declare_function(
                    name.text(self.source),
                    signature,
                    FunctionSource::Def(stmt),
                )?;
                let reg = self.alloc(span)?;
                self.function_value(id, signature, span, reg)?;
                self.store(name, reg)?;
            }
            Stmt::Return(value) => {
                if !self.function.in_function {
                    return Err(self.syntax("'return' outside function", span));
                }
                match value {
                    Some(value) => {
                        let src = self.expr_to_any(value)?;
                        self.offset = span.start;
                        self.emit(Instr::Return { src });
                    }
                    None => {
                        self.emit(Instr::ReturnNone);
                    }
                }
            }
            Stmt::Break => {
                if self.buffers.loops.is_empty() {
                    return Err(self.syntax("'break' outside loop", span));
                }
                let at = self.emit(Instr::Jump { target: 0 });
                if let Some(labels) = self.buffers.loops.last_mut() {
                    labels.breaks.push(at);
                }
            }
            Stmt::Continue => {
                let Some(labels) = self.buffers.loops.last() else {
                    return Err(self.syntax("'continue' not properly in loop", span));
                };
                let target = labels.continue_target;
                self.emit(Instr::Jump { target });
            }
            Stmt::Global(names) => {
                if !self.function.in_function {
                    self.check_module_global(names, span)?;
                }
            }
            Stmt::Pass => {}
        }
        self.function.next_reg = mark;
        Ok(())
    }

    /// At module level `global x` is allowed but, as in a function, not after `x` is used.
    fn check_module_global(&self, names: pyrust_parser::Range, statement: Span) -> CResult<()> {
        for &name in self.ast.names(names) {
            let text = name.text(self.source);
            let used_before =
                first_use_in(self.ast, self.source, text, 0..statement.start).is_some();
            if used_before {
                return Err(self.syntax(
                    &format!("name '{text}' is assigned to before global declaration"),
                    name,
                ));
            }
        }
        Ok(())
    }

    /// Compiles a loop body with `continue` jumping to `continue_target`. Leaves the loop's
    /// labels pushed so the caller can patch the breaks.
    fn loop_body(&mut self, body: Block, continue_target: u32) -> CResult<()> {
        self.buffers.loops.push(LoopLabels {
            continue_target,
            breaks: Vec::new(),
        });
        self.compile_block(body)
    }

    fn for_loop(
        &mut self,
        span: Span,
        target: Span,
        iter: ExprId,
        body: Block,
        orelse: Block,
    ) -> CResult<()> {
        let base = self.alloc(span)?;
        self.alloc(span)?;
        self.alloc(span)?;
        self.expr_into(iter, base)?;
        self.offset = self.ast.expr_span(iter).start;
        self.emit(Instr::ForPrep { base });
        let place = self.place(target)?;
        let var = match place {
            Place::Local { reg, .. } => reg,
            Place::Global(_) => self.alloc(target)?,
        };
        let top = self.here();
        let next = self.emit(Instr::ForNext { base, var, exit: 0 });
        self.offset = target.start;
        match place {
            Place::Local { checked: true, .. } => {
                self.emit(Instr::MarkBound { reg: var });
            }
            Place::Local { .. } => {}
            Place::Global(slot) => {
                self.emit(Instr::StoreGlobal { src: var, slot });
            }
        }
        self.loop_body(body, top)?;
        let back_edge = Instr::ForLoop {
            base,
            var,
            body: top + 1,
        };
        // The back edge fetches items too: its errors point where `ForNext`'s do.
        let iter_start = self.ast.expr_span(iter).start;
        self.finish_loop(iter_start, back_edge, next, orelse)
    }

    /// Ends a loop whose body was just compiled: emits `back_edge` (the jump back, its errors
    /// reported at `offset`), points `exit` (the loop's exit branch) at the `else` block, and
    /// `break`s past it.
    fn finish_loop(
        &mut self,
        offset: u32,
        back_edge: Instr,
        exit: usize,
        orelse: Block,
    ) -> CResult<()> {
        let breaks = self
            .buffers
            .loops
            .pop()
            .map(|l| l.breaks)
            .unwrap_or_default();
        self.offset = offset;
        self.emit(back_edge);
        let here = self.here();
        self.patch(exit, here);
        self.compile_block(orelse)?;
        let end = self.here();
        for at in breaks {
            self.patch(at, end);
        }
        Ok(())
    }

    fn assign(&mut self, targets: pyrust_parser::Range, value: ExprId) -> CResult<()> {
        let targets = self.ast.names(targets);
        if let [target] = targets {
            if let Place::Local { reg, checked, .. } = self.place(*target)? {
                self.expr_into_local(value, reg)?;
                if checked {
                    self.emit(Instr::MarkBound { reg });
                }
                return Ok(());
            }
        }
        let src = self.expr_to_any(value)?;
        for &target in targets {
            self.store(target, src)?;
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: Span, op: BinaryOp, value: ExprId) -> CResult<()> {
        let span = Span {
            start: target.start,
            end: self.ast.expr_span(value).end,
        };
        let current = self.load_name(target, None)?;
        let operand = self.expr_to_any(value)?;
        self.offset = span.start;
        // Error messages name the augmented operator (`+=`); the VM finds it here.
        self.program.augmented_ips.push(self.here());
        match self.place(target)? {
            Place::Local { reg, checked, .. } => {
                self.emit(binary_instr(op, reg, current, operand));
                if checked {
                    self.emit(Instr::MarkBound { reg });
                }
            }
            Place::Global(slot) => {
                let result = self.alloc(span)?;
                self.emit(binary_instr(op, result, current, operand));
                self.emit(Instr::StoreGlobal { src: result, slot });
            }
        }
        Ok(())
    }

    /// Unpacks register `src` into an unpacking target (see `Stmt::UnpackTo`). In a
    /// comprehension (`shadow`), names become comprehension variables instead of stores.
    fn unpack_into(&mut self, target: ExprId, src: Reg, shadow: bool) -> CResult<()> {
        let span = self.ast.expr_span(target);
        let (Expr::Tuple(items) | Expr::List(items)) = self.ast.expr(target) else {
            return Err(self.unsupported("this unpacking target is", span));
        };
        let items: Vec<pyrust_parser::Argument> = self.ast.arguments(items).to_vec();
        if items.len() > 32 {
            return Err(self.unsupported("unpacking into more than 32 targets is", span));
        }
        let start = self.function.next_reg as Reg;
        for item in &items {
            self.alloc(self.ast.expr_span(item.value()))?;
        }
        self.offset = span.start;
        let count = items.len() as u8;
        match items
            .iter()
            .position(|item| matches!(item, Argument::Starred(_)))
        {
            None => self.emit(Instr::Unpack { src, start, count }),
            Some(star) => self.emit(Instr::UnpackStar {
                src,
                start,
                before: star as u8,
                after: count - star as u8 - 1,
            }),
        };
        for (i, item) in items.iter().enumerate() {
            let reg = start + i as Reg;
            let value = item.value();
            match self.ast.expr(value) {
                Expr::Name(name) if shadow => {
                    let id = self.name_at(name);
                    self.buffers.shadow.push((id, reg));
                }
                Expr::Name(name) => self.store(name, reg)?,
                Expr::Tuple(_) | Expr::List(_) => self.unpack_into(value, reg, shadow)?,
                Expr::Subscript { value: obj, index } if !shadow => {
                    let mark = self.function.next_reg;
                    let obj = self.expr_to_any(obj)?;
                    if let Expr::Slice { lower, upper, step } = self.ast.expr(index) {
                        let bounds = self.slice_bounds(lower, upper, step)?;
                        self.offset = self.ast.expr_span(value).start;
                        self.emit(Instr::SetSlice {
                            obj,
                            start: bounds,
                            src: reg,
                        });
                    } else {
                        let index = self.expr_to_any(index)?;
                        self.offset = self.ast.expr_span(value).start;
                        self.emit(Instr::SetItem {
                            obj,
                            index,
                            src: reg,
                        });
                    }
                    self.function.next_reg = mark;
                }
                _ => {
                    return Err(
                        self.unsupported("this unpacking target is", self.ast.expr_span(value))
                    )
                }
            }
        }
        Ok(())
    }

    /// Evaluates a slice's three bounds into consecutive new registers; returns the first.
    fn slice_bounds(&mut self, lower: ExprId, upper: ExprId, step: ExprId) -> CResult<Reg> {
        let start = self.alloc(self.ast.expr_span(lower))?;
        self.alloc(self.ast.expr_span(upper))?;
        self.alloc(self.ast.expr_span(step))?;
        self.expr_into(lower, start)?;
        self.expr_into(upper, start + 1)?;
        self.expr_into(step, start + 2)?;
        Ok(start)
    }

    /// One target of `del`: a name or a subscript.
    fn delete(&mut self, target: ExprId) -> CResult<()> {
        let span = self.ast.expr_span(target);
        match self.ast.expr(target) {
            Expr::Name(name) => {
                self.offset = span.start;
                match self.place(name)? {
                    Place::Local { reg, name, .. } => {
                        self.emit(Instr::CheckBound { reg, name });
                        self.emit(Instr::Unbind { reg });
                    }
                    Place::Global(slot) => {
                        self.emit(Instr::DeleteGlobal { slot });
                    }
                }
            }
            Expr::Subscript { value, index } => {
                let obj = self.expr_to_any(value)?;
                if let Expr::Slice { lower, upper, step } = self.ast.expr(index) {
                    let start = self.slice_bounds(lower, upper, step)?;
                    self.offset = span.start;
                    self.emit(Instr::DelSlice { obj, start });
                } else {
                    let index = self.expr_to_any(index)?;
                    self.offset = span.start;
                    self.emit(Instr::DelItem { obj, index });
                }
            }
            _ => return Err(self.unsupported("this del target is", span)),
        }
        Ok(())
    }

    /// Stores register `src` into the variable `target`.
    fn store(&mut self, target: Span, src: Reg) -> CResult<()> {
        match self.place(target)? {
            Place::Local { reg, checked, .. } => {
                if reg != src {
                    self.emit(Instr::Move { dst: reg, src });
                }
                if checked {
                    self.emit(Instr::MarkBound { reg });
                }
            }
            Place::Global(slot) => {
                self.emit(Instr::StoreGlobal { src, slot });
            }
        }
        Ok(())
    }

    // ---- expressions ----

    /// Evaluates `expr` into some register: a local's own register when `expr` is a local
    /// name, otherwise a new temporary.
    ///
    /// Inlined: most operands are literals or names, and the call would cost more than them.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn expr_to_any(&mut self, expr: ExprId) -> CResult<Reg> {
        let node = self.ast.expr(expr);
        if let Expr::Name(span) = node {
            return self.name_to_any(expr, span);
        }
        let reg = self.alloc(self.ast.expr_span(expr))?;
        self.node_into(expr, node, reg)?;
        Ok(reg)
    }

    /// Whether the name `span` is `__debug__`, a constant. The length test first spares
    /// other names the text's char-boundary checks.
    fn is_debug_name(&self, span: Span) -> bool {
        span.end.wrapping_sub(span.start) == DEBUG_NAME.len() as u32
            && span.text(self.source) == DEBUG_NAME
    }

    /// [`Compiler::expr_to_any`] for the name `expr`, whose span is `span`. A local that
    /// needs no check, the commonest operand in a function, is its own register, found
    /// without `place`'s shadow search and result (48 instructions of the variables
    /// program); the rest is out of line.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn name_to_any(&mut self, expr: ExprId, span: Span) -> CResult<Reg> {
        // (Names of `__debug__`'s length take the full path, which knows that constant.)
        if self.buffers.shadow.is_empty()
            && (self.function.in_function || self.function.module_registers)
            && span.end.wrapping_sub(span.start) != DEBUG_NAME.len() as u32
        {
            let name = self.name_at(span);
            if let Some(reg) = self.buffers.scope.local(name) {
                if !self.buffers.scope.is_checked(reg) {
                    return Ok(reg);
                }
            }
        }
        self.any_name_to_any(expr, span)
    }

    /// [`Compiler::name_to_any`] for every name.
    fn any_name_to_any(&mut self, expr: ExprId, span: Span) -> CResult<Reg> {
        if !self.is_debug_name(span) {
            if let Place::Local { reg, checked, name } = self.place(span)? {
                if checked {
                    self.offset = span.start;
                    self.emit(Instr::CheckBound { reg, name });
                }
                return Ok(reg);
            }
        }
        let reg = self.alloc(span)?;
        self.expr_into(expr, reg)?;
        Ok(reg)
    }

    /// Evaluates the left operand of an operator whose result goes to `dst`. When `dst` is a
    /// temporary nothing else reads, the operand is computed straight into it, so a long
    /// left-leaning chain (`a + b + c + ...`) reuses one register instead of one per level.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn left_operand(&mut self, left: ExprId, dst: Reg) -> CResult<Reg> {
        if self.is_temporary(dst) && !matches!(self.ast.expr(left), Expr::Name(_)) {
            self.expr_into(left, dst)?;
            return Ok(dst);
        }
        self.expr_to_any(left)
    }

    /// Whether `reg` is a temporary rather than a variable's register.
    fn is_temporary(&self, reg: Reg) -> bool {
        reg as usize >= self.buffers.scope.local_count()
            || !(self.function.in_function || self.function.module_registers)
    }

    /// Evaluates `items` into consecutive new registers; returns the first.
    fn items_into_new_registers(&mut self, items: &[ExprId]) -> CResult<Reg> {
        let start = self.function.next_reg as Reg;
        for &item in items {
            let reg = self.alloc(self.ast.expr_span(item))?;
            self.expr_into(item, reg)?;
        }
        Ok(start)
    }

    /// Evaluates `expr` into the register of a local variable. Only expressions whose last
    /// step writes the result at once may target it directly: `x = y and x` must not clobber
    /// `x` before reading it. A call of a plain function qualifies (its result is written on
    /// return); a method call does not.
    fn expr_into_local(&mut self, expr: ExprId, reg: Reg) -> CResult<()> {
        match self.ast.expr(expr) {
            Expr::Logical { .. } | Expr::Conditional { .. } | Expr::Compare { .. } => {
                self.expr_into_temporary_then_move(expr, reg)
            }
            Expr::Call { func, .. } if matches!(self.ast.expr(func), Expr::Attribute { .. }) => {
                self.expr_into_temporary_then_move(expr, reg)
            }
            _ => self.expr_into(expr, reg),
        }
    }

    fn expr_into_temporary_then_move(&mut self, expr: ExprId, reg: Reg) -> CResult<()> {
        let mark = self.function.next_reg;
        let temp = self.alloc(self.ast.expr_span(expr))?;
        self.expr_into(expr, temp)?;
        self.emit(Instr::Move {
            dst: reg,
            src: temp,
        });
        self.function.next_reg = mark;
        Ok(())
    }

    fn load_name(&mut self, span: Span, dst: Option<Reg>) -> CResult<Reg> {
        self.offset = span.start;
        match self.place(span)? {
            Place::Local { reg, checked, name } => {
                if checked {
                    self.emit(Instr::CheckBound { reg, name });
                }
                match dst {
                    Some(dst) if dst != reg => {
                        self.emit(Instr::Move { dst, src: reg });
                        Ok(dst)
                    }
                    _ => Ok(reg),
                }
            }
            Place::Global(slot) => {
                let dst = match dst {
                    Some(dst) => dst,
                    None => self.alloc(span)?,
                };
                self.emit(Instr::LoadGlobal { dst, slot });
                Ok(dst)
            }
        }
    }

    /// Evaluates `expr` into `dst`. Temporaries it needs are freed before it returns.
    ///
    /// A small int literal, the commonest leaf, is emitted right here, and so is an operator
    /// on number literals that folds to a constant: the full walk's frame (a big `match`
    /// saving every callee-saved register) costs more than either.
    /// Inlined in optimised builds only: unoptimised ones give every inlined copy its own
    /// stack slots, and the recursive frame would outgrow `COMPILE_STACK_BUDGET`'s depth.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn expr_into(&mut self, expr: ExprId, dst: Reg) -> CResult<()> {
        self.node_into(expr, self.ast.expr(expr), dst)
    }

    /// [`Compiler::expr_into`] for a caller that has read `expr`'s node already (the
    /// AST is behind a reference the emitted instructions might alias, so the compiler
    /// would read it again, bounds test included). Inlined in unoptimised builds too: only
    /// `expr_into` and `expr_to_any` call it, and a frame of its own would lengthen each
    /// level of the compiler's recursion there.
    #[inline(always)]
    fn node_into(&mut self, expr: ExprId, node: Expr, dst: Reg) -> CResult<()> {
        match node {
            Expr::Int(value) => {
                if let Ok(value) = i32::try_from(value) {
                    self.offset = self.ast.expr_span(expr).start;
                    self.emit(Instr::LoadInt { dst, value });
                    return Ok(());
                }
            }
            Expr::Binary { op, left, right } if self.folded_into(expr, op, left, right, dst) => {
                return Ok(())
            }
            _ => {}
        }
        self.expr_node_into(expr, dst)
    }

    /// Loads the constant the operator `expr` folds to into `dst`, if it folds; returns
    /// whether it did. Only the operands' kinds are tested here; the fold itself is out of
    /// line. Unoptimised builds keep this a call of its own, so its locals stay out of
    /// [`Compiler::expr_into`]'s recursive frame.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn folded_into(
        &mut self,
        expr: ExprId,
        op: BinaryOp,
        left: ExprId,
        right: ExprId,
        dst: Reg,
    ) -> bool {
        let ast = self.ast;
        let left = &ast.exprs[left.0 as usize];
        if !may_fold(left.expr) {
            return false;
        }
        let right = &ast.exprs[right.0 as usize];
        may_fold(right.expr)
            && self.fold_binary_into(&ast.exprs[expr.0 as usize], op, left, right, dst)
    }

    /// [`Compiler::expr_into`] for every expression.
    fn expr_node_into(&mut self, expr: ExprId, dst: Reg) -> CResult<()> {
        let span = self.ast.expr_span(expr);
        if self.stack_origin.saturating_sub(stack_position()) > COMPILE_STACK_BUDGET {
            return Err(too_deep(span));
        }
        let mark = self.function.next_reg;
        match self.ast.expr(expr) {
            // `expr_into` emits the ints that fit in an `i32` itself; only a call's callee,
            // never a number in a working program, comes here directly (see `Compiler::call`).
            Expr::Int(value) => {
                self.offset = span.start;
                let index = self.constant(Constant::Int(value), span)?;
                self.emit(Instr::LoadConst { dst, index });
            }
            Expr::Float(value) => {
                self.offset = span.start;
                let index = self.constant(Constant::Float(value), span)?;
                self.emit(Instr::LoadConst { dst, index });
            }
            Expr::BigInt(literal) => {
                self.offset = span.start;
                let string = self.program.push_string(literal.text(self.source));
                let index = self.constant(Constant::BigInt(string), span)?;
                self.emit(Instr::LoadConst { dst, index });
            }
            Expr::Str(lit) => {
                self.offset = span.start;
                let string = self.program.push_string(self.ast.str_text(lit));
                let index = self.constant(Constant::Str(string), span)?;
                self.emit(Instr::LoadConst { dst, index });
            }
            Expr::True | Expr::False => {
                self.offset = span.start;
                let value = matches!(self.ast.expr(expr), Expr::True);
                self.emit(Instr::LoadBool { dst, value });
            }
            Expr::None => {
                self.offset = span.start;
                self.emit(Instr::LoadNone { dst });
            }
            Expr::Name(name) if self.is_debug_name(name) => {
                // A compile-time constant in CPython (True without -O).
                self.offset = span.start;
                self.emit(Instr::LoadBool { dst, value: true });
            }
            Expr::Name(name) => {
                self.load_name(name, Some(dst))?;
            }
            Expr::Unary {
                op: UnaryOp::Neg,
                operand,
            } if matches!(self.ast.expr(operand), Expr::Int(v) if i32::try_from(v).is_ok_and(|v| v != i32::MIN)) =>
            {
                // `-5` is a constant, as in CPython.
                let Expr::Int(value) = self.ast.expr(operand) else {
                    unreachable!("matched above")
                };
                self.offset = span.start;
                self.emit(Instr::LoadInt {
                    dst,
                    value: -(value as i32),
                });
            }
            Expr::Unary { .. }
                if fold(self.ast, expr, self.stack_floor())
                    .is_some_and(|value| self.load_folded(value, dst, span)) => {}
            Expr::Unary { op, operand } => {
                let src = self.expr_to_any(operand)?;
                self.offset = span.start;
                self.emit(match op {
                    UnaryOp::Neg => Instr::Neg { dst, src },
                    UnaryOp::Pos => Instr::Pos { dst, src },
                    UnaryOp::Not => Instr::Not { dst, src },
                    UnaryOp::Invert => Instr::Invert { dst, src },
                });
            }
            Expr::Binary { op, left, right } => {
                if let (
                    BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Mod,
                    Expr::Int(value),
                ) = (op, self.ast.expr(right))
                {
                    if let Ok(imm) = i16::try_from(value) {
                        let a = self.left_operand(left, dst)?;
                        self.offset = span.start;
                        self.emit(match op {
                            BinaryOp::Add => Instr::AddImm { dst, a, imm },
                            BinaryOp::Sub => Instr::SubImm { dst, a, imm },
                            BinaryOp::Mul => Instr::MulImm { dst, a, imm },
                            _ => Instr::ModImm { dst, a, imm },
                        });
                        self.function.next_reg = mark;
                        return Ok(());
                    }
                }
                let a = self.left_operand(left, dst)?;
                let b = self.expr_to_any(right)?;
                self.offset = span.start;
                self.emit(binary_instr(op, dst, a, b));
            }
            Expr::Attribute { name, .. } => {
                return Err(self.unsupported("attribute access other than method calls is", name));
            }
            Expr::Dict(items) => self.dict_display(span, items, dst)?,
            Expr::Set(items) => {
                use crate::set_constants::SetFold;
                if !self.set_folds_found {
                    let stack_floor = self.stack_floor();
                    crate::set_constants::fold_set_displays(
                        self.source,
                        self.ast,
                        &mut self.buffers.set_folds,
                        stack_floor,
                    );
                    self.set_folds_found = true;
                }
                match crate::set_constants::set_fold(&self.buffers.set_folds, expr.0) {
                    Some(SetFold::Unsupported(construct)) => {
                        return Err(self.unsupported(&format!("{construct} are"), span))
                    }
                    Some(SetFold::TooDeep) => return Err(too_deep(span)),
                    Some(SetFold::Constant { first, iterated }) => {
                        let Expr::Set(first_items) = self.ast.expr(first) else {
                            return Err(self.unsupported("this set display is", span));
                        };
                        self.set_display(span, first_items, dst, Some(!iterated))?;
                    }
                    None => self.set_display(span, items, dst, None)?,
                }
            }
            Expr::GenExp { .. } => self.generator_expression(expr, span, dst)?,
            Expr::ListComp { elt, clauses }
            | Expr::SetComp { elt, clauses }
            | Expr::DictComp {
                entry: elt,
                clauses,
            } => {
                let kind = match self.ast.expr(expr) {
                    Expr::ListComp { .. } => Collection::List,
                    Expr::SetComp { .. } => Collection::Set,
                    _ => Collection::Dict,
                };
                let target = self.alloc(span)?;
                self.offset = span.start;
                self.emit(match kind {
                    Collection::List => Instr::BuildList {
                        dst: target,
                        start: target,
                        count: 0,
                    },
                    Collection::Set => Instr::BuildSet {
                        dst: target,
                        start: target,
                        count: 0,
                    },
                    Collection::Dict | Collection::Generator => Instr::BuildDict {
                        dst: target,
                        start: target,
                        count: 0,
                    },
                });
                let shadowed = self.buffers.shadow.len();
                self.comprehension_clause(kind, target, elt, clauses, 0)?;
                self.buffers.shadow.truncate(shadowed);
                self.emit(Instr::Move { dst, src: target });
            }
            Expr::Tuple(items) | Expr::List(items) => {
                let is_list = matches!(self.ast.expr(expr), Expr::List(_));
                self.display(span, items, is_list, dst)?;
            }
            Expr::Subscript { value, index } => {
                let obj = self.left_operand(value, dst)?;
                if let Expr::Slice { lower, upper, step } = self.ast.expr(index) {
                    let start = self.slice_bounds(lower, upper, step)?;
                    self.offset = span.start;
                    self.emit(Instr::GetSlice { dst, obj, start });
                } else {
                    let index = self.expr_to_any(index)?;
                    self.offset = span.start;
                    self.emit(Instr::GetItem { dst, obj, index });
                }
            }
            Expr::Lambda { signature, .. } => {
                self.check_lambda_captures(expr)?;
                let signature = self.ast.signature(signature);
                let id =
                    self.declare_function("<lambda>", signature, FunctionSource::Lambda(expr))?;
                self.function_value(id, signature, span, dst)?;
            }
            Expr::FString(parts) => {
                let arguments = self.ast.arguments(parts);
                match arguments {
                    [] => {
                        let string = self.program.push_string("");
                        let index = self.constant(Constant::Str(string), span)?;
                        self.emit(Instr::LoadConst { dst, index });
                    }
                    [only] => self.expr_into(only.value(), dst)?,
                    _ => {
                        if arguments.len() > u8::MAX as usize {
                            return Err(
                                self.unsupported("f-strings with more than 255 parts are", span)
                            );
                        }
                        let mark = self.function.next_reg;
                        let start = self.function.next_reg as Reg;
                        for part in arguments {
                            let reg = self.alloc(span)?;
                            self.expr_into(part.value(), reg)?;
                        }
                        self.offset = span.start;
                        self.emit(Instr::BuildString {
                            dst,
                            start,
                            count: arguments.len() as u8,
                        });
                        self.function.next_reg = mark;
                    }
                }
            }
            Expr::FormattedValue {
                value,
                conversion,
                spec,
            } => {
                let mark = self.function.next_reg;
                let src = self.expr_to_any(value)?;
                let spec = match spec {
                    Some(spec) => Some(self.expr_to_any(spec)?),
                    None => None,
                };
                self.offset = span.start;
                self.emit(Instr::FormatValue {
                    dst,
                    src,
                    conversion,
                    spec,
                });
                self.function.next_reg = mark;
            }
            Expr::Slice { .. } => {
                return Err(self.unsupported("slice objects outside a subscript are", span));
            }
            Expr::Logical { op, left, right } => {
                self.expr_into(left, dst)?;
                self.offset = span.start;
                let jump = match op {
                    LogicalOp::And => self.emit(Instr::JumpIfFalse {
                        cond: dst,
                        target: 0,
                    }),
                    LogicalOp::Or => self.emit(Instr::JumpIfTrue {
                        cond: dst,
                        target: 0,
                    }),
                };
                self.expr_into(right, dst)?;
                let here = self.here();
                self.patch(jump, here);
            }
            Expr::Conditional { test, body, orelse } => {
                let to_else = self.jump_if_false(test)?;
                self.expr_into(body, dst)?;
                let to_end = self.emit(Instr::Jump { target: 0 });
                let here = self.here();
                self.patch(to_else, here);
                self.expr_into(orelse, dst)?;
                let here = self.here();
                self.patch(to_end, here);
            }
            Expr::Compare { left, rest } => self.compare(span, left, rest, dst)?,
            Expr::Call { func, args } => self.call(span, func, args, dst)?,
        }
        self.function.next_reg = mark;
        Ok(())
    }

    /// The global slot for a call of the enclosing function by its own name, when loading the
    /// global after the arguments cannot be told apart from loading it first: positional
    /// arguments without calls cannot rebind or delete it (`del` is a statement), so the
    /// load may happen at the call itself.
    fn self_call_slot(
        &mut self,
        func: ExprId,
        arguments: &[Argument],
    ) -> CResult<Option<GlobalSlot>> {
        let (Expr::Name(span), Some(own)) = (self.ast.expr(func), self.function.name) else {
            return Ok(None);
        };
        if self.name_at(span) != own {
            return Ok(None);
        }
        let Place::Global(slot) = self.place(span)? else {
            return Ok(None);
        };
        let simple = arguments.iter().all(|argument| match *argument {
            Argument::Positional(value) => !self.contains_call(value),
            _ => false,
        });
        Ok(simple.then_some(slot))
    }

    fn contains_call(&mut self, expr: ExprId) -> bool {
        // The buffers' work list: a warm compilation allocates nothing.
        let work = &mut self.buffers.expr_work;
        work.clear();
        work.push(expr);
        while let Some(expr) = work.pop() {
            if matches!(self.ast.expr(expr), Expr::Call { .. }) {
                return true;
            }
            self.ast.push_children(expr, work);
        }
        false
    }

    /// Evaluates a condition and emits a jump taken when it is false; returns the jump to patch.
    /// A single comparison fuses into one compare-and-branch instruction.
    fn jump_if_false(&mut self, test: ExprId) -> CResult<usize> {
        let mark = self.function.next_reg;
        let span = self.ast.expr_span(test);
        if let Expr::Compare { left, rest } = self.ast.expr(test) {
            if let [(op, right)] = *self.ast.comparisons(rest) {
                let a = self.expr_to_any(left)?;
                let immediate = match self.ast.expr(right) {
                    Expr::Int(value) => i16::try_from(value).ok(),
                    _ => None,
                };
                let jump = match immediate.and_then(|imm| Instr::jump_unless_imm(op, a, imm, 0)) {
                    Some(instr) => {
                        self.offset = span.start;
                        self.emit(instr)
                    }
                    None => {
                        let b = self.expr_to_any(right)?;
                        self.offset = span.start;
                        self.emit(Instr::jump_unless(op, a, b, 0))
                    }
                };
                self.function.next_reg = mark;
                return Ok(jump);
            }
        }
        let cond = self.expr_to_any(test)?;
        self.function.next_reg = mark;
        Ok(self.emit(Instr::JumpIfFalse { cond, target: 0 }))
    }

    fn compare(
        &mut self,
        span: Span,
        left: ExprId,
        rest: pyrust_parser::Range,
        dst: Reg,
    ) -> CResult<()> {
        let parts = self.ast.comparisons(rest);
        let mut a = self.expr_to_any(left)?;
        let mut exits = Vec::new();
        for (i, &(op, right)) in parts.iter().enumerate() {
            let b = self.expr_to_any(right)?;
            self.offset = span.start;
            self.emit(Instr::Compare { op, dst, a, b });
            if i + 1 < parts.len() {
                exits.push(self.emit(Instr::JumpIfFalse {
                    cond: dst,
                    target: 0,
                }));
            }
            a = b;
        }
        let end = self.here();
        for at in exits {
            self.patch(at, end);
        }
        Ok(())
    }

    /// `value.name(arguments)`: the object goes in a fresh register, the arguments after it,
    /// and the result replaces the object.
    fn method_call(
        &mut self,
        span: Span,
        value: ExprId,
        name: Span,
        arguments: &[Argument],
        dst: Reg,
    ) -> CResult<()> {
        let mark = self.function.next_reg;
        // As in `call`: the object may go straight into `dst` when that is the topmost
        // temporary, so the result needs no move.
        let obj = if self.is_temporary(dst) && dst as usize + 1 == self.function.next_reg {
            dst
        } else {
            self.alloc(span)?
        };
        self.expr_into(value, obj)?;
        let mut keywords = Vec::new();
        let joined = match arguments {
            [Argument::Positional(only)]
                if name.text(self.source) == "join"
                    && matches!(self.ast.expr(*only), Expr::GenExp { .. }) =>
            {
                Some(*only)
            }
            _ => None,
        };
        let outer_consumed = std::mem::replace(&mut self.function.consumed_generator, joined);
        for argument in arguments {
            let item = match *argument {
                Argument::Positional(item) => item,
                Argument::Keyword { name, value } => {
                    keywords.push(self.name_at(name));
                    value
                }
                Argument::Starred(_) => {
                    return Err(self.unsupported("starred arguments to methods are", span));
                }
            };
            let reg = self.alloc(self.ast.expr_span(item))?;
            if let Err(error) = self.expr_into(item, reg) {
                self.function.consumed_generator = outer_consumed;
                return Err(error);
            }
        }
        self.function.consumed_generator = outer_consumed;
        self.offset = name.start;
        let name = self.name_at(name);
        let argc = arguments.len() as u8;
        if keywords.is_empty() {
            self.emit(Instr::CallMethod { obj, argc, name });
        } else {
            let list = self.keyword_list(&keywords, span)?;
            let call = self.program.method_calls.len();
            if call > u16::MAX as usize {
                return Err(
                    self.unsupported("more than 65536 method calls with keywords are", span)
                );
            }
            self.program.method_calls.push((name, list));
            self.emit(Instr::CallMethodKw {
                obj,
                argc,
                call: call as u16,
            });
        }
        if obj != dst {
            self.emit(Instr::Move { dst, src: obj });
        }
        self.function.next_reg = mark;
        Ok(())
    }

    /// Clause `index` of a list comprehension and everything inside it: a `for` loop over
    /// the clause's iterable whose variables shadow their names, its conditions, then the
    /// next clause or (innermost) appending `elt` to `list`.
    fn comprehension_clause(
        &mut self,
        kind: Collection,
        target: Reg,
        elt: ExprId,
        clauses: pyrust_parser::Range,
        index: u32,
    ) -> CResult<()> {
        if index == clauses.len {
            self.comprehension_element(kind, target, elt)?;
            return Ok(());
        }
        let clause = self.ast.comprehensions[(clauses.start + index) as usize];
        let span = self.ast.expr_span(clause.target);
        let mark = self.function.next_reg;
        let base = self.alloc(span)?;
        self.alloc(span)?;
        self.alloc(span)?;
        // The iterable is evaluated before this clause's variables are in scope. A
        // generator's outermost one was evaluated when it was made: its parameter `.0`.
        if kind == Collection::Generator && index == 0 {
            self.emit(Instr::Move { dst: base, src: 0 });
        } else {
            self.expr_into(clause.iter, base)?;
        }
        self.offset = self.ast.expr_span(clause.iter).start;
        self.emit(Instr::ForPrep { base });
        let var = self.alloc(span)?;
        let top = self.here();
        let next = self.emit(Instr::ForNext { base, var, exit: 0 });
        match self.ast.expr(clause.target) {
            Expr::Name(name) => {
                let id = self.name_at(name);
                self.buffers.shadow.push((id, var));
            }
            Expr::Tuple(_) | Expr::List(_) => self.unpack_into(clause.target, var, true)?,
            _ => return Err(self.unsupported("this comprehension target is", span)),
        }
        let mut skips = Vec::new();
        for argument in self.ast.arguments(clause.conditions) {
            let Argument::Positional(condition) = *argument else {
                continue;
            };
            let cond = self.expr_to_any(condition)?;
            self.offset = self.ast.expr_span(condition).start;
            skips.push(self.emit(Instr::JumpIfFalse { cond, target: 0 }));
        }
        self.comprehension_clause(kind, target, elt, clauses, index + 1)?;
        for at in skips {
            self.patch(at, top);
        }
        self.offset = self.ast.expr_span(clause.iter).start;
        self.emit(Instr::ForLoop {
            base,
            var,
            body: top + 1,
        });
        let end = self.here();
        self.patch(next, end);
        self.function.next_reg = mark;
        Ok(())
    }

    /// The innermost part of a comprehension: adds `elt` to the collection in `target`.
    fn comprehension_element(&mut self, kind: Collection, target: Reg, elt: ExprId) -> CResult<()> {
        let span = self.ast.expr_span(elt);
        match kind {
            Collection::Generator => {
                let value = self.expr_to_any(elt)?;
                self.offset = span.start;
                self.emit(Instr::Yield { src: value });
            }
            Collection::List | Collection::Set => {
                let value = self.expr_to_any(elt)?;
                self.offset = span.start;
                self.emit(if kind == Collection::List {
                    Instr::ListExtendRegs {
                        list: target,
                        start: value,
                        count: 1,
                    }
                } else {
                    Instr::SetAddRegs {
                        set: target,
                        start: value,
                        count: 1,
                    }
                });
            }
            Collection::Dict => {
                let Expr::Tuple(entry) = self.ast.expr(elt) else {
                    return Err(self.unsupported("this dict comprehension is", span));
                };
                let [key, value] = *self.ast.arguments(entry) else {
                    return Err(self.unsupported("this dict comprehension is", span));
                };
                // Key before value, as CPython 3.8+ evaluates them.
                let key = self.expr_to_any(key.value())?;
                let value = self.expr_to_any(value.value())?;
                self.offset = span.start;
                self.emit(Instr::SetItem {
                    obj: target,
                    index: key,
                    src: value,
                });
            }
        }
        Ok(())
    }

    /// A set display into `dst`: up to 16 items through registers, the rest in chunks of 16.
    /// `fold` is `Some(copy)` for a display CPython compiles as a frozenset constant.
    fn set_display(
        &mut self,
        span: Span,
        items: pyrust_parser::Range,
        dst: Reg,
        fold: Option<bool>,
    ) -> CResult<()> {
        const SET_CHUNK: usize = 16;
        let values: Vec<ExprId> = self
            .ast
            .arguments(items)
            .iter()
            .map(|argument| argument.value())
            .collect();
        let mark = self.function.next_reg;
        // Built in a temporary: an item may still read the variable `dst` stands for.
        let set = self.alloc(span)?;
        for (i, chunk) in values.chunks(SET_CHUNK).enumerate() {
            let start = self.items_into_new_registers(chunk)?;
            self.offset = span.start;
            let count = chunk.len() as u8;
            self.emit(if i == 0 {
                Instr::BuildSet {
                    dst: set,
                    start,
                    count,
                }
            } else {
                Instr::SetAddRegs { set, start, count }
            });
            self.function.next_reg = set as usize + 1;
        }
        if let Some(copy) = fold {
            self.emit(Instr::FoldSetConstant {
                dst: set,
                src: set,
                copy,
            });
        }
        self.emit(Instr::Move { dst, src: set });
        self.function.next_reg = mark;
        Ok(())
    }

    /// A dict display into `dst`: up to 16 pairs through registers, the rest one by one.
    fn dict_display(&mut self, span: Span, items: pyrust_parser::Range, dst: Reg) -> CResult<()> {
        const DICT_CHUNK: usize = 16;
        let values: Vec<ExprId> = self
            .ast
            .arguments(items)
            .iter()
            .map(|argument| argument.value())
            .collect();
        let mark = self.function.next_reg;
        // Built in a temporary: a key or value may still read the variable `dst` stands for.
        let dict = self.alloc(span)?;
        let (first, rest) = values.split_at(values.len().min(DICT_CHUNK * 2));
        let start = self.function.next_reg as Reg;
        for &item in first {
            let reg = self.alloc(self.ast.expr_span(item))?;
            self.expr_into(item, reg)?;
        }
        self.offset = span.start;
        self.emit(Instr::BuildDict {
            dst: dict,
            start,
            count: (first.len() / 2) as u8,
        });
        self.function.next_reg = dict as usize + 1;
        for pair in rest.chunks(2) {
            let pair_mark = self.function.next_reg;
            let key = self.expr_to_any(pair[0])?;
            let value = self.expr_to_any(pair[1])?;
            self.offset = self.ast.expr_span(pair[0]).start;
            self.emit(Instr::SetItem {
                obj: dict,
                index: key,
                src: value,
            });
            self.function.next_reg = pair_mark;
        }
        self.emit(Instr::Move { dst, src: dict });
        self.function.next_reg = mark;
        Ok(())
    }

    /// A tuple or list display into `dst`. Items are evaluated into consecutive temporaries,
    /// at most `DISPLAY_CHUNK` at a time; a longer display grows a list chunk by chunk.
    /// A list or tuple display with `*iterable` items: built as a list item by item.
    fn starred_display(
        &mut self,
        span: Span,
        items: pyrust_parser::Range,
        is_list: bool,
        dst: Reg,
    ) -> CResult<()> {
        let mark = self.function.next_reg;
        let list = self.alloc(span)?;
        self.offset = span.start;
        self.emit(Instr::BuildList {
            dst: list,
            start: list,
            count: 0,
        });
        for &item in self.ast.arguments(items) {
            let value = self.expr_to_any(item.value())?;
            self.offset = self.ast.expr_span(item.value()).start;
            self.emit(match item {
                Argument::Starred(_) => Instr::ListExtend {
                    list,
                    src: value,
                    call: None,
                },
                _ => Instr::ListExtendRegs {
                    list,
                    start: value,
                    count: 1,
                },
            });
            self.function.next_reg = list as usize + 1;
        }
        self.offset = span.start;
        self.emit(if is_list {
            Instr::Move { dst, src: list }
        } else {
            Instr::ListToTuple { dst, src: list }
        });
        self.function.next_reg = mark;
        Ok(())
    }

    fn display(
        &mut self,
        span: Span,
        items: pyrust_parser::Range,
        is_list: bool,
        dst: Reg,
    ) -> CResult<()> {
        const DISPLAY_CHUNK: usize = 32;
        if self
            .ast
            .arguments(items)
            .iter()
            .any(|a| matches!(a, Argument::Starred(_)))
        {
            return self.starred_display(span, items, is_list, dst);
        }
        let items: Vec<ExprId> = self
            .ast
            .arguments(items)
            .iter()
            .map(|argument| argument.value())
            .collect();
        let mark = self.function.next_reg;
        if items.len() <= DISPLAY_CHUNK {
            let start = self.function.next_reg as Reg;
            for &item in &items {
                let reg = self.alloc(self.ast.expr_span(item))?;
                self.expr_into(item, reg)?;
            }
            self.offset = span.start;
            let count = items.len() as u8;
            self.emit(if is_list {
                Instr::BuildList { dst, start, count }
            } else {
                Instr::BuildTuple { dst, start, count }
            });
            self.function.next_reg = mark;
            return Ok(());
        }
        // Built in a temporary: an item may still read the variable `dst` stands for.
        let list = self.alloc(span)?;
        for (n, chunk) in items.chunks(DISPLAY_CHUNK).enumerate() {
            let chunk_mark = self.function.next_reg;
            let start = self.items_into_new_registers(chunk)?;
            self.offset = span.start;
            let count = chunk.len() as u8;
            self.emit(if n == 0 {
                Instr::BuildList {
                    dst: list,
                    start,
                    count,
                }
            } else {
                Instr::ListExtendRegs { list, start, count }
            });
            self.function.next_reg = chunk_mark;
        }
        self.emit(if is_list {
            Instr::Move { dst, src: list }
        } else {
            Instr::ListToTuple { dst, src: list }
        });
        self.function.next_reg = mark;
        Ok(())
    }

    fn call(
        &mut self,
        span: Span,
        func: ExprId,
        args: pyrust_parser::Range,
        dst: Reg,
    ) -> CResult<()> {
        let arguments = self.ast.arguments(args);
        if let Expr::Attribute { value, name } = self.ast.expr(func) {
            return self.method_call(span, value, name, arguments, dst);
        }
        // The callee register may be `dst` itself when `dst` is the topmost temporary (never
        // a variable: the arguments may read it).
        let callee = if self.is_temporary(dst) && dst as usize + 1 == self.function.next_reg {
            dst
        } else {
            self.alloc(span)?
        };
        let self_call = self.self_call_slot(func, arguments)?;
        // A function in an always-bound local is read by the call itself: nothing in the
        // arguments can rebind a local (no `:=`, no closures), so reading it after them is
        // the same as CPython's reading it first.
        let positional_only = arguments
            .iter()
            .all(|argument| matches!(argument, Argument::Positional(_)));
        let mut value_reg = callee;
        // The callee is compiled by the full walk: `expr_into`'s inline paths for number
        // literals and folds never pay for a callee, and two more inlined copies of them
        // (beside the arguments' one) made this function's frame dearer for every call.
        if self_call.is_none() {
            match (self.ast.expr(func), positional_only) {
                (Expr::Name(name), true) => match self.place(name)? {
                    Place::Local {
                        reg,
                        checked: false,
                        ..
                    } => value_reg = reg,
                    _ => self.expr_node_into(func, callee)?,
                },
                _ => self.expr_node_into(func, callee)?,
            }
        }
        let consumed = match (self.ast.expr(func), arguments.first()) {
            (Expr::Name(name), Some(&Argument::Positional(first)))
                if GENERATOR_CONSUMERS.contains(&name.text(self.source))
                    && matches!(self.ast.expr(first), Expr::GenExp { .. })
                    && matches!(self.place(name)?, Place::Global(_)) =>
            {
                Some(first)
            }
            _ => None,
        };
        let outer_consumed = std::mem::replace(&mut self.function.consumed_generator, consumed);
        let site = CallTarget {
            func: callee,
            value: value_reg,
            dst,
        };
        let compiled = self.call_arguments(arguments, site, span, self_call);
        self.function.consumed_generator = outer_consumed;
        if !compiled? {
            self.emit(Instr::Move { dst, src: callee });
        }
        Ok(())
    }

    /// The arguments of a call and the call instruction itself. True when the result went
    /// to `site.dst`, false when it is in `site.func`.
    fn call_arguments(
        &mut self,
        arguments: &[Argument],
        site: CallTarget,
        span: Span,
        self_call: Option<GlobalSlot>,
    ) -> CResult<bool> {
        let callee = site.func;
        if arguments
            .iter()
            .any(|argument| matches!(argument, Argument::Starred(_)))
        {
            self.call_with_star(arguments, callee, span, self_call)?;
            return Ok(callee == site.dst);
        }
        let mut keywords = Vec::new();
        for argument in arguments {
            let value = match *argument {
                Argument::Positional(value) => value,
                Argument::Starred(value) => {
                    return Err(
                        self.unsupported("*arguments in calls are", self.ast.expr_span(value))
                    )
                }
                Argument::Keyword { name, value } => {
                    keywords.push(self.name_at(name));
                    value
                }
            };
            let reg = self.alloc(self.ast.expr_span(value))?;
            self.expr_into(value, reg)?;
        }
        self.offset = span.start;
        let argc = arguments.len() as u8;
        if let Some(slot) = self_call {
            self.emit(Instr::CallGlobal {
                func: callee,
                argc,
                slot,
                dst: site.dst,
            });
        } else if keywords.is_empty() {
            self.emit(Instr::Call {
                func: callee,
                argc,
                callee: site.value,
                dst: site.dst,
            });
        } else {
            let names = self.keyword_list(&keywords, span)?;
            self.emit(Instr::CallKw {
                func: callee,
                argc,
                names,
            });
            return Ok(callee == site.dst);
        }
        Ok(true)
    }

    /// `f(a, *xs, b)`: the positional arguments gathered into a list, then [`Instr::CallStar`].
    fn call_with_star(
        &mut self,
        arguments: &[Argument],
        callee: Reg,
        span: Span,
        self_call: Option<GlobalSlot>,
    ) -> CResult<()> {
        if let Some(slot) = self_call {
            self.offset = span.start;
            self.emit(Instr::LoadGlobal { dst: callee, slot });
        }
        let mark = self.function.next_reg;
        let list = self.alloc(span)?;
        self.offset = span.start;
        self.emit(Instr::BuildList {
            dst: list,
            start: list,
            count: 0,
        });
        for &argument in arguments {
            if let Argument::Keyword { .. } = argument {
                continue;
            }
            let value = self.expr_to_any(argument.value())?;
            self.offset = self.ast.expr_span(argument.value()).start;
            self.emit(match argument {
                Argument::Starred(_) => Instr::ListExtend {
                    list,
                    src: value,
                    call: Some(callee),
                },
                _ => Instr::ListExtendRegs {
                    list,
                    start: value,
                    count: 1,
                },
            });
            self.function.next_reg = list as usize + 1;
        }
        // Keyword values follow the list (CPython evaluates them after the positional ones).
        let mut keywords = Vec::new();
        for &argument in arguments {
            if let Argument::Keyword { name, value } = argument {
                keywords.push(self.name_at(name));
                let reg = self.alloc(self.ast.expr_span(value))?;
                self.expr_into(value, reg)?;
            }
        }
        let names = if keywords.is_empty() {
            u16::MAX
        } else {
            let names = self.keyword_list(&keywords, span)?;
            if names == u16::MAX {
                return Err(self.unsupported("more than 65535 calls with keywords are", span));
            }
            names
        };
        self.offset = span.start;
        self.emit(Instr::CallStar {
            func: callee,
            list,
            names,
        });
        self.function.next_reg = mark;
        Ok(())
    }

    /// Records the keyword names of a call site; returns its [`KeywordList`] index.
    fn keyword_list(&mut self, keywords: &[NameId], span: Span) -> CResult<u16> {
        let list = self.program.keyword_lists.len();
        if list > u16::MAX as usize {
            return Err(self.unsupported("more than 65536 calls with keywords are", span));
        }
        let start = self.program.keyword_names.len() as u32;
        self.program.keyword_names.extend(keywords.iter().copied());
        self.program.keyword_lists.push(KeywordList {
            start,
            len: keywords.len() as u32,
        });
        Ok(list as u16)
    }
}

#[cold]
fn too_many_registers(span: Span) -> Box<CompileError> {
    Box::new(CompileError {
        kind: CompileErrorKind::Unsupported,
        message: "expressions needing more than 256 registers in one function are not supported by PyRust yet".into(),
        span,
    })
}

fn binary_instr(op: BinaryOp, dst: Reg, a: Reg, b: Reg) -> Instr {
    match op {
        BinaryOp::Add => Instr::Add { dst, a, b },
        BinaryOp::Sub => Instr::Sub { dst, a, b },
        BinaryOp::Mul => Instr::Mul { dst, a, b },
        BinaryOp::TrueDiv => Instr::TrueDiv { dst, a, b },
        BinaryOp::FloorDiv => Instr::FloorDiv { dst, a, b },
        BinaryOp::Mod => Instr::Mod { dst, a, b },
        BinaryOp::Pow => Instr::Pow { dst, a, b },
        _ => Instr::BinaryOther { op, dst, a, b },
    }
}
