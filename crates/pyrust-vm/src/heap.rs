//! The heap owned by one run: strings made at run time and ranges too large to inline.
//!
//! Values refer to heap data by index, so [`Value`](crate::Value) stays `Copy`. Every
//! allocation is counted against the run's memory limit before it is made and made
//! fallibly. Strings hold no references, so collecting them needs no tracing: the VM marks
//! the strings its registers and globals refer to ([`Heap::sweep`] frees the rest and reuses
//! their slots). Large ranges are tiny and live until the run ends.

use crate::error::{Exception, ExceptionKind};
use crate::value::StrRef;

/// Heap storage of one run.
#[derive(Debug, Default)]
pub struct Heap {
    /// Heap strings; `None` marks a freed slot.
    strings: Vec<Option<Box<str>>>,
    /// Indices of freed string slots, reused before the vector grows.
    free_strings: Vec<u32>,
    ranges: Vec<[i64; 3]>,
    bytes_used: usize,
    byte_limit: usize,
    /// Collect when `bytes_used` would pass this.
    collect_at: usize,
}

/// The first collection happens once the heap holds this much.
const FIRST_COLLECTION_BYTES: usize = 1 << 20;

/// Bytes a string of `len` bytes is accounted as.
fn string_cost(len: usize) -> usize {
    len.saturating_add(std::mem::size_of::<Box<str>>())
}

impl Heap {
    pub fn new(byte_limit: usize) -> Heap {
        Heap {
            byte_limit,
            ..Heap::default()
        }
    }

    /// Empties the heap for a new run with `byte_limit`, keeping its storage.
    pub fn reset(&mut self, byte_limit: usize) {
        self.strings.clear();
        self.free_strings.clear();
        self.ranges.clear();
        self.bytes_used = 0;
        self.byte_limit = byte_limit;
        self.collect_at = FIRST_COLLECTION_BYTES;
    }

    /// Whether allocating `len` more bytes of string should first collect garbage.
    pub fn should_collect(&self, len: usize) -> bool {
        let wanted = self.bytes_used.saturating_add(string_cost(len));
        wanted > self.collect_at.max(FIRST_COLLECTION_BYTES) || wanted > self.byte_limit
    }

    /// Number of string slots (for sizing the mark bitmap).
    pub fn string_slots(&self) -> usize {
        self.strings.len()
    }

    /// Frees every heap string whose bit in `marked` (indexed by slot) is clear.
    pub fn sweep(&mut self, marked: &[u64]) {
        for index in 0..self.strings.len() {
            let live = marked
                .get(index / 64)
                .is_some_and(|word| word & (1 << (index % 64)) != 0);
            if live {
                continue;
            }
            if let Some(text) = self.strings[index].take() {
                self.bytes_used = self.bytes_used.saturating_sub(string_cost(text.len()));
                self.free_strings.push(index as u32);
            }
        }
        self.collect_at = self
            .bytes_used
            .saturating_mul(2)
            .max(FIRST_COLLECTION_BYTES);
    }

    /// Bytes currently held by heap objects.
    pub fn bytes_used(&self) -> usize {
        self.bytes_used
    }

    /// Accounts for `bytes` more, or fails with MemoryError if that would pass the limit.
    pub fn reserve(&mut self, bytes: usize) -> Result<(), Exception> {
        match self.bytes_used.checked_add(bytes) {
            Some(total) if total <= self.byte_limit => {
                self.bytes_used = total;
                Ok(())
            }
            _ => Err(Exception::new(ExceptionKind::MemoryError, String::new())),
        }
    }

    /// Accounts for a string of `len` bytes about to be built, or fails with MemoryError.
    pub fn reserve_string(&mut self, len: usize) -> Result<(), Exception> {
        self.reserve(string_cost(len))
    }

    /// Stores a string built after [`Heap::reserve_string`] and returns its handle.
    pub fn insert_string(&mut self, text: String) -> Result<StrRef, Exception> {
        if let Some(index) = self.free_strings.pop() {
            self.strings[index as usize] = Some(text.into_boxed_str());
            return Ok(StrRef(index | StrRef::HEAP_BIT));
        }
        let index = self.strings.len() as u32;
        if index >= StrRef::HEAP_BIT {
            return Err(Exception::new(ExceptionKind::MemoryError, String::new()));
        }
        self.strings.push(Some(text.into_boxed_str()));
        Ok(StrRef(index | StrRef::HEAP_BIT))
    }

    /// The text of a heap string (its `HEAP_BIT` already removed).
    pub fn str(&self, index: u32) -> &str {
        // A freed slot is never referenced: marking keeps every reachable string.
        self.strings
            .get(index as usize)
            .and_then(|s| s.as_deref())
            .unwrap_or("")
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
