//! Operators on values with Python's semantics: arithmetic (floor division and modulo signs,
//! overflow detection), comparisons across numeric types, truthiness, identity and `str`/`repr`.
//!
//! The dispatch loop handles int/int fast paths inline; everything else lands here.

use smallvec::SmallVec;
use std::cmp::Ordering;
use std::fmt::Write;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use pyrust_compiler::{BinaryOp, CompareOp};

use crate::error::{Exception, ExceptionKind};
use crate::heap::bigint_cost;
use crate::int::{bigint_to_f64, bigint_true_div, compare_bigint_float, write_bigint};
use crate::value::{write_float_repr, write_int_repr, write_str_repr, DictViewKind, Value};
use crate::vm::Machine;

/// Formatting into PyRust's own buffers cannot fail; if it ever does, say so.
#[cold]
fn write_failed() -> Exception {
    Exception::new(ExceptionKind::SystemError, "writing output failed".into())
}

pub(crate) fn type_error(message: String) -> Exception {
    Exception::new(ExceptionKind::TypeError, message)
}

fn zero_division(message: &str) -> Exception {
    Exception::new(ExceptionKind::ZeroDivisionError, message.into())
}

/// Marks a 64-bit result that overflowed; `int_binary` then redoes the operation with big
/// integers, so this never reaches a program.
#[cold]
pub(crate) fn int_overflow() -> Exception {
    Exception::new(ExceptionKind::OverflowError, "64-bit overflow".into())
}

/// Limb products (about a millisecond) above which a big-int operation checks that it can
/// finish before the run's deadline.
const LONG_NATIVE_OPERATION: u64 = 1 << 20;

#[cold]
fn memory_error() -> Exception {
    Exception::new(ExceptionKind::MemoryError, String::new())
}

/// Python's `a // b` for ints.
#[inline]
pub(crate) fn int_floor_div(a: i64, b: i64) -> Result<i64, Exception> {
    if b == 0 {
        return Err(zero_division("integer division or modulo by zero"));
    }
    let quotient = a.checked_div(b).ok_or_else(int_overflow)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Ok(quotient - 1)
    } else {
        Ok(quotient)
    }
}

/// Python's `a % b` for ints: the result has the sign of `b`.
#[inline]
pub(crate) fn int_mod(a: i64, b: i64) -> Result<i64, Exception> {
    if b == 0 {
        return Err(zero_division("integer modulo by zero"));
    }
    let remainder = a.wrapping_rem(b);
    if remainder != 0 && ((remainder < 0) != (b < 0)) {
        Ok(remainder + b)
    } else {
        Ok(remainder)
    }
}

/// `a ** b` for ints with `b >= 0`, by squaring, failing on overflow.
pub(crate) fn int_pow(mut base: i64, mut exponent: i64) -> Result<i64, Exception> {
    let mut result: i64 = 1;
    while exponent > 0 {
        if exponent & 1 == 1 {
            result = result.checked_mul(base).ok_or_else(int_overflow)?;
        }
        exponent >>= 1;
        if exponent > 0 {
            base = base.checked_mul(base).ok_or_else(int_overflow)?;
        }
    }
    Ok(result)
}

/// `a / b` when one float division is already the correctly rounded quotient: ints within
/// 2**53 convert to floats exactly, so the division is the only rounding. `None` when `b` is
/// zero or an operand is larger (see [`int_true_div`]). The compiler's constant folding
/// (`pyrust_compiler::fold`) applies the same rule.
#[inline(always)]
pub(crate) fn exact_int_true_div(a: i64, b: i64) -> Option<f64> {
    const EXACT: u64 = 1 << 53;
    if b != 0 && a.unsigned_abs() <= EXACT && b.unsigned_abs() <= EXACT {
        Some(a as f64 / b as f64)
    } else {
        None
    }
}

/// Correctly rounded `a / b` for ints, as CPython computes it (not `a as f64 / b as f64`,
/// which rounds twice when an operand exceeds 2**53).
pub(crate) fn int_true_div(a: i64, b: i64) -> Result<f64, Exception> {
    if b == 0 {
        return Err(zero_division("division by zero"));
    }
    if let Some(quotient) = exact_int_true_div(a, b) {
        return Ok(quotient);
    }
    let negative = (a < 0) != (b < 0);
    let (n, d) = (a.unsigned_abs() as u128, b.unsigned_abs() as u128);
    let bits = |x: u128| 128 - x.leading_zeros() as i32;
    // Scale so the quotient has at least 55 significant bits; fold the remainder into a
    // sticky bit so the single rounding of the u128 -> f64 conversion is the correct one.
    let shift = (56 + bits(d) - bits(n)).max(0);
    let scaled = n << shift;
    let mut quotient = scaled / d;
    if scaled % d != 0 {
        quotient |= 1;
    }
    let magnitude = quotient as f64 * 2f64.powi(-shift);
    Ok(if negative { -magnitude } else { magnitude })
}

/// CPython's float divmod: `(a // b, a % b)`.
pub(crate) fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut modulo = a % b;
    let mut div = (a - modulo) / b;
    if modulo != 0.0 {
        if (b < 0.0) != (modulo < 0.0) {
            modulo += b;
            div -= 1.0;
        }
    } else {
        modulo = 0f64.copysign(b);
    }
    let floor_div = if div != 0.0 {
        let mut floor = div.floor();
        if div - floor > 0.5 {
            floor += 1.0;
        }
        floor
    } else {
        0f64.copysign(a / b)
    };
    (floor_div, modulo)
}

fn float_pow(a: f64, b: f64) -> Result<f64, Exception> {
    // An infinite exponent is decided before the zero-base error (C99 `pow`, as CPython):
    // `0.0 ** -inf` is `inf`.
    if a == 0.0 && b < 0.0 && b.is_finite() {
        return Err(zero_division("0.0 cannot be raised to a negative power"));
    }
    if a < 0.0 && a.is_finite() && b.fract() != 0.0 && b.is_finite() {
        return Err(Exception::new(
            ExceptionKind::NotImplementedError,
            "complex numbers (a negative number to a fractional power) are not supported by PyRust yet".into(),
        ));
    }
    let result = a.powf(b);
    if result.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(Exception::new(
            ExceptionKind::OverflowError,
            "(34, 'Numerical result out of range')".into(),
        ));
    }
    Ok(result)
}

/// A number as a float, for mixed int/float arithmetic.
fn as_float(value: Value) -> Option<f64> {
    match value {
        Value::Float(f) => Some(f),
        Value::Int(i) => Some(i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(b))),
        _ => None,
    }
}

/// Exact comparison of an int with a float (no rounding of the int).
fn compare_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f >= TWO_63 {
        return Some(Ordering::Less);
    }
    if f < -TWO_63 {
        return Some(Ordering::Greater);
    }
    let whole = f.trunc();
    match i.cmp(&(whole as i64)) {
        Ordering::Equal => 0.0.partial_cmp(&(f - whole)),
        other => Some(other),
    }
}

impl Machine {
    /// `list += iterable` and `list *= n`: as in CPython, the list itself changes (every name
    /// bound to it sees the change) and the statement binds the same list again.
    fn list_in_place(
        &mut self,
        op: BinaryOp,
        target: Value,
        list: u32,
        other: Value,
    ) -> Result<Value, Exception> {
        if op == BinaryOp::Add {
            self.list_extend_iterable(target, other)?;
            return Ok(target);
        }
        // The repeated items are made as `list * n` makes them (same errors and limits; no
        // augmented ip, so this does not come back here), then replace the list's items. The
        // new list stays rooted while the old one is refilled from it.
        let repeated = self.binary(op, target, other, u32::MAX)?;
        self.side.scratch.push(Some(repeated));
        let items: SmallVec<[Value; 8]> = self.items(repeated).iter().copied().collect();
        self.heap.list_mut(list).clear();
        let refilled = self.extend_list(target, &items);
        self.side.scratch.pop();
        refilled.map(|()| target)
    }

