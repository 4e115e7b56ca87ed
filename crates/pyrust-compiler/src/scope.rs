//! Scope analysis of one function body: which names are local (Python decides this at
//! compile time: assigned anywhere in the body and not declared `global`), their registers,
//! and which locals may be read before they are assigned (definite-assignment analysis), so
//! only those reads are checked at run time.

use crate::interner::{Interner, NameId, SpanNames};
use crate::{CompileError, CompileErrorKind};
use pyrust_parser::{Ast, Block, Expr, ExprId, Span, Stmt};

/// The outcome of analysing one function. One value is reused for every function of a
/// compilation (and across compilations), so analysis does not allocate once it has grown.
#[derive(Debug, Default)]
pub(crate) struct FunctionScope {
    /// Register + 1 of each local, indexed by `NameId`; 0 for names that are not local.
    register_of: Vec<u16>,
    /// The locals in register order; parameters come first.
    order: Vec<NameId>,
    /// Names declared `global` in the body.
    globals: Vec<NameId>,
    /// Registers of locals whose reads need a validity check.
    pub checked: [u64; 4],
    /// Work stack for walking expressions.
    work: Vec<ExprId>,
    /// Module analysis: names (by `NameId`) that appear inside a function body.
    excluded: Vec<bool>,
    /// Module analysis: source ranges of the `def` statements.
    def_ranges: Vec<(u32, u32)>,
    stmt_work: Vec<pyrust_parser::StmtId>,
    /// Straight-line module analysis: how many locals the statements before each one
    /// assigned.
    locals_before: Vec<u16>,
    /// Whether the analysis is an earlier program's: a module compiled without one leaves
    /// the last in place, whose name ids mean other names. Debug builds check it in
    /// [`FunctionScope::local`].
    #[cfg(debug_assertions)]
    stale: bool,
}

impl FunctionScope {
    /// The register of local `name`, if it is local.
    pub fn local(&self, name: NameId) -> Option<u8> {
        #[cfg(debug_assertions)]
        debug_assert!(!self.stale, "reads the scope of another program");
        match self.register_of.get(name.0 as usize) {
            Some(&slot) if slot > 0 => Some((slot - 1) as u8),
            _ => None,
        }
    }

    /// Whether reads of the local in `reg` need a validity check.
    #[inline]
    pub fn is_checked(&self, reg: u8) -> bool {
        self.checked[(reg >> 6) as usize] & (1 << (reg & 63)) != 0
    }

    /// Number of local registers (parameters included).
    pub fn local_count(&self) -> usize {
        self.order.len()
    }

    /// Makes `params` the only locals, in register order, none of them checked (a
    /// generator expression's hidden function).
    pub fn set_params(&mut self, params: &[NameId]) {
        self.reset();
        for &id in params {
            let index = id.0 as usize;
            if self.register_of.len() <= index {
                self.register_of.resize(index + 1, 0);
            }
            if self.register_of[index] == 0 {
                self.order.push(id);
                self.register_of[index] = self.order.len() as u16;
            }
        }
    }

    /// Marks the analysis as an earlier program's (see `stale`); free in release builds.
    #[inline(always)]
    pub fn mark_stale(&mut self) {
        #[cfg(debug_assertions)]
        {
            self.stale = true;
        }
    }

    fn reset(&mut self) {
        #[cfg(debug_assertions)]
        {
            self.stale = false;
        }
        for &id in &self.order {
            self.register_of[id.0 as usize] = 0;
        }
        self.order.clear();
        self.globals.clear();
        self.checked = [0; 4];
        self.work.clear();
    }
}

/// The name tables analysis interns into: the program's interner and the ids already found
/// for identifier occurrences of the source.
pub(crate) struct Names<'a> {
    pub(crate) interner: &'a mut Interner,
    pub(crate) spans: &'a mut SpanNames,
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
    names: Names<'_>,
    def_start: u32,
    params: &[Span],
    body: Block,
    scope: &mut FunctionScope,
) -> Result<(), CompileError> {
    scope.reset();
    let mut analysis = Analysis {
        source,
        def_start,
        ast,
        interner: names.interner,
        span_names: names.spans,
        scope,
        checked: RegSet([0; 4]),
        module: false,
    };
    for &param in params {
        let id = analysis.name(param);
        analysis.add_local(id, param)?;
    }
    analysis.collect_globals(body)?;
    analysis.collect_assigned(body)?;
    let mut assigned = RegSet([0; 4]);
    for reg in 0..params.len() {
        assigned.insert(reg as u8);
    }
    analysis.flow_block(body, &mut assigned);
    analysis.scope.checked = analysis.checked.0;
    Ok(())
}

