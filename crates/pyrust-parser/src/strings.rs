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
            'N' => out.push(named_escape(&mut chars)?),
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

/// `\N{name}` after its `N`: the character CPython 3.11 gives that name or name alias
/// (letters in any case), or the CJK unified ideograph or Hangul syllable it spells.
fn named_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<char, StringError> {
    const MALFORMED: StringError = StringError::BadEscape("malformed \\N character escape");
    if chars.next() != Some('{') {
        return Err(MALFORMED);
    }
    let mut name = String::new();
    loop {
        match chars.next() {
            Some('}') => break,
            Some(c) => name.push(c),
            None => return Err(MALFORMED),
        }
    }
    if name.is_empty() {
        return Err(MALFORMED);
    }
    char_named(&name).ok_or(StringError::BadEscape("unknown Unicode character name"))
}

/// The lookup CPython's decoder makes (`_getcode` in `unicodedata`): the computed names by
/// their exact, uppercase prefixes, then the table, case-insensitively.
fn char_named(name: &str) -> Option<char> {
    use crate::unicode_names::{CJK_UNIFIED, NAMES};
    if let Some(syllable) = name.strip_prefix("HANGUL SYLLABLE ") {
        return hangul_syllable(syllable);
    }
    if let Some(hex) = name.strip_prefix("CJK UNIFIED IDEOGRAPH-") {
        let uppercase_hex = hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b));
        if !(4..=5).contains(&hex.len()) || !uppercase_hex {
            return None;
        }
        let code = u32::from_str_radix(hex, 16).ok()?;
        return CJK_UNIFIED
            .iter()
            .any(|&(low, high)| (low..=high).contains(&code))
            .then(|| char::from_u32(code))
            .flatten();
    }
    let wanted = name.to_ascii_uppercase();
    // Binary search over the sorted lines; `low` and `high` are always line starts.
    let bytes = NAMES.as_bytes();
    let (mut low, mut high) = (0, bytes.len());
    while low < high {
        let middle = low + (high - low) / 2;
        let start = bytes[low..middle]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(low, |at| low + at + 1);
        let end = start + bytes[start..].iter().position(|&b| b == b'\n')?;
        let (line_name, hex) = NAMES[start..end].split_once(';')?;
        match line_name.cmp(wanted.as_str()) {
            std::cmp::Ordering::Equal => return char::from_u32(u32::from_str_radix(hex, 16).ok()?),
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    None
}

/// A Hangul syllable from the jamo short names after `HANGUL SYLLABLE `: at each step the
/// longest matching name (which may be empty), as CPython's `find_syllable` does.
fn hangul_syllable(mut rest: &str) -> Option<char> {
    use crate::unicode_names::{JAMO_LEAD, JAMO_TRAIL, JAMO_VOWEL};
    let mut longest = |names: &[&str]| {
        let (index, length) = names
            .iter()
            .enumerate()
            .filter(|(_, jamo)| rest.starts_with(**jamo))
            .map(|(index, jamo)| (index, jamo.len()))
            .max_by_key(|&(index, length)| (length, std::cmp::Reverse(index)))?;
        rest = &rest[length..];
        Some(index as u32)
    };
    let lead = longest(&JAMO_LEAD)?;
    let vowel = longest(&JAMO_VOWEL)?;
    let trail = longest(&JAMO_TRAIL)?;
    if !rest.is_empty() {
        return None;
    }
    char::from_u32(0xAC00 + (lead * 21 + vowel) * 28 + trail)
}
