//! The run-time [`Value`]: 16 bytes, `Copy`, immediate for numbers, handles for heap data.

use pyrust_compiler::{Builtin, FuncId};

/// A string: up to [`StrRef::INLINE_MAX`] bytes of text held in the value itself, or an index
/// into the program's string constants or into the run's [`Heap`](crate::heap::Heap).
///
/// Most strings programs make are short (words, `str(i)`, formatted numbers): inline they
/// cost no heap object, no collector work and no `free`. Text of up to `INLINE_MAX` bytes is
/// always inline (the heap and the constants hold only longer text), and unused bytes are
/// zero, so two short strings are equal exactly when their `StrRef`s are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrRef {
    /// The inline text's length (`0..=INLINE_MAX`), or `CONSTANT` or `HEAP`.
    tag: u8,
    /// The inline text, or the index (little-endian `u32`) followed by zeros.
    data: [u8; StrRef::INLINE_MAX],
}

impl StrRef {
    /// The longest text kept inline: what fits in a [`Value`] beside its tags.
    pub const INLINE_MAX: usize = 14;
    const CONSTANT: u8 = 0x40;
    const HEAP: u8 = 0x80;

    fn handle(tag: u8, index: u32) -> StrRef {
        let mut data = [0; StrRef::INLINE_MAX];
        data[..4].copy_from_slice(&index.to_le_bytes());
        StrRef { tag, data }
    }

    /// The program's string constant `index` (of more than `INLINE_MAX` bytes).
    pub fn constant(index: u32) -> StrRef {
        StrRef::handle(StrRef::CONSTANT, index)
    }

    /// The heap string `index` (of more than `INLINE_MAX` bytes).
    pub fn heap(index: u32) -> StrRef {
        StrRef::handle(StrRef::HEAP, index)
    }

    /// `text` held inline, if it is short enough.
    #[inline]
    pub fn inline(text: &str) -> Option<StrRef> {
        let bytes = text.as_bytes();
        if bytes.len() > StrRef::INLINE_MAX {
            return None;
        }
        let mut data = [0; StrRef::INLINE_MAX];
        data[..bytes.len()].copy_from_slice(bytes);
        Some(StrRef {
            tag: bytes.len() as u8,
            data,
        })
    }

    fn index(&self) -> u32 {
        u32::from_le_bytes([self.data[0], self.data[1], self.data[2], self.data[3]])
    }

    /// The heap index of a heap string.
    #[inline]
    pub fn heap_index(&self) -> Option<u32> {
        (self.tag == StrRef::HEAP).then(|| self.index())
    }

    /// The constant index of a long string constant.
    #[inline]
    pub fn constant_index(&self) -> Option<u32> {
        (self.tag == StrRef::CONSTANT).then(|| self.index())
    }

    /// For an inline string, a number ordered as the text is (code point order is UTF-8
    /// byte order; zero padding sorts a prefix before the longer text, the length last).
    #[inline]
    pub fn inline_order_key(&self) -> Option<u128> {
        if self.tag as usize > StrRef::INLINE_MAX {
            return None;
        }
        let mut bytes = [0u8; 16];
        bytes[..StrRef::INLINE_MAX].copy_from_slice(&self.data);
        bytes[StrRef::INLINE_MAX] = self.tag;
        Some(u128::from_be_bytes(bytes))
    }

    /// The text of an inline string.
    #[inline]
    pub fn inline_text(&self) -> Option<&str> {
        let len = self.tag as usize;
        if len > StrRef::INLINE_MAX {
            return None;
        }
        // SAFETY: an inline `StrRef` is only made by `StrRef::inline`, which copies the
        // first `len` bytes from a `&str`, so they are valid UTF-8; `len <= INLINE_MAX`.
        Some(unsafe { std::str::from_utf8_unchecked(self.data.get_unchecked(..len)) })
    }
}

/// Which view of a dict a [`Value::DictView`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

