//! The name interner: each distinct identifier gets one `u32` id, so nothing after the
//! compiler compares or hashes name strings.
//!
//! Names are stored back to back in one `String` and found through an open-addressing table
//! of ids, so a cleared interner re-interns a program's names without allocating.

/// An interned identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameId(pub u32);

use crate::bytecode::MODULE_NAME;
use pyrust_parser::Span;

/// Maps identifiers to [`NameId`]s and back.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    text: String,
    /// `(start, len)` of each name in `text`, indexed by id.
    spans: Vec<(u32, u32)>,
    /// Open-addressing hash table of `id + 1` (0 = empty); its length is a power of two.
    table: Vec<u32>,
    /// Whether name 0 is [`MODULE_NAME`], interned by [`Interner::reset_to_module_name`]:
    /// a flag test for the next reset instead of a text comparison. Only `clear` and a
    /// `truncate` to nothing remove name 0, and they lower it.
    module_first: bool,
}

impl Interner {
    /// Inlined: its callers are few, and most are the out-of-line first look-up of an
    /// identifier occurrence (`SpanNames`), whose call this would only add to.
    #[inline(always)]
    pub fn intern(&mut self, name: &str) -> NameId {
        if (self.spans.len() + 1) * 2 > self.table.len() {
            self.grow();
        }
        let mask = self.table.len() - 1;
        let mut slot = hash(name) as usize & mask;
        let text = self.text.as_bytes();
        loop {
            let entry = self.table[slot];
            if entry == 0 {
                break;
            }
            let (start, len) = self.spans[entry as usize - 1];
            if len as usize == name.len() && same_bytes(&text[start as usize..], name.as_bytes()) {
                return NameId(entry - 1);
            }
            slot = (slot + 1) & mask;
        }
        self.insert(name, slot)
    }

    /// Adds `name` in the empty table `slot` its probe ended at. Out of line: most interning
    /// finds a name already there, and the lookup stays small without this part.
    #[inline(never)]
    fn insert(&mut self, name: &str, slot: usize) -> NameId {
        let id = self.spans.len() as u32;
        self.spans.push((self.text.len() as u32, name.len() as u32));
        self.text.push_str(name);
        self.table[slot] = id + 1;
        NameId(id)
    }

    /// The length in bytes of an interned name.
    fn name_len(&self, id: NameId) -> Option<u32> {
        self.spans.get(id.0 as usize).map(|&(_, len)| len)
    }

    /// The text of an interned name.
    pub fn resolve(&self, id: NameId) -> &str {
        let (start, len) = self.spans[id.0 as usize];
        &self.text[start as usize..(start + len) as usize]
    }

