//! Constant folding of arithmetic on number literals, as CPython's AST optimizer does:
//! `(10 + 20) * 3` compiles to one load of `90`.
//!
//! An operation folds only when its result is exactly the value the VM would compute and
//! computing it cannot raise: int arithmetic that stays within `i64` (the VM would promote
//! anything larger to a big int), no division by zero, no negative shift, no negative power,
//! and float arithmetic limited to `+ - * /`, the single IEEE operations the VM performs.
//! Bools are left alone (`True + 1` stays an addition), as are big-int literals.

use pyrust_parser::{Ast, BinaryOp, Expr, ExprId, UnaryOp};

use crate::stack_position;

/// The value of an expression of number literals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Folded {
    /// An int within `i64`, the range the VM keeps unboxed.
    Int(i64),
    /// A float, as the VM's IEEE arithmetic computes it, by its bits: with two integer
    /// payloads an `Option<Folded>` is a pair of scalars, returned in registers from the
    /// recursive fold rather than through memory.
    Float(u64),
}

/// How many operators deep [`fold`] looks. Code generation asks again at every level of an
/// expression that does not fold, so an unbounded look would make a long chain with a name
/// at its bottom (`x + 1 + 1 + ...`) quadratic; deeper constant trees fold in parts.
const FOLD_DEPTH: u32 = 16;

/// The constant `expr` folds to, if it is a number literal or an operator applied to
/// foldable operands.
///
/// `stack_floor` is the lowest native stack address the fold may recurse to (the compiler's
/// stack budget): below it the expression is reported as not folding, and code generation's
/// own check then stops with a RecursionError. The fold runs below code generation's last
/// check, which may have passed just above the floor, so its own frames are checked too.
pub(crate) fn fold(ast: &Ast, expr: ExprId, stack_floor: usize) -> Option<Folded> {
    fold_node(ast, ast.expr(expr), FOLD_DEPTH, stack_floor)
}

/// The constant `left op right` folds to, given the operands' nodes (which the caller has
/// read already, so they are not looked up, bounds test included, again).
pub(crate) fn fold_binary_operands(
    ast: &Ast,
    op: BinaryOp,
    left: Expr,
    right: Expr,
    stack_floor: usize,
) -> Option<Folded> {
    let a = operand(ast, left, FOLD_DEPTH - 1, stack_floor)?;
    let b = operand(ast, right, FOLD_DEPTH - 1, stack_floor)?;
    fold_binary(op, a, b)
}

/// Whether an expression of this kind may fold: a cheap test before [`fold`].
#[inline(always)]
pub(crate) fn may_fold(expr: Expr) -> bool {
    matches!(
        expr,
        Expr::Int(_) | Expr::Float(_) | Expr::Unary { .. } | Expr::Binary { .. }
    )
}

/// [`fold_node`] with the literals, most operands, inline.
#[inline(always)]
fn operand(ast: &Ast, expr: Expr, depth: u32, stack_floor: usize) -> Option<Folded> {
    match expr {
        Expr::Int(value) => Some(Folded::Int(value)),
        Expr::Float(value) => Some(Folded::Float(value.to_bits())),
        Expr::Unary { .. } | Expr::Binary { .. } => fold_node(ast, expr, depth, stack_floor),
        _ => None,
    }
}

/// The constant the node `expr` folds to, looking at most `depth` operators deep (see
/// [`FOLD_DEPTH`]) and not below `stack_floor` (see [`fold`]).
fn fold_node(ast: &Ast, expr: Expr, depth: u32, stack_floor: usize) -> Option<Folded> {
    if stack_position() < stack_floor {
        return None;
    }
    match expr {
        Expr::Int(value) => Some(Folded::Int(value)),
        Expr::Float(value) => Some(Folded::Float(value.to_bits())),
        Expr::Unary { op, operand: inner } if depth > 0 => {
            fold_unary(op, operand(ast, ast.expr(inner), depth - 1, stack_floor)?)
        }
        Expr::Binary { op, left, right } if depth > 0 => {
            let a = operand(ast, ast.expr(left), depth - 1, stack_floor)?;
            let b = operand(ast, ast.expr(right), depth - 1, stack_floor)?;
            fold_binary(op, a, b)
        }
        _ => None,
    }
}

