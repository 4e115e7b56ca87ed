//! PyRust's lexer: Python source text to a flat list of small `Copy` tokens.
//!
//! A token is a [`TokenKind`] plus a [`Span`] of byte offsets into the source; literal text
//! (names, numbers, strings) is sliced from the source on demand by later stages, so lexing
//! allocates only the token vector. Indentation becomes `Indent`/`Dedent` tokens, logical line
//! ends become `Newline`, and newlines inside brackets or after a `\` are skipped as Python's
//! implicit and explicit line joining rules say.
//!
//! Entry points: [`tokenize`], and [`tokenize_into`] to reuse a token vector. It does not decode literals (the parser does) and knows nothing
//! of later stages. Errors are a typed [`LexError`] with a span; the lexer never panics on input.

use std::mem::MaybeUninit;

use thiserror::Error;

/// A half-open range of byte offsets into the source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The source text this span covers.
    pub fn text(self, source: &str) -> &str {
        source
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// One token: what it is and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// The value of an `Int` token of at most four plain decimal digits, which the lexer
    /// learns while scanning them (the parser then need not read them again); otherwise
    /// [`Token::NO_VALUE`]. It fits in what would be the token's padding. The parser trusts
    /// it without reading the literal again: code that builds or edits tokens must keep it
    /// equal to the literal's value (or `NO_VALUE`).
    pub value: u16,
}

impl Token {
    /// [`Token::value`] of a token that carries none (no literal of four digits has it).
    pub const NO_VALUE: u16 = u16::MAX;
}

const _: () = assert!(std::mem::size_of::<Token>() <= 12);

/// Every kind of token PyRust's lexer produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Name,
    Int,
    Float,
    /// A string literal with its prefix and quotes; the parser decodes the escapes.
    Str,
    /// An imaginary literal such as `2j`; recognised only to be refused clearly.
    Imaginary,
    Newline,
    Indent,
    Dedent,
    /// Never produced: what a parser reads past the last token (a token fewer to push and
    /// read per run than a real end marker).
    EndOfFile,
    // Keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
    // Operators and delimiters.
    Plus,
    Minus,
    Star,
    DoubleStar,
    Slash,
    DoubleSlash,
    Percent,
    At,
    Amper,
    Pipe,
    Caret,
    Tilde,
    LeftShift,
    RightShift,
    Less,
    Greater,
    LessEqual,
    GreaterEqual,
    EqEqual,
    NotEqual,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Comma,
    Colon,
    Dot,
    Semicolon,
    Equal,
    Arrow,
    ColonEqual,
    Ellipsis,
    PlusEqual,
    MinusEqual,
    StarEqual,
    SlashEqual,
    DoubleSlashEqual,
    PercentEqual,
    DoubleStarEqual,
    AtEqual,
    AmperEqual,
    PipeEqual,
    CaretEqual,
    LeftShiftEqual,
    RightShiftEqual,
}

/// What went wrong while lexing, with where.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{kind}")]
pub struct LexError {
    pub kind: LexErrorKind,
    pub span: Span,
}

/// The lexical errors, worded as CPython 3.11 words them.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum LexErrorKind {
    #[error("invalid character {0:?} (U+{code:04X})", code = *.0 as u32)]
    InvalidCharacter(char),
    #[error("unterminated string literal (detected at line {0})")]
    UnterminatedString(u32),
    #[error("unterminated triple-quoted string literal (detected at line {0})")]
    UnterminatedTripleQuotedString(u32),
    #[error("unexpected indent")]
    UnexpectedIndent,
    #[error("unindent does not match any outer indentation level")]
    InconsistentDedent,
    #[error("inconsistent use of tabs and spaces in indentation")]
    MixedTabsAndSpaces,
    #[error("too many levels of indentation")]
    TooDeepIndentation,
    #[error("unexpected character after line continuation character")]
    BadLineContinuation,
    #[error("unexpected EOF while parsing")]
    UnexpectedEof,
    #[error("'{0}' was never closed")]
    NeverClosed(char),
    #[error("invalid {0} literal")]
    InvalidNumber(&'static str),
    #[error("unmatched '{0}'")]
    UnmatchedBracket(char),
    #[error("closing parenthesis '{0}' does not match opening parenthesis '{1}'")]
    MismatchedBracket(char, char),
    #[error("too many nested parentheses")]
    TooManyNestedParentheses,
    #[error("source code cannot contain null bytes")]
    NullByte,
    #[error("non-ASCII identifiers are not supported by PyRust yet")]
    NonAsciiIdentifier,
}

impl LexErrorKind {
    /// The Python exception type CPython raises for this error.
    pub fn python_type(&self) -> &'static str {
        match self {
            LexErrorKind::UnexpectedIndent
            | LexErrorKind::InconsistentDedent
            | LexErrorKind::TooDeepIndentation => "IndentationError",
            LexErrorKind::MixedTabsAndSpaces => "TabError",
            LexErrorKind::NonAsciiIdentifier => "NotImplementedError",
            _ => "SyntaxError",
        }
    }
}

/// CPython's limits: 100 indentation levels, 200 nested brackets.
const MAX_INDENT_LEVELS: usize = 100;
const MAX_BRACKET_DEPTH: usize = 200;

