//! PyRust's parser: tokens to a flat, index-based [`Ast`].
//!
//! A recursive-descent parser for PyRust's subset of Python 3.11 with precedence climbing for
//! binary operators. Constructs outside the subset (classes, imports, `try`, ...) are
//! recognised and refused with [`ParseErrorKind::Unsupported`], naming the construct, so no
//! program is ever run with a part silently misread. Nesting is bounded (brackets by the lexer,
//! expression depth here) so no input can overflow the native stack.
//!
//! Entry points: [`parse`], and [`parse_with`] to reuse buffers across parses. Errors are [`ParseError`] values carrying a byte span.

pub mod ast;
mod parser;
mod strings;
mod unicode_names;

pub use ast::*;
pub use pyrust_lexer::{LexError, Span};
use thiserror::Error;

/// A syntax error (or a refused construct) with where it was found.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{message}")]
pub struct ParseError {
    pub kind: ParseErrorKind,
    pub message: String,
    pub span: Span,
}

/// The family of a parse error; it decides the Python exception type reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    Syntax,
    Indentation,
    Tab,
    /// Valid Python that PyRust does not support yet.
    Unsupported,
    /// A literal PyRust cannot represent yet (an integer beyond 64 bits).
    Overflow,
    /// Expression nesting deeper than the compiler can take.
    Recursion,
}

impl ParseError {
    /// The Python exception type name for this error.
    pub fn python_type(&self) -> &'static str {
        match self.kind {
            ParseErrorKind::Syntax => "SyntaxError",
            ParseErrorKind::Indentation => "IndentationError",
            ParseErrorKind::Tab => "TabError",
            ParseErrorKind::Unsupported => "NotImplementedError",
            ParseErrorKind::Overflow => "OverflowError",
            ParseErrorKind::Recursion => "RecursionError",
        }
    }
}

impl From<LexError> for ParseError {
    fn from(error: LexError) -> Self {
        let kind = match error.kind.python_type() {
            "IndentationError" => ParseErrorKind::Indentation,
            "TabError" => ParseErrorKind::Tab,
            "NotImplementedError" => ParseErrorKind::Unsupported,
            _ => ParseErrorKind::Syntax,
        };
        ParseError {
            kind,
            message: error.kind.to_string(),
            span: error.span,
        }
    }
}

/// The deepest expression tree accepted; deeper ones get CPython's compile-time RecursionError.
pub const MAX_EXPRESSION_DEPTH: u32 = 600;

/// Parses a whole module.
pub fn parse(source: &str) -> Result<Ast, ParseError> {
    let mut ast = Ast::default();
    parse_with(source, &mut ParseBuffers::default(), &mut ast)?;
    Ok(ast)
}

/// Working storage of the lexer and parser, kept between parses so that parsing a program
/// into a reused [`Ast`] allocates nothing once the buffers have grown.
#[derive(Debug)]
pub struct ParseBuffers {
    tokens: Vec<pyrust_lexer::Token>,
    scratch: parser::Scratch,
    /// Deepest expression tree accepted; see [`ParseBuffers::set_max_expression_depth`].
    max_depth: u32,
}

impl Default for ParseBuffers {
    fn default() -> Self {
        ParseBuffers {
            tokens: Vec::new(),
            scratch: parser::Scratch::default(),
            max_depth: MAX_EXPRESSION_DEPTH,
        }
    }
}

impl ParseBuffers {
    /// Lowers the deepest expression tree accepted (it never exceeds
    /// [`MAX_EXPRESSION_DEPTH`], which keeps the compiler's recursion bounded; 0 restores it).
    pub fn set_max_expression_depth(&mut self, depth: u32) {
        self.max_depth = match depth {
            0 => MAX_EXPRESSION_DEPTH,
            depth => depth.min(MAX_EXPRESSION_DEPTH),
        };
    }

    fn max_expression_depth(&self) -> u32 {
        self.max_depth
    }
}

/// Parses `source` into `ast` (cleared first), reusing `buffers`.
pub fn parse_with(
    source: &str,
    buffers: &mut ParseBuffers,
    ast: &mut Ast,
) -> Result<(), ParseError> {
    pyrust_lexer::tokenize_into(source, &mut buffers.tokens)?;
    let max_depth = buffers.max_expression_depth();
    parse_module(
        source,
        &buffers.tokens,
        &mut buffers.scratch,
        max_depth,
        ast,
    )
}

/// Parses tokens already produced by [`pyrust_lexer::tokenize`] from `source`.
///
/// The tokens are trusted, not checked against `source`: in particular an `Int` token's
/// [`value`](pyrust_lexer::Token::value), when not [`NO_VALUE`](pyrust_lexer::Token::NO_VALUE),
/// is taken as the literal's value without reading its text. Tokens edited by hand may make
/// the parse wrong (never unsafe).
pub fn parse_tokens_with(
    source: &str,
    tokens: &[pyrust_lexer::Token],
    buffers: &mut ParseBuffers,
    ast: &mut Ast,
) -> Result<(), ParseError> {
    let max_depth = buffers.max_expression_depth();
    parse_module(source, tokens, &mut buffers.scratch, max_depth, ast)
}

/// Parses `tokens` of `source` into `ast` (cleared first).
#[inline(always)]
fn parse_module(
    source: &str,
    tokens: &[pyrust_lexer::Token],
    scratch: &mut parser::Scratch,
    max_depth: u32,
    ast: &mut Ast,
) -> Result<(), ParseError> {
    ast.clear();
    parser::Parser::new(source, tokens, scratch, max_depth, ast).parse_module()
}
