//! The abstract syntax tree, stored flat: nodes live in `Vec`s inside [`Ast`] and refer to
//! each other by index ([`ExprId`], [`StmtId`]); lists of children are ranges into pool vectors.
//! Names stay spans into the source (the compiler interns them); string literals are decoded
//! into one shared text buffer.

use pyrust_lexer::Span;

/// Index of an expression in [`Ast::exprs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExprId(pub u32);

/// Index of a statement in [`Ast::stmts`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StmtId(pub u32);

/// A run of statements: a range of [`Ast::block_items`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Block {
    pub start: u32,
    pub len: u32,
}

/// A run of items in one of the pools (call arguments, comparison parts, names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Range {
    pub start: u32,
    pub len: u32,
}

impl Range {
    pub fn indices(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// A decoded string literal: a range of [`Ast::string_data`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrLit {
    pub start: u32,
    pub len: u32,
}

/// An expression node. `repr(u8)` gives it a tag byte of its own: left to the compiler, the
/// tag hid in a niche of a field (`FormattedValue`'s `Option`), and every `match` on a node
/// decoded it first (three instructions more per test in the compiler's walk). Field order
/// then decides the layout, which is why `FormattedValue` puts its byte first.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(u8)]
pub enum Expr {
    Int(i64),
    /// An integer literal too large for `i64`: its source text (digits, maybe a prefix and
    /// underscores), evaluated by the VM.
    BigInt(Span),
    Float(f64),
    Str(StrLit),
    True,
    False,
    None,
    Name(Span),
    Unary {
        op: UnaryOp,
        operand: ExprId,
    },
    Binary {
        op: BinaryOp,
        left: ExprId,
        right: ExprId,
    },
    /// `left and right` / `left or right`; longer chains nest to the left.
    Logical {
        op: LogicalOp,
        left: ExprId,
        right: ExprId,
    },
    /// `left op1 e1 op2 e2 ...`; the pairs are in [`Ast::comparisons`].
    Compare {
        left: ExprId,
        rest: Range,
    },
    /// `body if test else orelse`.
    Conditional {
        test: ExprId,
        body: ExprId,
        orelse: ExprId,
    },
    /// A call; its arguments are in [`Ast::arguments`].
    Call {
        func: ExprId,
        args: Range,
    },
    /// A tuple display `(a, b)` / `a, b`; its items are positional entries of
    /// [`Ast::arguments`].
    Tuple(Range),
    /// A list display `[a, b]`; items as for [`Expr::Tuple`].
    List(Range),
    /// `value.name`: only as the callee of a call (a method call) for now.
    Attribute {
        value: ExprId,
        name: Span,
    },
    /// A dict display `{k: v, ...}`: keys and values alternate as positional entries of
    /// [`Ast::arguments`].
    Dict(Range),
    /// `[elt for target in iter if cond ...]`; its clauses are in [`Ast::comprehensions`].
    ListComp {
        elt: ExprId,
        clauses: Range,
    },
    /// An f-string (with any plain strings implicitly concatenated to it): its parts are
    /// positional entries of [`Ast::arguments`], [`Expr::Str`] runs and
    /// [`Expr::FormattedValue`] fields, in order.
    FString(Range),
    /// `{value!conversion:spec}` in an f-string. `conversion` is 0 (none), `b'r'`, `b's'` or
    /// `b'a'`; `spec`, when present, is an [`Expr::FString`] (a spec may hold fields).
    FormattedValue {
        conversion: u8,
        value: ExprId,
        spec: Option<ExprId>,
    },
    /// `(elt for target in iter if cond ...)`: a generator; clauses as for
    /// [`Expr::ListComp`].
    GenExp {
        elt: ExprId,
        clauses: Range,
    },
    /// `lambda params: body`; the parameters are [`Ast::signatures`]`[signature]`.
    Lambda {
        signature: u32,
        body: ExprId,
    },
    /// A set display `{a, b}`; items as for [`Expr::Tuple`].
    Set(Range),
    /// `{elt for target in iter if cond ...}`; clauses as for [`Expr::ListComp`].
    SetComp {
        elt: ExprId,
        clauses: Range,
    },
    /// `{key: value for ...}`: `entry` is a two-item [`Expr::Tuple`] `(key, value)` (so
    /// `Expr` stays 16 bytes); clauses as for [`Expr::ListComp`].
    DictComp {
        entry: ExprId,
        clauses: Range,
    },
    /// `value[index]`; `index` may be an [`Expr::Slice`].
    Subscript {
        value: ExprId,
        index: ExprId,
    },
    /// `lower:upper:step`, only as the index of an [`Expr::Subscript`]; a missing part is an
    /// [`Expr::None`] node.
    Slice {
        lower: ExprId,
        upper: ExprId,
        step: ExprId,
    },
}

const _: () = assert!(std::mem::size_of::<Expr>() <= 16);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LeftShift,
    RightShift,
    BitAnd,
    BitOr,
    BitXor,
    MatMul,
}

