//! Property tests of int and float arithmetic edge cases against an oracle of CPython 3.11's
//! rules.
//!
//! The oracle evaluates a generated expression tree with `i128` arithmetic and Python's rules
//! (floor division, modulo with the divisor's sign, correctly rounded true division, shifts of
//! an infinite two's complement, bool results for `&|^` of two bools, chained comparisons that
//! stop at the first false one, left-to-right evaluation, CPython's exact error messages).
//! PyRust's ints are unbounded like CPython's, so the properties use [`Mode::Exact`]: CPython's
//! own semantics as far as `i128` reaches (cases beyond are skipped). The ignored
//! `dump_oracle_cases` test writes oracle results that `scripts/check_arith_oracle.py`
//! compares with a real python3.11 to check the oracle itself. [`Mode::I64`] (64-bit ints
//! with `OverflowError`) is kept for that dump's boundary cases.
//!
//! Operand strategies are weighted towards boundaries (0, ±1, ±2, ±2**31, ±2**32, ±2**53,
//! ±2**62, i64::MIN, i64::MAX and their neighbours) and towards sub-expressions that step just
//! past the 64-bit range (`9223372036854775807 + 1`, `2 ** 64`, ...).
//!
//! A failing case is printed minimised by proptest; `PROPTEST_RNG_SEED=<n>` replays a run.

use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use pyrust::execute_python;

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BinOp {
    Add,
    Sub,
    Mul,
    FloorDiv,
    Mod,
    Shl,
    Shr,
    And,
    Or,
    Xor,
}

