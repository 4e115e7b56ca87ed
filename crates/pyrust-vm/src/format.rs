//! Text formatting as CPython 3.11 does it: the format-spec mini-language behind `format()`
//! (and, later, f-strings), `str % args` and `str.format(*args, **kwargs)`.
//!
//! The spec parser and the int/float/str formatters are pure functions over a [`Spec`]; the
//! `impl Machine` entry points ([`Machine::format_value`], [`Machine::percent_format`], [`Machine::str_format`])
//! turn values into text with the VM's `str`/`repr` and store the result. Every width and
//! precision comes from program data, so each formatter is given the bytes still free under
//! the heap limit and fails with `MemoryError` before building anything longer; floats are
//! formatted with Rust's correctly rounded `{:.N}`/`{:.Ne}` at a bounded precision and padded
//! with the zeros an f64's finite expansion ends with. Attribute access in `str.format`
//! fields (`{0.real}`) is refused with `NotImplementedError`.

use std::fmt::Write;

use num_bigint::BigInt;
use num_traits::Signed;
use smallvec::SmallVec;

use crate::error::{Exception, ExceptionKind};
use crate::int::{
    bigint_to_f64, digits_limit_error, float_to_bigint, MAX_STR_BITS, MAX_STR_DIGITS,
};
use crate::ops::type_error;
use crate::value::{StrRef, Value};
use crate::vm::Machine;

/// The conversion applied before formatting: `!s`, `!r`, `!a` or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Conversion {
    None,
    Str,
    Repr,
    Ascii,
}

impl Conversion {
    /// The conversion named by `!c` in a replacement field (`None` for an unknown letter).
    pub(crate) fn from_char(c: char) -> Option<Conversion> {
        match c {
            's' => Some(Conversion::Str),
            'r' => Some(Conversion::Repr),
            'a' => Some(Conversion::Ascii),
            _ => None,
        }
    }
}

fn value_error(message: String) -> Exception {
    Exception::new(ExceptionKind::ValueError, message)
}

fn memory_error() -> Exception {
    Exception::new(ExceptionKind::MemoryError, String::new())
}

/// `str.format` nests a replacement field in a spec at most this deep (CPython's limit).
const MAX_FORMAT_RECURSION: u32 = 2;

impl Machine {
    /// `format(value, spec)` after the conversion `!r`/`!s`/`!a` (for `format()` and
    /// f-string fields `{value!conversion:spec}`): a new str value.
    pub(crate) fn format_value(
        &mut self,
        value: Value,
        conversion: Conversion,
        spec: &str,
    ) -> Result<Value, Exception> {
        if conversion == Conversion::None && spec.is_empty() {
            if let Value::Str(_) = value {
                return Ok(value);
            }
        }
        // Built in the VM's reused buffer: the heap string is the one allocation.
        let mut out = std::mem::take(&mut self.side.format_buffer);
        out.clear();
        let result = self
            .write_formatted(value, conversion, spec, &mut out)
            .and_then(|()| self.new_str(&out));
        self.side.format_buffer = out;
        result
    }

    /// An f-string field: `value` converted (`conversion` is 0 or `b'r'`/`b's'`/`b'a'`)
    /// and formatted with the str `spec`, if any.
    pub(crate) fn format_field(
        &mut self,
        value: Value,
        conversion: u8,
        spec: Option<Value>,
    ) -> Result<Value, Exception> {
        let conversion = Conversion::from_char(conversion as char).unwrap_or(Conversion::None);
        match spec {
            None => self.format_value(value, conversion, ""),
            Some(Value::Str(spec)) => {
                // A short spec (the usual `.3f`) is copied to the stack, not the heap.
                let text = self.str_ref(&spec);
                let mut copy = crate::value::StackText::<32>::new();
                if copy.write_str(text).is_ok() {
                    self.format_value(value, conversion, copy.as_str())
                } else {
                    let text = text.to_string();
                    self.format_value(value, conversion, &text)
                }
            }
            Some(other) => Err(Exception::new(
                ExceptionKind::SystemError,
                format!("f-string spec is a {}", other.type_name()),
            )),
        }
    }

    /// The concatenation of the strings in registers `first..first + count` (absolute):
    /// an f-string's parts.
    pub(crate) fn build_string(&mut self, first: usize, count: usize) -> Result<Value, Exception> {
        let parts: smallvec::SmallVec<[Value; 8]> =
            self.argument_values(first, count).into_iter().collect();
        let mut len = 0usize;
        for &part in &parts {
            let Value::Str(s) = part else {
                return Err(Exception::new(
                    ExceptionKind::SystemError,
                    format!("f-string part is a {}", part.type_name()),
                ));
            };
            len = len.saturating_add(self.str_ref(&s).len());
        }
        let text = self.alloc_str_with(len, |vm, out| {
            for &part in &parts {
                if let Value::Str(s) = part {
                    out.push_str(vm.str_ref(&s));
                }
            }
        })?;
        Ok(Value::Str(text))
    }