/// Splits `source` into tokens, ending with `Newline` (if the last line had content) and the
/// `Dedent`s that close open blocks. No token marks the end: past the last one a parser sees
/// [`TokenKind::EndOfFile`], at the span `source.len()..source.len()`.
pub fn tokenize(source: &str) -> Result<Vec<Token>, LexError> {
    let mut tokens = Vec::with_capacity(source.len() / 3 + 4);
    tokenize_into(source, &mut tokens)?;
    Ok(tokens)
}

/// [`tokenize`] into a caller's vector (cleared first), so a reused vector costs no allocation.
pub fn tokenize_into(source: &str, tokens: &mut Vec<Token>) -> Result<(), LexError> {
    tokens.clear();
    let mut lexer = Lexer {
        source,
        pos: 0,
        tokens,
        indents: FixedStack::new(),
        indent_chars: FixedStack::new(),
        brackets: FixedStack::new(),
    };
    lexer.run()
}

struct Lexer<'a> {
    source: &'a str,
    pos: usize,
    tokens: &'a mut Vec<Token>,
    /// Column widths of the open indentation levels (the implicit level 0 is not stored).
    indents: FixedStack<usize, MAX_INDENT_LEVELS>,
    /// Each open level's raw whitespace (spaces, tabs), to detect tab/space inconsistency.
    indent_chars: FixedStack<(u32, u32), MAX_INDENT_LEVELS>,
    /// Open brackets with their offsets; inside brackets newlines and indentation are ignored.
    brackets: FixedStack<(u8, u32), MAX_BRACKET_DEPTH>,
    // (Counts and offsets in these stacks are `u32`s, as in spans: with `usize`s the `Lexer`
    // passes 4 KiB and every call pays a stack probe.)
}

