//! The heap owned by one run: strings made at run time and ranges too large to inline.
//!
//! Values refer to heap data by index, so [`Value`](crate::Value) stays `Copy`. Every
//! allocation is counted against the run's memory limit before it is made and made
//! fallibly. Objects live until the run ends (collection arrives with the container types).

use crate::error::{Exception, ExceptionKind};
use crate::value::StrRef;

/// Heap storage of one run.
#[derive(Debug, Default)]
pub struct Heap {
    strings: Vec<Box<str>>,
    ranges: Vec<[i64; 3]>,
    bytes_used: usize,
    byte_limit: usize,
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
        self.ranges.clear();
        self.bytes_used = 0;
        self.byte_limit = byte_limit;
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

    /// Builds a string of `len` bytes with `fill`, checking the limit before allocating.
    pub fn alloc_str_with(
        &mut self,
        len: usize,
        fill: impl FnOnce(&mut String),
    ) -> Result<StrRef, Exception> {
        let size = len.saturating_add(std::mem::size_of::<Box<str>>());
        self.reserve(size)?;
        let mut text = String::new();
        text.try_reserve_exact(len)
            .map_err(|_| Exception::new(ExceptionKind::MemoryError, String::new()))?;
        fill(&mut text);
        let index = self.strings.len() as u32;
        if index >= StrRef::HEAP_BIT {
            return Err(Exception::new(ExceptionKind::MemoryError, String::new()));
        }
        self.strings.push(text.into_boxed_str());
        Ok(StrRef(index | StrRef::HEAP_BIT))
    }

    /// The text of a heap string (its `HEAP_BIT` already removed).
    pub fn str(&self, index: u32) -> &str {
        &self.strings[index as usize]
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