    /// Appends `format(converted value, spec)` to `out`.
    fn write_formatted(
        &mut self,
        value: Value,
        conversion: Conversion,
        spec: &str,
        out: &mut String,
    ) -> Result<(), Exception> {
        let limit = self.heap.bytes_left().saturating_sub(out.len());
        if conversion != Conversion::None {
            let mut text = String::new();
            self.write_converted(value, conversion, &mut text)?;
            return self.write_checked(out, spec, limit, |out| {
                format_str(&text, spec, "str", limit, out)
            });
        }
        if spec.is_empty() {
            let start = out.len();
            self.write_str(value, out)?;
            if out.len() - start > limit {
                return Err(memory_error());
            }
            return Ok(());
        }
        match value {
            Value::Str(s) => {
                let text = self.str_ref(&s).to_string();
                self.write_checked(out, spec, limit, |out| {
                    format_str(&text, spec, "str", limit, out)
                })
            }
            Value::Int(i) => self.write_checked(out, spec, limit, |out| {
                format_int(Integer::Small(i), spec, "int", limit, out)
            }),
            Value::Bool(b) => self.write_checked(out, spec, limit, |out| {
                format_int(Integer::Small(i64::from(b)), spec, "bool", limit, out)
            }),
            Value::BigInt(index) => {
                let big = self.heap.bigint(index).clone();
                self.write_checked(out, spec, limit, |out| {
                    format_int(Integer::Big(&big), spec, "int", limit, out)
                })
            }
            Value::Float(f) => self.write_checked(out, spec, limit, |out| {
                format_float(f, spec, "float", limit, out)
            }),
            other => Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                other.type_name()
            ))),
        }
    }

    /// Runs a formatter after charging the work its widths may ask for (the largest number
    /// in the spec, at most the bytes left: a larger one fails before any work).
    fn write_checked(
        &mut self,
        out: &mut String,
        spec: &str,
        limit: usize,
        format: impl FnOnce(&mut String) -> Result<(), Exception>,
    ) -> Result<(), Exception> {
        self.charge_bytes(largest_number(spec).min(limit))?;
        let start = out.len();
        format(out)?;
        let written = out.len() - start;
        if written > limit {
            return Err(memory_error());
        }
        self.charge_bytes(written)
    }

    /// `str(value)`, `repr(value)` or `ascii(value)`.
    fn write_converted(
        &mut self,
        value: Value,
        conversion: Conversion,
        out: &mut String,
    ) -> Result<(), Exception> {
        match conversion {
            Conversion::None | Conversion::Str => self.write_str(value, out),
            Conversion::Repr => self.write_repr(value, out),
            Conversion::Ascii => {
                let mut text = String::new();
                self.write_repr(value, &mut text)?;
                write_ascii(&text, out);
                Ok(())
            }
        }
    }

    /// `template % args`: printf-style formatting with a tuple of arguments, a single one,
    /// or a mapping (`%(name)s`).
    pub(crate) fn percent_format(
        &mut self,
        template: StrRef,
        args: Value,
    ) -> Result<Value, Exception> {
        let format = self.str_ref(&template).to_string();
        self.charge_bytes(format.len())?;
        let positional: SmallVec<[Value; 8]> = match args {
            Value::Tuple(_) => self.items(args).iter().copied().collect(),
            other => SmallVec::from_slice(&[other]),
        };
        let mapping = matches!(
            args,
            Value::Dict(_) | Value::List(_) | Value::Range { .. } | Value::BigRange(_)
        )
        .then_some(args);
        let mut state = PercentArgs {
            values: positional,
            // CPython's bookkeeping: a lone argument is "-1 long", consumed once.
            length: if let Value::Tuple(_) = args {
                self.items(args).len() as i64
            } else {
                -1
            },
            next: if let Value::Tuple(_) = args { 0 } else { -2 },
        };
        let mark = self.side.scratch.len();
        let result = self.percent_format_into(&format, &mut state, mapping);
        self.side.scratch.truncate(mark);
        let out = result?;
        if state.next < state.length && mapping.is_none() {
            return Err(type_error(
                "not all arguments converted during string formatting".into(),
            ));
        }
        self.new_str(&out)
    }

    fn percent_format_into(
        &mut self,
        format: &str,
        state: &mut PercentArgs,
        mapping: Option<Value>,
    ) -> Result<String, Exception> {
        let mut out = String::new();
        let chars: Vec<char> = format.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c != '%' {
                out.push(c);
                continue;
            }
            if chars.get(i) == Some(&'%') {
                out.push('%');
                i += 1;
                continue;
            }
            if chars.get(i) == Some(&'(') {
                let Some(mapping) = mapping else {
                    return Err(type_error("format requires a mapping".into()));
                };
                let start = i + 1;
                let mut depth = 1;
                i += 1;
                while i < chars.len() && depth > 0 {
                    match chars[i] {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                if depth > 0 {
                    return Err(value_error("incomplete format key".into()));
                }
                let key: String = chars[start..i - 1].iter().collect();
                let key = self.new_str(&key)?;
                self.side.scratch.push(Some(key));
                let value = match mapping {
                    Value::Dict(_) => self.get_item(mapping, key)?,
                    other => {
                        return Err(type_error(format!(
                            "{} indices must be integers or slices, not str",
                            if matches!(other, Value::List(_)) {
                                "list"
                            } else {
                                "range"
                            }
                        )))
                    }
                };
                self.side.scratch.push(Some(value));
                state.values = SmallVec::from_slice(&[value]);
                state.length = -1;
                state.next = -2;
            }
            let mut flags = PercentFlags::default();
            while let Some(&flag) = chars.get(i) {
                match flag {
                    '-' => flags.left = true,
                    '+' => flags.sign = Some('+'),
                    ' ' => {
                        if flags.sign.is_none() {
                            flags.sign = Some(' ');
                        }
                    }
                    '#' => flags.alternate = true,
                    '0' => flags.zero = true,
                    _ => break,
                }
                i += 1;
            }
            let mut width = 0usize;
            if chars.get(i) == Some(&'*') {
                i += 1;
                let value = state.next_arg()?;
                let Some(w) = self.star_argument(value, "ssize_t")? else {
                    return Err(type_error("* wants int".into()));
                };
                if w < 0 {
                    flags.left = true;
                }
                width = usize::try_from(w.unsigned_abs()).unwrap_or(usize::MAX);
            } else {
                while let Some(digit) = chars.get(i).and_then(|c| c.to_digit(10)) {
                    width = width
                        .checked_mul(10)
                        .and_then(|w| w.checked_add(digit as usize))
                        .filter(|&w| w <= isize::MAX as usize)
                        .ok_or_else(|| value_error("width too big".into()))?;
                    i += 1;
                }
            }
            let mut precision = None;
            if chars.get(i) == Some(&'.') {
                i += 1;
                if chars.get(i) == Some(&'*') {
                    i += 1;
                    let value = state.next_arg()?;
                    let Some(p) = self.star_argument(value, "int")? else {
                        return Err(type_error("* wants int".into()));
                    };
                    precision = Some(usize::try_from(p.max(0)).unwrap_or(0));
                } else {
                    let mut p = 0usize;
                    while let Some(digit) = chars.get(i).and_then(|c| c.to_digit(10)) {
                        p = p
                            .checked_mul(10)
                            .and_then(|p| p.checked_add(digit as usize))
                            .filter(|&p| p <= i32::MAX as usize)
                            .ok_or_else(|| value_error("precision too big".into()))?;
                        i += 1;
                    }
                    precision = Some(p);
                }
            }
            if matches!(chars.get(i), Some('h' | 'l' | 'L')) {
                i += 1;
            }
            let Some(&conversion) = chars.get(i) else {
                return Err(value_error("incomplete format".into()));
            };
            let index = i;
            i += 1;
            let value = state.next_arg()?;
            let limit = self.heap.bytes_left().saturating_sub(out.len());
            if width > limit || precision.is_some_and(|p| p > limit) {
                return Err(memory_error());
            }
            self.charge_bytes(width.max(precision.unwrap_or(0)))?;
            let piece = PercentPiece {
                flags,
                width,
                precision,
            };
            let start = out.len();
            self.percent_convert(value, conversion, index, &piece, &mut out)?;
            if out.len() - start > limit {
                return Err(memory_error());
            }
        }
        Ok(out)
    }

    /// The integer a `*` width or precision takes (`None` for a non-int).
    fn star_argument(&self, value: Value, c_type: &str) -> Result<Option<i64>, Exception> {
        let overflow = || {
            Exception::new(
                ExceptionKind::OverflowError,
                format!("Python int too large to convert to C {c_type}"),
            )
        };
        match value {
            Value::Int(i) if c_type == "int" && i32::try_from(i).is_err() => Err(overflow()),
            Value::Int(_) | Value::Bool(_) => Ok(value.as_int()),
            Value::BigInt(_) => Err(overflow()),
            _ => Ok(None),
        }
    }

    /// One `%` conversion of `value`, appended to `out`.
    fn percent_convert(
        &mut self,
        value: Value,
        conversion: char,
        index: usize,
        piece: &PercentPiece,
        out: &mut String,
    ) -> Result<(), Exception> {
        match conversion {
            's' | 'r' | 'a' => {
                let mut text = String::new();
                let kind = match conversion {
                    's' => Conversion::Str,
                    'r' => Conversion::Repr,
                    _ => Conversion::Ascii,
                };
                self.write_converted(value, kind, &mut text)?;
                if let Some(p) = piece.precision {
                    if let Some((cut, _)) = text.char_indices().nth(p) {
                        text.truncate(cut);
                    }
                }
                piece.pad_text(&text, out);
                Ok(())
            }
            'c' => {
                let c = match value {
                    Value::Str(s) => {
                        let mut chars = self.str_ref(&s).chars();
                        match (chars.next(), chars.next()) {
                            (Some(c), None) => c,
                            _ => return Err(type_error("%c requires int or char".into())),
                        }
                    }
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                        char_of(value.as_int().unwrap_or(-1))?
                    }
                    _ => return Err(type_error("%c requires int or char".into())),
                };
                piece.pad_text(c.encode_utf8(&mut [0; 4]), out);
                Ok(())
            }
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let integer = match value {
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                        self.to_bigint(value).unwrap_or_default()
                    }
                    Value::Float(f) if matches!(conversion, 'd' | 'i' | 'u') => float_to_bigint(f)?,
                    other => {
                        return Err(type_error(format!(
                            "%{conversion} format: {} is required, not {}",
                            if matches!(conversion, 'd' | 'i' | 'u') {
                                "a real number"
                            } else {
                                "an integer"
                            },
                            other.type_name()
                        )))
                    }
                };
                let (radix, prefix) = match conversion {
                    'o' => (8, "0o"),
                    'x' => (16, "0x"),
                    'X' => (16, "0X"),
                    _ => (10, ""),
                };
                let mut digits = if radix == 10 {
                    if integer.bits() > MAX_STR_BITS {
                        return Err(digits_limit_error());
                    }
                    let text = integer.magnitude().to_str_radix(10);
                    if text.len() > MAX_STR_DIGITS {
                        return Err(digits_limit_error());
                    }
                    text
                } else {
                    let limit = self.heap.bytes_left();
                    if integer.bits() / if radix == 8 { 3 } else { 4 } > limit as u64 {
                        return Err(memory_error());
                    }
                    integer.magnitude().to_str_radix(radix)
                };
                if conversion == 'X' {
                    digits.make_ascii_uppercase();
                }
                if let Some(p) = piece.precision {
                    if p > digits.len() {
                        digits.insert_str(0, &"0".repeat(p - digits.len()));
                    }
                }
                let sign = if integer.is_negative() {
                    Some('-')
                } else {
                    piece.flags.sign
                };
                let prefix = if piece.flags.alternate { prefix } else { "" };
                piece.pad_number(sign, prefix, &digits, out);
                Ok(())
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let number = match value {
                    Value::Float(f) => f,
                    Value::Int(_) | Value::Bool(_) => value.as_int().unwrap_or(0) as f64,
                    Value::BigInt(index) => bigint_to_f64(self.heap.bigint(index))?,
                    other => {
                        return Err(type_error(format!(
                            "must be real number, not {}",
                            other.type_name()
                        )))
                    }
                };
                let precision = piece.precision.unwrap_or(6);
                let style = FloatStyle {
                    kind: conversion.to_ascii_lowercase(),
                    precision,
                    alternate: piece.flags.alternate,
                    add_dot_zero: false,
                };
                let mut body = float_body(number.abs(), &style);
                if conversion.is_ascii_uppercase() {
                    body.make_ascii_uppercase();
                }
                let sign = if number.is_sign_negative() && !number.is_nan() {
                    Some('-')
                } else {
                    piece.flags.sign
                };
                piece.pad_number(sign, "", &body, out);
                Ok(())
            }
            other => Err(value_error(format!(
                "unsupported format character '{other}' (0x{:x}) at index {index}",
                other as u32
            ))),
        }
    }

    /// `template.format(*positional, **keywords)`.
    pub(crate) fn str_format(
        &mut self,
        template: StrRef,
        positional: &[Value],
        keywords: &[(&str, Value)],
    ) -> Result<Value, Exception> {
        let template = self.str_ref(&template).to_string();
        self.charge_bytes(template.len())?;
        let mut numbering = AutoNumber::Unset;
        let mark = self.side.scratch.len();
        let mut out = String::new();
        let result = self.build_format_string(
            &template,
            positional,
            keywords,
            MAX_FORMAT_RECURSION,
            &mut numbering,
            &mut out,
        );
        self.side.scratch.truncate(mark);
        result?;
        self.new_str(&out)
    }

    /// CPython's `build_string`: literal text and replacement fields of `template`, appended
    /// to `out`. Recursion (for fields nested in a spec) is at most [`MAX_FORMAT_RECURSION`]
    /// deep whatever the input.
    fn build_format_string(
        &mut self,
        template: &str,
        positional: &[Value],
        keywords: &[(&str, Value)],
        depth: u32,
        numbering: &mut AutoNumber,
        out: &mut String,
    ) -> Result<(), Exception> {
        if depth == 0 {
            return Err(value_error("Max string recursion exceeded".into()));
        }
        let mut rest = template;
        while !rest.is_empty() {
            let (literal, field, after) = next_markup(rest)?;
            out.push_str(literal);
            rest = after;
            let Some(field) = field else { continue };
            let value = self.field_value(field.name, positional, keywords, numbering)?;
            let conversion = match field.conversion {
                None => Conversion::None,
                Some(c) => Conversion::from_char(c).ok_or_else(|| {
                    value_error(if (' '..'\x7f').contains(&c) && c != ' ' {
                        format!("Unknown conversion specifier {c}")
                    } else {
                        format!("Unknown conversion specifier \\x{:x}", c as u32)
                    })
                })?,
            };
            if field.spec_has_fields {
                let mut spec = String::new();
                self.build_format_string(
                    field.spec,
                    positional,
                    keywords,
                    depth - 1,
                    numbering,
                    &mut spec,
                )?;
                self.write_formatted(value, conversion, &spec, out)?;
            } else {
                self.write_formatted(value, conversion, field.spec, out)?;
            }
            if out.len() > self.heap.bytes_left() {
                return Err(memory_error());
            }
        }
        Ok(())
    }

    /// The object a field name such as `0`, `name`, `` (automatic) or `0[1][key]` names.
    fn field_value(
        &mut self,
        name: &str,
        positional: &[Value],
        keywords: &[(&str, Value)],
        numbering: &mut AutoNumber,
    ) -> Result<Value, Exception> {
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let (first, mut rest) = name.split_at(first_end);
        let index = decimal_index(first)?;
        let mut value = if first.is_empty() || index.is_some() {
            let index = match (*numbering, first.is_empty()) {
                (AutoNumber::Manual, true) => return Err(value_error(
                    "cannot switch from manual field specification to automatic field numbering"
                        .into(),
                )),
                (AutoNumber::Automatic(_), false) => return Err(value_error(
                    "cannot switch from automatic field numbering to manual field specification"
                        .into(),
                )),
                (AutoNumber::Automatic(next), true) => {
                    *numbering = AutoNumber::Automatic(next + 1);
                    next
                }
                (AutoNumber::Unset, true) => {
                    *numbering = AutoNumber::Automatic(1);
                    0
                }
                (_, false) => {
                    *numbering = AutoNumber::Manual;
                    index.unwrap_or(0)
                }
            };
            *positional.get(index).ok_or_else(|| {
                Exception::new(
                    ExceptionKind::IndexError,
                    format!("Replacement index {index} out of range for positional args tuple"),
                )
            })?
        } else {
            match keywords.iter().find(|(key, _)| *key == first) {
                Some(&(_, value)) => value,
                None => {
                    let mut key = String::new();
                    // Writing to a String cannot fail.
                    let _ = crate::value::write_str_repr(first, &mut key);
                    return Err(Exception::new(ExceptionKind::KeyError, key));
                }
            }
        };
        while let Some(accessor) = rest.chars().next() {
            let (part, after, attribute) = match accessor {
                '.' => {
                    let end = rest[1..].find(['.', '[']).map_or(rest.len(), |e| e + 1);
                    (&rest[1..end], &rest[end..], true)
                }
                '[' => {
                    let Some(close) = rest.find(']') else {
                        return Err(value_error("Missing ']' in format string".into()));
                    };
                    (&rest[1..close], &rest[close + 1..], false)
                }
                _ => {
                    return Err(value_error(
                        "Only '.' or '[' may follow ']' in format field specifier".into(),
                    ))
                }
            };
            let index = decimal_index(part)?;
            if part.is_empty() {
                return Err(value_error("Empty attribute in format string".into()));
            }
            if attribute {
                return Err(Exception::new(
                    ExceptionKind::NotImplementedError,
                    format!(
                        "attribute access ('.{part}') in a str.format field is not supported by PyRust yet"
                    ),
                ));
            }
            let key = match index {
                Some(i) => Value::Int(i64::try_from(i).unwrap_or(i64::MAX)),
                None => {
                    let key = self.new_str(part)?;
                    self.side.scratch.push(Some(key));
                    key
                }
            };
            value = self.get_item(value, key)?;
            self.side.scratch.push(Some(value));
            rest = after;
        }
        Ok(value)
    }
}

