//! The heap owned by one run: strings made at run time, integers past 64 bits, tuples, and
//! ranges too large to inline.
//!
//! Values refer to heap data by index ([`Value`] stays `Copy`), one slab per type. Every
//! allocation is counted against the run's memory limit before it is made and made
//! fallibly. Unreachable objects are reclaimed by a mark-sweep collector ([`Heap::collect`])
//! rooted in whatever the VM hands it (registers, globals, constants). Marking follows tuples
//! with an explicit work stack, never native recursion, so nesting depth cannot overflow
//! the stack. The collector only runs when an allocation asks for it (never in the dispatch
//! loop's common path), and callers collect *before* allocating the objects of one operation,
//! so a half-built result is never swept. Large ranges are tiny and live until the run ends.

use num_bigint::BigInt;

use crate::error::{Exception, ExceptionKind};
use crate::value::{StrRef, Value};

/// Storage for one kind of heap object: slots reused through a free list, and a mark bitmap.
#[derive(Debug)]
struct Slab<T> {
    items: Vec<Option<T>>,
    free: Vec<u32>,
    marks: Vec<u64>,
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab {
            items: Vec::new(),
            free: Vec::new(),
            marks: Vec::new(),
        }
    }
}

impl<T> Slab<T> {
    fn clear(&mut self) {
        self.items.clear();
        self.free.clear();
    }

    /// Stores `item`, or fails when the slab has `limit` slots already.
    fn insert(&mut self, item: T, limit: u32) -> Result<u32, Exception> {
        if let Some(index) = self.free.pop() {
            self.items[index as usize] = Some(item);
            return Ok(index);
        }
        let index = self.items.len() as u32;
        if index >= limit {
            return Err(memory_error());
        }
        self.items.try_reserve(1).map_err(|_| memory_error())?;
        self.items.push(Some(item));
        Ok(index)
    }

    fn get(&self, index: u32) -> Option<&T> {
        self.items.get(index as usize).and_then(Option::as_ref)
    }

    fn start_marking(&mut self) {
        self.marks.clear();
        self.marks.resize(self.items.len().div_ceil(64), 0);
    }

    /// Sets the mark of `index`; returns whether it was newly set.
    fn mark(&mut self, index: u32) -> bool {
        let (word, bit) = (index as usize / 64, 1u64 << (index % 64));
        match self.marks.get_mut(word) {
            Some(w) if *w & bit == 0 => {
                *w |= bit;
                true
            }
            _ => false,
        }
    }

    /// Frees every unmarked object; returns the bytes they were accounted as.
    fn sweep(&mut self, cost: impl Fn(&T) -> usize) -> usize {
        let mut freed = 0;
        for (index, slot) in self.items.iter_mut().enumerate() {
            let live = self.marks[index / 64] & (1 << (index % 64)) != 0;
            if !live {
                if let Some(item) = slot.take() {
                    freed += cost(&item);
                    self.free.push(index as u32);
                }
            }
        }
        freed
    }
}

/// A dict: entries in insertion order (`None` once deleted) and an index from each key's
/// hash to its entries. Keys are compared by the VM (it knows Python equality).
#[derive(Clone, Debug, Default)]
pub struct Dict {
    pub entries: Vec<Option<(Value, Value)>>,
    pub index: std::collections::HashMap<u64, smallvec::SmallVec<[u32; 1]>, IndexHashBuilder>,
    pub len: usize,
}

/// The dict index's hasher. Its keys are already Python hashes, so hashing them again with
/// SipHash (the `HashMap` default) only costs time; instead one folded multiply with a seed
/// chosen per process mixes every bit of the hash into the bucket bits (keys that share their
/// low bits, such as multiples of a power of two, still spread out).
#[derive(Clone, Copy, Debug)]
pub struct IndexHashBuilder(u64);

impl Default for IndexHashBuilder {
    fn default() -> Self {
        static SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
        IndexHashBuilder(*SEED.get_or_init(|| {
            use std::hash::BuildHasher;
            std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64)
        }))
    }
}

impl std::hash::BuildHasher for IndexHashBuilder {
    type Hasher = IndexHasher;
    fn build_hasher(&self) -> IndexHasher {
        IndexHasher(self.0)
    }
}

