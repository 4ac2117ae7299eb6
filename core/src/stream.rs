//! A stream as the wasm layer holds it: a readable side, a writable side, or both (Duplex,
//! Transform), with the rules that need both sides.

use crate::lifecycle::Lifecycle;
use crate::readable::Readable;
use crate::side::bits::{AUTO_DESTROY, CLOSED, DESTROYED, EMIT_CLOSE_OPTION};
use crate::side::Words;
use crate::writable::{wact, wstate, WActions, Writable};

codes! {
    /// What follows `'end'`.
    pub enum AfterEnd {
        /// Nothing.
        Nothing = 0, "NOTHING";
        /// End the writable side on the next tick (`allowHalfOpen: false`).
        EndWritable = 1, "END_WRITABLE";
        /// Destroy the stream (`autoDestroy`).
        Destroy = 2, "DESTROY";
    }
}

/// What a Transform does with the callback of `_write` once `_transform` called back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransformCallback {
    /// Call it on the next tick: the readable side has ended.
    NextTick,
    /// Call it now: there is room on the readable side.
    Now,
    /// Keep it until `_read` asks for more: the readable side is full.
    Hold,
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
        [self.readable.as_mut().map(Readable::state_mut), self.writable.as_mut().map(Writable::state_mut)]
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
    pub fn after_end(&mut self, allow_half_open: bool) -> AfterEnd {
        let Some(r) = &self.readable else { return AfterEnd::Nothing };
        let writable = self.writable.as_ref();
        if writable.is_some_and(Writable::writable) && !allow_half_open {
            return AfterEnd::EndWritable;
        }
        if r.auto_destroy() && writable.is_none_or(Writable::done_for_auto_destroy) {
            return AfterEnd::Destroy;
        }
        AfterEnd::Nothing
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
        w.state() & AUTO_DESTROY != 0 && self.readable.as_ref().is_none_or(Readable::done_for_auto_destroy)
    }

    /// `onwrite` on the writable side; an error is recorded on the readable side too.
    pub fn onwrite(&mut self, has_error: bool) -> WActions {
        let Some(w) = self.writable.as_mut() else { return WActions::NONE };
        let mut out = w.onwrite(has_error);
        if has_error && !out.intersects(wact::ERR_MULTIPLE_CALLBACK) {
            if let Some(r) = self.readable.as_mut() {
                if r.record_error() {
                    out |= wact::SET_ERRORED;
                }
            }
        }
        out
    }

    /// The `destroyed` setter (a compatibility knob, as Node keeps it): set or clear the
    /// `destroyed` bit on every side, and nothing else.
    pub fn set_destroyed(&mut self, destroyed: bool) {
        let bit = DESTROYED;
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
        self.sides().into_iter().flatten().all(|word| *word & DESTROYED != 0)
    }

    /// Whether `'close'` will come on its own (`autoDestroy` and `emitClose` on, not closed yet),
    /// judged on the deciding side: Node's `willEmitClose`.
    pub fn will_emit_close(&mut self) -> bool {
        let [r, w] = self.sides();
        w.or(r)
            .is_some_and(|word| *word & (AUTO_DESTROY | EMIT_CLOSE_OPTION | CLOSED) == AUTO_DESTROY | EMIT_CLOSE_OPTION)
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
        self.deciding_side_has(CLOSED)
    }

    /// `onwrite` and, when it succeeded with no buffered writes to hand over, the rest of it
    /// ([`Writable::after_onwrite`]) in the same call: the common case of a write callback.
    /// `has_callback` and `same_tick_callback` are `after_onwrite`'s (the write's callback as it
    /// stands when `onwrite` is called). The bits are `onwrite`'s, plus `after_onwrite`'s when
    /// it ran, which is exactly when none of `ERR_MULTIPLE_CALLBACK`, an error bit or
    /// `CLEAR_BUFFER` is set; after `CLEAR_BUFFER` the façade runs `clearBuffer`, then
    /// `after_onwrite` itself (with the callback info of then and `WRITE_SYNC`).
    pub fn onwrite_and_after(&mut self, has_error: bool, has_callback: bool, same_tick_callback: bool) -> WActions {
        let out = self.onwrite(has_error);
        if has_error || out.intersects(wact::ERR_MULTIPLE_CALLBACK | wact::CLEAR_BUFFER) {
            return out;
        }
        let Some(w) = self.writable.as_mut() else { return out };
        out | w.after_onwrite(has_callback, same_tick_callback, out.intersects(wact::WRITE_SYNC))
    }

    /// A Transform's `_transform` called back (without an error) after pushing its value: what
    /// becomes of the write's callback, and when it is called now and is the stream's own
    /// `onwrite` (`own_onwrite`), that `onwrite` too, in one call. `length_before` is the
    /// readable length when `_write` started; `has_callback` and `same_tick_callback` as in
    /// [`Stream::onwrite_and_after`].
    ///
    /// `CALLBACK_HOLD` or `CALLBACK_NEXT_TICK`: nothing else happened. Otherwise the callback is
    /// due now: with `own_onwrite` the bits are [`Stream::onwrite_and_after`]'s, else none (the
    /// façade calls the callback). Nothing (0) without both sides.
    pub fn transform_done(
        &mut self,
        length_before: f64,
        own_onwrite: bool,
        has_callback: bool,
        same_tick_callback: bool,
    ) -> WActions {
        match self.transform_callback(length_before) {
            None => WActions::NONE,
            Some(TransformCallback::NextTick) => wact::CALLBACK_NEXT_TICK,
            Some(TransformCallback::Hold) => wact::CALLBACK_HOLD,
            Some(TransformCallback::Now) if own_onwrite => {
                self.onwrite_and_after(false, has_callback, same_tick_callback)
            }
            Some(TransformCallback::Now) => WActions::NONE,
        }
    }

    /// `write()` on the writable side, noting the readable length when the write starts (a
    /// Transform's callback compares it: [`Stream::transform_length_before`]).
    pub fn write(&mut self, len: f64, has_callback: bool, is_buffer: bool) -> WActions {
        let Some(w) = self.writable.as_mut() else { return WActions::NONE };
        let out = w.write(len, has_callback, is_buffer);
        self.note_write_start(out);
        out
    }

    /// [`Writable::next_buffered_write`], noting the readable length as [`Stream::write`] does.
    pub fn next_buffered_write(&mut self, has_callback: bool) -> WActions {
        let Some(w) = self.writable.as_mut() else { return WActions::NONE };
        let out = w.next_buffered_write(has_callback);
        self.note_write_start(out);
        out
    }

    /// When `out` starts a write (`CALL_WRITE`), note the readable length.
    fn note_write_start(&mut self, out: WActions) {
        if !out.intersects(wact::CALL_WRITE) {
            return;
        }
        if let (Some(r), Some(w)) = (&self.readable, self.writable.as_mut()) {
            w.set_readable_length_at_write(r.length());
        }
    }

    /// The readable length when the write in flight started (0 without both sides).
    pub fn transform_length_before(&self) -> f64 {
        self.writable.as_ref().map_or(0.0, Writable::readable_length_at_write)
    }

    /// Node's decision in the Transform's callback: `length_before` is the readable length when
    /// `_write` started; `None` without both sides.
    pub fn transform_callback(&self, length_before: f64) -> Option<TransformCallback> {
        let (Some(r), Some(w)) = (&self.readable, &self.writable) else { return None };
        Some(if r.ended() {
            TransformCallback::NextTick
        } else if w.state() & wstate::ENDED != 0 || length_before == r.length() || r.length() < r.high_water_mark() {
            TransformCallback::Now
        } else {
            TransformCallback::Hold
        })
    }
}

#[cfg(test)]
#[allow(unused_must_use)] // setup steps drive the core without carrying out what it asks for
mod tests {
    use super::*;
    use crate::side::Options;

    #[test]
    fn a_snapshot_restores_the_same_stream() {
        let mut s = Stream {
            readable: Some(
                Readable::new(Options {
                    high_water_mark: Some(5.0),
                    object_mode: false,
                    emit_close: true,
                    auto_destroy: false,
                })
                .unwrap(),
            ),
            writable: Some(
                Writable::new(Options {
                    high_water_mark: None,
                    object_mode: true,
                    emit_close: false,
                    auto_destroy: true,
                })
                .unwrap(),
            ),
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
        for words in
            [&[][..], &[0.0], &[4.0], &[f64::NAN], &[1.0, 1.0], &[2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1e300]]
        {
            assert!(Stream::restore(words).is_none(), "{words:?}");
        }
        let mut words = Stream {
            readable: None,
            writable: Some(
                Writable::new(Options {
                    high_water_mark: None,
                    object_mode: false,
                    emit_close: true,
                    auto_destroy: true,
                })
                .unwrap(),
            ),
        }
        .snapshot();
        words.push(0.0);
        assert!(Stream::restore(&words).is_none(), "trailing numbers");
    }
}
