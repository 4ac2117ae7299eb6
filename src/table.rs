//! A table of cores addressed by integer handles, so that no JS input can reach freed memory:
//! a handle carries a generation, and a stale or made-up handle finds nothing.

/// Handles below this many slots keep 8 bits for the generation.
const INDEX_BITS: u32 = 24;
const INDEX_MASK: u32 = (1 << INDEX_BITS) - 1;

struct Slot<T> {
    generation: u32,
    value: Option<T>,
}

/// Cores by handle; handle 0 is never given out.
pub struct Table<T> {
    slots: Vec<Slot<T>>,
    free: Vec<u32>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Table<T> {
    /// An empty table (usable in a `static`).
    pub const fn new() -> Self {
        Table { slots: Vec::new(), free: Vec::new() }
    }

    /// Store `value`; returns its handle, or 0 when the table is full.
    pub fn insert(&mut self, value: T) -> u32 {
        let index = match self.free.pop() {
            Some(i) => i,
            None => {
                if self.slots.len() as u32 >= INDEX_MASK {
                    return 0;
                }
                self.slots.push(Slot { generation: 0, value: None });
                self.slots.len() as u32 - 1
            }
        };
        let slot = &mut self.slots[index as usize];
        slot.value = Some(value);
        ((slot.generation & 0xff) << INDEX_BITS) | (index + 1)
    }

    fn locate(&self, handle: u32) -> Option<usize> {
        let index = (handle & INDEX_MASK).checked_sub(1)? as usize;
        let slot = self.slots.get(index)?;
        (slot.value.is_some() && (slot.generation & 0xff) == handle >> INDEX_BITS).then_some(index)
    }

    /// The value behind `handle`, if it is live.
    pub fn get_mut(&mut self, handle: u32) -> Option<&mut T> {
        let index = self.locate(handle)?;
        self.slots[index].value.as_mut()
    }

    /// Drop the value behind `handle`; false when it was not live.
    pub fn remove(&mut self, handle: u32) -> bool {
        let Some(index) = self.locate(handle) else { return false };
        let slot = &mut self.slots[index];
        slot.value = None;
        slot.generation = slot.generation.wrapping_add(1);
        self.free.push(index as u32);
        true
    }

    /// How many values are live.
    pub fn len(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    /// True when no value is live.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_and_made_up_handles_find_nothing() {
        let mut t = Table::default();
        let a = t.insert(1);
        assert_eq!(t.get_mut(a), Some(&mut 1));
        assert!(t.remove(a));
        assert!(!t.remove(a));
        let b = t.insert(2);
        assert_ne!(a, b, "a reused slot gets a new generation");
        assert_eq!(t.get_mut(a), None);
        assert_eq!(t.get_mut(0), None);
        assert_eq!(t.get_mut(u32::MAX), None);
        assert_eq!(t.len(), 1);
    }
}
