//! The name interner: each distinct identifier gets one `u32` id, so nothing after the
//! compiler compares or hashes name strings.

use std::collections::HashMap;

/// An interned identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameId(pub u32);

/// Maps identifiers to [`NameId`]s and back.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    ids: HashMap<Box<str>, NameId>,
    names: Vec<Box<str>>,
}

impl Interner {
    pub fn intern(&mut self, name: &str) -> NameId {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = NameId(self.names.len() as u32);
        self.names.push(name.into());
        self.ids.insert(name.into(), id);
        id
    }

    /// The text of an interned name.
    pub fn resolve(&self, id: NameId) -> &str {
        &self.names[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
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
}
