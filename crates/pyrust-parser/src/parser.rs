//! The recursive-descent parser proper.

use crate::ast::*;
use crate::strings::{decode_into, decode_text, literal_shape, StringError};
use crate::{ParseError, ParseErrorKind};
use pyrust_lexer::{Span, Token, TokenKind as T};
use std::cell::Cell;
use std::num::NonZeroU32;

pub(crate) struct Parser<'a> {
    source: &'a str,
    tokens: &'a [Token],
    pos: usize,
    ast: &'a mut Ast,
    scratch: &'a mut Scratch,
    /// Deepest expression tree accepted.
    max_depth: u32,
    /// The error that stopped the parse, set where it is found (see [`Failed`]).
    error: Cell<Option<ParseError>>,
    /// Whether a statement other than an expression statement was made: its opposite becomes
    /// [`Ast::only_expression_statements`].
    other_statements: bool,
}

/// The parser's working stacks, kept between parses (in [`crate::ParseBuffers`]) so that they
/// allocate only while growing.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Statements of the blocks being parsed; a finished block moves its run to `block_items`.
    pending_stmts: Vec<StmtId>,
    /// Scratch stack for arguments of nested calls.
    pending_args: Vec<Argument>,
    /// Scratch stack for the targets of chained assignments.
    targets: Vec<Span>,
    /// Scratch stack for the parts of comparison chains.
    pending_comparisons: Vec<(CompareOp, ExprId)>,
    /// Scratch stack for the default values of parameter lists.
    pending_defaults: Vec<Option<ExprId>>,
}

impl Scratch {
    /// Empties the stacks after a parse (a failed one leaves whatever it had pushed).
    fn clear(&mut self) {
        self.pending_stmts.clear();
        self.pending_args.clear();
        self.targets.clear();
        self.pending_comparisons.clear();
        self.pending_defaults.clear();
    }

    /// Whether every stack is empty, as between parses.
    fn is_empty(&self) -> bool {
        self.pending_stmts.is_empty()
            && self.pending_args.is_empty()
            && self.targets.is_empty()
            && self.pending_comparisons.is_empty()
            && self.pending_defaults.is_empty()
    }
}

/// A parse that stopped at an error: the error itself waits in `Parser::error`, so that a
/// result of the descent is no wider than its value (a [`Node`] result fits one register
/// instead of going through memory).
#[derive(Debug)]
pub(crate) struct Failed;

type PResult<T> = Result<T, Failed>;

/// An expression just parsed, with the depth of its tree (which bounds the compiler's
/// recursion) at hand for its parent: carried up the descent rather than kept in a table
/// parallel to `Ast::exprs`, so making a node costs no extra push and no lookup. Eight bytes
/// with a niche, so that a `PResult<Node>` still travels in one register.
#[derive(Clone, Copy, Debug)]
struct Node {
    id: ExprId,
    /// The depth plus one (a `None` slice bound has depth 0).
    height: NonZeroU32,
}

const _: () = assert!(std::mem::size_of::<PResult<Node>>() == 8);

impl Node {
    fn new(id: ExprId, depth: u32) -> Node {
        Node {
            id,
            height: NonZeroU32::MIN.saturating_add(depth),
        }
    }

    fn depth(self) -> u32 {
        self.height.get() - 1
    }
}

impl<'a> Parser<'a> {
    pub(crate) fn new(
        source: &'a str,
        tokens: &'a [Token],
        scratch: &'a mut Scratch,
        max_depth: u32,
        ast: &'a mut Ast,
    ) -> Self {
        // The stacks are empty here: a parse that succeeds leaves them as it found them, one
        // that fails clears them (see `parse_module`).
        Parser {
            max_depth,
            source,
            tokens,
            pos: 0,
            ast,
            scratch,
            error: Cell::new(None),
            other_statements: false,
        }
    }

    pub(crate) fn parse_module(mut self) -> Result<(), ParseError> {
        match self.module() {
            Ok(()) => {
                debug_assert!(
                    self.scratch.is_empty(),
                    "a parse leaves its stacks balanced"
                );
                // Were a construct to leave something behind, a release build would otherwise
                // keep it for every later parse with these buffers (clearing outright costs
                // less than testing first: the stacks hold plain data).
                self.scratch.clear();
                Ok(())
            }
            Err(Failed) => {
                // An error leaves whatever its unfinished constructs had pushed.
                self.scratch.clear();
                Err(self.take_error())
            }
        }
    }

    /// The error a [`Failed`] parse stopped at.
    #[cold]
    fn take_error(&mut self) -> ParseError {
        self.error.take().unwrap_or_else(|| {
            debug_assert!(false, "a failed parse stores its error");
            ParseError {
                kind: ParseErrorKind::Syntax,
                message: "invalid syntax".into(),
                span: self.span(),
            }
        })
    }

    /// The error of an expression nested deeper than the compiler takes, out of line so that
    /// `push_expr`, called for every node, stays small.
    #[cold]
    #[inline(never)]
    fn too_deep(&self, span: Span) -> Failed {
        self.fail(ParseError {
            kind: ParseErrorKind::Recursion,
            message: "maximum recursion depth exceeded during compilation".into(),
            span,
        })
    }

    /// Records `error` as the one the parse stops at and returns the [`Failed`] to propagate.
    #[cold]
    #[inline(never)]
    fn fail(&self, error: ParseError) -> Failed {
        self.error.set(Some(error));
        Failed
    }

    fn module(&mut self) -> PResult<()> {
        // (The stacks are empty: the module's statements start at 0.)
        debug_assert!(self.scratch.is_empty(), "a parse starts with empty stacks");
        while self.peek() != T::EndOfFile {
            if self.peek() == T::Indent {
                return Err(self.error_at(ParseErrorKind::Indentation, "unexpected indent"));
            }
            self.statement()?;
        }
        self.ast.body = if self.ast.block_items.is_empty() {
            // No nested block was finished (a program of simple statements): the module's
            // run of statements becomes the pool as it stands, without moving its items.
            std::mem::swap(&mut self.scratch.pending_stmts, &mut self.ast.block_items);
            Block {
                start: 0,
                len: self.ast.block_items.len() as u32,
            }
        } else {
            self.finish_block(0)
        };
        // Every statement, nested ones too, went through `push_stmt`; nested ones only come
        // with a compound statement, itself not an expression statement.
        self.ast.expression_statements_only = !self.other_statements;
        Ok(())
    }

    // ---- token helpers ----

    fn peek(&self) -> T {
        self.tokens.get(self.pos).map_or(T::EndOfFile, |t| t.kind)
    }

    fn peek_at(&self, ahead: usize) -> T {
        self.tokens
            .get(self.pos + ahead)
            .map_or(T::EndOfFile, |t| t.kind)
    }

    fn span(&self) -> Span {
        self.span_at(self.pos)
    }

    /// The span of the token at `index` (the end of the source past the last).
    fn span_at(&self, index: usize) -> Span {
        self.tokens.get(index).map_or_else(
            || Span::new(self.source.len(), self.source.len()),
            |t| t.span,
        )
    }

    fn previous_end(&self) -> u32 {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(0, |t| t.span.end)
    }

    fn advance(&mut self) -> Token {
        let token = self.tokens.get(self.pos).copied().unwrap_or(Token {
            kind: T::EndOfFile,
            span: Span::new(self.source.len(), self.source.len()),
            value: Token::NO_VALUE,
        });
        if self.pos < self.tokens.len() {
            self.pos += 1;
        }
        token
    }