impl<'a> Lexer<'a> {
    /// The source's bytes (kept as the one `&str` field, not beside it: a smaller `Lexer` to
    /// set up per call).
    fn src(&self) -> &'a [u8] {
        self.source.as_bytes()
    }

    fn run(&mut self) -> Result<(), LexError> {
        // CPython refuses a source with a NUL byte before tokenizing it. Rather than scanning
        // every source for one up front, the lexer stops at any NUL it meets (no token, string
        // or comment steps over one), and every lexical error is replaced by this one when
        // the source holds a NUL, so the result is the same as with a scan first.
        let result = self.tokens_to_end();
        if result.is_err() {
            if let Some(nul) = self.src().iter().position(|&b| b == 0) {
                return Err(self.error(LexErrorKind::NullByte, nul, nul + 1));
            }
        }
        result
    }

    fn tokens_to_end(&mut self) -> Result<(), LexError> {
        let src = self.src();
        // (An empty source has no line to start.)
        if src.first().is_some_and(|&b| line_start_needs_work(b)) {
            self.line_starts()?;
        }
        // The position lives in a local (a register) on the common paths; the general ones
        // work on `self.pos`, synchronised around them.
        let mut pos = self.pos;
        while let Some(&byte) = src.get(pos) {
            // A space, the commonest byte between tokens, before the dispatch on the byte.
            if byte == b' ' {
                pos += 1;
                continue;
            }
            let start = pos;
            match byte {
                b'\t' | b'\x0c' => pos += 1,
                b'\n' | b'\r' => {
                    pos += if byte == b'\r' && src.get(pos + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    if self.brackets.is_empty() {
                        self.push(TokenKind::Newline, start, start + 1);
                        // A line at column 0 outside any block needs no indentation work.
                        let plain_line = self.indents.is_empty()
                            && src.get(pos).is_some_and(|&b| !line_start_needs_work(b));
                        if !plain_line {
                            self.pos = pos;
                            self.line_starts()?;
                            pos = self.pos;
                        }
                    }
                }
                b'1'..=b'9' => {
                    // The common literal, plain digits up to a delimiter, without the call;
                    // its value is summed on the way (wrapping: it is kept only when short).
                    let mut value = u32::from(byte - b'0');
                    pos += 1;
                    while let Some(&digit) = src.get(pos).filter(|b| b.is_ascii_digit()) {
                        value = value.wrapping_mul(10).wrapping_add(u32::from(digit - b'0'));
                        pos += 1;
                    }
                    if src.get(pos).is_some_and(|&b| continues_number(b)) {
                        self.pos = start;
                        self.number()?;
                        pos = self.pos;
                    } else {
                        let value = if pos - start <= 4 {
                            value as u16
                        } else {
                            Token::NO_VALUE
                        };
                        self.tokens.push(Token {
                            kind: TokenKind::Int,
                            span: Span::new(start, pos),
                            value,
                        });
                    }
                }
                b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                    // An ASCII name or keyword, inline; non-ASCII text and string prefixes
                    // take the general path.
                    pos = name_end(src, pos + 1);
                    if src
                        .get(pos)
                        .is_some_and(|&b| BYTE_CLASS[b as usize] & NAME_TAIL != 0)
                    {
                        self.pos = start;
                        self.name_or_string()?;
                        pos = self.pos;
                    } else {
                        // (No keyword has one letter: the common short names skip the call.)
                        let kind = if pos - start >= 2 {
                            src.get(start..pos)
                                .and_then(keyword)
                                .unwrap_or(TokenKind::Name)
                        } else {
                            TokenKind::Name
                        };
                        self.push(kind, start, pos);
                    }
                }
                b'+' | b'-' | b'*' | b'/' | b'%' | b'=' | b',' | b';' | b':'
                    if !matches!(src.get(start + 1), Some(b'=' | b'>' | b'*' | b'/')) =>
                {
                    // A one-byte operator that no next byte extends (`+` but not `+=`).
                    pos += 1;
                    self.push(single_byte_operator(byte), start, pos);
                    // The space that usually follows (`a + b`, `f(a, b)`), without a turn of
                    // the loop.
                    if src.get(pos) == Some(&b' ') {
                        pos += 1;
                    }
                }
                b'(' | b'[' | b'{' if self.brackets.len() < MAX_BRACKET_DEPTH => {
                    self.brackets.push((byte, start as u32));
                    pos += 1;
                    self.push(bracket(byte), start, pos);
                }
                b')' | b']' | b'}'
                    if self
                        .brackets
                        .last()
                        .is_some_and(|&(open, _)| closing(open) == byte) =>
                {
                    // (A bracket that closes nothing, or the wrong one, is an error that
                    // `Lexer::operator` reports.)
                    self.brackets.pop();
                    pos += 1;
                    self.push(bracket(byte), start, pos);
                }
                _ => {
                    self.pos = pos;
                    self.other_token(byte)?;
                    pos = self.pos;
                }
            }
        }
        self.pos = pos;
        if let Some(&(open, at)) = self.brackets.last() {
            let at = at as usize;
            return Err(self.error(LexErrorKind::NeverClosed(open as char), at, at + 1));
        }
        let end = self.source.len();
        if self
            .tokens
            .last()
            .is_some_and(|t| t.kind != TokenKind::Newline)
        {
            self.push(TokenKind::Newline, end, end);
        }
        for _ in 0..self.indents.len() {
            self.push(TokenKind::Dedent, end, end);
        }
        Ok(())
    }

    /// The tokens that start with `byte` other than the common ones `tokens_to_end` takes
    /// inline.
    #[inline(never)]
    fn other_token(&mut self, byte: u8) -> Result<(), LexError> {
        let start = self.pos;
        match byte {
            b'#' => self.skip_comment(),
            b'\\' => self.line_continuation()?,
            b'0' => self.number()?,
            b'.' if self.peek(1).is_some_and(|b| b.is_ascii_digit()) => self.number()?,
            b'"' | b'\'' => self.string(start, start)?,
            b if b >= 0x80 => self.name_or_string()?,
            _ => self.operator()?,
        }
        Ok(())
    }

    /// At the start of a line outside brackets: skips blank and comment lines and measures
    /// the indentation of the first line with content.
    fn line_starts(&mut self) -> Result<(), LexError> {
        while !self.indentation()? {}
        Ok(())
    }

    fn push(&mut self, kind: TokenKind, start: usize, end: usize) {
        self.tokens.push(Token {
            kind,
            span: Span::new(start, end),
            value: Token::NO_VALUE,
        });
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.src().get(self.pos + ahead).copied()
    }

    fn error(&self, kind: LexErrorKind, start: usize, end: usize) -> LexError {
        LexError {
            kind,
            span: Span::new(start, end),
        }
    }

    fn line_number(&self, offset: usize) -> u32 {
        let upto = &self.src()[..offset.min(self.source.len())];
        1 + upto.iter().filter(|&&b| b == b'\n').count() as u32
    }

    fn skip_comment(&mut self) {
        while self.pos < self.source.len() && !matches!(self.src()[self.pos], b'\n' | b'\r' | 0) {
            self.pos += 1;
        }
    }

    fn skip_newline(&mut self) {
        if self.src()[self.pos] == b'\r' && self.peek(1) == Some(b'\n') {
            self.pos += 1;
        }
        self.pos += 1;
    }

    fn line_continuation(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        self.pos += 1;
        match self.peek(0) {
            Some(b'\n' | b'\r') => {
                self.skip_newline();
                if self.pos >= self.source.len() {
                    return Err(self.error(LexErrorKind::UnexpectedEof, start, start + 1));
                }
                Ok(())
            }
            None => Err(self.error(LexErrorKind::UnexpectedEof, start, start + 1)),
            Some(_) => Err(self.error(LexErrorKind::BadLineContinuation, start, start + 1)),
        }
    }

    /// Measures the indentation of a new line and emits `Indent`/`Dedent` tokens. Returns
    /// false when the line is blank or a comment (it does not count for indentation).
    fn indentation(&mut self) -> Result<bool, LexError> {
        let line_start = self.pos;
        let mut column = 0usize;
        // (Counted as `u32`s, as offsets in spans are: the counts are exact below 4 GiB.)
        let (mut spaces, mut tabs) = (0u32, 0u32);
        while let Some(b) = self.peek(0) {
            match b {
                b' ' => {
                    column += 1;
                    spaces = spaces.wrapping_add(1);
                }
                b'\t' => {
                    column = (column / 8 + 1) * 8;
                    tabs = tabs.wrapping_add(1);
                }
                b'\x0c' => column = 0,
                _ => break,
            }
            self.pos += 1;
        }
        match self.peek(0) {
            None => return Ok(true),
            Some(b'#') => {
                self.skip_comment();
                // A comment stops at a NUL too: the main loop reports it.
                if self.peek(0) == Some(0) {
                    return Ok(true);
                }
                if self.pos < self.source.len() {
                    self.skip_newline();
                }
                return Ok(false);
            }
            Some(b'\n' | b'\r') => {
                self.skip_newline();
                return Ok(false);
            }
            Some(b'\\') => return Ok(true),
            Some(_) => {}
        }
        let current = self.indents.last().copied().unwrap_or(0);
        let here = self.pos;
        if column > current {
            if self.tokens.is_empty()
                || self
                    .tokens
                    .last()
                    .is_some_and(|t| t.kind != TokenKind::Newline)
            {
                return Err(self.error(LexErrorKind::UnexpectedIndent, line_start, here));
            }
            if self.indents.len() >= MAX_INDENT_LEVELS {
                return Err(self.error(LexErrorKind::TooDeepIndentation, line_start, here));
            }
            if let Some(&(prev_spaces, prev_tabs)) = self.indent_chars.last() {
                // A deeper level must extend the previous one in both tabs and spaces, or the
                // meaning would depend on the tab size (CPython's TabError).
                if spaces < prev_spaces || tabs < prev_tabs {
                    return Err(self.error(LexErrorKind::MixedTabsAndSpaces, line_start, here));
                }
            }
            self.indents.push(column);
            self.indent_chars.push((spaces, tabs));
            self.push(TokenKind::Indent, line_start, here);
        } else {
            while self.indents.last().is_some_and(|&level| column < level) {
                self.indents.pop();
                self.indent_chars.pop();
                self.push(TokenKind::Dedent, here, here);
            }
            if self.indents.last().copied().unwrap_or(0) != column {
                return Err(self.error(LexErrorKind::InconsistentDedent, line_start, here));
            }
            let expected = self.indent_chars.last().copied().unwrap_or((0, 0));
            if (spaces, tabs) != expected {
                return Err(self.error(LexErrorKind::MixedTabsAndSpaces, line_start, here));
            }
        }
        Ok(true)
    }

    fn number(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        // Fast path: plain decimal digits followed by a delimiter.
        let end = digits_end(self.src(), start);
        let simple_end = self.src().get(end).is_none_or(|&b| !continues_number(b));
        if end > start && simple_end && (self.src()[start] != b'0' || end == start + 1) {
            self.pos = end;
            self.push(TokenKind::Int, start, end);
            return Ok(());
        }
        let src = self.src();
        let digits_with_underscores = |pos: &mut usize, valid: fn(u8) -> bool| {
            while *pos < src.len() && (valid(src[*pos]) || src[*pos] == b'_') {
                *pos += 1;
            }
        };
        if src[start] == b'0'
            && matches!(self.peek(1), Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B'))
        {
            let (valid, name): (fn(u8) -> bool, &'static str) = match src[start + 1] {
                b'x' | b'X' => (|b: u8| b.is_ascii_hexdigit(), "hexadecimal"),
                b'o' | b'O' => (|b: u8| (b'0'..=b'7').contains(&b), "octal"),
                _ => (|b: u8| b == b'0' || b == b'1', "binary"),
            };
            self.pos += 2;
            digits_with_underscores(&mut self.pos, valid);
            if self.pos == start + 2 || self.peek(0).is_some_and(|b| b.is_ascii_alphanumeric()) {
                return Err(self.error(LexErrorKind::InvalidNumber(name), start, self.pos + 1));
            }
            self.push(TokenKind::Int, start, self.pos);
            return Ok(());
        }
        let mut kind = TokenKind::Int;
        digits_with_underscores(&mut self.pos, |b| b.is_ascii_digit());
        if self.peek(0) == Some(b'.') {
            kind = TokenKind::Float;
            self.pos += 1;
            digits_with_underscores(&mut self.pos, |b| b.is_ascii_digit());
        }
        if matches!(self.peek(0), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(self.peek(1), Some(b'+' | b'-')));
            if self.peek(1 + sign).is_some_and(|b| b.is_ascii_digit()) {
                kind = TokenKind::Float;
                self.pos += 1 + sign;
                digits_with_underscores(&mut self.pos, |b| b.is_ascii_digit());
            }
        }
        if matches!(self.peek(0), Some(b'j' | b'J')) {
            self.pos += 1;
            kind = TokenKind::Imaginary;
        }
        let text = &src[start..self.pos];
        let malformed_underscores = text.ends_with(b"_")
            || text
                .windows(2)
                .any(|w| w == b"__" || w.contains(&b'_') && w.contains(&b'.'));
        // CPython 3.11 accepts a keyword right after a number (`1if x else 2`, `0in r`).
        let rest = &src[self.pos..];
        let keyword_follows = ["and", "else", "for", "if", "in", "is", "not", "or"]
            .iter()
            .any(|k| rest.starts_with(k.as_bytes()));
        let trailing_letter = !keyword_follows
            && self
                .peek(0)
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
        let leading_zero = kind == TokenKind::Int
            && text.len() > 1
            && text[0] == b'0'
            && text.iter().any(|&b| b != b'0' && b != b'_');
        if malformed_underscores || trailing_letter || leading_zero {
            let name = if kind == TokenKind::Int {
                "decimal"
            } else {
                "float"
            };
            return Err(self.error(LexErrorKind::InvalidNumber(name), start, self.pos + 1));
        }
        self.push(kind, start, self.pos);
        Ok(())
    }

    fn name_or_string(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        // ASCII fast path; identifiers with other characters take the Unicode route.
        let end_byte = name_end(self.src(), start);
        let rest = &self.source[start..];
        let end = if self.src().get(end_byte).is_some_and(|&b| b >= 0x80) {
            rest.char_indices()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
                .map_or(rest.len(), |(i, _)| i)
        } else {
            end_byte - start
        };
        if end > 0 && !rest[..end].is_ascii() {
            // Python folds identifiers to NFKC, which needs Unicode tables PyRust lacks.
            return Err(self.error(LexErrorKind::NonAsciiIdentifier, start, start + end));
        }
        if end == 0 {
            let c = rest.chars().next().unwrap_or('\u{fffd}');
            return Err(self.error(
                LexErrorKind::InvalidCharacter(c),
                start,
                start + c.len_utf8(),
            ));
        }
        let word = &rest[..end];
        if matches!(self.src().get(start + end), Some(b'"' | b'\''))
            && word.len() <= 2
            && word
                .bytes()
                .all(|b| matches!(b.to_ascii_lowercase(), b'r' | b'b' | b'u' | b'f'))
        {
            return self.string(start, start + end);
        }
        self.pos = start + end;
        self.push(
            keyword(word.as_bytes()).unwrap_or(TokenKind::Name),
            start,
            self.pos,
        );
        Ok(())
    }

    /// Lexes a string literal whose prefix starts at `start` and whose quote is at `quote_at`.
    fn string(&mut self, start: usize, quote_at: usize) -> Result<(), LexError> {
        let quote = self.src()[quote_at];
        let triple = self.src().get(quote_at..quote_at + 3) == Some(&[quote; 3][..]);
        self.pos = quote_at + if triple { 3 } else { 1 };
        loop {
            let Some(&b) = self.src().get(self.pos) else {
                let line = self.line_number(start);
                let kind = if triple {
                    LexErrorKind::UnterminatedTripleQuotedString(line)
                } else {
                    LexErrorKind::UnterminatedString(line)
                };
                return Err(self.error(kind, start, self.source.len()));
            };
            match b {
                // A backslash always protects the next character, even in raw strings.
                // (Unless it is a NUL, which must reach the error.)
                b'\\' if self.src().get(self.pos + 1) != Some(&0) => {
                    let crlf = self.src().get(self.pos + 1..self.pos + 3) == Some(&b"\r\n"[..]);
                    self.pos += if crlf { 3 } else { 2 };
                }
                0 => return Err(self.error(LexErrorKind::NullByte, self.pos, self.pos + 1)),
                b'\n' | b'\r' if !triple => {
                    let line = self.line_number(start);
                    return Err(self.error(
                        LexErrorKind::UnterminatedString(line),
                        start,
                        self.pos,
                    ));
                }
                _ if b == quote => {
                    if !triple {
                        self.pos += 1;
                        break;
                    }
                    if self.src().get(self.pos..self.pos + 3) == Some(&[quote; 3][..]) {
                        self.pos += 3;
                        break;
                    }
                    self.pos += 1;
                }
                _ => self.pos += 1,
            }
        }
        self.pos = self.pos.min(self.source.len());
        self.push(TokenKind::Str, start, self.pos);
        Ok(())
    }

    fn operator(&mut self) -> Result<(), LexError> {
        use TokenKind::*;
        let start = self.pos;
        let next = self.peek(1).unwrap_or(0);
        let after = self.peek(2).unwrap_or(0);
        // (kind, length), choosing the longest operator that matches.
        let (kind, len) = match (self.src()[start], next) {
            (b'(', _) => (LeftParen, 1),
            (b')', _) => (RightParen, 1),
            (b'[', _) => (LeftBracket, 1),
            (b']', _) => (RightBracket, 1),
            (b'{', _) => (LeftBrace, 1),
            (b'}', _) => (RightBrace, 1),
            (b',', _) => (Comma, 1),
            (b';', _) => (Semicolon, 1),
            (b'~', _) => (Tilde, 1),
            (b'*', b'*') if after == b'=' => (DoubleStarEqual, 3),
            (b'*', b'*') => (DoubleStar, 2),
            (b'/', b'/') if after == b'=' => (DoubleSlashEqual, 3),
            (b'/', b'/') => (DoubleSlash, 2),
            (b'<', b'<') if after == b'=' => (LeftShiftEqual, 3),
            (b'<', b'<') => (LeftShift, 2),
            (b'>', b'>') if after == b'=' => (RightShiftEqual, 3),
            (b'>', b'>') => (RightShift, 2),
            (b'.', b'.') if after == b'.' => (Ellipsis, 3),
            (b'<', b'=') => (LessEqual, 2),
            (b'>', b'=') => (GreaterEqual, 2),
            (b'=', b'=') => (EqEqual, 2),
            (b'!', b'=') => (NotEqual, 2),
            (b'-', b'>') => (Arrow, 2),
            (b':', b'=') => (ColonEqual, 2),
            (b'+', b'=') => (PlusEqual, 2),
            (b'-', b'=') => (MinusEqual, 2),
            (b'*', b'=') => (StarEqual, 2),
            (b'/', b'=') => (SlashEqual, 2),
            (b'%', b'=') => (PercentEqual, 2),
            (b'@', b'=') => (AtEqual, 2),
            (b'&', b'=') => (AmperEqual, 2),
            (b'|', b'=') => (PipeEqual, 2),
            (b'^', b'=') => (CaretEqual, 2),
            (b'+', _) => (Plus, 1),
            (b'-', _) => (Minus, 1),
            (b'*', _) => (Star, 1),
            (b'/', _) => (Slash, 1),
            (b'%', _) => (Percent, 1),
            (b'@', _) => (At, 1),
            (b'&', _) => (Amper, 1),
            (b'|', _) => (Pipe, 1),
            (b'^', _) => (Caret, 1),
            (b'<', _) => (Less, 1),
            (b'>', _) => (Greater, 1),
            (b':', _) => (Colon, 1),
            (b'.', _) => (Dot, 1),
            (b'=', _) => (Equal, 1),
            _ => {
                let c = self.source[start..].chars().next().unwrap_or('\u{fffd}');
                return Err(self.error(
                    LexErrorKind::InvalidCharacter(c),
                    start,
                    start + c.len_utf8(),
                ));
            }
        };
        match kind {
            LeftParen | LeftBracket | LeftBrace => {
                if self.brackets.len() >= MAX_BRACKET_DEPTH {
                    return Err(self.error(
                        LexErrorKind::TooManyNestedParentheses,
                        start,
                        start + 1,
                    ));
                }
                self.brackets.push((self.src()[start], start as u32));
            }
            RightParen | RightBracket | RightBrace => {
                let close = self.src()[start];
                let Some((open, _)) = self.brackets.pop() else {
                    return Err(self.error(
                        LexErrorKind::UnmatchedBracket(close as char),
                        start,
                        start + 1,
                    ));
                };
                if close != closing(open) {
                    return Err(self.error(
                        LexErrorKind::MismatchedBracket(close as char, open as char),
                        start,
                        start + 1,
                    ));
                }
            }
            _ => {}
        }
        self.pos += len;
        self.push(kind, start, self.pos);
        Ok(())
    }
}