/// A Python value. Heap-backed values are handles, so `Value` stays `Copy`.
#[derive(Clone, Copy, Debug, Default)]
pub enum Value {
    #[default]
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(StrRef),
    /// `range(start, stop, step)` with bounds that fit `i32`, kept inline.
    Range {
        start: i32,
        stop: i32,
        step: i32,
    },
    /// A `range` with larger bounds: index into the heap's ranges.
    BigRange(u32),
    /// An int outside the 64-bit range (never one that fits `i64`): index into the heap.
    BigInt(u32),
    /// A tuple: index into the heap.
    Tuple(u32),
    /// A list: index into the heap (mutable, shared by every value holding the handle).
    List(u32),
    /// A dict: index into the heap.
    Dict(u32),
    /// A set: index into the heap (mutable, shared by every value holding the handle).
    Set(u32),
    /// `d.keys()`, `d.values()` or `d.items()` of the dict at this heap index.
    DictView(u32, DictViewKind),
    /// An `enumerate` or `zip` object: index into the heap.
    Iterator(u32, crate::heap::IteratorKind),
    Function(FuncId),
    /// A generator (from a generator expression): index into the heap.
    Generator(u32),
    /// A function whose definition evaluated default values: index of a heap tuple holding
    /// the `Value::Function` and then the defaults.
    FunctionObject(u32),
    Builtin(Builtin),
}

const _: () = assert!(std::mem::size_of::<Value>() <= 16);

impl Value {
    /// The Python type name, as used in error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Tuple(_) => "tuple",
            Value::List(_) => "list",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::DictView(_, DictViewKind::Keys) => "dict_keys",
            Value::DictView(_, DictViewKind::Values) => "dict_values",
            Value::DictView(_, DictViewKind::Items) => "dict_items",
            Value::Iterator(_, crate::heap::IteratorKind::Enumerate) => "enumerate",
            Value::Iterator(_, crate::heap::IteratorKind::Zip) => "zip",
            Value::Iterator(_, crate::heap::IteratorKind::Map) => "map",
            Value::Iterator(_, crate::heap::IteratorKind::Filter) => "filter",
            Value::Iterator(_, crate::heap::IteratorKind::Sequence(kind)) => kind.iterator_name(),
            Value::Iterator(_, crate::heap::IteratorKind::ListReverse) => "list_reverseiterator",
            Value::Iterator(_, crate::heap::IteratorKind::SequenceReverse) => "reversed",
            Value::Iterator(_, crate::heap::IteratorKind::RangeReverse) => "range_iterator",
            Value::Iterator(_, crate::heap::IteratorKind::DictReverse(kind)) => match kind {
                DictViewKind::Keys => "dict_reversekeyiterator",
                DictViewKind::Values => "dict_reversevalueiterator",
                DictViewKind::Items => "dict_reverseitemiterator",
            },
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Range { .. } | Value::BigRange(_) => "range",
            Value::Function(_) | Value::FunctionObject(_) => "function",
            Value::Generator(_) => "generator",
            // `range` is a class in CPython; `print` a builtin function.
            Value::Builtin(b) if b.is_class() => "type",
            Value::Builtin(_) => "builtin_function_or_method",
        }
    }

    /// The integer value of an int or bool.
    #[inline]
    pub fn as_int(&self) -> Option<i64> {
        match *self {
            Value::Int(i) => Some(i),
            Value::Bool(b) => Some(i64::from(b)),
            _ => None,
        }
    }
}

/// Python's `repr` of a float, exactly as CPython 3.11 writes it: the shortest digits that
/// round-trip, positional for exponents in `-4..16`, otherwise scientific with a signed,
/// at-least-two-digit exponent.
pub fn write_float_repr(value: f64, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    if value.is_nan() {
        return out.write_str("nan");
    }
    if value.is_infinite() {
        return out.write_str(if value > 0.0 { "inf" } else { "-inf" });
    }
    if value == 0.0 {
        return out.write_str(if value.is_sign_negative() {
            "-0.0"
        } else {
            "0.0"
        });
    }
    if let Some(integer) = small_integral(value) {
        write_int_repr(integer, out)?;
        return out.write_str(".0");
    }
    write_shortest_float_repr(value, out)
}

/// [`write_float_repr`] for a `String`: an integral value's digits go in as
/// [`push_int_repr`] writes them (the facade writes a float result with it).
pub fn push_float_repr(value: f64, out: &mut String) {
    if let Some(integer) = small_integral(value) {
        push_int_repr(integer, out);
        out.push_str(".0");
        return;
    }
    // Writing into a `String` cannot fail.
    let _ = write_float_repr(value, out);
}

/// The integer equal to `value` when it is a non-zero integral value below 1e16, whose repr
/// is its integer's digits and `.0`: the common case (`45.0`), written without the formatting
/// machinery. Below 2**53 neighbouring integers are distinct doubles, so no shorter digits
/// read back as the value; above it (spacing 2) a shorter candidate would be a multiple of
/// ten within 1 of an even integer, i.e. the integer. Zero is left out for its sign.
#[inline(always)]
fn small_integral(value: f64) -> Option<i64> {
    if value != 0.0 && value.abs() < 1e16 {
        let integer = value as i64;
        if integer as f64 == value {
            return Some(integer);
        }
    }
    None
}