impl BinaryOp {
    /// The operator as Python spells it, for error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::TrueDiv => "/",
            BinaryOp::FloorDiv => "//",
            BinaryOp::Mod => "%",
            BinaryOp::Pow => "**",
            BinaryOp::LeftShift => "<<",
            BinaryOp::RightShift => ">>",
            BinaryOp::BitAnd => "&",
            BinaryOp::BitOr => "|",
            BinaryOp::BitXor => "^",
            BinaryOp::MatMul => "@",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogicalOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

/// One `for target in iter if ...` clause of a comprehension; the conditions are positional
/// entries of [`Ast::arguments`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comprehension {
    pub target: ExprId,
    pub iter: ExprId,
    pub conditions: Range,
}

/// The parameters of a `def` or `lambda`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Signature {
    /// Parameter names, a range of [`Ast::names`], in CPython's order: the positional ones,
    /// the keyword-only ones, then `*args` and `**kwargs` when present.
    pub names: Range,
    pub positional: u32,
    pub keyword_only: u32,
    pub varargs: bool,
    pub varkw: bool,
    /// Default values of the positional and keyword-only parameters, in order: a range of
    /// [`Ast::param_defaults`] (`None` for a parameter without one).
    pub defaults: Range,
}

impl Signature {
    /// Whether the function takes exactly its positional parameters, none with a default.
    pub fn is_simple(&self) -> bool {
        self.keyword_only == 0 && !self.varargs && !self.varkw
    }
}

/// One call argument: positional, `*iterable`, or `name=value`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Argument {
    Positional(ExprId),
    Starred(ExprId),
    Keyword { name: Span, value: ExprId },
}

impl Argument {
    /// The expression the argument passes, whatever its kind.
    pub fn value(self) -> ExprId {
        match self {
            Argument::Positional(e) | Argument::Starred(e) => e,
            Argument::Keyword { value, .. } => value,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stmt {
    Expr(ExprId),
    /// `t1 = t2 = ... = value`; the target names are in [`Ast::names`]. With `unpack`, the
    /// names are the items of one target (`a, b = value`): the value is unpacked into them.
    Assign {
        targets: Range,
        value: ExprId,
        unpack: bool,
    },
    /// `target = value` where `target` is a tuple or list display of names, subscripts,
    /// nested displays and at most one [`Argument::Starred`] item per display (the flat
    /// all-names case is an [`Stmt::Assign`] with `unpack`).
    UnpackTo {
        target: ExprId,
        value: ExprId,
    },
    /// `obj[index] = value`; `target` is the [`Expr::Subscript`].
    SetItem {
        target: ExprId,
        value: ExprId,
    },
    /// `obj[index] op= value`; `target` is the [`Expr::Subscript`].
    AugSetItem {
        target: ExprId,
        op: BinaryOp,
        value: ExprId,
    },
    AugAssign {
        target: Span,
        op: BinaryOp,
        value: ExprId,
    },
    If {
        test: ExprId,
        body: Block,
        orelse: Block,
    },
    While {
        test: ExprId,
        body: Block,
        orelse: Block,
    },
    For {
        target: Span,
        iter: ExprId,
        body: Block,
        orelse: Block,
    },
    /// `def name(params): body`; the parameters are [`Ast::signatures`]`[signature]`.
    Def {
        name: Span,
        signature: u32,
        body: Block,
    },
    Return(Option<ExprId>),
    /// `del t1, t2, ...`: names and [`Expr::Subscript`]s, positional entries of
    /// [`Ast::arguments`] in deletion order.
    Del(Range),
    Global(Range),
    Break,
    Continue,
    Pass,
}

/// An expression in [`Ast::exprs`] with its source span, kept side by side so that making a
/// node is one push (and reading both one bounds check).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExprNode {
    pub expr: Expr,
    pub span: Span,
}

/// A statement in [`Ast::stmts`] with its source span (see [`ExprNode`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StmtNode {
    pub stmt: Stmt,
    pub span: Span,
}

/// A parsed module: the node pools plus the top-level block.
#[derive(Debug, Default)]
pub struct Ast {
    pub exprs: Vec<ExprNode>,
    pub stmts: Vec<StmtNode>,
    pub block_items: Vec<StmtId>,
    pub comparisons: Vec<(CompareOp, ExprId)>,
    pub arguments: Vec<Argument>,
    pub comprehensions: Vec<Comprehension>,
    pub signatures: Vec<Signature>,
    pub param_defaults: Vec<Option<ExprId>>,
    /// Spans of names: assignment targets, parameters, `global` lists.
    pub names: Vec<Span>,
    pub string_data: String,
    pub body: Block,
    /// See [`Ast::only_expression_statements`]. Not public, so that only the parser sets it:
    /// an `Ast` built by hand keeps the default, `false`, which claims nothing.
    pub(crate) expression_statements_only: bool,
}

impl Ast {
    /// Empties every pool, keeping their capacity for the next parse.
    pub fn clear(&mut self) {
        self.exprs.clear();
        self.stmts.clear();
        self.block_items.clear();
        self.comparisons.clear();
        self.arguments.clear();
        self.comprehensions.clear();
        self.signatures.clear();
        self.param_defaults.clear();
        self.names.clear();
        self.string_data.clear();
        self.body = Block::default();
        self.expression_statements_only = false;
    }