/// The automatic-numbering state of one `str.format` call.
#[derive(Clone, Copy)]
enum AutoNumber {
    Unset,
    Automatic(usize),
    Manual,
}

/// The parts of one replacement field `{name!conversion:spec}`.
struct Field<'a> {
    name: &'a str,
    conversion: Option<char>,
    spec: &'a str,
    spec_has_fields: bool,
}

/// CPython's `MarkupIterator_next`: the literal text before the next field (with `{{`/`}}`
/// unescaped by splitting there), the field if one follows, and the text after.
fn next_markup(text: &str) -> Result<(&str, Option<Field<'_>>, &str), Exception> {
    let Some(at) = text.find(['{', '}']) else {
        return Ok((text, None, ""));
    };
    let brace = text.as_bytes()[at];
    let after = &text[at + 1..];
    if after.as_bytes().first() == Some(&brace) {
        // An escaped brace: the literal ends with one of the pair.
        return Ok((&text[..at + 1], None, &after[1..]));
    }
    if brace == b'}' {
        return Err(value_error(
            "Single '}' encountered in format string".into(),
        ));
    }
    if after.is_empty() {
        return Err(value_error(
            "Single '{' encountered in format string".into(),
        ));
    }
    let (field, rest) = parse_field(after)?;
    Ok((&text[..at], Some(field), rest))
}

