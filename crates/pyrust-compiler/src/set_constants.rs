//! Which set displays CPython 3.11 compiles to a frozenset constant, because that changes
//! the order of the set it makes.
//!
//! CPython turns a set display of constants into a frozenset constant when it is iterated
//! (`for x in {...}`, a comprehension's iterable, the right operand of `in`/`not in`) or has
//! more than two items (then the frozenset is copied into a new set). The compiler's constant
//! cache rebuilds each new frozenset from its own iteration order, and a later display of the
//! same constants (compared by type and value) reuses the first one's frozenset. The table
//! layout, and so the order, can differ from adding the items one by one.

use std::collections::HashMap;

use pyrust_parser::{Argument, Ast, CompareOp, Expr, ExprId, Stmt, UnaryOp};

use crate::fold::Folded;

/// How a set display is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SetFold {
    /// As the frozenset constant of the display `first` (same constants, seen first), then
    /// copied into a new set unless `iterated`.
    Constant { first: ExprId, iterated: bool },
    /// Its items are constants CPython folds (`(1, 2)[0]`, `2 ** 100`, `not 1`, ...) whose
    /// values this module does not key (those [`crate::fold`] does not fold), or several
    /// integers beyond 64 bits: refused, naming the construct.
    Unsupported(&'static str),
    /// Its constants nest deeper than the compiler's native stack budget allows walking:
    /// the compile-time RecursionError.
    TooDeep,
}

enum Key {
    Constant(Constant),
    NotConstant,
    /// A constant expression CPython folds whose value is not keyed here.
    Unknown,
    /// Nested past the stack floor (see [`fold_set_displays`]).
    TooDeep,
}

/// A constant item of a set display.
#[derive(Default)]
struct Constant {
    /// CPython's constant key (type and value): displays whose frozensets have the same keys
    /// share the first one's frozenset.
    key: String,
    /// Which items are equal (`2`, `2.0` and `True` are one value): only the first of equal
    /// items is in the frozenset, as CPython builds it in item order.
    equal: String,
    /// Numbers beyond `i64` inside the item, whose equality across spellings is not worked
    /// out here (see [`Wide::is_ambiguous`]).
    wide: Wide,
}

/// Counts of the numbers beyond `i64` in a display's items.
#[derive(Clone, Copy, Default)]
struct Wide {
    /// Big ints spelt in decimal: equal exactly when their digits are.
    decimal_big_ints: u32,
    /// Big ints spelt in another base (`0x10000000000000000`).
    other_big_ints: u32,
    /// Integral floats beyond `i64` (`1e19`), which may equal a big int.
    large_floats: u32,
}

impl Wide {
    fn add(&mut self, other: Wide) {
        self.decimal_big_ints += other.decimal_big_ints;
        self.other_big_ints += other.other_big_ints;
        self.large_floats += other.large_floats;
    }

    /// Whether two items may be equal without this module seeing it: a big int in another
    /// base beside any other wide number, or a decimal big int beside a large float.
    fn is_ambiguous(self) -> bool {
        let total = self.decimal_big_ints + self.other_big_ints + self.large_floats;
        (self.other_big_ints > 0 && total > 1)
            || (self.decimal_big_ints > 0 && self.large_floats > 0)
    }
}

impl Constant {
    fn new(key: String, equal: String) -> Constant {
        Constant {
            key,
            equal,
            wide: Wide::default(),
        }
    }

    fn int(value: i64) -> Constant {
        Constant::new(format!("i{value}"), format!("n{value}"))
    }

    /// A float's key; `None` for NaN, which equals nothing (not even itself), unlike any key.
    fn float(value: f64) -> Option<Constant> {
        const TWO_TO_63: f64 = 9_223_372_036_854_775_808.0;
        let key = format!("f{}", value.to_bits());
        if value.is_nan() {
            return None;
        }
        Some(
            if value.fract() == 0.0 && (-TWO_TO_63..TWO_TO_63).contains(&value) {
                Constant::new(key, format!("n{}", value as i64))
            } else if value.fract() == 0.0 {
                let mut constant = Constant::new(key.clone(), key);
                constant.wide.large_floats = 1;
                constant
            } else {
                Constant::new(key.clone(), key)
            },
        )
    }

