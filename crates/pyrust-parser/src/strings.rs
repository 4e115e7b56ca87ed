//! Decoding of string literal tokens (prefix, quotes, escapes) into their text.

/// Why a literal could not be decoded.
pub(crate) enum StringError {
    /// A prefix PyRust does not support yet (`b`, `f`), with the construct's name.
    Unsupported(&'static str),
    /// A malformed escape, with CPython's message.
    BadEscape(&'static str),
}

/// The parts of a string literal token: its prefix flags and where its text lies.
pub(crate) struct LiteralShape {
    pub raw: bool,
    pub formatted: bool,
    pub bytes: bool,
    /// Byte range of the text between the quotes, relative to the token.
    pub inner: std::ops::Range<usize>,
}

/// Splits a string literal token (prefix and quotes included) into its parts.
pub(crate) fn literal_shape(token: &str) -> LiteralShape {
    let quote_at = token.find(['\'', '"']).unwrap_or(0);
    let prefix = &token[..quote_at];
    let has = |c: char| prefix.chars().any(|p| p.eq_ignore_ascii_case(&c));
    let body = &token[quote_at..];
    let quote_len = if body.len() >= 6 && (body.starts_with("'''") || body.starts_with("\"\"\"")) {
        3
    } else {
        1
    };
    let start = (quote_at + quote_len).min(token.len());
    let end = token.len().saturating_sub(quote_len).max(start);
    LiteralShape {
        raw: has('r'),
        formatted: has('f'),
        bytes: has('b'),
        inner: start..end,
    }
}

/// Appends the text of the literal `token` (prefix and quotes included) to `out`.
pub(crate) fn decode_into(token: &str, out: &mut String) -> Result<(), StringError> {
    let shape = literal_shape(token);
    if shape.formatted {
        return Err(StringError::Unsupported("f-strings"));
    }
    if shape.bytes {
        return Err(StringError::Unsupported("bytes literals"));
    }
    decode_text(&token[shape.inner], shape.raw, out)
}

/// Appends `inner` (text between the quotes, or a literal run of an f-string) to `out`,
/// decoding escapes unless `raw`.
pub(crate) fn decode_text(inner: &str, raw: bool, out: &mut String) -> Result<(), StringError> {
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        // Source line ends are read as `\n` whatever they were (universal newlines).
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
            continue;
        }
        if c != '\\' || raw {
            out.push(c);
            if c == '\\' {
                // In raw strings a backslash still keeps the next character (even a quote).
                if let Some(next) = chars.next() {
                    if next == '\r' {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        out.push('\n');
                    } else {
                        out.push(next);
                    }
                }
            }
            continue;
        }
        let Some(escape) = chars.next() else {
            out.push('\\');
            break;
        };
        match escape {
            '\n' => {}
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = escape as u32 - '0' as u32;
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&d @ '0'..='7') => {
                            value = value * 8 + (d as u32 - '0' as u32);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            }
            'x' => out.push(hex_escape(&mut chars, 2, "truncated \\xXX escape")?),
            'u' => out.push(hex_escape(&mut chars, 4, "truncated \\uXXXX escape")?),
            'U' => out.push(hex_escape(&mut chars, 8, "truncated \\UXXXXXXXX escape")?),
            'N' => return Err(StringError::Unsupported("\\N{...} escapes")),
            other => {
                // CPython keeps unknown escapes as written (with a DeprecationWarning).
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(())
}

fn hex_escape(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    digits: usize,
    truncated: &'static str,
) -> Result<char, StringError> {
    let mut value: u32 = 0;
    for _ in 0..digits {
        let digit = chars
            .peek()
            .and_then(|c| c.to_digit(16))
            .ok_or(StringError::BadEscape(truncated))?;
        chars.next();
        value = value * 16 + digit;
    }
    if (0xd800..0xe000).contains(&value) {
        // Rust strings cannot hold lone surrogates.
        return Err(StringError::Unsupported("lone surrogate escapes"));
    }
    char::from_u32(value).ok_or(StringError::BadEscape("illegal Unicode character"))
}