impl BinOp {
    fn token(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnOp {
    Neg,
    Pos,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    fn token(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    fn holds(self, a: i128, b: i128) -> bool {
        match self {
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
        }
    }
}

#[derive(Clone, Debug)]
enum Expr {
    /// An int literal; may lie outside `i64` (then PyRust refuses it before running).
    /// Negative values are written as unary minus on a literal, `i64::MIN` as
    /// `(-9223372036854775807 - 1)`.
    Int(i128),
    Bool(bool),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Unary(UnOp, Box<Expr>),
    /// `base ** exponent` with a small non-negative literal exponent.
    Pow(Box<Expr>, u32),
    /// A (possibly chained) comparison: `a < b <= c`.
    Cmp(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// True division `/`; generated only at the root, so no float flows into int operators.
    Div(Box<Expr>, Box<Expr>),
}

const I64_MIN: i128 = i64::MIN as i128;
const I64_MAX: i128 = i64::MAX as i128;

impl Expr {
    fn bin(op: BinOp, a: Expr, b: Expr) -> Expr {
        Expr::Bin(op, Box::new(a), Box::new(b))
    }

    /// Python source; every compound sub-expression is parenthesised.
    fn source(&self) -> String {
        match self {
            Expr::Int(v) if *v == I64_MIN => "(-9223372036854775807 - 1)".to_string(),
            Expr::Int(v) if *v < 0 => format!("(-{})", v.unsigned_abs()),
            Expr::Int(v) => v.to_string(),
            Expr::Bool(b) => if *b { "True" } else { "False" }.to_string(),
            Expr::Bin(op, a, b) => format!("({} {} {})", a.source(), op.token(), b.source()),
            Expr::Unary(op, a) => {
                let t = match op {
                    UnOp::Neg => "-",
                    UnOp::Pos => "+",
                    UnOp::Invert => "~",
                };
                format!("({t}{})", a.source())
            }
            Expr::Pow(a, e) => format!("({} ** {e})", a.source()),
            Expr::Cmp(a, rest) => {
                let mut s = format!("({}", a.source());
                for (op, b) in rest {
                    s.push_str(&format!(" {} {}", op.token(), b.source()));
                }
                s.push(')');
                s
            }
            Expr::Div(a, b) => format!("({} / {})", a.source(), b.source()),
        }
    }

    /// True when some literal lies outside `i64` (PyRust refuses the program before running).
    fn has_big_literal(&self) -> bool {
        match self {
            Expr::Int(v) => *v < I64_MIN || *v > I64_MAX,
            Expr::Bool(_) => false,
            Expr::Bin(_, a, b) | Expr::Div(a, b) => a.has_big_literal() || b.has_big_literal(),
            Expr::Unary(_, a) | Expr::Pow(a, _) => a.has_big_literal(),
            Expr::Cmp(a, rest) => {
                a.has_big_literal() || rest.iter().any(|(_, b)| b.has_big_literal())
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Oracle
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// PyRust: every int (literal or result) must fit in `i64`, else `OverflowError`.
    I64,
    /// CPython's unbounded ints, as far as `i128` reaches (beyond: [`Fail::Unrepresentable`]).
    Exact,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Val {
    Int(i128),
    Bool(bool),
    Float(f64),
}

impl Val {
    fn int(self) -> i128 {
        match self {
            Val::Int(v) => v,
            Val::Bool(b) => b as i128,
            Val::Float(_) => unreachable!("floats only come from `/` at the root"),
        }
    }

    fn repr(self) -> String {
        match self {
            Val::Int(v) => v.to_string(),
            Val::Bool(b) => if b { "True" } else { "False" }.to_string(),
            Val::Float(f) => cpython_float_repr(f),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Fail {
    /// A Python exception: type and message. For `OverflowError` the message is a substring
    /// that PyRust's message must contain.
    Exc(&'static str, &'static str),
    /// Exact mode only: the true value does not fit in `i128`; the case is skipped.
    Unrepresentable,
}

const OVERFLOW: Fail = Fail::Exc("OverflowError", "big integers");

fn zero_div(msg: &'static str) -> Fail {
    Fail::Exc("ZeroDivisionError", msg)
}

fn negative_shift() -> Fail {
    Fail::Exc("ValueError", "negative shift count")
}

/// A value that does not fit `i128` (or, in `I64` mode, `i64`).
fn too_big(mode: Mode) -> Fail {
    match mode {
        Mode::I64 => OVERFLOW,
        Mode::Exact => Fail::Unrepresentable,
    }
}

fn int_result(v: Option<i128>, mode: Mode) -> Result<Val, Fail> {
    match (v, mode) {
        (Some(v), Mode::I64) if (I64_MIN..=I64_MAX).contains(&v) => Ok(Val::Int(v)),
        (Some(v), Mode::Exact) => Ok(Val::Int(v)),
        _ => Err(too_big(mode)),
    }
}

/// Python's `a // b` (floor), `b != 0`.
fn floor_div(a: i128, b: i128) -> Option<i128> {
    let q = a.checked_div(b)?;
    Some(if a % b != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    })
}

/// Python's `a % b` (sign of the divisor), `b != 0`.
fn py_mod(a: i128, b: i128) -> Option<i128> {
    let r = a.checked_rem(b)?;
    Some(if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    })
}

/// `a / b` for ints, correctly rounded to the nearest f64 (ties to even) as CPython does;
/// `None` when an operand is not below 2**64 in magnitude (exact mode only).
fn int_true_div(a: i128, b: i128) -> Option<f64> {
    assert!(b != 0);
    let negative = (a < 0) != (b < 0);
    let (n, d) = (a.unsigned_abs(), b.unsigned_abs());
    if n >> 64 != 0 || d >> 64 != 0 {
        return None;
    }
    if n == 0 {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    // Find s with 2**52 <= n * 2**s / d < 2**53; the shifted operand stays below 2**117.
    let bits = |x: u128| 127 - x.leading_zeros() as i32;
    let mut s = 52 - (bits(n) - bits(d));
    let quotient = |s: i32| {
        let (n, d) = if s >= 0 { (n << s, d) } else { (n, d << -s) };
        (n / d, n % d, d)
    };
    if quotient(s).0 < 1 << 52 {
        s += 1;
    }
    let (mut q, r, d) = quotient(s);
    debug_assert!((1u128 << 52..1u128 << 53).contains(&q));
    if 2 * r > d || (2 * r == d && q & 1 == 1) {
        q += 1; // may reach 2**53, still exact
    }
    // q * 2**-s is exact: |a / b| lies in [2**-64, 2**64], far from subnormals and overflow.
    let scale = f64::from_bits(((1023 - s) as u64) << 52);
    let x = q as f64 * scale;
    Some(if negative { -x } else { x })
}

fn eval(e: &Expr, mode: Mode) -> Result<Val, Fail> {
    match e {
        Expr::Int(v) => int_result(Some(*v), mode),
        Expr::Bool(b) => Ok(Val::Bool(*b)),
        Expr::Bin(op, a, b) => {
            let (va, vb) = (eval(a, mode)?, eval(b, mode)?);
            if let (Val::Bool(x), Val::Bool(y), BinOp::And | BinOp::Or | BinOp::Xor) = (va, vb, op)
            {
                return Ok(Val::Bool(match op {
                    BinOp::And => x & y,
                    BinOp::Or => x | y,
                    _ => x ^ y,
                }));
            }
            let (x, y) = (va.int(), vb.int());
            match op {
                BinOp::Add => int_result(x.checked_add(y), mode),
                BinOp::Sub => int_result(x.checked_sub(y), mode),
                BinOp::Mul => int_result(x.checked_mul(y), mode),
                BinOp::FloorDiv if y == 0 => Err(zero_div("integer division or modulo by zero")),
                BinOp::FloorDiv => int_result(floor_div(x, y), mode),
                BinOp::Mod if y == 0 => Err(zero_div("integer modulo by zero")),
                BinOp::Mod => int_result(py_mod(x, y), mode),
                BinOp::Shl | BinOp::Shr if y < 0 => Err(negative_shift()),
                BinOp::Shl if x == 0 => Ok(Val::Int(0)),
                BinOp::Shl if y >= 127 => Err(too_big(mode)),
                BinOp::Shl => {
                    let shifted = x << y;
                    int_result((shifted >> y == x).then_some(shifted), mode)
                }
                BinOp::Shr => Ok(Val::Int(x >> y.min(127))),
                BinOp::And => Ok(Val::Int(x & y)),
                BinOp::Or => Ok(Val::Int(x | y)),
                BinOp::Xor => Ok(Val::Int(x ^ y)),
            }
        }
        Expr::Unary(op, a) => {
            let x = eval(a, mode)?.int();
            match op {
                UnOp::Neg => int_result(x.checked_neg(), mode),
                UnOp::Pos => Ok(Val::Int(x)),
                UnOp::Invert => int_result(Some(!x), mode),
            }
        }
        Expr::Pow(a, exp) => int_result(eval(a, mode)?.int().checked_pow(*exp), mode),
        Expr::Cmp(a, rest) => {
            let mut left = eval(a, mode)?.int();
            for (op, b) in rest {
                let right = eval(b, mode)?.int();
                if !op.holds(left, right) {
                    return Ok(Val::Bool(false)); // later operands are not evaluated
                }
                left = right;
            }
            Ok(Val::Bool(true))
        }
        Expr::Div(a, b) => {
            let (x, y) = (eval(a, mode)?.int(), eval(b, mode)?.int());
            if y == 0 {
                return Err(zero_div("division by zero"));
            }
            int_true_div(x, y)
                .map(Val::Float)
                .ok_or(Fail::Unrepresentable)
        }
    }
}

/// What PyRust must answer for `e`.
fn expected(e: &Expr) -> Result<String, Fail> {
    eval(e, Mode::Exact).map(Val::repr)
}

/// Runs `e` in PyRust and compares with the oracle.
fn check(e: &Expr) -> Result<(), TestCaseError> {
    let code = e.source();
    let want = expected(e);
    let got = execute_python(&code);
    let ok = match (&want, &got) {
        (Ok(w), Ok(g)) => w == g,
        // Past `i128` the oracle cannot say; PyRust must still answer without panicking.
        (Err(Fail::Unrepresentable), _) => true,
        (Err(Fail::Exc(ty, msg)), Err(err)) if *ty == "OverflowError" => {
            err.python_type() == *ty && err.message().contains(msg)
        }
        (Err(Fail::Exc(ty, msg)), Err(err)) => err.python_type() == *ty && err.message() == *msg,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        let got = got.map_err(|e| e.last_line());
        Err(TestCaseError::fail(format!(
            "{code}\n  expected: {want:?}\n  actual:   {got:?}"
        )))
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

const BOUNDARY: &[i64] = &[
    0,
    1,
    -1,
    2,
    -2,
    3,
    -3,
    i64::MIN,
    i64::MIN + 1,
    i64::MAX,
    i64::MAX - 1,
    1 << 31,
    -(1 << 31),
    (1 << 31) - 1,
    1 << 32,
    -(1 << 32),
    (1 << 32) - 1,
    1 << 53,
    -(1 << 53),
    (1 << 53) + 1,
    1 << 62,
    -(1 << 62),
    (1 << 62) - 1,
    3037000499, // floor(sqrt(2**63 - 1))
    3037000500,
    -3037000500,
    62,
    63,
    64,
    127,
    128,
];

fn int_value() -> impl Strategy<Value = i64> {
    prop_oneof![
        6 => select(BOUNDARY),
        2 => (select(BOUNDARY), -3i64..=3).prop_map(|(b, d)| b.saturating_add(d)),
        4 => -20i64..=20,
        1 => (0u32..63, any::<bool>()).prop_map(|(k, neg)| if neg { -(1i64 << k) } else { 1 << k }),
        2 => any::<i64>(),
    ]
}

/// Sub-expressions whose value is just outside `i64` (or `i64::MIN`/`MAX` reached through
/// arithmetic), and literals PyRust must refuse.
fn past_the_edge() -> impl Strategy<Value = Expr> {
    use BinOp::*;
    use Expr::Int;
    let max = || Int(I64_MAX);
    let min = || Int(I64_MIN);
    select(vec![
        Expr::bin(Add, max(), Int(1)),                          // 2**63
        Expr::bin(Sub, min(), Int(1)),                          // -2**63 - 1
        Expr::bin(Mul, max(), Int(2)),                          // 2**64 - 2
        Expr::bin(Add, max(), max()),                           // 2**64 - 2
        Expr::bin(Sub, max(), min()),                           // 2**64 - 1
        Expr::Pow(Box::new(Int(2)), 63),                        // 2**63
        Expr::Pow(Box::new(Int(2)), 64),                        // 2**64
        Expr::Pow(Box::new(Int(-2)), 63),                       // i64::MIN (fits)
        Expr::bin(Shl, Int(1), Int(63)),                        // 2**63
        Expr::bin(Shl, Int(-1), Int(63)),                       // i64::MIN (fits)
        Expr::Unary(UnOp::Neg, Box::new(min())),                // 2**63
        Expr::bin(FloorDiv, min(), Int(-1)),                    // 2**63
        Expr::bin(Sub, Int(-I64_MAX), Int(2)),                  // -2**63 - 1
        Expr::bin(Add, Expr::bin(Add, max(), Int(1)), Int(-1)), // back in range, via 2**63
        Int(1 << 63),                                           // literals beyond i64
        Int(1 << 64),
        Int(100_000_000_000_000_000_000),
        Expr::Unary(UnOp::Neg, Box::new(Int(1 << 63))), // `-9223372036854775808`
    ])
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        12 => int_value().prop_map(|v| Expr::Int(v as i128)),
        1 => any::<bool>().prop_map(Expr::Bool),
        2 => past_the_edge(),
    ]
}

fn arith_op() -> impl Strategy<Value = BinOp> {
    use BinOp::*;
    select(vec![Add, Sub, Mul, FloorDiv, Mod, And, Or, Xor])
}

fn cmp_op() -> impl Strategy<Value = CmpOp> {
    use CmpOp::*;
    select(vec![Lt, Le, Eq, Ne, Gt, Ge])
}

fn un_op() -> impl Strategy<Value = UnOp> {
    select(vec![UnOp::Neg, UnOp::Pos, UnOp::Invert])
}

/// Shift counts: mostly around 0..64, some negative, some huge.
fn shift_count() -> impl Strategy<Value = Expr> {
    prop_oneof![
        6 => (0i128..=70).prop_map(Expr::Int),
        1 => (-3i128..0).prop_map(Expr::Int),
        1 => select(vec![
            Expr::Int(I64_MAX),
            Expr::Int(1 << 62),
            Expr::Int(1 << 32),
            Expr::Bool(true),
        ]),
    ]
}

fn pow_exponent() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 0u32..=4, 3 => 0u32..=70, 1 => select(vec![31, 32, 62, 63, 64])]
}

/// Int- or bool-valued expression trees of depth <= 3 over `leaf`.
fn int_expr() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(3, 16, 3, |inner| {
        prop_oneof![
            6 => (arith_op(), inner.clone(), inner.clone())
                .prop_map(|(op, a, b)| Expr::bin(op, a, b)),
            2 => (
                select(vec![BinOp::Shl, BinOp::Shr]),
                inner.clone(),
                prop_oneof![3 => shift_count(), 1 => inner.clone()],
            )
                .prop_map(|(op, a, b)| Expr::bin(op, a, b)),
            2 => (un_op(), inner.clone()).prop_map(|(op, a)| Expr::Unary(op, Box::new(a))),
            2 => (inner.clone(), pow_exponent()).prop_map(|(a, e)| Expr::Pow(Box::new(a), e)),
            2 => (inner.clone(), prop::collection::vec((cmp_op(), inner.clone()), 1..=3))
                .prop_map(|(a, rest)| Expr::Cmp(Box::new(a), rest)),
        ]
    })
}

/// Whole programs: an int expression, or a true division at the root.
fn root_expr() -> impl Strategy<Value = Expr> {
    prop_oneof![
        4 => int_expr(),
        1 => (int_expr(), int_expr()).prop_map(|(a, b)| Expr::Div(Box::new(a), Box::new(b))),
    ]
}

fn operand() -> impl Strategy<Value = Expr> {
    prop_oneof![8 => int_value().prop_map(|v| Expr::Int(v as i128)), 1 => past_the_edge()]
}

/// Operands for true division: at most 2**53 in magnitude, where `a as f64 / b as f64` is
/// exactly CPython's correctly rounded quotient.
fn small_div_operand() -> impl Strategy<Value = i64> {
    const P53: i64 = 1 << 53;
    prop_oneof![
        3 => int_value().prop_filter("|v| <= 2**53", |v| v.unsigned_abs() <= P53 as u64),
        2 => -P53..=P53,
        1 => select(vec![P53, -P53, P53 - 1, 1 << 52, 3, 7, 10, 49]),
    ]
}

/// Large operands for true division, where converting each to f64 first would round twice.
fn large_div_operand() -> impl Strategy<Value = i64> {
    prop_oneof![
        2 => int_value(),
        2 => any::<i64>(),
        1 => ((1i64 << 53)..(1i64 << 56)).prop_map(|v| v | 1),
    ]
}

// ---------------------------------------------------------------------------------------------
// Float repr
// ---------------------------------------------------------------------------------------------

/// CPython's `repr(float)` (David Gay's shortest mode): the fewest significant digits that
/// read back as `x`; among those, the closest to `x`, ties to an even last digit. Then fixed
/// notation for decimal exponents in [-4, 16), otherwise `d.ddde±XX`.
///
/// Rust's `{:e}` gives the shortest length `n` but rounds a digit tie up, so take `x`
/// correctly rounded to `n` digits (`{:.Ne}` rounds ties to even) when that reads back as `x`.
/// It may not at a power of two, where the gap to the float below is half the gap above:
/// the nearest `n`-digit decimal can then fall outside the narrow side, and only `{:e}`'s
/// (farther, wide-side) digits round-trip.
fn cpython_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0.0");
    }
    let shortest = format!("{:e}", x.abs());
    let n = shortest.split_once('e').unwrap().0.replace('.', "").len();
    let nearest = format!("{:.*e}", n - 1, x.abs());
    let sci = if nearest.parse::<f64>() == Ok(x.abs()) {
        nearest
    } else {
        shortest
    };
    let (mantissa, exp) = sci.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if (-4..16).contains(&exp) {
        if exp < 0 {
            format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize))
        } else {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                format!("{sign}{digits}{}.0", "0".repeat(int_len - digits.len()))
            } else {
                format!("{sign}{}.{}", &digits[..int_len], &digits[int_len..])
            }
        }
    } else {
        let frac = if digits.len() > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{}{frac}e{esign}{:02}", &digits[..1], exp.abs())
    }
}

/// Checks the shape of a finite float repr, as the regex
/// `^-?(?:(?:0|[1-9]\d*)\.\d+|[1-9](?:\.\d*[1-9])?e[+-]\d{2,3})$` (with no trailing zero in a
/// fixed fraction other than `.0`) plus CPython's rule for the notation: scientific exactly
/// when the decimal exponent is < -4 or >= 16.
fn check_float_shape(s: &str) -> Result<(), String> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if let Some((mantissa, exp)) = body.split_once('e') {
        let (lead, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let lead_ok = lead.len() == 1 && lead != "0" && all_digits(lead);
        let frac_ok = !mantissa.contains('.') || (all_digits(frac) && !frac.ends_with('0'));
        let esign_ok = exp.starts_with('+') || exp.starts_with('-');
        let edigits = &exp[1.min(exp.len())..];
        let exp_ok = esign_ok && all_digits(edigits) && (2..=3).contains(&edigits.len());
        if !(lead_ok && frac_ok && exp_ok) || (edigits.len() == 3 && edigits.starts_with('0')) {
            return Err(format!("{s:?}: malformed scientific notation"));
        }
        let e: i32 = exp.parse().unwrap();
        if (-4..16).contains(&e) {
            return Err(format!("{s:?}: exponent {e} must use fixed notation"));
        }
        Ok(())
    } else {
        let (int, frac) = body.split_once('.').ok_or(format!("{s:?}: no '.'"))?;
        let int_ok = all_digits(int) && (int == "0" || !int.starts_with('0'));
        let frac_ok = all_digits(frac) && (frac == "0" || !frac.ends_with('0'));
        if !(int_ok && frac_ok) {
            return Err(format!("{s:?}: malformed fixed notation"));
        }
        let e = if int != "0" {
            int.len() as i32 - 1
        } else if frac.bytes().all(|b| b == b'0') {
            return Ok(()); // zero
        } else {
            -(frac.bytes().take_while(|b| *b == b'0').count() as i32) - 1
        };
        if !(-4..16).contains(&e) {
            return Err(format!("{s:?}: exponent {e} must use scientific notation"));
        }
        Ok(())
    }
}

fn parse_py_float(s: &str) -> Option<f64> {
    match s {
        "inf" => Some(f64::INFINITY),
        "-inf" => Some(f64::NEG_INFINITY),
        "nan" => Some(f64::NAN),
        _ => s.parse().ok(),
    }
}

const SPECIAL_F64: &[f64] = &[
    0.0,
    -0.0,
    5e-324,
    -5e-324,
    f64::MIN_POSITIVE,
    2.225073858507201e-308, // largest subnormal
    f64::MAX,
    f64::MIN,
    1e16,
    9999999999999998.0,
    1e-4,
    9.999999999999999e-5,
    0.1,
    1.0 / 3.0,
    9007199254740992.0,
    123456789012345680.0,
    1e22,
    1e23,
    0.5,
    1.0,
    -1.0,
];

/// 2**e exactly, subnormals included (`powi` would underflow an intermediate).
fn pow2(e: i32) -> f64 {
    assert!((-1074..=1023).contains(&e));
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1 << (e + 1074))
    }
}

fn finite_f64() -> impl Strategy<Value = f64> {
    let finite_bits = any::<u64>()
        .prop_map(f64::from_bits)
        .prop_filter("finite", |x| x.is_finite());
    prop_oneof![
        4 => finite_bits,
        2 => select(SPECIAL_F64),
        2 => (1u64..1 << 52, any::<bool>())
            .prop_map(|(m, neg)| f64::from_bits(m | (neg as u64) << 63)), // subnormals
        // Values around the fixed/scientific switch (decimal exponents -6..=18) and their
        // neighbouring floats.
        3 => (1u32..10_000, -10i32..=18, -1i32..=1, any::<bool>()).prop_map(|(m, e, step, neg)| {
            let x: f64 = format!("{m}e{e}").parse().unwrap();
            let x = match step { -1 => x.next_down(), 1 => x.next_up(), _ => x };
            if neg { -x } else { x }
        }),
        1 => (-1_000_000i64..1_000_000).prop_map(|v| v as f64),
        2 => (-1074i32..=1023, any::<bool>()).prop_map(|(e, neg)| {
            let x = pow2(e);
            if neg { -x } else { x }
        }),
    ]
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// `cases` per property, unless the `PROPTEST_CASES` environment variable asks for more or
/// fewer (e.g. `PROPTEST_CASES=20000` for a deep run).
fn config(cases: u32) -> ProptestConfig {
    let from_env = std::env::var_os("PROPTEST_CASES").is_some();
    ProptestConfig {
        cases: if from_env {
            ProptestConfig::default().cases
        } else {
            cases
        },
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(512))]

    /// Every i64 written as a literal (i64::MIN as `(-9223372036854775807 - 1)`) is its repr.
    #[test]
    fn int_literal_repr(v in int_value()) {
        check(&Expr::Int(v as i128))?;
    }

    /// `+ - * // % & | ^` on boundary operands: Python's floor/modulo signs, exact zero-division
    /// messages, bool results of `&|^` on bools, OverflowError instead of wrapping.
    #[test]
    fn binary_operators_on_boundaries(op in arith_op(), a in operand(), b in operand()) {
        check(&Expr::bin(op, a, b))?;
    }

    /// `<<` and `>>`: negative counts raise ValueError, huge counts saturate `>>` to 0/-1 and
    /// overflow `<<` (except `0 << n`).
    #[test]
    fn shifts(op in select(vec![BinOp::Shl, BinOp::Shr]), a in operand(), n in shift_count()) {
        check(&Expr::bin(op, a, n))?;
    }

    /// Unary `- + ~` and `**` with small non-negative exponents.
    #[test]
    fn unary_and_power(
        op in un_op(),
        a in operand(),
        e in pow_exponent(),
        pow_first in any::<bool>(),
    ) {
        let pow = |a: Expr| Expr::Pow(Box::new(a), e);
        let un = |a: Expr| Expr::Unary(op, Box::new(a));
        check(&if pow_first { un(pow(a)) } else { pow(un(a)) })?;
    }

    /// Comparisons, chained, with short-circuiting (an error in an operand after a false
    /// comparison is never raised).
    #[test]
    fn chained_comparisons(
        a in operand(),
        rest in prop::collection::vec((cmp_op(), int_expr()), 1..=3),
    ) {
        check(&Expr::Cmp(Box::new(a), rest))?;
    }

    /// `a / b` for |a|, |b| <= 2**53 is exactly `(a as f64) / (b as f64)`, printed with
    /// CPython's float repr; `/ 0` raises `ZeroDivisionError: division by zero`.
    #[test]
    fn true_division_small_operands(a in small_div_operand(), b in small_div_operand()) {
        if b != 0 {
            let direct = a as f64 / b as f64;
            let oracle = int_true_div(a as i128, b as i128).unwrap();
            prop_assert_eq!(oracle.to_bits(), direct.to_bits());
        }
        check(&Expr::Div(Box::new(Expr::Int(a as i128)), Box::new(Expr::Int(b as i128))))?;
    }

    /// `a / b` for any i64 operands is correctly rounded (CPython divides the exact integers,
    /// it does not convert both to float first).
    #[test]
    fn true_division_is_correctly_rounded(a in large_div_operand(), b in large_div_operand()) {
        check(&Expr::Div(Box::new(Expr::Int(a as i128)), Box::new(Expr::Int(b as i128))))?;
    }

    /// Random trees of all of the above, depth <= 3, evaluated left to right.
    #[test]
    fn random_expression_trees(e in root_expr()) {
        check(&e)?;
    }

    /// A float literal `format!("{:e}", x)` comes back as a repr that parses to the same bits,
    /// is exactly CPython's repr, and uses scientific notation exactly when the decimal
    /// exponent is < -4 or >= 16 (exponent signed, at least two digits).
    #[test]
    fn float_repr_round_trips(x in finite_f64()) {
        let code = format!("{x:e}");
        let fail = |why: String| TestCaseError::fail(format!("{code}: {why}"));
        let got = execute_python(&code).map_err(|e| fail(e.last_line()))?;
        let back = parse_py_float(&got).ok_or_else(|| fail(format!("unparsable {got:?}")))?;
        prop_assert_eq!(back.to_bits(), x.to_bits(), "{} -> {:?}", code, got);
        check_float_shape(&got).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&got, &cpython_float_repr(x), "{}", code);
    }
}

