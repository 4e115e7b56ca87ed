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

/// How a set display is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SetFold {
    /// As the frozenset constant of the display `first` (same constants, seen first), then
    /// copied into a new set unless `iterated`.
    Constant { first: ExprId, iterated: bool },
    /// Its items are constants CPython folds (`(1, 2)[0]`, `1 + 2`, ...) whose values this
    /// module does not key (code generation folds some of them, see [`crate::fold`], but the
    /// set order is not computed for them): refused.
    Unsupported,
}

enum Key {
    Constant(String),
    NotConstant,
    /// A constant expression CPython folds whose value is not keyed here.
    Unknown,
}

/// Fills `folds` (cleared first) with the folded set displays of `ast`, sorted by expression
/// index (a `Vec`, kept between compilations: most programs have none, and an empty `Vec`
/// costs nothing to clear, unlike a `HashMap`).
pub(crate) fn fold_set_displays(source: &str, ast: &Ast, folds: &mut Vec<(u32, SetFold)>) {
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
        let mut keys = Vec::new();
        let mut unknown = false;
        let mut constant = true;
        for argument in ast.arguments(items) {
            match constant_key(source, ast, argument.value()) {
                Key::Constant(key) => keys.push(key),
                Key::NotConstant => constant = false,
                Key::Unknown => unknown = true,
            }
        }
        if !constant {
            continue;
        }
        if unknown {
            folds.push((index, SetFold::Unsupported));
            continue;
        }
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

/// CPython's constant key (type and value) of a constant expression.
fn constant_key(source: &str, ast: &Ast, expr: ExprId) -> Key {
    match ast.expr(expr) {
        Expr::Int(value) => Key::Constant(format!("i{value}")),
        Expr::BigInt(literal) => Key::Constant(format!("I{}", literal.text(source))),
        Expr::Float(value) => Key::Constant(format!("f{}", value.to_bits())),
        Expr::Str(literal) => {
            let text = ast.str_text(literal);
            Key::Constant(format!("s{}:{text}", text.len()))
        }
        Expr::True => Key::Constant("T".into()),
        Expr::False => Key::Constant("F".into()),
        Expr::None => Key::Constant("N".into()),
        Expr::Name(name) if name.text(source) == "__debug__" => Key::Constant("T".into()),
        Expr::Unary {
            op: UnaryOp::Neg,
            operand,
        } => match ast.expr(operand) {
            Expr::Int(value) if value != i64::MIN => Key::Constant(format!("i{}", -value)),
            Expr::Float(value) => Key::Constant(format!("f{}", (-value).to_bits())),
            Expr::BigInt(literal) => Key::Constant(format!("I-{}", literal.text(source))),
            _ => operator_key(source, ast, expr),
        },
        Expr::Unary { .. } | Expr::Binary { .. } | Expr::Subscript { .. } => {
            operator_key(source, ast, expr)
        }
        Expr::Tuple(items) => {
            let mut key = String::from("(");
            for argument in ast.arguments(items) {
                let Argument::Positional(item) = *argument else {
                    return Key::NotConstant;
                };
                match constant_key(source, ast, item) {
                    Key::Constant(item_key) => {
                        key.push_str(&item_key);
                        key.push(',');
                    }
                    other => return other,
                }
            }
            key.push(')');
            Key::Constant(key)
        }
        _ => Key::NotConstant,
    }
}

/// The key of an operator expression (unary, binary, subscript): `Unknown` when every
/// operand below it is a constant or unknown, else `NotConstant`. The operators are walked
/// with a work list, not recursion: a left-leaning chain (`0 + 0 + ... + 0`) is as deep as it
/// is long, and the parser's nesting limit does not bound its length.
fn operator_key(source: &str, ast: &Ast, expr: ExprId) -> Key {
    let mut work = vec![expr];
    while let Some(expr) = work.pop() {
        match ast.expr(expr) {
            Expr::Unary { operand, .. } => work.push(operand),
            Expr::Binary { left, right, .. }
            | Expr::Subscript {
                value: left,
                index: right,
            } => work.extend([left, right]),
            _ => {
                if let Key::NotConstant = constant_key(source, ast, expr) {
                    return Key::NotConstant;
                }
            }
        }
    }
    Key::Unknown
}
