//! A stream as the wasm layer holds it: a readable side, a writable side, or both (Duplex,
//! Transform), with the rules that need both sides.

use crate::lifecycle::Lifecycle;
use crate::readable::Readable;
use crate::writable::Writable;

/// What follows `'end'` (a value of [`after_end`]).
pub mod after_end {
    /// Nothing.
    pub const NOTHING: u32 = 0;
    /// End the writable side on the next tick (`allowHalfOpen: false`).
    pub const END_WRITABLE: u32 = 1;
    /// Destroy the stream (`autoDestroy`).
    pub const DESTROY: u32 = 2;
}

/// What a Transform does with the callback of `_write` once `_transform` called back (a value
/// of [`transform_callback`]).
pub mod transform_callback {
    /// Call it on the next tick: the readable side has ended.
    pub const NEXT_TICK: u32 = 1;
    /// Call it now: there is room on the readable side.
    pub const NOW: u32 = 2;
    /// Keep it until `_read` asks for more: the readable side is full.
    pub const HOLD: u32 = 3;
}

/// One stream's state: either side may be absent.
#[derive(Debug, Default)]
pub struct Stream {
    /// The readable side.
    pub readable: Option<Readable>,
    /// The writable side.
    pub writable: Option<Writable>,
}

impl Lifecycle for Stream {
    fn sides(&mut self) -> [Option<&mut u32>; 2] {
        [
            self.readable.as_mut().map(|r| &mut r.state),
            self.writable.as_mut().map(|w| &mut w.state),
        ]
    }
}

/// A stream's state as numbers (see [`Stream::snapshot`]), read back one number at a time.
pub struct Words<'a>(pub &'a [f64]);

impl Words<'_> {
    /// The next number, if any.
    pub fn next(&mut self) -> Option<f64> {
        let (first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*first)
    }

    /// A count followed by that many numbers.
    pub fn queue(&mut self) -> Option<std::collections::VecDeque<f64>> {
        let count = self.next()?;
        if !(count >= 0.0 && count <= self.0.len() as f64) {
            return None;
        }
        let (items, rest) = self.0.split_at(count as usize);
        self.0 = rest;
        Some(items.iter().copied().collect())
    }
}

impl Stream {
    /// The whole state as numbers: which sides exist (1 readable, 2 writable), then each side's
    /// [`Readable::snapshot`] and [`Writable::snapshot`].
    pub fn snapshot(&self) -> Vec<f64> {
        let mut out = vec![(self.readable.is_some() as u32 | (self.writable.is_some() as u32) << 1) as f64];
        if let Some(r) = &self.readable {
            r.snapshot(&mut out);
        }
        if let Some(w) = &self.writable {
            w.snapshot(&mut out);
        }
        out
    }

    /// The stream whose [`Stream::snapshot`] `words` are; `None` when they are not one.
    pub fn restore(words: &[f64]) -> Option<Stream> {
        let mut words = Words(words);
        let sides = words.next()?;
        if !(sides == 1.0 || sides == 2.0 || sides == 3.0) {
            return None;
        }
        let readable = if sides != 2.0 { Some(Readable::restore(&mut words)?) } else { None };
        let writable = if sides != 1.0 { Some(Writable::restore(&mut words)?) } else { None };
        words.0.is_empty().then_some(Stream { readable, writable })
    }

    /// After `'end'` was emitted (`endReadableNT`): end the writable side when the stream is
    /// still writable and `allowHalfOpen` is false, else destroy when both sides are done and
    /// `autoDestroy` is on.
    pub fn after_end(&mut self, allow_half_open: bool) -> u32 {
        let Some(r) = &self.readable else { return after_end::NOTHING };
        let writable = self.writable.as_ref();
        if writable.is_some_and(Writable::writable) && !allow_half_open {
            return after_end::END_WRITABLE;
        }
        if r.auto_destroy() && writable.is_none_or(Writable::done_for_auto_destroy) {
            return after_end::DESTROY;
        }
        after_end::NOTHING
    }

    /// The tick `END_WRITABLE` scheduled: whether to call `end()` (still writable, not ended, not
    /// destroyed).
    pub fn end_writable_due(&mut self) -> bool {
        self.writable.as_ref().is_some_and(Writable::writable)
    }

    /// After `'finish'`: whether to destroy (`autoDestroy`, and the readable side, if any, is
    /// done too).
    pub fn after_finish(&mut self) -> bool {
        let Some(w) = &self.writable else { return false };
        w.state() & crate::readable::state::AUTO_DESTROY != 0
            && self.readable.as_ref().is_none_or(Readable::done_for_auto_destroy)
    }