/// See [`IndexHashBuilder`].
pub struct IndexHasher(u64);

impl std::hash::Hasher for IndexHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        let product = u128::from(value ^ self.0) * 0x9e37_79b9_7f4a_7c15_u128;
        self.0 = (product as u64) ^ ((product >> 64) as u64);
    }
}

/// Bytes one dict entry is accounted as (entry plus index slot).
pub const DICT_ENTRY_COST: usize = 64;

/// One slot of a set's table, as in CPython's `setobject.c`.
#[derive(Clone, Copy, Debug, Default)]
pub enum SetSlot {
    #[default]
    Unused,
    /// A removed entry: probing continues past it.
    Dummy,
    Active {
        key: Value,
        hash: i64,
    },
}

/// A set: CPython 3.11's open-addressing table (its size a power of two, at least 8), so
/// iteration and `repr` follow CPython's order. The algorithms are in `set.rs`.
#[derive(Clone, Debug)]
pub struct Set {
    pub table: Vec<SetSlot>,
    /// Active plus dummy slots.
    pub fill: usize,
    /// Active slots.
    pub used: usize,
    /// Where `pop` starts looking.
    pub finger: usize,
}

/// Slots in a new set's table (CPython's `PySet_MINSIZE`).
pub const SET_MIN_SIZE: usize = 8;

/// Bytes a set table of `slots` slots is accounted as.
pub fn set_table_cost(slots: usize) -> usize {
    slots.saturating_mul(std::mem::size_of::<SetSlot>())
}

/// What an iterator object (`enumerate(...)`, `zip(...)`, `reversed(...)`) yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IteratorKind {
    /// `(count, item)` pairs, `count` rising from the start value.
    Enumerate,
    /// Tuples of one item from each source, until the shortest ends.
    Zip,
    /// `map(function, *iterables)`: the first source is the function (its position is
    /// unused), the others the iterables.
    Map,
    /// `filter(function, iterable)`: the first source is the function (or `None`), the
    /// second the iterable.
    Filter,
    /// `iter(sequence)`: the source with its position, as a `for` loop keeps it; the kind
    /// of source names the type (`list_iterator`, ...).
    Sequence(SequenceKind),
    /// `reversed(list)`: the items at `count`, `count - 1`, ... while `count` is inside the
    /// list's current length (CPython's `list_reverseiterator`).
    ListReverse,
    /// `reversed(tuple)` or `reversed(str)` (CPython's `reversed`): `count` is the index of
    /// the next item, or for a string the byte offset just past the next character.
    SequenceReverse,
    /// `reversed(range)`: `count` is the position (from the range's start) of the next item.
    RangeReverse,
    /// `reversed(dict)` or of a view: `count` is the entry index of the next candidate; the
    /// source's position holds the dict's size and entry count when the iterator was made.
    DictReverse(crate::value::DictViewKind),
}

/// A lazy iterator over sequences: each source with its position (a byte offset for strings,
/// an index otherwise), as the `for` loop keeps it.
#[derive(Clone, Debug)]
pub struct Iterator {
    pub kind: IteratorKind,
    pub count: i64,
    pub sources: smallvec::SmallVec<[(Value, Value); 2]>,
    pub exhausted: bool,
}

/// What `iter()` was applied to, for the iterator's type name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SequenceKind {
    List,
    Tuple,
    Str,
    AsciiStr,
    Range,
    DictKeys,
    DictValues,
    DictItems,
    Set,
}

impl SequenceKind {
    /// CPython 3.11's name for the iterator type.
    pub fn iterator_name(self) -> &'static str {
        match self {
            SequenceKind::List => "list_iterator",
            SequenceKind::Tuple => "tuple_iterator",
            SequenceKind::Str => "str_iterator",
            SequenceKind::AsciiStr => "str_ascii_iterator",
            SequenceKind::Range => "range_iterator",
            SequenceKind::DictKeys => "dict_keyiterator",
            SequenceKind::DictValues => "dict_valueiterator",
            SequenceKind::DictItems => "dict_itemiterator",
            SequenceKind::Set => "set_iterator",
        }
    }
}

/// Where a generator is in its run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeneratorState {
    Suspended,
    Running,
    Finished,
}