/// CPython's `parse_field`, on the text after a field's `{`.
fn parse_field(text: &str) -> Result<(Field<'_>, &str), Exception> {
    let mut chars = text.char_indices();
    let mut terminator = None;
    let mut name_end = text.len();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' => return Err(value_error("unexpected '{' in field name".into())),
            '[' => {
                // Skip to the `]` (not consuming it), whatever it contains.
                let mut lookahead = chars.clone();
                while let Some((_, c)) = lookahead.clone().next() {
                    if c == ']' {
                        break;
                    }
                    lookahead.next();
                }
                chars = lookahead;
            }
            '}' | ':' | '!' => {
                terminator = Some(c);
                name_end = i;
                break;
            }
            _ => {}
        }
    }
    let name = &text[..name_end];
    let unmatched = || value_error("unmatched '{' in format spec".into());
    match terminator {
        Some('}') => Ok((
            Field {
                name,
                conversion: None,
                spec: "",
                spec_has_fields: false,
            },
            &text[name_end + 1..],
        )),
        Some(c) => {
            let mut rest = &text[name_end + 1..];
            let mut conversion = None;
            if c == '!' {
                let mut it = rest.chars();
                let Some(conv) = it.next() else {
                    return Err(value_error(
                        "end of string while looking for conversion specifier".into(),
                    ));
                };
                conversion = Some(conv);
                rest = it.as_str();
                let mut it = rest.chars();
                match it.next() {
                    Some('}') => {
                        return Ok((
                            Field {
                                name,
                                conversion,
                                spec: "",
                                spec_has_fields: false,
                            },
                            it.as_str(),
                        ))
                    }
                    Some(':') => rest = it.as_str(),
                    Some(_) => {
                        return Err(value_error(
                            "expected ':' after conversion specifier".into(),
                        ))
                    }
                    None => return Err(unmatched()),
                }
            }
            let mut depth = 1;
            let mut nested = false;
            for (i, c) in rest.char_indices() {
                match c {
                    '{' => {
                        nested = true;
                        depth += 1;
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return Ok((
                                Field {
                                    name,
                                    conversion,
                                    spec: &rest[..i],
                                    spec_has_fields: nested,
                                },
                                &rest[i + 1..],
                            ));
                        }
                    }
                    _ => {}
                }
            }
            Err(unmatched())
        }
        None => Err(value_error("expected '}' before end of string".into())),
    }
}

/// CPython's `get_integer` on a field-name part: `Some` when it is all decimal digits.
fn decimal_index(text: &str) -> Result<Option<usize>, Exception> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let mut value = 0usize;
    for digit in text.bytes() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(usize::from(digit - b'0')))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(too_many_digits)?;
    }
    Ok(Some(value))
}

/// The largest run of decimal digits in `spec` as a number (saturating).
fn largest_number(spec: &str) -> usize {
    spec.split(|c: char| !c.is_ascii_digit())
        .map(|run| {
            run.bytes().fold(0usize, |n, d| {
                n.saturating_mul(10).saturating_add(usize::from(d - b'0'))
            })
        })
        .max()
        .unwrap_or(0)
}

fn too_many_digits() -> Exception {
    value_error("Too many decimal digits in format string".into())
}

/// `ascii()` of a `repr`: non-ASCII characters become `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
fn write_ascii(repr: &str, out: &mut String) {
    for c in repr.chars() {
        let code = c as u32;
        // Writing to a String cannot fail.
        let _ = match code {
            0..=0x7f => {
                out.push(c);
                Ok(())
            }
            0x80..=0xff => write!(out, "\\x{code:02x}"),
            0x100..=0xffff => write!(out, "\\u{code:04x}"),
            _ => write!(out, "\\U{code:08x}"),
        };
    }
}

/// The character `%c`/`format(n, 'c')` makes of an int.
fn char_of(code: i64) -> Result<char, Exception> {
    u32::try_from(code)
        .ok()
        .filter(|&c| c < 0x110000)
        .map(|c| char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER))
        .ok_or_else(|| {
            Exception::new(
                ExceptionKind::OverflowError,
                "%c arg not in range(0x110000)".into(),
            )
        })
        .and_then(|c| {
            // Lone surrogates have no Rust `char`; refuse rather than print something else.
            if (0xd800..0xe000).contains(&(code as u32)) {
                Err(Exception::new(
                    ExceptionKind::NotImplementedError,
                    "surrogate characters are not supported by PyRust yet".into(),
                ))
            } else {
                Ok(c)
            }
        })
}