/// A stack of at most `N` items stored inline and left uninitialised until pushed: the
/// lexer's nesting is bounded, so its bookkeeping needs neither the heap nor a memset per run.
/// Callers check `len() < N` before pushing.
struct FixedStack<T: Copy, const N: usize> {
    items: [MaybeUninit<T>; N],
    len: usize,
}

impl<T: Copy, const N: usize> FixedStack<T, N> {
    fn new() -> Self {
        FixedStack {
            items: [const { MaybeUninit::uninit() }; N],
            len: 0,
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn push(&mut self, item: T) {
        debug_assert!(self.len < N, "FixedStack overflow: callers check the limit");
        if self.len < N {
            self.items[self.len].write(item);
            self.len += 1;
        }
    }

    fn pop(&mut self) -> Option<T> {
        self.len = self.len.checked_sub(1)?;
        // SAFETY: items below the old `len` were written by `push`.
        Some(unsafe { self.items[self.len].assume_init() })
    }

    fn last(&self) -> Option<&T> {
        let index = self.len.checked_sub(1)?;
        // SAFETY: items below `len` were written by `push`.
        Some(unsafe { self.items[index].assume_init_ref() })
    }
}

/// Whether `byte` after a run of digits makes the literal more than plain digits (or invalid):
/// an identifier byte, `.`, or a non-ASCII byte.
fn continues_number(byte: u8) -> bool {
    BYTE_CLASS[byte as usize] & (NAME_BYTE | NUMBER_TAIL) != 0
}

/// [`BYTE_CLASS`] bit of the bytes that continue an ASCII identifier: letters, digits, `_`.
const NAME_BYTE: u8 = 1;
/// [`BYTE_CLASS`] bit of the other bytes that make a number more than plain digits.
const NUMBER_TAIL: u8 = 2;
/// [`BYTE_CLASS`] bit of the bytes that make an ASCII name more than a plain name: a quote
/// (the name is a string's prefix) or a non-ASCII byte (the name goes on).
const NAME_TAIL: u8 = 4;

/// The classes of every byte, so that the name and number scans test one table entry per byte
/// instead of a chain of range comparisons.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        if b.is_ascii_alphanumeric() || b == b'_' {
            table[byte] = NAME_BYTE;
        } else if b == b'.' {
            table[byte] = NUMBER_TAIL;
        } else if b >= 0x80 {
            table[byte] = NUMBER_TAIL | NAME_TAIL;
        } else if b == b'"' || b == b'\'' {
            table[byte] = NAME_TAIL;
        }
        byte += 1;
    }
    table
};