/// Most module-level names kept in registers; the rest (and any name a function refers to)
/// stay global slots. Leaves registers for temporaries.
const MAX_MODULE_REGISTERS: usize = 128;

/// Analyses the module body: which module-level names can live in registers (assigned at
/// module level, never named inside a function body, not a builtin's name, so nothing but
/// module code can see them) and which reads of them need a check (a NameError when unset).
/// (The caller skips a module of expression statements only: it binds no names.)
pub(crate) fn analyze_module(
    source: &str,
    ast: &Ast,
    names: Names<'_>,
    body: Block,
    scope: &mut FunctionScope,
) -> Result<(), CompileError> {
    scope.reset();
    // Every name that appears inside a function body (by source range) must stay global.
    // (The scope's buffers are borrowed in place: taking them out and putting them back
    // cost more than the rest of this set-up for a small module.)
    let FunctionScope {
        def_ranges,
        stmt_work,
        excluded: function_names,
        ..
    } = &mut *scope;
    def_ranges.clear();
    stmt_work.clear();
    // The module's own statements are walked in place; only nested blocks go through the
    // work stack (a straight-line module has none).
    let mut statements = ast.block(body).iter();
    loop {
        let stmt = match statements.next() {
            Some(&stmt) => stmt,
            None => match stmt_work.pop() {
                Some(stmt) => stmt,
                None => break,
            },
        };
        match ast.stmt(stmt) {
            Stmt::Def { .. } => {
                let span = ast.stmt_span(stmt);
                def_ranges.push((span.start, span.end));
            }
            Stmt::If { body, orelse, .. }
            | Stmt::While { body, orelse, .. }
            | Stmt::For { body, orelse, .. } => {
                stmt_work.extend(ast.block(body));
                stmt_work.extend(ast.block(orelse));
            }
            _ => {}
        }
    }
    // Lambda and generator bodies are function bodies too (module names they read stay
    // globals, read when they run, as in CPython).
    for node in &ast.exprs {
        if let Expr::Lambda { .. } | Expr::GenExp { .. } = node.expr {
            def_ranges.push((node.span.start, node.span.end));
        }
    }
    def_ranges.sort_unstable();
    // Lambdas and generators nest inside defs: merge into disjoint ranges, so the nearest
    // range starting before a name decides whether the name is inside one.
    let mut merged = 0;
    for i in 0..def_ranges.len() {
        let (start, end) = def_ranges[i];
        if merged > 0 && start < def_ranges[merged - 1].1 {
            def_ranges[merged - 1].1 = def_ranges[merged - 1].1.max(end);
        } else {
            def_ranges[merged] = (start, end);
            merged += 1;
        }
    }
    def_ranges.truncate(merged);
    // The names below come mostly in source order, so the range a name falls in is found
    // by stepping on from the previous one rather than by a binary search per name.
    let mut hint = 0;
    let mut in_function = |span: Span| in_ranges(def_ranges, span.start, &mut hint);
    function_names.clear();
    if !def_ranges.is_empty() {
        let spans = ast
            .exprs
            .iter()
            .filter_map(|node| match node.expr {
                Expr::Name(span) => Some(span),
                _ => None,
            })
            .chain(ast.names.iter().copied());
        for span in spans.filter(|&span| in_function(span)) {
            let id = names.spans.intern(names.interner, source, span).0 as usize;
            if function_names.len() <= id {
                function_names.resize(id + 1, false);
            }
            function_names[id] = true;
        }
    }
    let mut analysis = Analysis {
        source,
        def_start: 0,
        ast,
        interner: names.interner,
        span_names: names.spans,
        scope,
        checked: RegSet([0; 4]),
        module: true,
    };
    if ast
        .block(body)
        .iter()
        .all(|&stmt| is_straight_line(ast.stmt(stmt)))
    {
        analysis.analyze_straight_line(body)?;
    } else {
        analysis.collect_assigned(body)?;
        // With no module-level registers there is nothing for the flow analysis to decide.
        if !analysis.scope.order.is_empty() {
            analysis.flow_block(body, &mut RegSet([0; 4]));
        }
    }
    analysis.scope.checked = analysis.checked.0;
    Ok(())
}