/// The arguments of one `%` formatting, with CPython's counters (`length` is -1 and `next`
/// -2 for a single non-tuple argument).
struct PercentArgs {
    values: SmallVec<[Value; 8]>,
    length: i64,
    next: i64,
}

impl PercentArgs {
    fn next_arg(&mut self) -> Result<Value, Exception> {
        if self.next < self.length {
            let index = self.next;
            self.next += 1;
            let value = if self.length < 0 {
                self.values.first().copied()
            } else {
                self.values.get(index as usize).copied()
            };
            return value.ok_or_else(not_enough_arguments);
        }
        Err(not_enough_arguments())
    }
}

fn not_enough_arguments() -> Exception {
    type_error("not enough arguments for format string".into())
}

#[derive(Default)]
struct PercentFlags {
    left: bool,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
}

struct PercentPiece {
    flags: PercentFlags,
    width: usize,
    precision: Option<usize>,
}

impl PercentPiece {
    /// Text padded with spaces to the width (left-justified with `-`).
    fn pad_text(&self, text: &str, out: &mut String) {
        let padding = self.width.saturating_sub(text.chars().count());
        if !self.flags.left {
            out.extend(std::iter::repeat_n(' ', padding));
        }
        out.push_str(text);
        if self.flags.left {
            out.extend(std::iter::repeat_n(' ', padding));
        }
    }

    /// A number: spaces before the sign, or zeros after the sign and prefix (`0` flag).
    fn pad_number(&self, sign: Option<char>, prefix: &str, digits: &str, out: &mut String) {
        let len = usize::from(sign.is_some()) + prefix.len() + digits.len();
        let padding = self.width.saturating_sub(len);
        let zero = self.flags.zero && !self.flags.left;
        if !self.flags.left && !zero {
            out.extend(std::iter::repeat_n(' ', padding));
        }
        out.extend(sign);
        out.push_str(prefix);
        if zero {
            out.extend(std::iter::repeat_n('0', padding));
        }
        out.push_str(digits);
        if self.flags.left {
            out.extend(std::iter::repeat_n(' ', padding));
        }
    }
}

// ---------------------------------------------------------------------------------------
// The format-spec mini-language.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Align {
    Left,
    Right,
    Center,
    /// Padding between the sign (and prefix) and the digits.
    AfterSign,
}

/// A parsed `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Spec {
    fill: char,
    align: Align,
    sign: Option<char>,
    no_negative_zero: bool,
    alternate: bool,
    width: usize,
    /// `,` or `_`.
    grouping: Option<char>,
    precision: Option<usize>,
    /// The presentation type, or `'\0'` for none.
    kind: char,
}

impl Spec {
    /// What an empty spec means for a type with these defaults.
    fn empty(kind: char, align: Align) -> Spec {
        Spec {
            fill: ' ',
            align,
            sign: None,
            no_negative_zero: false,
            alternate: false,
            width: 0,
            grouping: None,
            precision: None,
            kind,
        }
    }
}

fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

