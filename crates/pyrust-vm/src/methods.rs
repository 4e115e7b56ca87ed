//! Methods of the builtin types (`xs.append(x)`, `s.upper()`, ...), with CPython's argument
//! rules and messages. Unicode character properties come from tables generated from CPython
//! 3.11 (`unicode_properties.rs`), or from Rust's own case functions where a generated check
//! (`case_exceptions.rs`) shows they agree with CPython; text outside both is refused rather
//! than guessed.

use pyrust_compiler::NameId;
use smallvec::SmallVec;

use crate::error::{Exception, ExceptionKind};
use crate::ops::type_error;
use crate::value::{
    in_ranges, is_ascii_python_space, is_printable, is_python_space, StrRef, Value,
};
use crate::vm::Machine;

/// A method PyRust does not have: refused when CPython has it (PyRust must not claim an
/// AttributeError CPython would not raise), otherwise CPython's AttributeError.
pub(crate) fn attribute_error(value: Value, name: &str) -> Exception {
    if let Value::Builtin(class) = value {
        // `str.join(...)`, `dict.fromkeys(...)`: attributes of classes and builtins.
        return Exception::new(
            ExceptionKind::NotImplementedError,
            format!(
                "attributes of builtins ({}.{name}) are not supported by PyRust yet",
                class.name()
            ),
        );
    }
    let type_name = value.type_name();
    if cpython_has_attribute(type_name, name) {
        return Exception::new(
            ExceptionKind::NotImplementedError,
            format!("{type_name}.{name} is not supported by PyRust yet"),
        );
    }
    Exception::new(
        ExceptionKind::AttributeError,
        format!("'{type_name}' object has no attribute '{name}'"),
    )
}

/// Whether CPython 3.11's `type_name` has an attribute `name` (its public ones, from
/// `dir()`; special `__names__` are all treated as present).
fn cpython_has_attribute(type_name: &str, name: &str) -> bool {
    if name.starts_with("__") && name.ends_with("__") {
        return true;
    }
    let names: &[&str] = match type_name {
        "str" => &[
            "capitalize",
            "casefold",
            "center",
            "count",
            "encode",
            "endswith",
            "expandtabs",
            "find",
            "format",
            "format_map",
            "index",
            "isalnum",
            "isalpha",
            "isascii",
            "isdecimal",
            "isdigit",
            "isidentifier",
            "islower",
            "isnumeric",
            "isprintable",
            "isspace",
            "istitle",
            "isupper",
            "join",
            "ljust",
            "lower",
            "lstrip",
            "maketrans",
            "partition",
            "removeprefix",
            "removesuffix",
            "replace",
            "rfind",
            "rindex",
            "rjust",
            "rpartition",
            "rsplit",
            "rstrip",
            "split",
            "splitlines",
            "startswith",
            "strip",
            "swapcase",
            "title",
            "translate",
            "upper",
            "zfill",
        ],
        "list" => &[
            "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove",
            "reverse", "sort",
        ],
        "tuple" => &["count", "index"],
        "dict" => &[
            "clear",
            "copy",
            "fromkeys",
            "get",
            "items",
            "keys",
            "pop",
            "popitem",
            "setdefault",
            "update",
            "values",
        ],
        "set" => &[
            "add",
            "clear",
            "copy",
            "difference",
            "difference_update",
            "discard",
            "intersection",
            "intersection_update",
            "isdisjoint",
            "issubset",
            "issuperset",
            "pop",
            "remove",
            "symmetric_difference",
            "symmetric_difference_update",
            "union",
            "update",
        ],
        "int" | "bool" => &[
            "as_integer_ratio",
            "bit_count",
            "bit_length",
            "conjugate",
            "denominator",
            "from_bytes",
            "imag",
            "numerator",
            "real",
            "to_bytes",
        ],
        "float" => &[
            "as_integer_ratio",
            "conjugate",
            "fromhex",
            "hex",
            "imag",
            "is_integer",
            "real",
        ],
        "range" => &["count", "index", "start", "step", "stop"],
        "dict_keys" | "dict_items" => &["isdisjoint", "mapping"],
        "dict_values" => &["mapping"],
        "generator" => &[
            "close",
            "gi_code",
            "gi_frame",
            "gi_running",
            "gi_suspended",
            "gi_yieldfrom",
            "send",
            "throw",
        ],
        "function" => &[],
        _ => &[],
    };
    names.contains(&name)
}

fn value_error(message: String) -> Exception {
    Exception::new(ExceptionKind::ValueError, message)
}

fn not_ascii(method: &str) -> Exception {
    Exception::new(
        ExceptionKind::NotImplementedError,
        format!("str.{method}() of non-ASCII text is not supported by PyRust yet"),
    )
}

/// `title`, `capitalize` or `swapcase` of non-ASCII text, as CPython 3.11 does them:
/// words start at a character that is not preceded by a cased one, the first character of
/// `capitalize` takes its titlecase. Refused where Rust's case mappings differ from
/// CPython's, and for text with a capital sigma, whose lowercase depends on the letters
/// around it (CPython's final-sigma rule).
fn non_ascii_case_change(text: &str, method: &str) -> Result<String, Exception> {
    use crate::unicode_properties::CASED;
    if !case_functions_agree(text) || text.contains('\u{3A3}') {
        return Err(not_ascii(method));
    }
    let mut result = String::with_capacity(text.len());
    let mut previous_cased = false;
    for (i, c) in text.chars().enumerate() {
        match method {
            "title" if previous_cased => result.extend(c.to_lowercase()),
            "title" => push_titlecase(&mut result, c),
            "capitalize" if i == 0 => push_titlecase(&mut result, c),
            "capitalize" => result.extend(c.to_lowercase()),
            _ if c.is_uppercase() => result.extend(c.to_lowercase()),
            _ if c.is_lowercase() => result.extend(c.to_uppercase()),
            _ => result.push(c),
        }
        previous_cased = in_ranges(CASED, c);
    }
    Ok(result)
}