/// Whether a module statement is one [`Analysis::analyze_straight_line`] handles: it
/// neither branches nor contains statements, and binds nothing but plain names.
fn is_straight_line(stmt: Stmt) -> bool {
    matches!(
        stmt,
        Stmt::Expr(_)
            | Stmt::Assign { .. }
            | Stmt::AugAssign { .. }
            | Stmt::SetItem { .. }
            | Stmt::AugSetItem { .. }
            | Stmt::Pass
    )
}

/// Whether `offset` lies in one of `ranges` (sorted, disjoint, half-open). `hint` is the
/// number of ranges starting at or before the previous offset asked about; queries in
/// increasing order step it forward, others fall back to a binary search.
fn in_ranges(ranges: &[(u32, u32)], offset: u32, hint: &mut usize) -> bool {
    /// Steps taken before a binary search of the rest is cheaper.
    const MAX_STEPS: usize = 8;
    let mut index = (*hint).min(ranges.len());
    if index > 0 && ranges[index - 1].0 > offset {
        index = ranges.partition_point(|&(start, _)| start <= offset);
    } else {
        let mut steps = 0;
        while index < ranges.len() && ranges[index].0 <= offset {
            index += 1;
            steps += 1;
            if steps == MAX_STEPS {
                index += ranges[index..].partition_point(|&(start, _)| start <= offset);
                break;
            }
        }
    }
    *hint = index;
    index > 0 && offset < ranges[index - 1].1
}

/// The first span naming `text` as a variable (read or assigned) that starts within `range`:
/// a `global` declaration must come before every use of the name in its scope.
pub(crate) fn first_use_in(
    ast: &Ast,
    source: &str,
    text: &str,
    range: std::ops::Range<u32>,
) -> Option<Span> {
    let named = |span: &Span| range.contains(&span.start) && span.text(source) == text;
    let in_exprs = ast
        .exprs
        .iter()
        .filter_map(|node| match node.expr {
            Expr::Name(span) => Some(span),
            _ => None,
        })
        .find(named);
    let in_targets = ast.stmts.iter().find_map(|node| match node.stmt {
        Stmt::AugAssign { target, .. } | Stmt::For { target, .. } => Some(target).filter(named),
        Stmt::Assign { targets, .. } => ast.names(targets).iter().copied().find(named),
        _ => None,
    });
    in_exprs
        .into_iter()
        .chain(in_targets)
        .min_by_key(|s| s.start)
}

struct Analysis<'a> {
    source: &'a str,
    /// Where the `def` starts: uses of a name before this are outside the function.
    def_start: u32,
    ast: &'a Ast,
    interner: &'a mut Interner,
    span_names: &'a mut SpanNames,
    scope: &'a mut FunctionScope,
    checked: RegSet,
    /// Analysing the module body rather than a function.
    module: bool,
}