    fn eat(&mut self, kind: T) -> bool {
        if self.peek() == kind {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    #[inline(always)]
    fn expect(&mut self, kind: T, what: &str) -> PResult<Token> {
        if self.peek() == kind {
            return Ok(self.advance());
        }
        Err(self.expected(what))
    }

    #[cold]
    #[inline(never)]
    fn expected(&self, what: &str) -> Failed {
        self.error_at(ParseErrorKind::Syntax, &format!("expected {what}"))
    }

    fn error_at(&self, kind: ParseErrorKind, message: &str) -> Failed {
        let span = self.span();
        let message = if kind == ParseErrorKind::Syntax && self.peek() == T::Indent {
            return self.fail(ParseError {
                kind: ParseErrorKind::Indentation,
                message: "unexpected indent".into(),
                span,
            });
        } else {
            message.to_string()
        };
        self.fail(ParseError {
            kind,
            message,
            span,
        })
    }

    fn invalid_syntax(&self) -> Failed {
        self.error_at(ParseErrorKind::Syntax, "invalid syntax")
    }

    fn unsupported(&self, construct: &str, span: Span) -> Failed {
        self.fail(ParseError {
            kind: ParseErrorKind::Unsupported,
            message: format!("{construct} not supported by PyRust yet"),
            span,
        })
    }

    fn line_of(&self, offset: u32) -> usize {
        let upto = &self.source.as_bytes()[..(offset as usize).min(self.source.len())];
        1 + upto.iter().filter(|&&b| b == b'\n').count()
    }

    // ---- node builders ----

    #[inline(always)]
    fn push_expr(&mut self, expr: Expr, span: Span, depth: u32) -> PResult<Node> {
        if depth > self.max_depth {
            return Err(self.too_deep(span));
        }
        let id = ExprId(self.ast.exprs.len() as u32);
        self.ast.exprs.push(ExprNode { expr, span });
        Ok(Node::new(id, depth))
    }

    /// [`Parser::push_expr`] of a leaf (depth 1), which no depth limit refuses: the limit is
    /// at least 1.
    #[inline(always)]
    fn push_leaf(&mut self, expr: Expr, span: Span) -> Node {
        let id = ExprId(self.ast.exprs.len() as u32);
        self.ast.exprs.push(ExprNode { expr, span });
        Node::new(id, 1)
    }

    /// The span from `first`'s start to `last`'s end.
    #[inline]
    fn join(&self, first: Node, last: Node) -> Span {
        Span {
            start: self.ast.expr_span(first.id).start,
            end: self.ast.expr_span(last.id).end,
        }
    }

    #[inline]
    fn push_stmt(&mut self, stmt: Stmt, start: u32) {
        // (Folded away at the call sites, which each push one kind but the prelude's.)
        if !matches!(stmt, Stmt::Expr(_)) {
            self.other_statements = true;
        }
        let id = StmtId(self.ast.stmts.len() as u32);
        let span = Span {
            start,
            end: self.previous_end().max(start),
        };
        self.ast.stmts.push(StmtNode { stmt, span });
        self.scratch.pending_stmts.push(id);
    }

    fn finish_block(&mut self, mark: usize) -> Block {
        let start = self.ast.block_items.len() as u32;
        let len = move_tail(
            &mut self.scratch.pending_stmts,
            mark,
            &mut self.ast.block_items,
        );
        Block { start, len }
    }

    fn name_span(&mut self, what: &str) -> PResult<Span> {
        Ok(self.expect(T::Name, what)?.span)
    }

    // ---- statements ----

    fn statement(&mut self) -> PResult<()> {
        let span = self.span();
        match self.peek() {
            T::If => self.if_statement(),
            T::While => self.while_statement(),
            T::For => self.for_statement(),
            T::Def => self.def_statement(),
            T::Class => Err(self.unsupported("class definitions are", span)),
            T::Try => Err(self.unsupported("try statements are", span)),
            T::With => Err(self.unsupported("with statements are", span)),
            T::Async => Err(self.unsupported("async functions are", span)),
            T::At => Err(self.unsupported("decorators are", span)),
            T::Name
                if self.span().end - self.span().start == 5
                    && self.span().text(self.source) == "match"
                    && self.looks_like_match() =>
            {
                Err(self.unsupported("match statements are", span))
            }
            T::Name
            | T::Int
            | T::Float
            | T::Str
            | T::True
            | T::False
            | T::None
            | T::LeftParen
            | T::LeftBracket
            | T::LeftBrace
            | T::Minus
            | T::Plus
            | T::Tilde
            | T::Not => self.expression_statements(span.start),
            _ => self.simple_statements(),
        }
    }

    /// A line of simple statements whose first token starts an expression (not `*` or
    /// `lambda`), so the first is an expression statement or an assignment: the common line,
    /// taken without the dispatch of `small_statement`. The parse is `expression_statement`'s
    /// (`expression_list` → `expression` → `binary_expr`), spelt out to skip their checks.
    fn expression_statements(&mut self, start: u32) -> PResult<()> {
        if self.peek() == T::Name && self.peek_at(1) == T::Equal {
            // `name = ...`: the target is bound by its span, so no expression node is made
            // for it (`expression_statement_with` would make one and take its name).
            let target = self.advance().span;
            self.check_not_debug(target)?;
            self.advance();
            self.assignment_value(start, target)?;
        } else if self.peek() == T::Name && is_augmented(self.peek_at(1)) {
            // `name op= ...`: likewise bound by its span (the analyses see augmented targets
            // in `Stmt::AugAssign`, not as expression nodes).
            let target = self.advance().span;
            self.check_not_debug(target)?;
            let Some(op) = augmented_op(self.advance().kind) else {
                // (Not reached: `is_augmented` said the token is one.)
                return Err(self.invalid_syntax());
            };
            let value = self.expression_list()?.id;
            self.push_stmt(Stmt::AugAssign { target, op, value }, start);
        } else {
            let first_token = self.pos;
            let mut node = self.disjunction()?;
            if self.peek() == T::If {
                node = self.conditional(node)?;
            }
            if self.peek() == T::Comma {
                let first = Argument::Positional(node.id);
                node = self.expression_list_rest(first_token, first, node)?;
            }
            let first = node.id;
            if self.peek() == T::Newline {
                // An expression statement alone on its line.
                self.push_stmt(Stmt::Expr(first), start);
                self.pos += 1;
                return Ok(());
            }
            self.expression_statement_with(start, first)?;
        }
        if self.peek() == T::Newline {
            self.pos += 1;
            return Ok(());
        }
        self.simple_statements_rest()
    }

    /// `match` is a soft keyword: only a statement when followed by a subject and `:`.
    fn looks_like_match(&self) -> bool {
        let mut i = self.pos + 1;
        while let Some(t) = self.tokens.get(i) {
            match t.kind {
                T::Newline | T::EndOfFile | T::Equal => return false,
                T::Colon => return i > self.pos + 1,
                _ => i += 1,
            }
        }
        false
    }

    fn simple_statements(&mut self) -> PResult<()> {
        self.small_statement()?;
        self.simple_statements_rest()
    }

    /// The rest of a line of simple statements after its first: `; statement`s, then the end
    /// of the line.
    fn simple_statements_rest(&mut self) -> PResult<()> {
        while self.eat(T::Semicolon) {
            if matches!(self.peek(), T::Newline | T::EndOfFile) {
                break;
            }
            self.small_statement()?;
        }
        if !self.eat(T::Newline) && self.peek() != T::EndOfFile {
            return Err(self.invalid_syntax());
        }
        Ok(())
    }

    fn small_statement(&mut self) -> PResult<()> {
        let start_span = self.span();
        let start = start_span.start;
        let unsupported = |p: &Self, what: &str| Err(p.unsupported(what, start_span));
        match self.peek() {
            T::Pass => {
                self.advance();
                self.push_stmt(Stmt::Pass, start);
            }
            T::Break => {
                self.advance();
                self.push_stmt(Stmt::Break, start);
            }
            T::Continue => {
                self.advance();
                self.push_stmt(Stmt::Continue, start);
            }
            T::Return => {
                self.advance();
                let value = if matches!(self.peek(), T::Newline | T::Semicolon | T::EndOfFile) {
                    None
                } else {
                    Some(self.expression_list()?.id)
                };
                self.push_stmt(Stmt::Return(value), start);
            }
            T::Global => {
                self.advance();
                let first = self.ast.names.len() as u32;
                loop {
                    let name = self.name_span("a name")?;
                    self.ast.names.push(name);
                    if !self.eat(T::Comma) {
                        break;
                    }
                }
                let len = self.ast.names.len() as u32 - first;
                self.push_stmt(Stmt::Global(Range { start: first, len }), start);
            }
            T::Del => {
                self.advance();
                let targets = self.expression_list()?.id;
                let targets = self.del_targets(targets)?;
                self.push_stmt(Stmt::Del(targets), start);
            }
            T::Import | T::From => return unsupported(self, "import statements are"),
            T::Raise => return unsupported(self, "raise statements are"),
            T::Assert => return unsupported(self, "assert statements are"),
            T::Nonlocal => return unsupported(self, "nonlocal statements are"),
            T::Yield => return unsupported(self, "generators (yield) are"),
            _ => self.expression_statement()?,
        }
        Ok(())
    }

    fn expression_statement(&mut self) -> PResult<()> {
        let start = self.span().start;
        let first = self.expression_list()?.id;
        self.expression_statement_with(start, first)
    }

    /// An expression statement or assignment starting at `start` whose first expression list
    /// is `first`.
    fn expression_statement_with(&mut self, start: u32, first: ExprId) -> PResult<()> {
        if let Some(op) = augmented_op(self.peek()) {
            if matches!(self.ast.expr(first), Expr::Subscript { .. }) {
                self.advance();
                let value = self.expression_list()?.id;
                self.push_stmt(
                    Stmt::AugSetItem {
                        target: first,
                        op,
                        value,
                    },
                    start,
                );
                return Ok(());
            }
            let target = self.assignment_target(first)?;
            self.advance();
            let value = self.expression_list()?.id;
            self.push_stmt(Stmt::AugAssign { target, op, value }, start);
            return Ok(());
        }
        if self.peek() == T::Colon {
            return Err(self.unsupported("annotated assignments are", self.span()));
        }
        if self.peek() != T::Equal {
            self.push_stmt(Stmt::Expr(first), start);
            return Ok(());
        }
        if matches!(self.ast.expr(first), Expr::Subscript { .. }) {
            self.advance();
            let value = self.expression_list()?.id;
            if self.peek() == T::Equal {
                return Err(self.unsupported("chained assignments to subscripts are", self.span()));
            }
            self.push_stmt(
                Stmt::SetItem {
                    target: first,
                    value,
                },
                start,
            );
            return Ok(());
        }
        if matches!(self.ast.expr(first), Expr::Tuple(_) | Expr::List(_)) {
            self.advance();
            let value = self.expression_list()?.id;
            if self.peek() == T::Equal {
                return Err(self.unsupported("chained unpacking assignments are", self.span()));
            }
            if !self.is_flat_unpack(first) {
                self.check_unpack_target(first)?;
                self.push_stmt(
                    Stmt::UnpackTo {
                        target: first,
                        value,
                    },
                    start,
                );
                return Ok(());
            }
            let targets = self.unpack_targets(first)?;
            self.push_stmt(
                Stmt::Assign {
                    targets,
                    value,
                    unpack: true,
                },
                start,
            );
            return Ok(());
        }
        let target = self.assignment_target(first)?;
        self.advance();
        self.assignment_value(start, target)
    }

    /// The rest of an assignment starting at `start` whose first target, the name `target`,
    /// and its `=` have been read: the value, and any further `= value`s of a chain.
    fn assignment_value(&mut self, start: u32, target: Span) -> PResult<()> {
        let mut value = self.expression_list()?.id;
        if self.peek() != T::Equal {
            // One target: pushed after the value, as the general case below would.
            let index = self.ast.names.len() as u32;
            self.ast.names.push(target);
            self.push_stmt(
                Stmt::Assign {
                    targets: Range {
                        start: index,
                        len: 1,
                    },
                    value,
                    unpack: false,
                },
                start,
            );
            return Ok(());
        }
        // Targets are collected on a scratch stack first: parsing a value may add names too.
        let mark = self.scratch.targets.len();
        self.scratch.targets.push(target);
        let target = self.assignment_target(value)?;
        self.scratch.targets.push(target);
        while self.eat(T::Equal) {
            value = self.expression_list()?.id;
            if self.peek() == T::Equal {
                let target = self.assignment_target(value)?;
                self.scratch.targets.push(target);
            }
        }
        let start_index = self.ast.names.len() as u32;
        move_tail(&mut self.scratch.targets, mark, &mut self.ast.names);
        let range = Range {
            start: start_index,
            len: self.ast.names.len() as u32 - start_index,
        };
        self.push_stmt(
            Stmt::Assign {
                targets: range,
                value,
                unpack: false,
            },
            start,
        );
        Ok(())
    }

    /// Whether `target` is a tuple or list display of plain names only.
    fn is_flat_unpack(&self, target: ExprId) -> bool {
        match self.ast.expr(target) {
            Expr::Tuple(items) | Expr::List(items) => {
                self.ast.arguments(items).iter().all(|item| {
                    matches!(item, Argument::Positional(e) if matches!(self.ast.expr(*e), Expr::Name(_)))
                })
            }
            _ => false,
        }
    }

    /// Checks a general unpacking target (see [`Stmt::UnpackTo`]), CPython's errors included.
    fn check_unpack_target(&self, target: ExprId) -> PResult<()> {
        let mut work = vec![target];
        while let Some(expr) = work.pop() {
            let (Expr::Tuple(items) | Expr::List(items)) = self.ast.expr(expr) else {
                continue;
            };
            let mut starred = 0;
            for &item in self.ast.arguments(items) {
                let value = item.value();
                let span = self.ast.expr_span(value);
                if let Argument::Starred(_) = item {
                    starred += 1;
                    if starred > 1 {
                        return Err(
                            self.syntax_error("multiple starred expressions in assignment", span)
                        );
                    }
                }
                match self.ast.expr(value) {
                    Expr::Name(name) => self.check_not_debug(name)?,
                    Expr::Subscript { .. } => {}
                    Expr::Tuple(_) | Expr::List(_) => work.push(value),
                    _ => {
                        self.assignment_target(value)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The names of an unpacking target (`a, b` or `[a, b]`) pushed to [`Ast::names`]; nested,
    /// starred and non-name items are refused.
    fn unpack_targets(&mut self, target: ExprId) -> PResult<Range> {
        let (Expr::Tuple(items) | Expr::List(items)) = self.ast.expr(target) else {
            return Err(self.unsupported("this unpacking target is", self.ast.expr_span(target)));
        };
        let start = self.ast.names.len() as u32;
        for index in items.indices() {
            let item = self.ast.arguments[index].value();
            match self.ast.expr(item) {
                Expr::Name(name) => {
                    self.check_not_debug(name)?;
                    self.ast.names.push(name);
                }
                _ => {
                    return Err(self.unsupported(
                        "unpacking into anything but plain names is",
                        self.ast.expr_span(item),
                    ))
                }
            }
        }
        Ok(Range {
            start,
            len: self.ast.names.len() as u32 - start,
        })
    }

    /// The targets of `del`: names and subscripts (slices included), flattened out of
    /// tuple and list displays into a range of [`Ast::arguments`].
    fn del_targets(&mut self, target: ExprId) -> PResult<Range> {
        let mark = self.scratch.pending_args.len();
        let mut work = vec![target];
        while let Some(expr) = work.pop() {
            let span = self.ast.expr_span(expr);
            match self.ast.expr(expr) {
                Expr::Name(name) => {
                    self.check_not_debug(name)?;
                    self.scratch.pending_args.push(Argument::Positional(expr));
                }
                Expr::Subscript { .. } => {
                    self.scratch.pending_args.push(Argument::Positional(expr))
                }
                Expr::Tuple(items) | Expr::List(items) => {
                    // Reversed onto the stack, so targets are deleted left to right.
                    work.extend(self.ast.arguments(items).iter().rev().map(|a| a.value()));
                }
                Expr::Attribute { .. } => {
                    return Err(self.unsupported("deleting attributes is", span));
                }
                _ => {
                    let message = match self.ast.expr(expr) {
                        Expr::Call { .. } => "cannot delete function call".to_string(),
                        Expr::Int(_) | Expr::BigInt(_) | Expr::Float(_) | Expr::Str(_) => {
                            "cannot delete literal".to_string()
                        }
                        Expr::True | Expr::False | Expr::None => {
                            format!("cannot delete {}", span.text(self.source))
                        }
                        _ => "cannot delete expression".to_string(),
                    };
                    return Err(self.fail(ParseError {
                        kind: ParseErrorKind::Syntax,
                        message,
                        span,
                    }));
                }
            }
        }
        self.finish_items(mark, self.ast.expr_span(target))
    }

    /// The name an assignment binds to `expr`, or the error for a target that is not one.
    #[inline(always)]
    fn assignment_target(&self, expr: ExprId) -> PResult<Span> {
        match self.ast.expr(expr) {
            Expr::Name(name) => self.check_not_debug(name).map(|()| name),
            _ => self.assignment_target_error(expr),
        }
    }

    #[cold]
    #[inline(never)]
    fn assignment_target_error(&self, expr: ExprId) -> PResult<Span> {
        let span = self.ast.expr_span(expr);
        match self.ast.expr(expr) {
            Expr::Name(name) => self.check_not_debug(name).map(|()| name),
            Expr::Subscript { .. } => Err(self.unsupported("assignment to subscripts is", span)),
            Expr::Tuple(_) | Expr::List(_) => {
                Err(self.unsupported("unpacking assignments (a, b = ...) are", span))
            }
            Expr::Attribute { .. } => Err(self.unsupported("assignment to attributes is", span)),
            Expr::Call { .. } => Err(self.fail(ParseError {
                kind: ParseErrorKind::Syntax,
                message:
                    "cannot assign to function call here. Maybe you meant '==' instead of '='?"
                        .into(),
                span,
            })),
            Expr::Int(_) | Expr::BigInt(_) | Expr::Float(_) | Expr::Str(_) => {
                Err(self.fail(ParseError {
                    kind: ParseErrorKind::Syntax,
                    message: "cannot assign to literal here. Maybe you meant '==' instead of '='?"
                        .into(),
                    span,
                }))
            }
            Expr::True | Expr::False | Expr::None => Err(self.fail(ParseError {
                kind: ParseErrorKind::Syntax,
                message: format!("cannot assign to {}", span.text(self.source)),
                span,
            })),
            _ => Err(self.fail(ParseError {
                kind: ParseErrorKind::Syntax,
                message: "cannot assign to expression here. Maybe you meant '==' instead of '='?"
                    .into(),
                span,
            })),
        }
    }

    /// `__debug__` is a constant: binding it anywhere is a SyntaxError.
    #[inline]
    fn check_not_debug(&self, name: Span) -> PResult<()> {
        if name.end - name.start == 9 && name.text(self.source) == "__debug__" {
            return Err(self.fail(assign_to_debug(name)));
        }
        Ok(())
    }

    fn block(&mut self, header: &str, header_start: u32) -> PResult<Block> {
        self.block_with_prelude(header, header_start, None, 0)
    }

    /// A block whose first statement is `prelude` (starting at `prelude_start`), if given.
    fn block_with_prelude(
        &mut self,
        header: &str,
        header_start: u32,
        prelude: Option<Stmt>,
        prelude_start: u32,
    ) -> PResult<Block> {
        self.expect(T::Colon, "':'")?;
        let mark = self.scratch.pending_stmts.len();
        if let Some(prelude) = prelude {
            self.push_stmt(prelude, prelude_start);
        }
        if self.eat(T::Newline) {
            if !self.eat(T::Indent) {
                let line = self.line_of(header_start);
                return Err(self.fail(ParseError {
                    kind: ParseErrorKind::Indentation,
                    message: format!("expected an indented block after {header} on line {line}"),
                    span: self.span(),
                }));
            }
            while !self.eat(T::Dedent) {
                if self.peek() == T::EndOfFile {
                    break;
                }
                if self.peek() == T::Indent {
                    return Err(self.error_at(ParseErrorKind::Indentation, "unexpected indent"));
                }
                self.statement()?;
            }
        } else {
            self.simple_statements()?;
        }
        Ok(self.finish_block(mark))
    }

    fn if_statement(&mut self) -> PResult<()> {
        let start = self.advance().span.start;
        let test = self.named_expression()?.id;
        let body = self.block("'if' statement", start)?;
        let orelse = self.else_chain()?;
        self.push_stmt(Stmt::If { test, body, orelse }, start);
        Ok(())
    }

    /// Parses what follows an `if` body: an `elif` (as a nested `if`), an `else`, or nothing.
    fn else_chain(&mut self) -> PResult<Block> {
        if self.peek() == T::Elif {
            let mark = self.scratch.pending_stmts.len();
            let start = self.advance().span.start;
            let test = self.named_expression()?.id;
            let body = self.block("'elif' statement", start)?;
            let orelse = self.else_chain()?;
            self.push_stmt(Stmt::If { test, body, orelse }, start);
            return Ok(self.finish_block(mark));
        }
        self.else_block()
    }

    fn else_block(&mut self) -> PResult<Block> {
        if self.peek() == T::Else {
            let start = self.advance().span.start;
            return self.block("'else' statement", start);
        }
        Ok(Block {
            start: self.ast.block_items.len() as u32,
            len: 0,
        })
    }

    fn while_statement(&mut self) -> PResult<()> {
        let start = self.advance().span.start;
        let test = self.named_expression()?.id;
        let body = self.block("'while' statement", start)?;
        let orelse = self.else_block()?;
        self.push_stmt(Stmt::While { test, body, orelse }, start);
        Ok(())
    }

    /// The target of a `for` (statement or comprehension clause), up to `in`: one expression,
    /// or the items of a bare tuple (`a, b`) as an [`Expr::Tuple`].
    fn for_target(&mut self, target_span: Span) -> PResult<ExprId> {
        let target_item = |p: &mut Self| -> PResult<Argument> {
            if p.eat(T::Star) {
                return Ok(Argument::Starred(p.binary_expr(BIT_OR_PRECEDENCE)?.id));
            }
            Ok(Argument::Positional(p.binary_expr(BIT_OR_PRECEDENCE)?.id))
        };
        let first = target_item(self)?;
        if let (Argument::Positional(first), false) = (first, self.peek() == T::Comma) {
            return Ok(first);
        }
        let mark = self.scratch.pending_args.len();
        self.scratch.pending_args.push(first);
        while self.eat(T::Comma) {
            if self.peek() == T::In {
                break;
            }
            let item = target_item(self)?;
            self.scratch.pending_args.push(item);
        }
        let items = self.finish_items(mark, target_span)?;
        let span = Span {
            start: target_span.start,
            end: self.previous_end(),
        };
        Ok(self.push_expr(Expr::Tuple(items), span, 1)?.id)
    }

    fn for_statement(&mut self) -> PResult<()> {
        let start = self.advance().span.start;
        let target_span = self.span();
        let target = self.for_target(target_span)?;
        // An unpacking loop iterates a hidden variable named by the target's own text (never
        // a valid identifier, so it cannot clash) and unpacks it first thing in the body.
        let unpack = match self.ast.expr(target) {
            Expr::Tuple(_) | Expr::List(_) => {
                let hidden = self.ast.expr_span(target);
                let value = self.push_expr(Expr::Name(hidden), hidden, 1)?.id;
                let prelude = if self.is_flat_unpack(target) {
                    Stmt::Assign {
                        targets: self.unpack_targets(target)?,
                        value,
                        unpack: true,
                    }
                } else {
                    self.check_unpack_target(target)?;
                    Stmt::UnpackTo { target, value }
                };
                Some((hidden, prelude))
            }
            _ => None,
        };
        let target = match unpack {
            Some((hidden, ..)) => hidden,
            None => self.assignment_target(target)?,
        };
        self.expect(T::In, "'in'")?;
        let iter = self.expression_list()?.id;
        let prelude = unpack.map(|(_, prelude)| prelude);
        let body = self.block_with_prelude("'for' statement", start, prelude, target_span.start)?;
        let orelse = self.else_block()?;
        self.push_stmt(
            Stmt::For {
                target,
                iter,
                body,
                orelse,
            },
            start,
        );
        Ok(())
    }

    fn def_statement(&mut self) -> PResult<()> {
        let start = self.advance().span.start;
        let name = self.name_span("a function name")?;
        self.check_not_debug(name)?;
        self.expect(T::LeftParen, "'('")?;
        let (signature, _) = self.parameters(T::RightParen)?;
        self.expect(T::RightParen, "')'")?;
        if self.peek() == T::Arrow {
            return Err(self.unsupported("annotations are", self.span()));
        }
        let body = self.block("function definition", start)?;
        self.push_stmt(
            Stmt::Def {
                name,
                signature,
                body,
            },
            start,
        );
        Ok(())
    }

    /// The parameter list of a `def` (up to `)`) or a `lambda` (up to `:`): pushes a
    /// [`Signature`] and returns its index and the depth of its deepest default value.
    fn parameters(&mut self, close: T) -> PResult<(u32, u32)> {
        // Positional then keyword-only names (and their defaults) in source order, on the
        // scratch stacks (a default value may hold a lambda with parameters of its own).
        let mark = self.scratch.targets.len();
        let defaults_mark = self.scratch.pending_defaults.len();
        let mut positional = None;
        let mut varargs = None;
        let mut varkw = None;
        let mut defaults_depth = 0;
        while self.peek() != close {
            let span = self.span();
            if varkw.is_some() {
                return Err(self.syntax_error("arguments cannot follow var-keyword argument", span));
            }
            match self.peek() {
                T::Slash => {
                    return Err(self.unsupported("positional-only parameters (/) are", span));
                }
                T::Star => {
                    self.advance();
                    if positional.is_some() {
                        return Err(self.syntax_error("* argument may appear only once", span));
                    }
                    positional = Some(self.scratch.targets.len() - mark);
                    if self.peek() == T::Name {
                        varargs = Some(self.parameter_name(mark, varargs)?);
                    } else if self.peek() != T::Comma || self.peek_at(1) == close {
                        return Err(self.syntax_error("named arguments must follow bare *", span));
                    }
                }
                T::DoubleStar => {
                    self.advance();
                    varkw = Some(self.parameter_name(mark, varargs)?);
                }
                T::Name => {
                    let param = self.parameter_name(mark, varargs)?;
                    let default = if self.eat(T::Equal) {
                        let default = self.expression()?;
                        defaults_depth = defaults_depth.max(default.depth());
                        Some(default.id)
                    } else {
                        None
                    };
                    let after_default = positional.is_none()
                        && self.scratch.pending_defaults[defaults_mark..]
                            .iter()
                            .any(Option::is_some);
                    if default.is_none() && after_default {
                        return Err(self
                            .syntax_error("non-default argument follows default argument", param));
                    }
                    self.scratch.targets.push(param);
                    self.scratch.pending_defaults.push(default);
                }
                _ => return Err(self.invalid_syntax()),
            }
            if self.peek() == T::Colon && close == T::RightParen {
                return Err(self.unsupported("annotations are", self.span()));
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        let named = self.scratch.targets.len() - mark;
        let star_seen = positional.is_some();
        let positional = positional.unwrap_or(named);
        if star_seen && positional == named && varargs.is_none() {
            return Err(self.syntax_error("named arguments must follow bare *", self.span()));
        }
        let names_start = self.ast.names.len() as u32;
        move_tail(&mut self.scratch.targets, mark, &mut self.ast.names);
        self.ast.names.extend(varargs);
        self.ast.names.extend(varkw);
        let names = Range {
            start: names_start,
            len: self.ast.names.len() as u32 - names_start,
        };
        if names.len > 255 {
            return Err(self.unsupported("more than 255 parameters are", self.span()));
        }
        let defaults_start = self.ast.param_defaults.len() as u32;
        move_tail(
            &mut self.scratch.pending_defaults,
            defaults_mark,
            &mut self.ast.param_defaults,
        );
        let signature = Signature {
            names,
            positional: positional as u32,
            keyword_only: (named - positional) as u32,
            varargs: varargs.is_some(),
            varkw: varkw.is_some(),
            defaults: Range {
                start: defaults_start,
                len: self.ast.param_defaults.len() as u32 - defaults_start,
            },
        };
        self.ast.signatures.push(signature);
        Ok((self.ast.signatures.len() as u32 - 1, defaults_depth))
    }

    /// A parameter name, refused if it repeats an earlier one of the same list.
    fn parameter_name(&mut self, mark: usize, varargs: Option<Span>) -> PResult<Span> {
        let param = self.name_span("a parameter name")?;
        self.check_not_debug(param)?;
        let text = param.text(self.source);
        let earlier = self.scratch.targets[mark..]
            .iter()
            .chain(varargs.iter())
            .any(|p| p.text(self.source) == text);
        if earlier {
            return Err(self.syntax_error(
                &format!("duplicate argument '{text}' in function definition"),
                param,
            ));
        }
        Ok(param)
    }

    fn syntax_error(&self, message: &str, span: Span) -> Failed {
        self.fail(ParseError {
            kind: ParseErrorKind::Syntax,
            message: message.into(),
            span,
        })
    }

    /// An expression, or a tuple of them (`a, *b, c`) without brackets.
    #[inline(always)]
    fn expression_list(&mut self) -> PResult<Node> {
        let start = self.pos;
        let (first, node) = self.list_item()?;
        if let Argument::Positional(_) = first {
            if self.peek() != T::Comma {
                return Ok(node);
            }
        }
        self.expression_list_rest(start, first, node)
    }

    /// [`Parser::expression_list`] once its first item (at token `start`; `first`, of
    /// expression `node`) is not all of it: a `,` follows, or the item is starred.
    #[inline(never)]
    fn expression_list_rest(&mut self, start: usize, first: Argument, node: Node) -> PResult<Node> {
        let start = self.span_at(start);
        match first {
            Argument::Positional(_) => {}
            _ => {
                if self.peek() != T::Comma {
                    let message = match self.peek() {
                        T::Equal => "starred assignment target must be in a list or tuple",
                        _ => "can't use starred expression here",
                    };
                    return Err(self.fail(ParseError {
                        kind: ParseErrorKind::Syntax,
                        message: message.into(),
                        span: Span {
                            start: start.start,
                            end: self.ast.expr_span(node.id).end,
                        },
                    }));
                }
            }
        }
        let mark = self.scratch.pending_args.len();
        self.scratch.pending_args.push(first);
        let mut depth = node.depth();
        let mut end = self.ast.expr_span(node.id).end;
        while self.peek() == T::Comma {
            end = self.advance().span.end;
            if !starts_expression(self.peek()) && self.peek() != T::Star {
                break;
            }
            let (item, node) = self.list_item()?;
            depth = depth.max(node.depth());
            end = self.ast.expr_span(node.id).end;
            self.scratch.pending_args.push(item);
        }
        let items = self.finish_items(mark, start)?;
        let span = Span {
            start: start.start,
            end,
        };
        self.push_expr(Expr::Tuple(items), span, depth + 1)
    }

    /// One item of an expression list or a display: an expression, or `*expression` (an
    /// [`Argument::Starred`]: unpacking, or a starred assignment target), with its expression.
    #[inline(always)]
    fn list_item(&mut self) -> PResult<(Argument, Node)> {
        if self.eat(T::Star) {
            let node = self.binary_expr(BIT_OR_PRECEDENCE)?;
            return Ok((Argument::Starred(node.id), node));
        }
        let node = self.expression()?;
        Ok((Argument::Positional(node.id), node))
    }

    /// A dict or set display, or a dict or set comprehension, after the opening brace.
    fn brace_display(&mut self, open: Span) -> PResult<Node> {
        if self.peek() == T::RightBrace {
            return self.dict_display(open, None);
        }
        if self.peek() == T::DoubleStar {
            return Err(self.unsupported("** in dict displays is", self.span()));
        }
        if self.peek() == T::Star {
            return Err(self.unsupported("starred expressions are", self.span()));
        }
        let first = self.named_expression()?;
        match self.peek() {
            T::Colon => {
                self.advance();
                let value = self.expression()?;
                if self.peek() != T::For {
                    return self.dict_display(open, Some((first, value)));
                }
                // The entry is a two-item tuple node (see `Expr::DictComp`).
                let mark = self.scratch.pending_args.len();
                self.scratch
                    .pending_args
                    .push(Argument::Positional(first.id));
                self.scratch
                    .pending_args
                    .push(Argument::Positional(value.id));
                let items = self.finish_items(mark, open)?;
                let depth = first.depth().max(value.depth()) + 1;
                let span = self.join(first, value);
                let entry = self.push_expr(Expr::Tuple(items), span, depth)?;
                let (clauses, span, depth) = self.comprehension(open, entry, T::RightBrace)?;
                self.push_expr(
                    Expr::DictComp {
                        entry: entry.id,
                        clauses,
                    },
                    span,
                    depth,
                )
            }
            T::For => {
                let (clauses, span, depth) = self.comprehension(open, first, T::RightBrace)?;
                self.push_expr(
                    Expr::SetComp {
                        elt: first.id,
                        clauses,
                    },
                    span,
                    depth,
                )
            }
            _ => self.set_display(open, first),
        }
    }

    /// `{k: v, ...}` after the first pair (if any), up to the closing brace.
    fn dict_display(&mut self, open: Span, first: Option<(Node, Node)>) -> PResult<Node> {
        let mark = self.scratch.pending_args.len();
        let mut depth = 0;
        let mut more = true;
        if let Some((key, value)) = first {
            depth = key.depth().max(value.depth());
            self.scratch.pending_args.push(Argument::Positional(key.id));
            self.scratch
                .pending_args
                .push(Argument::Positional(value.id));
            more = self.eat(T::Comma);
        }
        while more && self.peek() != T::RightBrace {
            if self.peek() == T::DoubleStar {
                return Err(self.unsupported("** in dict displays is", self.span()));
            }
            let key = self.expression()?;
            self.expect(T::Colon, "':'")?;
            let value = self.expression()?;
            if self.peek() == T::For {
                return Err(self.invalid_syntax());
            }
            depth = depth.max(key.depth()).max(value.depth());
            self.scratch.pending_args.push(Argument::Positional(key.id));
            self.scratch
                .pending_args
                .push(Argument::Positional(value.id));
            more = self.eat(T::Comma);
        }
        let close = self.expect(T::RightBrace, "'}'")?;
        let items = self.finish_items(mark, open)?;
        let span = Span {
            start: open.start,
            end: close.span.end,
        };
        self.push_expr(Expr::Dict(items), span, depth + 1)
    }

    /// `{a, b, ...}` after the first item, up to the closing brace.
    fn set_display(&mut self, open: Span, first: Node) -> PResult<Node> {
        let mark = self.scratch.pending_args.len();
        let mut depth = first.depth();
        self.scratch
            .pending_args
            .push(Argument::Positional(first.id));
        let mut more = self.eat(T::Comma);
        while more && self.peek() != T::RightBrace {
            if self.peek() == T::Star {
                return Err(self.unsupported("starred expressions are", self.span()));
            }
            let item = self.named_expression()?;
            if self.peek() == T::For {
                return Err(self.invalid_syntax());
            }
            depth = depth.max(item.depth());
            self.scratch
                .pending_args
                .push(Argument::Positional(item.id));
            more = self.eat(T::Comma);
        }
        let close = self.expect(T::RightBrace, "'}'")?;
        let items = self.finish_items(mark, open)?;
        let span = Span {
            start: open.start,
            end: close.span.end,
        };
        self.push_expr(Expr::Set(items), span, depth + 1)
    }

    /// `[elt for ... in ... if ...]` after `elt`, up to the closing bracket.
    fn list_comprehension(&mut self, open: Span, elt: Node) -> PResult<Node> {
        let (clauses, span, depth) = self.comprehension(open, elt, T::RightBracket)?;
        self.push_expr(
            Expr::ListComp {
                elt: elt.id,
                clauses,
            },
            span,
            depth,
        )
    }

    /// The `for ... in ... if ...` clauses of a comprehension after its element `elt`, up to
    /// `close`: the clauses, the whole comprehension's span and its depth.
    fn comprehension(&mut self, open: Span, elt: Node, close: T) -> PResult<(Range, Span, u32)> {
        let mut clauses: Vec<Comprehension> = Vec::new();
        let mut depth = elt.depth();
        while self.eat(T::For) {
            let target_span = self.span();
            let target = self.for_target(target_span)?;
            match self.ast.expr(target) {
                Expr::Name(name) => self.check_not_debug(name)?,
                Expr::Tuple(_) | Expr::List(_) if !self.is_flat_unpack(target) => {
                    self.check_unpack_target(target)?;
                }
                Expr::Tuple(_) | Expr::List(_) => {
                    // Checked now; the compiler reads the names back from the tuple.
                    let names = self.unpack_targets(target)?;
                    self.ast.names.truncate(names.start as usize);
                }
                _ => return Err(self.unsupported("this comprehension target is", target_span)),
            }
            self.expect(T::In, "'in'")?;
            let iter = self.binary_expr(1)?;
            depth = depth.max(iter.depth());
            let iter = iter.id;
            let mark = self.scratch.pending_args.len();
            while self.eat(T::If) {
                let condition = self.binary_expr(1)?;
                depth = depth.max(condition.depth());
                self.scratch
                    .pending_args
                    .push(Argument::Positional(condition.id));
            }
            let conditions = self.finish_items(mark, target_span)?;
            clauses.push(Comprehension {
                target,
                iter,
                conditions,
            });
        }
        let what = match close {
            T::RightBrace => "'}'",
            T::RightParen => "')'",
            _ => "']'",
        };
        let close = self.expect(close, what)?;
        let start = self.ast.comprehensions.len() as u32;
        self.ast.comprehensions.extend(clauses.iter().copied());
        let clauses = Range {
            start,
            len: clauses.len() as u32,
        };
        let span = Span {
            start: open.start,
            end: close.span.end,
        };
        Ok((clauses, span, depth + 1))
    }

    /// Moves the display items collected since `mark` into the AST's pool.
    fn finish_items(&mut self, mark: usize, span: Span) -> PResult<Range> {
        let start = self.ast.arguments.len() as u32;
        let len = self.scratch.pending_args.len() - mark;
        if len > u16::MAX as usize {
            return Err(self.unsupported("displays with more than 65535 items are", span));
        }
        move_tail(
            &mut self.scratch.pending_args,
            mark,
            &mut self.ast.arguments,
        );
        Ok(Range {
            start,
            len: len as u32,
        })
    }

    /// The items of a parenthesised tuple or a list display, after `first`, up to `close`.
    fn display_items(&mut self, open: Span, first: Option<Node>, close: T) -> PResult<Node> {
        let mark = self.scratch.pending_args.len();
        let mut depth = 0;
        let mut more = true;
        if let Some(first) = first {
            depth = first.depth();
            self.scratch
                .pending_args
                .push(Argument::Positional(first.id));
            more = self.eat(T::Comma);
        }
        while more && self.peek() != close {
            if self.eat(T::Star) {
                let item = self.binary_expr(BIT_OR_PRECEDENCE)?;
                depth = depth.max(item.depth());
                self.scratch.pending_args.push(Argument::Starred(item.id));
                if !self.eat(T::Comma) {
                    if close == T::RightParen && self.scratch.pending_args.len() == mark + 1 {
                        // `(*xs)` is not a tuple.
                        return Err(self.syntax_error(
                            "cannot use starred expression here",
                            self.ast.expr_span(item.id),
                        ));
                    }
                    break;
                }
                continue;
            }
            let item = self.named_expression()?;
            if self.peek() == T::For {
                return Err(self.unsupported("list comprehensions are", open));
            }
            depth = depth.max(item.depth());
            self.scratch
                .pending_args
                .push(Argument::Positional(item.id));
            if !self.eat(T::Comma) {
                break;
            }
        }
        let end = self.expect(close, if close == T::RightParen { "')'" } else { "']'" })?;
        let items = self.finish_items(mark, open)?;
        let span = Span {
            start: open.start,
            end: end.span.end,
        };
        let expr = if close == T::RightParen {
            Expr::Tuple(items)
        } else {
            Expr::List(items)
        };
        self.push_expr(expr, span, depth + 1)
    }

    #[inline(always)]
    fn named_expression(&mut self) -> PResult<Node> {
        let expr = self.expression()?;
        if self.peek() == T::ColonEqual {
            return Err(self.unsupported("assignment expressions (:=) are", self.span()));
        }
        Ok(expr)
    }

    #[inline(always)]
    fn expression(&mut self) -> PResult<Node> {
        if self.peek() == T::Lambda {
            return self.lambda();
        }
        let body = self.disjunction()?;
        if self.peek() != T::If {
            return Ok(body);
        }
        self.conditional(body)
    }

    /// `body if test else orelse`, after `body`.
    #[inline(never)]
    fn conditional(&mut self, body: Node) -> PResult<Node> {
        self.advance();
        let test = self.binary_expr(0)?;
        self.expect(T::Else, "'else' after conditional expression")?;
        let orelse = self.expression()?;
        let depth = 1 + body.depth().max(test.depth()).max(orelse.depth());
        let span = self.join(body, orelse);
        self.push_expr(
            Expr::Conditional {
                test: test.id,
                body: body.id,
                orelse: orelse.id,
            },
            span,
            depth,
        )
    }

    /// `lambda params: body`.
    fn lambda(&mut self) -> PResult<Node> {
        let start = self.advance().span.start;
        let (signature, defaults_depth) = self.parameters(T::Colon)?;
        self.expect(T::Colon, "':'")?;
        let body = self.expression()?;
        let span = Span {
            start,
            end: self.ast.expr_span(body.id).end,
        };
        let depth = defaults_depth.max(body.depth());
        self.push_expr(
            Expr::Lambda {
                signature,
                body: body.id,
            },
            span,
            depth + 1,
        )
    }

    /// Everything from `or` down to `*` by precedence climbing (Pratt style): one Rust frame
    /// per operator actually nested, not one per grammar level.
    ///
    /// A simple operand that no operator binding at least `min_precedence` follows (a lone
    /// name or number, the common case) is all of it, taken without a call.
    #[inline(always)]
    fn binary_expr(&mut self, min_precedence: u8) -> PResult<Node> {
        match self.simple_operand() {
            Some((operand, next))
                if self
                    .infix_precedence(next)
                    .is_none_or(|next| next < min_precedence) =>
            {
                Ok(operand)
            }
            operand => self.binary_climb(min_precedence, operand.map(|(operand, _)| operand)),
        }
    }

    /// [`Parser::binary_expr`]`(0)` (the grammar's `disjunction`: an expression but a
    /// conditional or a lambda) where most expressions start, an expression statement and
    /// [`Parser::expression`]. A simple operand and an arithmetic operator (`n - 1`, `a + b`)
    /// take the first turn of `binary_climb`'s loop here, and the loop is called only if
    /// another operator follows: one call fewer for the commonest binary expression (44
    /// instructions fewer per `2 + 3`, 34 per `(10 + 20) * 3 / 2`, callgrind). Only these two
    /// places take it: inlined into every `binary_expr` it made other functions dearer.
    #[inline(always)]
    fn disjunction(&mut self) -> PResult<Node> {
        match self.spanned_simple_operand() {
            // (Carrying the span costs `print(42)` ~6 instructions, where this is inlined into
            // `call`'s argument, and saves 7 per `2 + 3`, 6 per `(10 + 20) * 3 / 2`.)
            Some((left, next, left_span)) => {
                if let Some((op, precedence)) = binary_op(next) {
                    self.pos += 1;
                    let (node, kind) = self.binary_rest(op, precedence, left, left_span.start)?;
                    if self.infix_precedence(kind).is_none() {
                        return Ok(node);
                    }
                    return self.binary_climb(0, Some(node));
                }
                if self.infix_precedence(next).is_none() {
                    return Ok(left);
                }
                self.binary_climb(0, Some(left))
            }
            None => self.binary_climb(0, None),
        }
    }

    /// [`Parser::binary_expr`] whose first operand is `left` if already parsed (`None`: the
    /// next token does not start a simple operand).
    fn binary_climb(&mut self, min_precedence: u8, left: Option<Node>) -> PResult<Node> {
        let mut left = match left {
            Some(left) => left,
            None if self.peek() == T::Not => {
                if min_precedence > NOT_PRECEDENCE {
                    return Err(self.invalid_syntax());
                }
                self.not_chain()?
            }
            // `name(...)`, `name[...]`, `name.attr`: the name is the atom (no unary operator
            // or `await` precedes it), so `factor` → `power` → `primary` → `atom` reduce to
            // its leaf, its trailers and a possible `**`.
            None if self.peek() == T::Name => {
                let span = self.advance().span;
                let name = self.push_leaf(Expr::Name(span), span);
                let primary = self.trailers(name)?;
                self.power_rest(primary)?
            }
            // `(...)` likewise: its atom is the parenthesised expression or display.
            None if self.peek() == T::LeftParen => {
                let atom = self.atom()?;
                let primary = self.trailers(atom)?;
                self.power_rest(primary)?
            }
            None => self.factor()?,
        };
        // The next token's kind: read once per operator, or handed on by a simple operand
        // that read it already.
        let mut kind = self.peek();
        loop {
            let (precedence, infix) = match kind {
                T::Or => (1, Infix::Logical(LogicalOp::Or)),
                T::And => (2, Infix::Logical(LogicalOp::And)),
                T::EqEqual
                | T::NotEqual
                | T::Less
                | T::LessEqual
                | T::Greater
                | T::GreaterEqual
                | T::In
                | T::Is => (COMPARISON_PRECEDENCE, Infix::Compare),
                T::Not if self.peek_at(1) == T::In => (COMPARISON_PRECEDENCE, Infix::Compare),
                _ => match binary_op(kind) {
                    Some((op, precedence)) => (precedence, Infix::Binary(op)),
                    None => return Ok(left),
                },
            };
            if precedence < min_precedence {
                return Ok(left);
            }
            left = match infix {
                Infix::Logical(op) => {
                    self.advance();
                    let right = self.binary_expr(precedence + 1)?;
                    kind = self.peek();
                    self.logical(op, left, right)?
                }
                Infix::Compare => {
                    let chain = self.comparison_chain(left)?;
                    kind = self.peek();
                    chain
                }
                Infix::Binary(op) => {
                    self.advance();
                    let start = self.ast.expr_span(left.id).start;
                    let (node, next) = self.binary_rest(op, precedence, left, start)?;
                    kind = next;
                    node
                }
            };
        }
    }

    /// `left op ...` once `op` (of `precedence`) has been read: its right operand and the
    /// node, with the kind of the token after them (`binary_climb`'s next operator). `start`
    /// is where `left` starts: a caller that has just made it knows without reading its node
    /// back (nor, for a simple right operand, is that node read back).
    #[inline(always)]
    fn binary_rest(
        &mut self,
        op: BinaryOp,
        precedence: u8,
        left: Node,
        start: u32,
    ) -> PResult<(Node, T)> {
        // `binary_expr(precedence + 1)`, spelt out to keep a simple operand's `next` (a helper
        // returning it cost 6 instructions more per `2 + 3` and 25 per `(10 + 20) * 3 / 2`
        // than this, callgrind).
        let (right, kind, end) = match self.spanned_simple_operand() {
            Some((operand, next, span))
                if self
                    .infix_precedence(next)
                    .is_none_or(|next| next <= precedence) =>
            {
                (operand, next, span.end)
            }
            operand => {
                let right =
                    self.binary_climb(precedence + 1, operand.map(|(operand, ..)| operand))?;
                (right, self.peek(), self.ast.expr_span(right.id).end)
            }
        };
        let depth = 1 + left.depth().max(right.depth());
        let span = Span { start, end };
        let binary = Expr::Binary {
            op,
            left: left.id,
            right: right.id,
        };
        Ok((self.push_expr(binary, span, depth)?, kind))
    }

    /// The precedence of the infix operator `kind`, the next token, if it is one (as
    /// `binary_climb` ranks them).
    /// The table repeats `binary_climb`'s on purpose: deriving both from one function that
    /// returns `(precedence, Infix)` cost 7 instructions per `2 + 3` and 15 per
    /// `(10 + 20) * 3 / 2` (callgrind), on the path every expression takes.
    #[inline(always)]
    fn infix_precedence(&self, kind: T) -> Option<u8> {
        match kind {
            T::Or => Some(1),
            T::And => Some(2),
            T::EqEqual
            | T::NotEqual
            | T::Less
            | T::LessEqual
            | T::Greater
            | T::GreaterEqual
            | T::In
            | T::Is => Some(COMPARISON_PRECEDENCE),
            T::Not if self.peek_at(1) == T::In => Some(COMPARISON_PRECEDENCE),
            kind => binary_op(kind).map(|(_, precedence)| precedence),
        }
    }

    fn logical(&mut self, op: LogicalOp, left: Node, right: Node) -> PResult<Node> {
        let depth = 1 + left.depth().max(right.depth());
        let span = self.join(left, right);
        let logical = Expr::Logical {
            op,
            left: left.id,
            right: right.id,
        };
        self.push_expr(logical, span, depth)
    }

    /// `not` chains are counted in a loop rather than parsed by recursion.
    fn not_chain(&mut self) -> PResult<Node> {
        let first = self.pos;
        while self.peek() == T::Not {
            self.advance();
        }
        let count = self.pos - first;
        let mut expr = self.binary_expr(COMPARISON_PRECEDENCE)?;
        for index in (first..first + count).rev() {
            let span = Span {
                start: self.tokens[index].span.start,
                end: self.ast.expr_span(expr.id).end,
            };
            expr = self.push_expr(
                Expr::Unary {
                    op: UnaryOp::Not,
                    operand: expr.id,
                },
                span,
                expr.depth() + 1,
            )?;
        }
        Ok(expr)
    }

    /// `left op1 e1 op2 e2 ...` once the first comparison operator is next.
    fn comparison_chain(&mut self, left: Node) -> PResult<Node> {
        let mark = self.scratch.pending_comparisons.len();
        let mut depth = left.depth();
        let mut last = left;
        loop {
            let op = match self.peek() {
                T::EqEqual => CompareOp::Eq,
                T::NotEqual => CompareOp::NotEq,
                T::Less => CompareOp::Lt,
                T::LessEqual => CompareOp::LtE,
                T::Greater => CompareOp::Gt,
                T::GreaterEqual => CompareOp::GtE,
                T::In => CompareOp::In,
                T::Is if self.peek_at(1) == T::Not => {
                    self.advance();
                    CompareOp::IsNot
                }
                T::Is => CompareOp::Is,
                T::Not if self.peek_at(1) == T::In => {
                    self.advance();
                    CompareOp::NotIn
                }
                _ => break,
            };
            self.advance();
            let right = self.binary_expr(COMPARISON_PRECEDENCE + 1)?;
            depth = depth.max(right.depth());
            last = right;
            self.scratch.pending_comparisons.push((op, right.id));
        }
        if self.scratch.pending_comparisons.len() == mark {
            return Ok(left);
        }
        let start = self.ast.comparisons.len() as u32;
        move_tail(
            &mut self.scratch.pending_comparisons,
            mark,
            &mut self.ast.comparisons,
        );
        let len = self.ast.comparisons.len() as u32 - start;
        let span = self.join(left, last);
        self.push_expr(
            Expr::Compare {
                left: left.id,
                rest: Range { start, len },
            },
            span,
            depth + 1,
        )
    }

    /// The common operand, a name or an `i64` literal with no trailer (call, subscript,
    /// attribute) and no `**` after it, made directly: the same node and depth that
    /// `factor` → `power` → `primary` → `atom` would make, without the descent. With it
    /// comes the kind of the token after it (now next), already read.
    #[inline(always)]
    fn simple_operand(&mut self) -> Option<(Node, T)> {
        self.spanned_simple_operand()
            .map(|(operand, next, _)| (operand, next))
    }

    /// [`Parser::simple_operand`] with the operand's span, for the operands of a binary
    /// expression (`disjunction`, `binary_rest`), whose span is then made without reading
    /// them back. Kept apart from `binary_expr`, which never needs the span: there the wider
    /// result cost instructions and saved none (callgrind).
    #[inline(always)]
    fn spanned_simple_operand(&mut self) -> Option<(Node, T, Span)> {
        let token = *self.tokens.get(self.pos)?;
        let next = self.peek_at(1);
        if matches!(next, T::LeftParen | T::LeftBracket | T::Dot | T::DoubleStar) {
            return None;
        }
        let expr = match token.kind {
            T::Name => Expr::Name(token.span),
            T::Int => Expr::Int(self.int_value(token)?),
            _ => return None,
        };
        self.pos += 1;
        Some((self.push_leaf(expr, token.span), next, token.span))
    }

    /// Unary `+ - ~`, counted in a loop (long chains must not recurse), then a power.
    fn factor(&mut self) -> PResult<Node> {
        let first = self.pos;
        while unary_op(self.peek()).is_some() {
            self.advance();
        }
        let count = self.pos - first;
        let mut expr = self.power()?;
        for index in (first..first + count).rev() {
            let token = self.tokens[index];
            let op = unary_op(token.kind).unwrap_or(UnaryOp::Pos);
            let span = Span {
                start: token.span.start,
                end: self.ast.expr_span(expr.id).end,
            };
            let unary = Expr::Unary {
                op,
                operand: expr.id,
            };
            expr = self.push_expr(unary, span, expr.depth() + 1)?;
        }
        Ok(expr)
    }

    #[inline]
    fn power(&mut self) -> PResult<Node> {
        let base = self.primary()?;
        self.power_rest(base)
    }

    /// The rest of a power after its primary `base`: `** factor`, if next.
    #[inline(always)]
    fn power_rest(&mut self, base: Node) -> PResult<Node> {
        if !self.eat(T::DoubleStar) {
            return Ok(base);
        }
        let exponent = self.factor()?;
        let depth = 1 + base.depth().max(exponent.depth());
        let span = self.join(base, exponent);
        self.push_expr(
            Expr::Binary {
                op: BinaryOp::Pow,
                left: base.id,
                right: exponent.id,
            },
            span,
            depth,
        )
    }

    #[inline]
    fn primary(&mut self) -> PResult<Node> {
        if self.peek() == T::Await {
            return Err(self.unsupported("await expressions are", self.span()));
        }
        let expr = self.atom()?;
        self.trailers(expr)
    }

    /// The calls, subscripts and attributes after the atom `expr` of a primary.
    #[inline(always)]
    fn trailers(&mut self, mut expr: Node) -> PResult<Node> {
        loop {
            match self.peek() {
                T::LeftParen => expr = self.call(expr)?,
                T::LeftBracket => expr = self.subscript(expr)?,
                T::Dot => {
                    self.advance();
                    let name = self.expect(T::Name, "attribute name")?.span;
                    let span = Span {
                        start: self.ast.expr_span(expr.id).start,
                        end: name.end,
                    };
                    let attribute = Expr::Attribute {
                        value: expr.id,
                        name,
                    };
                    expr = self.push_expr(attribute, span, expr.depth() + 1)?;
                    if self.peek() != T::LeftParen {
                        return Err(
                            self.unsupported("attribute access other than method calls is", name)
                        );
                    }
                }
                _ => return Ok(expr),
            }
        }
    }

    /// `value[index]`, `value[a, b]` (a tuple index) or `value[lower:upper:step]`; tuples of
    /// slices are refused.
    fn subscript(&mut self, value: Node) -> PResult<Node> {
        let open = self.advance().span;
        let first = self.slice_or_expression()?;
        let index = if self.peek() == T::Comma {
            let mark = self.scratch.pending_args.len();
            let mut depth = first.depth();
            self.scratch
                .pending_args
                .push(Argument::Positional(first.id));
            while self.eat(T::Comma) && self.peek() != T::RightBracket {
                let item = self.slice_or_expression()?;
                depth = depth.max(item.depth());
                self.scratch
                    .pending_args
                    .push(Argument::Positional(item.id));
            }
            let items = self.finish_items(mark, open)?;
            if self
                .ast
                .arguments(items)
                .iter()
                .any(|item| matches!(self.ast.expr(item.value()), Expr::Slice { .. }))
            {
                return Err(self.unsupported("tuples of slices (x[a:b, c]) are", open));
            }
            let span = Span {
                start: self.ast.expr_span(first.id).start,
                end: self.previous_end(),
            };
            self.push_expr(Expr::Tuple(items), span, depth + 1)?
        } else {
            first
        };
        let close = self.expect(T::RightBracket, "']'")?;
        let span = Span {
            start: self.ast.expr_span(value.id).start,
            end: close.span.end,
        };
        let depth = value.depth().max(index.depth()) + 1;
        let subscript = Expr::Subscript {
            value: value.id,
            index: index.id,
        };
        self.push_expr(subscript, span, depth)
    }

    /// One subscript item: an expression, or a slice `[lower]:[upper][:[step]]` whose missing
    /// parts are `None` nodes (which is what Python passes for them).
    fn slice_or_expression(&mut self) -> PResult<Node> {
        let start = self.span();
        let lower = if self.peek() == T::Colon {
            None
        } else {
            let item = self.named_expression()?;
            if self.peek() != T::Colon {
                return Ok(item);
            }
            Some(item)
        };
        self.expect(T::Colon, "':'")?;
        let bound = |p: &mut Self, present: bool| -> PResult<Node> {
            if present {
                p.expression()
            } else {
                let here = Span {
                    start: p.span().start,
                    end: p.span().start,
                };
                p.push_expr(Expr::None, here, 0)
            }
        };
        let lower = match lower {
            Some(lower) => lower,
            None => bound(self, false)?,
        };
        let ends_part = |kind: T| matches!(kind, T::Colon | T::Comma | T::RightBracket);
        let upper = bound(self, !ends_part(self.peek()))?;
        let step = if self.eat(T::Colon) {
            bound(self, !ends_part(self.peek()))?
        } else {
            bound(self, false)?
        };
        let span = Span {
            start: start.start,
            end: self.previous_end(),
        };
        let depth = lower.depth().max(upper.depth()).max(step.depth());
        let slice = Expr::Slice {
            lower: lower.id,
            upper: upper.id,
            step: step.id,
        };
        self.push_expr(slice, span, depth + 1)
    }

    fn call(&mut self, func: Node) -> PResult<Node> {
        self.advance();
        let mark = self.scratch.pending_args.len();
        let mut depth = func.depth();
        let mut seen_keyword = false;
        // A call's only argument (the common call) goes straight to `Ast::arguments` below,
        // without the scratch stack and the move from it.
        let mut only = None;
        while self.peek() != T::RightParen {
            let argument_start = self.pos;
            let (argument, value) = match self.peek() {
                T::Star => {
                    let span = self.advance().span;
                    let value = self.expression()?;
                    if seen_keyword {
                        // CPython allows `f(a=1, *xs)`; it would reorder arguments.
                        return Err(
                            self.unsupported("*arguments after keyword arguments are", span)
                        );
                    }
                    (Argument::Starred(value.id), value)
                }
                T::DoubleStar => {
                    return Err(self.unsupported("**keyword arguments are", self.span()))
                }
                T::Name if self.peek_at(1) == T::Equal => {
                    let name = self.advance().span;
                    self.check_not_debug(name)?;
                    self.advance();
                    let value = self.expression()?;
                    seen_keyword = true;
                    let text = name.text(self.source);
                    let duplicate = self.scratch.pending_args[mark..].iter().any(|a| {
                        matches!(a, Argument::Keyword { name: other, .. } if other.text(self.source) == text)
                    });
                    if duplicate {
                        return Err(self.fail(ParseError {
                            kind: ParseErrorKind::Syntax,
                            message: format!("keyword argument repeated: {text}"),
                            span: name,
                        }));
                    }
                    let argument = Argument::Keyword {
                        name,
                        value: value.id,
                    };
                    (argument, value)
                }
                _ => {
                    let mut value = self.named_expression()?;
                    if self.peek() == T::For {
                        let span = self.span_at(argument_start);
                        if self.scratch.pending_args.len() > mark || seen_keyword {
                            return Err(self
                                .syntax_error("Generator expression must be parenthesized", span));
                        }
                        // `f(x for x in xs)`: the call's parentheses are the generator's.
                        let (clauses, genexp_span, depth) =
                            self.comprehension(span, value, T::RightParen)?;
                        self.pos -= 1;
                        value = self.push_expr(
                            Expr::GenExp {
                                elt: value.id,
                                clauses,
                            },
                            genexp_span,
                            depth,
                        )?;
                    }
                    if seen_keyword {
                        return Err(self.fail(ParseError {
                            kind: ParseErrorKind::Syntax,
                            message: "positional argument follows keyword argument".into(),
                            span: self.ast.expr_span(value.id),
                        }));
                    }
                    (Argument::Positional(value.id), value)
                }
            };
            depth = depth.max(value.depth());
            if self.peek() == T::RightParen && self.scratch.pending_args.len() == mark {
                only = Some(argument);
                break;
            }
            self.scratch.pending_args.push(argument);
            if !self.eat(T::Comma) {
                break;
            }
        }
        let close = self.expect(T::RightParen, "')'")?;
        let start = self.ast.arguments.len() as u32;
        let len = if let Some(argument) = only {
            self.ast.arguments.push(argument);
            1
        } else {
            let len = (self.scratch.pending_args.len() - mark) as u32;
            if len > 255 {
                return Err(self.unsupported("calls with more than 255 arguments are", close.span));
            }
            move_tail(
                &mut self.scratch.pending_args,
                mark,
                &mut self.ast.arguments,
            );
            len
        };
        let span = Span {
            start: self.ast.expr_span(func.id).start,
            end: close.span.end,
        };
        self.push_expr(
            Expr::Call {
                func: func.id,
                args: Range { start, len },
            },
            span,
            depth + 1,
        )
    }

    fn atom(&mut self) -> PResult<Node> {
        let at = self.pos;
        let token = self.advance();
        let span = token.span;
        let expr = match token.kind {
            T::Name => Expr::Name(span),
            T::True => Expr::True,
            T::False => Expr::False,
            T::None => Expr::None,
            T::Int => match self.int_value(token) {
                Some(value) => Expr::Int(value),
                None => {
                    let text = span.text(self.source);
                    let decimal =
                        !matches!(text.get(..2), Some("0x" | "0X" | "0o" | "0O" | "0b" | "0B"));
                    let digits = text.bytes().filter(|&b| b != b'_').count();
                    // CPython 3.11's limit on decimal conversion applies to literals too.
                    if decimal && digits > 4300 {
                        return Err(self.fail(ParseError {
                            kind: ParseErrorKind::Syntax,
                            message: format!("Exceeds the limit (4300 digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."),
                            span,
                        }));
                    }
                    Expr::BigInt(span)
                }
            },
            T::Float => {
                let text = span.text(self.source);
                let parsed = if text.contains('_') {
                    text.replace('_', "").parse()
                } else {
                    text.parse()
                };
                Expr::Float(parsed.map_err(|_| {
                    self.fail(ParseError {
                        kind: ParseErrorKind::Syntax,
                        message: "invalid float literal".into(),
                        span,
                    })
                })?)
            }
            T::Str => return self.strings(span),
            T::Imaginary => return Err(self.unsupported("complex numbers are", span)),
            T::LeftParen => {
                if matches!(self.peek(), T::RightParen | T::Star) {
                    return self.display_items(span, None, T::RightParen);
                }
                if self.peek() == T::Yield {
                    return Err(self.unsupported("generators (yield) are", span));
                }
                let inner = self.named_expression()?;
                match self.peek() {
                    T::Comma => return self.display_items(span, Some(inner), T::RightParen),
                    T::For => {
                        let (clauses, span, depth) =
                            self.comprehension(span, inner, T::RightParen)?;
                        return self.push_expr(
                            Expr::GenExp {
                                elt: inner.id,
                                clauses,
                            },
                            span,
                            depth,
                        );
                    }
                    _ => {}
                }
                let close = self.expect(T::RightParen, "')'")?;
                let depth = inner.depth() + 1;
                // Parentheses only group; keep the inner node but widen nothing.
                let _ = close;
                if depth > self.max_depth {
                    return self.push_expr(Expr::None, span, depth);
                }
                return Ok(inner);
            }
            T::LeftBracket => {
                if self.peek() == T::RightBracket {
                    return self.display_items(span, None, T::RightBracket);
                }
                if self.peek() == T::Star {
                    return self.display_items(span, None, T::RightBracket);
                }
                let first = self.named_expression()?;
                if self.peek() == T::For {
                    return self.list_comprehension(span, first);
                }
                return self.display_items(span, Some(first), T::RightBracket);
            }
            T::LeftBrace => return self.brace_display(span),
            T::Ellipsis => return Err(self.unsupported("the Ellipsis literal is", span)),
            T::Star => {
                self.pos = at;
                return Err(self.invalid_syntax());
            }
            T::Indent => {
                self.pos = at;
                return Err(self.error_at(ParseErrorKind::Indentation, "unexpected indent"));
            }
            T::Newline | T::EndOfFile | T::Dedent => {
                self.pos = at;
                return Err(self.invalid_syntax());
            }
            _ => {
                self.pos = at;
                return Err(self.invalid_syntax());
            }
        };
        self.push_expr(expr, span, 1)
    }

    /// The value of the integer literal `token`: the one the lexer found, if it did, else
    /// [`Parser::int_literal`]'s.
    #[inline(always)]
    fn int_value(&self, token: Token) -> Option<i64> {
        if token.value != Token::NO_VALUE {
            return Some(i64::from(token.value));
        }
        self.int_literal(token.span)
    }

    /// The value of an integer literal (the lexer has validated its digits); `None` when it
    /// does not fit `i64` (the literal becomes an [`Expr::BigInt`]).
    #[inline(always)]
    fn int_literal(&self, span: Span) -> Option<i64> {
        // Fast path: up to 18 plain decimal digits cannot overflow (one pass over them). The
        // bytes, not the text: a token's span needs no UTF-8 boundary checks.
        let bytes = self
            .source
            .as_bytes()
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default();
        if bytes.len() <= 18 {
            let mut value = 0i64;
            for &b in bytes {
                if !b.is_ascii_digit() {
                    return self.int_literal_general(span.text(self.source));
                }
                value = value * 10 + i64::from(b - b'0');
            }
            return Some(value);
        }
        self.int_literal_general(span.text(self.source))
    }

    /// [`Parser::int_literal`] of longer literals, underscores and other bases.
    fn int_literal_general(&self, text: &str) -> Option<i64> {
        let (digits, radix) = match text.get(..2) {
            Some("0x" | "0X") => (&text[2..], 16),
            Some("0o" | "0O") => (&text[2..], 8),
            Some("0b" | "0B") => (&text[2..], 2),
            _ => (text, 10),
        };
        let mut value: i64 = 0;
        for c in digits.chars().filter(|&c| c != '_') {
            let digit = c.to_digit(radix).map_or(0, i64::from);
            value = value
                .checked_mul(i64::from(radix))
                .and_then(|v| v.checked_add(digit))?;
        }
        Some(value)
    }

    /// One or more adjacent string literals, concatenated.
    fn strings(&mut self, first: Span) -> PResult<Node> {
        let formatted = std::iter::once(first)
            .chain(
                self.tokens[self.pos..]
                    .iter()
                    .take_while(|t| t.kind == T::Str)
                    .map(|t| t.span),
            )
            .any(|span| literal_shape(span.text(self.source)).formatted);
        if formatted {
            return self.fstring(first);
        }
        let start = self.ast.string_data.len();
        let mut span = first;
        let mut token_span = first;
        loop {
            let text = token_span.text(self.source);
            if let Err(error) = decode_into(text, &mut self.ast.string_data) {
                return Err(match error {
                    StringError::Unsupported(what) => {
                        self.unsupported(&format!("{what} are"), token_span)
                    }
                    StringError::BadEscape(message) => self.fail(ParseError {
                        kind: ParseErrorKind::Syntax,
                        message: format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes: {message}"
                        ),
                        span: token_span,
                    }),
                });
            }
            if self.peek() != T::Str {
                break;
            }
            token_span = self.advance().span;
            span.end = token_span.end;
        }
        let len = self.ast.string_data.len() - start;
        let lit = StrLit {
            start: start as u32,
            len: len as u32,
        };
        self.push_expr(Expr::Str(lit), span, 1)
    }
}

/// Building an f-string: its finished parts (on the scratch stack of arguments from
/// `mark`) and the start of the literal run being decoded into `Ast::string_data`.
struct FStringParts {
    mark: usize,
    literal_start: usize,
    depth: u32,
}

impl Parser<'_> {
    /// An f-string and any strings implicitly concatenated with it.
    fn fstring(&mut self, first: Span) -> PResult<Node> {
        let mut parts = FStringParts {
            mark: self.scratch.pending_args.len(),
            literal_start: self.ast.string_data.len(),
            depth: 0,
        };
        let mut span = first;
        let mut token_span = first;
        loop {
            let text = token_span.text(self.source);
            let shape = literal_shape(text);
            if shape.bytes {
                return Err(self.unsupported("bytes literals are", token_span));
            }
            let inner = token_span.start as usize + shape.inner.start
                ..token_span.start as usize + shape.inner.end;
            if shape.formatted {
                self.fstring_body(inner, shape.raw, 0, &mut parts)?;
            } else {
                self.decode_literal(inner, shape.raw, token_span)?;
            }
            if self.peek() != T::Str {
                break;
            }
            token_span = self.advance().span;
            span.end = token_span.end;
        }
        self.finish_fstring(parts, span)
    }

    /// Closes the literal run and makes the [`Expr::FString`] of `parts`.
    fn finish_fstring(&mut self, mut parts: FStringParts, span: Span) -> PResult<Node> {
        self.flush_literal(&mut parts, span)?;
        let items = self.finish_items(parts.mark, span)?;
        self.push_expr(Expr::FString(items), span, parts.depth + 1)
    }

    /// Decodes source bytes `range` (a literal run) onto `Ast::string_data`.
    fn decode_literal(
        &mut self,
        range: std::ops::Range<usize>,
        raw: bool,
        span: Span,
    ) -> PResult<()> {
        let text = &self.source[range];
        decode_text(text, raw, &mut self.ast.string_data).map_err(|error| match error {
            StringError::Unsupported(what) => self.unsupported(&format!("{what} are"), span),
            StringError::BadEscape(message) => self.fail(ParseError {
                kind: ParseErrorKind::Syntax,
                message: format!(
                    "(unicode error) 'unicodeescape' codec can't decode bytes: {message}"
                ),
                span,
            }),
        })
    }

    /// Ends the literal run decoded so far as an [`Expr::Str`] part (if it is not empty).
    fn flush_literal(&mut self, parts: &mut FStringParts, span: Span) -> PResult<()> {
        let len = self.ast.string_data.len() - parts.literal_start;
        if len > 0 {
            let lit = StrLit {
                start: parts.literal_start as u32,
                len: len as u32,
            };
            let part = self.push_expr(Expr::Str(lit), span, 1)?;
            self.scratch
                .pending_args
                .push(Argument::Positional(part.id));
        }
        parts.literal_start = self.ast.string_data.len();
        Ok(())
    }

    fn fstring_error(&self, message: &str, at: usize) -> Failed {
        self.fail(ParseError {
            kind: ParseErrorKind::Syntax,
            message: message.into(),
            span: Span::new(at, at + 1),
        })
    }

    /// The text of an f-string (or of a format spec, at `level` 1) in source bytes `range`:
    /// literal runs with `{{`/`}}` and fields.
    fn fstring_body(
        &mut self,
        range: std::ops::Range<usize>,
        raw: bool,
        level: u32,
        parts: &mut FStringParts,
    ) -> PResult<()> {
        let bytes = self.source.as_bytes();
        let span = Span::new(range.start, range.end);
        let mut i = range.start;
        let mut run = i;
        while i < range.end {
            match bytes[i] {
                b'{' | b'}' if bytes.get(i + 1) == Some(&bytes[i]) && i + 1 < range.end => {
                    self.decode_literal(run..i + 1, raw, span)?;
                    i += 2;
                    run = i;
                }
                b'{' => {
                    self.decode_literal(run..i, raw, span)?;
                    self.flush_literal(parts, span)?;
                    i = self.fstring_field(i + 1, range.end, raw, level, parts)?;
                    parts.literal_start = self.ast.string_data.len();
                    run = i;
                }
                b'}' => return Err(self.fstring_error("f-string: single '}' is not allowed", i)),
                // `\N{name}` is an escape, not a field: skip to its `}` (as CPython does).
                b'\\' if !raw && bytes[i + 1..range.end].starts_with(b"N{") => {
                    i = match bytes[i + 3..range.end].iter().position(|&b| b == b'}') {
                        Some(at) => i + 3 + at + 1,
                        None => range.end,
                    };
                }
                b'\\' if !raw && bytes.get(i + 1).is_some_and(u8::is_ascii) => i += 2,
                _ => i += 1,
            }
        }
        self.decode_literal(run..range.end.max(run), raw, span)
    }

    /// One `{expression[=][!c][:spec]}` field starting after its `{` at byte `start`;
    /// returns the byte after its `}`.
    fn fstring_field(
        &mut self,
        start: usize,
        end: usize,
        raw: bool,
        level: u32,
        parts: &mut FStringParts,
    ) -> PResult<usize> {
        if level >= 2 {
            return Err(self.fstring_error("f-string: expressions nested too deeply", start));
        }
        let bytes = self.source.as_bytes();
        let expecting = |p: &Self, at: usize| p.fstring_error("f-string: expecting '}'", at);
        // The expression ends at a top-level `}`, `!`, `:` or `=` (not an operator's).
        let mut j = start;
        let mut nesting = 0u32;
        let mut quote = None;
        let mut debug = false;
        while j < end {
            let c = bytes[j];
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                j += 1;
                continue;
            }
            let next = bytes.get(j + 1).copied().unwrap_or(0);
            match c {
                b'\\' => {
                    return Err(self
                        .fstring_error("f-string expression part cannot include a backslash", j))
                }
                b'#' => {
                    return Err(self.fstring_error("f-string expression part cannot include '#'", j))
                }
                b'\'' | b'"' => quote = Some(c),
                b'(' | b'[' | b'{' => nesting += 1,
                b')' | b']' | b'}' if nesting > 0 => nesting -= 1,
                b'}' | b':' if nesting == 0 => break,
                b'!' if nesting == 0 && next != b'=' => break,
                b'=' if nesting == 0
                    && next != b'='
                    && !matches!(
                        bytes.get(j.wrapping_sub(1)),
                        Some(b'=' | b'!' | b'<' | b'>')
                    ) =>
                {
                    debug = true;
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        if j >= end {
            return Err(expecting(self, end));
        }
        if self.source[start..j].trim().is_empty() {
            return Err(self.fstring_error("f-string: empty expression not allowed", start));
        }
        let value = self.fstring_expression(start, j)?;
        if debug {
            // `{x = }`: the expression text as written, then its value.
            j += 1;
            while j < end && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            self.ast.string_data.push_str(&self.source[start..j]);
            let span = Span::new(start, j);
            self.flush_literal(parts, span)?;
        }
        let mut conversion = 0;
        if j < end && bytes[j] == b'!' {
            match bytes.get(j + 1) {
                Some(&c @ (b'r' | b's' | b'a')) if j + 2 < end => {
                    conversion = c;
                    j += 2;
                }
                _ => {
                    return Err(self.fstring_error(
                        "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                        j,
                    ))
                }
            }
            if !matches!(bytes[j], b':' | b'}') {
                return Err(expecting(self, j));
            }
        }
        let mut spec = None;
        if j < end && bytes[j] == b':' {
            // The spec runs to the `}` that closes this field (nested fields balance).
            let spec_start = j + 1;
            let mut k = spec_start;
            let mut nesting = 0u32;
            while k < end {
                match bytes[k] {
                    b'{' => nesting += 1,
                    b'}' if nesting == 0 => break,
                    b'}' => nesting -= 1,
                    _ => {}
                }
                k += 1;
            }
            if k >= end {
                return Err(expecting(self, end));
            }
            let mut spec_parts = FStringParts {
                mark: self.scratch.pending_args.len(),
                literal_start: self.ast.string_data.len(),
                depth: 0,
            };
            self.fstring_body(spec_start..k, raw, level + 1, &mut spec_parts)?;
            let spec_expr = self.finish_fstring(spec_parts, Span::new(spec_start, k))?;
            spec = Some(spec_expr);
            j = k;
        } else if debug && conversion == 0 {
            conversion = b'r';
        }
        if j >= end || bytes[j] != b'}' {
            return Err(expecting(self, j));
        }
        let span = Span::new(start, j);
        let depth = spec.map_or(0, |s: Node| s.depth()).max(value.depth()) + 1;
        parts.depth = parts.depth.max(depth);
        let field = self.push_expr(
            Expr::FormattedValue {
                value: value.id,
                conversion,
                spec: spec.map(|s| s.id),
            },
            span,
            depth,
        )?;
        self.scratch
            .pending_args
            .push(Argument::Positional(field.id));
        Ok(j + 1)
    }

    /// Parses source bytes `start..end` (an f-string field's expression) as an expression
    /// of this module: its tokens keep their offsets in the source.
    fn fstring_expression(&mut self, start: usize, end: usize) -> PResult<Node> {
        let invalid = |p: &Self| p.fstring_error("f-string: invalid syntax", start);
        // Leading blanks would lex as an indent.
        let text = &self.source[start..end];
        let start = start + (text.len() - text.trim_start().len());
        let mut tokens = Vec::new();
        if pyrust_lexer::tokenize_into(&self.source[start..end], &mut tokens).is_err() {
            return Err(invalid(self));
        }
        // As if in parentheses: line breaks and indentation do not count.
        tokens.retain(|t| !matches!(t.kind, T::Newline | T::Indent | T::Dedent));
        for token in &mut tokens {
            token.span.start += start as u32;
            token.span.end += start as u32;
        }
        // The end of the field, not of the source, is where its expression ends.
        tokens.push(Token {
            kind: T::EndOfFile,
            span: Span::new(end, end),
            value: Token::NO_VALUE,
        });
        let mut nested = Parser {
            source: self.source,
            tokens: &tokens,
            pos: 0,
            ast: &mut *self.ast,
            scratch: &mut *self.scratch,
            max_depth: self.max_depth,
            error: Cell::new(None),
            // (An expression makes no statement.)
            other_statements: false,
        };
        // (An unsupported construct is reported as such; any other error as CPython words it.)
        let outcome = match nested.expression_list() {
            Ok(value) if nested.peek() == T::EndOfFile => Ok(value),
            Err(Failed) => Err(nested
                .error
                .take()
                .filter(|error| error.kind == ParseErrorKind::Unsupported)),
            Ok(_) => Err(None),
        };
        match outcome {
            Ok(value) => Ok(value),
            Err(Some(unsupported)) => Err(self.fail(unsupported)),
            Err(None) => Err(invalid(self)),
        }
    }
}

/// Precedences: `or` 1, `and` 2, `not` 3, comparisons 4, then the binary operators 5..=10.
const NOT_PRECEDENCE: u8 = 3;
const COMPARISON_PRECEDENCE: u8 = 4;
const BIT_OR_PRECEDENCE: u8 = 5;

/// Moves the items of `from` after `mark` to the end of `to`, keeping their order, and returns
/// how many moved. Pushed one by one: the runs are short (a call's arguments, a block's
/// statements), and `extend(drain(..))` or `extend_from_slice` cost a `memcpy` call and the
/// drain's bookkeeping each time.
#[inline]
fn move_tail<I: Copy>(from: &mut Vec<I>, mark: usize, to: &mut Vec<I>) -> u32 {
    let items = from.get(mark..).unwrap_or_default();
    to.reserve(items.len());
    for &item in items {
        to.push(item);
    }
    let len = items.len() as u32;
    from.truncate(mark);
    len
}

/// The kind of infix operator found in `binary_expr`.
enum Infix {
    Logical(LogicalOp),
    Compare,
    Binary(BinaryOp),
}

/// The error of binding `__debug__` (at `name`), out of line like [`too_deep`].
#[cold]
#[inline(never)]
fn assign_to_debug(name: Span) -> ParseError {
    ParseError {
        kind: ParseErrorKind::Syntax,
        message: "cannot assign to __debug__".into(),
        span: name,
    }
}

fn unary_op(kind: T) -> Option<UnaryOp> {
    match kind {
        T::Minus => Some(UnaryOp::Neg),
        T::Plus => Some(UnaryOp::Pos),
        T::Tilde => Some(UnaryOp::Invert),
        _ => None,
    }
}

fn binary_op(kind: T) -> Option<(BinaryOp, u8)> {
    Some(match kind {
        T::Pipe => (BinaryOp::BitOr, 5),
        T::Caret => (BinaryOp::BitXor, 6),
        T::Amper => (BinaryOp::BitAnd, 7),
        T::LeftShift => (BinaryOp::LeftShift, 8),
        T::RightShift => (BinaryOp::RightShift, 8),
        T::Plus => (BinaryOp::Add, 9),
        T::Minus => (BinaryOp::Sub, 9),
        T::Star => (BinaryOp::Mul, 10),
        T::Slash => (BinaryOp::TrueDiv, 10),
        T::DoubleSlash => (BinaryOp::FloorDiv, 10),
        T::Percent => (BinaryOp::Mod, 10),
        T::At => (BinaryOp::MatMul, 10),
        _ => return None,
    })
}

fn augmented_op(kind: T) -> Option<BinaryOp> {
    Some(match kind {
        T::PlusEqual => BinaryOp::Add,
        T::MinusEqual => BinaryOp::Sub,
        T::StarEqual => BinaryOp::Mul,
        T::SlashEqual => BinaryOp::TrueDiv,
        T::DoubleSlashEqual => BinaryOp::FloorDiv,
        T::PercentEqual => BinaryOp::Mod,
        T::DoubleStarEqual => BinaryOp::Pow,
        T::AmperEqual => BinaryOp::BitAnd,
        T::PipeEqual => BinaryOp::BitOr,
        T::CaretEqual => BinaryOp::BitXor,
        T::LeftShiftEqual => BinaryOp::LeftShift,
        T::RightShiftEqual => BinaryOp::RightShift,
        T::AtEqual => BinaryOp::MatMul,
        _ => return None,
    })
}

/// Whether `kind` is an augmented assignment operator (`+=`, ...), as [`augmented_op`] maps
/// them. Listed by name rather than by enum order, so a token kind added later is not taken
/// for one; the kinds are contiguous, so this compiles to one range test.
fn is_augmented(kind: T) -> bool {
    matches!(
        kind,
        T::PlusEqual
            | T::MinusEqual
            | T::StarEqual
            | T::SlashEqual
            | T::DoubleSlashEqual
            | T::PercentEqual
            | T::DoubleStarEqual
            | T::AtEqual
            | T::AmperEqual
            | T::PipeEqual
            | T::CaretEqual
            | T::LeftShiftEqual
            | T::RightShiftEqual
    )
}

/// Whether a token can begin an expression (ends a trailing-comma tuple otherwise).
fn starts_expression(kind: T) -> bool {
    matches!(
        kind,
        T::Name
            | T::Int
            | T::Float
            | T::Str
            | T::Imaginary
            | T::False
            | T::None
            | T::True
            | T::Lambda
            | T::Await
            | T::Not
            | T::Plus
            | T::Minus
            | T::Tilde
            | T::LeftParen
            | T::LeftBracket
            | T::LeftBrace
            | T::Ellipsis
    )
}

#[cfg(test)]
mod tests {
    use crate::{parse, Expr, ParseErrorKind, Stmt};

    #[test]
    fn parses_precedence() {
        let ast = parse("1 + 2 * 3").unwrap();
        let Stmt::Expr(e) = ast.stmt(ast.block(ast.body)[0]) else {
            panic!("expected an expression statement")
        };
        let Expr::Binary { right, .. } = ast.expr(e) else {
            panic!("expected a binary expression")
        };
        assert!(matches!(ast.expr(right), Expr::Binary { .. }));
    }

    #[test]
    fn is_augmented_matches_augmented_op() {
        use super::{augmented_op, is_augmented};
        use pyrust_lexer::TokenKind as T;
        for kind in [
            T::Name,
            T::EndOfFile,
            T::Equal,
            T::ColonEqual,
            T::Ellipsis,
            T::RightShift,
            T::PlusEqual,
            T::MinusEqual,
            T::StarEqual,
            T::SlashEqual,
            T::DoubleSlashEqual,
            T::PercentEqual,
            T::DoubleStarEqual,
            T::AtEqual,
            T::AmperEqual,
            T::PipeEqual,
            T::CaretEqual,
            T::LeftShiftEqual,
            T::RightShiftEqual,
        ] {
            assert_eq!(is_augmented(kind), augmented_op(kind).is_some(), "{kind:?}");
        }
    }

    #[test]
    fn augmented_name_target_makes_no_node() {
        let ast = parse("x += 2 * y\n").unwrap();
        let Stmt::AugAssign { target, value, .. } = ast.stmt(ast.block(ast.body)[0]) else {
            panic!("expected an augmented assignment")
        };
        assert_eq!((target.start, target.end), (0, 1));
        // `2`, `y` and `2 * y` only.
        assert_eq!(ast.exprs.len(), 3);
        assert!(matches!(ast.expr(value), Expr::Binary { .. }));
    }

    #[test]
    fn parses_nested_blocks() {
        let ast =
            parse("def f(a, b):\n    if a:\n        return b\n    return 0\nf(1, 2)\n").unwrap();
        assert_eq!(ast.block(ast.body).len(), 2);
    }

    #[test]
    fn refuses_unsupported_constructs_by_name() {
        for (src, word) in [
            ("class A: pass", "class"),
            ("x = lambda *, a=1, b: (yield)", "yield"),
            ("a, b.c = d", "attribute"),
            ("x.y = 1", "attribute access"),
            ("import os", "import"),
            ("try:\n  pass\nexcept:\n  pass", "try"),
        ] {
            let error = parse(src).unwrap_err();
            assert_eq!(error.kind, ParseErrorKind::Unsupported, "{src}");
            assert!(error.message.contains(word), "{src}: {}", error.message);
        }
    }

    #[test]
    fn missing_indented_block_is_indentation_error() {
        let error = parse("if x:\npass").unwrap_err();
        assert_eq!(error.kind, ParseErrorKind::Indentation);
        assert_eq!(
            error.message,
            "expected an indented block after 'if' statement on line 1"
        );
    }

    #[test]
    fn deep_expressions_are_refused_not_overflowed() {
        let unary = format!("{}1", "-".repeat(200_000));
        assert_eq!(parse(&unary).unwrap_err().kind, ParseErrorKind::Recursion);
        let nots = format!("{}1", "not ".repeat(100_000));
        assert_eq!(parse(&nots).unwrap_err().kind, ParseErrorKind::Recursion);
        let chain = vec!["1"; 100_000].join("+");
        assert_eq!(parse(&chain).unwrap_err().kind, ParseErrorKind::Recursion);
    }

    #[test]
    fn big_int_literal_keeps_its_text() {
        assert!(parse("99999999999999999999 + 0x1_0000_0000_0000_0000").is_ok());
    }

    #[test]
    fn invalid_assignment_targets() {
        assert_eq!(parse("1 = x").unwrap_err().kind, ParseErrorKind::Syntax);
        assert_eq!(parse("f() = x").unwrap_err().kind, ParseErrorKind::Syntax);
    }
}
