//! Sets, laid out exactly as CPython 3.11's `Objects/setobject.c` lays them out, so that
//! iterating or printing a set gives CPython's order: an open-addressing table (size a power
//! of two, at least 8) probed linearly `LINEAR_PROBES` slots then by perturbation, dummy
//! slots left by removals, the 60% fill rule for growth, `pop`'s finger, and each operation
//! (`|`, `&`, `-`, `^`, `copy`, `update`, ...) building its result the way CPython's does.
//!
//! Also CPython's hash function for the types whose hash is not randomised or address-based
//! (`int`, `bool`, `float`, tuples of those), which dicts use as well. Tuples are hashed with
//! an explicit stack, so nesting depth cannot overflow the native stack.

use num_traits::{Signed, ToPrimitive};

use crate::error::{Exception, ExceptionKind};
use crate::heap::{SetSlot, SET_MIN_SIZE};
use crate::ops::type_error;
use crate::value::Value;
use crate::vm::Machine;

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
/// CPython's modulus for numeric hashes (2**61 - 1): equal numbers hash equally.
const MODULUS: u64 = (1 << 61) - 1;
const HASH_BITS: u32 = 61;
const HASH_INF: i64 = 314_159;
const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// Steps of work charged per item added to or looked up in a set (as bytes of string work).
const ITEM_WORK: usize = 64;

/// CPython's `hash(n)` for an `int` in 64 bits: `n mod (2**61 - 1)` with the sign of `n`,
/// and `-1` (reserved for errors) becomes `-2`.
pub(crate) fn hash_int(value: i64) -> i64 {
    let magnitude = (value.unsigned_abs() % MODULUS) as i64;
    fix_minus_one(if value < 0 { -magnitude } else { magnitude })
}

/// CPython's `_Py_HashDouble`: integral floats hash like the equal int. (NaN hashes by
/// address in CPython; any value will do.)
pub(crate) fn hash_float(value: f64) -> i64 {
    if !value.is_finite() {
        return match value {
            v if v == f64::INFINITY => HASH_INF,
            v if v == f64::NEG_INFINITY => -HASH_INF,
            _ => 0,
        };
    }
    let (mut mantissa, mut exponent) = frexp(value);
    let mut sign = 1i64;
    if mantissa < 0.0 {
        sign = -1;
        mantissa = -mantissa;
    }
    let mut x: u64 = 0;
    while mantissa != 0.0 {
        x = ((x << 28) & MODULUS) | x >> (HASH_BITS - 28);
        mantissa *= 268_435_456.0;
        exponent -= 28;
        let y = mantissa as u64;
        mantissa -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let bits = HASH_BITS as i32;
    let exponent = if exponent >= 0 {
        exponent % bits
    } else {
        bits - 1 - ((-1 - exponent) % bits)
    } as u32;
    x = ((x << exponent) & MODULUS) | x >> (HASH_BITS - exponent);
    fix_minus_one((x as i64).wrapping_mul(sign))
}

/// The hash of a str (FNV-1a; CPython's own is randomised per process, so no program can
/// rely on it).
#[inline]
pub(crate) fn str_hash(text: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in text.as_bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
    }
    fix_minus_one(hash as i64)
}

fn fix_minus_one(hash: i64) -> i64 {
    if hash == -1 {
        -2
    } else {
        hash
    }
}

/// C's `frexp`: `value = mantissa * 2**exponent` with `0.5 <= |mantissa| < 1`.
fn frexp(value: f64) -> (f64, i32) {
    if value == 0.0 || !value.is_finite() {
        return (value, 0);
    }
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        // Subnormal: scale into the normal range first.
        let (mantissa, exponent) = frexp(value * f64::from_bits(0x4350_0000_0000_0000));
        return (mantissa, exponent - 54);
    }
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, biased - 1022)
}

/// One item of CPython 3.11's xxHash-based `tuplehash`.
fn tuple_hash_add(acc: u64, lane: i64) -> u64 {
    acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2))
        .rotate_left(31)
        .wrapping_mul(XXPRIME_1)
}

fn tuple_hash_finish(acc: u64, len: usize) -> i64 {
    let acc = acc.wrapping_add(len as u64 ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        1_546_275_796
    } else {
        acc as i64
    }
}