/// The bracket that closes the opening one `open`.
fn closing(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// The token of a bracket byte.
fn bracket(byte: u8) -> TokenKind {
    match byte {
        b'(' => TokenKind::LeftParen,
        b')' => TokenKind::RightParen,
        b'[' => TokenKind::LeftBracket,
        b']' => TokenKind::RightBracket,
        b'{' => TokenKind::LeftBrace,
        _ => TokenKind::RightBrace,
    }
}

/// The operators of one byte that the lexer's main loop takes without `Lexer::operator`.
fn single_byte_operator(byte: u8) -> TokenKind {
    match byte {
        b'+' => TokenKind::Plus,
        b'-' => TokenKind::Minus,
        b'*' => TokenKind::Star,
        b'/' => TokenKind::Slash,
        b'%' => TokenKind::Percent,
        b'=' => TokenKind::Equal,
        b',' => TokenKind::Comma,
        b';' => TokenKind::Semicolon,
        _ => TokenKind::Colon,
    }
}

/// The keyword `word` spells, if any: candidates by first byte, so most names cost a length
/// test or one comparison.
fn keyword(word: &[u8]) -> Option<TokenKind> {
    use TokenKind::*;
    if !(2..=8).contains(&word.len()) {
        return Option::None;
    }
    let candidates: &[(usize, u64, TokenKind)] = match word[0] {
        b'F' => const { &[keyword_entry(b"False", False)] },
        b'N' => const { &[keyword_entry(b"None", None)] },
        b'T' => const { &[keyword_entry(b"True", True)] },
        b'a' => {
            const {
                &[
                    keyword_entry(b"and", And),
                    keyword_entry(b"as", As),
                    keyword_entry(b"assert", Assert),
                    keyword_entry(b"async", Async),
                    keyword_entry(b"await", Await),
                ]
            }
        }
        b'b' => const { &[keyword_entry(b"break", Break)] },
        b'c' => {
            const {
                &[
                    keyword_entry(b"class", Class),
                    keyword_entry(b"continue", Continue),
                ]
            }
        }
        b'd' => const { &[keyword_entry(b"def", Def), keyword_entry(b"del", Del)] },
        b'e' => {
            const {
                &[
                    keyword_entry(b"elif", Elif),
                    keyword_entry(b"else", Else),
                    keyword_entry(b"except", Except),
                ]
            }
        }
        b'f' => {
            const {
                &[
                    keyword_entry(b"finally", Finally),
                    keyword_entry(b"for", For),
                    keyword_entry(b"from", From),
                ]
            }
        }
        b'g' => const { &[keyword_entry(b"global", Global)] },
        b'i' => {
            const {
                &[
                    keyword_entry(b"if", If),
                    keyword_entry(b"import", Import),
                    keyword_entry(b"in", In),
                    keyword_entry(b"is", Is),
                ]
            }
        }
        b'l' => const { &[keyword_entry(b"lambda", Lambda)] },
        b'n' => {
            const {
                &[
                    keyword_entry(b"nonlocal", Nonlocal),
                    keyword_entry(b"not", Not),
                ]
            }
        }
        b'o' => const { &[keyword_entry(b"or", Or)] },
        b'p' => const { &[keyword_entry(b"pass", Pass)] },
        b'r' => {
            const {
                &[
                    keyword_entry(b"raise", Raise),
                    keyword_entry(b"return", Return),
                ]
            }
        }
        b't' => const { &[keyword_entry(b"try", Try)] },
        b'w' => const { &[keyword_entry(b"while", While), keyword_entry(b"with", With)] },
        b'y' => const { &[keyword_entry(b"yield", Yield)] },
        _ => return Option::None,
    };
    // (Packed only when a keyword of its length is a candidate: most names are not.)
    candidates
        .iter()
        .find(|&&(len, keyword, _)| len == word.len() && keyword == pack(word))
        .map(|&(_, _, kind)| kind)
}

/// A keyword's entry in [`keyword`]'s tables: its length, its bytes packed by [`pack`], its kind.
const fn keyword_entry(word: &[u8], kind: TokenKind) -> (usize, u64, TokenKind) {
    (word.len(), pack(word), kind)
}

/// The bytes of a word of at most 8 bytes, none of them 0, as one integer (distinct words give
/// distinct integers), so that matching a keyword is one comparison rather than a `memcmp`.
const fn pack(word: &[u8]) -> u64 {
    let mut packed = 0;
    let mut i = 0;
    while i < word.len() {
        packed = packed << 8 | word[i] as u64;
        i += 1;
    }
    packed
}

/// The end of the run of ASCII digits starting at `pos`.
#[inline]
fn digits_end(src: &[u8], mut pos: usize) -> usize {
    while src.get(pos).is_some_and(u8::is_ascii_digit) {
        pos += 1;
    }
    pos
}

/// The end of the run of ASCII identifier bytes starting at `pos`.
#[inline]
fn name_end(src: &[u8], mut pos: usize) -> usize {
    while src
        .get(pos)
        .is_some_and(|&b| BYTE_CLASS[b as usize] & NAME_BYTE != 0)
    {
        pos += 1;
    }
    pos
}

/// Whether a line starting with `byte` needs `Lexer::indentation` (blank, comment,
/// indented or continued lines); other lines start at column 0.
fn line_start_needs_work(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\x0c' | b'#' | b'\n' | b'\r' | b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn kinds(src: &str) -> Vec<TokenKind> {
        tokenize(src).unwrap().iter().map(|t| t.kind).collect()
    }

    #[test]
    fn simple_expression() {
        assert_eq!(kinds("2 + 3"), vec![Int, Plus, Int, Newline]);
    }

    #[test]
    fn indentation_produces_indent_and_dedent() {
        assert_eq!(
            kinds("if x:\n    y\nz\n"),
            vec![If, Name, Colon, Newline, Indent, Name, Newline, Dedent, Name, Newline]
        );
    }

    #[test]
    fn brackets_join_lines_and_backslash_continues() {
        assert_eq!(
            kinds("(1 +\n 2)"),
            vec![LeftParen, Int, Plus, Int, RightParen, Newline]
        );
        assert_eq!(kinds("1 + \\\n2"), vec![Int, Plus, Int, Newline]);
    }

    #[test]
    fn blank_and_comment_lines_do_not_indent() {
        assert_eq!(
            kinds("x = 1\n\n   # c\nx\n"),
            vec![Name, Equal, Int, Newline, Name, Newline]
        );
    }

    #[test]
    fn numbers_of_every_base() {
        assert_eq!(
            kinds("0x1F 0o7 0b1 1_000 1.5 1e3 .5"),
            vec![Int, Int, Int, Int, Float, Float, Float, Newline]
        );
    }

    #[test]
    fn short_plain_integers_carry_their_value() {
        let values: Vec<u16> = tokenize("7 1234 12345 0x1F 1_0 0 9999")
            .unwrap()
            .iter()
            .filter(|t| t.kind == Int)
            .map(|t| t.value)
            .collect();
        let none = Token::NO_VALUE;
        assert_eq!(values, vec![7, 1234, none, none, none, none, 9999]);
    }

    #[test]
    fn bad_numbers_are_errors() {
        for src in ["1__0", "1_", "0x", "012", "1abc"] {
            assert!(tokenize(src).is_err(), "{src}");
        }
    }

    #[test]
    fn string_prefixes_and_triple_quotes() {
        assert_eq!(kinds("r'a\\'' \"\"\"x\ny\"\"\""), vec![Str, Str, Newline]);
    }

    #[test]
    fn indentation_errors() {
        assert_eq!(
            tokenize("  x").unwrap_err().kind,
            LexErrorKind::UnexpectedIndent
        );
        assert_eq!(
            tokenize("if x:\n    y\n  z").unwrap_err().kind,
            LexErrorKind::InconsistentDedent
        );
        assert_eq!(
            tokenize("if x:\n\ty\n        z").unwrap_err().kind,
            LexErrorKind::MixedTabsAndSpaces
        );
    }

    #[test]
    fn longest_operator_wins() {
        assert_eq!(
            kinds("a **= b // c //= d << e <<= f >> g >>= h ... != <= >= == -> := ** ."),
            vec![
                Name,
                DoubleStarEqual,
                Name,
                DoubleSlash,
                Name,
                DoubleSlashEqual,
                Name,
                LeftShift,
                Name,
                LeftShiftEqual,
                Name,
                RightShift,
                Name,
                RightShiftEqual,
                Name,
                Ellipsis,
                NotEqual,
                LessEqual,
                GreaterEqual,
                EqEqual,
                Arrow,
                ColonEqual,
                DoubleStar,
                Dot,
                Newline
            ]
        );
    }

    #[test]
    fn bracket_nesting_is_limited() {
        let deep = "(".repeat(100_000);
        assert_eq!(
            tokenize(&deep).unwrap_err().kind,
            LexErrorKind::TooManyNestedParentheses
        );
    }

    #[test]
    fn unterminated_and_unknown_are_errors() {
        assert!(matches!(
            tokenize("'abc").unwrap_err().kind,
            LexErrorKind::UnterminatedString(1)
        ));
        assert!(matches!(
            tokenize("a $ b").unwrap_err().kind,
            LexErrorKind::InvalidCharacter('$')
        ));
        assert_eq!(tokenize("a\0").unwrap_err().kind, LexErrorKind::NullByte);
    }

    #[test]
    fn a_nul_byte_anywhere_is_the_error_reported() {
        // In a string, a comment, after a backslash, and after another lexical error.
        for (src, at) in [
            ("'a\0'", 2),
            ("# c\0\nx", 3),
            ("x\n# c\0", 5),
            ("'\\\0'", 2),
            ("  x\0", 3),
            ("'abc\n\0", 5),
            ("x = (\0", 5),
        ] {
            let error = tokenize(src).unwrap_err();
            assert_eq!(error.kind, LexErrorKind::NullByte, "{src:?}");
            assert_eq!(error.span.start, at, "{src:?}");
        }
    }
}
