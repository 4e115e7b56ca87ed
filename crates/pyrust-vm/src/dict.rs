//! Dicts: insertion-ordered entries with an index by hash, keys compared with Python's `==`
//! (so `1`, `1.0` and `True` are one key), CPython's `KeyError`/`TypeError` messages, views,
//! and iteration that detects a dict changing size.

use smallvec::SmallVec;

use crate::error::{Exception, ExceptionKind};
use crate::heap::DICT_ENTRY_COST;
use crate::ops::type_error;
use crate::value::{DictViewKind, Value};
use crate::vm::Machine;

/// Position of a dict iteration: entry index in the low 32 bits, the dict's size when the
/// iteration started plus one above them (a change in size is CPython's RuntimeError); 0
/// for an iteration not started yet (a `for` loop records the size at its first step).
pub(crate) fn pack_position(index: usize, len: usize) -> Value {
    Value::Int((((len as i64) + 1) << 32) | index as i64)
}

impl Machine {
    /// A hash consistent with `==` (CPython's, see `set.rs`), as the dict index's key.
    #[inline]
    pub(crate) fn hash_value(&mut self, value: Value) -> Result<u64, Exception> {
        // The common key, a short str, without the general hash's dispatch.
        if let Value::Str(s) = &value {
            if let Some(text) = s.inline_text() {
                return Ok(crate::set::str_hash(text) as u64);
            }
        }
        self.python_hash(value).map(|hash| hash as u64)
    }

    /// The entry index of `key` in dict `dict`.
    pub(crate) fn dict_find(&mut self, dict: u32, key: Value) -> Result<Option<u32>, Exception> {
        let hash = self.hash_value(key)?;
        self.dict_find_hashed(dict, key, hash)
    }

    /// `dict_find` with the key's hash already computed.
    fn dict_find_hashed(
        &mut self,
        dict: u32,
        key: Value,
        hash: u64,
    ) -> Result<Option<u32>, Exception> {
        if let Value::Str(k) = key {
            if k.inline_text().is_some() {
                // Short text is always inline: only the same inline str is equal.
                let Some(d) = self.heap.dict(dict) else {
                    return Ok(None);
                };
                let found = d.index.get(&hash).and_then(|candidates| {
                    candidates.iter().copied().find(|&entry| {
                        matches!(d.entries.get(entry as usize),
                            Some(Some((Value::Str(existing), _))) if *existing == k)
                    })
                });
                return Ok(found);
            }
        }
        if !matches!(key, Value::Tuple(_)) {
            // A hashable key other than a tuple compares with `scalar_equal`, which cannot
            // fail or run code: look through the candidates in place.
            let Some(d) = self.heap.dict(dict) else {
                return Ok(None);
            };
            let Some(candidates) = d.index.get(&hash) else {
                return Ok(None);
            };
            for &entry in candidates {
                if let Some(Some((existing, _))) = d.entries.get(entry as usize) {
                    if self.scalar_equal(*existing, key) {
                        return Ok(Some(entry));
                    }
                }
            }
            return Ok(None);
        }
        let candidates: SmallVec<[u32; 2]> = match self.heap.dict(dict) {
            Some(d) => d
                .index
                .get(&hash)
                .map_or(SmallVec::new(), |c| c.iter().copied().collect()),
            None => return Ok(None),
        };
        for entry in candidates {
            let Some((existing, _)) = self.dict_entry(dict, entry) else {
                continue;
            };
            if self.equal(existing, key)? {
                return Ok(Some(entry));
            }
        }
        Ok(None)
    }

    pub(crate) fn dict_entry(&self, dict: u32, entry: u32) -> Option<(Value, Value)> {
        self.heap
            .dict(dict)
            .and_then(|d| d.entries.get(entry as usize).copied().flatten())
    }

    /// `d[key]`: the value, or CPython's `KeyError` (its message is the key's repr).
    pub(crate) fn dict_get(&mut self, dict: u32, key: Value) -> Result<Value, Exception> {
        match self.dict_find(dict, key)? {
            Some(entry) => Ok(self.dict_entry(dict, entry).map_or(Value::None, |(_, v)| v)),
            None => Err(self.key_error(key)),
        }
    }

    pub(crate) fn key_error(&self, key: Value) -> Exception {
        let mut text = String::new();
        if self.write_repr(key, &mut text).is_err() {
            text = key.type_name().to_string();
        }
        Exception::new(ExceptionKind::KeyError, text)
    }