/// A generator: its function, its frame's registers while it is suspended, and the
/// instruction it resumes at.
#[derive(Clone, Debug)]
pub struct Generator {
    pub function: pyrust_compiler::FuncId,
    pub registers: Box<[Value]>,
    pub resume_ip: u32,
    pub state: GeneratorState,
}

/// Bytes a generator with `registers` registers is accounted as.
fn generator_cost(registers: usize) -> usize {
    tuple_cost(registers).saturating_add(std::mem::size_of::<Generator>())
}

/// Heap storage of one run.
#[derive(Debug, Default)]
pub struct Heap {
    strings: Slab<Box<str>>,
    bigints: Slab<BigInt>,
    tuples: Slab<Box<[Value]>>,
    lists: Slab<Vec<Value>>,
    iterators: Slab<Iterator>,
    dicts: Slab<Dict>,
    sets: Slab<Set>,
    generators: Slab<Generator>,
    ranges: Vec<[i64; 3]>,
    /// Containers marked but not yet scanned (the collector's explicit work stack).
    gray: Vec<Value>,
    bytes_used: usize,
    byte_limit: usize,
    /// Collect when `bytes_used` would pass this.
    collect_at: usize,
    /// Set by every allocation ([`Heap::reserve`] and [`Heap::insert_string`]), so a run
    /// that made no object finds nothing to clear with one test. Printed text is charged
    /// by [`Heap::charge`], which makes no object: a run that only printed clears nothing.
    may_hold_objects: bool,
}

/// Heap strings a run may hold at once (an index must fit a `u32`).
const MAX_STRINGS: u32 = 1 << 31;

/// Bytes of headroom below a threshold at which a collection already runs.
const COLLECTION_SLACK: usize = 4096;

/// The first collection happens once the heap holds this much.
const FIRST_COLLECTION_BYTES: usize = 1 << 20;

#[cold]
fn memory_error() -> Exception {
    Exception::new(ExceptionKind::MemoryError, String::new())
}

/// Bytes a string of `len` bytes is accounted as.
fn string_cost(len: usize) -> usize {
    len.saturating_add(std::mem::size_of::<Box<str>>())
}

/// Bytes an integer of `bits` bits is accounted as.
pub fn bigint_cost(bits: u64) -> usize {
    usize::try_from(bits.div_ceil(64).saturating_mul(8))
        .unwrap_or(usize::MAX)
        .saturating_add(std::mem::size_of::<BigInt>())
}

/// Bytes an iterator object is accounted as.
const ITERATOR_COST: usize = std::mem::size_of::<Iterator>();

/// Bytes a list with room for `capacity` items is accounted as.
fn list_cost(capacity: usize) -> usize {
    tuple_cost(capacity)
}

/// Bytes a tuple of `len` items is accounted as.
fn tuple_cost(len: usize) -> usize {
    len.saturating_mul(std::mem::size_of::<Value>())
        .saturating_add(std::mem::size_of::<Box<[Value]>>())
}

impl Heap {
    pub fn new(byte_limit: usize) -> Heap {
        Heap {
            byte_limit,
            collect_at: FIRST_COLLECTION_BYTES,
            ..Heap::default()
        }
    }

    /// Empties the heap for a new run with `byte_limit`, keeping its storage.
    pub fn reset(&mut self, byte_limit: usize) {
        self.bytes_used = 0;
        self.byte_limit = byte_limit;
        self.collect_at = FIRST_COLLECTION_BYTES;
        // Most small runs make no heap object: one test instead of clearing every slab.
        if self.may_hold_objects {
            self.clear_objects();
        }
    }

    #[cold]
    fn clear_objects(&mut self) {
        self.may_hold_objects = false;
        self.strings.clear();
        self.bigints.clear();
        self.tuples.clear();
        self.lists.clear();
        self.iterators.clear();
        self.dicts.clear();
        self.sets.clear();
        self.generators.clear();
        self.ranges.clear();
    }

    /// Whether allocating `bytes` more should first collect garbage.
    pub fn should_collect(&self, bytes: usize) -> bool {
        // The slack covers per-object overheads callers do not count (string and slot
        // headers, a dict's first entries), so a run never meets the limit uncollected.
        let wanted = self
            .bytes_used
            .saturating_add(bytes)
            .saturating_add(COLLECTION_SLACK);
        wanted > self.collect_at.max(FIRST_COLLECTION_BYTES) || wanted > self.byte_limit
    }

