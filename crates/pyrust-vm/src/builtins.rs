//! The builtins other than `print` and `range`: `abs`, `min`, `max`, `divmod`, `pow`,
//! `round`, `int`, `float`, `bool`, `len` and `str`, with CPython's argument rules and error
//! messages.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use pyrust_compiler::{BinaryOp, Builtin, CompareOp, NameId};
use smallvec::SmallVec;

use crate::error::{Exception, ExceptionKind};
use crate::format::Conversion;
use crate::heap::{bigint_cost, IteratorKind};
use crate::int::{float_to_bigint, parse_float, parse_int, round_bigint, round_float, ParsedInt};
use crate::ops::{range_len, type_error};
use crate::value::{write_int_repr, write_str_repr, DictViewKind, StackText, Value};
use crate::vm::Machine;

/// Nesting of class tuples `isinstance` follows (CPython's limit is its recursion limit,
/// less the depth of the caller's stack, so only shallow nesting is sure to agree).
const MAX_ISINSTANCE_DEPTH: u32 = 100;

fn value_error(message: String) -> Exception {
    Exception::new(ExceptionKind::ValueError, message)
}

/// The arguments of one builtin call, copied out of the registers (which stay GC roots).
struct Arguments<'n> {
    positional: SmallVec<[Value; 4]>,
    keywords: SmallVec<[(&'n str, Value); 2]>,
}

impl Arguments<'_> {
    /// Binds positional and keyword arguments to `names` (`positional_only` of them cannot
    /// be given by keyword), CPython-style.
    fn bind<const N: usize>(
        &self,
        function: &str,
        names: [&str; N],
        positional_only: usize,
    ) -> Result<[Option<Value>; N], Exception> {
        let mut bound = [None; N];
        if self.positional.len() > N {
            return Err(type_error(format!(
                "{function}() takes at most {N} argument{} ({} given)",
                if N == 1 { "" } else { "s" },
                self.positional.len() + self.keywords.len()
            )));
        }
        for (slot, &value) in bound.iter_mut().zip(&self.positional) {
            *slot = Some(value);
        }
        for &(keyword, value) in &self.keywords {
            let position = names.iter().position(|&name| name == keyword);
            match position {
                Some(i) if i >= positional_only => {
                    if bound[i].is_some() {
                        return Err(type_error(format!(
                            "argument for {function}() given by name ('{keyword}') and position ({})",
                            i + 1
                        )));
                    }
                    bound[i] = Some(value);
                }
                _ => {
                    return Err(type_error(format!(
                        "'{keyword}' is an invalid keyword argument for {function}()"
                    )))
                }
            }
        }
        Ok(bound)
    }

    fn no_keywords(&self, function: &str) -> Result<(), Exception> {
        match self.keywords.first() {
            Some(_) => Err(type_error(format!(
                "{function}() takes no keyword arguments"
            ))),
            None => Ok(()),
        }
    }
}

/// The `reverse=` argument of `sorted`/`list.sort`: an int (a C int in CPython).
pub(crate) fn sort_reverse_flag(value: Value) -> Result<bool, Exception> {
    match value {
        Value::Int(i) if i32::try_from(i).is_ok() => Ok(i != 0),
        Value::Bool(b) => Ok(b),
        Value::Int(_) | Value::BigInt(_) => Err(Exception::new(
            ExceptionKind::OverflowError,
            "Python int too large to convert to C int".into(),
        )),
        other => Err(not_an_integer(other)),
    }
}

/// `'<type>' object cannot be interpreted as an integer`.
fn not_an_integer(value: Value) -> Exception {
    type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        value.type_name()
    ))
}

/// Sorts `items` stably when every key is an inline str (a word, a number's digits):
/// (order key, position) pairs, all distinct, sorted unstably, then the items permuted into
/// place. Returns false, leaving `items` alone, when some key is not inline. The pairs take
/// no more memory than the merge sort's second buffer (`sort_list` accounted for it).
fn sort_by_inline_keys<T: Copy>(items: &mut [T], key_of: &impl Fn(&T) -> &Value) -> bool {
    let mut keyed: Vec<(u128, usize)> = Vec::new();
    if keyed.try_reserve_exact(items.len()).is_err() {
        return false;
    }
    for (position, item) in items.iter().enumerate() {
        let Value::Str(s) = key_of(item) else {
            return false;
        };
        let Some(key) = s.inline_order_key() else {
            return false;
        };
        keyed.push((key, position));
    }
    keyed.sort_unstable();
    // Position `to` takes the item at `keyed[to].1`: follow each cycle of that permutation,
    // marking placed positions with `usize::MAX`.
    for start in 0..items.len() {
        if keyed[start].1 == usize::MAX {
            continue;
        }
        let held = items[start];
        let mut to = start;
        loop {
            let from = std::mem::replace(&mut keyed[to].1, usize::MAX);
            if from == start {
                items[to] = held;
                break;
            }
            items[to] = items[from];
            to = from;
        }
    }
    true
}