    /// `d[key] = value`: an existing key keeps its place (and its original key object).
    pub(crate) fn dict_set(
        &mut self,
        dict: u32,
        key: Value,
        value: Value,
    ) -> Result<(), Exception> {
        let hash = self.hash_value(key)?;
        if let Some(entry) = self.dict_find_hashed(dict, key, hash)? {
            if let Some(d) = self.heap.dict_mut(dict) {
                if let Some(Some(slot)) = d.entries.get_mut(entry as usize) {
                    slot.1 = value;
                }
            }
            return Ok(());
        }
        self.collect_if_needed(DICT_ENTRY_COST);
        self.heap.dict_reserve(dict, 1)?;
        let Some(d) = self.heap.dict_mut(dict) else {
            return Ok(());
        };
        let entry = d.entries.len() as u32;
        d.entries.push(Some((key, value)));
        d.index.entry(hash).or_default().push(entry);
        d.len += 1;
        Ok(())
    }

    /// Removes `key`; returns its value if it was there.
    pub(crate) fn dict_remove(
        &mut self,
        dict: u32,
        key: Value,
    ) -> Result<Option<Value>, Exception> {
        let Some(entry) = self.dict_find(dict, key)? else {
            return Ok(None);
        };
        let hash = self.hash_value(key)?;
        let Some(d) = self.heap.dict_mut(dict) else {
            return Ok(None);
        };
        let removed = d.entries[entry as usize].take().map(|(_, v)| v);
        if let Some(list) = d.index.get_mut(&hash) {
            list.retain(|e| *e != entry);
            if list.is_empty() {
                d.index.remove(&hash);
            }
        }
        d.len -= 1;
        // Compact once half the entries are holes, so iteration stays linear in the size.
        // (An iteration in progress sees the size change and stops with RuntimeError.)
        if d.entries.len() > 16 && d.len * 2 < d.entries.len() {
            let live: Vec<(Value, Value)> = d.entries.iter().flatten().copied().collect();
            let mut hashes = Vec::with_capacity(live.len());
            for &(key, _) in &live {
                hashes.push(self.hash_value(key)?);
            }
            if let Some(d) = self.heap.dict_mut(dict) {
                d.entries.clear();
                d.index.clear();
                for (i, (&(key, value), hash)) in live.iter().zip(hashes).enumerate() {
                    d.entries.push(Some((key, value)));
                    d.index.entry(hash).or_default().push(i as u32);
                }
            }
        }
        Ok(removed)
    }

    pub(crate) fn dict_len(&self, dict: u32) -> usize {
        self.heap.dict(dict).map_or(0, |d| d.len)
    }

    /// The live `(key, value)` entries, in order.
    pub(crate) fn dict_entries(&self, dict: u32) -> SmallVec<[(Value, Value); 8]> {
        self.heap
            .dict(dict)
            .map(|d| d.entries.iter().flatten().copied().collect())
            .unwrap_or_default()
    }

    /// A new dict holding the `count` key/value register pairs from absolute index `first`.
    pub(crate) fn build_dict(&mut self, first: usize, pairs: usize) -> Result<Value, Exception> {
        self.collect_if_needed(pairs * DICT_ENTRY_COST + 64);
        let dict = self.heap.insert_dict()?;
        let result = Value::Dict(dict);
        self.side.scratch.push(Some(result));
        let outcome = (|| {
            let values = self.argument_values(first, pairs * 2);
            for pair in values.chunks(2) {
                self.dict_set(dict, pair[0], pair[1])?;
            }
            Ok(result)
        })();
        self.side.scratch.pop();
        outcome
    }

    /// The next item of a `for` loop over a dict or a view (see [`pack_position`]).
    pub(crate) fn dict_next(
        &mut self,
        dict: u32,
        kind: DictViewKind,
        position: i64,
    ) -> Result<Option<(Value, Value)>, Exception> {
        let (mut index, started_len) = (
            (position & 0xffff_ffff) as usize,
            ((position >> 32) as usize).saturating_sub(1),
        );
        let current_len = self.dict_len(dict);
        let len = if position == 0 {
            current_len
        } else {
            started_len
        };
        if current_len != len {
            return Err(Exception::new(
                ExceptionKind::RuntimeError,
                "dictionary changed size during iteration".into(),
            ));
        }
        loop {
            let Some(slot) = self
                .heap
                .dict(dict)
                .and_then(|d| d.entries.get(index).copied())
            else {
                return Ok(None);
            };
            index += 1;
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
            return Ok(Some((item, pack_position(index, len))));
        }
    }