    /// Marks everything reachable from `roots`, then frees the rest and reuses their slots.
    pub fn collect(&mut self, roots: impl IntoIterator<Item = Value>) {
        self.strings.start_marking();
        self.bigints.start_marking();
        self.tuples.start_marking();
        self.lists.start_marking();
        self.iterators.start_marking();
        self.dicts.start_marking();
        self.sets.start_marking();
        self.generators.start_marking();
        self.gray.clear();
        for value in roots {
            self.mark_value(value);
        }
        while let Some(container) = self.gray.pop() {
            match container {
                Value::Tuple(index) => {
                    let items = std::mem::take(&mut self.tuples.items[index as usize]);
                    for &value in items.iter().flatten() {
                        self.mark_value(value);
                    }
                    self.tuples.items[index as usize] = items;
                }
                Value::List(index) => {
                    let items = std::mem::take(&mut self.lists.items[index as usize]);
                    for &value in items.iter().flatten() {
                        self.mark_value(value);
                    }
                    self.lists.items[index as usize] = items;
                }
                Value::Dict(index) | Value::DictView(index, _) => {
                    let dict = std::mem::take(&mut self.dicts.items[index as usize]);
                    for &(key, value) in dict.iter().flat_map(|d| d.entries.iter().flatten()) {
                        self.mark_value(key);
                        self.mark_value(value);
                    }
                    self.dicts.items[index as usize] = dict;
                }
                Value::Set(index) => {
                    let set = std::mem::take(&mut self.sets.items[index as usize]);
                    for slot in set.iter().flat_map(|s| s.table.iter()) {
                        if let SetSlot::Active { key, .. } = *slot {
                            self.mark_value(key);
                        }
                    }
                    self.sets.items[index as usize] = set;
                }
                Value::Generator(index) => {
                    let generator = std::mem::take(&mut self.generators.items[index as usize]);
                    for &value in generator.iter().flat_map(|g| g.registers.iter()) {
                        self.mark_value(value);
                    }
                    self.generators.items[index as usize] = generator;
                }
                Value::Iterator(index, _) => {
                    let state = std::mem::take(&mut self.iterators.items[index as usize]);
                    for &(source, _) in state.iter().flat_map(|s| s.sources.iter()) {
                        self.mark_value(source);
                    }
                    self.iterators.items[index as usize] = state;
                }
                _ => {}
            }
        }
        let freed = self.strings.sweep(|text| string_cost(text.len()))
            + self.bigints.sweep(|int| bigint_cost(int.bits()))
            + self.tuples.sweep(|items| tuple_cost(items.len()))
            + self.lists.sweep(|items| list_cost(items.capacity()))
            + self.iterators.sweep(|_| ITERATOR_COST)
            + self
                .generators
                .sweep(|generator| generator_cost(generator.registers.len()))
            + self.dicts.sweep(|dict| {
                std::mem::size_of::<Dict>() + dict.entries.capacity() * DICT_ENTRY_COST
            })
            + self
                .sets
                .sweep(|set| std::mem::size_of::<Set>() + set_table_cost(set.table.len()));
        self.bytes_used = self.bytes_used.saturating_sub(freed);
        self.collect_at = self
            .bytes_used
            .saturating_mul(2)
            .max(FIRST_COLLECTION_BYTES);
    }

    fn mark_value(&mut self, value: Value) {
        match value {
            Value::Str(s) => {
                if let Some(index) = s.heap_index() {
                    self.strings.mark(index);
                }
            }
            Value::BigInt(index) => {
                self.bigints.mark(index);
            }
            Value::Tuple(index) | Value::FunctionObject(index) if self.tuples.mark(index) => {
                self.gray.push(Value::Tuple(index))
            }
            Value::List(index) if self.lists.mark(index) => self.gray.push(value),
            Value::Iterator(index, _) if self.iterators.mark(index) => self.gray.push(value),
            Value::Generator(index) if self.generators.mark(index) => self.gray.push(value),
            Value::Set(index) if self.sets.mark(index) => self.gray.push(value),
            Value::Dict(index) | Value::DictView(index, _) if self.dicts.mark(index) => {
                self.gray.push(Value::Dict(index))
            }
            _ => {}
        }
    }