/// Reads a run of decimal digits at `chars[*at..]` (CPython's `get_integer`).
fn read_count(chars: &[char], at: &mut usize) -> Result<Option<usize>, Exception> {
    let mut value: Option<usize> = None;
    while let Some(digit) = chars.get(*at).and_then(|c| c.to_digit(10)) {
        let next = value
            .unwrap_or(0)
            .checked_mul(10)
            .and_then(|v| v.checked_add(digit as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(too_many_digits)?;
        value = Some(next);
        *at += 1;
    }
    Ok(value)
}

/// The common `.<precision><type>` spec (`.3f`) read directly; `None` for any other form.
fn parse_precision_spec(spec: &str, default_align: Align) -> Option<Spec> {
    let [b'.', digits @ .., kind] = spec.as_bytes() else {
        return None;
    };
    if digits.is_empty() || digits.len() > 4 || !kind.is_ascii_alphabetic() {
        return None;
    }
    let mut precision = 0;
    for &digit in digits {
        if !digit.is_ascii_digit() {
            return None;
        }
        precision = precision * 10 + usize::from(digit - b'0');
    }
    Some(Spec {
        precision: Some(precision),
        ..Spec::empty(char::from(*kind), default_align)
    })
}

/// CPython's `parse_internal_render_format_spec` for a value of type `type_name`.
fn parse_spec(
    spec: &str,
    type_name: &str,
    default_kind: char,
    default_align: Align,
) -> Result<Spec, Exception> {
    if let Some(parsed) = parse_precision_spec(spec, default_align) {
        return Ok(parsed);
    }
    let chars: SmallVec<[char; 16]> = spec.chars().collect();
    let mut parsed = Spec::empty(default_kind, default_align);
    let mut at = 0;
    let mut fill_given = false;
    let mut align_given = false;
    if let Some(align) = chars.get(1).copied().and_then(align_of) {
        parsed.fill = chars[0];
        parsed.align = align;
        fill_given = true;
        align_given = true;
        at = 2;
    } else if let Some(align) = chars.first().copied().and_then(align_of) {
        parsed.align = align;
        align_given = true;
        at = 1;
    }
    if let Some(&sign @ ('+' | '-' | ' ')) = chars.get(at) {
        parsed.sign = Some(sign);
        at += 1;
    }
    if chars.get(at) == Some(&'z') {
        parsed.no_negative_zero = true;
        at += 1;
    }
    if chars.get(at) == Some(&'#') {
        parsed.alternate = true;
        at += 1;
    }
    if !fill_given && chars.get(at) == Some(&'0') {
        parsed.fill = '0';
        if !align_given && default_align == Align::Right {
            parsed.align = Align::AfterSign;
        }
        at += 1;
    }
    let width = read_count(&chars, &mut at)?;
    parsed.width = width.unwrap_or(0);
    if chars.get(at) == Some(&',') {
        parsed.grouping = Some(',');
        at += 1;
    }
    if chars.get(at) == Some(&'_') {
        if parsed.grouping.is_some() {
            return Err(value_error("Cannot specify both ',' and '_'.".into()));
        }
        parsed.grouping = Some('_');
        at += 1;
    }
    if chars.get(at) == Some(&',') && parsed.grouping == Some('_') {
        return Err(value_error("Cannot specify both ',' and '_'.".into()));
    }
    if chars.get(at) == Some(&'.') {
        at += 1;
        let precision = read_count(&chars, &mut at)?;
        if precision.is_none() {
            return Err(value_error("Format specifier missing precision".into()));
        }
        parsed.precision = precision;
    }
    match chars.len() - at {
        0 => {}
        1 => parsed.kind = chars[at],
        _ => {
            return Err(value_error(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            )))
        }
    }
    if let Some(separator) = parsed.grouping {
        match parsed.kind {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {}
            'b' | 'o' | 'x' | 'X' if separator == '_' => {}
            kind => {
                return Err(value_error(
                    if (' '..'\x7f').contains(&kind) && kind != ' ' {
                        format!("Cannot specify '{separator}' with '{kind}'.")
                    } else {
                        format!("Cannot specify '{separator}' with '\\x{:x}'.", kind as u32)
                    },
                ))
            }
        }
    }
    Ok(parsed)
}

fn unknown_code(kind: char, type_name: &str) -> Exception {
    value_error(if (' '..'\x7f').contains(&kind) && kind != ' ' {
        format!("Unknown format code '{kind}' for object of type '{type_name}'")
    } else {
        format!(
            "Unknown format code '\\x{:x}' for object of type '{type_name}'",
            kind as u32
        )
    })
}

/// Fails with `MemoryError` when a width or precision alone would pass `limit` bytes.
fn check_size(spec: &Spec, limit: usize) -> Result<(), Exception> {
    let width_bytes = spec.width.saturating_mul(spec.fill.len_utf8());
    if width_bytes > limit || spec.precision.is_some_and(|p| p > limit) {
        return Err(memory_error());
    }
    Ok(())
}

/// `format(text, spec)` for a str.
fn format_str(
    text: &str,
    spec: &str,
    type_name: &str,
    limit: usize,
    out: &mut String,
) -> Result<(), Exception> {
    let spec = parse_spec(spec, type_name, 's', Align::Left)?;
    if spec.kind != 's' {
        return Err(unknown_code(spec.kind, type_name));
    }
    match spec.sign {
        Some(' ') => {
            return Err(value_error(
                "Space not allowed in string format specifier".into(),
            ))
        }
        Some(_) => {
            return Err(value_error(
                "Sign not allowed in string format specifier".into(),
            ))
        }
        None => {}
    }
    if spec.no_negative_zero {
        return Err(value_error(
            "Negative zero coercion (z) not allowed in string format specifier".into(),
        ));
    }
    if spec.alternate {
        return Err(value_error(
            "Alternate form (#) not allowed in string format specifier".into(),
        ));
    }
    if spec.align == Align::AfterSign {
        return Err(value_error(
            "'=' alignment not allowed in string format specifier".into(),
        ));
    }
    check_size(&spec, limit)?;
    let text = match spec.precision {
        Some(p) => text
            .char_indices()
            .nth(p)
            .map_or(text, |(cut, _)| &text[..cut]),
        None => text,
    };
    let padding = spec.width.saturating_sub(text.chars().count());
    let left = match spec.align {
        Align::Right => padding,
        Align::Center => padding / 2,
        _ => 0,
    };
    out.extend(std::iter::repeat_n(spec.fill, left));
    out.push_str(text);
    out.extend(std::iter::repeat_n(spec.fill, padding - left));
    Ok(())
}

/// An int to format: inline or big.
#[derive(Clone, Copy)]
enum Integer<'a> {
    Small(i64),
    Big(&'a BigInt),
}

/// `format(n, spec)` for an int or bool.
fn format_int(
    value: Integer<'_>,
    spec: &str,
    type_name: &str,
    limit: usize,
    out: &mut String,
) -> Result<(), Exception> {
    let parsed = parse_spec(spec, type_name, 'd', Align::Right)?;
    match parsed.kind {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let number = match value {
                Integer::Small(i) => i as f64,
                Integer::Big(big) => bigint_to_f64(big)?,
            };
            return format_float_spec(number, &parsed, type_name, limit, out);
        }
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        kind => return Err(unknown_code(kind, type_name)),
    }
    if parsed.precision.is_some() {
        return Err(value_error(
            "Precision not allowed in integer format specifier".into(),
        ));
    }
    if parsed.no_negative_zero {
        return Err(value_error(
            "Negative zero coercion (z) not allowed in integer format specifier".into(),
        ));
    }
    check_size(&parsed, limit)?;
    if parsed.kind == 'c' {
        if parsed.sign.is_some() {
            return Err(value_error(
                "Sign not allowed with integer format specifier 'c'".into(),
            ));
        }
        if parsed.alternate {
            return Err(value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'".into(),
            ));
        }
        let code = match value {
            Integer::Small(i) => i,
            Integer::Big(_) => {
                return Err(Exception::new(
                    ExceptionKind::OverflowError,
                    "Python int too large to convert to C long".into(),
                ))
            }
        };
        let c = char_of(code)?;
        let mut text = [0; 4];
        render_number(&parsed, None, "", "", None, c.encode_utf8(&mut text), out);
        return Ok(());
    }
    let (radix, prefix): (u32, &str) = match parsed.kind {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let (negative, mut digits) = match value {
        Integer::Small(i) => (
            i < 0,
            match radix {
                2 => format!("{:b}", i.unsigned_abs()),
                8 => format!("{:o}", i.unsigned_abs()),
                16 => format!("{:x}", i.unsigned_abs()),
                _ => i.unsigned_abs().to_string(),
            },
        ),
        Integer::Big(big) => {
            let bits = big.bits();
            if radix == 10 {
                if bits > MAX_STR_BITS {
                    return Err(digits_limit_error());
                }
            } else if bits / u64::from(radix.trailing_zeros()) > limit as u64 {
                return Err(memory_error());
            }
            let text = big.magnitude().to_str_radix(radix);
            if radix == 10 && text.len() > MAX_STR_DIGITS {
                return Err(digits_limit_error());
            }
            (big.is_negative(), text)
        }
    };
    if parsed.kind == 'X' {
        digits.make_ascii_uppercase();
    }
    let sign = if negative {
        Some('-')
    } else {
        plus_sign(&parsed)
    };
    let prefix = if parsed.alternate { prefix } else { "" };
    let group = match (parsed.grouping, radix) {
        (None, _) => None,
        (Some(separator), 10) => Some((separator, 3)),
        (Some(separator), _) => Some((separator, 4)),
    };
    render_number(&parsed, sign, prefix, &digits, group, "", out);
    Ok(())
}

/// The sign a non-negative number shows: `+`, a space, or none.
fn plus_sign(spec: &Spec) -> Option<char> {
    match spec.sign {
        Some('+') => Some('+'),
        Some(' ') => Some(' '),
        _ => None,
    }
}

/// `format(x, spec)` for a float.
fn format_float(
    value: f64,
    spec: &str,
    type_name: &str,
    limit: usize,
    out: &mut String,
) -> Result<(), Exception> {
    let parsed = parse_spec(spec, type_name, '\0', Align::Right)?;
    format_float_spec(value, &parsed, type_name, limit, out)
}