    /// A big-int literal's key (`sign` is "-" when negated). Decimal digits are the value's
    /// one spelling (Python allows no leading zeros); other bases are keyed by their text.
    fn big_int(sign: &str, text: &str) -> Constant {
        let digits: String = text.chars().filter(|&c| c != '_').collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            let mut constant = Constant::plain(&format!("I{sign}{text}"));
            constant.wide.other_big_ints = 1;
            return constant;
        }
        if sign == "-" && digits == "9223372036854775808" {
            return Constant::int(i64::MIN);
        }
        let mut constant = Constant::plain(&format!("I{sign}{digits}"));
        constant.wide.decimal_big_ints = 1;
        constant
    }

    fn plain(key: &str) -> Constant {
        Constant::new(key.into(), key.into())
    }
}

/// Fills `folds` (cleared first) with the folded set displays of `ast`, sorted by expression
/// index (a `Vec`, kept between compilations: most programs have none, and an empty `Vec`
/// costs nothing to clear, unlike a `HashMap`).
///
/// The walks recurse into nested tuples and operators; they stop at `stack_floor`, the lowest
/// native stack address the compiler may use (see [`crate::fold::fold`]).
pub(crate) fn fold_set_displays(
    source: &str,
    ast: &Ast,
    folds: &mut Vec<(u32, SetFold)>,
    stack_floor: usize,
) {
    folds.clear();
    if !ast.exprs.iter().any(|e| matches!(e.expr, Expr::Set(_))) {
        return;
    }
    let mut iterated: Vec<u32> = Vec::new();
    for node in &ast.stmts {
        if let Stmt::For { iter, .. } = node.stmt {
            iterated.push(iter.0);
        }
    }
    iterated.extend(ast.comprehensions.iter().map(|clause| clause.iter.0));
    for node in &ast.exprs {
        if let Expr::Compare { rest, .. } = node.expr {
            if let Some(&(CompareOp::In | CompareOp::NotIn, last)) = ast.comparisons(rest).last() {
                iterated.push(last.0);
            }
        }
    }
    // Sorted, so each display's test below is a binary search, not a scan of every iterable.
    iterated.sort_unstable();
    // Source order stands for CPython's code generation order.
    let mut displays: Vec<u32> = (0..ast.exprs.len() as u32)
        .filter(|&i| matches!(ast.expr(ExprId(i)), Expr::Set(_)))
        .collect();
    displays.sort_by_key(|&i| ast.expr_span(ExprId(i)).start);
    let mut first_of: HashMap<String, ExprId> = HashMap::new();
    for index in displays {
        let Expr::Set(items) = ast.expr(ExprId(index)) else {
            continue;
        };
        let is_iterated = iterated.binary_search(&index).is_ok();
        if !is_iterated && items.len <= 2 {
            continue;
        }
        let mut items_kept: Vec<Constant> = Vec::new();
        let mut unknown = false;
        let mut constant = true;
        let mut wide = Wide::default();
        let mut too_deep = false;
        for argument in ast.arguments(items) {
            match constant_key(source, ast, argument.value(), stack_floor) {
                Key::Constant(item) => {
                    wide.add(item.wide);
                    if !items_kept.iter().any(|kept| kept.equal == item.equal) {
                        items_kept.push(item);
                    }
                }
                Key::NotConstant => constant = false,
                Key::Unknown => unknown = true,
                Key::TooDeep => too_deep = true,
            }
        }
        if too_deep {
            folds.push((index, SetFold::TooDeep));
            continue;
        }
        if !constant {
            continue;
        }
        if unknown {
            folds.push((
                index,
                SetFold::Unsupported("set displays of constant expressions other than literals"),
            ));
            continue;
        }
        if wide.is_ambiguous() {
            folds.push((
                index,
                SetFold::Unsupported(
                    "set displays of an integer beyond 64 bits and another number it may equal",
                ),
            ));
            continue;
        }
        let mut keys: Vec<String> = items_kept.into_iter().map(|item| item.key).collect();
        keys.sort();
        keys.dedup();
        let first = *first_of.entry(keys.join(",")).or_insert(ExprId(index));
        folds.push((
            index,
            SetFold::Constant {
                first,
                iterated: is_iterated,
            },
        ));
    }
    folds.sort_unstable_by_key(|&(index, _)| index);
}