    /// Bytes currently held by heap objects.
    pub fn bytes_used(&self) -> usize {
        self.bytes_used
    }

    /// Accounts for `bytes` more of an object about to be stored, or fails with MemoryError
    /// if that would pass the limit.
    pub fn reserve(&mut self, bytes: usize) -> Result<(), Exception> {
        // Every object is reserved before it is stored (strings by `reserve_string`).
        self.may_hold_objects = true;
        self.charge(bytes)
    }

    /// Accounts for `bytes` more of data held outside the heap (printed text), or fails with
    /// MemoryError if that would pass the limit. No object is made, so a run that only
    /// charged leaves nothing for [`Heap::reset`] to clear.
    pub fn charge(&mut self, bytes: usize) -> Result<(), Exception> {
        match self.bytes_used.checked_add(bytes) {
            Some(total) if total <= self.byte_limit => {
                self.bytes_used = total;
                Ok(())
            }
            _ => Err(memory_error()),
        }
    }

    /// Bytes that may still be allocated under the limit.
    pub fn bytes_left(&self) -> usize {
        self.byte_limit.saturating_sub(self.bytes_used)
    }

    /// Whether `bytes` more would still fit under the limit (nothing is reserved).
    pub fn would_fit(&self, bytes: usize) -> bool {
        self.bytes_used
            .checked_add(bytes)
            .is_some_and(|total| total <= self.byte_limit)
    }

    /// Accounts for a string of `len` bytes about to be built, or fails with MemoryError.
    pub fn reserve_string(&mut self, len: usize) -> Result<(), Exception> {
        self.reserve(string_cost(len))
    }

    /// Un-accounts a string reserved with [`Heap::reserve_string`] but not stored.
    pub fn release_string(&mut self, len: usize) {
        self.bytes_used = self.bytes_used.saturating_sub(string_cost(len));
    }

    /// Stores a string built after [`Heap::reserve_string`] and returns its handle. Text
    /// short enough to be inline should not come here (see [`StrRef`]).
    pub fn insert_string(&mut self, text: String) -> Result<StrRef, Exception> {
        self.may_hold_objects = true;
        let index = self.strings.insert(text.into_boxed_str(), MAX_STRINGS)?;
        Ok(StrRef::heap(index))
    }

    /// The text of heap string `index` ([`StrRef::heap_index`]).
    pub fn str(&self, index: u32) -> &str {
        // A freed slot is never referenced: marking keeps every reachable string.
        self.strings.get(index).map_or("", |s| s)
    }

    /// Stores an integer outside the 64-bit range, accounting for its size.
    pub fn insert_bigint(&mut self, value: BigInt) -> Result<u32, Exception> {
        self.reserve(bigint_cost(value.bits()))?;
        self.bigints.insert(value, u32::MAX)
    }

    /// The integer behind a [`Value::BigInt`] handle.
    pub fn bigint(&self, index: u32) -> &BigInt {
        static ZERO: BigInt = BigInt::ZERO;
        self.bigints.get(index).unwrap_or(&ZERO)
    }

    /// Stores a tuple of `items`, accounting for its size.
    pub fn insert_tuple(&mut self, items: &[Value]) -> Result<u32, Exception> {
        self.reserve(tuple_cost(items.len()))?;
        let mut storage = Vec::new();
        storage
            .try_reserve_exact(items.len())
            .map_err(|_| memory_error())?;
        storage.extend_from_slice(items);
        self.tuples.insert(storage.into_boxed_slice(), u32::MAX)
    }

    /// The items of a [`Value::Tuple`].
    pub fn tuple(&self, index: u32) -> &[Value] {
        self.tuples.get(index).map_or(&[], |items| items)
    }

    /// Stores a new list holding `items`, accounting for its size.
    pub fn insert_list(&mut self, items: &[Value]) -> Result<u32, Exception> {
        self.reserve(list_cost(items.len()))?;
        let mut storage = Vec::new();
        storage
            .try_reserve_exact(items.len())
            .map_err(|_| memory_error())?;
        storage.extend_from_slice(items);
        self.lists.insert(storage, u32::MAX)
    }