fn format_float_spec(
    mut value: f64,
    spec: &Spec,
    type_name: &str,
    limit: usize,
    out: &mut String,
) -> Result<(), Exception> {
    let mut kind = match spec.kind {
        'n' => 'g',
        kind @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' | '\0') => kind,
        kind => return Err(unknown_code(kind, type_name)),
    };
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(value_error("precision too big".into()));
    }
    check_size(spec, limit)?;
    let uppercase = kind.is_ascii_uppercase();
    kind = kind.to_ascii_lowercase();
    let percent = kind == '%';
    if percent {
        kind = 'f';
        value *= 100.0;
    }
    let mut add_dot_zero = false;
    let precision = match (kind, spec.precision) {
        ('\0', None) => None,
        ('\0', Some(p)) => {
            add_dot_zero = true;
            kind = 'g';
            Some(p)
        }
        (_, p) => Some(p.unwrap_or(6)),
    };
    // Fixed point with a small precision (the common `.3f`) is built on the stack.
    let mut fixed = crate::value::StackText::<48>::new();
    if kind == 'f'
        && !percent
        && precision.is_some_and(|p| p <= 17)
        && write_fixed_fast(value.abs(), precision.unwrap_or(0), &mut fixed)
    {
        if spec.alternate && precision == Some(0) {
            let _ = fixed.write_char('.');
        }
        let negative = value.is_sign_negative()
            && !(spec.no_negative_zero && fixed.as_str().bytes().all(|b| b == b'0' || b == b'.'));
        let sign = if negative { Some('-') } else { plus_sign(spec) };
        let body = fixed.as_str();
        let digits_end = body.bytes().take_while(u8::is_ascii_digit).count();
        let (digits, remainder) = body.split_at(digits_end);
        let group = spec.grouping.map(|separator| (separator, 3));
        render_number(spec, sign, "", digits, group, remainder, out);
        return Ok(());
    }
    let mut body = match precision {
        None if value.is_finite() => {
            let mut text = String::new();
            // Writing to a String cannot fail.
            let _ = crate::value::write_float_repr(value.abs(), &mut text);
            if spec.alternate && !text.contains('.') {
                let mantissa_end = text.find('e').unwrap_or(text.len());
                text.insert(mantissa_end, '.');
            }
            text
        }
        precision => float_body(
            value.abs(),
            &FloatStyle {
                kind,
                precision: precision.unwrap_or(0),
                alternate: spec.alternate,
                add_dot_zero,
            },
        ),
    };
    if uppercase {
        body.make_ascii_uppercase();
    }
    let all_zero = body
        .bytes()
        .take_while(|&b| b != b'e' && b != b'E')
        .all(|b| b == b'0' || b == b'.');
    let negative =
        value.is_sign_negative() && !value.is_nan() && !(spec.no_negative_zero && all_zero);
    let sign = if negative { Some('-') } else { plus_sign(spec) };
    if percent {
        body.push('%');
    }
    let digits_end = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, remainder) = body.split_at(digits_end);
    let group = spec.grouping.map(|separator| (separator, 3));
    render_number(spec, sign, "", digits, group, remainder, out);
    Ok(())
}

/// How to write a float's digits (CPython's `PyOS_double_to_string` modes).
struct FloatStyle {
    /// `e`, `f` or `g`.
    kind: char,
    precision: usize,
    alternate: bool,
    /// No presentation type with a precision: like `g`, but a fixed-point result keeps a
    /// digit after the point and exponents start one position earlier.
    add_dot_zero: bool,
}

/// Beyond this many digits after the point an f64's decimal expansion is all zeros (its
/// smallest unit is 2**-1074, which has 1074 decimal places).
const MAX_FRACTION_DIGITS: usize = 1100;
/// An f64's exact decimal value has at most 767 significant digits.
const MAX_SIGNIFICANT_DIGITS: usize = 800;

/// `value` (finite, non-negative) as `ddd.ddd` or `d.ddde+XX`, without a sign.
fn float_body(value: f64, style: &FloatStyle) -> String {
    if value.is_nan() {
        return "nan".into();
    }
    if value.is_infinite() {
        return "inf".into();
    }
    let mut text = String::new();
    match style.kind {
        'f' => {
            let exact = style.precision.min(MAX_FRACTION_DIGITS);
            if !write_fixed_fast(value, exact, &mut text) {
                let _ = write!(text, "{value:.exact$}");
            }
            text.extend(std::iter::repeat_n('0', style.precision - exact));
            if style.alternate && style.precision == 0 {
                text.push('.');
            }
        }
        'e' => {
            let (digits, exponent) = scientific_digits(value, style.precision + 1);
            let (first, rest) = digits.split_at(1.min(digits.len()));
            text.push_str(first);
            if style.precision > 0 || style.alternate {
                text.push('.');
            }
            text.push_str(rest);
            push_exponent(&mut text, exponent);
        }
        _ => {
            let precision = style.precision.max(1);
            let (mut digits, exponent) = scientific_digits(value, precision);
            if !style.alternate {
                let kept = digits.trim_end_matches('0').len().max(1);
                digits.truncate(kept);
            }
            let point = exponent + 1;
            let last_fixed = if style.add_dot_zero {
                precision as i64 - 1
            } else {
                precision as i64
            };
            if point <= -4 || point > last_fixed {
                let (first, rest) = digits.split_at(1.min(digits.len()));
                text.push_str(first);
                if !rest.is_empty() || style.alternate {
                    text.push('.');
                }
                text.push_str(rest);
                push_exponent(&mut text, exponent);
            } else if point <= 0 {
                text.push_str("0.");
                text.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
                text.push_str(&digits);
            } else {
                let point = point as usize;
                if point >= digits.len() {
                    text.push_str(&digits);
                    text.extend(std::iter::repeat_n('0', point - digits.len()));
                    if style.alternate {
                        text.push('.');
                    } else if style.add_dot_zero {
                        text.push_str(".0");
                    }
                } else {
                    text.push_str(&digits[..point]);
                    text.push('.');
                    text.push_str(&digits[point..]);
                }
            }
        }
    }
    text
}

/// `value` (finite, non-negative) with `precision` digits after the point, correctly
/// rounded (ties to even, as CPython's `dtoa`), in exact integer arithmetic: `value` is
/// `m * 2**e`, so `value * 10**precision` is `m * 10**precision / 2**-e` and its rounding is
/// decided by the remainder. Returns false, writing nothing, when the numbers would not fit
/// in 128 bits (large precisions, huge or tiny values): the caller then uses `format!`.
fn write_fixed_fast(value: f64, precision: usize, text: &mut impl std::fmt::Write) -> bool {
    if precision > 17 || !value.is_finite() {
        return false;
    }
    let bits = value.to_bits();
    let exponent_bits = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if exponent_bits == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent_bits - 1075)
    };
    // Below 2**64 and precision <= 17: fits in 53 + 57 + 11 bits.
    let scaled = u128::from(mantissa) * 10u128.pow(precision as u32);
    let rounded = if exponent >= 0 {
        if exponent > 10 {
            return false;
        }
        scaled << exponent
    } else {
        let shift = (-exponent) as u32;
        if shift >= 127 {
            return false;
        }
        let quotient = scaled >> shift;
        let remainder = scaled & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        if remainder > half || (remainder == half && quotient & 1 == 1) {
            quotient + 1
        } else {
            quotient
        }
    };
    let Ok(rounded) = u64::try_from(rounded) else {
        return false;
    };
    let mut digits = crate::value::StackText::<24>::new();
    if crate::value::write_u64_digits(rounded, &mut digits).is_err() {
        return false;
    }
    let digits = digits.as_str();
    let written = if precision == 0 {
        text.write_str(digits)
    } else if digits.len() > precision {
        let (whole, fraction) = digits.split_at(digits.len() - precision);
        text.write_str(whole)
            .and_then(|()| text.write_char('.'))
            .and_then(|()| text.write_str(fraction))
    } else {
        text.write_str("0.")
            .and_then(|()| (digits.len()..precision).try_for_each(|_| text.write_char('0')))
            .and_then(|()| text.write_str(digits))
    };
    written.is_ok()
}

