//! What the readable and the writable side share: the lifecycle bits (at the same places in both
//! state words, as in Node), the options both take, the state word with the buffered length and
//! the `highWaterMark`, and the snapshot format.

use std::collections::VecDeque;

use crate::hwm::{default_high_water_mark, is_valid};

named_bits! {
    /// The lifecycle bits, the same in the readable and the writable state word (Node's `kState`
    /// bits of `destroy.js`); each side's own bits come after them.
    pub mod bits {
        OBJECT_MODE = 1 << 0;
        ERROR_EMITTED = 1 << 1;
        AUTO_DESTROY = 1 << 2;
        EMIT_CLOSE_OPTION = 1 << 3;
        DESTROYED = 1 << 4;
        CLOSED = 1 << 5;
        CLOSE_EMITTED = 1 << 6;
        ERRORED = 1 << 7;
        CONSTRUCTED = 1 << 8;
        /// `_destroy` was called and has not called back yet: a second callback is ignored.
        /// (Past every side's own bits, which start at 9.)
        DESTROY_CALLBACK_DUE = 1 << 29;
        /// `_construct` was called and has not called back yet: a second callback is an error.
        CONSTRUCT_CALLBACK_DUE = 1 << 30;
    }
}

use bits::*;

/// Options fixed when a side is created.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// `highWaterMark`; `None` takes the default for the mode.
    pub high_water_mark: Option<f64>,
    /// `objectMode`.
    pub object_mode: bool,
    /// `emitClose` (default true).
    pub emit_close: bool,
    /// `autoDestroy` (default true).
    pub auto_destroy: bool,
}

impl Default for Options {
    /// Node's defaults: default highWaterMark, byte mode, `emitClose` and `autoDestroy` on.
    fn default() -> Self {
        Options { high_water_mark: None, object_mode: false, emit_close: true, auto_destroy: true }
    }
}

/// Why options were refused.
#[derive(Debug, PartialEq, Eq)]
pub enum OptionsError {
    /// `highWaterMark` is not a non-negative integer (`ERR_INVALID_ARG_VALUE`).
    InvalidHighWaterMark,
}

/// The part of a side both kinds have: its state word, buffered length and `highWaterMark`.
#[derive(Debug)]
pub(crate) struct Side {
    pub(crate) state: u32,
    pub(crate) length: f64,
    pub(crate) high_water_mark: f64,
}

impl Side {
    /// A side with the state bits `initial` and those the options ask for.
    pub(crate) fn new(options: Options, initial: u32) -> Result<Side, OptionsError> {
        let mut state = initial | EMIT_CLOSE_OPTION | AUTO_DESTROY | CONSTRUCTED;
        if options.object_mode {
            state |= OBJECT_MODE;
        }
        if !options.emit_close {
            state &= !EMIT_CLOSE_OPTION;
        }
        if !options.auto_destroy {
            state &= !AUTO_DESTROY;
        }
        let high_water_mark = match options.high_water_mark {
            None => default_high_water_mark(options.object_mode),
            Some(h) if is_valid(h) => h,
            Some(_) => return Err(OptionsError::InvalidHighWaterMark),
        };
        Ok(Side { state, length: 0.0, high_water_mark })
    }

    /// Whether any of `bits` is set.
    pub(crate) fn has(&self, bits: u32) -> bool {
        self.state & bits != 0
    }

    pub(crate) fn set(&mut self, bits: u32) {
        self.state |= bits;
    }

    pub(crate) fn clear(&mut self, bits: u32) {
        self.state &= !bits;
    }

    /// What a chunk of `len` bytes (or UTF-16 units) counts for: 1 in object mode, else its
    /// length. Both sides measure their buffers this way.
    pub(crate) fn size_of(&self, len: f64) -> f64 {
        if self.has(OBJECT_MODE) {
            1.0
        } else {
            len
        }
    }

    /// Set the `highWaterMark` as a web queuing strategy or an assignment to the state object
    /// may: any number from 0 up (fractions and Infinity included); false for a negative number
    /// or NaN.
    pub(crate) fn set_high_water_mark(&mut self, value: f64) -> bool {
        if value.is_nan() || value < 0.0 {
            return false;
        }
        self.high_water_mark = value;
        true
    }

    /// An assignment to one of Node's bitmap fields of the state object: as Node's setter, the
    /// bit is set or cleared and nothing else happens until a later call reads it. `bit` must be
    /// one bit of `assignable`; false (and no change) otherwise.
    pub(crate) fn assign(&mut self, bit: u32, on: bool, assignable: u32) -> bool {
        if bit == 0 || bit & (bit - 1) != 0 || bit & assignable == 0 {
            return false;
        }
        if on {
            self.set(bit);
        } else {
            self.clear(bit);
        }
        true
    }

    /// Appends the side's numbers to `out` (first of each side's snapshot).
    pub(crate) fn snapshot(&self, out: &mut Vec<f64>) {
        let Side { state, length, high_water_mark } = self;
        out.extend([*state as f64, *length, *high_water_mark]);
    }

    /// The side [`Side::snapshot`] saved, read from `words`.
    pub(crate) fn restore(words: &mut Words) -> Option<Side> {
        Some(Side { state: words.next()? as u32, length: words.next()?, high_water_mark: words.next()? })
    }
}

/// A stream's state as numbers (see `Stream::snapshot`), read back one number at a time.
pub struct Words<'a>(pub &'a [f64]);

impl Iterator for Words<'_> {
    type Item = f64;

    /// The next number, if any.
    fn next(&mut self) -> Option<f64> {
        let (first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*first)
    }
}

impl Words<'_> {
    /// A count followed by that many numbers.
    pub fn queue(&mut self) -> Option<VecDeque<f64>> {
        let count = self.next()?;
        if !(count >= 0.0 && count <= self.0.len() as f64) {
            return None;
        }
        let (items, rest) = self.0.split_at(count as usize);
        self.0 = rest;
        Some(items.iter().copied().collect())
    }
}