    /// The slow path of every binary operator.
    #[cold]
    #[inline(never)]
    pub(crate) fn binary(
        &mut self,
        op: BinaryOp,
        a: Value,
        b: Value,
        ip: u32,
    ) -> Result<Value, Exception> {
        if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
            if op != BinaryOp::MatMul {
                return self.int_binary(
                    op,
                    x,
                    y,
                    matches!((a, b), (Value::Bool(_), Value::Bool(_))),
                );
            }
        }
        let either_big = matches!(a, Value::BigInt(_)) || matches!(b, Value::BigInt(_));
        if either_big && op != BinaryOp::MatMul {
            if let (Some(x), Some(y)) = (self.to_bigint(a), self.to_bigint(b)) {
                return self.big_binary(op, &x, &y);
            }
        }
        let either_float = matches!(a, Value::Float(_)) || matches!(b, Value::Float(_));
        if either_float && is_float_arithmetic(op) {
            if let (Some(x), Some(y)) = (self.number_as_float(a), self.number_as_float(b)) {
                return float_binary(op, x?, y?);
            }
        }
        if let (Value::Set(x), Value::Set(y)) = (a, b) {
            let in_place = self.program.augmented_ips.binary_search(&ip).is_ok();
            if let Some(result) = self.set_binary(op, x, y, in_place)? {
                return Ok(result);
            }
        }
        if let Value::List(list) = a {
            if matches!(op, BinaryOp::Add | BinaryOp::Mul)
                && self.program.augmented_ips.binary_search(&ip).is_ok()
            {
                return self.list_in_place(op, a, list, b);
            }
        }
        let is_class = |v: Value| matches!(v, Value::Builtin(class) if class.is_class());
        if op == BinaryOp::BitOr
            && (is_class(a) || is_class(b))
            && (is_class(a) || matches!(a, Value::None))
            && (is_class(b) || matches!(b, Value::None))
        {
            return Err(Exception::new(
                ExceptionKind::NotImplementedError,
                "union types ('int | str') are not supported by PyRust yet".into(),
            ));
        }
        match (op, a, b) {
            (BinaryOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), Value::BigInt(_))
            | (BinaryOp::Mul, Value::BigInt(_), Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                return Err(Exception::new(
                    ExceptionKind::OverflowError,
                    "cannot fit 'int' into an index-sized integer".into(),
                ))
            }
            (BinaryOp::Add, Value::List(_), Value::List(_))
            | (BinaryOp::Add, Value::Tuple(_), Value::Tuple(_)) => {
                let mut items = Vec::new();
                let total = self.items(a).len() + self.items(b).len();
                self.reserve_items(&mut items, total)?;
                items.extend_from_slice(self.items(a));
                items.extend_from_slice(self.items(b));
                return self.new_sequence(matches!(a, Value::List(_)), &items);
            }
            (BinaryOp::Add, Value::List(_) | Value::Tuple(_), other) => {
                let kind = a.type_name();
                return Err(type_error(format!(
                    "can only concatenate {kind} (not \"{}\") to {kind}",
                    other.type_name()
                )));
            }
            (BinaryOp::Mul, seq @ (Value::List(_) | Value::Tuple(_)), n)
            | (BinaryOp::Mul, n, seq @ (Value::List(_) | Value::Tuple(_)))
                if n.as_int().is_some() =>
            {
                let count = n.as_int().unwrap_or(0).max(0) as usize;
                let total = self.items(seq).len().saturating_mul(count);
                let mut items = Vec::new();
                self.reserve_items(&mut items, total)?;
                let len = self.items(seq).len();
                if len > 0 {
                    for _ in 0..count {
                        items.extend_from_slice(self.items(seq));
                    }
                }
                return self.new_sequence(matches!(seq, Value::List(_)), &items);
            }
            (BinaryOp::Add, Value::Str(x), Value::Str(y)) => {
                let len = self.str_ref(&x).len() + self.str_ref(&y).len();
                let text = self.alloc_str_with(len, |vm, out| {
                    out.push_str(vm.str_ref(&x));
                    out.push_str(vm.str_ref(&y));
                })?;
                return Ok(Value::Str(text));
            }
            (BinaryOp::Add, Value::Str(_), other) => {
                return Err(type_error(format!(
                    "can only concatenate str (not \"{}\") to str",
                    other.type_name()
                )))
            }
            (BinaryOp::Mul, Value::Str(s), n) | (BinaryOp::Mul, n, Value::Str(s))
                if n.as_int().is_some() =>
            {
                let count = n.as_int().unwrap_or(0).max(0) as usize;
                // CPython's limit is on characters; past memory in bytes it is MemoryError.
                let chars = self.str_char_count(s);
                if chars
                    .checked_mul(count)
                    .is_none_or(|total| total > isize::MAX as usize)
                {
                    return Err(Exception::new(
                        ExceptionKind::OverflowError,
                        "repeated string is too long".into(),
                    ));
                }
                let len = self
                    .str_ref(&s)
                    .len()
                    .checked_mul(count)
                    .filter(|&len| len <= isize::MAX as usize)
                    .ok_or_else(memory_error)?;
                let text = self.alloc_str_with(len, |vm, out| {
                    if len == 0 {
                        return;
                    }
                    // Doubling copies: O(log count) steps however many repetitions.
                    out.push_str(vm.str_ref(&s));
                    while out.len() < len {
                        let more = out.len().min(len - out.len());
                        out.extend_from_within(..more);
                    }
                })?;
                return Ok(Value::Str(text));
            }
            (BinaryOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), _)
            | (BinaryOp::Mul, _, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                // CPython repeats the left operand when it is a sequence (`[1] * "a"` blames
                // the str), and the right one otherwise.
                let count = if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) {
                    b
                } else {
                    a
                };
                return Err(type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    count.type_name()
                )));
            }
            (BinaryOp::Mod, Value::Str(s), args) => return self.percent_format(s, args),
            (
                BinaryOp::BitAnd | BinaryOp::BitOr | BinaryOp::BitXor | BinaryOp::Sub,
                Value::DictView(_, DictViewKind::Keys | DictViewKind::Items),
                _,
            )
            | (
                BinaryOp::BitAnd | BinaryOp::BitOr | BinaryOp::BitXor | BinaryOp::Sub,
                _,
                Value::DictView(_, DictViewKind::Keys | DictViewKind::Items),
            ) => {
                return Err(Exception::new(
                    ExceptionKind::NotImplementedError,
                    format!(
                        "the set operator {} on dict views is not supported by PyRust yet",
                        op.symbol()
                    ),
                ))
            }
            _ => {}
        }
        let symbol = if self.program.augmented_ips.binary_search(&ip).is_ok() {
            format!("{}=", op.symbol())
        } else if op == BinaryOp::Pow {
            "** or pow()".to_string()
        } else {
            op.symbol().to_string()
        };
        Err(type_error(format!(
            "unsupported operand type(s) for {symbol}: '{}' and '{}'",
            a.type_name(),
            b.type_name()
        )))
    }

    fn int_binary(
        &mut self,
        op: BinaryOp,
        a: i64,
        b: i64,
        both_bool: bool,
    ) -> Result<Value, Exception> {
        match self.small_int_binary(op, a, b, both_bool) {
            Err(error) if error.kind == ExceptionKind::OverflowError => {
                self.big_binary(op, &BigInt::from(a), &BigInt::from(b))
            }
            other => other,
        }
    }

    /// Int operators within 64 bits; an overflow is reported as [`int_overflow`].
    fn small_int_binary(
        &mut self,
        op: BinaryOp,
        a: i64,
        b: i64,
        both_bool: bool,
    ) -> Result<Value, Exception> {
        let int = |r: Option<i64>| r.map(Value::Int).ok_or_else(int_overflow);
        match op {
            BinaryOp::Add => int(a.checked_add(b)),
            BinaryOp::Sub => int(a.checked_sub(b)),
            BinaryOp::Mul => int(a.checked_mul(b)),
            BinaryOp::FloorDiv => int_floor_div(a, b).map(Value::Int),
            BinaryOp::Mod => int_mod(a, b).map(Value::Int),
            BinaryOp::TrueDiv => int_true_div(a, b).map(Value::Float),
            BinaryOp::Pow => {
                if b < 0 {
                    if a == 0 {
                        return Err(zero_division("0.0 cannot be raised to a negative power"));
                    }
                    return float_pow(a as f64, b as f64).map(Value::Float);
                }
                int_pow(a, b).map(Value::Int)
            }
            BinaryOp::BitAnd if both_bool => Ok(Value::Bool(a & b != 0)),
            BinaryOp::BitOr if both_bool => Ok(Value::Bool(a | b != 0)),
            BinaryOp::BitXor if both_bool => Ok(Value::Bool(a ^ b != 0)),
            BinaryOp::BitAnd => Ok(Value::Int(a & b)),
            BinaryOp::BitOr => Ok(Value::Int(a | b)),
            BinaryOp::BitXor => Ok(Value::Int(a ^ b)),
            BinaryOp::LeftShift => {
                if b < 0 {
                    return Err(Exception::new(
                        ExceptionKind::ValueError,
                        "negative shift count".into(),
                    ));
                }
                if a == 0 {
                    return Ok(Value::Int(0));
                }
                if b >= 64 {
                    return Err(int_overflow());
                }
                let shifted = a << b;
                if shifted >> b != a {
                    return Err(int_overflow());
                }
                Ok(Value::Int(shifted))
            }
            BinaryOp::RightShift => {
                if b < 0 {
                    return Err(Exception::new(
                        ExceptionKind::ValueError,
                        "negative shift count".into(),
                    ));
                }
                Ok(Value::Int(a >> b.min(63)))
            }
            // `binary` never sends `@` here; ints do not support it.
            BinaryOp::MatMul => Err(type_error("unsupported operand type(s) for @".into())),
        }
    }

    /// Unary `-`, `+`, `~` on anything but the inline int fast path.
    #[cold]
    #[inline(never)]
    pub(crate) fn unary(&mut self, symbol: char, value: Value) -> Result<Value, Exception> {
        match (symbol, value) {
            ('-', Value::Float(f)) => Ok(Value::Float(-f)),
            ('+', Value::Float(f)) => Ok(Value::Float(f)),
            ('-', Value::BigInt(_) | Value::Int(i64::MIN)) => {
                let operand = self.to_bigint(value).unwrap_or_default();
                self.charge_int_work(operand.bits())?;
                let negated = -operand;
                self.make_int(negated)
            }
            ('+', Value::BigInt(_)) => Ok(value),
            ('~', Value::BigInt(_)) => {
                let operand = self.to_bigint(value).unwrap_or_default();
                self.charge_int_work(operand.bits())?;
                let inverted = !operand;
                self.make_int(inverted)
            }
            ('-', v) if v.as_int().is_some() => Ok(Value::Int(-v.as_int().unwrap_or(0))),
            ('+', v) if v.as_int().is_some() => Ok(Value::Int(v.as_int().unwrap_or(0))),
            ('~', v) if v.as_int().is_some() => Ok(Value::Int(!v.as_int().unwrap_or(0))),
            _ => Err(type_error(format!(
                "bad operand type for unary {symbol}: '{}'",
                value.type_name()
            ))),
        }
    }

    /// Every comparison operator, on any pair of values.
    pub(crate) fn compare(
        &mut self,
        op: CompareOp,
        mut a: Value,
        mut b: Value,
    ) -> Result<bool, Exception> {
        if matches!(a, Value::BigInt(_)) || matches!(b, Value::BigInt(_)) {
            let bits = |vm: &Self, v: Value| match v {
                Value::BigInt(i) => vm.heap.bigint(i).bits(),
                _ => 64,
            };
            let total = bits(self, a) + bits(self, b);
            self.charge_int_work(total)?;
        }
        if let (Value::Str(x), Value::Str(y)) = (a, b) {
            // Comparing or searching strings is linear in their length: charge it.
            let bytes = self.str_ref(&x).len() + self.str_ref(&y).len();
            self.charge_bytes(bytes)?;
        }
        match op {
            CompareOp::Eq => self.equal(a, b),
            CompareOp::NotEq => self.equal(a, b).map(|equal| !equal),
            CompareOp::Is => self.identical(a, b),
            CompareOp::IsNot => self.identical(a, b).map(|same| !same),
            CompareOp::In => self.contains(b, a),
            CompareOp::NotIn => self.contains(b, a).map(|found| !found),
            CompareOp::Lt | CompareOp::LtE | CompareOp::Gt | CompareOp::GtE
                if matches!((a, b), (Value::Set(_), Value::Set(_))) =>
            {
                let (Value::Set(x), Value::Set(y)) = (a, b) else {
                    return Ok(false);
                };
                self.set_compare(op, x, y)
            }
            CompareOp::Lt | CompareOp::LtE | CompareOp::Gt | CompareOp::GtE => {
                let ordering = match self.order(a, b)? {
                    Ok(ordering) => Some(ordering),
                    Err(pair) => {
                        // The items that decided: their types name the error, and NaN
                        // among numbers makes every order comparison false.
                        (a, b) = pair;
                        None
                    }
                };
                let Some(ordering) = ordering else {
                    let nan_involved =
                        self.number_as_float(a).is_some() && self.number_as_float(b).is_some();
                    if nan_involved {
                        return Ok(false);
                    }
                    let symbol = match op {
                        CompareOp::Lt => "<",
                        CompareOp::LtE => "<=",
                        CompareOp::Gt => ">",
                        _ => ">=",
                    };
                    return Err(type_error(format!(
                        "'{symbol}' not supported between instances of '{}' and '{}'",
                        a.type_name(),
                        b.type_name()
                    )));
                };
                Ok(match op {
                    CompareOp::Lt => ordering == Ordering::Less,
                    CompareOp::LtE => ordering != Ordering::Greater,
                    CompareOp::Gt => ordering == Ordering::Greater,
                    _ => ordering != Ordering::Less,
                })
            }
        }
    }

    /// Ordering of two values, or the pair of (innermost) items that are unordered (NaN)
    /// or not comparable. Containers compare lexicographically; the descent into the first
    /// differing items is a loop, not native recursion.
    pub(crate) fn order(
        &self,
        a: Value,
        b: Value,
    ) -> Result<Result<Ordering, (Value, Value)>, Exception> {
        let (mut a, mut b) = (a, b);
        let mut depth = 0;
        loop {
            match (a, b) {
                (Value::Tuple(_), Value::Tuple(_)) | (Value::List(_), Value::List(_)) => {
                    depth = nested(depth)?;
                    let (xs, ys) = (self.items(a), self.items(b));
                    let mut differing = None;
                    for (&p, &q) in xs.iter().zip(ys) {
                        check_not_nan_pair(p, q)?;
                        if !same_object(p, q) && !self.equal(p, q)? {
                            differing = Some((p, q));
                            break;
                        }
                    }
                    match differing {
                        Some((p, q)) => (a, b) = (p, q),
                        None => return Ok(Ok(xs.len().cmp(&ys.len()))),
                    }
                }
                _ => return Ok(self.scalar_order(a, b).ok_or((a, b))),
            }
        }
    }

    /// Ordering of two non-container values.
    fn scalar_order(&self, a: Value, b: Value) -> Option<Ordering> {
        match (a, b) {
            (Value::BigInt(x), Value::BigInt(y)) => {
                Some(self.heap.bigint(x).cmp(self.heap.bigint(y)))
            }
            // A big int lies outside the 64-bit range: its sign decides.
            (Value::BigInt(x), other) if other.as_int().is_some() => {
                Some(if self.heap.bigint(x).is_negative() {
                    Ordering::Less
                } else {
                    Ordering::Greater
                })
            }
            (other, Value::BigInt(y)) if other.as_int().is_some() => {
                Some(if self.heap.bigint(y).is_negative() {
                    Ordering::Greater
                } else {
                    Ordering::Less
                })
            }
            (Value::BigInt(x), Value::Float(f)) => compare_bigint_float(self.heap.bigint(x), f),
            (Value::Float(f), Value::BigInt(y)) => {
                compare_bigint_float(self.heap.bigint(y), f).map(Ordering::reverse)
            }
            (Value::Float(x), Value::Float(y)) => x.partial_cmp(&y),
            (Value::Float(x), other) => other
                .as_int()
                .and_then(|i| compare_int_float(i, x))
                .map(Ordering::reverse),
            (other, Value::Float(y)) => other.as_int().and_then(|i| compare_int_float(i, y)),
            (Value::Str(x), Value::Str(y)) => Some(self.str_ref(&x).cmp(self.str_ref(&y))),
            _ => match (a.as_int(), b.as_int()) {
                (Some(x), Some(y)) => Some(x.cmp(&y)),
                _ => None,
            },
        }
    }

    /// The items of a tuple or list (empty for anything else).
    pub(crate) fn items(&self, value: Value) -> &[Value] {
        match value {
            Value::Tuple(t) => self.heap.tuple(t),
            Value::List(l) => self.heap.list(l),
            _ => &[],
        }
    }

    /// `a == b`. Containers are compared with an explicit work stack (pairs still to compare,
    /// with their nesting depth), so nesting cannot overflow the native stack; past
    /// `MAX_COMPARE_DEPTH` levels (e.g. two distinct cyclic lists) it is a RecursionError.
    pub(crate) fn equal(&self, a: Value, b: Value) -> Result<bool, Exception> {
        if let (Value::Dict(x), Value::Dict(y)) = (a, b) {
            return self.dicts_equal(x, y);
        }
        if let (Value::Set(x), Value::Set(y)) = (a, b) {
            return self.sets_equal(x, y);
        }
        if let Some(equal) = dict_view_equality(a, b)? {
            return Ok(equal);
        }
        if !matches!(
            (a, b),
            (Value::Tuple(_), Value::Tuple(_)) | (Value::List(_), Value::List(_))
        ) {
            return Ok(self.scalar_equal(a, b));
        }
        let mut work: Vec<(Value, Value, u32)> = vec![(a, b, 0)];
        while let Some((p, q, depth)) = work.pop() {
            match (p, q) {
                (Value::Tuple(_), Value::Tuple(_)) | (Value::List(_), Value::List(_)) => {
                    if same_object(p, q) {
                        continue;
                    }
                    let depth = nested(depth)?;
                    let (xs, ys) = (self.items(p), self.items(q));
                    if xs.len() != ys.len() {
                        return Ok(false);
                    }
                    // Reversed, so items are compared left to right.
                    for (&x, &y) in xs.iter().zip(ys).rev() {
                        work.push((x, y, depth));
                    }
                }
                _ => {
                    // Items of containers: CPython tries identity first.
                    if depth > 0 {
                        check_not_nan_pair(p, q)?;
                    }
                    if !self.scalar_equal(p, q) {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }

    /// `a == b` when at most one of them is a container (then they differ).
    pub(crate) fn scalar_equal(&self, a: Value, b: Value) -> bool {
        match (a, b) {
            (Value::None, Value::None) => true,
            // Short text is always inline: an inline string equals only the same inline one.
            (Value::Str(x), Value::Str(y)) => {
                x == y
                    || (x.inline_text().is_none()
                        && y.inline_text().is_none()
                        && self.str_ref(&x) == self.str_ref(&y))
            }
            (Value::Function(x), Value::Function(y)) => x == y,
            (Value::FunctionObject(x), Value::FunctionObject(y)) => x == y,
            (Value::Generator(x), Value::Generator(y)) => x == y,
            (Value::Builtin(x), Value::Builtin(y)) => x == y,
            (Value::Iterator(x, _), Value::Iterator(y, _)) => x == y,
            (Value::Tuple(_) | Value::List(_), _) | (_, Value::Tuple(_) | Value::List(_)) => false,
            (
                Value::Range { .. } | Value::BigRange(_),
                Value::Range { .. } | Value::BigRange(_),
            ) => {
                let (x, y) = (self.range_bounds(a), self.range_bounds(b));
                let (lx, ly) = (range_len(x), range_len(y));
                lx == ly && (lx == 0 || (x[0] == y[0] && (lx == 1 || x[2] == y[2])))
            }
            _ => self.scalar_order(a, b) == Some(Ordering::Equal),
        }
    }

    /// `a is b`. Identity of numbers and strings is a CPython implementation detail (small-int
    /// cache, interning); where it cannot be known without CPython's object layout, refuse.
    fn identical(&self, a: Value, b: Value) -> Result<bool, Exception> {
        match (a, b) {
            (Value::None, Value::None) => Ok(true),
            (Value::Bool(x), Value::Bool(y)) => Ok(x == y),
            (Value::Function(x), Value::Function(y)) => Ok(x == y),
            (Value::FunctionObject(x), Value::FunctionObject(y)) => Ok(x == y),
            (Value::Generator(x), Value::Generator(y)) => Ok(x == y),
            (Value::Builtin(x), Value::Builtin(y)) => Ok(x == y),
            (Value::Set(x), Value::Set(y))
            | (Value::List(x), Value::List(y))
            | (Value::Dict(x), Value::Dict(y))
            | (Value::Iterator(x, _), Value::Iterator(y, _)) => Ok(x == y),
            // Each `d.keys()` makes a new view object, which PyRust's values cannot tell apart.
            (Value::DictView(x, p), Value::DictView(y, q)) if x == y && p == q => {
                Err(Exception::new(
                    ExceptionKind::NotImplementedError,
                    "'is' between two views of the same dict is not supported by PyRust".into(),
                ))
            }
            (Value::Int(x), Value::Int(y)) if x != y || (-5..=256).contains(&x) => Ok(x == y),
            (Value::Float(x), Value::Float(y)) if x.to_bits() != y.to_bits() => Ok(false),
            (Value::Str(x), Value::Str(y)) if self.str_ref(&x) != self.str_ref(&y) => Ok(false),
            (Value::Int(_) | Value::BigInt(_), Value::Int(_) | Value::BigInt(_))
            | (Value::Float(_), Value::Float(_))
            | (Value::Str(_), Value::Str(_))
            | (Value::Tuple(_), Value::Tuple(_))
            | (Value::Range { .. } | Value::BigRange(_), Value::Range { .. } | Value::BigRange(_)) => {
                Err(Exception::new(
                    ExceptionKind::NotImplementedError,
                    format!(
                        "'is' between two equal {} values depends on CPython's object caching and is not supported by PyRust",
                        a.type_name()
                    ),
                ))
            }
            // Values of different types are never the same object.
            _ => Ok(false),
        }
    }

    /// `item in container`.
    fn contains(&mut self, container: Value, item: Value) -> Result<bool, Exception> {
        match container {
            Value::Range { .. } | Value::BigRange(_) => {
                let [start, stop, step] = self.range_bounds(container);
                let value = match item {
                    Value::Int(_) | Value::Bool(_) => item.as_int(),
                    Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(f as i64),
                    _ => None,
                };
                let Some(value) = value else {
                    return Ok(false);
                };
                let inside = if step > 0 {
                    start <= value && value < stop
                } else {
                    stop < value && value <= start
                };
                Ok(inside && (value as i128 - start as i128) % step as i128 == 0)
            }
            Value::Dict(dict) | Value::DictView(dict, DictViewKind::Keys) => {
                Ok(self.dict_find(dict, item)?.is_some())
            }
            Value::Set(set) => self.set_contains(set, item),
            Value::DictView(dict, kind) => {
                // Values and items views: a linear search, as CPython does.
                for (key, value) in self.dict_entries(dict) {
                    let candidate = match kind {
                        DictViewKind::Items => {
                            let pair = self.items(item);
                            if !matches!(item, Value::Tuple(_)) || pair.len() != 2 {
                                continue;
                            }
                            if self.equal(pair[0], key)? && self.equal(pair[1], value)? {
                                return Ok(true);
                            }
                            continue;
                        }
                        _ => value,
                    };
                    if self.equal(candidate, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Tuple(_) | Value::List(_) => {
                // About one step per eight items compared (a comparison costs more than a
                // copied byte).
                self.charge_bytes(self.items(container).len().saturating_mul(64))?;
                for &element in self.items(container) {
                    check_not_nan_pair(element, item)?;
                    if same_object(element, item) || self.equal(element, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Iterator(..) | Value::Generator(_) => {
                // Consumes the iterator up to the first equal item, as CPython does.
                while let Some((element, _)) = self.sequence_next(container, Value::Int(0))? {
                    self.charge_bytes(64)?;
                    check_not_nan_pair(element, item)?;
                    if same_object(element, item) || self.equal(element, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Str(haystack) => match item {
                Value::Str(needle) => Ok(self.str_ref(&haystack).contains(self.str_ref(&needle))),
                other => Err(type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.type_name()
                ))),
            },
            other => Err(type_error(format!(
                "argument of type '{}' is not iterable",
                other.type_name()
            ))),
        }
    }

    /// `(start, stop, step)` of a range value.
    pub(crate) fn range_bounds(&self, value: Value) -> [i64; 3] {
        match value {
            Value::Range { start, stop, step } => [start as i64, stop as i64, step as i64],
            Value::BigRange(index) => self.heap.range(index),
            _ => [0, 0, 1],
        }
    }

    /// Python's `str(value)`, appended to `out`.
    pub(crate) fn write_str(&self, value: Value, out: &mut impl Write) -> Result<(), Exception> {
        match value {
            Value::Str(s) => out.write_str(self.str_ref(&s)).map_err(|_| write_failed()),
            other => self.write_repr(other, out),
        }
    }

    /// Python's `repr(value)`, appended to `out`.
    pub(crate) fn write_repr(&self, value: Value, out: &mut impl Write) -> Result<(), Exception> {
        let written = match value {
            Value::None => out.write_str("None"),
            Value::Bool(true) => out.write_str("True"),
            Value::Bool(false) => out.write_str("False"),
            Value::Int(i) => write_int_repr(i, out),
            Value::BigInt(index) => return write_bigint(self.heap.bigint(index), out),
            Value::Tuple(_)
            | Value::List(_)
            | Value::Dict(_)
            | Value::DictView(..)
            | Value::Set(_) => return self.write_container_repr(value, out),
            // CPython prints a memory address; PyRust a stable per-object one.
            Value::Iterator(index, _) => write!(
                out,
                "<{} object at 0x{:012x}>",
                value.type_name(),
                0x7f10_0000_0000u64 + u64::from(index) * 0x40
            ),
            Value::Float(f) => write_float_repr(f, out),
            Value::Str(s) => {
                return write_str_repr(self.str_ref(&s), out).map_err(|_| write_failed())
            }
            Value::Range { .. } | Value::BigRange(_) => {
                let [start, stop, step] = self.range_bounds(value);
                if step == 1 {
                    write!(out, "range({start}, {stop})")
                } else {
                    write!(out, "range({start}, {stop}, {step})")
                }
            }
            Value::Function(id) => {
                let name = self
                    .program
                    .names
                    .resolve(self.program.functions[id.0 as usize].name);
                // CPython prints a memory address; PyRust prints a stable per-function one.
                write!(
                    out,
                    "<function {name} at 0x{:012x}>",
                    0x7f00_0000_0000u64 + u64::from(id.0) * 0x90
                )
            }
            Value::Generator(index) => {
                let name = match self.heap.generator(index) {
                    Some(generator) => self
                        .program
                        .names
                        .resolve(self.program.functions[generator.function.0 as usize].name),
                    None => "?",
                };
                write!(
                    out,
                    "<generator object {name} at 0x{:012x}>",
                    0x7f80_0000_0000u64 + u64::from(index) * 0x70
                )
            }
            Value::FunctionObject(index) => {
                let name = match self.heap.tuple(index).first() {
                    Some(&Value::Function(id)) => self
                        .program
                        .names
                        .resolve(self.program.functions[id.0 as usize].name),
                    _ => "?",
                };
                write!(
                    out,
                    "<function {name} at 0x{:012x}>",
                    0x7f40_0000_0000u64 + u64::from(index) * 0x90
                )
            }
            Value::Builtin(class) if class.is_class() => write!(out, "<class '{}'>", class.name()),
            Value::Builtin(builtin) => write!(out, "<built-in function {}>", builtin.name()),
        };
        written.map_err(|_| write_failed())
    }

    /// `repr` of a tuple or list, iteratively (an explicit work stack, so nesting cannot
    /// overflow the native stack): a container already being printed is `[...]`/`(...)`, as
    /// in CPython, and nesting deeper than `MAX_REPR_DEPTH` is a RecursionError. The deadline
    /// and the cancel flag are polled as items are written (shared structure can make the text
    /// exponentially long), and the text is bounded by the memory left under the heap limit.
    fn write_container_repr(&self, root: Value, out: &mut impl Write) -> Result<(), Exception> {
        enum Step {
            Value(Value),
            Text(&'static str),
            Leave,
        }
        let mut work = vec![Step::Value(root)];
        let mut active: Vec<Value> = Vec::new();
        let mut written = 0usize;
        let budget = self.heap.bytes_left();
        let mut text = String::new();
        while let Some(step) = work.pop() {
            text.clear();
            match step {
                Step::Text(t) => text.push_str(t),
                Step::Leave => {
                    active.pop();
                }
                Step::Value(value @ (Value::Dict(_) | Value::DictView(..))) => {
                    let (Value::Dict(d) | Value::DictView(d, _)) = value else {
                        continue;
                    };
                    let dict = Value::Dict(d);
                    if active.iter().any(|&a| same_object(a, dict)) {
                        text.push_str("{...}");
                    } else {
                        if active.len() >= MAX_REPR_DEPTH {
                            return Err(Exception::new(
                                ExceptionKind::RecursionError,
                                "maximum recursion depth exceeded while getting the repr of an object".into(),
                            ));
                        }
                        let entries = self.dict_entries(d);
                        let (open, close) = match value {
                            Value::DictView(_, DictViewKind::Keys) => ("dict_keys([", "])"),
                            Value::DictView(_, DictViewKind::Values) => ("dict_values([", "])"),
                            Value::DictView(_, DictViewKind::Items) => ("dict_items([", "])"),
                            _ => ("{", "}"),
                        };
                        text.push_str(open);
                        active.push(dict);
                        work.push(Step::Leave);
                        work.push(Step::Text(close));
                        for (i, &(key, item)) in entries.iter().enumerate().rev() {
                            match value {
                                Value::DictView(_, DictViewKind::Keys) => {
                                    work.push(Step::Value(key));
                                }
                                Value::DictView(_, DictViewKind::Values) => {
                                    work.push(Step::Value(item));
                                }
                                Value::DictView(_, DictViewKind::Items) => {
                                    work.push(Step::Text(")"));
                                    work.push(Step::Value(item));
                                    work.push(Step::Text(", "));
                                    work.push(Step::Value(key));
                                    work.push(Step::Text("("));
                                }
                                _ => {
                                    work.push(Step::Value(item));
                                    work.push(Step::Text(": "));
                                    work.push(Step::Value(key));
                                }
                            }
                            if i > 0 {
                                work.push(Step::Text(", "));
                            }
                        }
                    }
                }
                Step::Value(Value::Set(set)) => {
                    let items = self.set_items(set);
                    if items.is_empty() {
                        text.push_str("set()");
                    } else {
                        if active.len() >= MAX_REPR_DEPTH {
                            return Err(Exception::new(
                                ExceptionKind::RecursionError,
                                "maximum recursion depth exceeded while getting the repr of an object".into(),
                            ));
                        }
                        // A set cannot contain itself (sets are unhashable), so it is never
                        // marked active.
                        text.push('{');
                        work.push(Step::Text("}"));
                        for (i, &item) in items.iter().enumerate().rev() {
                            work.push(Step::Value(item));
                            if i > 0 {
                                work.push(Step::Text(", "));
                            }
                        }
                    }
                }
                Step::Value(value @ (Value::Tuple(_) | Value::List(_))) => {
                    let is_list = matches!(value, Value::List(_));
                    if active.iter().any(|&a| same_object(a, value)) {
                        text.push_str(if is_list { "[...]" } else { "(...)" });
                    } else {
                        if active.len() >= MAX_REPR_DEPTH {
                            return Err(Exception::new(
                                ExceptionKind::RecursionError,
                                "maximum recursion depth exceeded while getting the repr of an object".into(),
                            ));
                        }
                        let items = self.items(value);
                        text.push(if is_list { '[' } else { '(' });
                        active.push(value);
                        work.push(Step::Leave);
                        work.push(Step::Text(match (is_list, items.len()) {
                            (true, _) => "]",
                            (false, 1) => ",)",
                            (false, _) => ")",
                        }));
                        for (i, &item) in items.iter().enumerate().rev() {
                            work.push(Step::Value(item));
                            if i > 0 {
                                work.push(Step::Text(", "));
                            }
                        }
                    }
                }
                Step::Value(value) => self.write_repr(value, &mut text)?,
            }
            written = written.saturating_add(text.len());
            if written > budget {
                return Err(Exception::new(ExceptionKind::MemoryError, String::new()));
            }
            if written & 0xfff < text.len() {
                self.poll_shared()?;
            }
            out.write_str(&text).map_err(|_| write_failed())?;
        }
        Ok(())
    }

    /// Python truthiness.
    #[inline]
    pub(crate) fn truthy(&self, value: Value) -> bool {
        match value {
            Value::Bool(b) => b,
            Value::Int(i) => i != 0,
            Value::None => false,
            Value::Float(f) => f != 0.0,
            Value::Str(s) => !self.str_ref(&s).is_empty(),
            Value::BigInt(_) | Value::Iterator(..) | Value::Generator(_) => true,
            Value::Dict(d) | Value::DictView(d, _) => self.dict_len(d) > 0,
            Value::Set(set) => self.set_len(set) > 0,
            Value::Tuple(_) | Value::List(_) => !self.items(value).is_empty(),
            Value::Range { .. } | Value::BigRange(_) => range_len(self.range_bounds(value)) > 0,
            Value::Function(_) | Value::FunctionObject(_) | Value::Builtin(_) => true,
        }
    }
}

impl Machine {
    /// An int, bool or big int as an owned big integer.
    pub(crate) fn to_bigint(&self, value: Value) -> Option<BigInt> {
        match value {
            Value::BigInt(index) => Some(self.heap.bigint(index).clone()),
            other => other.as_int().map(BigInt::from),
        }
    }

    /// A number as a float for mixed arithmetic: `None` for a non-number, an error for a big
    /// int out of the float range.
    pub(crate) fn number_as_float(&self, value: Value) -> Option<Result<f64, Exception>> {
        match value {
            Value::BigInt(index) => Some(bigint_to_f64(self.heap.bigint(index))),
            other => as_float(other).map(Ok),
        }
    }

    /// An integer result as a value: inline when it fits 64 bits, else on the heap.
    pub(crate) fn make_int(&mut self, value: BigInt) -> Result<Value, Exception> {
        if let Some(small) = value.to_i64() {
            return Ok(Value::Int(small));
        }
        self.collect_if_needed(bigint_cost(value.bits()));
        self.store_int(value)
    }

    /// Fails with MemoryError unless an integer of `bits` bits fits under the memory limit,
    /// and charges the work of producing it (1 step per 512 bytes).
    fn check_int_size(&mut self, bits: u64) -> Result<(), Exception> {
        let cost = bigint_cost(bits);
        self.collect_if_needed(cost);
        if !self.heap.would_fit(cost) {
            return Err(memory_error());
        }
        self.charge_bytes(cost)
    }

    /// Charges work linear in the size of big-int operands: at least one step per operation
    /// (a loop body of many big-int statements costs what it does, even between backward
    /// jumps), plus one per 512 bytes of operand.
    pub(crate) fn charge_int_work(&mut self, bits: u64) -> Result<(), Exception> {
        let bytes = usize::try_from(bits / 8).unwrap_or(usize::MAX);
        self.charge_bytes(bytes.saturating_add(512))
    }

    /// Charges a big multiplication (or division) by its work in 64-bit limb products,
    /// 1 step per 64: schoolbook for short operands, Karatsuba's `n**1.585` for long ones.
    pub(crate) fn charge_multiplication(
        &mut self,
        x_bits: u64,
        y_bits: u64,
    ) -> Result<(), Exception> {
        let (short, long) = {
            let (x, y) = (x_bits.div_ceil(64).max(1), y_bits.div_ceil(64).max(1));
            (x.min(y), x.max(y))
        };
        let products = if short <= 32 {
            short.saturating_mul(long)
        } else {
            ((short as f64).powf(0.585) * long as f64) as u64
        };
        // One native operation cannot be interrupted: refuse one that would run well past
        // the deadline (a 64-bit limb product takes about a nanosecond).
        if products > LONG_NATIVE_OPERATION {
            self.check_native_duration(std::time::Duration::from_nanos(products))?;
        }
        self.charge_bytes(usize::try_from(products.saturating_mul(8)).unwrap_or(usize::MAX))
    }

    /// Every int operator on operands of any size (the slow path past 64 bits).
    pub(crate) fn big_binary(
        &mut self,
        op: BinaryOp,
        x: &BigInt,
        y: &BigInt,
    ) -> Result<Value, Exception> {
        self.charge_int_work(x.bits() + y.bits())?;
        let result = match op {
            BinaryOp::Add => {
                self.check_int_size(x.bits().max(y.bits()) + 1)?;
                x + y
            }
            BinaryOp::Sub => {
                self.check_int_size(x.bits().max(y.bits()) + 1)?;
                x - y
            }
            BinaryOp::Mul => {
                self.check_int_size(x.bits() + y.bits())?;
                self.charge_multiplication(x.bits(), y.bits())?;
                x * y
            }
            BinaryOp::FloorDiv | BinaryOp::Mod => {
                if y.is_zero() {
                    return Err(zero_division(if op == BinaryOp::Mod {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    }));
                }
                self.charge_multiplication(x.bits(), y.bits())?;
                if op == BinaryOp::Mod {
                    x.mod_floor(y)
                } else {
                    x.div_floor(y)
                }
            }
            BinaryOp::TrueDiv => {
                self.charge_multiplication(x.bits(), y.bits())?;
                return bigint_true_div(x, y).map(Value::Float);
            }
            BinaryOp::Pow => return self.big_pow(x, y),
            BinaryOp::BitAnd => x & y,
            BinaryOp::BitOr => x | y,
            BinaryOp::BitXor => x ^ y,
            BinaryOp::LeftShift => {
                if y.is_negative() {
                    return Err(Exception::new(
                        ExceptionKind::ValueError,
                        "negative shift count".into(),
                    ));
                }
                if x.is_zero() {
                    return Ok(Value::Int(0));
                }
                let Some(shift) = y.to_u64().filter(|&s| s <= i64::MAX as u64) else {
                    // CPython can count up to about 7.5 * 2**63 bits before giving up on the
                    // size itself; below that the allocation fails.
                    let countable: BigInt = BigInt::from(69_175_290_276_410_818_320u128);
                    if y < &countable {
                        return Err(memory_error());
                    }
                    return Err(Exception::new(
                        ExceptionKind::OverflowError,
                        "too many digits in integer".into(),
                    ));
                };
                self.check_int_size(x.bits().saturating_add(shift))?;
                x << shift
            }
            BinaryOp::RightShift => {
                if y.is_negative() {
                    return Err(Exception::new(
                        ExceptionKind::ValueError,
                        "negative shift count".into(),
                    ));
                }
                match y.to_u64().filter(|&s| s < x.bits()) {
                    Some(shift) => x >> shift,
                    // Shifting out every bit leaves the sign: 0 or -1.
                    None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
                }
            }
            BinaryOp::MatMul => {
                return Err(type_error(
                    "unsupported operand type(s) for @: 'int' and 'int'".into(),
                ))
            }
        };
        self.make_int(result)
    }

    /// `x ** y` for ints of any size.
    fn big_pow(&mut self, x: &BigInt, y: &BigInt) -> Result<Value, Exception> {
        if y.is_negative() {
            if x.is_zero() {
                return Err(zero_division("0.0 cannot be raised to a negative power"));
            }
            let base = bigint_to_f64(x)?;
            let exponent = bigint_to_f64(y)?;
            return float_pow(base, exponent).map(Value::Float);
        }
        let magnitude_one = x.magnitude().bits() <= 1;
        let Some(exponent) = y.to_u64().filter(|_| !magnitude_one) else {
            // 0, 1 and -1 stay small whatever the exponent.
            return Ok(Value::Int(match x.to_i64().unwrap_or(2) {
                0 if y.is_zero() => 1,
                0 => 0,
                1 => 1,
                -1 if y.is_odd() => -1,
                -1 => 1,
                _ => return Err(memory_error()),
            }));
        };
        self.check_int_size(x.bits().saturating_mul(exponent))?;
        // Square and multiply, charging each product so a huge power respects the limits.
        let mut result = BigInt::from(1u8);
        let mut base = x.clone();
        let mut remaining = exponent;
        while remaining > 0 {
            if remaining & 1 == 1 {
                self.charge_multiplication(result.bits(), base.bits())?;
                result *= &base;
            }
            remaining >>= 1;
            if remaining > 0 {
                self.charge_multiplication(base.bits(), base.bits())?;
                base = &base * &base;
            }
        }
        self.make_int(result)
    }
}

impl Machine {
    /// `obj[index]` for the sequence types (strings by code point, tuples, ranges).
    #[cold]
    #[inline(never)]
    pub(crate) fn get_item(&mut self, obj: Value, index: Value) -> Result<Value, Exception> {
        if let Value::Dict(dict) = obj {
            return self.dict_get(dict, index);
        }
        let (kind, len) = match obj {
            Value::Str(s) => ("string", self.str_char_count(s)),
            Value::Tuple(t) => ("tuple", self.heap.tuple(t).len()),
            Value::List(l) => ("list", self.heap.list(l).len()),
            Value::Range { .. } | Value::BigRange(_) => {
                ("range object", range_len(self.range_bounds(obj)) as usize)
            }
            other => {
                return Err(type_error(format!(
                    "'{}' object is not subscriptable",
                    other.type_name()
                )))
            }
        };
        let position = match index {
            Value::Int(_) | Value::Bool(_) => index.as_int().unwrap_or(0),
            Value::BigInt(_) => {
                let message = if let Value::Str(_) | Value::Tuple(_) | Value::List(_) = obj {
                    "cannot fit 'int' into an index-sized integer".to_string()
                } else {
                    format!("{kind} index out of range")
                };
                return Err(Exception::new(ExceptionKind::IndexError, message));
            }
            other => {
                return Err(type_error(match obj {
                    Value::Str(_) => {
                        format!(
                            "string indices must be integers, not '{}'",
                            other.type_name()
                        )
                    }
                    _ => format!(
                        "{} indices must be integers or slices, not {}",
                        obj.type_name(),
                        other.type_name()
                    ),
                }));
            }
        };
        // In i128: a range may be longer than i64::MAX.
        let resolved = if position < 0 {
            position as i128 + len as i128
        } else {
            position as i128
        };
        if resolved < 0 || resolved >= len as i128 {
            return Err(Exception::new(
                ExceptionKind::IndexError,
                format!("{kind} index out of range"),
            ));
        }
        let i = resolved as usize;
        match obj {
            Value::Str(s) => {
                let text = self.str_ref(&s);
                let c = if text.is_ascii() {
                    text.as_bytes()[i] as char
                } else {
                    self.charge_bytes(text.len())?;
                    self.str_ref(&s).chars().nth(i).unwrap_or('\0')
                };
                self.char_value(c)
            }
            Value::Tuple(t) => Ok(self.heap.tuple(t)[i]),
            Value::List(l) => Ok(self.heap.list(l)[i]),
            _ => {
                let [start, _, step] = self.range_bounds(obj);
                Ok(Value::Int(
                    (start as i128 + i as i128 * step as i128) as i64,
                ))
            }
        }
    }

    /// Number of code points of a string (its byte length when ASCII).
    pub(crate) fn str_char_count(&mut self, s: crate::value::StrRef) -> usize {
        let text = self.str_ref(&s);
        if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        }
    }

    /// A one-character string value.
    fn char_value(&mut self, c: char) -> Result<Value, Exception> {
        let mut buffer = [0u8; 4];
        let text: &str = c.encode_utf8(&mut buffer);
        self.new_str(text)
    }

    /// The next item of a `for` loop over a string or tuple at `position` (a byte offset for
    /// strings, an index for tuples), with the position after it; `None` when exhausted.
    #[cold]
    #[inline(never)]
    pub(crate) fn sequence_next(
        &mut self,
        sequence: Value,
        position: Value,
    ) -> Result<Option<(Value, Value)>, Exception> {
        let Value::Int(position) = position else {
            return Err(Exception::new(
                ExceptionKind::SystemError,
                "for-loop state is corrupt".into(),
            ));
        };
        let position = position as usize;
        match sequence {
            Value::Str(s) => {
                let Some(c) = self
                    .str_ref(&s)
                    .get(position..)
                    .and_then(|t| t.chars().next())
                else {
                    return Ok(None);
                };
                let item = self.char_value(c)?;
                Ok(Some((item, Value::Int((position + c.len_utf8()) as i64))))
            }
            Value::Tuple(_) | Value::List(_) => Ok(self
                .items(sequence)
                .get(position)
                .map(|&item| (item, Value::Int(position as i64 + 1)))),
            Value::Range { .. } | Value::BigRange(_) => {
                let [start, stop, step] = self.range_bounds(sequence);
                if position as u64 >= range_len([start, stop, step]) {
                    return Ok(None);
                }
                let item = (start as i128 + position as i128 * step as i128) as i64;
                Ok(Some((Value::Int(item), Value::Int(position as i64 + 1))))
            }
            Value::Iterator(index, _) => {
                Ok(self.iterator_next(index)?.map(|item| (item, Value::Int(0))))
            }
            Value::Generator(index) => Ok(self
                .generator_next(index)?
                .map(|item| (item, Value::Int(0)))),
            Value::Dict(dict) => self.dict_next(dict, DictViewKind::Keys, position as i64),
            Value::Set(set) => self.set_for_next(set, position as i64),
            Value::DictView(dict, kind) => self.dict_next(dict, kind, position as i64),
            _ => Err(Exception::new(
                ExceptionKind::SystemError,
                "for-loop state is corrupt".into(),
            )),
        }
    }
}

/// Nesting depth past which comparing containers is a RecursionError (CPython's recursion
/// limit plays this role).
const MAX_COMPARE_DEPTH: u32 = 1000;

/// Nesting depth past which `repr` of containers is a RecursionError (as CPython's limit).
const MAX_REPR_DEPTH: usize = 1000;

fn nested(depth: u32) -> Result<u32, Exception> {
    if depth >= MAX_COMPARE_DEPTH {
        return Err(Exception::new(
            ExceptionKind::RecursionError,
            "maximum recursion depth exceeded in comparison".into(),
        ));
    }
    Ok(depth + 1)
}

/// Whether two values are the same heap container (identity).
/// `==` with a dict view: keys and items views compare as sets with sets and with each
/// other, values views by identity (which PyRust cannot tell for two views of one dict).
/// Those cases are refused; a view against anything else is unequal. `None` when neither
/// side is a view.
fn dict_view_equality(a: Value, b: Value) -> Result<Option<bool>, Exception> {
    let refuse = || {
        Err(Exception::new(
            ExceptionKind::NotImplementedError,
            "comparing dict views with == is not supported by PyRust yet".into(),
        ))
    };
    match (a, b) {
        (Value::DictView(_, DictViewKind::Values), Value::DictView(_, DictViewKind::Values)) => {
            refuse()
        }
        (Value::DictView(_, DictViewKind::Values), _)
        | (_, Value::DictView(_, DictViewKind::Values)) => Ok(Some(false)),
        (Value::DictView(..), Value::DictView(..) | Value::Set(_))
        | (Value::Set(_), Value::DictView(..)) => refuse(),
        (Value::DictView(..), _) | (_, Value::DictView(..)) => Ok(Some(false)),
        _ => Ok(None),
    }
}

/// CPython compares the items of containers (and `in`) by identity first, so a NaN object
/// equals itself there but not another NaN. PyRust floats have no identity: refuse.
fn check_not_nan_pair(a: Value, b: Value) -> Result<(), Exception> {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) if x.is_nan() && y.is_nan() => Err(Exception::new(
            ExceptionKind::NotImplementedError,
            "comparing NaN items of containers (decided by object identity in CPython) is not \
             supported by PyRust yet"
                .into(),
        )),
        _ => Ok(()),
    }
}

fn same_object(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y))
        | (Value::Tuple(x), Value::Tuple(y))
        | (Value::Dict(x), Value::Dict(y))
        | (Value::Set(x), Value::Set(y)) => x == y,
        _ => false,
    }
}

impl Machine {
    /// A new list or tuple of the `count` registers starting at absolute index `first`.
    pub(crate) fn build_sequence(
        &mut self,
        is_list: bool,
        first: usize,
        count: usize,
    ) -> Result<Value, Exception> {
        self.collect_if_needed(count * std::mem::size_of::<Value>() + 32);
        let items = self.argument_values(first, count);
        Ok(if is_list {
            Value::List(self.heap.insert_list(&items)?)
        } else {
            Value::Tuple(self.heap.insert_tuple(&items)?)
        })
    }

    /// Appends `count` registers from absolute index `first` to `list`.
    pub(crate) fn extend_list_from_registers(
        &mut self,
        list: Value,
        first: usize,
        count: usize,
    ) -> Result<(), Exception> {
        if count == 1 {
            let item = self.registers_at(first);
            return self.extend_list(list, &[item]);
        }
        let items = self.argument_values(first, count);
        self.extend_list(list, &items)
    }

    /// Appends `items` to a list, accounting for growth first.
    pub(crate) fn extend_list(&mut self, list: Value, items: &[Value]) -> Result<(), Exception> {
        let Value::List(index) = list else {
            return Err(type_error(format!(
                "'{}' object is not a list",
                list.type_name()
            )));
        };
        // Room already accounted for and, below 512 bytes, no step to charge: just copy.
        let target = self.heap.list_mut(index);
        if items.len() < 32 && target.capacity() - target.len() >= items.len() {
            target.extend_from_slice(items);
            return Ok(());
        }
        self.reserve_list(index, items.len())?;
        self.heap.list_mut(index).extend_from_slice(items);
        Ok(())
    }

    /// Room for `additional` more items in list `index` (collecting first if needed).
    pub(crate) fn reserve_list(&mut self, index: u32, additional: usize) -> Result<(), Exception> {
        let bytes = additional.saturating_mul(std::mem::size_of::<Value>());
        self.collect_if_needed(bytes);
        self.charge_bytes(bytes)?;
        self.heap.list_reserve(index, additional)
    }

    pub(crate) fn list_to_tuple(&mut self, list: Value) -> Result<Value, Exception> {
        let items: Vec<Value> = self.items(list).to_vec();
        self.collect_if_needed(items.len() * std::mem::size_of::<Value>() + 32);
        Ok(Value::Tuple(self.heap.insert_tuple(&items)?))
    }

    /// A Python index into a sequence of `len` items: negative counts from the end.
    pub(crate) fn sequence_index(
        &self,
        kind: &str,
        len: usize,
        index: Value,
    ) -> Result<usize, Exception> {
        let position = match index {
            Value::Int(_) | Value::Bool(_) => index.as_int().unwrap_or(0),
            Value::BigInt(_) => {
                return Err(Exception::new(
                    ExceptionKind::IndexError,
                    "cannot fit 'int' into an index-sized integer".into(),
                ))
            }
            other => {
                // "list indices", also for assignment and deletion.
                let noun = kind.split(' ').next().unwrap_or(kind);
                return Err(type_error(format!(
                    "{noun} indices must be integers or slices, not {}",
                    other.type_name()
                )));
            }
        };
        let resolved = if position < 0 {
            position.checked_add(len as i64)
        } else {
            Some(position)
        };
        resolved
            .filter(|&i| i >= 0 && (i as usize) < len)
            .map(|i| i as usize)
            .ok_or_else(|| {
                Exception::new(
                    ExceptionKind::IndexError,
                    format!("{kind} index out of range"),
                )
            })
    }

    /// `obj[index] = value`.
    pub(crate) fn set_item(
        &mut self,
        obj: Value,
        index: Value,
        value: Value,
    ) -> Result<(), Exception> {
        match obj {
            Value::Dict(dict) => self.dict_set(dict, index, value),
            Value::List(list) => {
                let len = self.heap.list(list).len();
                let kind = "list assignment";
                let i = self.sequence_index(kind, len, index)?;
                self.heap.list_mut(list)[i] = value;
                Ok(())
            }
            other => Err(type_error(format!(
                "'{}' object does not support item assignment",
                other.type_name()
            ))),
        }
    }
}

impl Machine {
    /// Reserves room for `count` items in a scratch vector, checked against the memory limit
    /// (the sequence made from it will hold as much) and charged as work.
    fn reserve_items(&mut self, items: &mut Vec<Value>, count: usize) -> Result<(), Exception> {
        let bytes = count.saturating_mul(std::mem::size_of::<Value>());
        self.collect_if_needed(bytes);
        if !self.heap.would_fit(bytes) {
            return Err(memory_error());
        }
        self.charge_bytes(bytes)?;
        items.try_reserve_exact(count).map_err(|_| memory_error())
    }

    /// A new list or tuple holding `items` (the caller collected for it already).
    pub(crate) fn new_sequence(
        &mut self,
        is_list: bool,
        items: &[Value],
    ) -> Result<Value, Exception> {
        Ok(if is_list {
            Value::List(self.heap.insert_list(items)?)
        } else {
            Value::Tuple(self.heap.insert_tuple(items)?)
        })
    }
}

impl Machine {
    /// The next item of an `enumerate`/`zip` object, advancing it; `None` once exhausted.
    /// Items taken from the sources are kept in the scratch roots until the tuple holds them.
    pub(crate) fn iterator_next(&mut self, index: u32) -> Result<Option<Value>, Exception> {
        let Some(state) = self.heap.iterator_mut(index).cloned() else {
            return Ok(None);
        };
        if state.exhausted {
            return Ok(None);
        }
        if let crate::heap::IteratorKind::Sequence(_) = state.kind {
            // One source, advanced in place: `sequence_next` keeps dicts' and sets' checks.
            let Some(&(source, position)) = state.sources.first() else {
                return Ok(None);
            };
            let next = self.sequence_next(source, position)?;
            if let Some(live) = self.heap.iterator_mut(index) {
                match next {
                    Some((_, after)) => {
                        if let Some(slot) = live.sources.first_mut() {
                            slot.1 = after;
                        }
                    }
                    None => live.exhausted = true,
                }
            }
            return Ok(next.map(|(item, _)| item));
        }
        if let crate::heap::IteratorKind::Map | crate::heap::IteratorKind::Filter = state.kind {
            let mark = self.side.scratch.len();
            let outcome = self.map_filter_step(index, &state, mark);
            self.side.scratch.truncate(mark);
            if let (Ok(None), Some(live)) = (&outcome, self.heap.iterator_mut(index)) {
                live.exhausted = true;
            }
            return outcome;
        }
        if !matches!(
            state.kind,
            crate::heap::IteratorKind::Enumerate | crate::heap::IteratorKind::Zip
        ) {
            let next = self.reverse_step(&state)?;
            if let Some(live) = self.heap.iterator_mut(index) {
                match next {
                    Some((_, position)) => live.count = position,
                    None => live.exhausted = true,
                }
            }
            return Ok(next.map(|(item, _)| item));
        }
        let mark = self.side.scratch.len();
        let outcome = self.iterator_step(index, &state, mark);
        self.side.scratch.truncate(mark);
        outcome
    }

    /// One item of a `map` (the function applied to one item of each iterable) or a
    /// `filter` (the next item the function, or truthiness, accepts). The items wait in
    /// the scratch roots from `mark` while the function runs.
    fn map_filter_step(
        &mut self,
        index: u32,
        state: &crate::heap::Iterator,
        mark: usize,
    ) -> Result<Option<Value>, Exception> {
        let Some(&(function, _)) = state.sources.first() else {
            return Ok(None);
        };
        loop {
            self.side.scratch.truncate(mark);
            // Positions are read from the live iterator: the function may have advanced it.
            let sources: smallvec::SmallVec<[(Value, Value); 2]> =
                match self.heap.iterator_mut(index) {
                    Some(live) => live.sources[1..].iter().copied().collect(),
                    None => return Ok(None),
                };
            for (k, &(source, position)) in sources.iter().enumerate() {
                let Some((item, next)) = self.sequence_next(source, position)? else {
                    return Ok(None);
                };
                self.side.scratch.push(Some(item));
                if let Some(live) = self.heap.iterator_mut(index) {
                    if let Some(slot) = live.sources.get_mut(k + 1) {
                        slot.1 = next;
                    }
                }
            }
            let items: smallvec::SmallVec<[Value; 4]> = self.side.scratch[mark..]
                .iter()
                .flatten()
                .copied()
                .collect();
            // A StopIteration out of the function ends the iteration, as in CPython.
            let stopped = |error: &Exception| error.kind == ExceptionKind::StopIteration;
            if state.kind == crate::heap::IteratorKind::Map {
                return match self.call_value(function, &items) {
                    Err(error) if stopped(&error) => {
                        self.forget_nested_error();
                        Ok(None)
                    }
                    result => result.map(Some),
                };
            }
            let item = items[0];
            let keep = match function {
                Value::None => {
                    // Skipped items cost work like any other step.
                    self.charge_bytes(16)?;
                    self.truthy(item)
                }
                _ => match self.call_value(function, &[item]) {
                    Err(error) if stopped(&error) => {
                        self.forget_nested_error();
                        return Ok(None);
                    }
                    verdict => {
                        let verdict = verdict?;
                        self.truthy(verdict)
                    }
                },
            };
            if keep {
                return Ok(Some(item));
            }
        }
    }

    fn iterator_step(
        &mut self,
        index: u32,
        state: &crate::heap::Iterator,
        mark: usize,
    ) -> Result<Option<Value>, Exception> {
        let mut positions: smallvec::SmallVec<[Value; 2]> = smallvec::SmallVec::new();
        for &(source, position) in &state.sources {
            match self.sequence_next(source, position)? {
                Some((item, next)) => {
                    self.side.scratch.push(Some(item));
                    positions.push(next);
                }
                None => {
                    if let Some(live) = self.heap.iterator_mut(index) {
                        live.exhausted = true;
                    }
                    return Ok(None);
                }
            }
        }
        let mut items: smallvec::SmallVec<[Value; 4]> = smallvec::SmallVec::new();
        if state.kind == crate::heap::IteratorKind::Enumerate {
            items.push(Value::Int(state.count));
        }
        items.extend(self.side.scratch[mark..].iter().flatten().copied());
        self.collect_if_needed(items.len() * std::mem::size_of::<Value>() + 32);
        let tuple = Value::Tuple(self.heap.insert_tuple(&items)?);
        if let Some(live) = self.heap.iterator_mut(index) {
            for (slot, next) in live.sources.iter_mut().zip(positions) {
                slot.1 = next;
            }
            live.count = live.count.checked_add(1).ok_or_else(|| {
                Exception::new(
                    ExceptionKind::OverflowError,
                    "enumerate() count past 64 bits is not supported by PyRust yet".into(),
                )
            })?;
        }
        Ok(Some(tuple))
    }
}

impl Machine {
    /// The next item of a `reversed(...)` iterator with the position after it, or `None`
    /// once it is exhausted. The source is reachable from the iterator (a root), so the item
    /// made here (a character, an items pair) cannot lose its parts to a collection.
    fn reverse_step(
        &mut self,
        state: &crate::heap::Iterator,
    ) -> Result<Option<(Value, i64)>, Exception> {
        use crate::heap::IteratorKind;
        let Some(&(source, origin)) = state.sources.first() else {
            return Ok(None);
        };
        let position = state.count;
        if position < 0 {
            return Ok(None);
        }
        match (state.kind, source) {
            (IteratorKind::SequenceReverse, Value::Str(s)) => {
                let last = self
                    .str_ref(&s)
                    .get(..position as usize)
                    .and_then(|text| text.chars().next_back());
                let Some(c) = last else {
                    return Ok(None);
                };
                let item = self.char_value(c)?;
                Ok(Some((item, position - c.len_utf8() as i64)))
            }
            (IteratorKind::ListReverse | IteratorKind::SequenceReverse, _) => {
                // A list may have shrunk since: CPython checks the index against the
                // current length at every step.
                Ok(self
                    .items(source)
                    .get(position as usize)
                    .map(|&item| (item, position - 1)))
            }
            (IteratorKind::RangeReverse, _) => {
                let [start, _, step] = self.range_bounds(source);
                let item = (start as i128 + position as i128 * step as i128) as i64;
                Ok(Some((Value::Int(item), position - 1)))
            }
            (IteratorKind::DictReverse(kind), Value::Dict(dict)) => {
                let Value::Int(packed) = origin else {
                    return Ok(None);
                };
                let (size, entry_count) =
                    ((packed >> 32) as usize, (packed & 0xffff_ffff) as usize);
                if self.dict_len(dict) != size {
                    return Err(Exception::new(
                        ExceptionKind::RuntimeError,
                        "dictionary changed size during iteration".into(),
                    ));
                }
                let entries_now = self.heap.dict(dict).map_or(0, |d| d.entries.len());
                if entries_now != entry_count {
                    // Keys were added and removed: where CPython's iterator goes on depends
                    // on when its table was resized.
                    return Err(Exception::new(
                        ExceptionKind::NotImplementedError,
                        "changing a dict while iterating it in reverse is not supported by PyRust yet".into(),
                    ));
                }
                let mut index = position;
                loop {
                    if index < 0 {
                        return Ok(None);
                    }
                    let slot = self
                        .heap
                        .dict(dict)
                        .and_then(|d| d.entries.get(index as usize).copied())
                        .flatten();
                    index -= 1;
                    let Some((key, value)) = slot else {
                        continue;
                    };
                    let item = match kind {
                        DictViewKind::Keys => key,
                        DictViewKind::Values => value,
                        DictViewKind::Items => {
                            self.collect_if_needed(64);
                            Value::Tuple(self.heap.insert_tuple(&[key, value])?)
                        }
                    };
                    return Ok(Some((item, index)));
                }
            }
            _ => Ok(None),
        }
    }

    /// `==` of two dicts: same size, and every key of one maps to an equal value in the other
    /// (keys are found by equality, whatever the order).
    fn dicts_equal(&self, x: u32, y: u32) -> Result<bool, Exception> {
        if x == y {
            return Ok(true);
        }
        if self.dict_len(x) != self.dict_len(y) {
            return Ok(false);
        }
        let right = self.dict_entries(y);
        for (key, value) in self.dict_entries(x) {
            let mut found = None;
            for &(other_key, other_value) in &right {
                if self.equal(key, other_key)? {
                    found = Some(other_value);
                    break;
                }
            }
            match found {
                Some(other_value) if self.equal(value, other_value)? => {}
                _ => return Ok(false),
            }
        }
        Ok(true)
    }
}

/// The operators floats support (the others are a TypeError naming both operand types).
fn is_float_arithmetic(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Add
            | BinaryOp::Sub
            | BinaryOp::Mul
            | BinaryOp::TrueDiv
            | BinaryOp::FloorDiv
            | BinaryOp::Mod
            | BinaryOp::Pow
    )
}

fn float_binary(op: BinaryOp, a: f64, b: f64) -> Result<Value, Exception> {
    let result = match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        BinaryOp::TrueDiv => {
            if b == 0.0 {
                return Err(zero_division("float division by zero"));
            }
            a / b
        }
        BinaryOp::FloorDiv => {
            if b == 0.0 {
                return Err(zero_division("float floor division by zero"));
            }
            float_divmod(a, b).0
        }
        BinaryOp::Mod => {
            if b == 0.0 {
                return Err(zero_division("float modulo"));
            }
            float_divmod(a, b).1
        }
        BinaryOp::Pow => float_pow(a, b)?,
        _ => {
            return Err(type_error(format!(
                "unsupported operand type(s) for {}: 'float' and 'float'",
                op.symbol()
            )))
        }
    };
    Ok(Value::Float(result))
}

/// Number of items in a range.
pub(crate) fn range_len([start, stop, step]: [i64; 3]) -> u64 {
    let (start, stop, step) = (start as i128, stop as i128, step as i128);
    let len = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    len as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_division_and_modulo_follow_python_signs() {
        assert_eq!(int_floor_div(-7, 2).unwrap(), -4);
        assert_eq!(int_floor_div(7, -2).unwrap(), -4);
        assert_eq!(int_mod(-7, 2).unwrap(), 1);
        assert_eq!(int_mod(7, -2).unwrap(), -1);
        assert_eq!(int_mod(i64::MIN, -1).unwrap(), 0);
        assert!(int_floor_div(i64::MIN, -1).is_err());
        assert!(int_floor_div(1, 0).is_err());
    }

    #[test]
    fn pow_overflow_is_detected() {
        assert_eq!(int_pow(2, 62).unwrap(), 1 << 62);
        assert_eq!(int_pow(-2, 63).unwrap(), i64::MIN);
        assert!(int_pow(2, 63).is_err());
        assert!(int_pow(3, 1_000_000_000_000).is_err());
        assert_eq!(int_pow(1, i64::MAX).unwrap(), 1);
    }

    #[test]
    fn true_division_is_correctly_rounded() {
        assert_eq!(
            int_true_div(3706778661852469502, 239877).unwrap(),
            15452830666768.676
        );
        assert_eq!(int_true_div(1, 3).unwrap(), 1.0 / 3.0);
        assert_eq!(
            int_true_div(i64::MIN, 1).unwrap(),
            -9.223_372_036_854_776e18
        );
    }

    #[test]
    fn int_float_comparison_is_exact() {
        assert_eq!(
            compare_int_float(9007199254740993, 9007199254740992.0),
            Some(Ordering::Greater)
        );
        assert_eq!(compare_int_float(1, 1.5), Some(Ordering::Less));
        assert_eq!(compare_int_float(-1, -1.5), Some(Ordering::Greater));
        assert_eq!(compare_int_float(i64::MAX, 9.3e18), Some(Ordering::Less));
        assert_eq!(compare_int_float(3, f64::NAN), None);
    }

    #[test]
    fn float_floor_division_and_modulo() {
        assert_eq!(float_divmod(-7.5, 2.0), (-4.0, 0.5));
        assert_eq!(float_divmod(7.5, -2.0), (-4.0, -0.5));
        assert!(float_divmod(0.0, -3.0).1.is_sign_negative());
    }

    #[test]
    fn range_lengths() {
        assert_eq!(range_len([0, 10, 3]), 4);
        assert_eq!(range_len([10, 0, -3]), 4);
        assert_eq!(range_len([0, 0, 1]), 0);
        assert_eq!(range_len([i64::MIN, i64::MAX, 1]), u64::MAX);
    }
}