    /// Methods of dicts.
    pub(crate) fn dict_method(
        &mut self,
        obj: Value,
        dict: u32,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Exception> {
        let arity = |min: usize, max: usize| -> Result<(), Exception> {
            if args.len() < min || args.len() > max {
                let expected = if min == max {
                    format!("dict.{method}() takes no arguments ({} given)", args.len())
                } else if args.len() < min {
                    format!(
                        "{method} expected at least {min} argument, got {}",
                        args.len()
                    )
                } else {
                    format!(
                        "{method} expected at most {max} argument{}, got {}",
                        if max == 1 { "" } else { "s" },
                        args.len()
                    )
                };
                return Err(type_error(expected));
            }
            Ok(())
        };
        match method {
            "get" => {
                arity(1, 2)?;
                match self.dict_find(dict, args[0])? {
                    Some(entry) => Ok(self.dict_entry(dict, entry).map_or(Value::None, |(_, v)| v)),
                    None => Ok(args.get(1).copied().unwrap_or(Value::None)),
                }
            }
            "keys" | "values" | "items" => {
                arity(0, 0)?;
                let kind = match method {
                    "keys" => DictViewKind::Keys,
                    "values" => DictViewKind::Values,
                    _ => DictViewKind::Items,
                };
                Ok(Value::DictView(dict, kind))
            }
            "pop" => {
                arity(1, 2)?;
                match self.dict_remove(dict, args[0])? {
                    Some(value) => Ok(value),
                    None => match args.get(1) {
                        Some(&default) => Ok(default),
                        None => Err(self.key_error(args[0])),
                    },
                }
            }
            "setdefault" => {
                arity(1, 2)?;
                if let Some(entry) = self.dict_find(dict, args[0])? {
                    return Ok(self.dict_entry(dict, entry).map_or(Value::None, |(_, v)| v));
                }
                let default = args.get(1).copied().unwrap_or(Value::None);
                self.dict_set(dict, args[0], default)?;
                Ok(default)
            }
            "update" => {
                arity(0, 1)?;
                if let Some(&other) = args.first() {
                    self.dict_update(dict, other)?;
                }
                Ok(Value::None)
            }
            "copy" => {
                arity(0, 0)?;
                self.dict_copy(dict)
            }
            "clear" => {
                arity(0, 0)?;
                if let Some(d) = self.heap.dict_mut(dict) {
                    d.entries.clear();
                    d.index.clear();
                    d.len = 0;
                }
                Ok(Value::None)
            }
            _ => Err(crate::methods::attribute_error(obj, method)),
        }
    }

    pub(crate) fn dict_copy(&mut self, dict: u32) -> Result<Value, Exception> {
        let entries = self.dict_entries(dict);
        self.collect_if_needed(entries.len() * DICT_ENTRY_COST + 64);
        let copy = self.heap.insert_dict()?;
        let result = Value::Dict(copy);
        self.side.scratch.push(Some(result));
        let outcome = (|| {
            for (k, v) in entries {
                self.dict_set(copy, k, v)?;
            }
            Ok(result)
        })();
        self.side.scratch.pop();
        outcome
    }

    /// `d.update(other)`: another dict, or an iterable of key/value pairs.
    pub(crate) fn dict_update(&mut self, dict: u32, other: Value) -> Result<(), Exception> {
        if let Value::Dict(source) = other {
            for (k, v) in self.dict_entries(source) {
                self.dict_set(dict, k, v)?;
            }
            return Ok(());
        }
        let pairs = self.collect_to_list(other)?;
        self.side.scratch.push(Some(pairs));
        let outcome = (|| {
            let mut i = 0;
            while let Some(&pair) = self.items(pairs).get(i) {
                let (Value::Tuple(_) | Value::List(_)) = pair else {
                    return Err(type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    )));
                };
                let items = self.items(pair);
                if items.len() != 2 {
                    return Err(Exception::new(
                        ExceptionKind::ValueError,
                        format!(
                            "dictionary update sequence element #{i} has length {}; 2 is required",
                            items.len()
                        ),
                    ));
                }
                let (k, v) = (items[0], items[1]);
                self.dict_set(dict, k, v)?;
                i += 1;
            }
            Ok(())
        })();
        self.side.scratch.pop();
        outcome
    }
}