impl Analysis<'_> {
    fn name(&mut self, span: Span) -> NameId {
        self.span_names.intern(self.interner, self.source, span)
    }

    fn add_local(&mut self, id: NameId, span: Span) -> Result<(), CompileError> {
        if self.scope.local(id).is_some() || self.scope.globals.contains(&id) {
            return Ok(());
        }
        if self.module {
            let excluded = self
                .scope
                .excluded
                .get(id.0 as usize)
                .copied()
                .unwrap_or(false);
            let builtin = crate::bytecode::is_python_builtin(self.interner.resolve(id));
            if excluded || builtin || self.scope.order.len() >= MAX_MODULE_REGISTERS {
                return Ok(());
            }
        }
        if self.scope.order.len() >= 256 {
            return Err(CompileError {
                kind: CompileErrorKind::Unsupported,
                message:
                    "functions with more than 256 local variables are not supported by PyRust yet"
                        .into(),
                span,
            });
        }
        let index = id.0 as usize;
        if self.scope.register_of.len() <= index {
            self.scope.register_of.resize(index + 1, 0);
        }
        self.scope.register_of[index] = self.scope.order.len() as u16 + 1;
        self.scope.order.push(id);
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
                        if self.scope.local(id).is_some() {
                            return Err(syntax(
                                format!("name '{text}' is parameter and global"),
                                span,
                            ));
                        }
                        if let Some(earlier) =
                            first_use_in(self.ast, self.source, text, self.def_start..span.start)
                        {
                            return Err(syntax(
                                format!("name '{text}' is used prior to global declaration"),
                                earlier,
                            ));
                        }
                        if !self.scope.globals.contains(&id) {
                            self.scope.globals.push(id);
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

    fn collect_assigned(&mut self, block: Block) -> Result<(), CompileError> {
        for &stmt in self.ast.block(block) {
            match self.ast.stmt(stmt) {
                Stmt::Assign { targets, .. } => {
                    for &span in self.ast.names(targets) {
                        let id = self.name(span);
                        self.add_local(id, span)?;
                    }
                }
                Stmt::UnpackTo { target, .. } => {
                    for span in target_names(self.ast, target) {
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
                Stmt::Del(targets) => {
                    // `del x` makes `x` local, and its reads are always checked: the flow
                    // analysis below assumes that nothing unassigns a local.
                    for &target in self.ast.arguments(targets) {
                        if let Expr::Name(span) = self.ast.expr(target.value()) {
                            let id = self.name(span);
                            self.add_local(id, span)?;
                            if let Some(reg) = self.scope.local(id) {
                                self.checked.insert(reg);
                            }
                        }
                    }
                }
                Stmt::If { body, orelse, .. } | Stmt::While { body, orelse, .. } => {
                    self.collect_assigned(body)?;
                    self.collect_assigned(orelse)?;
                }
                Stmt::Def { name, .. } if self.module => {
                    let id = self.name(name);
                    self.add_local(id, name)?;
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

    /// [`Analysis::collect_assigned`] then [`Analysis::flow_block`] for a module body of
    /// [`is_straight_line`] statements, with the same results and the same interning order
    /// (every target first, then the reads in flow order), but without the flow pass's
    /// look-up of each target: registers are given out in order of first assignment, so the
    /// locals definitely assigned before a statement are the registers below the number of
    /// locals the statements before it assigned.
    fn analyze_straight_line(&mut self, block: Block) -> Result<(), CompileError> {
        let statements = self.ast.block(block);
        let mut locals_before = std::mem::take(&mut self.scope.locals_before);
        locals_before.clear();
        for &stmt in statements {
            locals_before.push(self.scope.order.len() as u16);
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
                _ => {}
            }
        }
        // With no module-level registers there is nothing for the flow analysis to decide.
        if !self.scope.order.is_empty() {
            let mut assigned = RegSet([0; 4]);
            let mut defined = 0;
            for (&stmt, &before) in statements.iter().zip(&locals_before) {
                while defined < before {
                    assigned.insert(defined as u8);
                    defined += 1;
                }
                match self.ast.stmt(stmt) {
                    Stmt::Expr(value) | Stmt::Assign { value, .. } => {
                        self.reads(value, &assigned);
                    }
                    Stmt::AugAssign { target, value, .. } => {
                        self.read_name(target, &assigned);
                        self.reads(value, &assigned);
                    }
                    Stmt::SetItem { target, value } => {
                        self.reads(value, &assigned);
                        self.reads(target, &assigned);
                    }
                    Stmt::AugSetItem { target, value, .. } => {
                        self.reads(target, &assigned);
                        self.reads(value, &assigned);
                    }
                    _ => {}
                }
            }
        }
        self.scope.locals_before = locals_before;
        Ok(())
    }

    /// Walks a block with the set of definitely assigned locals, which it updates; returns
    /// whether the block completes normally (not by return, break or continue). The set is
    /// updated in place rather than passed and returned by value, so no statement copies it.
    fn flow_block(&mut self, block: Block, assigned: &mut RegSet) -> bool {
        for &stmt in self.ast.block(block) {
            if !self.flow_stmt(self.ast.stmt(stmt), assigned) {
                return false;
            }
        }
        true
    }

    fn flow_stmt(&mut self, stmt: Stmt, assigned: &mut RegSet) -> bool {
        match stmt {
            Stmt::Expr(e) => self.reads(e, assigned),
            Stmt::SetItem { target, value } => {
                self.reads(value, assigned);
                self.reads(target, assigned);
            }
            Stmt::AugSetItem { target, value, .. } => {
                self.reads(target, assigned);
                self.reads(value, assigned);
            }
            Stmt::UnpackTo { target, value } => {
                self.reads(value, assigned);
                // Subscript targets read their object and index.
                let mut work = vec![target];
                while let Some(expr) = work.pop() {
                    match self.ast.expr(expr) {
                        Expr::Tuple(items) | Expr::List(items) => {
                            work.extend(self.ast.arguments(items).iter().map(|a| a.value()));
                        }
                        Expr::Subscript { .. } => self.reads(expr, assigned),
                        _ => {}
                    }
                }
                for span in target_names(self.ast, target) {
                    self.assign(span, assigned);
                }
            }
            Stmt::Assign { targets, value, .. } => {
                self.reads(value, assigned);
                for &span in self.ast.names(targets) {
                    self.assign(span, assigned);
                }
            }
            Stmt::AugAssign { target, value, .. } => {
                self.read_name(target, assigned);
                self.reads(value, assigned);
                self.assign(target, assigned);
            }
            Stmt::If { test, body, orelse } => {
                self.reads(test, assigned);
                let mut after_body = *assigned;
                let body_completes = self.flow_block(body, &mut after_body);
                let mut after_else = *assigned;
                let else_completes = self.flow_block(orelse, &mut after_else);
                *assigned = match (body_completes, else_completes) {
                    (true, true) => after_body.intersect(after_else),
                    (true, false) => after_body,
                    (false, true) => after_else,
                    (false, false) => return false,
                };
            }
            Stmt::While { test, body, orelse } => {
                // The body may run zero times; what it assigns is not definite afterwards.
                self.reads(test, assigned);
                self.flow_block(body, &mut { *assigned });
                self.flow_block(orelse, &mut { *assigned });
            }
            Stmt::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.reads(iter, assigned);
                let mut in_body = *assigned;
                self.assign(target, &mut in_body);
                self.flow_block(body, &mut in_body);
                self.flow_block(orelse, &mut { *assigned });
            }
            Stmt::Return(value) => {
                if let Some(value) = value {
                    self.reads(value, assigned);
                }
                return false;
            }
            Stmt::Break | Stmt::Continue => return false,
            Stmt::Def { name, .. } => self.assign(name, assigned),
            Stmt::Del(targets) => {
                for &target in self.ast.arguments(targets) {
                    self.reads(target.value(), assigned);
                }
            }
            Stmt::Global(_) | Stmt::Pass => {}
        }
        true
    }

    fn assign(&mut self, span: Span, assigned: &mut RegSet) {
        let id = self.name(span);
        if let Some(reg) = self.scope.local(id) {
            assigned.insert(reg);
        }
    }

    fn read_name(&mut self, span: Span, assigned: &RegSet) {
        let id = self.name(span);
        if let Some(reg) = self.scope.local(id) {
            if !assigned.contains(reg) {
                self.checked.insert(reg);
            }
        }
    }

    /// Records reads in an expression; expressions assign nothing in PyRust's subset.
    /// A leaf (most assigned values) is handled inline, without the call.
    #[inline(always)]
    fn reads(&mut self, expr: ExprId, assigned: &RegSet) {
        if !self.leaf_reads(expr, assigned) {
            self.reads_inner(expr, assigned);
        }
    }

    /// [`Analysis::reads`] for an expression that is not a leaf.
    #[inline(never)]
    fn reads_inner(&mut self, expr: ExprId, assigned: &RegSet) {
        // Operators on two leaves (`x + 1`, `a < b`) need no walk.
        // (Right before left: the order the walk below visits them in, which decides the
        // order names are interned in.)
        if let Expr::Binary { left, right, .. } = self.ast.expr(expr) {
            if self.is_leaf(left) && self.is_leaf(right) {
                self.leaf_reads(right, assigned);
                self.leaf_reads(left, assigned);
                return;
            }
        }
        let mut work = std::mem::take(&mut self.scope.work);
        work.clear();
        work.push(expr);
        while let Some(expr) = work.pop() {
            if !self.leaf_reads(expr, assigned) {
                self.ast.push_children(expr, &mut work);
            }
        }
        self.scope.work = work;
    }

    /// Records the read of `expr` if it is a name; whether `expr` is a leaf.
    #[inline(always)]
    fn leaf_reads(&mut self, expr: ExprId, assigned: &RegSet) -> bool {
        match self.ast.expr(expr) {
            Expr::Name(span) => {
                self.read_name(span, assigned);
                true
            }
            _ => self.is_leaf(expr),
        }
    }

    /// Whether `expr` has no sub-expressions: a name or a literal.
    fn is_leaf(&self, expr: ExprId) -> bool {
        matches!(
            self.ast.expr(expr),
            Expr::Name(_)
                | Expr::Int(_)
                | Expr::Float(_)
                | Expr::BigInt(_)
                | Expr::Str(_)
                | Expr::True
                | Expr::False
                | Expr::None
        )
    }
}

/// The names bound by an unpacking target (nested displays and starred items included).
pub(crate) fn target_names(ast: &Ast, target: ExprId) -> Vec<Span> {
    let mut names = Vec::new();
    let mut work = vec![target];
    while let Some(expr) = work.pop() {
        match ast.expr(expr) {
            Expr::Name(span) => names.push(span),
            Expr::Tuple(items) | Expr::List(items) => {
                work.extend(ast.arguments(items).iter().rev().map(|a| a.value()));
            }
            _ => {}
        }
    }
    names
}

fn syntax(message: String, span: Span) -> CompileError {
    CompileError {
        kind: CompileErrorKind::Syntax,
        message,
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The locals, checked registers and interned names a module body's analysis finds,
    /// by the straight-line path or by the general collect-then-flow passes.
    fn module_analysis(source: &str, straight_line: bool) -> (Vec<NameId>, [u64; 4], Vec<String>) {
        let ast = pyrust_parser::parse(source).expect("parses");
        let (mut interner, mut spans, mut scope) = (
            Interner::default(),
            SpanNames::default(),
            FunctionScope::default(),
        );
        spans.reset(source.len());
        let mut analysis = Analysis {
            source,
            def_start: 0,
            ast: &ast,
            interner: &mut interner,
            span_names: &mut spans,
            scope: &mut scope,
            checked: RegSet([0; 4]),
            module: true,
        };
        if straight_line {
            analysis.analyze_straight_line(ast.body).expect("analyses");
        } else {
            analysis.collect_assigned(ast.body).expect("analyses");
            analysis.flow_block(ast.body, &mut RegSet([0; 4]));
        }
        let checked = analysis.checked.0;
        let names = (0..interner.len())
            .map(|id| interner.resolve(NameId(id as u32)).to_string())
            .collect();
        (scope.order.clone(), checked, names)
    }

    #[test]
    fn straight_line_modules_are_analysed_as_the_flow_pass_does() {
        for source in [
            "x = 10\ny = 20\nx + y",
            "print(a)\na = 1\nprint(a + b)\nb = a",
            "x = x + 1",
            "total += 1\ntotal += n\nn = 2\nprint(total, n)",
            "a = b = c\nc = a\nd = [a, b, c]\nd[0] = e\ne = 1\nd[e] += f\nf = 1",
            "y = z * 2\npass\nz = y\nprint(y, z, w)",
            "len = 3\nlen + 1\nprint = 2",
        ] {
            assert!(
                pyrust_parser::parse(source)
                    .map(|ast| ast
                        .block(ast.body)
                        .iter()
                        .all(|&s| is_straight_line(ast.stmt(s))))
                    .unwrap_or(false),
                "{source}"
            );
            assert_eq!(
                module_analysis(source, true),
                module_analysis(source, false),
                "{source}"
            );
        }
    }

    #[test]
    fn in_ranges_agrees_with_a_search_in_any_query_order() {
        let ranges: Vec<(u32, u32)> = (0..40).map(|i| (i * 10, i * 10 + 5)).collect();
        let expected = |offset: u32| ranges.iter().any(|&(s, e)| s <= offset && offset < e);
        // Increasing, decreasing and jumping offsets, with one hint kept throughout.
        let offsets = (0..450)
            .chain((0..450).rev())
            .chain([3, 399, 7, 250, 251, 0, 449, 12]);
        let mut hint = 0;
        for offset in offsets {
            assert_eq!(
                in_ranges(&ranges, offset, &mut hint),
                expected(offset),
                "{offset}"
            );
        }
        assert!(!in_ranges(&[], 3, &mut 0));
    }
}