/// [`write_float_repr`] of a finite, non-zero value through the shortest round-trip digits.
fn write_shortest_float_repr(value: f64, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    // Rust's `{:e}` gives the shortest round-trip digits (`d.ddde±x`), the candidate closest
    // to the exact value. Only an exact tie between two shortest candidates can differ from
    // CPython, which then takes the one with an even last digit.
    let mut buffer = StackText::<40>::new();
    std::fmt::write(&mut buffer, format_args!("{value:e}"))?;
    let tie_break = even_tie_candidate(value, buffer.as_str());
    let text = match &tie_break {
        Some(candidate) => candidate.as_str(),
        None => buffer.as_str(),
    };
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let mut digit_buffer = StackText::<40>::new();
    for c in mantissa.chars().filter(char::is_ascii_digit) {
        std::fmt::Write::write_char(&mut digit_buffer, c)?;
    }
    let digits = digit_buffer.as_str();
    if negative {
        out.write_char('-')?;
    }
    if (-4..16).contains(&exponent) {
        if exponent < 0 {
            out.write_str("0.")?;
            for _ in 0..(-exponent - 1) {
                out.write_char('0')?;
            }
            out.write_str(digits)?;
        } else {
            let point = exponent as usize + 1;
            if digits.len() <= point {
                out.write_str(digits)?;
                for _ in digits.len()..point {
                    out.write_char('0')?;
                }
                out.write_str(".0")?;
            } else {
                out.write_str(&digits[..point])?;
                out.write_char('.')?;
                out.write_str(&digits[point..])?;
            }
        }
        return Ok(());
    }
    out.write_str(&digits[..1])?;
    if digits.len() > 1 {
        out.write_char('.')?;
        out.write_str(&digits[1..])?;
    }
    let sign = if exponent < 0 { '-' } else { '+' };
    write!(out, "e{sign}{:02}", exponent.abs())
}

/// When `value` lies exactly halfway between two decimal strings as short as `shortest` (Rust's
/// choice), returns the other one if it has the even last digit and also reads back as
/// `value` (CPython's tie rule). Ties are rare, so the exact expansion is computed only when
/// the digit after the shortest ones is a 5.
fn even_tie_candidate(value: f64, shortest: &str) -> Option<String> {
    let (mantissa, _) = shortest.split_once('e')?;
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).count();
    let mut next = StackText::<40>::new();
    std::fmt::write(&mut next, format_args!("{value:.*e}", digits)).ok()?;
    let (next_mantissa, _) = next.as_str().split_once('e')?;
    if !next_mantissa.ends_with('5') {
        return None;
    }
    // A double's exact decimal expansion has at most 767 significant digits.
    let exact = format!("{value:.*e}", 800);
    let (exact_mantissa, exact_exponent) = exact.split_once('e')?;
    let exact_digits: Vec<u8> = exact_mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let tail = exact_digits.get(digits..)?;
    if tail.first() != Some(&b'5') || tail[1..].iter().any(|&d| d != b'0') {
        return None;
    }
    // The two candidates: the exact digits truncated, and one unit above.
    let low = &exact_digits[..digits];
    let exponent: i32 = exact_exponent.parse().ok()?;
    let mut high = low.to_vec();
    let mut high_exponent = exponent;
    let mut carry = true;
    for digit in high.iter_mut().rev() {
        if *digit == b'9' {
            *digit = b'0';
        } else {
            *digit += 1;
            carry = false;
            break;
        }
    }
    if carry {
        high.insert(0, b'1');
        high.pop();
        high_exponent += 1;
    }
    let (even, even_exponent) = if low.last().is_some_and(|d| (d - b'0').is_multiple_of(2)) {
        (low.to_vec(), exponent)
    } else {
        (high, high_exponent)
    };
    let sign = if value.is_sign_negative() { "-" } else { "" };
    let body = std::str::from_utf8(&even).ok()?;
    let candidate = if body.len() > 1 {
        format!("{sign}{}.{}e{even_exponent}", &body[..1], &body[1..])
    } else {
        format!("{sign}{body}e{even_exponent}")
    };
    (candidate.parse::<f64>().ok()? == value).then_some(candidate)
}

/// Python's `repr` of an int, without going through `core::fmt`'s padding machinery.
/// Always inlined: a few instructions of digits where a call costs as much (the facade writes
/// an int result with it).
#[inline(always)]
pub fn write_int_repr(value: i64, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    if value < 0 {
        out.write_char('-')?;
    }
    write_u64_digits(value.unsigned_abs(), out)
}