    /// `onwrite` on the writable side; an error is recorded on the readable side too.
    pub fn onwrite(&mut self, has_error: bool) -> u32 {
        let Some(w) = self.writable.as_mut() else { return 0 };
        let mut out = w.onwrite(has_error);
        if has_error && out & crate::writable::wact::ERR_MULTIPLE_CALLBACK == 0 {
            if let Some(r) = self.readable.as_mut() {
                if r.record_error() {
                    out |= crate::writable::wact::SET_ERRORED;
                }
            }
        }
        out
    }

    /// The `destroyed` setter (a compatibility knob, as Node keeps it): set or clear the
    /// `destroyed` bit on every side, and nothing else.
    pub fn set_destroyed(&mut self, destroyed: bool) {
        let bit = crate::readable::state::DESTROYED;
        for word in self.sides().into_iter().flatten() {
            if destroyed {
                *word |= bit;
            } else {
                *word &= !bit;
            }
        }
    }

    /// `destroyed`: every side the stream has is destroyed.
    pub fn is_destroyed(&mut self) -> bool {
        let destroyed = crate::readable::state::DESTROYED;
        self.sides().into_iter().flatten().all(|word| *word & destroyed != 0)
    }

    /// Whether `'close'` will come on its own (`autoDestroy` and `emitClose` on, not closed yet),
    /// judged on the deciding side: Node's `willEmitClose`.
    pub fn will_emit_close(&mut self) -> bool {
        use crate::readable::state::{AUTO_DESTROY, CLOSED, EMIT_CLOSE_OPTION};
        let [r, w] = self.sides();
        w.or(r).is_some_and(|word| {
            *word & (AUTO_DESTROY | EMIT_CLOSE_OPTION | CLOSED) == AUTO_DESTROY | EMIT_CLOSE_OPTION
        })
    }

    /// Which sides the stream has, 1 readable and 2 writable, leaving out a disabled side of a
    /// duplex (Node's isReadableNodeStream / isWritableNodeStream look at the flag only there).
    pub fn live_sides(&self) -> u32 {
        let duplex = self.readable.is_some() && self.writable.is_some();
        let readable = self.readable.as_ref().is_some_and(|r| !duplex || !r.disabled());
        let writable = self.writable.as_ref().is_some_and(|w| !duplex || !w.disabled());
        u32::from(readable) | (u32::from(writable) << 1)
    }

    /// Whether the stream has closed (`_destroy` called back), on the deciding side.
    pub fn is_closed(&mut self) -> bool {
        self.deciding_side_has(crate::readable::state::CLOSED)
    }

    /// A Transform's `_transform` called back after pushing; `length_before` is the readable
    /// length when `_write` started. A value of [`transform_callback`].
    pub fn transform_callback(&self, length_before: f64) -> u32 {
        let (Some(r), Some(w)) = (&self.readable, &self.writable) else { return 0 };
        if r.ended() {
            transform_callback::NEXT_TICK
        } else if w.state() & crate::writable::wstate::ENDED != 0
            || length_before == r.length()
            || r.length() < r.high_water_mark()
        {
            transform_callback::NOW
        } else {
            transform_callback::HOLD
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readable::Options;
    use crate::writable::WOptions;

    #[test]
    fn a_snapshot_restores_the_same_stream() {
        let mut s = Stream {
            readable: Some(Readable::new(Options { high_water_mark: Some(5.0), object_mode: false, emit_close: true, auto_destroy: false, decoder: false }).unwrap()),
            writable: Some(Writable::new(WOptions { high_water_mark: None, object_mode: true, emit_close: false, auto_destroy: true }).unwrap()),
        };
        let r = s.readable.as_mut().unwrap();
        r.push(3.0, 3.0);
        r.push(4.0, 4.0);
        r.read(2.0);
        let w = s.writable.as_mut().unwrap();
        w.cork();
        w.write(1.0, true, false);
        w.write(1.0, false, false);
        s.destroy(true);
        let words = s.snapshot();
        let back = Stream::restore(&words).unwrap();
        assert_eq!(format!("{back:?}"), format!("{s:?}"));
        assert_eq!(back.snapshot(), words);
        let one_side = Stream { readable: None, ..back };
        assert_eq!(format!("{:?}", Stream::restore(&one_side.snapshot()).unwrap()), format!("{one_side:?}"));
    }

    #[test]
    fn anything_else_restores_nothing() {
        for words in [&[][..], &[0.0], &[4.0], &[f64::NAN], &[1.0, 1.0], &[2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1e300]] {
            assert!(Stream::restore(words).is_none(), "{words:?}");
        }
        let mut words = Stream { readable: None, writable: Some(Writable::new(WOptions { high_water_mark: None, object_mode: false, emit_close: true, auto_destroy: true }).unwrap()) }.snapshot();
        words.push(0.0);
        assert!(Stream::restore(&words).is_none(), "trailing numbers");
    }
}