/// Places a key known to be absent (CPython's `set_insert_clean`).
fn insert_clean(table: &mut [SetSlot], key: Value, hash: i64) {
    let mask = table.len() - 1;
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        if let Some(slot) = table[i..=i + probes]
            .iter_mut()
            .find(|slot| matches!(slot, SetSlot::Unused))
        {
            *slot = SetSlot::Active { key, hash };
            return;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

/// Where a probe for a key ended.
enum Probe {
    Found(usize),
    /// Not there: the first unused slot on its path, and the last dummy before it (where
    /// CPython 3.11 puts a new key).
    Missing {
        unused: usize,
        free: Option<usize>,
    },
}

/// Position of a `for` loop over a set: table index in the low 32 bits, the set's size when
/// the loop started plus one above them (a change in size is CPython's RuntimeError); 0 for
/// a loop not started yet.
pub(crate) fn pack_position(index: usize, len: usize) -> Value {
    Value::Int((((len as i64) + 1) << 32) | index as i64)
}

#[cold]
fn memory_error() -> Exception {
    Exception::new(ExceptionKind::MemoryError, String::new())
}

impl Machine {
    /// CPython's `hash(value)` (strings, `None` and functions hash differently: CPython's
    /// are randomised or address-based), or `TypeError: unhashable type`.
    pub(crate) fn python_hash(&mut self, value: Value) -> Result<i64, Exception> {
        let Value::Tuple(root) = value else {
            return self.scalar_hash(value);
        };
        // (tuple, next item, accumulator) for each tuple being hashed, innermost last.
        let mut stack: Vec<(u32, usize, u64)> = vec![(root, 0, XXPRIME_5)];
        self.charge_bytes(std::mem::size_of_val(self.heap.tuple(root)))?;
        while let Some(&mut (tuple, ref mut next, acc)) = stack.last_mut() {
            let items = self.heap.tuple(tuple);
            let Some(&item) = items.get(*next) else {
                let hash = tuple_hash_finish(acc, items.len());
                stack.pop();
                match stack.last_mut() {
                    Some((_, next, acc)) => {
                        *next += 1;
                        *acc = tuple_hash_add(*acc, hash);
                    }
                    None => return Ok(hash),
                }
                continue;
            };
            if let Value::Tuple(inner) = item {
                self.charge_bytes(std::mem::size_of_val(self.heap.tuple(inner)))?;
                stack.push((inner, 0, XXPRIME_5));
                continue;
            }
            let lane = self.scalar_hash(item)?;
            if let Some((_, next, acc)) = stack.last_mut() {
                *next += 1;
                *acc = tuple_hash_add(*acc, lane);
            }
        }
        Ok(0)
    }

    fn scalar_hash(&mut self, value: Value) -> Result<i64, Exception> {
        Ok(match value {
            Value::None => 0x5bd1_e995,
            Value::Bool(b) => i64::from(b),
            Value::Int(i) => hash_int(i),
            Value::BigInt(index) => {
                let bits = self.heap.bigint(index).bits();
                self.charge_int_work(bits)?;
                let big = self.heap.bigint(index);
                let magnitude = (big.magnitude() % MODULUS).to_i64().unwrap_or(0);
                fix_minus_one(if big.is_negative() {
                    -magnitude
                } else {
                    magnitude
                })
            }
            // CPython hashes a NaN by its identity (and finds it again only as the same
            // object); PyRust floats have none.
            Value::Float(f) if f.is_nan() => {
                return Err(Exception::new(
                    ExceptionKind::NotImplementedError,
                    "NaN as a dict key or set item (found by object identity in CPython) is \
                     not supported by PyRust yet"
                        .into(),
                ))
            }
            Value::Float(f) => hash_float(f),
            Value::Str(s) => {
                let len = self.str_ref(&s).len();
                if len >= 512 {
                    self.charge_bytes(len)?;
                }
                str_hash(self.str_ref(&s))
            }
            Value::Range { .. } | Value::BigRange(_) => {
                // As CPython: (len, start, step), with what does not matter left out.
                let [start, _, step] = self.range_bounds(value);
                let len = crate::ops::range_len(self.range_bounds(value));
                let mut acc = tuple_hash_add(XXPRIME_5, hash_int(len as i64));
                acc = tuple_hash_add(acc, if len > 0 { hash_int(start) } else { 0 });
                acc = tuple_hash_add(acc, if len > 1 { hash_int(step) } else { 0 });
                tuple_hash_finish(acc, 3)
            }
            Value::Function(id) => i64::from(id.0).wrapping_mul(0x2545_f491),
            Value::FunctionObject(index) => i64::from(index).wrapping_mul(0x9e37_79b9) ^ 0x55,
            Value::Builtin(b) => b as i64 + 0x1000,
            other => {
                return Err(type_error(format!(
                    "unhashable type: '{}'",
                    other.type_name()
                )))
            }
        })
    }

    // ---- the table ----

    /// Number of items in set `set`.
    pub(crate) fn set_len(&self, set: u32) -> usize {
        self.heap.set(set).map_or(0, |s| s.used)
    }

    fn set_slot(&self, set: u32, index: usize) -> SetSlot {
        self.heap
            .set(set)
            .and_then(|s| s.table.get(index).copied())
            .unwrap_or_default()
    }

    fn set_table_len(&self, set: u32) -> usize {
        self.heap.set(set).map_or(SET_MIN_SIZE, |s| s.table.len())
    }

    /// CPython's probe sequence for `key`.
    fn set_probe(&self, set: u32, key: Value, hash: i64) -> Result<Probe, Exception> {
        let mask = self.set_table_len(set) - 1;
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        let mut free = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for index in i..=i + probes {
                match self.set_slot(set, index) {
                    SetSlot::Unused => {
                        return Ok(Probe::Missing {
                            unused: index,
                            free,
                        })
                    }
                    SetSlot::Dummy => free = Some(index),
                    SetSlot::Active {
                        key: existing,
                        hash: existing_hash,
                    } if existing_hash == hash => {
                        if self.equal(existing, key)? {
                            return Ok(Probe::Found(index));
                        }
                    }
                    SetSlot::Active { .. } => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    fn set_contains_entry(&self, set: u32, key: Value, hash: i64) -> Result<bool, Exception> {
        Ok(matches!(self.set_probe(set, key, hash)?, Probe::Found(_)))
    }

    /// CPython's `set_add_entry`: an equal key already there stays.
    fn set_add_entry(&mut self, set: u32, key: Value, hash: i64) -> Result<(), Exception> {
        self.charge_bytes(ITEM_WORK)?;
        let Probe::Missing { unused, free } = self.set_probe(set, key, hash)? else {
            return Ok(());
        };
        let Some(s) = self.heap.set_mut(set) else {
            return Ok(());
        };
        s.used += 1;
        if let Some(free) = free {
            s.table[free] = SetSlot::Active { key, hash };
            return Ok(());
        }
        s.table[unused] = SetSlot::Active { key, hash };
        s.fill += 1;
        let mask = s.table.len() - 1;
        if s.fill * 5 < mask * 3 {
            return Ok(());
        }
        let used = s.used;
        self.set_resize(set, if used > 50_000 { used * 2 } else { used * 4 })
    }

    /// Adds any hashable value.
    pub(crate) fn set_add(&mut self, set: u32, key: Value) -> Result<(), Exception> {
        let hash = self.python_hash(key)?;
        self.set_add_entry(set, key, hash)
    }

    /// CPython's `set_table_resize`: a table with more than `min_used` slots, the entries
    /// re-inserted in table order.
    fn set_resize(&mut self, set: u32, min_used: usize) -> Result<(), Exception> {
        let mut size = SET_MIN_SIZE;
        while size <= min_used {
            size = size.checked_mul(2).ok_or_else(memory_error)?;
        }
        let Some(s) = self.heap.set(set) else {
            return Ok(());
        };
        if size == SET_MIN_SIZE && s.table.len() == SET_MIN_SIZE && s.fill == s.used {
            // CPython keeps its small table as it is when there are no dummies.
            return Ok(());
        }
        // The set is a root (a register or the scratch space) and holds every key.
        self.collect_if_needed(crate::heap::set_table_cost(size));
        let table = self.heap.new_set_table(size)?;
        let Some(s) = self.heap.set_mut(set) else {
            return Ok(());
        };
        let old = std::mem::replace(&mut s.table, table);
        s.fill = s.used;
        for slot in &old {
            if let SetSlot::Active { key, hash } = *slot {
                insert_clean(&mut s.table, key, hash);
            }
        }
        self.heap.release_set_table(&old);
        Ok(())
    }

    /// Removes `key` if present (CPython's `set_discard_entry`); returns whether it was.
    fn set_discard_entry(&mut self, set: u32, key: Value, hash: i64) -> Result<bool, Exception> {
        self.charge_bytes(ITEM_WORK)?;
        let Probe::Found(index) = self.set_probe(set, key, hash)? else {
            return Ok(false);
        };
        if let Some(s) = self.heap.set_mut(set) {
            s.table[index] = SetSlot::Dummy;
            s.used -= 1;
        }
        Ok(true)
    }

    /// The hash of a key looked up in a set, or `None` for a set key (CPython retries it as
    /// a frozenset, which no PyRust set can hold).
    fn lookup_hash(&mut self, key: Value) -> Result<Option<i64>, Exception> {
        match key {
            Value::Set(_) => Ok(None),
            _ => self.python_hash(key).map(Some),
        }
    }

    /// `key in set`.
    pub(crate) fn set_contains(&mut self, set: u32, key: Value) -> Result<bool, Exception> {
        match self.lookup_hash(key)? {
            Some(hash) => self.set_contains_entry(set, key, hash),
            None => Ok(false),
        }
    }

    fn set_discard_key(&mut self, set: u32, key: Value) -> Result<bool, Exception> {
        match self.lookup_hash(key)? {
            Some(hash) => self.set_discard_entry(set, key, hash),
            None => Ok(false),
        }
    }

    /// The first active slot at or after `index`: `(slot, key, hash)`.
    fn set_next(&self, set: u32, index: usize) -> Option<(usize, Value, i64)> {
        let table = &self.heap.set(set)?.table;
        table
            .iter()
            .enumerate()
            .skip(index)
            .find_map(|(i, slot)| match *slot {
                SetSlot::Active { key, hash } => Some((i, key, hash)),
                _ => None,
            })
    }

    /// The items in table order (iteration and `repr` order).
    pub(crate) fn set_items(&self, set: u32) -> Vec<Value> {
        self.heap.set(set).map_or_else(Vec::new, |s| {
            s.table
                .iter()
                .filter_map(|slot| match *slot {
                    SetSlot::Active { key, .. } => Some(key),
                    _ => None,
                })
                .collect()
        })
    }

    /// A new empty set, pushed on the scratch space (a root) until the caller pops it.
    fn new_rooted_set(&mut self) -> Result<u32, Exception> {
        self.collect_if_needed(crate::heap::set_table_cost(SET_MIN_SIZE) + 64);
        let set = self.heap.insert_set()?;
        self.side.scratch.push(Some(Value::Set(set)));
        Ok(set)
    }

    /// Runs `build` on a new rooted set and returns the set.
    fn with_new_set(
        &mut self,
        build: impl FnOnce(&mut Self, u32) -> Result<(), Exception>,
    ) -> Result<Value, Exception> {
        let mark = self.side.scratch.len();
        let set = self.new_rooted_set()?;
        let outcome = build(self, set);
        self.side.scratch.truncate(mark);
        outcome.map(|()| Value::Set(set))
    }

    /// CPython's `set_merge`: adds every item of set `other` (table order) to `set`.
    fn set_merge(&mut self, set: u32, other: u32) -> Result<(), Exception> {
        let Some(o) = self.heap.set(other) else {
            return Ok(());
        };
        if set == other || o.used == 0 {
            return Ok(());
        }
        let (other_used, other_fill, other_len) = (o.used, o.fill, o.table.len());
        self.charge_bytes(other_len.saturating_mul(8))?;
        let Some(s) = self.heap.set(set) else {
            return Ok(());
        };
        if (s.fill + other_used) * 5 >= (s.table.len() - 1) * 3 {
            let used = s.used;
            self.set_resize(set, (used + other_used) * 2)?;
        }
        let Some(s) = self.heap.set(set) else {
            return Ok(());
        };
        if s.fill == 0 {
            let same_size = s.table.len() == other_len && other_fill == other_used;
            for index in 0..other_len {
                let slot = self.set_slot(other, index);
                if let (SetSlot::Active { key, hash }, Some(s)) = (slot, self.heap.set_mut(set)) {
                    if same_size {
                        s.table[index] = slot;
                    } else {
                        insert_clean(&mut s.table, key, hash);
                    }
                }
            }
            if let Some(s) = self.heap.set_mut(set) {
                s.fill = other_used;
                s.used = other_used;
            }
            return Ok(());
        }
        for index in 0..other_len {
            if let SetSlot::Active { key, hash } = self.set_slot(other, index) {
                self.set_add_entry(set, key, hash)?;
            }
        }
        Ok(())
    }

    /// Calls `visit` with each item of a non-set iterable, in order.
    fn for_each_item(
        &mut self,
        iterable: Value,
        mut visit: impl FnMut(&mut Self, Value) -> Result<(), Exception>,
    ) -> Result<(), Exception> {
        self.check_iterable(iterable)?;
        let mut position = Value::Int(0);
        while let Some((item, next)) = self.sequence_next(iterable, position)? {
            visit(self, item)?;
            position = next;
        }
        Ok(())
    }

    /// CPython's `set_update_internal`: `set.update(iterable)`.
    pub(crate) fn set_update(&mut self, set: u32, iterable: Value) -> Result<(), Exception> {
        match iterable {
            Value::Set(other) => self.set_merge(set, other),
            Value::Dict(dict) => {
                let size = self.dict_len(dict);
                if let Some(s) = self.heap.set(set) {
                    if (s.fill + size) * 5 >= (s.table.len() - 1) * 3 {
                        let used = s.used;
                        self.set_resize(set, (used + size) * 2)?;
                    }
                }
                for (key, _) in self.dict_entries(dict) {
                    self.set_add(set, key)?;
                }
                Ok(())
            }
            _ => self.for_each_item(iterable, |vm, item| vm.set_add(set, item)),
        }
    }

    /// `set(iterable)` (and the copy CPython makes of a set display's frozenset).
    pub(crate) fn new_set_from(&mut self, iterable: Option<Value>) -> Result<Value, Exception> {
        self.with_new_set(|vm, set| match iterable {
            Some(iterable) => vm.set_update(set, iterable),
            None => Ok(()),
        })
    }

    /// `s.copy()`, or `set(s)`.
    pub(crate) fn set_copy(&mut self, source: Value) -> Result<Value, Exception> {
        self.new_set_from(Some(source))
    }

    /// `{a, b, ...}` from the `count` registers at absolute index `first`, added in order.
    pub(crate) fn build_set(&mut self, first: usize, count: usize) -> Result<Value, Exception> {
        self.with_new_set(|vm, set| vm.set_add_registers(Value::Set(set), first, count))
    }

    /// A set display of constants as CPython makes it (see `FoldSetConstant`): re-added in
    /// table order into a new set, then copied into another unless only iterated.
    pub(crate) fn fold_set_constant(
        &mut self,
        source: Value,
        copy: bool,
    ) -> Result<Value, Exception> {
        let Value::Set(source) = source else {
            return Err(Exception::new(
                ExceptionKind::SystemError,
                "set constant is not a set".into(),
            ));
        };
        let frozen = self.with_new_set(|vm, frozen| {
            let mut index = 0;
            while let Some((slot, key, hash)) = vm.set_next(source, index) {
                index = slot + 1;
                vm.set_add_entry(frozen, key, hash)?;
            }
            Ok(())
        })?;
        if !copy {
            return Ok(frozen);
        }
        self.side.scratch.push(Some(frozen));
        let result = self.set_copy(frozen);
        self.side.scratch.pop();
        result
    }

    /// Adds the `count` registers at absolute index `first` to the set `set`.
    pub(crate) fn set_add_registers(
        &mut self,
        set: Value,
        first: usize,
        count: usize,
    ) -> Result<(), Exception> {
        let Value::Set(set) = set else {
            return Err(Exception::new(
                ExceptionKind::SystemError,
                "set display target is not a set".into(),
            ));
        };
        for value in self.argument_values(first, count) {
            self.set_add(set, value)?;
        }
        Ok(())
    }

    /// The next item of a `for` loop over a set (see [`pack_position`]).
    pub(crate) fn set_for_next(
        &mut self,
        set: u32,
        position: i64,
    ) -> Result<Option<(Value, Value)>, Exception> {
        let (index, started) = (
            (position & 0xffff_ffff) as usize,
            ((position >> 32) as usize).saturating_sub(1),
        );
        let used = self.set_len(set);
        let started = if position == 0 { used } else { started };
        if used != started {
            return Err(Exception::new(
                ExceptionKind::RuntimeError,
                "Set changed size during iteration".into(),
            ));
        }
        Ok(self
            .set_next(set, index)
            .map(|(slot, key, _)| (key, pack_position(slot + 1, started))))
    }

    /// Empties a set (CPython's `set_clear_internal`; the `pop` finger stays).
    fn set_clear(&mut self, set: u32) -> Result<(), Exception> {
        let table = self.heap.new_set_table(SET_MIN_SIZE)?;
        if let Some(s) = self.heap.set_mut(set) {
            let old = std::mem::replace(&mut s.table, table);
            s.fill = 0;
            s.used = 0;
            self.heap.release_set_table(&old);
        }
        Ok(())
    }

    // ---- the operations ----

    /// CPython's `set_intersection`: iterates the smaller set, keeping its keys.
    fn set_intersection(&mut self, set: u32, other: Value) -> Result<Value, Exception> {
        if matches!(other, Value::Set(o) if o == set) {
            return self.set_copy(other);
        }
        self.with_new_set(|vm, result| {
            if let Value::Set(other) = other {
                let (big, small) = if vm.set_len(other) > vm.set_len(set) {
                    (other, set)
                } else {
                    (set, other)
                };
                let mut index = 0;
                while let Some((slot, key, hash)) = vm.set_next(small, index) {
                    index = slot + 1;
                    if vm.set_contains_entry(big, key, hash)? {
                        vm.set_add_entry(result, key, hash)?;
                    }
                }
                return Ok(());
            }
            vm.for_each_item(other, |vm, key| {
                let hash = vm.python_hash(key)?;
                if vm.set_contains_entry(set, key, hash)? {
                    vm.set_add_entry(result, key, hash)?;
                }
                Ok(())
            })
        })
    }

    /// CPython's `set_difference_update_internal`.
    fn set_difference_update(&mut self, set: u32, other: Value) -> Result<(), Exception> {
        if matches!(other, Value::Set(o) if o == set) {
            return self.set_clear(set);
        }
        if let Value::Set(mut other) = other {
            let mark = self.side.scratch.len();
            if self.set_len(other) >> 3 > self.set_len(set) {
                let Value::Set(smaller) = self.set_intersection(set, Value::Set(other))? else {
                    return Ok(());
                };
                self.side.scratch.push(Some(Value::Set(smaller)));
                other = smaller;
            }
            let mut index = 0;
            let outcome = (|| {
                while let Some((slot, key, hash)) = self.set_next(other, index) {
                    index = slot + 1;
                    self.set_discard_entry(set, key, hash)?;
                }
                Ok(())
            })();
            self.side.scratch.truncate(mark);
            outcome?;
        } else {
            self.for_each_item(other, |vm, key| vm.set_discard_key(set, key).map(drop))?;
        }
        let Some(s) = self.heap.set(set) else {
            return Ok(());
        };
        // More than a quarter dummies: rebuild without them.
        if s.fill - s.used <= (s.table.len() - 1) / 4 {
            return Ok(());
        }
        let used = s.used;
        self.set_resize(set, if used > 50_000 { used * 2 } else { used * 4 })
    }

    /// CPython's `set_difference`.
    fn set_difference(&mut self, set: u32, other: Value) -> Result<Value, Exception> {
        let other_size = match other {
            Value::Set(o) => Some(self.set_len(o)),
            Value::Dict(d) => Some(self.dict_len(d)),
            _ => None,
        };
        let copy_first = match other_size {
            Some(size) => self.set_len(set) >> 2 > size,
            None => true,
        };
        if copy_first {
            let result = self.set_copy(Value::Set(set))?;
            let Value::Set(index) = result else {
                return Ok(result);
            };
            self.side.scratch.push(Some(result));
            let outcome = self.set_difference_update(index, other);
            self.side.scratch.pop();
            return outcome.map(|()| result);
        }
        self.with_new_set(|vm, result| {
            let mut index = 0;
            while let Some((slot, key, hash)) = vm.set_next(set, index) {
                index = slot + 1;
                let present = match other {
                    Value::Set(o) => vm.set_contains_entry(o, key, hash)?,
                    Value::Dict(d) => vm.dict_find(d, key)?.is_some(),
                    _ => false,
                };
                if !present {
                    vm.set_add_entry(result, key, hash)?;
                }
            }
            Ok(())
        })
    }

    /// CPython's `set_symmetric_difference_update`.
    fn set_symmetric_difference_update(&mut self, set: u32, other: Value) -> Result<(), Exception> {
        if matches!(other, Value::Set(o) if o == set) {
            return self.set_clear(set);
        }
        let toggle = |vm: &mut Self, key: Value, hash: i64| -> Result<(), Exception> {
            if !vm.set_discard_entry(set, key, hash)? {
                vm.set_add_entry(set, key, hash)?;
            }
            Ok(())
        };
        match other {
            Value::Dict(dict) => {
                for (key, _) in self.dict_entries(dict) {
                    let hash = self.python_hash(key)?;
                    toggle(self, key, hash)?;
                }
                Ok(())
            }
            _ => {
                let mark = self.side.scratch.len();
                let outcome = (|| {
                    let source = match other {
                        Value::Set(source) => source,
                        _ => {
                            let Value::Set(source) = self.new_set_from(Some(other))? else {
                                return Ok(());
                            };
                            self.side.scratch.push(Some(Value::Set(source)));
                            source
                        }
                    };
                    let mut index = 0;
                    while let Some((slot, key, hash)) = self.set_next(source, index) {
                        index = slot + 1;
                        toggle(self, key, hash)?;
                    }
                    Ok(())
                })();
                self.side.scratch.truncate(mark);
                outcome
            }
        }
    }

    /// CPython's `set_symmetric_difference`: a copy of `other`, updated with `set`.
    fn set_symmetric_difference(&mut self, set: u32, other: Value) -> Result<Value, Exception> {
        let result = self.new_set_from(Some(other))?;
        let Value::Set(index) = result else {
            return Ok(result);
        };
        self.side.scratch.push(Some(result));
        let outcome = self.set_symmetric_difference_update(index, Value::Set(set));
        self.side.scratch.pop();
        outcome.map(|()| result)
    }

    /// `set <= other` for a set or any iterable (CPython's `set_issubset`).
    fn set_is_subset(&mut self, set: u32, other: Value) -> Result<bool, Exception> {
        let Value::Set(other) = other else {
            let common = self.set_intersection(set, other)?;
            let Value::Set(common) = common else {
                return Ok(false);
            };
            return Ok(self.set_len(common) == self.set_len(set));
        };
        self.sets_subset(set, other)
    }

    /// Whether every item of set `a` is in set `b`.
    fn sets_subset(&self, a: u32, b: u32) -> Result<bool, Exception> {
        if self.set_len(a) > self.set_len(b) {
            return Ok(false);
        }
        let mut index = 0;
        while let Some((slot, key, hash)) = self.set_next(a, index) {
            index = slot + 1;
            if !self.set_contains_entry(b, key, hash)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `==` between two sets.
    pub(crate) fn sets_equal(&self, a: u32, b: u32) -> Result<bool, Exception> {
        Ok(a == b || (self.set_len(a) == self.set_len(b) && self.sets_subset(a, b)?))
    }

    /// `<`, `<=`, `>`, `>=` between two sets (subset relations).
    pub(crate) fn set_compare(
        &self,
        op: pyrust_compiler::CompareOp,
        a: u32,
        b: u32,
    ) -> Result<bool, Exception> {
        use pyrust_compiler::CompareOp;
        let (la, lb) = (self.set_len(a), self.set_len(b));
        Ok(match op {
            CompareOp::Lt => la < lb && self.sets_subset(a, b)?,
            CompareOp::LtE => self.sets_subset(a, b)?,
            CompareOp::Gt => la > lb && self.sets_subset(b, a)?,
            _ => self.sets_subset(b, a)?,
        })
    }

    fn set_is_superset(&mut self, set: u32, other: Value) -> Result<bool, Exception> {
        if let Value::Set(other) = other {
            return self.sets_subset(other, set);
        }
        let mut all = true;
        self.for_each_item(other, |vm, key| {
            if all && !vm.set_contains(set, key)? {
                all = false;
            }
            Ok(())
        })?;
        Ok(all)
    }

    fn set_is_disjoint(&mut self, set: u32, other: Value) -> Result<bool, Exception> {
        if matches!(other, Value::Set(o) if o == set) {
            return Ok(self.set_len(set) == 0);
        }
        if let Value::Set(other) = other {
            let (big, small) = if self.set_len(other) > self.set_len(set) {
                (other, set)
            } else {
                (set, other)
            };
            let mut index = 0;
            while let Some((slot, key, hash)) = self.set_next(small, index) {
                index = slot + 1;
                if self.set_contains_entry(big, key, hash)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        let mut disjoint = true;
        self.for_each_item(other, |vm, key| {
            if disjoint && vm.set_contains(set, key)? {
                disjoint = false;
            }
            Ok(())
        })?;
        Ok(disjoint)
    }

    /// Replaces the contents of `set` with those of `other` (CPython's `set_swap_bodies`,
    /// used by `&=`); the `pop` finger stays.
    fn set_take_contents(&mut self, set: u32, other: u32) {
        let Some(o) = self.heap.set_mut(other) else {
            return;
        };
        let table = std::mem::take(&mut o.table);
        let (fill, used) = (o.fill, o.used);
        o.fill = 0;
        o.used = 0;
        if let Some(s) = self.heap.set_mut(set) {
            let old = std::mem::replace(&mut s.table, table);
            s.fill = fill;
            s.used = used;
            if let Some(o) = self.heap.set_mut(other) {
                o.table = old;
            }
        }
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` on two sets; in place for the augmented forms.
    pub(crate) fn set_binary(
        &mut self,
        op: pyrust_compiler::BinaryOp,
        a: u32,
        b: u32,
        in_place: bool,
    ) -> Result<Option<Value>, Exception> {
        use pyrust_compiler::BinaryOp;
        let other = Value::Set(b);
        let result = match (op, in_place) {
            (BinaryOp::BitOr, true) => {
                self.set_merge(a, b)?;
                Value::Set(a)
            }
            (BinaryOp::BitOr, false) => {
                let result = self.set_copy(Value::Set(a))?;
                if let Value::Set(index) = result {
                    self.side.scratch.push(Some(result));
                    let merged = self.set_merge(index, b);
                    self.side.scratch.pop();
                    merged?;
                }
                result
            }
            (BinaryOp::BitAnd, true) => {
                let common = self.set_intersection(a, other)?;
                if let Value::Set(common) = common {
                    self.set_take_contents(a, common);
                }
                Value::Set(a)
            }
            (BinaryOp::BitAnd, false) => self.set_intersection(a, other)?,
            (BinaryOp::Sub, true) => {
                self.set_difference_update(a, other)?;
                Value::Set(a)
            }
            (BinaryOp::Sub, false) => self.set_difference(a, other)?,
            (BinaryOp::BitXor, true) => {
                self.set_symmetric_difference_update(a, other)?;
                Value::Set(a)
            }
            (BinaryOp::BitXor, false) => self.set_symmetric_difference(a, other)?,
            _ => return Ok(None),
        };
        Ok(Some(result))
    }

    /// Methods of sets.
    pub(crate) fn set_method(
        &mut self,
        obj: Value,
        set: u32,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Exception> {
        let one = |name: &str| -> Result<Value, Exception> {
            match args {
                [value] => Ok(*value),
                _ => Err(type_error(format!(
                    "set.{name}() takes exactly one argument ({} given)",
                    args.len()
                ))),
            }
        };
        let none = |name: &str| -> Result<(), Exception> {
            if args.is_empty() {
                return Ok(());
            }
            Err(type_error(format!(
                "set.{name}() takes no arguments ({} given)",
                args.len()
            )))
        };
        match method {
            "add" => {
                let key = one(method)?;
                self.set_add(set, key)?;
                Ok(Value::None)
            }
            "discard" => {
                let key = one(method)?;
                self.set_discard_key(set, key)?;
                Ok(Value::None)
            }
            "remove" => {
                let key = one(method)?;
                if self.set_discard_key(set, key)? {
                    return Ok(Value::None);
                }
                Err(self.key_error(key))
            }
            "pop" => {
                none(method)?;
                self.set_pop(set)
            }
            "clear" => {
                none(method)?;
                self.set_clear(set)?;
                Ok(Value::None)
            }
            "copy" => {
                none(method)?;
                self.set_copy(obj)
            }
            "update" => {
                for &other in args {
                    self.set_update(set, other)?;
                }
                Ok(Value::None)
            }
            "union" => {
                let result = self.set_copy(obj)?;
                let Value::Set(index) = result else {
                    return Ok(result);
                };
                self.side.scratch.push(Some(result));
                let outcome = (|| {
                    for &other in args {
                        if !matches!(other, Value::Set(o) if o == set) {
                            self.set_update(index, other)?;
                        }
                    }
                    Ok(result)
                })();
                self.side.scratch.pop();
                outcome
            }
            "intersection" => {
                let mark = self.side.scratch.len();
                let outcome = (|| {
                    let Some((first, rest)) = args.split_first() else {
                        return self.set_copy(obj);
                    };
                    let mut result = self.set_intersection(set, *first)?;
                    for &other in rest {
                        self.side.scratch.push(Some(result));
                        let Value::Set(index) = result else { break };
                        result = self.set_intersection(index, other)?;
                    }
                    Ok(result)
                })();
                self.side.scratch.truncate(mark);
                outcome
            }
            "intersection_update" => {
                let mark = self.side.scratch.len();
                let outcome = (|| {
                    let mut result = obj;
                    for &other in args {
                        let Value::Set(index) = result else { break };
                        result = self.set_intersection(index, other)?;
                        self.side.scratch.push(Some(result));
                    }
                    if let Value::Set(index) = result {
                        if index != set {
                            self.set_take_contents(set, index);
                        }
                    }
                    Ok(Value::None)
                })();
                self.side.scratch.truncate(mark);
                outcome
            }
            "difference" => {
                let Some((first, rest)) = args.split_first() else {
                    return self.set_copy(obj);
                };
                let result = self.set_difference(set, *first)?;
                let Value::Set(index) = result else {
                    return Ok(result);
                };
                self.side.scratch.push(Some(result));
                let outcome = (|| {
                    for &other in rest {
                        self.set_difference_update(index, other)?;
                    }
                    Ok(result)
                })();
                self.side.scratch.pop();
                outcome
            }
            "difference_update" => {
                for &other in args {
                    self.set_difference_update(set, other)?;
                }
                Ok(Value::None)
            }
            "symmetric_difference" => {
                let other = one(method)?;
                self.set_symmetric_difference(set, other)
            }
            "symmetric_difference_update" => {
                let other = one(method)?;
                self.set_symmetric_difference_update(set, other)?;
                Ok(Value::None)
            }
            "issubset" => {
                let other = one(method)?;
                self.set_is_subset(set, other).map(Value::Bool)
            }
            "issuperset" => {
                let other = one(method)?;
                self.set_is_superset(set, other).map(Value::Bool)
            }
            "isdisjoint" => {
                let other = one(method)?;
                self.set_is_disjoint(set, other).map(Value::Bool)
            }
            _ => Err(crate::methods::attribute_error(Value::Set(set), method)),
        }
    }

    /// `s.pop()`: the first item at or after the finger, in table order.
    fn set_pop(&mut self, set: u32) -> Result<Value, Exception> {
        let Some(s) = self.heap.set_mut(set) else {
            return Ok(Value::None);
        };
        if s.used == 0 {
            return Err(Exception::new(
                ExceptionKind::KeyError,
                "'pop from an empty set'".into(),
            ));
        }
        let mask = s.table.len() - 1;
        let mut index = s.finger & mask;
        loop {
            if let SetSlot::Active { key, .. } = s.table[index] {
                s.table[index] = SetSlot::Dummy;
                s.used -= 1;
                s.finger = index + 1;
                return Ok(key);
            }
            index = (index + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_hashes_match_cpython() {
        assert_eq!(hash_int(-1), -2);
        assert_eq!(hash_int(-2), -2);
        assert_eq!(hash_int(1 << 61), 1);
        assert_eq!(hash_int((1 << 61) - 1), 0);
        assert_eq!(hash_int(i64::MIN), -4);
        assert_eq!(hash_int(i64::MAX), 3);
    }

    #[test]
    fn float_hashes_match_cpython() {
        assert_eq!(hash_float(1.0), 1);
        assert_eq!(hash_float(-1.0), -2);
        assert_eq!(hash_float(0.5), 1_152_921_504_606_846_976);
        assert_eq!(hash_float(1.5), 1_152_921_504_606_846_977);
        assert_eq!(hash_float(-2.25), -576_460_752_303_423_490);
        assert_eq!(hash_float(1e300), 1_224_995_262_755_759_164);
        assert_eq!(hash_float(f64::INFINITY), 314_159);
        assert_eq!(hash_float(5e-324), 16_777_216);
        assert_eq!(hash_float(2.0f64.powi(70)), hash_int(1 << 9));
    }

    #[test]
    fn tuple_hash_of_empty_tuple_matches_cpython() {
        assert_eq!(tuple_hash_finish(XXPRIME_5, 0), 5_740_354_900_026_072_187);
    }
}