/// [`write_int_repr`] for a `String`: the digits go straight into its spare capacity, with no
/// intermediate buffer and no copy (the facade writes an int result with it).
#[inline(always)]
pub fn push_int_repr(value: i64, out: &mut String) {
    let magnitude = value.unsigned_abs();
    // Counted up from one digit (`ilog10` costs more for the small values that are common).
    let mut digits = 1;
    while digits < POWERS_OF_TEN.len() && magnitude >= POWERS_OF_TEN[digits] {
        digits += 1;
    }
    let len = digits + usize::from(value < 0);
    out.reserve(len);
    // SAFETY: `reserve` made room for `len` more bytes; every one of them is written below
    // (the digits from the end, then the sign) before the length covers them, and all are
    // ASCII, so the `String` stays UTF-8.
    unsafe {
        let bytes = out.as_mut_vec();
        let start = bytes.len();
        let first = bytes.as_mut_ptr().add(start);
        let mut at = len;
        let mut magnitude = magnitude;
        while magnitude >= 100 {
            let pair = (magnitude % 100) as usize * 2;
            magnitude /= 100;
            at -= 2;
            std::ptr::copy_nonoverlapping(PAIRS.as_ptr().add(pair), first.add(at), 2);
        }
        if magnitude >= 10 {
            at -= 2;
            std::ptr::copy_nonoverlapping(
                PAIRS.as_ptr().add(magnitude as usize * 2),
                first.add(at),
                2,
            );
        } else {
            at -= 1;
            *first.add(at) = b'0' + magnitude as u8;
        }
        if value < 0 {
            *first = b'-';
        }
        bytes.set_len(start + len);
    }
}