/// The byte range of the first whitespace-separated word of ASCII `text` at or after `from`.
fn next_ascii_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let start = from
        + bytes
            .get(from..)?
            .iter()
            .position(|&b| !is_ascii_python_space(b))?;
    let len = bytes[start..]
        .iter()
        .position(|&b| is_ascii_python_space(b))
        .unwrap_or(bytes.len() - start);
    Some((start, start + len))
}

/// Whether Rust's case functions (`to_uppercase`, `to_lowercase`, `is_uppercase`,
/// `is_lowercase`) give CPython 3.11's
/// answers for every character of `text`: checked by brute force over all code points for
/// the toolchain's Unicode version (`scripts/gen_case_exceptions.py`); any other version
/// is trusted with ASCII only.
fn case_functions_agree(text: &str) -> bool {
    use crate::case_exceptions::{DIFFERING, RUST_UNICODE_VERSION};
    if text.is_ascii() {
        return true;
    }
    if char::UNICODE_VERSION != RUST_UNICODE_VERSION {
        return false;
    }
    text.chars()
        .all(|c| c.is_ascii() || !in_ranges(DIFFERING, c))
}

/// Appends CPython's `c.title()`: its uppercase except for the characters that have a
/// titlecase of their own (`ǆ` -> `ǅ`, `ß` -> `Ss`).
fn push_titlecase(out: &mut String, c: char) {
    use crate::unicode_properties::TITLE_NOT_UPPER;
    match TITLE_NOT_UPPER.binary_search_by(|&(k, _)| k.cmp(&c)) {
        Ok(at) => out.push_str(TITLE_NOT_UPPER[at].1),
        Err(_) => out.extend(c.to_uppercase()),
    }
}

/// Checks the argument count of `type.method`, CPython-style.
/// The optional `start` and `end` arguments (after the first) of a str search.
fn search_bounds(args: &[Value]) -> Result<(Option<i64>, Option<i64>), Exception> {
    let bound = |value: Option<&Value>| match value {
        None | Some(Value::None) => Ok(None),
        Some(&v) => v.as_int().map(Some).ok_or_else(|| {
            type_error("slice indices must be integers or None or have an __index__ method".into())
        }),
    };
    Ok((bound(args.get(1))?, bound(args.get(2))?))
}

/// CPython's `ADJUST_INDICES` for a text of `length` code points: negative indices count
/// from the end, `end` is clamped to the length and `start` is not clamped above.
fn adjust_indices(start: Option<i64>, end: Option<i64>, length: i64) -> (i64, i64) {
    let mut end = end.unwrap_or(length);
    if end > length {
        end = length;
    } else if end < 0 {
        end = (end + length).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + length).max(0);
    }
    (start, end)
}

/// Code point positions of a text: its byte offsets, kept only when it is not ASCII (for
/// ASCII text indices and offsets are the same).
struct CodePoints<'t> {
    text: &'t str,
    offsets: Vec<usize>,
}

impl<'t> CodePoints<'t> {
    fn new(text: &'t str) -> Self {
        let offsets = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(b, _)| b).collect()
        };
        CodePoints { text, offsets }
    }

    fn ascii(&self) -> bool {
        self.offsets.is_empty()
    }

    /// Number of code points.
    fn len(&self) -> i64 {
        if self.ascii() {
            self.text.len() as i64
        } else {
            self.offsets.len() as i64
        }
    }

    /// Byte offset of code point `index` (the text's length past the end).
    fn byte(&self, index: i64) -> usize {
        if self.ascii() {
            (index as usize).min(self.text.len())
        } else {
            self.offsets
                .get(index as usize)
                .copied()
                .unwrap_or(self.text.len())
        }
    }

    /// Code point index of byte offset `byte`.
    fn index(&self, byte: usize) -> i64 {
        if self.ascii() {
            byte as i64
        } else {
            self.offsets.partition_point(|&b| b < byte) as i64
        }
    }
}

/// CPython's "argument clinic" wording of a wrong argument count.
fn clinic_arity(method: &str, given: usize, min: usize, max: usize) -> Result<(), Exception> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if given < min {
        return Err(type_error(format!(
            "{method} expected at least {min} argument{}, got {given}",
            plural(min)
        )));
    }
    if given > max {
        return Err(type_error(format!(
            "{method} expected at most {max} argument{}, got {given}",
            plural(max)
        )));
    }
    Ok(())
}

fn arity(method: &str, given: usize, min: usize, max: usize) -> Result<(), Exception> {
    if given >= min && given <= max {
        return Ok(());
    }
    Err(type_error(match (min, max) {
        (0, 0) => format!("{method}() takes no arguments ({given} given)"),
        (a, b) if a == b => format!("{method}() takes exactly one argument ({given} given)"),
        (a, _) if given < a => format!(
            "{method}() takes at least {a} argument{} ({given} given)",
            if a == 1 { "" } else { "s" }
        ),
        (_, b) => format!(
            "{method}() takes at most {b} argument{} ({given} given)",
            if b == 1 { "" } else { "s" }
        ),
    }))
}

