//! Scope analysis of one function body: which names are local (Python decides this at
//! compile time: assigned anywhere in the body and not declared `global`), their registers,
//! and which locals may be read before they are assigned (definite-assignment analysis), so
//! only those reads are checked at run time.

use std::collections::HashMap;

use crate::interner::{Interner, NameId};
use crate::{CompileError, CompileErrorKind};
use pyrust_parser::{Ast, Block, Expr, ExprId, Span, Stmt};

/// The outcome of analysing one function.
pub(crate) struct FunctionScope {
    /// Register of each local; parameters come first, in order.
    pub locals: HashMap<NameId, u8>,
    /// Number of local registers (parameters included).
    pub local_count: usize,
    /// Registers of locals whose reads need a validity check.
    pub checked: [u64; 4],
}

/// A set of local registers as a 256-bit bitmap.
#[derive(Clone, Copy, PartialEq, Eq)]
struct RegSet([u64; 4]);

impl RegSet {
    fn insert(&mut self, reg: u8) {
        self.0[(reg >> 6) as usize] |= 1 << (reg & 63);
    }
    fn contains(&self, reg: u8) -> bool {
        self.0[(reg >> 6) as usize] & (1 << (reg & 63)) != 0
    }
    fn intersect(self, other: RegSet) -> RegSet {
        RegSet(std::array::from_fn(|i| self.0[i] & other.0[i]))
    }
}

pub(crate) fn analyze_function(
    source: &str,
    ast: &Ast,
    interner: &mut Interner,
    def_start: u32,
    params: &[Span],
    body: Block,
) -> Result<FunctionScope, CompileError> {
    let mut analysis = Analysis {
        source,
        def_start,
        ast,
        interner,
        locals: HashMap::new(),
        order: Vec::new(),
        globals: Vec::new(),
        checked: RegSet([0; 4]),
    };
    for &param in params {
        let id = analysis.interner.intern(param.text(source));
        analysis.add_local(id, param)?;
    }
    analysis.collect_globals(body)?;
    analysis.collect_assigned(body)?;
    let mut assigned = RegSet([0; 4]);
    for reg in 0..params.len() {
        assigned.insert(reg as u8);
    }
    analysis.flow_block(body, assigned);
    Ok(FunctionScope {
        local_count: analysis.order.len(),
        locals: analysis.locals,
        checked: analysis.checked.0,
    })
}

struct Analysis<'a> {
    source: &'a str,
    /// Where the `def` starts: uses of a name before this are outside the function.
    def_start: u32,
    ast: &'a Ast,
    interner: &'a mut Interner,
    locals: HashMap<NameId, u8>,
    order: Vec<NameId>,
    globals: Vec<NameId>,
    checked: RegSet,
}