    /// The items of a [`Value::List`].
    pub fn list(&self, index: u32) -> &[Value] {
        self.lists.get(index).map_or(&[], |items| items)
    }

    /// The items of a list, for mutation. Growth must go through [`Heap::list_reserve`] so it
    /// is accounted and fallible.
    pub fn list_mut(&mut self, index: u32) -> &mut Vec<Value> {
        live_list(&mut self.lists, index)
    }

    /// Makes room for `additional` more items in a list, accounting for the memory.
    pub fn list_reserve(&mut self, index: u32, additional: usize) -> Result<(), Exception> {
        let (len, capacity) = {
            let items = self.list(index);
            (items.len(), self.lists.get(index).map_or(0, Vec::capacity))
        };
        let needed = len.checked_add(additional).ok_or_else(memory_error)?;
        if needed <= capacity {
            return Ok(());
        }
        // Amortised doubling, as CPython's over-allocation.
        let new_capacity = needed.max(capacity.saturating_mul(2)).max(4);
        self.reserve(list_cost(new_capacity) - list_cost(capacity))?;
        let items = live_list(&mut self.lists, index);
        items
            .try_reserve_exact(new_capacity - items.len())
            .map_err(|_| memory_error())?;
        // The allocator may round up; account for what the list really holds.
        let actual = items.capacity();
        self.bytes_used = self
            .bytes_used
            .saturating_add(list_cost(actual).saturating_sub(list_cost(new_capacity)));
        Ok(())
    }

    /// Stores a new, empty dict.
    pub fn insert_dict(&mut self) -> Result<u32, Exception> {
        self.reserve(std::mem::size_of::<Dict>())?;
        self.dicts.insert(Dict::default(), u32::MAX)
    }

    pub fn dict(&self, index: u32) -> Option<&Dict> {
        self.dicts.get(index)
    }

    pub fn dict_mut(&mut self, index: u32) -> Option<&mut Dict> {
        self.dicts
            .items
            .get_mut(index as usize)
            .and_then(Option::as_mut)
    }

    /// Accounts for room for `additional` more entries in a dict.
    pub fn dict_reserve(&mut self, index: u32, additional: usize) -> Result<(), Exception> {
        let Some(dict) = self.dicts.get(index) else {
            return Ok(());
        };
        let (len, capacity) = (dict.entries.len(), dict.entries.capacity());
        let needed = len.checked_add(additional).ok_or_else(memory_error)?;
        if needed <= capacity {
            return Ok(());
        }
        let new_capacity = needed.max(capacity.saturating_mul(2)).max(8);
        self.reserve((new_capacity - capacity).saturating_mul(DICT_ENTRY_COST))?;
        let dict = self.dict_mut(index).ok_or_else(memory_error)?;
        dict.entries
            .try_reserve_exact(new_capacity - len)
            .map_err(|_| memory_error())?;
        dict.index
            .try_reserve(new_capacity - dict.index.len())
            .map_err(|_| memory_error())
    }

    /// Stores a new, empty set (a table of [`SET_MIN_SIZE`] slots).
    pub fn insert_set(&mut self) -> Result<u32, Exception> {
        self.reserve(std::mem::size_of::<Set>())?;
        let table = self.new_set_table(SET_MIN_SIZE)?;
        let set = Set {
            table,
            fill: 0,
            used: 0,
            finger: 0,
        };
        self.sets.insert(set, u32::MAX)
    }

    /// An empty set table of `slots` slots, accounted (and freed with its set, or handed
    /// back through [`Heap::release_set_table`]).
    pub fn new_set_table(&mut self, slots: usize) -> Result<Vec<SetSlot>, Exception> {
        self.reserve(set_table_cost(slots))?;
        let mut table = Vec::new();
        if table.try_reserve_exact(slots).is_err() {
            self.bytes_used = self.bytes_used.saturating_sub(set_table_cost(slots));
            return Err(memory_error());
        }
        table.resize(slots, SetSlot::Unused);
        Ok(table)
    }

    /// Un-accounts a set table that was replaced (the caller drops it).
    pub fn release_set_table(&mut self, table: &[SetSlot]) {
        self.bytes_used = self.bytes_used.saturating_sub(set_table_cost(table.len()));
    }