/// `op operand`, when the VM would compute it without raising and within `i64`; `not`
/// makes a bool, which [`Folded`] does not hold.
fn fold_unary(op: UnaryOp, operand: Folded) -> Option<Folded> {
    match (op, operand) {
        (UnaryOp::Neg, Folded::Int(v)) => v.checked_neg().map(Folded::Int),
        (UnaryOp::Neg, Folded::Float(v)) => Some(Folded::Float((-f64::from_bits(v)).to_bits())),
        (UnaryOp::Pos, value) => Some(value),
        (UnaryOp::Invert, Folded::Int(v)) => Some(Folded::Int(!v)),
        _ => None,
    }
}

/// `a op b`, when the VM would compute it without raising: two ints as [`fold_int`], a
/// float on either side as [`fold_float`].
#[inline(always)]
fn fold_binary(op: BinaryOp, a: Folded, b: Folded) -> Option<Folded> {
    match (a, b) {
        (Folded::Int(a), Folded::Int(b)) => fold_int(op, a, b),
        (Folded::Float(a), Folded::Float(b)) => {
            fold_float(op, f64::from_bits(a), f64::from_bits(b))
        }
        // The VM converts the int with `as f64`, as here.
        (Folded::Int(a), Folded::Float(b)) => fold_float(op, a as f64, f64::from_bits(b)),
        (Folded::Float(a), Folded::Int(b)) => fold_float(op, f64::from_bits(a), b as f64),
    }
}

/// Int `a op b` as the VM computes it within 64 bits.
#[inline(always)]
fn fold_int(op: BinaryOp, a: i64, b: i64) -> Option<Folded> {
    let int = match op {
        BinaryOp::Add => a.checked_add(b)?,
        BinaryOp::Sub => a.checked_sub(b)?,
        BinaryOp::Mul => a.checked_mul(b)?,
        BinaryOp::FloorDiv => {
            let quotient = a.checked_div(b)?;
            if a % b != 0 && (a < 0) != (b < 0) {
                quotient - 1
            } else {
                quotient
            }
        }
        BinaryOp::Mod => {
            if b == 0 {
                return None;
            }
            // `i64::MIN % -1` is 0, where `%` would overflow.
            let remainder = a.wrapping_rem(b);
            if remainder != 0 && (remainder < 0) != (b < 0) {
                remainder + b
            } else {
                remainder
            }
        }
        BinaryOp::TrueDiv => {
            // Within 2**53 both ints are exact floats, and one IEEE division is the correctly
            // rounded quotient CPython computes. The same rule as the VM's `exact_int_true_div`
            // (pyrust-vm's ops.rs), which this crate cannot call: keep the two in step.
            const EXACT: u64 = 1 << 53;
            if b == 0 || a.unsigned_abs() > EXACT || b.unsigned_abs() > EXACT {
                return None;
            }
            return Some(Folded::Float((a as f64 / b as f64).to_bits()));
        }
        BinaryOp::Pow => a.checked_pow(u32::try_from(b).ok()?)?,
        BinaryOp::LeftShift => {
            if a == 0 && b >= 0 {
                0
            } else {
                let shift = u32::try_from(b).ok().filter(|&s| s < 64)?;
                let shifted = a << shift;
                if shifted >> shift != a {
                    return None;
                }
                shifted
            }
        }
        BinaryOp::RightShift => {
            if b < 0 {
                return None;
            }
            a >> b.min(63)
        }
        BinaryOp::BitAnd => a & b,
        BinaryOp::BitOr => a | b,
        BinaryOp::BitXor => a ^ b,
        BinaryOp::MatMul => return None,
    };
    Some(Folded::Int(int))
}