impl Machine {
    /// Calls a builtin other than `print` and `range` with the arguments in registers `args..`
    /// (`positional` of them, then one per keyword name).
    pub(crate) fn call_builtin(
        &mut self,
        builtin: Builtin,
        args: usize,
        positional: usize,
        keywords: &[NameId],
    ) -> Result<Value, Exception> {
        // The common one-argument calls skip the general argument binding.
        if positional == 1 && keywords.is_empty() {
            let value = self.registers_at(args);
            match builtin {
                Builtin::Len => return self.len_of(value),
                Builtin::Abs => return self.abs(value),
                Builtin::Bool => return Ok(Value::Bool(self.truthy(value))),
                Builtin::Str => return self.str_of(value),
                _ => {}
            }
        }
        let program = self.program;
        let values = self.argument_values(args, positional + keywords.len());
        let arguments = Arguments {
            positional: values[..positional].iter().copied().collect(),
            keywords: keywords
                .iter()
                .zip(&values[positional..])
                .map(|(&name, &value)| (program.names.resolve(name), value))
                .collect(),
        };
        match builtin {
            Builtin::Abs => {
                arguments.no_keywords("abs")?;
                match arguments.positional.as_slice() {
                    &[value] => self.abs(value),
                    other => Err(type_error(format!(
                        "abs() takes exactly one argument ({} given)",
                        other.len()
                    ))),
                }
            }
            Builtin::Min => self.min_max(&arguments, "min", CompareOp::Lt),
            Builtin::Max => self.min_max(&arguments, "max", CompareOp::Gt),
            Builtin::Divmod => {
                arguments.no_keywords("divmod")?;
                match arguments.positional.as_slice() {
                    &[a, b] => self.divmod(a, b),
                    other => Err(type_error(format!(
                        "divmod expected 2 arguments, got {}",
                        other.len()
                    ))),
                }
            }
            Builtin::Pow => {
                let [base, exponent, modulus] = arguments.bind("pow", ["base", "exp", "mod"], 0)?;
                let Some(base) = base else {
                    return Err(type_error(
                        "pow() missing required argument 'base' (pos 1)".into(),
                    ));
                };
                let Some(exponent) = exponent else {
                    return Err(type_error(
                        "pow() missing required argument 'exp' (pos 2)".into(),
                    ));
                };
                match modulus {
                    None | Some(Value::None) => {
                        self.binary(BinaryOp::Pow, base, exponent, u32::MAX)
                    }
                    Some(modulus) => self.modular_pow(base, exponent, modulus),
                }
            }
            Builtin::Round => {
                let [number, ndigits] = arguments.bind("round", ["number", "ndigits"], 0)?;
                let Some(number) = number else {
                    return Err(type_error(
                        "round() missing required argument 'number' (pos 1)".into(),
                    ));
                };
                self.round(number, ndigits.filter(|n| !matches!(n, Value::None)))
            }
            Builtin::Int => {
                let [value, base] = arguments.bind("int", ["x", "base"], 1)?;
                self.int_of(value, base)
            }
            Builtin::Float => {
                arguments.no_keywords("float")?;
                match arguments.positional.as_slice() {
                    [] => Ok(Value::Float(0.0)),
                    &[value] => self.float_of(value),
                    other => Err(type_error(format!(
                        "float expected at most 1 argument, got {}",
                        other.len()
                    ))),
                }
            }
            Builtin::Bool => {
                arguments.no_keywords("bool")?;
                match arguments.positional.as_slice() {
                    [] => Ok(Value::Bool(false)),
                    &[value] => Ok(Value::Bool(self.truthy(value))),
                    other => Err(type_error(format!(
                        "bool expected at most 1 argument, got {}",
                        other.len()
                    ))),
                }
            }
            Builtin::Len => {
                arguments.no_keywords("len")?;
                match arguments.positional.as_slice() {
                    &[value] => self.len_of(value),
                    other => Err(type_error(format!(
                        "len() takes exactly one argument ({} given)",
                        other.len()
                    ))),
                }
            }
            Builtin::Str => {
                let [value, _, _] = arguments.bind("str", ["object", "encoding", "errors"], 0)?;
                if arguments.positional.len() + arguments.keywords.len() > 1 {
                    return Err(Exception::new(
                        ExceptionKind::NotImplementedError,
                        "str() with an encoding (bytes) is not supported by PyRust yet".into(),
                    ));
                }
                match value {
                    None => self.new_str(""),
                    Some(value) => self.str_of(value),
                }
            }
            Builtin::List | Builtin::Tuple => {
                arguments.no_keywords(builtin.name())?;
                let is_list = builtin == Builtin::List;
                match arguments.positional.as_slice() {
                    [] => self.new_sequence(is_list, &[]),
                    &[value @ Value::Tuple(_)] if !is_list => Ok(value),
                    &[iterable] => {
                        let list = self.collect_to_list(iterable)?;
                        if is_list {
                            Ok(list)
                        } else {
                            self.side.scratch.push(Some(list));
                            let tuple = self.list_to_tuple(list);
                            self.side.scratch.pop();
                            tuple
                        }
                    }
                    other => Err(type_error(format!(
                        "{} expected at most 1 argument, got {}",
                        builtin.name(),
                        other.len()
                    ))),
                }
            }
            Builtin::Sorted => {
                if arguments.keywords.len() > 2 {
                    return Err(type_error(format!(
                        "sort() takes at most 2 keyword arguments ({} given)",
                        arguments.keywords.len()
                    )));
                }
                // CPython's sorted() hands its keywords to list.sort(): its messages say sort().
                let [iterable, key, reverse] =
                    arguments.bind("sort", ["iterable", "key", "reverse"], 1)?;
                if arguments.positional.len() > 1 {
                    return Err(type_error(format!(
                        "sorted expected 1 argument, got {}",
                        arguments.positional.len()
                    )));
                }
                let Some(iterable) = iterable else {
                    return Err(type_error("sorted expected 1 argument, got 0".into()));
                };
                let key = key.filter(|k| !matches!(k, Value::None));
                let reverse = match reverse {
                    None => false,
                    Some(value) => sort_reverse_flag(value)?,
                };
                let list = self.collect_to_list(iterable)?;
                self.side.scratch.push(Some(list));
                let sorted = self.sort_list(list, key, reverse);
                self.side.scratch.pop();
                sorted.map(|()| list)
            }
            Builtin::Sum => {
                let [iterable, start] = arguments.bind("sum", ["iterable", "start"], 1)?;
                let Some(iterable) = iterable else {
                    return Err(type_error(
                        "sum() takes at least 1 positional argument (0 given)".into(),
                    ));
                };
                let start = start.unwrap_or(Value::Int(0));
                if let Value::Str(_) = start {
                    return Err(type_error(
                        "sum() can't sum strings [use ''.join(seq) instead]".into(),
                    ));
                }
                // Item by item (a generator is not collected first): the running total is
                // a scratch root while the next item is made.
                self.check_iterable(iterable)?;
                let mark = self.side.scratch.len();
                self.side.scratch.push(Some(start));
                let total = (|| {
                    let mut total = start;
                    let mut position = Value::Int(0);
                    while let Some((item, next)) = self.sequence_next(iterable, position)? {
                        total = self.binary(BinaryOp::Add, total, item, u32::MAX)?;
                        self.side.scratch[mark] = Some(total);
                        position = next;
                    }
                    Ok(total)
                })();
                self.side.scratch.truncate(mark);
                total
            }
            Builtin::Any | Builtin::All => {
                arguments.no_keywords(builtin.name())?;
                let &[iterable] = arguments.positional.as_slice() else {
                    return Err(type_error(format!(
                        "{}() takes exactly one argument ({} given)",
                        builtin.name(),
                        arguments.positional.len()
                    )));
                };
                // Item by item: a generator stops being resumed at the first decisive item.
                self.check_iterable(iterable)?;
                let want = builtin == Builtin::Any;
                let mut position = Value::Int(0);
                while let Some((item, next)) = self.sequence_next(iterable, position)? {
                    if self.truthy(item) == want {
                        return Ok(Value::Bool(want));
                    }
                    position = next;
                }
                Ok(Value::Bool(!want))
            }
            Builtin::Enumerate => {
                let [iterable, start] = arguments.bind("enumerate", ["iterable", "start"], 0)?;
                let Some(iterable) = iterable else {
                    return Err(type_error(
                        "enumerate() missing required argument 'iterable' (pos 1)".into(),
                    ));
                };
                let count =
                    match start {
                        None => 0,
                        Some(Value::BigInt(_)) => return Err(Exception::new(
                            ExceptionKind::NotImplementedError,
                            "enumerate() with a start past 64 bits is not supported by PyRust yet"
                                .into(),
                        )),
                        Some(value) => value.as_int().ok_or_else(|| not_an_integer(value))?,
                    };
                self.check_iterable(iterable)?;
                self.new_iterator(IteratorKind::Enumerate, count, &[iterable])
            }
            Builtin::Zip => {
                if !arguments.keywords.is_empty() {
                    return Err(Exception::new(
                        ExceptionKind::NotImplementedError,
                        "zip(strict=...) is not supported by PyRust yet".into(),
                    ));
                }
                for &iterable in &arguments.positional {
                    self.check_iterable(iterable)?;
                }
                let sources: SmallVec<[Value; 4]> = arguments.positional.clone();
                self.new_iterator(IteratorKind::Zip, 0, &sources)
            }
            Builtin::Iter => {
                arguments.no_keywords("iter")?;
                match arguments.positional.as_slice() {
                    &[iterable] => self.iter_of(iterable),
                    &[_, _] => Err(Exception::new(
                        ExceptionKind::NotImplementedError,
                        "iter(callable, sentinel) is not supported by PyRust yet".into(),
                    )),
                    other => Err(type_error(format!(
                        "iter expected {} argument{}, got {}",
                        if other.is_empty() {
                            "at least 1"
                        } else {
                            "at most 2"
                        },
                        if other.is_empty() { "" } else { "s" },
                        other.len()
                    ))),
                }
            }
            Builtin::Next => {
                arguments.no_keywords("next")?;
                let (iterator, default) = match arguments.positional.as_slice() {
                    &[iterator] => (iterator, None),
                    &[iterator, default] => (iterator, Some(default)),
                    other => {
                        return Err(type_error(format!(
                            "next expected {} argument{}, got {}",
                            if other.is_empty() {
                                "at least 1"
                            } else {
                                "at most 2"
                            },
                            if other.is_empty() { "" } else { "s" },
                            other.len()
                        )))
                    }
                };
                if !matches!(iterator, Value::Iterator(..) | Value::Generator(_)) {
                    return Err(type_error(format!(
                        "'{}' object is not an iterator",
                        iterator.type_name()
                    )));
                }
                match self.sequence_next(iterator, Value::Int(0))? {
                    Some((item, _)) => Ok(item),
                    None => default
                        .ok_or_else(|| Exception::new(ExceptionKind::StopIteration, String::new())),
                }
            }
            Builtin::Map | Builtin::Filter => {
                let name = builtin.name();
                arguments.no_keywords(name)?;
                let positional = arguments.positional.as_slice();
                let (kind, fits) = if builtin == Builtin::Map {
                    (IteratorKind::Map, positional.len() >= 2)
                } else {
                    (IteratorKind::Filter, positional.len() == 2)
                };
                if !fits {
                    return Err(type_error(if builtin == Builtin::Map {
                        "map() must have at least two arguments.".into()
                    } else {
                        format!("filter expected 2 arguments, got {}", positional.len())
                    }));
                }
                for &iterable in &positional[1..] {
                    self.check_iterable(iterable)?;
                }
                self.new_iterator(kind, 0, positional)
            }
            Builtin::Dict => {
                if arguments.positional.len() > 1 {
                    return Err(type_error(format!(
                        "dict expected at most 1 argument, got {}",
                        arguments.positional.len()
                    )));
                }
                self.collect_if_needed(64);
                let dict = self.heap.insert_dict()?;
                let result = Value::Dict(dict);
                let mark = self.side.scratch.len();
                self.side.scratch.push(Some(result));
                let outcome = (|| {
                    if let Some(&source) = arguments.positional.first() {
                        self.check_iterable(source)?;
                        self.dict_update(dict, source)?;
                    }
                    for &(name, value) in &arguments.keywords {
                        let key = self.new_str(name)?;
                        self.side.scratch.push(Some(key));
                        self.dict_set(dict, key, value)?;
                    }
                    Ok(result)
                })();
                self.side.scratch.truncate(mark);
                outcome
            }
            Builtin::Set => {
                if !arguments.keywords.is_empty() {
                    return Err(type_error("set() takes no keyword arguments".into()));
                }
                if arguments.positional.len() > 1 {
                    return Err(type_error(format!(
                        "set expected at most 1 argument, got {}",
                        arguments.positional.len()
                    )));
                }
                self.new_set_from(arguments.positional.first().copied())
            }
            Builtin::Format => {
                arguments.no_keywords("format")?;
                match arguments.positional.as_slice() {
                    &[value] => self.format_value(value, Conversion::None, ""),
                    &[value, Value::Str(spec)] => {
                        let spec = self.str_ref(&spec).to_string();
                        self.format_value(value, Conversion::None, &spec)
                    }
                    &[_, spec] => Err(type_error(format!(
                        "format() argument 2 must be str, not {}",
                        spec.type_name()
                    ))),
                    [] => Err(type_error(
                        "format expected at least 1 argument, got 0".into(),
                    )),
                    other => Err(type_error(format!(
                        "format expected at most 2 arguments, got {}",
                        other.len()
                    ))),
                }
            }
            Builtin::Isinstance => {
                arguments.no_keywords("isinstance")?;
                match arguments.positional.as_slice() {
                    &[object, classes] => {
                        let class = self.class_of(object);
                        self.is_instance(class, classes, 0).map(Value::Bool)
                    }
                    other => Err(type_error(format!(
                        "isinstance expected 2 arguments, got {}",
                        other.len()
                    ))),
                }
            }
            Builtin::Type => match (arguments.positional.as_slice(), arguments.keywords.len()) {
                (&[object], 0) => self.type_of(object),
                ([_], _) => Err(type_error("type() takes no keyword arguments".into())),
                ([_, _, _], 0) => Err(Exception::new(
                    ExceptionKind::NotImplementedError,
                    "type() with three arguments (making a class) is not supported by PyRust yet"
                        .into(),
                )),
                _ => Err(type_error("type() takes 1 or 3 arguments".into())),
            },
            Builtin::Reversed => {
                arguments.no_keywords("reversed")?;
                match arguments.positional.as_slice() {
                    &[sequence] => self.reversed(sequence),
                    other => Err(type_error(format!(
                        "reversed expected 1 argument, got {}",
                        other.len()
                    ))),
                }
            }
            Builtin::Ord | Builtin::Chr | Builtin::Repr => {
                let name = builtin.name();
                arguments.no_keywords(name)?;
                let &[value] = arguments.positional.as_slice() else {
                    return Err(type_error(format!(
                        "{name}() takes exactly one argument ({} given)",
                        arguments.positional.len()
                    )));
                };
                match builtin {
                    Builtin::Ord => self.ord(value),
                    Builtin::Chr => self.chr(value),
                    _ => self.repr_of(value),
                }
            }
            Builtin::Print | Builtin::Range => Err(Exception::new(
                ExceptionKind::SystemError,
                format!("{}() is not a numeric builtin", builtin.name()),
            )),
        }
    }