// ---------------------------------------------------------------------------------------------
// Oracle self-checks and regressions
// ---------------------------------------------------------------------------------------------

#[test]
fn oracle_agrees_with_known_cpython_results() {
    use BinOp::*;
    let i = Expr::Int;
    let cases: Vec<(Expr, Result<&str, Fail>)> = vec![
        (Expr::bin(FloorDiv, i(-7), i(2)), Ok("-4")),
        (Expr::bin(Mod, i(-7), i(2)), Ok("1")),
        (Expr::bin(Mod, i(7), i(-2)), Ok("-1")),
        (Expr::bin(Mod, i(I64_MIN), i(-1)), Ok("0")),
        (
            Expr::bin(FloorDiv, i(I64_MIN), i(-1)),
            Ok("9223372036854775808"),
        ),
        (
            Expr::bin(Mod, i(1), i(0)),
            Err(zero_div("integer modulo by zero")),
        ),
        (
            Expr::bin(FloorDiv, i(1), i(0)),
            Err(zero_div("integer division or modulo by zero")),
        ),
        (
            Expr::Div(Box::new(i(1)), Box::new(i(0))),
            Err(zero_div("division by zero")),
        ),
        (Expr::Div(Box::new(i(0)), Box::new(i(-5))), Ok("-0.0")),
        (
            Expr::Div(Box::new(i((1 << 53) + 1)), Box::new(i(1))),
            Ok("9007199254740992.0"),
        ),
        (
            Expr::Div(Box::new(i(I64_MAX)), Box::new(i(3))),
            Ok("3.0744573456182584e+18"),
        ),
        (
            Expr::bin(And, Expr::Bool(true), Expr::Bool(true)),
            Ok("True"),
        ),
        (Expr::bin(Add, Expr::Bool(true), Expr::Bool(true)), Ok("2")),
        (
            Expr::Unary(UnOp::Invert, Box::new(Expr::Bool(true))),
            Ok("-2"),
        ),
        (Expr::bin(Shl, i(0), i(I64_MAX)), Ok("0")),
        (Expr::bin(Shr, i(-1), i(I64_MAX)), Ok("-1")),
        (Expr::bin(Shl, i(1), i(-1)), Err(negative_shift())),
        (Expr::Pow(Box::new(i(-2)), 63), Ok("-9223372036854775808")),
        (Expr::Pow(Box::new(i(0)), 0), Ok("1")),
        (
            Expr::Cmp(
                Box::new(i(2)),
                vec![
                    (CmpOp::Lt, i(1)),
                    (CmpOp::Lt, Expr::bin(FloorDiv, i(1), i(0))),
                ],
            ),
            Ok("False"),
        ),
    ];
    for (e, want) in cases {
        assert_eq!(expected(&e), want.map(str::to_string), "{}", e.source());
    }
    assert_eq!(cpython_float_repr(1e16), "1e+16");
    assert_eq!(cpython_float_repr(1e-5), "1e-05");
    assert_eq!(cpython_float_repr(0.0001), "0.0001");
    assert_eq!(cpython_float_repr(9999999999999998.0), "9999999999999998.0");
    assert_eq!(cpython_float_repr(-5e-324), "-5e-324");
    assert_eq!(
        cpython_float_repr(123456789012345680.0),
        "1.2345678901234568e+17"
    );
    assert_eq!(cpython_float_repr(1.5), "1.5");
    assert_eq!(cpython_float_repr(100.0), "100.0");
}