impl Machine {
    /// `obj.name(args...)` for the `argc` arguments at absolute register `args`.
    #[cold]
    #[inline(never)]
    pub(crate) fn call_method(
        &mut self,
        obj: Value,
        name: NameId,
        args: usize,
        argc: usize,
        keywords: &[NameId],
    ) -> Result<Value, Exception> {
        let program = self.program;
        let method = program.names.resolve(name);
        // The hottest methods first, without copying their arguments.
        if keywords.is_empty() {
            match obj {
                Value::List(_) if argc == 1 && method == "append" => {
                    let item = self.registers_at(args);
                    self.extend_list(obj, &[item])?;
                    return Ok(Value::None);
                }
                Value::Dict(dict) if (argc == 1 || argc == 2) && method == "get" => {
                    let key = self.registers_at(args);
                    return match self.dict_find(dict, key)? {
                        Some(entry) => {
                            Ok(self.dict_entry(dict, entry).map_or(Value::None, |(_, v)| v))
                        }
                        None if argc == 2 => Ok(self.registers_at(args + 1)),
                        None => Ok(Value::None),
                    };
                }
                _ => {}
            }
        }
        let values = self.argument_values(args, argc);
        if !keywords.is_empty() {
            let positional = argc - keywords.len();
            return match (obj, method) {
                (Value::List(list), "sort") => {
                    self.list_sort(list, &values[..positional], &values[positional..], keywords)
                }
                (Value::Str(s), "format") => {
                    let program = self.program;
                    let named: SmallVec<[(&str, Value); 4]> = keywords
                        .iter()
                        .map(|&k| program.names.resolve(k))
                        .zip(values[positional..].iter().copied())
                        .collect();
                    self.str_format(s, &values[..positional], &named)
                }
                (Value::Str(s), "splitlines") => {
                    self.splitlines(s, &values[..positional], &values[positional..], keywords)
                }
                _ => Err(Exception::new(
                    ExceptionKind::NotImplementedError,
                    format!(
                        "keyword arguments to {}.{method}() are not supported by PyRust yet",
                        obj.type_name()
                    ),
                )),
            };
        }
        match obj {
            Value::List(list) => self.list_method(obj, list, method, &values),
            Value::Tuple(_) => match method {
                "count" | "index" => self.sequence_search(obj, method, &values),
                _ => Err(attribute_error(obj, method)),
            },
            Value::Str(s) => self.str_method(obj, s, method, &values),
            Value::Dict(dict) => self.dict_method(obj, dict, method, &values),
            Value::Set(set) => self.set_method(obj, set, method, &values),
            other => Err(attribute_error(other, method)),
        }
    }

    /// Appends the items of any iterable to `list`: a snapshot first (so `xs.extend(xs)`
    /// doubles once), kept rooted while the list grows.
    pub(crate) fn list_extend_iterable(
        &mut self,
        list: Value,
        iterable: Value,
    ) -> Result<(), Exception> {
        let items = self.collect_to_list(iterable)?;
        self.side.scratch.push(Some(items));
        let snapshot: SmallVec<[Value; 8]> = self.items(items).iter().copied().collect();
        let extended = self.extend_list(list, &snapshot);
        self.side.scratch.pop();
        extended
    }