    /// The class of `value` when PyRust has a value for it (`None` for `NoneType`,
    /// functions, dict views and iterators other than `enumerate`, `zip` and `reversed`).
    fn class_of(&self, value: Value) -> Option<Builtin> {
        Some(match value {
            Value::Bool(_) => Builtin::Bool,
            Value::Int(_) | Value::BigInt(_) => Builtin::Int,
            Value::Float(_) => Builtin::Float,
            Value::Str(_) => Builtin::Str,
            Value::Tuple(_) => Builtin::Tuple,
            Value::List(_) => Builtin::List,
            Value::Dict(_) => Builtin::Dict,
            Value::Set(_) => Builtin::Set,
            Value::Range { .. } | Value::BigRange(_) => Builtin::Range,
            Value::Iterator(_, IteratorKind::Enumerate) => Builtin::Enumerate,
            Value::Iterator(_, IteratorKind::Zip) => Builtin::Zip,
            Value::Iterator(_, IteratorKind::Map) => Builtin::Map,
            Value::Iterator(_, IteratorKind::Filter) => Builtin::Filter,
            Value::Iterator(_, IteratorKind::SequenceReverse) => Builtin::Reversed,
            Value::Builtin(class) if class.is_class() => Builtin::Type,
            _ => return None,
        })
    }