/// `10^i` for every `i` whose power fits in a `u64`.
const POWERS_OF_TEN: [u64; 20] = {
    let mut powers = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// Two-digit decimal strings, `00` to `99`, for writing digits two at a time.
const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// The decimal digits of `value` (always inlined, see [`write_int_repr`]).
#[inline(always)]
pub(crate) fn write_u64_digits(value: u64, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut magnitude = value;
    // Two digits per division.
    while magnitude >= 100 {
        let pair = (magnitude % 100) as usize * 2;
        magnitude /= 100;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if magnitude >= 10 {
        let pair = magnitude as usize * 2;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        digits[at] = b'0' + magnitude as u8;
    }
    // SAFETY: `digits[at..]` holds ASCII digits only.
    out.write_str(unsafe { std::str::from_utf8_unchecked(&digits[at..]) })
}

/// A fixed-capacity text buffer on the stack, for formatting without allocating.
pub(crate) struct StackText<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> StackText<N> {
    pub(crate) fn new() -> Self {
        StackText {
            bytes: [0; N],
            len: 0,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        // SAFETY: `write_str` only ever appends a whole `&str`, so `bytes[..len]` is UTF-8.
        unsafe { std::str::from_utf8_unchecked(&self.bytes[..self.len]) }
    }
}

impl<const N: usize> std::fmt::Write for StackText<N> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        if end > N {
            return Err(std::fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Python's `repr` of a string: CPython's choice of quotes and escapes. Characters that are
/// not printable in CPython 3.11 (unassigned, format, separator, control, private use,
/// surrogate) are escaped, by the table generated from CPython (`unicode_properties.rs`).
pub fn write_str_repr(text: &str, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    out.write_char(quote)?;
    for c in text.chars() {
        match c {
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            '\t' => out.write_str("\\t")?,
            c if c == quote => {
                out.write_char('\\')?;
                out.write_char(c)?;
            }
            c if is_printable(c) => out.write_char(c)?,
            c if (c as u32) < 0x100 => write!(out, "\\x{:02x}", c as u32)?,
            c if (c as u32) < 0x10000 => write!(out, "\\u{:04x}", c as u32)?,
            c => write!(out, "\\U{:08x}", c as u32)?,
        }
    }
    out.write_char(quote)
}

/// CPython 3.11's `c.isprintable()`, ASCII inline.
pub(crate) fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    in_ranges(crate::unicode_properties::PRINTABLE, c)
}

/// Python's whitespace, `c.isspace()`: what `str.split()`, `str.strip()` and `int()` skip.
pub(crate) fn is_python_space(c: char) -> bool {
    if c.is_ascii() {
        is_ascii_python_space(c as u8)
    } else {
        in_ranges(crate::unicode_properties::SPACE, c)
    }
}

/// `is_python_space` for an ASCII byte.
pub(crate) fn is_ascii_python_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r' | 0x1c..=0x1f)
}

/// Whether `c` is in one of the sorted, inclusive code point `ranges`.
pub(crate) fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let cp = u32::from(c);
    ranges
        .binary_search_by(|&(low, high)| {
            if high < cp {
                std::cmp::Ordering::Less
            } else if low > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float_repr(value: f64) -> String {
        let mut s = String::new();
        write_float_repr(value, &mut s).unwrap();
        s
    }

    #[test]
    fn float_repr_matches_cpython() {
        let cases = [
            (0.1 + 0.2, "0.30000000000000004"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (2.0, "2.0"),
            (45.0, "45.0"),
            (-0.0, "-0.0"),
            (1.5e300, "1.5e+300"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (1.0 / 3.0, "0.3333333333333333"),
            (f64::INFINITY, "inf"),
            (-2.5e-7, "-2.5e-07"),
            (5e-324, "5e-324"),
            (1e15 + 0.25, "1000000000000000.2"),
            (5.960464477539062e-07, "5.960464477539062e-07"),
            (2f64.powi(-24), "5.960464477539063e-08"),
            (6.243497100631985e144, "6.243497100631985e+144"),
            (-2.0 / 35184372088832.0, "-5.684341886080802e-14"),
        ];
        for (value, expected) in cases {
            assert_eq!(float_repr(value), expected);
        }
    }

    #[test]
    fn integral_float_repr_matches_the_shortest_digits() {
        let mut values = vec![1.0, 9.0, 10.0, 1e15, 9007199254740992.0, 9999999999999998.0];
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push((x % 10_000_000_000_000_000) as f64);
            values.push((x % 1_000_000) as f64 * 10f64.powi((x % 11) as i32));
            values.push(2f64.powi((x % 54) as i32) + (x % 7) as f64 * 2.0);
        }
        for value in values.into_iter().flat_map(|v| [v, -v]) {
            if value == 0.0 || value.abs() >= 1e16 || value.fract() != 0.0 {
                continue;
            }
            let mut slow = String::new();
            write_shortest_float_repr(value, &mut slow).unwrap();
            assert_eq!(float_repr(value), slow, "{value:e}");
        }
    }

    #[test]
    fn int_repr_handles_extremes() {
        for value in [0, 7, -7, 10, i64::MAX, i64::MIN] {
            let mut s = String::new();
            write_int_repr(value, &mut s).unwrap();
            assert_eq!(s, value.to_string());
        }
    }

    #[test]
    fn pushed_float_repr_matches_the_written_one() {
        for value in [
            45.0,
            -45.0,
            0.0,
            -0.0,
            0.5,
            1e16,
            9.999_999_999_999_998e15,
            -1e300,
            1e-7,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            123456789.0,
            2.5e-310,
        ] {
            let (mut pushed, mut written) = (String::from(">"), String::from(">"));
            push_float_repr(value, &mut pushed);
            write_float_repr(value, &mut written).unwrap();
            assert_eq!(pushed, written, "{value:e}");
        }
    }

    #[test]
    fn pushed_int_repr_matches_to_string_after_existing_text() {
        let mut values = vec![0, 7, -7, 9, -9, 10, 99, 100, -101, i64::MAX, i64::MIN];
        for power in POWERS_OF_TEN.iter().take(19) {
            let power = *power as i64;
            values.extend([power - 1, power, power + 1, -power, 1 - power]);
        }
        for value in values {
            let mut s = String::from("printed\n");
            push_int_repr(value, &mut s);
            assert_eq!(s, format!("printed\n{value}"));
        }
    }

    #[test]
    fn str_repr_chooses_quotes() {
        let repr = |s: &str| {
            let mut out = String::new();
            write_str_repr(s, &mut out).unwrap();
            out
        };
        // Unassigned in Unicode 14, a Cyrillic letter, a private-use character, an Arabic
        // digit and a zero-width joiner.
        assert_eq!(repr("\u{378}"), "'\\u0378'");
        assert_eq!(
            repr("\u{416}\u{e000}\u{661}\u{200d}"),
            "'\u{416}\\ue000\u{661}\\u200d'"
        );
        assert_eq!(repr("\u{ad}"), "'\\xad'");
        assert_eq!(repr("\u{2028}\u{10ffff}"), "'\\u2028\\U0010ffff'");
        assert_eq!(repr("it's"), "\"it's\"");
        assert_eq!(repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(repr("tab\there\n"), "'tab\\there\\n'");
        assert_eq!(repr("\x01é"), "'\\x01é'");
    }
}