    pub fn set(&self, index: u32) -> Option<&Set> {
        self.sets.get(index)
    }

    pub fn set_mut(&mut self, index: u32) -> Option<&mut Set> {
        self.sets
            .items
            .get_mut(index as usize)
            .and_then(Option::as_mut)
    }

    /// Stores an iterator object.
    pub fn insert_generator(&mut self, generator: Generator) -> Result<u32, Exception> {
        self.reserve(generator_cost(generator.registers.len()))?;
        self.generators.insert(generator, u32::MAX)
    }

    pub fn generator(&self, index: u32) -> Option<&Generator> {
        self.generators.get(index)
    }

    pub fn generator_mut(&mut self, index: u32) -> Option<&mut Generator> {
        self.generators
            .items
            .get_mut(index as usize)
            .and_then(Option::as_mut)
    }

    pub fn insert_iterator(&mut self, state: Iterator) -> Result<u32, Exception> {
        self.reserve(ITERATOR_COST)?;
        self.iterators.insert(state, u32::MAX)
    }

    /// The state of a [`Value::Iterator`] (a freed slot is never referenced).
    pub fn iterator_mut(&mut self, index: u32) -> Option<&mut Iterator> {
        self.iterators
            .items
            .get_mut(index as usize)
            .and_then(Option::as_mut)
    }

    pub fn alloc_range(&mut self, range: [i64; 3]) -> Result<u32, Exception> {
        self.reserve(std::mem::size_of::<[i64; 3]>())?;
        let index = self.ranges.len() as u32;
        self.ranges.push(range);
        Ok(index)
    }

    pub fn range(&self, index: u32) -> [i64; 3] {
        self.ranges[index as usize]
    }
}

/// The items of a live list (handles never name a freed slot; if one did, an empty list
/// would stand in rather than a panic).
fn live_list(lists: &mut Slab<Vec<Value>>, index: u32) -> &mut Vec<Value> {
    let slot = &mut lists.items[index as usize];
    slot.get_or_insert_with(Vec::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_empties_every_slab_a_run_used() {
        let mut heap = Heap::new(1 << 30);
        heap.reset(1 << 30);
        assert!(!heap.may_hold_objects);
        heap.insert_string("a string stored without a reservation".into())
            .unwrap();
        heap.insert_list(&[Value::Int(1)]).unwrap();
        heap.alloc_range([0, 1 << 40, 1]).unwrap();
        heap.reset(1 << 30);
        assert!(heap.strings.items.is_empty() && heap.lists.items.is_empty());
        assert!(heap.ranges.is_empty() && !heap.may_hold_objects);
        heap.insert_dict().unwrap();
        heap.reset(1 << 30);
        assert!(heap.dicts.items.is_empty());
    }

    #[test]
    fn collection_frees_unreachable_objects_and_follows_tuples() {
        let mut heap = Heap::new(1 << 30);
        let kept = heap.insert_string("kept, a long string".into()).unwrap();
        let dropped = heap.insert_string("dropped, a long string".into()).unwrap();
        let big = heap.insert_bigint(BigInt::from(1u8) << 100).unwrap();
        let inner = heap.insert_tuple(&[Value::BigInt(big)]).unwrap();
        let outer = heap
            .insert_tuple(&[Value::Tuple(inner), Value::Str(kept)])
            .unwrap();
        let before = heap.bytes_used();
        heap.collect([Value::Tuple(outer)]);
        assert!(heap.bytes_used() < before);
        assert_eq!(heap.str(kept.heap_index().unwrap()), "kept, a long string");
        assert_eq!(heap.bigint(big), &(BigInt::from(1u8) << 100));
        // The dropped string's slot is reused by the next string.
        let reused = heap.insert_string("new, and long too".into()).unwrap();
        assert_eq!(reused, dropped);
        heap.collect([]);
        assert_eq!(heap.bytes_used(), 0);
    }

    #[test]
    fn deeply_nested_tuples_are_marked_without_recursion() {
        let mut heap = Heap::new(1 << 30);
        let mut value = Value::None;
        for _ in 0..200_000 {
            value = Value::Tuple(heap.insert_tuple(&[value]).unwrap());
        }
        let before = heap.bytes_used();
        heap.collect([value]);
        assert_eq!(heap.bytes_used(), before);
    }
}