    /// `type(value)`.
    fn type_of(&self, value: Value) -> Result<Value, Exception> {
        match self.class_of(value) {
            Some(class) => Ok(Value::Builtin(class)),
            None => Err(Exception::new(
                ExceptionKind::NotImplementedError,
                format!(
                    "type() of a '{}' value is not supported by PyRust yet",
                    value.type_name()
                ),
            )),
        }
    }

    /// `isinstance` of a value of class `class` (`None`: a class PyRust has no value for,
    /// which is no subclass of any class PyRust has) and `classes`, a class or a tuple of
    /// them, nested tuples too, tried left to right as CPython does.
    fn is_instance(
        &mut self,
        class: Option<Builtin>,
        classes: Value,
        depth: u32,
    ) -> Result<bool, Exception> {
        match classes {
            Value::Builtin(wanted) if wanted.is_class() => {
                Ok(class == Some(wanted)
                    || (wanted == Builtin::Int && class == Some(Builtin::Bool)))
            }
            Value::Tuple(_) => {
                // CPython's limit depends on the depth of the Python stack at the call.
                if depth >= MAX_ISINSTANCE_DEPTH {
                    return Err(Exception::new(
                        ExceptionKind::NotImplementedError,
                        "isinstance() with tuples of classes nested this deeply is not supported by PyRust".into(),
                    ));
                }
                // Shared nested tuples can make the walk exponential: charge it as work.
                self.charge_bytes(self.items(classes).len().saturating_mul(64))?;
                let mut i = 0;
                while let Some(&item) = self.items(classes).get(i) {
                    if self.is_instance(class, item, depth + 1)? {
                        return Ok(true);
                    }
                    i += 1;
                }
                Ok(false)
            }
            _ => Err(type_error(
                "isinstance() arg 2 must be a type, a tuple of types, or a union".into(),
            )),
        }
    }

    /// `reversed(sequence)`: a lazy iterator, as CPython's for each type.
    fn reversed(&mut self, sequence: Value) -> Result<Value, Exception> {
        let (kind, source, origin, count) = match sequence {
            Value::List(_) => (
                IteratorKind::ListReverse,
                sequence,
                Value::None,
                self.items(sequence).len() as i64 - 1,
            ),
            Value::Tuple(_) => (
                IteratorKind::SequenceReverse,
                sequence,
                Value::None,
                self.items(sequence).len() as i64 - 1,
            ),
            Value::Str(s) => (
                IteratorKind::SequenceReverse,
                sequence,
                Value::None,
                self.str_ref(&s).len() as i64,
            ),
            Value::Range { .. } | Value::BigRange(_) => {
                let len = range_len(self.range_bounds(sequence));
                let Ok(last) = i64::try_from(len) else {
                    return Err(Exception::new(
                        ExceptionKind::NotImplementedError,
                        "reversed() of a range of more than 2**63 items is not supported by PyRust yet".into(),
                    ));
                };
                (IteratorKind::RangeReverse, sequence, Value::None, last - 1)
            }
            Value::Dict(dict) | Value::DictView(dict, _) => {
                let kind = match sequence {
                    Value::DictView(_, kind) => kind,
                    _ => DictViewKind::Keys,
                };
                let entries = self.heap.dict(dict).map_or(0, |d| d.entries.len());
                let size = self.dict_len(dict);
                // Both counts fit 32 bits: the heap limit keeps dicts far smaller.
                let origin = Value::Int(((size as i64) << 32) | (entries as i64 & 0xffff_ffff));
                (
                    IteratorKind::DictReverse(kind),
                    Value::Dict(dict),
                    origin,
                    entries as i64 - 1,
                )
            }
            other => {
                return Err(type_error(format!(
                    "'{}' object is not reversible",
                    other.type_name()
                )))
            }
        };
        self.collect_if_needed(64);
        let state = crate::heap::Iterator {
            kind,
            count,
            sources: std::iter::once((source, origin)).collect(),
            exhausted: false,
        };
        Ok(Value::Iterator(self.heap.insert_iterator(state)?, kind))
    }

