//! A table of cores addressed by integer handles, so that no JS input can reach freed memory:
//! a handle carries a generation, and a stale or made-up handle finds nothing. [`with_table`]
//! is the one way to the table of every stream's core.

use std::cell::{Cell, UnsafeCell};

use highwater_core::stream::Stream;

// The table below is a plain cell, sound only with one thread.
#[cfg(target_feature = "atomics")]
compile_error!("highwater's stream table assumes one thread: build without wasm threads (atomics)");

/// Every stream's core. The wasm instance runs on one thread and the core never calls back into
/// JS, so no two borrows of the table can overlap: a plain cell without a borrow flag suffices
/// (a `RefCell` here costs a measurable part of each call). Debug builds check it anyway.
struct Streams {
    table: UnsafeCell<Table<Stream>>,
    /// Debug builds: a [`with_table`] call is running.
    busy: Cell<bool>,
}

// SAFETY: one thread (threads do not compile, above), and the table is only reached through
// `with_table`.
unsafe impl Sync for Streams {}

static STREAMS: Streams = Streams { table: UnsafeCell::new(Table::new()), busy: Cell::new(false) };

/// Run `f` with the table of every stream's core. `f` must not call into JS (which could call
/// back in); debug builds panic on such a nested call.
pub fn with_table<R>(f: impl FnOnce(&mut Table<Stream>) -> R) -> R {
    let _busy = cfg!(debug_assertions).then(Busy::enter);
    // SAFETY: see `Streams`: one thread, and `f` runs only core code, so this is the only
    // borrow of the table while it lives.
    f(unsafe { &mut *STREAMS.table.get() })
}

/// Debug builds: marks a [`with_table`] call as running, until dropped (a panic included).
struct Busy;

impl Busy {
    fn enter() -> Busy {
        assert!(!STREAMS.busy.replace(true), "the stream table was borrowed twice");
        Busy
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        STREAMS.busy.set(false);
    }
}

/// Run `f` on the stream behind handle `h`, or answer `missing`.
pub fn with_stream<R>(h: u32, missing: R, f: impl FnOnce(&mut Stream) -> R) -> R {
    with_table(|table| match table.get_mut(h) {
        Some(s) => f(s),
        None => missing,
    })
}

/// A handle is 23 bits of slot index (8,388,607 live streams) and 7 of generation: 30 bits in
/// all, so that every handle is a small integer to V8 (a Smi). A larger one would be a heap
/// number, allocated each time the façade stores or passes a new handle.
const INDEX_BITS: u32 = 23;
const INDEX_MASK: u32 = (1 << INDEX_BITS) - 1;
const GENERATION_MASK: u32 = 0x7f;

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
        ((slot.generation & GENERATION_MASK) << INDEX_BITS) | (index + 1)
    }

    fn locate(&self, handle: u32) -> Option<usize> {
        let index = (handle & INDEX_MASK).checked_sub(1)? as usize;
        let slot = self.slots.get(index)?;
        (slot.value.is_some() && (slot.generation & GENERATION_MASK) == handle >> INDEX_BITS).then_some(index)
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

    /// The only host test that touches the static table (host tests run on several threads).
    #[test]
    #[should_panic(expected = "borrowed twice")]
    fn a_nested_borrow_of_the_stream_table_is_caught_in_debug_builds() {
        with_table(|_| with_table(|_| ()));
    }

    #[test]
    fn every_handle_is_a_small_integer_to_v8() {
        let mut t = Table::default();
        for _ in 0..300 {
            let h = t.insert(());
            assert!(h < 1 << 30, "{h} is past V8's small integers");
            t.remove(h);
        }
    }

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