    /// Forgets every name but [`MODULE_NAME`], which is left as name 0 (interned if it is
    /// not that already), keeping the storage.
    pub(crate) fn reset_to_module_name(&mut self) {
        if self.module_first {
            self.truncate(1);
        } else {
            self.clear();
            self.intern(MODULE_NAME);
            self.module_first = true;
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Forgets every name, keeping the storage.
    pub fn clear(&mut self) {
        self.module_first = false;
        self.text.clear();
        self.spans.clear();
        self.table.fill(0);
    }

    /// Forgets the names from id `len` on, keeping the storage and the first `len` names.
    /// Their table entries stay valid: a name's probe sequence only crosses entries of names
    /// interned before it (lower ids), and those are kept.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.spans.len() {
            return;
        }
        if len == 0 {
            self.module_first = false;
        }
        let text_end = len
            .checked_sub(1)
            .map_or(0, |last| (self.spans[last].0 + self.spans[last].1) as usize);
        self.text.truncate(text_end);
        self.spans.truncate(len);
        // A select rather than a branch, so the loop is vectorised.
        let len = u32::try_from(len).unwrap_or(u32::MAX);
        for entry in &mut self.table {
            *entry = if *entry > len { 0 } else { *entry };
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let size = (self.table.len() * 2).max(16);
        self.table.clear();
        self.table.resize(size, 0);
        let mask = size - 1;
        for id in 0..self.spans.len() {
            let mut slot = hash(self.resolve(NameId(id as u32))) as usize & mask;
            while self.table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.table[slot] = id as u32 + 1;
        }
    }
}

/// The [`NameId`] of each identifier of one source, by the byte offset it starts at, so a
/// name that scope analysis and then code generation look up several times is hashed and
/// compared once per occurrence instead of once per look-up.
#[derive(Debug, Default)]
pub(crate) struct SpanNames {
    /// `(generation, id)` of the identifier starting at each byte offset; an entry of an
    /// earlier generation (compilation) is empty. Tagging avoids clearing the table, which
    /// is as long as the source, for every compilation.
    ids: Vec<(u32, NameId)>,
    generation: u32,
}

impl SpanNames {
    /// Forgets every entry, for a new source of `source_len` bytes (the interner's ids may
    /// have changed since).
    pub(crate) fn reset(&mut self, source_len: usize) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // Wrapped around: entries of generation 1 may be 2^32 compilations old.
            self.ids.fill((0, NameId(0)));
            self.generation = 1;
        }
        if self.ids.len() < source_len {
            self.ids.resize(source_len, (0, NameId(0)));
        }
    }

    /// Interns the identifier `span` of `source`. The entry is checked against the name's
    /// length, so a span that is not a whole identifier cannot pick up another name's id.
    #[inline]
    pub(crate) fn intern(&mut self, interner: &mut Interner, source: &str, span: Span) -> NameId {
        if let Some(&(generation, id)) = self.ids.get(span.start as usize) {
            if generation == self.generation
                && interner.name_len(id) == Some(span.end.wrapping_sub(span.start))
            {
                return id;
            }
        }
        self.intern_new(interner, source, span)
    }

    /// The first look-up of an occurrence. Out of line: it is the cold side of `intern`.
    #[inline(never)]
    fn intern_new(&mut self, interner: &mut Interner, source: &str, span: Span) -> NameId {
        let id = interner.intern(span.text(source));
        if let Some(entry) = self.ids.get_mut(span.start as usize) {
            *entry = (self.generation, id);
        }
        id
    }
}

/// Whether `text` starts with `name`: a byte loop, cheaper than a `memcmp` call for names
/// of a few bytes.
fn same_bytes(text: &[u8], name: &[u8]) -> bool {
    text.len() >= name.len() && name.iter().zip(text).all(|(a, b)| a == b)
}

/// FNV-1a: names are short, so a simple byte hash is fast enough and needs no dependency.
fn hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_name_same_id() {
        let mut interner = Interner::default();
        let a = interner.intern("x");
        let b = interner.intern("y");
        assert_eq!(interner.intern("x"), a);
        assert_ne!(a, b);
        assert_eq!(interner.resolve(b), "y");
    }

    #[test]
    fn many_names_survive_growth_and_clear() {
        let mut interner = Interner::default();
        let names: Vec<String> = (0..1000).map(|i| format!("name{i}")).collect();
        let ids: Vec<NameId> = names.iter().map(|n| interner.intern(n)).collect();
        for (name, id) in names.iter().zip(&ids) {
            assert_eq!(interner.intern(name), *id);
            assert_eq!(interner.resolve(*id), name);
        }
        interner.clear();
        assert!(interner.is_empty());
        assert_eq!(interner.intern("name5"), NameId(0));
    }

    #[test]
    fn truncate_keeps_the_first_names() {
        let mut interner = Interner::default();
        let names: Vec<String> = (0..100).map(|i| format!("n{i}")).collect();
        for name in &names {
            interner.intern(name);
        }
        interner.truncate(10);
        assert_eq!(interner.len(), 10);
        for (i, name) in names.iter().enumerate().take(10) {
            assert_eq!(interner.intern(name), NameId(i as u32));
        }
        assert_eq!(interner.intern("n50"), NameId(10));
        assert_eq!(interner.resolve(NameId(10)), "n50");
    }
}