    /// `ord(character)`.
    fn ord(&self, value: Value) -> Result<Value, Exception> {
        let Value::Str(s) = value else {
            return Err(type_error(format!(
                "ord() expected string of length 1, but {} found",
                value.type_name()
            )));
        };
        let mut chars = self.str_ref(&s).chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(Value::Int(i64::from(u32::from(c)))),
            _ => Err(type_error(format!(
                "ord() expected a character, but string of length {} found",
                self.str_ref(&s).chars().count()
            ))),
        }
    }

    /// `chr(code)`.
    fn chr(&mut self, value: Value) -> Result<Value, Exception> {
        let code = match value {
            Value::BigInt(_) => None,
            other => Some(other.as_int().ok_or_else(|| not_an_integer(other))?),
        };
        let Some(code) = code.and_then(|c| i32::try_from(c).ok()) else {
            return Err(Exception::new(
                ExceptionKind::OverflowError,
                "Python int too large to convert to C int".into(),
            ));
        };
        if !(0..0x110000).contains(&code) {
            return Err(value_error("chr() arg not in range(0x110000)".into()));
        }
        let Some(c) = char::from_u32(code as u32) else {
            return Err(Exception::new(
                ExceptionKind::NotImplementedError,
                format!("chr() of the surrogate U+{code:04X} is not supported by PyRust (its strings are UTF-8)"),
            ));
        };
        let mut buffer = [0u8; 4];
        self.new_str(c.encode_utf8(&mut buffer))
    }

    /// `repr(value)`.
    fn repr_of(&mut self, value: Value) -> Result<Value, Exception> {
        if let Value::Str(s) = value {
            // A string's repr takes at most four bytes per byte of text (`\x01`); the text is
            // built outside the heap, so check it fits first.
            let bound = self.str_ref(&s).len().saturating_mul(4).saturating_add(2);
            self.collect_if_needed(bound);
            if !self.heap.would_fit(bound) {
                return Err(Exception::new(ExceptionKind::MemoryError, String::new()));
            }
        }
        let mut text = String::new();
        self.write_repr(value, &mut text)?;
        self.new_str(&text)
    }

    /// Fails with CPython's TypeError unless `value` can be iterated.
    pub(crate) fn check_iterable(&self, value: Value) -> Result<(), Exception> {
        match value {
            Value::Str(_)
            | Value::Tuple(_)
            | Value::List(_)
            | Value::Range { .. }
            | Value::BigRange(_)
            | Value::Dict(_)
            | Value::DictView(..)
            | Value::Set(_)
            | Value::Generator(_)
            | Value::Iterator(..) => Ok(()),
            other => Err(type_error(format!(
                "'{}' object is not iterable",
                other.type_name()
            ))),
        }
    }

    fn new_iterator(
        &mut self,
        kind: IteratorKind,
        count: i64,
        sources: &[Value],
    ) -> Result<Value, Exception> {
        self.collect_if_needed(64);
        let state = crate::heap::Iterator {
            kind,
            count,
            sources: sources.iter().map(|&s| (s, Value::Int(0))).collect(),
            exhausted: sources.is_empty(),
        };
        Ok(Value::Iterator(self.heap.insert_iterator(state)?, kind))
    }

    /// `iter(value)`: iterators are their own iterators; sequences get a new one.
    fn iter_of(&mut self, value: Value) -> Result<Value, Exception> {
        use crate::heap::SequenceKind;
        let kind = match value {
            Value::Iterator(..) | Value::Generator(_) => return Ok(value),
            Value::List(_) => SequenceKind::List,
            Value::Tuple(_) => SequenceKind::Tuple,
            Value::Str(s) if self.str_ref(&s).is_ascii() => SequenceKind::AsciiStr,
            Value::Str(_) => SequenceKind::Str,
            Value::Range { .. } | Value::BigRange(_) => SequenceKind::Range,
            Value::Dict(_) | Value::DictView(_, crate::value::DictViewKind::Keys) => {
                SequenceKind::DictKeys
            }
            Value::DictView(_, crate::value::DictViewKind::Values) => SequenceKind::DictValues,
            Value::DictView(_, crate::value::DictViewKind::Items) => SequenceKind::DictItems,
            Value::Set(_) => SequenceKind::Set,
            other => {
                return Err(type_error(format!(
                    "'{}' object is not iterable",
                    other.type_name()
                )))
            }
        };
        // Dicts and sets record their size now: a change before the first `next` counts.
        let position = match value {
            Value::Dict(d) | Value::DictView(d, _) => {
                crate::dict::pack_position(0, self.dict_len(d))
            }
            Value::Set(set) => crate::set::pack_position(0, self.set_len(set)),
            _ => Value::Int(0),
        };
        let iterator = self.new_iterator(IteratorKind::Sequence(kind), 0, &[value])?;
        if let Value::Iterator(index, _) = iterator {
            if let Some(state) = self.heap.iterator_mut(index) {
                if let Some(slot) = state.sources.first_mut() {
                    slot.1 = position;
                }
            }
        }
        Ok(iterator)
    }

    /// A new list of the items of any iterable (consuming an iterator object).
    pub(crate) fn collect_to_list(&mut self, iterable: Value) -> Result<Value, Exception> {
        match iterable {
            Value::List(_) | Value::Tuple(_) => {
                let items: Vec<Value> = self.items(iterable).to_vec();
                self.charge_bytes(std::mem::size_of_val(items.as_slice()))?;
                self.collect_if_needed(std::mem::size_of_val(items.as_slice()) + 32);
                self.new_sequence(true, &items)
            }
            Value::Str(_)
            | Value::Range { .. }
            | Value::BigRange(_)
            | Value::Iterator(..)
            | Value::Generator(_)
            | Value::Dict(_)
            | Value::DictView(..)
            | Value::Set(_) => {
                self.collect_if_needed(32);
                let list = Value::List(self.heap.insert_list(&[])?);
                // The new list is a root while items are made and appended one by one.
                self.side.scratch.push(Some(list));
                let filled = (|| {
                    let mut position = Value::Int(0);
                    while let Some((item, next)) = self.sequence_next(iterable, position)? {
                        self.extend_list(list, &[item])?;
                        position = next;
                    }
                    Ok(list)
                })();
                self.side.scratch.pop();
                filled
            }
            other => Err(type_error(format!(
                "'{}' object is not iterable",
                other.type_name()
            ))),
        }
    }

    /// Sorts a list in place by `key(item)` (or the items themselves) with `<`, stably: a
    /// merge sort, because a comparison can fail and Rust's sort may panic on an
    /// inconsistent order such as NaN's. The list must be reachable only from the caller
    /// (a key function could otherwise change it); the keys are kept in a heap list rooted
    /// in the scratch roots, since a key function may allocate and so collect.
    pub(crate) fn sort_list(
        &mut self,
        list: Value,
        key: Option<Value>,
        reverse: bool,
    ) -> Result<(), Exception> {
        let Value::List(index) = list else {
            return Ok(());
        };
        let n = self.heap.list(index).len();
        if n < 2 && key.is_none() {
            return Ok(());
        }
        // Room for the two work buffers (of items, or of (key, item) pairs).
        let entry = if key.is_some() { 32 } else { 16 };
        let bytes = n.saturating_mul(2 * entry);
        self.collect_if_needed(bytes);
        if !self.heap.would_fit(bytes) {
            return Err(Exception::new(ExceptionKind::MemoryError, String::new()));
        }
        let Some(key) = key else {
            // Ints alone: equal ones are indistinguishable, so an unstable sort of the bare
            // numbers gives the stable sort's result, in place (and either direction).
            if self
                .heap
                .list(index)
                .iter()
                .all(|v| matches!(v, Value::Int(_)))
            {
                let mut numbers: Vec<i64> = self
                    .heap
                    .list(index)
                    .iter()
                    .map(|v| if let Value::Int(i) = v { *i } else { 0 })
                    .collect();
                self.charge_sort_steps(n)?;
                if reverse {
                    numbers.sort_unstable_by(|a, b| b.cmp(a));
                } else {
                    numbers.sort_unstable();
                }
                let target = self.heap.list_mut(index);
                for (slot, number) in target.iter_mut().zip(numbers) {
                    *slot = Value::Int(number);
                }
                return Ok(());
            }
            let mut items = self.heap.list(index).to_vec();
            self.merge_sort(&mut items, reverse, |item| item)?;
            let target = self.heap.list_mut(index);
            target.clear();
            target.extend_from_slice(&items);
            return Ok(());
        };
        let mark = self.side.scratch.len();
        let result = self.sort_list_by_key(index, key, reverse);
        self.side.scratch.truncate(mark);
        result
    }

    /// `sort_list` with a key function: the keys are computed first, into a heap list kept
    /// in the scratch roots (a key function may allocate, and so collect).
    fn sort_list_by_key(&mut self, index: u32, key: Value, reverse: bool) -> Result<(), Exception> {
        let n = self.heap.list(index).len();
        let keys = self.heap.insert_list(&[])?;
        self.side.scratch.push(Some(Value::List(keys)));
        self.heap.list_reserve(keys, n)?;
        for i in 0..n {
            let item = self.heap.list(index)[i];
            let k = self.call_value(key, &[item])?;
            self.heap.list_mut(keys).push(k);
        }
        let mut pairs: Vec<(Value, Value)> = self
            .heap
            .list(keys)
            .iter()
            .copied()
            .zip(self.heap.list(index).iter().copied())
            .collect();
        self.merge_sort(&mut pairs, reverse, |(key, _)| key)?;
        let target = self.heap.list_mut(index);
        target.clear();
        target.extend(pairs.iter().map(|&(_, item)| item));
        Ok(())
    }

    /// A stable merge sort of `items` by `key_of` with Python's `<` (reversed stably, as
    /// CPython does: reverse, sort, reverse).
    fn merge_sort<T: Copy>(
        &mut self,
        items: &mut Vec<T>,
        reverse: bool,
        key_of: impl Fn(&T) -> &Value,
    ) -> Result<(), Exception> {
        let n = items.len();
        if n < 2 {
            return Ok(());
        }
        if self.native_sort(items, reverse, &key_of)? {
            return Ok(());
        }
        if reverse {
            items.reverse();
        }
        let mut buffer = items.clone();
        let mut width = 1;
        while width < n {
            // One pass costs about one step per item.
            self.charge_bytes(n.saturating_mul(512))?;
            let mut start = 0;
            while start < n {
                let middle = (start + width).min(n);
                let end = (start + 2 * width).min(n);
                let (mut left, mut right, mut out) = (start, middle, start);
                while left < middle && right < end {
                    // Take from the right run only when strictly smaller: stable.
                    if self.compare(CompareOp::Lt, *key_of(&items[right]), *key_of(&items[left]))? {
                        buffer[out] = items[right];
                        right += 1;
                    } else {
                        buffer[out] = items[left];
                        left += 1;
                    }
                    out += 1;
                }
                buffer[out..out + (middle - left)].copy_from_slice(&items[left..middle]);
                out += middle - left;
                buffer[out..out + (end - right)].copy_from_slice(&items[right..end]);
                start = end;
            }
            std::mem::swap(items, &mut buffer);
            width *= 2;
        }
        if reverse {
            items.reverse();
        }
        Ok(())
    }

    /// Charges the steps the merge sort takes for `n` items (one per item per pass).
    fn charge_sort_steps(&mut self, n: usize) -> Result<(), Exception> {
        if n < 2 {
            return Ok(());
        }
        let passes = usize::BITS - (n - 1).leading_zeros();
        for _ in 0..passes {
            self.charge_bytes(n.saturating_mul(512))?;
        }
        Ok(())
    }

    /// Sorts `items` with Rust's stable sort when every key is an int, every key a str or
    /// every key a float other than NaN: `<` is then a total order that cannot fail, so the
    /// result is the merge sort's (str order is code point order, which is UTF-8 byte
    /// order). Returns false, leaving `items` alone, for any other mix of keys. Charges the
    /// steps the merge sort would (one per item per pass).
    fn native_sort<T: Copy>(
        &mut self,
        items: &mut [T],
        reverse: bool,
        key_of: &impl Fn(&T) -> &Value,
    ) -> Result<bool, Exception> {
        #[derive(PartialEq)]
        enum Kind {
            Int,
            Str,
            Float,
        }
        let kind = match key_of(&items[0]) {
            Value::Int(_) => Kind::Int,
            Value::Str(_) => Kind::Str,
            Value::Float(_) => Kind::Float,
            _ => return Ok(false),
        };
        let uniform = items.iter().all(|item| match key_of(item) {
            Value::Int(_) => kind == Kind::Int,
            Value::Str(_) => kind == Kind::Str,
            Value::Float(f) => kind == Kind::Float && !f.is_nan(),
            _ => false,
        });
        if !uniform {
            return Ok(false);
        }
        self.charge_sort_steps(items.len())?;
        // Python's reverse keeps equal items in their original order: reverse, sort
        // stably, reverse.
        if reverse {
            items.reverse();
        }
        match kind {
            Kind::Int => items.sort_by_key(|item| match *key_of(item) {
                Value::Int(i) => i,
                _ => 0,
            }),
            Kind::Float => items.sort_by(|a, b| {
                let (&Value::Float(x), &Value::Float(y)) = (key_of(a), key_of(b)) else {
                    return std::cmp::Ordering::Equal;
                };
                x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal)
            }),
            Kind::Str if sort_by_inline_keys(items, key_of) => {}
            Kind::Str => {
                // Compared in place: Rust's sort needs at most one buffer of `items`, within
                // what `sort_list` accounted for (the merge sort's second buffer).
                let vm = &*self;
                items.sort_by(|a, b| match (key_of(a), key_of(b)) {
                    (Value::Str(x), Value::Str(y)) => {
                        match (x.inline_order_key(), y.inline_order_key()) {
                            (Some(p), Some(q)) => p.cmp(&q),
                            _ => vm.str_ref(x).cmp(vm.str_ref(y)),
                        }
                    }
                    _ => std::cmp::Ordering::Equal,
                });
            }
        }
        if reverse {
            items.reverse();
        }
        Ok(true)
    }

    /// `str(value)`.
    fn str_of(&mut self, value: Value) -> Result<Value, Exception> {
        match value {
            Value::Str(_) => Ok(value),
            Value::Int(i) => {
                // Digits on the stack, then straight into the new string.
                let mut digits = StackText::<24>::new();
                write_int_repr(i, &mut digits).map_err(|_| {
                    Exception::new(ExceptionKind::SystemError, "writing output failed".into())
                })?;
                self.new_str(digits.as_str())
            }
            _ => {
                let mut text = String::new();
                self.write_str(value, &mut text)?;
                self.new_str(&text)
            }
        }
    }

    fn len_of(&mut self, value: Value) -> Result<Value, Exception> {
        let len = match value {
            Value::Str(s) => self.str_char_count(s) as u64,
            Value::Tuple(_) | Value::List(_) => self.items(value).len() as u64,
            Value::Dict(d) | Value::DictView(d, _) => self.dict_len(d) as u64,
            Value::Set(set) => self.set_len(set) as u64,
            Value::Range { .. } | Value::BigRange(_) => range_len(self.range_bounds(value)),
            other => {
                return Err(type_error(format!(
                    "object of type '{}' has no len()",
                    other.type_name()
                )))
            }
        };
        i64::try_from(len).map(Value::Int).map_err(|_| {
            Exception::new(
                ExceptionKind::OverflowError,
                "Python int too large to convert to C ssize_t".into(),
            )
        })
    }

    fn abs(&mut self, value: Value) -> Result<Value, Exception> {
        match value {
            Value::Float(f) => Ok(Value::Float(f.abs())),
            Value::Int(i) if i != i64::MIN => Ok(Value::Int(i.abs())),
            Value::Bool(b) => Ok(Value::Int(i64::from(b))),
            Value::Int(_) | Value::BigInt(_) => {
                let operand = self.to_bigint(value).unwrap_or_default();
                self.charge_int_work(operand.bits())?;
                self.make_int(operand.abs())
            }
            other => Err(type_error(format!(
                "bad operand type for abs(): '{}'",
                other.type_name()
            ))),
        }
    }

    /// `min`/`max` over several arguments or one iterable (`better` is the comparison a
    /// candidate must win to replace the current choice, so the first of equals is kept).
    fn min_max(
        &mut self,
        arguments: &Arguments<'_>,
        name: &str,
        better: CompareOp,
    ) -> Result<Value, Exception> {
        let mut default = None;
        let mut key = None;
        for &(keyword, value) in &arguments.keywords {
            match keyword {
                "default" => default = Some(value),
                "key" => key = Some(value).filter(|k| !matches!(k, Value::None)),
                other => {
                    return Err(type_error(format!(
                        "'{other}' is an invalid keyword argument for {name}()"
                    )))
                }
            }
        }
        let mark = self.side.scratch.len();
        let candidates: SmallVec<[Value; 4]> = match arguments.positional.as_slice() {
            [] => {
                return Err(type_error(format!(
                    "{name} expected at least 1 argument, got 0"
                )))
            }
            &[iterable] => match iterable {
                Value::Range { .. } | Value::BigRange(_) if key.is_none() => {
                    let [start, _, step] = self.range_bounds(iterable);
                    let len = range_len(self.range_bounds(iterable));
                    if len == 0 {
                        return default.ok_or_else(|| {
                            value_error(format!("{name}() arg is an empty sequence"))
                        });
                    }
                    let last = (start as i128 + (len as i128 - 1) * step as i128) as i64;
                    let want_larger = better == CompareOp::Gt;
                    return Ok(Value::Int(if (step > 0) == want_larger {
                        last
                    } else {
                        start
                    }));
                }
                iterable if key.is_some() => {
                    // Item by item, as CPython: the key function may change the iterable.
                    let key = key.unwrap_or(Value::None);
                    return self.min_max_by_key(iterable, key, name, better, default);
                }
                iterable => {
                    // Any other iterable: its items, in a new list kept as a root while they
                    // are compared.
                    let list = self.collect_to_list(iterable)?;
                    self.side.scratch.push(Some(list));
                    self.items(list).iter().copied().collect()
                }
            },
            several => {
                if default.is_some() {
                    return Err(type_error(format!(
                        "Cannot specify a default for {name}() with multiple positional arguments"
                    )));
                }
                several.iter().copied().collect()
            }
        };
        let chosen = (|| {
            let Some((&first, rest)) = candidates.split_first() else {
                return default
                    .ok_or_else(|| value_error(format!("{name}() arg is an empty sequence")));
            };
            let Some(key) = key else {
                let mut chosen = first;
                for &candidate in rest {
                    if self.compare(better, candidate, chosen)? {
                        chosen = candidate;
                    }
                }
                return Ok(chosen);
            };
            // The best key so far stays in a scratch root: a key function may collect.
            let best_key = self.side.scratch.len();
            let first_key = self.call_value(key, &[first])?;
            self.side.scratch.push(Some(first_key));
            let mut chosen = first;
            for &candidate in rest {
                let candidate_key = self.call_value(key, &[candidate])?;
                let current = self.side.scratch[best_key].unwrap_or(Value::None);
                if self.compare(better, candidate_key, current)? {
                    chosen = candidate;
                    self.side.scratch[best_key] = Some(candidate_key);
                }
            }
            Ok(chosen)
        })();
        self.side.scratch.truncate(mark);
        chosen
    }

    /// `min`/`max` of one iterable with a key function, iterating it lazily. The best item
    /// and its key stay in scratch roots (the key function may collect).
    fn min_max_by_key(
        &mut self,
        iterable: Value,
        key: Value,
        name: &str,
        better: CompareOp,
        default: Option<Value>,
    ) -> Result<Value, Exception> {
        self.check_iterable(iterable)?;
        let mark = self.side.scratch.len();
        self.side.scratch.push(None);
        self.side.scratch.push(None);
        let chosen = (|| {
            let mut position = Value::Int(0);
            while let Some((item, next)) = self.sequence_next(iterable, position)? {
                position = next;
                let item_key = self.call_value(key, &[item])?;
                let replace = match (self.side.scratch[mark], self.side.scratch[mark + 1]) {
                    (Some(_), Some(best_key)) => self.compare(better, item_key, best_key)?,
                    _ => true,
                };
                if replace {
                    self.side.scratch[mark] = Some(item);
                    self.side.scratch[mark + 1] = Some(item_key);
                }
            }
            match self.side.scratch[mark] {
                Some(best) => Ok(best),
                None => {
                    default.ok_or_else(|| value_error(format!("{name}() arg is an empty sequence")))
                }
            }
        })();
        self.side.scratch.truncate(mark);
        chosen
    }

    fn divmod(&mut self, a: Value, b: Value) -> Result<Value, Exception> {
        if let (Some(x), Some(y)) = (self.to_bigint(a), self.to_bigint(b)) {
            if y.is_zero() {
                return Err(Exception::new(
                    ExceptionKind::ZeroDivisionError,
                    "integer division or modulo by zero".into(),
                ));
            }
            self.charge_int_work(x.bits() + y.bits())?;
            self.charge_multiplication(x.bits(), y.bits())?;
            let (quotient, remainder) = x.div_mod_floor(&y);
            // Collect once for all three objects, so none is swept before the tuple holds it.
            let needed = bigint_cost(quotient.bits()) + bigint_cost(remainder.bits()) + 64;
            self.collect_if_needed(needed);
            let quotient = self.store_int(quotient)?;
            let remainder = self.store_int(remainder)?;
            return Ok(Value::Tuple(
                self.heap.insert_tuple(&[quotient, remainder])?,
            ));
        }
        let numbers = (self.number_as_float(a), self.number_as_float(b));
        let (Some(x), Some(y)) = numbers else {
            return Err(type_error(format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                a.type_name(),
                b.type_name()
            )));
        };
        let (x, y) = (x?, y?);
        if y == 0.0 {
            return Err(Exception::new(
                ExceptionKind::ZeroDivisionError,
                "float divmod()".into(),
            ));
        }
        let (quotient, remainder) = crate::ops::float_divmod(x, y);
        self.collect_if_needed(64);
        let items = [Value::Float(quotient), Value::Float(remainder)];
        Ok(Value::Tuple(self.heap.insert_tuple(&items)?))
    }

    /// `pow(base, exp, mod)`: all ints; a negative exponent uses the modular inverse.
    fn modular_pow(
        &mut self,
        base: Value,
        exponent: Value,
        modulus: Value,
    ) -> Result<Value, Exception> {
        let is_number = |v: Value| {
            matches!(
                v,
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_)
            )
        };
        if !(is_number(base) && is_number(exponent) && is_number(modulus)) {
            return Err(type_error(format!(
                "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                base.type_name(),
                exponent.type_name(),
                modulus.type_name()
            )));
        }
        let (Some(base), Some(exponent), Some(modulus)) = (
            self.to_bigint(base),
            self.to_bigint(exponent),
            self.to_bigint(modulus),
        ) else {
            return Err(type_error(
                "pow() 3rd argument not allowed unless all arguments are integers".into(),
            ));
        };
        if modulus.is_zero() {
            return Err(value_error("pow() 3rd argument cannot be 0".into()));
        }
        let size = modulus.abs();
        self.charge_int_work(base.bits() + exponent.bits() + size.bits())?;
        self.charge_multiplication(base.bits(), size.bits())?;
        let mut base = base.mod_floor(&size);
        if exponent.is_negative() {
            base = base.modinv(&size).ok_or_else(|| {
                value_error("base is not invertible for the given modulus".into())
            })?;
        }
        // Each exponent bit costs up to two products of modulus-sized numbers.
        let limbs = size.bits().div_ceil(64).max(1);
        let work = limbs
            .saturating_mul(limbs)
            .saturating_mul(exponent.bits().max(1))
            .saturating_mul(16);
        self.charge_bytes(usize::try_from(work).unwrap_or(usize::MAX))?;
        let mut result = base.modpow(&exponent.abs(), &size);
        if modulus.is_negative() && !result.is_zero() {
            result -= &size;
        }
        self.make_int(result)
    }

    fn round(&mut self, number: Value, ndigits: Option<Value>) -> Result<Value, Exception> {
        let ndigits = match ndigits {
            None => None,
            Some(Value::BigInt(index)) => {
                // Beyond any float's or int's digits: as good as infinitely many.
                Some(if self.heap.bigint(index).is_negative() {
                    i64::MIN
                } else {
                    i64::MAX
                })
            }
            Some(value) => Some(value.as_int().ok_or_else(|| not_an_integer(value))?),
        };
        match number {
            Value::Float(f) => match ndigits {
                None => {
                    let rounded = float_to_bigint(f.round_ties_even())?;
                    self.make_int(rounded)
                }
                Some(n) => round_float(f, n).map(Value::Float),
            },
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                let value = self.to_bigint(number).unwrap_or_default();
                self.charge_int_work(value.bits())?;
                self.charge_multiplication(value.bits(), value.bits())?;
                match ndigits {
                    Some(n) if n < 0 => {
                        let rounded = round_bigint(&value, n);
                        self.make_int(rounded)
                    }
                    _ => self.make_int(value),
                }
            }
            other => Err(type_error(format!(
                "type {} doesn't define __round__ method",
                other.type_name()
            ))),
        }
    }

    /// `int(value)` or `int(text, base)`.
    fn int_of(&mut self, value: Option<Value>, base: Option<Value>) -> Result<Value, Exception> {
        let Some(value) = value else {
            return match base {
                None => Ok(Value::Int(0)),
                Some(_) => Err(type_error("int() missing string argument".into())),
            };
        };
        if let Some(base) = base {
            let base = match base {
                Value::BigInt(_) => i64::MAX,
                other => other.as_int().ok_or_else(|| not_an_integer(other))?,
            };
            if !matches!(value, Value::Str(_)) {
                return Err(type_error(
                    "int() can't convert non-string with explicit base".into(),
                ));
            }
            if base != 0 && !(2..=36).contains(&base) {
                return Err(value_error(
                    "int() base must be >= 2 and <= 36, or 0".into(),
                ));
            }
            return self.int_from_str(value, base as u32);
        }
        match value {
            Value::Int(_) => Ok(value),
            Value::BigInt(index) => {
                let bits = self.heap.bigint(index).bits();
                self.charge_int_work(bits)?;
                Ok(value)
            }
            Value::Bool(b) => Ok(Value::Int(i64::from(b))),
            Value::Float(f) => {
                if f.abs() < 9.2e18 {
                    return Ok(Value::Int(f as i64));
                }
                let whole = float_to_bigint(f)?;
                self.make_int(whole)
            }
            Value::Str(_) => self.int_from_str(value, 10),
            other => Err(type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ))),
        }
    }

    fn int_from_str(&mut self, value: Value, base: u32) -> Result<Value, Exception> {
        let text = self.str_text(&value).unwrap_or("");
        self.charge_bytes(text.len())?;
        let text = self.str_text(&value).unwrap_or("");
        // CPython shows at most 200 characters of the repr (`%.200R`).
        let parsed = parse_int(text, base, || quoted(text).chars().take(200).collect())?;
        match parsed {
            ParsedInt::Small(i) => Ok(Value::Int(i)),
            ParsedInt::Big(big) => self.make_int(big),
        }
    }

    fn float_of(&mut self, value: Value) -> Result<Value, Exception> {
        match value {
            Value::Float(_) => Ok(value),
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                let float = self.number_as_float(value).unwrap_or(Ok(0.0))?;
                Ok(Value::Float(float))
            }
            Value::Str(_) => {
                let text = self.str_text(&value).unwrap_or("");
                self.charge_bytes(text.len())?;
                let text = self.str_text(&value).unwrap_or("");
                parse_float(text).map(Value::Float).ok_or_else(|| {
                    value_error(format!(
                        "could not convert string to float: {}",
                        quoted(text)
                    ))
                })
            }
            other => Err(type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                other.type_name()
            ))),
        }
    }

    /// Stores an integer without collecting (the caller collected for it).
    pub(crate) fn store_int(&mut self, value: BigInt) -> Result<Value, Exception> {
        match value.to_i64() {
            Some(small) => Ok(Value::Int(small)),
            None => Ok(Value::BigInt(self.heap.insert_bigint(value)?)),
        }
    }
}

/// `repr(text)` for error messages.
fn quoted(text: &str) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_str_repr(text, &mut out);
    out
}
