//! Integer and float algorithms that must round exactly as CPython does: big-int to float
//! conversion, true division, exact int/float comparison, `round`, and parsing `int()` and
//! `float()` arguments. Everything here is pure (no VM state), so it is unit-tested directly.

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{FromPrimitive, ToPrimitive, Zero};

use crate::error::{Exception, ExceptionKind};

/// CPython 3.11's default limit on decimal digits in int/str conversions.
pub const MAX_STR_DIGITS: usize = 4300;

/// An integer with more bits than this has more than [`MAX_STR_DIGITS`] decimal digits.
pub(crate) const MAX_STR_BITS: u64 = 14_300;

fn value_error(message: String) -> Exception {
    Exception::new(ExceptionKind::ValueError, message)
}

pub(crate) fn digits_limit_error() -> Exception {
    value_error(format!(
        "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// Writes the decimal form of `value`, refusing (as CPython) more than 4300 digits.
pub fn write_bigint(value: &BigInt, out: &mut impl std::fmt::Write) -> Result<(), Exception> {
    if value.bits() > MAX_STR_BITS {
        return Err(digits_limit_error());
    }
    let text = value.to_str_radix(10);
    if text.trim_start_matches('-').len() > MAX_STR_DIGITS {
        return Err(digits_limit_error());
    }
    out.write_str(&text)
        .map_err(|_| Exception::new(ExceptionKind::SystemError, "writing output failed".into()))
}

/// `2**exponent` as an f64, for `exponent` in `-1074..=1023`.
fn power_of_two(exponent: i64) -> f64 {
    if exponent >= -1022 {
        f64::from_bits(((exponent + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (exponent + 1074))
    }
}

/// The f64 nearest to `(magnitude + ε) * 2**scale`, ties to even, where `ε` is an
/// infinitesimal present when `sticky` is set (bits below `magnitude` that were nonzero).
/// `None` when the result overflows.
fn round_to_f64(
    magnitude: &BigUint,
    negative: bool,
    mut scale: i64,
    mut sticky: bool,
) -> Option<f64> {
    let bits = magnitude.bits();
    let signed = |x: f64| if negative { -x } else { x };
    if bits == 0 {
        return Some(signed(0.0));
    }
    // Keep the top 64 bits; the rest only matters as a sticky bit.
    let top: u64 = if bits > 64 {
        let drop = bits - 64;
        sticky |= magnitude.trailing_zeros().unwrap_or(0) < drop;
        scale += drop as i64;
        (magnitude >> drop).to_u64().unwrap_or(u64::MAX)
    } else {
        magnitude.to_u64().unwrap_or(u64::MAX)
    };
    let top_bits = 64 - i64::from(top.leading_zeros());
    let leading_exponent = top_bits - 1 + scale;
    if leading_exponent > 1023 {
        return None;
    }
    // The exponent of the last bit the result keeps (53 bits, fewer when subnormal).
    let ulp_exponent = (leading_exponent - 52).max(-1074);
    let shift = ulp_exponent - scale;
    let (mantissa, exponent) = if shift <= 0 {
        (top as u128, scale)
    } else if shift >= 66 {
        (0, ulp_exponent)
    } else {
        let shift = shift as u32;
        let kept = (top as u128) >> shift;
        let rest = (top as u128) & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        let round_up = rest > half || (rest == half && (sticky || kept & 1 == 1));
        (kept + u128::from(round_up), ulp_exponent)
    };
    if mantissa == 0 {
        return Some(signed(0.0));
    }
    // `mantissa` has at most 54 bits; a carry to 2**53 may move the result up one binade.
    let (mantissa, exponent) = if mantissa >> 53 != 0 {
        (mantissa >> 1, exponent + 1)
    } else {
        (mantissa, exponent)
    };
    let mantissa_bits = 128 - i64::from(mantissa.leading_zeros());
    if mantissa_bits - 1 + exponent > 1023 {
        return None;
    }
    // Split the scaling so neither factor overflows or underflows on its own.
    let value = if exponent > 0 {
        mantissa as f64 * power_of_two(exponent)
    } else {
        mantissa as f64 * power_of_two(exponent.max(-1074))
    };
    Some(signed(value))
}

/// `float(value)`, correctly rounded; `OverflowError` when out of range.
pub fn bigint_to_f64(value: &BigInt) -> Result<f64, Exception> {
    if value.bits() > 1025 {
        // Past 2**1024 whatever the rounding: decided without touching the digits.
        return Err(Exception::new(
            ExceptionKind::OverflowError,
            "int too large to convert to float".into(),
        ));
    }
    round_to_f64(value.magnitude(), value.sign() == Sign::Minus, 0, false).ok_or_else(|| {
        Exception::new(
            ExceptionKind::OverflowError,
            "int too large to convert to float".into(),
        )
    })
}

/// `a / b` for ints, correctly rounded as CPython computes it.
pub fn bigint_true_div(a: &BigInt, b: &BigInt) -> Result<f64, Exception> {
    if b.is_zero() {
        return Err(Exception::new(
            ExceptionKind::ZeroDivisionError,
            "division by zero".into(),
        ));
    }
    let negative = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let (n, d) = (a.magnitude(), b.magnitude());
    if n.is_zero() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    // Scale so the quotient has at least 55 significant bits, then round once.
    let shift = 55 + d.bits() as i64 - n.bits() as i64;
    let (quotient, remainder) = if shift >= 0 {
        (n << shift as u64).div_rem(d)
    } else {
        n.div_rem(&(d << (-shift) as u64))
    };
    round_to_f64(&quotient, negative, -shift, !remainder.is_zero()).ok_or_else(|| {
        Exception::new(
            ExceptionKind::OverflowError,
            "integer division result too large for a float".into(),
        )
    })
}

/// Exact comparison of an int with a float; `None` when the float is NaN.
pub fn compare_bigint_float(value: &BigInt, float: f64) -> Option<Ordering> {
    if float.is_nan() {
        return None;
    }
    if float.is_infinite() {
        return Some(if float > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let whole = float.trunc();
    let whole_int = BigInt::from_f64(whole)?;
    match value.cmp(&whole_int) {
        Ordering::Equal => 0.0.partial_cmp(&(float - whole)),
        other => Some(other),
    }
}

/// The integer value of an integral, finite float.
pub fn float_to_bigint(value: f64) -> Result<BigInt, Exception> {
    if value.is_nan() {
        return Err(value_error("cannot convert float NaN to integer".into()));
    }
    if value.is_infinite() {
        return Err(Exception::new(
            ExceptionKind::OverflowError,
            "cannot convert float infinity to integer".into(),
        ));
    }
    Ok(BigInt::from_f64(value.trunc()).unwrap_or_default())
}

/// `numerator / denominator` rounded to the nearest integer, ties to even
/// (`denominator > 0`).
fn div_round_half_even(numerator: &BigInt, denominator: &BigInt) -> BigInt {
    let (quotient, remainder) = numerator.div_mod_floor(denominator);
    let twice: BigInt = remainder << 1u8;
    match twice.cmp(denominator) {
        Ordering::Greater => quotient + 1u8,
        Ordering::Equal if quotient.is_odd() => quotient + 1u8,
        _ => quotient,
    }
}

/// `round(value, ndigits)` for a float, exactly as CPython (the exact binary value is
/// rounded half-to-even at the decimal position, then converted back correctly rounded).
pub fn round_float(value: f64, ndigits: i64) -> Result<f64, Exception> {
    // Beyond these, CPython returns the value itself or a signed zero.
    if !value.is_finite() || value == 0.0 || ndigits > 323 {
        return Ok(value);
    }
    if ndigits < -308 {
        return Ok(0.0 * value);
    }
    let (mantissa, exponent) = decompose(value);
    let ten_power = BigInt::from(10u8).pow(ndigits.unsigned_abs() as u32);
    let overflow = || {
        Exception::new(
            ExceptionKind::OverflowError,
            "rounded value too large to represent".into(),
        )
    };
    let result = if ndigits >= 0 {
        if exponent >= 0 {
            return Ok(value);
        }
        let numerator = mantissa * &ten_power;
        let denominator = BigInt::from(1u8) << (-exponent) as u64;
        let rounded = div_round_half_even(&numerator, &denominator);
        bigint_true_div(&rounded, &ten_power).map_err(|_| overflow())?
    } else {
        let (numerator, denominator) = if exponent >= 0 {
            (mantissa << exponent as u64, ten_power.clone())
        } else {
            (mantissa, &ten_power << (-exponent) as u64)
        };
        let rounded = div_round_half_even(&numerator, &denominator) * &ten_power;
        bigint_to_f64(&rounded).map_err(|_| overflow())?
    };
    Ok(if result == 0.0 {
        0f64.copysign(value)
    } else {
        result
    })
}

/// `round(value, ndigits)` for an int with `ndigits < 0`: half to even at `10**-ndigits`.
pub fn round_bigint(value: &BigInt, ndigits: i64) -> BigInt {
    if ndigits >= 0 {
        return value.clone();
    }
    // 10**k for k past the value's digits rounds everything to zero.
    let digits = value.bits() / 3 + 2;
    if ndigits.unsigned_abs() > digits {
        return BigInt::zero();
    }
    let ten_power = BigInt::from(10u8).pow(ndigits.unsigned_abs() as u32);
    div_round_half_even(value, &ten_power) * ten_power
}

/// A finite float as `mantissa * 2**exponent` with an integer mantissa.
fn decompose(value: f64) -> (BigInt, i64) {
    let bits = value.to_bits();
    let raw_exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if raw_exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), raw_exponent - 1075)
    };
    let mantissa = BigInt::from(mantissa);
    (if value < 0.0 { -mantissa } else { mantissa }, exponent)
}

/// Python's `str.strip()` whitespace for the ASCII range plus Unicode white space.
fn strip_python(text: &str) -> &str {
    text.trim_matches(crate::value::is_python_space)
}

/// Removes single underscores between digits; `None` when an underscore is misplaced.
fn without_underscores(digits: &str, is_digit: impl Fn(u8) -> bool) -> Option<String> {
    let bytes = digits.as_bytes();
    let mut out = String::with_capacity(digits.len());
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let before = i > 0 && is_digit(bytes[i - 1]);
            let after = bytes.get(i + 1).is_some_and(|&n| is_digit(n));
            if !(before && after) {
                return None;
            }
        } else {
            out.push(b as char);
        }
    }
    Some(out)
}

/// The outcome of parsing an `int()` argument.
pub enum ParsedInt {
    Small(i64),
    Big(BigInt),
}

/// `int(text, base)`: CPython's rules for whitespace, sign, prefixes and underscores.
/// The error is a ValueError with CPython's message (or NotImplementedError for non-ASCII
/// digits, which CPython accepts and PyRust does not read yet).
pub fn parse_int(text: &str, base: u32, repr: impl Fn() -> String) -> Result<ParsedInt, Exception> {
    let invalid = || {
        value_error(format!(
            "invalid literal for int() with base {base}: {}",
            repr()
        ))
    };
    let stripped = strip_python(text);
    if stripped.chars().any(|c| !c.is_ascii() && c.is_numeric()) {
        return Err(Exception::new(
            ExceptionKind::NotImplementedError,
            "int() of a string with non-ASCII digits is not supported by PyRust yet".into(),
        ));
    }
    let (negative, unsigned) = match stripped.as_bytes().first() {
        Some(b'-') => (true, &stripped[1..]),
        Some(b'+') => (false, &stripped[1..]),
        _ => (false, stripped),
    };
    let lower_prefix = unsigned.get(..2).map(|p| p.to_ascii_lowercase());
    let prefix_base = match lower_prefix.as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let (radix, mut digits) = match (base, prefix_base) {
        (0, Some(b)) => (b, &unsigned[2..]),
        (b, Some(p)) if b == p => (b, &unsigned[2..]),
        (0, None) => {
            // Base 0 reads decimal without leading zeros (except for zero itself).
            let significant = unsigned.trim_start_matches(['0', '_']);
            if unsigned.starts_with('0') && !significant.is_empty() {
                return Err(invalid());
            }
            (10, unsigned)
        }
        (b, _) => (b, unsigned),
    };
    // After a prefix, one underscore may precede the first digit (`0x_1f`).
    if prefix_base.is_some() && radix != 10 && digits.starts_with('_') && digits.len() > 1 {
        digits = &digits[1..];
    }
    let is_digit = |b: u8| (b as char).is_digit(radix);
    if digits.is_empty() || !digits.bytes().all(|b| b == b'_' || is_digit(b)) {
        return Err(invalid());
    }
    let clean = without_underscores(digits, is_digit).ok_or_else(invalid)?;
    if !radix.is_power_of_two() && clean.len() > MAX_STR_DIGITS {
        return Err(value_error(format!(
            "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            clean.len()
        )));
    }
    if let Ok(magnitude) = i64::from_str_radix(&clean, radix) {
        return Ok(ParsedInt::Small(if negative {
            -magnitude
        } else {
            magnitude
        }));
    }
    let magnitude = BigInt::parse_bytes(clean.as_bytes(), radix).ok_or_else(invalid)?;
    let value = if negative { -magnitude } else { magnitude };
    Ok(match value.to_i64() {
        Some(small) => ParsedInt::Small(small),
        None => ParsedInt::Big(value),
    })
}

/// `float(text)`: CPython's accepted spellings, including `inf`, `infinity` and `nan`.
pub fn parse_float(text: &str) -> Option<f64> {
    let stripped = strip_python(text);
    let (sign, unsigned) = match stripped.as_bytes().first() {
        Some(b'-') => (-1.0, &stripped[1..]),
        Some(b'+') => (1.0, &stripped[1..]),
        _ => (1.0, stripped),
    };
    let lower = unsigned.to_ascii_lowercase();
    match lower.as_str() {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN.copysign(sign)),
        _ => {}
    }
    let valid_chars = lower
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'_' | b'+' | b'-'));
    if lower.is_empty()
        || !valid_chars
        || !lower.bytes().next().is_some_and(|b| b != b'+' && b != b'-')
    {
        return None;
    }
    let clean = without_underscores(&lower, |b| b.is_ascii_digit())?;
    clean.parse::<f64>().ok().map(|value| sign * value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(text: &str) -> BigInt {
        text.parse().unwrap()
    }

    #[test]
    fn conversion_to_float_rounds_half_to_even() {
        // 2**53 + 1 lies halfway between 2**53 and 2**53 + 2: even mantissa wins.
        assert_eq!(
            bigint_to_f64(&big("9007199254740993")).unwrap(),
            9007199254740992.0
        );
        assert_eq!(
            bigint_to_f64(&big("9007199254740995")).unwrap(),
            9007199254740996.0
        );
        let two_1024: BigInt = BigInt::from(1u8) << 1024u32;
        assert!(bigint_to_f64(&two_1024).is_err());
        // Just below 2**1024 rounds up to it: overflow, as CPython reports.
        let nearly: BigInt = &two_1024 - (BigInt::from(1u8) << 969u32);
        assert!(bigint_to_f64(&nearly).is_err());
        let largest: BigInt = &two_1024 - (BigInt::from(1u8) << 971u32);
        assert_eq!(bigint_to_f64(&largest).unwrap(), f64::MAX);
    }

    #[test]
    fn true_division_is_correctly_rounded() {
        assert_eq!(bigint_true_div(&big("1"), &big("3")).unwrap(), 1.0 / 3.0);
        let a = big("1000000000000000000000000000001");
        let b = big("1000000000000000");
        assert_eq!(bigint_true_div(&a, &b).unwrap(), 1000000000000000.0);
        assert_eq!(
            bigint_true_div(&big("0"), &big("-5")).unwrap().to_bits(),
            (-0.0f64).to_bits()
        );
        // Subnormal results round once.
        let tiny = bigint_true_div(&big("1"), &(BigInt::from(1u8) << 1074u32)).unwrap();
        assert_eq!(tiny, f64::from_bits(1));
        let below_half = bigint_true_div(&big("1"), &(BigInt::from(1u8) << 1076u32)).unwrap();
        assert_eq!(below_half, 0.0);
    }

    #[test]
    fn float_rounding_matches_cpython() {
        assert_eq!(round_float(2.675, 2).unwrap(), 2.67);
        assert_eq!(round_float(1234.5678, -2).unwrap(), 1200.0);
        assert_eq!(round_float(2.5, 0).unwrap(), 2.0);
        assert_eq!(round_float(-0.4, 0).unwrap().to_bits(), (-0.0f64).to_bits());
        assert_eq!(round_float(1e300, -300).unwrap(), 1e300);
        assert_eq!(round_float(0.125, 2).unwrap(), 0.12);
        assert_eq!(round_bigint(&big("15"), -1), big("20"));
        assert_eq!(round_bigint(&big("-25"), -1), big("-20"));
        assert_eq!(round_bigint(&big("5"), -1), big("0"));
    }

    #[test]
    fn int_parsing_follows_cpython() {
        let parse = |text: &str, base| match parse_int(text, base, String::new) {
            Ok(ParsedInt::Small(v)) => Some(v),
            _ => None,
        };
        assert_eq!(parse(" 1_000 ", 10), Some(1000));
        assert_eq!(parse("0x1f", 0), Some(31));
        assert_eq!(parse("0b_101", 0), Some(5));
        assert_eq!(parse("0_0", 0), Some(0));
        assert_eq!(parse("010", 0), None);
        assert_eq!(parse("ff", 16), Some(255));
        assert_eq!(parse("0xff", 16), Some(255));
        assert_eq!(parse("zz", 36), Some(1295));
        assert_eq!(parse("1__0", 10), None);
        assert_eq!(parse("_1", 10), None);
        assert_eq!(parse("", 10), None);
        assert_eq!(parse("-", 10), None);
    }

    #[test]
    fn float_parsing_follows_cpython() {
        assert_eq!(parse_float("  -InFinity "), Some(f64::NEG_INFINITY));
        assert_eq!(parse_float("1_0.5"), Some(10.5));
        assert_eq!(parse_float("1e500"), Some(f64::INFINITY));
        assert!(parse_float("nan").unwrap().is_nan());
        assert_eq!(parse_float("x"), None);
        assert_eq!(parse_float("1__0"), None);
        assert_eq!(parse_float("--1"), None);
        assert_eq!(parse_float(".5"), Some(0.5));
    }
}