impl Analysis<'_> {
    fn name(&mut self, span: Span) -> NameId {
        self.interner.intern(span.text(self.source))
    }

    fn add_local(&mut self, id: NameId, span: Span) -> Result<(), CompileError> {
        if self.locals.contains_key(&id) || self.globals.contains(&id) {
            return Ok(());
        }
        if self.order.len() >= 256 {
            return Err(CompileError {
                kind: CompileErrorKind::Unsupported,
                message:
                    "functions with more than 256 local variables are not supported by PyRust yet"
                        .into(),
                span,
            });
        }
        self.locals.insert(id, self.order.len() as u8);
        self.order.push(id);
        Ok(())
    }

    /// Finds `global` declarations; a name used before its declaration is a SyntaxError.
    fn collect_globals(&mut self, block: Block) -> Result<(), CompileError> {
        for &stmt in self.ast.block(block) {
            match self.ast.stmt(stmt) {
                Stmt::Global(names) => {
                    for &span in self.ast.names(names) {
                        let id = self.name(span);
                        let text = span.text(self.source);
                        if self.locals.contains_key(&id) {
                            return Err(syntax(
                                format!("name '{text}' is parameter and global"),
                                span,
                            ));
                        }
                        if let Some(earlier) = self.first_use_before(text, span.start) {
                            return Err(syntax(
                                format!("name '{text}' is used prior to global declaration"),
                                earlier,
                            ));
                        }
                        if !self.globals.contains(&id) {
                            self.globals.push(id);
                        }
                    }
                }
                Stmt::If { body, orelse, .. }
                | Stmt::While { body, orelse, .. }
                | Stmt::For { body, orelse, .. } => {
                    self.collect_globals(body)?;
                    self.collect_globals(orelse)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The first span naming `text` as a variable that starts before `offset`, if any.
    fn first_use_before(&self, text: &str, offset: u32) -> Option<Span> {
        let named = |span: &Span| {
            (self.def_start..offset).contains(&span.start) && span.text(self.source) == text
        };
        let in_exprs = self
            .ast
            .exprs
            .iter()
            .filter_map(|e| match e {
                Expr::Name(span) => Some(*span),
                _ => None,
            })
            .find(named);
        let in_targets = self.ast.stmts.iter().find_map(|s| match *s {
            Stmt::AugAssign { target, .. } | Stmt::For { target, .. } => Some(target).filter(named),
            Stmt::Assign { targets, .. } => self.ast.names(targets).iter().copied().find(named),
            _ => None,
        });
        in_exprs
            .into_iter()
            .chain(in_targets)
            .min_by_key(|s| s.start)
    }

    fn collect_assigned(&mut self, block: Block) -> Result<(), CompileError> {
        for &stmt in self.ast.block(block) {
            match self.ast.stmt(stmt) {
                Stmt::Assign { targets, .. } => {
                    for &span in self.ast.names(targets) {
                        let id = self.name(span);
                        self.add_local(id, span)?;
                    }
                }
                Stmt::AugAssign { target, .. } => {
                    let id = self.name(target);
                    self.add_local(id, target)?;
                }
                Stmt::For {
                    target,
                    body,
                    orelse,
                    ..
                } => {
                    let id = self.name(target);
                    self.add_local(id, target)?;
                    self.collect_assigned(body)?;
                    self.collect_assigned(orelse)?;
                }
                Stmt::If { body, orelse, .. } | Stmt::While { body, orelse, .. } => {
                    self.collect_assigned(body)?;
                    self.collect_assigned(orelse)?;
                }
                Stmt::Def { .. } => {
                    return Err(CompileError {
                        kind: CompileErrorKind::Unsupported,
                        message: "nested functions are not supported by PyRust yet".into(),
                        span: self.ast.stmt_span(stmt),
                    });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Walks a block with the set of definitely assigned locals; returns the set after it,
    /// or `None` when the block never completes normally (return, break, continue).
    fn flow_block(&mut self, block: Block, mut assigned: RegSet) -> Option<RegSet> {
        for &stmt in self.ast.block(block) {
            assigned = self.flow_stmt(self.ast.stmt(stmt), assigned)?;
        }
        Some(assigned)
    }

    fn flow_stmt(&mut self, stmt: Stmt, mut assigned: RegSet) -> Option<RegSet> {
        match stmt {
            Stmt::Expr(e) => self.reads(e, assigned),
            Stmt::Assign { targets, value } => {
                self.reads(value, assigned);
                for &span in self.ast.names(targets) {
                    self.assign(span, &mut assigned);
                }
            }
            Stmt::AugAssign { target, value, .. } => {
                self.read_name(target, assigned);
                self.reads(value, assigned);
                self.assign(target, &mut assigned);
            }
            Stmt::If { test, body, orelse } => {
                self.reads(test, assigned);
                let after_body = self.flow_block(body, assigned);
                let after_else = self.flow_block(orelse, assigned);
                return match (after_body, after_else) {
                    (Some(a), Some(b)) => Some(a.intersect(b)),
                    (Some(a), None) | (None, Some(a)) => Some(a),
                    (None, None) => None,
                };
            }
            Stmt::While { test, body, orelse } => {
                // The body may run zero times; what it assigns is not definite afterwards.
                self.reads(test, assigned);
                self.flow_block(body, assigned);
                self.flow_block(orelse, assigned);
            }
            Stmt::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.reads(iter, assigned);
                let mut in_body = assigned;
                self.assign(target, &mut in_body);
                self.flow_block(body, in_body);
                self.flow_block(orelse, assigned);
            }
            Stmt::Return(value) => {
                if let Some(value) = value {
                    self.reads(value, assigned);
                }
                return None;
            }
            Stmt::Break | Stmt::Continue => return None,
            Stmt::Def { .. } | Stmt::Global(_) | Stmt::Pass => {}
        }
        Some(assigned)
    }

    fn assign(&mut self, span: Span, assigned: &mut RegSet) {
        let id = self.name(span);
        if let Some(&reg) = self.locals.get(&id) {
            assigned.insert(reg);
        }
    }

    fn read_name(&mut self, span: Span, assigned: RegSet) {
        let id = self.name(span);
        if let Some(&reg) = self.locals.get(&id) {
            if !assigned.contains(reg) {
                self.checked.insert(reg);
            }
        }
    }

    /// Records reads in an expression; expressions assign nothing in PyRust's subset.
    fn reads(&mut self, expr: ExprId, assigned: RegSet) {
        let mut work = vec![expr];
        while let Some(expr) = work.pop() {
            match self.ast.expr(expr) {
                Expr::Name(span) => self.read_name(span, assigned),
                Expr::Unary { operand, .. } => work.push(operand),
                Expr::Binary { left, right, .. } | Expr::Logical { left, right, .. } => {
                    work.push(left);
                    work.push(right);
                }
                Expr::Compare { left, rest } => {
                    work.push(left);
                    work.extend(self.ast.comparisons(rest).iter().map(|&(_, e)| e));
                }
                Expr::Conditional { test, body, orelse } => work.extend([test, body, orelse]),
                Expr::Call { func, args } => {
                    work.push(func);
                    for argument in self.ast.arguments(args) {
                        work.push(match *argument {
                            pyrust_parser::Argument::Positional(e)
                            | pyrust_parser::Argument::Starred(e) => e,
                            pyrust_parser::Argument::Keyword { value, .. } => value,
                        });
                    }
                }
                Expr::Int(_)
                | Expr::Float(_)
                | Expr::Str(_)
                | Expr::True
                | Expr::False
                | Expr::None => {}
            }
        }
    }
}

fn syntax(message: String, span: Span) -> CompileError {
    CompileError {
        kind: CompileErrorKind::Syntax,
        message,
        span,
    }
}