/// Regression found by `float_repr_round_trips` and both true-division properties at
/// commit 3092559 (fixed since by d7a4a43, "Float repr: take Rust's shortest digits"):
/// PyRust's float repr re-rounded the value to the shortest digit count, ties to even; at 46
/// of the 2098 powers of two that nearest decimal lies on the narrow side of the value (the
/// gap to the float below is half the gap above) and reads back as a different float, while
/// CPython prints the shortest digits that round-trip. Cases checked with python3.11:
///   `1 / 16777216` (2**-24): CPython `5.960464477539063e-08`, PyRust `5.960464477539062e-08`
///   `(-16) / 281474976710656`: CPython `-5.684341886080802e-14`, PyRust `...801e-14`
///   `6.156563468186638e113` (2**378): CPython `6.156563468186638e+113`, PyRust `...637e+113`
///   `2.0**-791`'s literal: CPython `7.678447687145631e-239`, PyRust `7.678447687145630e-239`
///   (also a trailing zero in the mantissa).
#[test]
fn float_repr_at_powers_of_two() {
    let mut wrong = Vec::new();
    let got = execute_python("1 / 16777216").unwrap();
    if got != "5.960464477539063e-08" {
        wrong.push(format!(
            "1 / 16777216: expected 5.960464477539063e-08, got {got}"
        ));
    }
    for e in -1074..=1023 {
        let x = pow2(e);
        let got = execute_python(&format!("{x:e}")).unwrap();
        let want = cpython_float_repr(x);
        if got != want {
            wrong.push(format!("2**{e}: expected {want}, got {got}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong reprs:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Prints ~2000 generated expressions with the oracle's answers, and floats with their
/// expected repr, for `scripts/check_arith_oracle.py` to compare with a real python3.11:
///
///     cargo test -p pyrust --test arithmetic_properties -- --ignored --nocapture dump_oracle_cases \
///         | python3.11 scripts/check_arith_oracle.py
#[test]
#[ignore = "manual cross-check of the oracle against CPython"]
fn dump_oracle_cases() {
    let show = |r: Result<Val, Fail>| match r {
        Ok(v) => format!("V:{}", v.repr()),
        Err(Fail::Exc(ty, msg)) => format!("E:{ty}:{msg}"),
        Err(Fail::Unrepresentable) => "SKIP".to_string(),
    };
    let mut runner = TestRunner::new(Config {
        rng_seed: RngSeed::Fixed(0x5eed),
        ..Config::default()
    });
    let strategies: Vec<(usize, BoxedStrategy<Expr>)> = vec![
        (1200, root_expr().boxed()),
        (
            200,
            (arith_op(), operand(), operand())
                .prop_map(|(op, a, b)| Expr::bin(op, a, b))
                .boxed(),
        ),
        (
            200,
            (
                select(vec![BinOp::Shl, BinOp::Shr]),
                operand(),
                shift_count(),
            )
                .prop_map(|(op, a, b)| Expr::bin(op, a, b))
                .boxed(),
        ),
        (
            200,
            (operand(), pow_exponent())
                .prop_map(|(a, e)| Expr::Pow(Box::new(a), e))
                .boxed(),
        ),
        (
            200,
            (large_div_operand(), large_div_operand())
                .prop_map(|(a, b)| {
                    Expr::Div(
                        Box::new(Expr::Int(a as i128)),
                        Box::new(Expr::Int(b as i128)),
                    )
                })
                .boxed(),
        ),
    ];
    for (n, strategy) in strategies {
        for _ in 0..n {
            let e = strategy.new_tree(&mut runner).unwrap().current();
            let i64_mode = if e.has_big_literal() {
                Err(OVERFLOW)
            } else {
                eval(&e, Mode::I64)
            };
            println!(
                "X\t{}\t{}\t{}",
                e.source(),
                show(eval(&e, Mode::Exact)),
                show(i64_mode)
            );
        }
    }
    let floats = finite_f64();
    let random = (0..2000).map(|_| floats.new_tree(&mut runner).unwrap().current());
    let powers_of_two = (-1074..=1023).map(pow2);
    for x in random.chain(powers_of_two) {
        println!("F\t{:016x}\t{}", x.to_bits(), cpython_float_repr(x));
    }
}