    fn list_method(
        &mut self,
        obj: Value,
        list: u32,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Exception> {
        match method {
            "append" => {
                arity("list.append", args.len(), 1, 1)?;
                self.extend_list(obj, args)?;
                Ok(Value::None)
            }
            "extend" => {
                arity("list.extend", args.len(), 1, 1)?;
                self.list_extend_iterable(obj, args[0])
                    .map(|()| Value::None)
            }
            "insert" => {
                if args.len() != 2 {
                    return Err(type_error(format!(
                        "insert expected 2 arguments, got {}",
                        args.len()
                    )));
                }
                let len = self.heap.list(list).len() as i64;
                let Some(position) = args[0].as_int() else {
                    return Err(type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        args[0].type_name()
                    )));
                };
                let position = if position < 0 {
                    (position + len).max(0)
                } else {
                    position.min(len)
                } as usize;
                self.reserve_list(list, 1)?;
                self.charge_bytes(len as usize * std::mem::size_of::<Value>())?;
                self.heap.list_mut(list).insert(position, args[1]);
                Ok(Value::None)
            }
            "pop" => {
                arity("pop", args.len(), 0, 1)?;
                let len = self.heap.list(list).len();
                if len == 0 {
                    return Err(Exception::new(
                        ExceptionKind::IndexError,
                        "pop from empty list".into(),
                    ));
                }
                let position = match args.first() {
                    None => len - 1,
                    Some(&index)
                        if index.as_int().is_some() || matches!(index, Value::BigInt(_)) =>
                    {
                        self.sequence_index("pop", len, index)?
                    }
                    Some(other) => {
                        return Err(type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.type_name()
                        )))
                    }
                };
                self.charge_bytes((len - position) * std::mem::size_of::<Value>())?;
                Ok(self.heap.list_mut(list).remove(position))
            }
            "remove" => {
                arity("list.remove", args.len(), 1, 1)?;
                let position = self.position_of(obj, args[0])?;
                match position {
                    Some(i) => {
                        self.heap.list_mut(list).remove(i);
                        Ok(Value::None)
                    }
                    None => Err(value_error("list.remove(x): x not in list".into())),
                }
            }
            "count" | "index" => self.sequence_search(obj, method, args),
            "sort" => self.list_sort(list, args, &[], &[]),
            "reverse" => {
                arity("list.reverse", args.len(), 0, 0)?;
                self.heap.list_mut(list).reverse();
                Ok(Value::None)
            }
            "clear" => {
                arity("list.clear", args.len(), 0, 0)?;
                self.heap.list_mut(list).clear();
                Ok(Value::None)
            }
            "copy" => {
                arity("list.copy", args.len(), 0, 0)?;
                let items: Vec<Value> = self.heap.list(list).to_vec();
                self.collect_if_needed(items.len() * std::mem::size_of::<Value>());
                self.new_sequence(true, &items)
            }
            _ => Err(attribute_error(obj, method)),
        }
    }

    /// The index of the first item equal to `item` (identity first, as CPython).
    fn position_of(&mut self, sequence: Value, item: Value) -> Result<Option<usize>, Exception> {
        let len = self.items(sequence).len();
        self.charge_bytes(std::mem::size_of_val(self.items(sequence)))?;
        for i in 0..len {
            let Some(&element) = self.items(sequence).get(i) else {
                break;
            };
            if self.equal(element, item)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    /// `count` and `index` of lists and tuples.
    fn sequence_search(
        &mut self,
        sequence: Value,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Exception> {
        let kind = sequence.type_name();
        if method == "count" {
            arity(&format!("{kind}.count"), args.len(), 1, 1)?;
            let len = self.items(sequence).len();
            self.charge_bytes(std::mem::size_of_val(self.items(sequence)))?;
            let mut count = 0;
            for i in 0..len {
                let Some(&element) = self.items(sequence).get(i) else {
                    break;
                };
                if self.equal(element, args[0])? {
                    count += 1;
                }
            }
            return Ok(Value::Int(count));
        }
        if args.len() != 1 {
            return Err(Exception::new(
                ExceptionKind::NotImplementedError,
                format!("{kind}.index() with start and stop is not supported by PyRust yet"),
            ));
        }
        match self.position_of(sequence, args[0])? {
            Some(i) => Ok(Value::Int(i as i64)),
            None if kind == "list" => {
                let mut text = String::new();
                self.write_repr(args[0], &mut text)?;
                Err(value_error(format!("{text} is not in list")))
            }
            None => Err(value_error("tuple.index(x): x not in tuple".into())),
        }
    }

    /// `separator.join(items)`: every item must be a str.
    fn join_strings(&mut self, separator: &str, items: &[Value]) -> Result<Value, Exception> {
        let mut total = 0usize;
        for (i, item) in items.iter().enumerate() {
            let Value::Str(part) = *item else {
                return Err(type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    item.type_name()
                )));
            };
            total = total.saturating_add(self.str_ref(&part).len());
        }
        total = total.saturating_add(
            separator
                .len()
                .saturating_mul(items.len().saturating_sub(1)),
        );
        let reference = self.alloc_str_with(total, |vm, out| {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(separator);
                }
                if let Value::Str(part) = *item {
                    out.push_str(vm.str_ref(&part));
                }
            }
        })?;
        Ok(Value::Str(reference))
    }

    /// A str argument; `what` names it in the TypeError (`replace() argument 1`).
    fn str_arg<'a>(&'a self, value: &'a Value, what: &str) -> Result<&'a str, Exception> {
        match value {
            Value::Str(s) => Ok(self.str_ref(s)),
            other => Err(type_error(format!(
                "{what} must be str, not {}",
                other.type_name()
            ))),
        }
    }

    fn str_method(
        &mut self,
        obj: Value,
        s: StrRef,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Exception> {
        let len = self.str_ref(&s).len();
        self.charge_bytes(len)?;
        match method {
            "upper" | "lower" => {
                arity(&format!("str.{method}"), args.len(), 0, 0)?;
                let text = self.str_ref(&s);
                if !case_functions_agree(text) {
                    return Err(not_ascii(method));
                }
                let result = if method == "upper" {
                    text.to_uppercase()
                } else {
                    text.to_lowercase()
                };
                self.new_str(&result)
            }
            "strip" | "lstrip" | "rstrip" => {
                arity(&format!("str.{method}"), args.len(), 0, 1)?;
                let chars: Option<SmallVec<[char; 8]>> = match args.first() {
                    None | Some(Value::None) => None,
                    Some(&Value::Str(chars)) => Some(self.str_ref(&chars).chars().collect()),
                    Some(_) => return Err(type_error(format!("{method} arg must be None or str"))),
                };
                let text = self.str_ref(&s);
                let matches = |c: char| match &chars {
                    Some(set) => set.contains(&c),
                    None => is_python_space(c),
                };
                let result = match method {
                    "strip" => text.trim_matches(matches),
                    "lstrip" => text.trim_start_matches(matches),
                    _ => text.trim_end_matches(matches),
                }
                .to_string();
                self.new_str(&result)
            }
            "partition" | "rpartition" => {
                arity(&format!("str.{method}"), args.len(), 1, 1)?;
                let Value::Str(sep) = args[0] else {
                    return Err(type_error(format!(
                        "must be str, not {}",
                        args[0].type_name()
                    )));
                };
                let (text, separator) = (self.str_ref(&s), self.str_ref(&sep));
                if separator.is_empty() {
                    return Err(value_error("empty separator".into()));
                }
                let found = if method == "partition" {
                    text.find(separator)
                } else {
                    text.rfind(separator)
                };
                let (text_len, separator_len) = (text.len(), separator.len());
                let (before, after) = match found {
                    Some(at) => (at, at + separator_len),
                    None if method == "partition" => (text_len, text_len),
                    None => (0, 0),
                };
                let middle = match found {
                    Some(_) => Value::Str(sep),
                    None => self.new_str("")?,
                };
                self.side.scratch.push(Some(middle));
                let first = if before == text_len && found.is_none() {
                    obj
                } else {
                    let piece = self.str_ref(&s)[..before].to_string();
                    self.new_str(&piece)?
                };
                self.side.scratch.push(Some(first));
                let last = if found.is_none() && method == "rpartition" {
                    obj
                } else {
                    let piece = self.str_ref(&s)[after..].to_string();
                    self.new_str(&piece)?
                };
                self.side.scratch.push(Some(last));
                let tuple = self.heap.insert_tuple(&[first, middle, last]);
                self.side.scratch.truncate(self.side.scratch.len() - 3);
                Ok(Value::Tuple(tuple?))
            }
            "removeprefix" | "removesuffix" => {
                arity(&format!("str.{method}"), args.len(), 1, 1)?;
                let Value::Str(affix) = args[0] else {
                    return Err(type_error(format!(
                        "{method}() argument must be str, not {}",
                        args[0].type_name()
                    )));
                };
                let (text, affix) = (self.str_ref(&s), self.str_ref(&affix));
                let kept = if method == "removeprefix" {
                    text.strip_prefix(affix)
                } else {
                    text.strip_suffix(affix)
                };
                match kept {
                    Some(kept) if !affix.is_empty() => {
                        let kept = kept.to_string();
                        self.new_str(&kept)
                    }
                    _ => Ok(obj),
                }
            }
            "isascii" => {
                arity("str.isascii", args.len(), 0, 0)?;
                Ok(Value::Bool(self.str_ref(&s).is_ascii()))
            }
            "startswith" | "endswith" => {
                clinic_arity(method, args.len(), 1, 3)?;
                let candidates: SmallVec<[Value; 4]> = match args[0] {
                    Value::Tuple(_) => self.items(args[0]).iter().copied().collect(),
                    other => SmallVec::from_slice(&[other]),
                };
                // The window `start..end` in code points, adjusted as CPython's tailmatch.
                let (start, end) = search_bounds(args)?;
                let text = self.str_ref(&s);
                let window = match (start, end) {
                    (None, None) => Some(text),
                    _ => {
                        let points = CodePoints::new(text);
                        let (start, end) = adjust_indices(start, end, points.len());
                        (start <= end).then(|| &text[points.byte(start)..points.byte(end)])
                    }
                };
                for candidate in candidates {
                    let Value::Str(affix) = candidate else {
                        return Err(type_error(format!(
                            "{method} first arg must be str or a tuple of str, not {}",
                            candidate.type_name()
                        )));
                    };
                    let affix = self.str_ref(&affix);
                    let Some(window) = window else {
                        continue;
                    };
                    let hit = if method == "startswith" {
                        window.starts_with(affix)
                    } else {
                        window.ends_with(affix)
                    };
                    if hit {
                        return Ok(Value::Bool(true));
                    }
                }
                Ok(Value::Bool(false))
            }
            "find" | "rfind" | "index" | "rindex" | "count" => {
                clinic_arity(method, args.len(), 1, 3)?;
                let Value::Str(needle) = args[0] else {
                    return Err(type_error(format!(
                        "must be str, not {}",
                        args[0].type_name()
                    )));
                };
                let (start, end) = search_bounds(args)?;
                let (text, needle) = (self.str_ref(&s), self.str_ref(&needle));
                let points = CodePoints::new(text);
                let (start, end) = adjust_indices(start, end, points.len());
                let (byte, to_index) = (|i| points.byte(i), |b| points.index(b));
                let needle_length = needle.chars().count() as i64;
                let found = if end - start < needle_length {
                    None
                } else {
                    let window = &text[byte(start)..byte(end)];
                    let offset = byte(start);
                    match method {
                        "count" => {
                            let count = if needle.is_empty() {
                                end - start + 1
                            } else {
                                window.matches(needle).count() as i64
                            };
                            return Ok(Value::Int(count));
                        }
                        "find" | "index" => window.find(needle).map(|b| to_index(offset + b)),
                        _ => window.rfind(needle).map(|b| to_index(offset + b)),
                    }
                };
                match (found, method) {
                    (Some(at), _) => Ok(Value::Int(at)),
                    (None, "count") => Ok(Value::Int(0)),
                    (None, "find" | "rfind") => Ok(Value::Int(-1)),
                    (None, _) => Err(value_error("substring not found".into())),
                }
            }
            "replace" => {
                clinic_arity("replace", args.len(), 2, 3)?;
                let old = self.str_arg(&args[0], "replace() argument 1")?.to_string();
                let new = self.str_arg(&args[1], "replace() argument 2")?.to_string();
                let limit = match args.get(2) {
                    None => None,
                    Some(value) => match value.as_int() {
                        Some(n) if n < 0 => None,
                        Some(n) => Some(n as usize),
                        None => {
                            return Err(type_error(format!(
                                "'{}' object cannot be interpreted as an integer",
                                value.type_name()
                            )))
                        }
                    },
                };
                if old.is_empty() {
                    return Err(Exception::new(
                        ExceptionKind::NotImplementedError,
                        "str.replace() with an empty pattern is not supported by PyRust yet".into(),
                    ));
                }
                let text = self.str_ref(&s);
                let occurrences = text.matches(old.as_str()).count();
                let replaced = limit.map_or(occurrences, |n| n.min(occurrences));
                let new_len = (text.len() - replaced * old.len())
                    .saturating_add(replaced.saturating_mul(new.len()));
                let reference = self.alloc_str_with(new_len, |vm, out| {
                    let text = vm.str_ref(&s);
                    match limit {
                        Some(n) => out.push_str(&text.replacen(old.as_str(), &new, n)),
                        None => out.push_str(&text.replace(old.as_str(), &new)),
                    }
                })?;
                Ok(Value::Str(reference))
            }
            "split" | "rsplit" => self.split(s, method, args),
            "splitlines" => self.splitlines(s, args, &[], &[]),
            "join" => {
                arity("str.join", args.len(), 1, 1)?;
                let separator = self.str_ref(&s).to_string();
                let parts = self.collect_to_list(args[0])?;
                self.side.scratch.push(Some(parts));
                let items: SmallVec<[Value; 8]> = self.items(parts).iter().copied().collect();
                let joined = self.join_strings(&separator, &items);
                self.side.scratch.pop();
                joined
            }
            "isprintable" => {
                arity("str.isprintable", args.len(), 0, 0)?;
                Ok(Value::Bool(self.str_ref(&s).chars().all(is_printable)))
            }
            "isdigit" | "isalpha" | "isspace" | "isupper" | "islower" | "isalnum" | "isdecimal"
            | "isnumeric" => {
                arity(&format!("str.{method}"), args.len(), 0, 0)?;
                let text = self.str_ref(&s);
                if !text.is_ascii() {
                    return self.non_ascii_predicate(text, method);
                }
                let bytes = text.as_bytes();
                let result = match method {
                    "isdigit" | "isdecimal" | "isnumeric" => {
                        !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit)
                    }
                    "isalpha" => !bytes.is_empty() && bytes.iter().all(u8::is_ascii_alphabetic),
                    "isalnum" => !bytes.is_empty() && bytes.iter().all(u8::is_ascii_alphanumeric),
                    "isspace" => !bytes.is_empty() && text.chars().all(is_python_space),
                    "isupper" => {
                        bytes.iter().any(u8::is_ascii_uppercase)
                            && !bytes.iter().any(u8::is_ascii_lowercase)
                    }
                    _ => {
                        bytes.iter().any(u8::is_ascii_lowercase)
                            && !bytes.iter().any(u8::is_ascii_uppercase)
                    }
                };
                Ok(Value::Bool(result))
            }
            "title" | "capitalize" | "swapcase" => {
                arity(&format!("str.{method}"), args.len(), 0, 0)?;
                let text = self.str_ref(&s);
                if !text.is_ascii() {
                    let changed = non_ascii_case_change(text, method)?;
                    return self.new_str(&changed);
                }
                let mut result = String::with_capacity(text.len());
                let mut previous_cased = false;
                for (i, c) in text.chars().enumerate() {
                    let converted = match method {
                        "title" => {
                            if previous_cased {
                                c.to_ascii_lowercase()
                            } else {
                                c.to_ascii_uppercase()
                            }
                        }
                        "capitalize" => {
                            if i == 0 {
                                c.to_ascii_uppercase()
                            } else {
                                c.to_ascii_lowercase()
                            }
                        }
                        _ if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
                        _ => c.to_ascii_uppercase(),
                    };
                    previous_cased = c.is_ascii_alphabetic();
                    result.push(converted);
                }
                self.new_str(&result)
            }
            "zfill" | "center" | "ljust" | "rjust" => self.pad(s, method, args),
            // Keyword arguments will come through here once CallMethod carries them.
            "format" => self.str_format(s, args, &[]),
            _ => Err(attribute_error(obj, method)),
        }
    }

    /// The predicates on non-ASCII text, from CPython's tables.
    fn non_ascii_predicate(&self, text: &str, method: &str) -> Result<Value, Exception> {
        use crate::unicode_properties::{
            ALPHA, DECIMAL, DIGIT, LOWER, NUMERIC, SPACE, TITLECASE, UPPER,
        };
        // Non-ASCII text is never empty.
        let all = |table| text.chars().all(|c| in_ranges(table, c));
        let cased_as = |case, other| {
            !text
                .chars()
                .any(|c| in_ranges(other, c) || in_ranges(TITLECASE, c))
                && text.chars().any(|c| in_ranges(case, c))
        };
        let result = match method {
            "isalpha" => all(ALPHA),
            // CPython's isalnum: alpha, decimal, digit or numeric (the last includes both).
            "isalnum" => text
                .chars()
                .all(|c| in_ranges(ALPHA, c) || in_ranges(NUMERIC, c)),
            "isdigit" => all(DIGIT),
            "isdecimal" => all(DECIMAL),
            "isnumeric" => all(NUMERIC),
            "isspace" => all(SPACE),
            "isupper" => cased_as(UPPER, LOWER),
            "islower" => cased_as(LOWER, UPPER),
            _ => return Err(not_ascii(method)),
        };
        Ok(Value::Bool(result))
    }

    fn split(&mut self, s: StrRef, method: &str, args: &[Value]) -> Result<Value, Exception> {
        arity(&format!("str.{method}"), args.len(), 0, 2)?;
        let separator = match args.first() {
            None | Some(Value::None) => None,
            Some(&Value::Str(sep)) => {
                if self.str_ref(&sep).is_empty() {
                    return Err(value_error("empty separator".into()));
                }
                Some(sep)
            }
            Some(other) => {
                return Err(type_error(format!(
                    "must be str or None, not {}",
                    other.type_name()
                )))
            }
        };
        let max_splits = match args.get(1) {
            None => usize::MAX,
            Some(value) => match value.as_int() {
                Some(n) if n < 0 => usize::MAX,
                Some(n) => n as usize,
                None => {
                    return Err(type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        value.type_name()
                    )))
                }
            },
        };
        let text = self.str_ref(&s);
        if separator.is_none() && max_splits == usize::MAX && text.is_ascii() {
            // Made straight into the list (grown as it goes): no table of a million ranges.
            return self.str_pieces_with(s, 0, next_ascii_word);
        }
        let forward = method == "split";
        // Pieces as byte ranges of `text`, in order.
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        match separator {
            Some(sep) => {
                let sep = self.str_ref(&sep);
                if forward {
                    let mut start = 0;
                    for (at, _) in text.match_indices(sep) {
                        if pieces.len() == max_splits {
                            break;
                        }
                        pieces.push((start, at));
                        start = at + sep.len();
                    }
                    pieces.push((start, text.len()));
                } else {
                    let mut end = text.len();
                    for (at, _) in text.rmatch_indices(sep) {
                        if pieces.len() == max_splits {
                            break;
                        }
                        pieces.push((at + sep.len(), end));
                        end = at;
                    }
                    pieces.push((0, end));
                    pieces.reverse();
                }
            }
            None => {
                // Runs of whitespace separate; leading and trailing whitespace is ignored.
                let words: Vec<(usize, usize)> = {
                    let mut words = Vec::new();
                    let mut start = None;
                    for (i, c) in text.char_indices() {
                        if is_python_space(c) {
                            if let Some(begin) = start.take() {
                                words.push((begin, i));
                            }
                        } else if start.is_none() {
                            start = Some(i);
                        }
                    }
                    if let Some(begin) = start {
                        words.push((begin, text.len()));
                    }
                    words
                };
                if words.len() <= max_splits {
                    pieces = words;
                } else if forward {
                    // The rest after the last split keeps its trailing whitespace.
                    pieces.extend_from_slice(&words[..max_splits]);
                    pieces.push((words[max_splits].0, text.len()));
                } else {
                    // ... and for rsplit, its leading whitespace.
                    let keep = words.len() - max_splits;
                    pieces.push((0, words[keep - 1].1));
                    pieces.extend_from_slice(&words[keep..]);
                }
            }
        }
        self.str_pieces(s, &pieces)
    }

    /// A new list of the substrings `start..end` (byte ranges) of `s`.
    fn str_pieces(&mut self, s: StrRef, pieces: &[(usize, usize)]) -> Result<Value, Exception> {
        let mut next = pieces.iter().copied();
        self.str_pieces_with(s, pieces.len(), |_, _| next.next())
    }

    /// A new list of the substrings of `s` that `next(text, end of the last piece)` gives by
    /// byte range until it returns `None`; room for `count` of them is made first.
    fn str_pieces_with(
        &mut self,
        s: StrRef,
        count: usize,
        mut next: impl FnMut(&str, usize) -> Option<(usize, usize)>,
    ) -> Result<Value, Exception> {
        let bytes = count.saturating_mul(std::mem::size_of::<Value>() + 24);
        self.collect_if_needed(bytes);
        if !self.heap.would_fit(bytes) {
            return Err(Exception::new(ExceptionKind::MemoryError, String::new()));
        }
        // The result list is built first and filled as the strings are made, so every
        // piece is reachable from a root when a collection runs.
        self.collect_if_needed(count * std::mem::size_of::<Value>());
        let list = self.heap.insert_list(&[])?;
        let result = Value::List(list);
        self.side.scratch.push(Some(result));
        let outcome = (|| {
            self.reserve_list(list, count)?;
            let (mut end, mut done) = (0, false);
            while !done {
                // Short pieces are made in batches, the text looked up once per batch; a
                // long one ends its batch and goes to the heap.
                let mut batch = [Value::None; 24];
                let (mut filled, mut long) = (0, None);
                let text = self.str_ref(&s);
                while filled < batch.len() {
                    let Some((start, stop)) = next(text, end) else {
                        done = true;
                        break;
                    };
                    end = stop;
                    match StrRef::inline(&text[start..stop]) {
                        Some(piece) => {
                            batch[filled] = Value::Str(piece);
                            filled += 1;
                        }
                        None => {
                            long = Some((start, stop));
                            break;
                        }
                    }
                }
                self.extend_list(result, &batch[..filled])?;
                if let Some((start, stop)) = long {
                    let piece = self.substring(&s, start, stop)?;
                    self.extend_list(result, &[Value::Str(piece)])?;
                }
            }
            Ok(result)
        })();
        self.side.scratch.pop();
        outcome
    }

    /// `s.splitlines(keepends)`, at CPython's line boundaries.
    fn splitlines(
        &mut self,
        s: StrRef,
        positional: &[Value],
        keyword_values: &[Value],
        keywords: &[NameId],
    ) -> Result<Value, Exception> {
        let given = positional.len() + keywords.len();
        if given > 1 {
            let kind = if positional.is_empty() {
                " keyword"
            } else {
                ""
            };
            return Err(type_error(format!(
                "splitlines() takes at most 1{kind} argument ({given} given)"
            )));
        }
        if let Some(&keyword) = keywords.first() {
            let name = self.program.names.resolve(keyword);
            if name != "keepends" {
                return Err(type_error(format!(
                    "'{name}' is an invalid keyword argument for splitlines()"
                )));
            }
        }
        let keepends = match positional.first().or(keyword_values.first()) {
            None => false,
            Some(Value::BigInt(_)) => {
                return Err(Exception::new(
                    ExceptionKind::OverflowError,
                    "Python int too large to convert to C int".into(),
                ))
            }
            Some(&value) => match value.as_int() {
                Some(n) if i32::try_from(n).is_err() => {
                    return Err(Exception::new(
                        ExceptionKind::OverflowError,
                        "Python int too large to convert to C int".into(),
                    ))
                }
                Some(n) => n != 0,
                None => {
                    return Err(type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        value.type_name()
                    )))
                }
            },
        };
        let text = self.str_ref(&s);
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let boundary_len = match c {
                '\r' if matches!(chars.peek(), Some(&(_, '\n'))) => {
                    chars.next();
                    2
                }
                '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}'
                | '\u{2028}' | '\u{2029}' => c.len_utf8(),
                _ => continue,
            };
            let end = at + boundary_len;
            pieces.push((start, if keepends { end } else { at }));
            start = end;
        }
        if start < text.len() {
            pieces.push((start, text.len()));
        }
        self.str_pieces(s, &pieces)
    }

    fn pad(&mut self, s: StrRef, method: &str, args: &[Value]) -> Result<Value, Exception> {
        if method == "zfill" {
            arity("str.zfill", args.len(), 1, 1)?;
        } else {
            clinic_arity(method, args.len(), 1, 2)?;
        }
        let Some(width) = args[0].as_int() else {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                args[0].type_name()
            )));
        };
        let fill = match args.get(1) {
            None => ' ',
            Some(&Value::Str(f)) => {
                let mut chars = self.str_ref(&f).chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => c,
                    _ => {
                        return Err(type_error(
                            "The fill character must be exactly one character long".into(),
                        ))
                    }
                }
            }
            Some(other) => {
                return Err(type_error(format!(
                    "The fill character must be a unicode character, not {}",
                    other.type_name()
                )))
            }
        };
        let length = self.str_char_count(s);
        let width = usize::try_from(width).unwrap_or(0);
        if width <= length {
            return Ok(Value::Str(s));
        }
        let padding = width - length;
        let (left, right) = match method {
            "ljust" => (0, padding),
            "rjust" | "zfill" => (padding, 0),
            // CPython's centring puts the extra character on the left when the width is odd.
            _ => {
                let left = padding / 2 + (padding & width & 1);
                (left, padding - left)
            }
        };
        let bytes = self
            .str_ref(&s)
            .len()
            .saturating_add(padding.saturating_mul(fill.len_utf8()));
        let reference = self.alloc_str_with(bytes, |vm, out| {
            let text = vm.str_ref(&s);
            if method == "zfill" {
                let (sign, digits) = match text.as_bytes().first() {
                    Some(b'+' | b'-') => text.split_at(1),
                    _ => ("", text),
                };
                out.push_str(sign);
                out.extend(std::iter::repeat_n('0', left));
                out.push_str(digits);
            } else {
                out.extend(std::iter::repeat_n(fill, left));
                out.push_str(text);
                out.extend(std::iter::repeat_n(fill, right));
            }
        })?;
        Ok(Value::Str(reference))
    }
}