/// Float `a op b` for the operators that are one IEEE operation (a division only when it
/// cannot raise).
fn fold_float(op: BinaryOp, a: f64, b: f64) -> Option<Folded> {
    let float = match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        BinaryOp::TrueDiv if b != 0.0 => a / b,
        _ => return None,
    };
    Some(Folded::Float(float.to_bits()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyrust_parser::Stmt;

    /// The fold of the expression statement `source`.
    fn fold_source(source: &str) -> Option<Folded> {
        let ast = pyrust_parser::parse(source).expect("parses");
        let &[stmt] = ast.block(ast.body) else {
            panic!("one statement expected in {source:?}")
        };
        let Stmt::Expr(expr) = ast.stmt(stmt) else {
            panic!("an expression statement expected in {source:?}")
        };
        fold(&ast, expr, 0)
    }

    fn int(source: &str) -> i64 {
        match fold_source(source) {
            Some(Folded::Int(v)) => v,
            other => panic!("{source:?} folded to {other:?}, not an int"),
        }
    }

    fn float_bits(source: &str) -> u64 {
        match fold_source(source) {
            Some(Folded::Float(bits)) => bits,
            other => panic!("{source:?} folded to {other:?}, not a float"),
        }
    }

    #[test]
    fn nested_int_arithmetic_folds() {
        assert_eq!(int("(10 + 20) * 3"), 90);
        assert_eq!(int("2 + 3 + 4 + 5"), 14);
        assert_eq!(int("-(2 - 7)"), 5);
        assert_eq!(int("~5 + +3"), -3);
        assert_eq!(int("2 ** 10 - 1"), 1023);
        assert_eq!(int("1 << 62 | 5 & 3 ^ 8"), (1 << 62) | (5 & 3 ^ 8));
        assert_eq!(int("-1 >> 100"), -1);
        assert_eq!(int("0 << 1000"), 0);
    }

    #[test]
    fn int_overflow_is_not_folded() {
        for source in [
            "9223372036854775807 + 1",
            "-9223372036854775807 - 2",
            "4294967296 * 4294967296",
            "2 ** 63",
            "-(-9223372036854775807 - 1)",
            "(-9223372036854775807 - 1) // -1",
            "1 << 63",
            "3 << 62",
            "1 << 64",
        ] {
            assert_eq!(fold_source(source), None, "{source}");
        }
    }

    #[test]
    fn operations_that_raise_are_not_folded() {
        for source in [
            "1 // 0",
            "1 % 0",
            "1 / 0",
            "1.5 / 0.0",
            "1.5 / -0.0",
            "1 / 0.0",
            "1 << -1",
            "1 >> -1",
            "2 ** -1",
            "1.5 // 1.0",
            "1.5 % 1.0",
            "2.0 ** 2",
        ] {
            assert_eq!(fold_source(source), None, "{source}");
        }
    }

    #[test]
    fn floor_division_and_modulo_take_python_signs() {
        assert_eq!(int("-7 // 2"), -4);
        assert_eq!(int("7 // -2"), -4);
        assert_eq!(int("-7 // -2"), 3);
        assert_eq!(int("7 % -3"), -2);
        assert_eq!(int("-7 % 3"), 2);
        assert_eq!(int("-6 % 3"), 0);
        assert_eq!(int("(-9223372036854775807 - 1) % -1"), 0);
    }

    #[test]
    fn int_true_division_folds_only_within_two_to_the_53() {
        assert_eq!(float_bits("(10 + 20) * 3 / 2"), 45.0f64.to_bits());
        assert_eq!(float_bits("1 / 3"), (1.0f64 / 3.0).to_bits());
        assert_eq!(
            float_bits("-9007199254740992 / 3"),
            (-9007199254740992.0f64 / 3.0).to_bits()
        );
        assert_eq!(fold_source("9007199254740993 / 1"), None);
        assert_eq!(fold_source("1 / 9007199254740993"), None);
    }

    #[test]
    fn float_results_keep_signed_zeros_and_specials() {
        assert_eq!(float_bits("-0.0 * 1"), (-0.0f64).to_bits());
        assert_eq!(float_bits("0.0 * -1"), (-0.0f64).to_bits());
        assert_eq!(float_bits("-0.0 + 0.0"), 0.0f64.to_bits());
        assert_eq!(float_bits("-0.0 - 0.0"), (-0.0f64).to_bits());
        assert_eq!(float_bits("1e308 * 10"), f64::INFINITY.to_bits());
        assert!(f64::from_bits(float_bits("1e308 * 10 - 1e308 * 10")).is_nan());
        assert_eq!(float_bits("-(1.5)"), (-1.5f64).to_bits());
        assert_eq!(float_bits("1 / -1e-320"), (1.0f64 / -1e-320).to_bits());
    }

    #[test]
    fn bools_names_and_big_ints_are_not_folded() {
        for source in [
            "True + 1",
            "-True",
            "x + 1",
            "1 + x",
            "99999999999999999999 + 1",
            "'a' * 3",
        ] {
            assert_eq!(fold_source(source), None, "{source}");
        }
    }

    #[test]
    fn folding_stops_at_its_depth_limit() {
        let deep = format!("{}1{}", "(1 + ".repeat(40), ")".repeat(40));
        assert_eq!(fold_source(&deep), None);
        let shallow = format!("{}1{}", "(1 + ".repeat(10), ")".repeat(10));
        assert_eq!(int(&shallow), 11);
    }
}