    /// Whether the parser found every statement of the module to be an expression
    /// statement (so it binds no name: the subset has no `:=`), recorded as it built them so
    /// that the compiler need not scan the body for it. `false` claims nothing: an `Ast`
    /// built by hand, or a failed parse, has it `false`. (An `Ast` whose pools are edited
    /// after parsing is no longer what the parser recorded it as: parse it anew.)
    pub fn only_expression_statements(&self) -> bool {
        self.expression_statements_only
    }

    pub fn expr(&self, id: ExprId) -> Expr {
        self.exprs[id.0 as usize].expr
    }

    pub fn expr_span(&self, id: ExprId) -> Span {
        self.exprs[id.0 as usize].span
    }

    pub fn stmt(&self, id: StmtId) -> Stmt {
        self.stmts[id.0 as usize].stmt
    }

    pub fn stmt_span(&self, id: StmtId) -> Span {
        self.stmts[id.0 as usize].span
    }

    pub fn block(&self, block: Block) -> &[StmtId] {
        &self.block_items[block.start as usize..(block.start + block.len) as usize]
    }

    pub fn names(&self, range: Range) -> &[Span] {
        &self.names[range.indices()]
    }

    pub fn arguments(&self, range: Range) -> &[Argument] {
        &self.arguments[range.indices()]
    }

    pub fn signature(&self, index: u32) -> Signature {
        self.signatures[index as usize]
    }

    /// The default value expression of each positional and keyword-only parameter.
    pub fn defaults(&self, signature: Signature) -> &[Option<ExprId>] {
        &self.param_defaults[signature.defaults.indices()]
    }

    pub fn comparisons(&self, range: Range) -> &[(CompareOp, ExprId)] {
        &self.comparisons[range.indices()]
    }

    /// Pushes the direct sub-expressions of `id` (call arguments included) onto `out`.
    pub fn push_children(&self, id: ExprId, out: &mut Vec<ExprId>) {
        match self.expr(id) {
            Expr::Unary { operand, .. } | Expr::Attribute { value: operand, .. } => {
                out.push(operand)
            }
            Expr::Binary { left, right, .. }
            | Expr::Logical { left, right, .. }
            | Expr::Subscript {
                value: left,
                index: right,
            } => {
                out.push(left);
                out.push(right);
            }
            Expr::Compare { left, rest } => {
                out.push(left);
                out.extend(self.comparisons(rest).iter().map(|&(_, e)| e));
            }
            Expr::Conditional { test, body, orelse } => out.extend([test, body, orelse]),
            // A lambda's defaults are evaluated where it is defined; its body is not.
            Expr::Lambda { signature, .. } => {
                out.extend(self.defaults(self.signature(signature)).iter().flatten())
            }
            Expr::Slice { lower, upper, step } => out.extend([lower, upper, step]),
            Expr::FString(parts) => out.extend(
                self.arguments(parts)
                    .iter()
                    .map(|argument| argument.value()),
            ),
            Expr::FormattedValue { value, spec, .. } => {
                out.push(value);
                out.extend(spec);
            }
            Expr::Call { func, args } => {
                out.push(func);
                out.extend(self.arguments(args).iter().map(|argument| argument.value()));
            }
            Expr::ListComp { elt, clauses }
            | Expr::GenExp { elt, clauses }
            | Expr::SetComp { elt, clauses }
            | Expr::DictComp {
                entry: elt,
                clauses,
            } => {
                out.push(elt);
                for clause in &self.comprehensions[clauses.indices()] {
                    out.push(clause.target);
                    out.push(clause.iter);
                    out.extend(
                        self.arguments(clause.conditions)
                            .iter()
                            .map(|argument| argument.value()),
                    );
                }
            }
            Expr::Tuple(items) | Expr::List(items) | Expr::Dict(items) | Expr::Set(items) => {
                out.extend(
                    self.arguments(items)
                        .iter()
                        .map(|argument| argument.value()),
                );
            }
            Expr::Int(_)
            | Expr::BigInt(_)
            | Expr::Float(_)
            | Expr::Str(_)
            | Expr::True
            | Expr::False
            | Expr::None
            | Expr::Name(_) => {}
        }
    }

    pub fn str_text(&self, lit: StrLit) -> &str {
        &self.string_data[lit.start as usize..(lit.start + lit.len) as usize]
    }
}