impl Machine {
    /// `list.sort(*, key=None, reverse=False)`. While it sorts, the list is empty (as in
    /// CPython), so a key function that changes it is detected.
    fn list_sort(
        &mut self,
        list: u32,
        positional: &[Value],
        keyword_values: &[Value],
        keywords: &[NameId],
    ) -> Result<Value, Exception> {
        if !positional.is_empty() {
            return Err(type_error("sort() takes no positional arguments".into()));
        }
        if keywords.len() > 2 {
            return Err(type_error(format!(
                "sort() takes at most 2 keyword arguments ({} given)",
                keywords.len()
            )));
        }
        let (mut key, mut reverse) = (None, false);
        for (&keyword, &value) in keywords.iter().zip(keyword_values) {
            match self.program.names.resolve(keyword) {
                "key" => key = Some(value).filter(|k| !matches!(k, Value::None)),
                "reverse" => reverse = crate::builtins::sort_reverse_flag(value)?,
                other => {
                    return Err(type_error(format!(
                        "'{other}' is an invalid keyword argument for sort()"
                    )))
                }
            }
        }
        // Sort a private copy (rooted), then put it back.
        let items = self.heap.list(list).to_vec();
        self.collect_if_needed(std::mem::size_of_val(items.as_slice()) + 32);
        let working = self.heap.insert_list(&items)?;
        self.heap.list_mut(list).clear();
        let mark = self.side.scratch.len();
        self.side.scratch.push(Some(Value::List(working)));
        let sorted = self.sort_list(Value::List(working), key, reverse);
        self.side.scratch.truncate(mark);
        let modified = !self.heap.list(list).is_empty();
        // Copied back into the list's own storage (its capacity was kept by `clear`).
        let sorted_items = std::mem::take(self.heap.list_mut(working));
        let target = self.heap.list_mut(list);
        target.clear();
        target.extend_from_slice(&sorted_items);
        *self.heap.list_mut(working) = sorted_items;
        sorted?;
        if modified {
            return Err(Exception::new(
                ExceptionKind::ValueError,
                "list modified during sort".into(),
            ));
        }
        Ok(Value::None)
    }
}