/// How the set display `index` is compiled, if it is folded.
pub(crate) fn set_fold(folds: &[(u32, SetFold)], index: u32) -> Option<SetFold> {
    let at = folds.binary_search_by_key(&index, |&(i, _)| i).ok()?;
    Some(folds[at].1)
}

/// CPython's constant key (type and value) of a constant expression, with its equality class.
fn constant_key(source: &str, ast: &Ast, expr: ExprId, stack_floor: usize) -> Key {
    if crate::stack_position() < stack_floor {
        return Key::TooDeep;
    }
    let constant = match ast.expr(expr) {
        Expr::Int(value) => Constant::int(value),
        Expr::BigInt(literal) => Constant::big_int("", literal.text(source)),
        Expr::Float(value) => match Constant::float(value) {
            Some(constant) => constant,
            None => return Key::Unknown,
        },
        Expr::Str(literal) => {
            let text = ast.str_text(literal);
            Constant::plain(&format!("s{}:{text}", text.len()))
        }
        Expr::True => Constant::new("T".into(), "n1".into()),
        Expr::False => Constant::new("F".into(), "n0".into()),
        Expr::None => Constant::plain("N"),
        Expr::Name(name) if name.text(source) == "__debug__" => {
            Constant::new("T".into(), "n1".into())
        }
        Expr::Unary {
            op: UnaryOp::Neg,
            operand: inner,
        } => match ast.expr(inner) {
            Expr::BigInt(literal) => Constant::big_int("-", literal.text(source)),
            _ => return folded_key(source, ast, expr, stack_floor),
        },
        Expr::Unary { .. } | Expr::Binary { .. } => {
            return folded_key(source, ast, expr, stack_floor)
        }
        Expr::Subscript { .. } => return operator_key(source, ast, expr, stack_floor),
        Expr::Tuple(items) => {
            let mut tuple = Constant::plain("(");
            for argument in ast.arguments(items) {
                let Argument::Positional(item) = *argument else {
                    return Key::NotConstant;
                };
                match constant_key(source, ast, item, stack_floor) {
                    Key::Constant(item) => {
                        tuple.key.push_str(&item.key);
                        tuple.key.push(',');
                        tuple.equal.push_str(&item.equal);
                        tuple.equal.push(',');
                        tuple.wide.add(item.wide);
                    }
                    other => return other,
                }
            }
            tuple.key.push(')');
            tuple.equal.push(')');
            tuple
        }
        _ => return Key::NotConstant,
    };
    Key::Constant(constant)
}

/// The key of a unary or binary operator expression: its value's when code generation folds
/// it ([`crate::fold`]), since CPython's AST optimiser folds it to the same constant before
/// building the set; else as [`operator_key`].
fn folded_key(source: &str, ast: &Ast, expr: ExprId, stack_floor: usize) -> Key {
    match crate::fold::fold(ast, expr, stack_floor) {
        Some(Folded::Int(value)) => Key::Constant(Constant::int(value)),
        Some(Folded::Float(bits)) => {
            Constant::float(f64::from_bits(bits)).map_or(Key::Unknown, Key::Constant)
        }
        None => operator_key(source, ast, expr, stack_floor),
    }
}

/// The key of an operator expression (unary, binary, subscript): `Unknown` when every
/// operand below it is a constant or unknown, else `NotConstant`. The operators are walked
/// with a work list, not recursion: a left-leaning chain (`0 + 0 + ... + 0`) is as deep as it
/// is long, and the parser's nesting limit does not bound its length.
fn operator_key(source: &str, ast: &Ast, expr: ExprId, stack_floor: usize) -> Key {
    let mut work = vec![expr];
    while let Some(expr) = work.pop() {
        match ast.expr(expr) {
            Expr::Unary { operand, .. } => work.push(operand),
            Expr::Binary { left, right, .. }
            | Expr::Subscript {
                value: left,
                index: right,
            } => work.extend([left, right]),
            _ => match constant_key(source, ast, expr, stack_floor) {
                Key::NotConstant => return Key::NotConstant,
                Key::TooDeep => return Key::TooDeep,
                _ => {}
            },
        }
    }
    Key::Unknown
}