/// The first `count` significant digits of `value`, correctly rounded, and the decimal
/// exponent of the first one.
fn scientific_digits(value: f64, count: usize) -> (String, i64) {
    let exact = count.clamp(1, MAX_SIGNIFICANT_DIGITS);
    let fraction = exact - 1;
    let text = format!("{value:.fraction$e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let mut digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.extend(std::iter::repeat_n('0', count.saturating_sub(exact)));
    (digits, exponent.parse().unwrap_or(0))
}

fn push_exponent(text: &mut String, exponent: i64) {
    let sign = if exponent < 0 { '-' } else { '+' };
    let _ = write!(text, "e{sign}{:02}", exponent.unsigned_abs());
}

/// CPython's `fill_number`: sign, prefix, the integer digits (grouped, and zero-filled to the
/// width when the fill is `0` with `=` alignment), then the rest (point, fraction, exponent),
/// padded to the width.
fn render_number(
    spec: &Spec,
    sign: Option<char>,
    prefix: &str,
    digits: &str,
    group: Option<(char, usize)>,
    remainder: &str,
    out: &mut String,
) {
    let fixed = usize::from(sign.is_some()) + prefix.len() + remainder.chars().count();
    let min_width = if spec.fill == '0' && spec.align == Align::AfterSign {
        spec.width.saturating_sub(fixed)
    } else {
        0
    };
    let grouped: std::borrow::Cow<'_, str> = if digits.is_empty() {
        "".into()
    } else if group.is_none() && digits.len() >= min_width {
        // What `group_digits` would return, without building it.
        digits.into()
    } else {
        group_digits(digits, min_width, group).into()
    };
    let len = fixed + grouped.len();
    let padding = spec.width.saturating_sub(len);
    let (left, middle, right) = match spec.align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    out.extend(std::iter::repeat_n(spec.fill, left));
    out.extend(sign);
    out.push_str(prefix);
    out.extend(std::iter::repeat_n(spec.fill, middle));
    out.push_str(&grouped);
    out.push_str(remainder);
    out.extend(std::iter::repeat_n(spec.fill, right));
}

/// CPython's `_PyUnicode_InsertThousandsGrouping`: `digits` (ASCII) with a separator every
/// `size` digits from the right, left-padded with zeros (grouped too) to at least `min_width`.
/// Built right to left into one buffer: the width may be large.
fn group_digits(digits: &str, min_width: usize, group: Option<(char, usize)>) -> String {
    let digits = digits.as_bytes();
    let mut reversed: Vec<u8> = Vec::with_capacity(digits.len().max(min_width) + 1);
    let mut remaining = digits.len();
    let mut min_width = min_width as i64;
    // One group: `len` characters, digits from the right then zeros.
    let take = |len: usize, remaining: &mut usize, reversed: &mut Vec<u8>| {
        let count = (*remaining).min(len);
        reversed.extend(digits[*remaining - count..*remaining].iter().rev());
        reversed.extend(std::iter::repeat_n(b'0', len - count));
        *remaining -= count;
    };
    let separator = match group {
        Some((separator, _)) if separator.is_ascii() => separator as u8,
        _ => b',',
    };
    if let Some((_, size)) = group {
        let mut first = true;
        loop {
            let len = size.min((remaining as i64).max(min_width).max(1) as usize);
            if !first {
                reversed.push(separator);
            }
            first = false;
            take(len, &mut remaining, &mut reversed);
            min_width -= len as i64;
            if remaining == 0 && min_width <= 0 {
                break;
            }
            min_width -= 1;
        }
    } else {
        let len = (remaining as i64).max(min_width).max(1) as usize;
        take(len, &mut remaining, &mut reversed);
    }
    reversed.reverse();
    String::from_utf8(reversed).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(value: f64, spec: &str) -> String {
        let mut out = String::new();
        match format_float(value, spec, "float", usize::MAX, &mut out) {
            Ok(()) => out,
            Err(e) => format!("{:?}: {}", e.kind, e.message),
        }
    }

    fn format_integer(value: i64, spec: &str) -> String {
        let mut out = String::new();
        match format_int(Integer::Small(value), spec, "int", usize::MAX, &mut out) {
            Ok(()) => out,
            Err(e) => format!("{:?}: {}", e.kind, e.message),
        }
    }

    #[test]
    fn zero_padding_with_grouping_groups_the_zeros() {
        assert_eq!(format_integer(1234, "010,"), "00,001,234");
        assert_eq!(format_integer(1234, "08,"), "0,001,234");
        assert_eq!(format(-1234.5, "010,.1f"), "-001,234.5");
        assert_eq!(format_integer(12, "+010_"), "+0_000_012");
    }

    #[test]
    fn alternate_forms_have_prefixes_and_points() {
        assert_eq!(format_integer(255, "#010x"), "0x000000ff");
        assert_eq!(format_integer(255, "#_b"), "0b1111_1111");
        assert_eq!(format(1.0, "#.0f"), "1.");
        assert_eq!(format(1.0, "#.0e"), "1.e+00");
        assert_eq!(format(1e20, "#"), "1.e+20");
        assert_eq!(format(1.0, "#g"), "1.00000");
    }

    #[test]
    fn precision_without_type_keeps_a_fraction_digit() {
        assert_eq!(format(1.0, ".3"), "1.0");
        assert_eq!(format(12.0, ".3"), "12.0");
        assert_eq!(format(100.0, ".3"), "1e+02");
        assert_eq!(format(123.456, ".5"), "123.46");
        assert_eq!(format(0.0, ".3"), "0.0");
    }

    #[test]
    fn general_format_switches_to_exponents_like_cpython() {
        assert_eq!(format(123456789.0, "g"), "1.23457e+08");
        assert_eq!(format(0.0001, "g"), "0.0001");
        assert_eq!(format(0.00001, "g"), "1e-05");
        assert_eq!(format(999999.5, "g"), "1e+06");
        assert_eq!(format(-0.0, "g"), "-0");
    }

    #[test]
    fn z_drops_the_sign_of_a_rounded_zero() {
        assert_eq!(format(-0.001, "z.1f"), "0.0");
        assert_eq!(format(-0.0, "z"), "0.0");
        assert_eq!(format(-0.001, "z.1%"), "-0.1%");
    }

    #[test]
    fn huge_precision_pads_exact_zeros() {
        let text = format(0.5, ".2000f");
        assert_eq!(text.len(), 2002);
        assert!(text.starts_with("0.5000"));
        assert_eq!(format(0.1, ".20"), "0.10000000000000000555");
    }

    #[test]
    fn spec_errors_match_cpython() {
        assert_eq!(
            format(1.5, "d"),
            "ValueError: Unknown format code 'd' for object of type 'float'"
        );
        assert_eq!(
            format(1.5, "."),
            "ValueError: Format specifier missing precision"
        );
        assert_eq!(
            format_integer(1, ".2"),
            "ValueError: Precision not allowed in integer format specifier"
        );
        assert_eq!(
            format_integer(1, "99999999999999999999"),
            "ValueError: Too many decimal digits in format string"
        );
        assert_eq!(
            format_integer(1, ",_"),
            "ValueError: Cannot specify both ',' and '_'."
        );
    }

    #[test]
    fn widths_past_the_limit_are_memory_errors() {
        let mut out = String::new();
        let error = format_int(Integer::Small(1), "1000", "int", 100, &mut out);
        assert!(matches!(error, Err(e) if e.kind == ExceptionKind::MemoryError));
    }

    #[test]
    fn fields_parse_like_cpython() {
        let (field, rest) = parse_field("0[a:b]!r:>{1}}tail").ok().unwrap_or_else(|| {
            panic!("field should parse");
        });
        assert_eq!(field.name, "0[a:b]");
        assert_eq!(field.conversion, Some('r'));
        assert_eq!(field.spec, ">{1}");
        assert!(field.spec_has_fields);
        assert_eq!(rest, "tail");
    }
}
