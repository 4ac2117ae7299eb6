//! The record: what a stream's core publishes after every transition, in a fixed layout the
//! façade reads through typed-array views of wasm memory instead of calling a getter, and the
//! events the façade posts back into it, which the core applies first thing at its next call.
//!
//! Answers: the state words, lengths and highWaterMarks, plus `answer` bits (`readableFlowing`,
//! push's return value, …), each computed here by the core's own rule. Posted events: a step the
//! façade took on the strength of a published plan (a `'data'` emission ran its listeners, a
//! `_write` returned). The plan gives the answer and the state word the step leaves; the façade
//! acts on the answer, copies the word into the record (so its reads stay exact) and posts the
//! event, which the core then carries out with the very rule that made the plan. In steady state
//! a chunk so crosses into wasm once per step that cannot be planned (a push, a write).

use crate::readable::act;
#[cfg(doc)]
use crate::readable::Readable;
use crate::stream::{Stream, TransformCallback};
use crate::writable::wact;
use crate::writable::Writable;

/// One stream's record (the layout is `#[repr(C)]`: the façade reads fields by index, given by
/// [`FIELDS`]).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Record {
    /// `readableLength`.
    pub r_length: f64,
    /// `readableHighWaterMark`.
    pub r_hwm: f64,
    /// `writableLength`.
    pub w_length: f64,
    /// `writableHighWaterMark`.
    pub w_hwm: f64,
    /// `writableLength` once a write's callback ran while `_write` runs ([`Writable::onwrite_plan`]).
    pub w_length_after_onwrite: f64,
    /// The readable state word (0 without the side).
    pub r_state: u32,
    /// The writable state word (0 without the side).
    pub w_state: u32,
    /// Bits of [`answer`].
    pub answers: u32,
    /// Bits of [`posted`]: set by the façade, cleared by the core.
    pub posted: u32,
    /// The readable state word once `'data'`'s listeners ran ([`Readable::after_data_plan`]).
    pub r_state_after_data: u32,
    /// The writable state word once `_write` returned ([`Writable::write_done_plan`]).
    pub w_state_after_write: u32,
    /// The writable side's cork count (`writableCorked`), once retired.
    pub w_corked: u32,
    /// The stream's handle.
    pub handle: u32,
    /// What a write's callback does when called while `_write` runs (`st_onwrite`'s bits).
    pub onwrite_actions: u32,
    /// The writable state word once that callback ran.
    pub w_state_after_onwrite: u32,
    /// The writable state word once that callback ran and then `_write` returned.
    pub w_state_after_onwrite_write: u32,
    /// Unused; keeps the record a multiple of 8 bytes.
    pub reserved: u32,
}

named_bits! {
    /// The answers a record holds, each the core's rule applied to the state of now: `R_FLOWING`
    /// always, a plan's while its step is due (`R_PLAN_AFTER_DATA`, `W_PLAN_WRITE_DONE`), the
    /// getters' once the core is retired ([`Stream::publish_all`]). A posted step
    /// leaves `R_FLOWING` as it was (its planned word differs in `READING_MORE`, `SYNC` or
    /// `NEED_DRAIN` only; `take_posted` checks it in debug builds).
    pub mod answer {
        /// `flow()` keeps reading ([`Readable::is_flowing`]).
        R_FLOWING = 1;
        /// Once `'data'`'s listeners ran, push returns true ([`Readable::after_data_plan`]).
        R_PUSH_MORE = 1 << 1;
        /// Once `'data'`'s listeners ran, schedule the read-more tick.
        R_READ_MORE_AFTER_DATA = 1 << 2;
        /// Once `_write` returned, write returns true ([`Writable::write_done_plan`]).
        W_WRITE_TRUE = 1 << 3;
        /// The `readable` getter.
        R_READABLE = 1 << 4;
        /// The `writable` getter.
        W_WRITABLE = 1 << 5;
        /// The `destroyed` getter.
        DESTROYED = 1 << 6;
        /// `isPaused()`.
        R_PAUSED = 1 << 7;
        /// `writableNeedDrain`.
        W_NEED_DRAIN = 1 << 8;
        /// `readableAborted`.
        R_ABORTED = 1 << 9;
        /// `writableAborted`.
        W_ABORTED = 1 << 10;
        /// The after-data plan (`r_state_after_data`, `R_PUSH_MORE`, `R_READ_MORE_AFTER_DATA`)
        /// is published: a push's `'data'` listeners are running.
        R_PLAN_AFTER_DATA = 1 << 11;
        /// The write-done plan (`w_state_after_write`, `W_WRITE_TRUE`) is published: `_write`
        /// is running.
        W_PLAN_WRITE_DONE = 1 << 12;
        /// The onwrite plan (`onwrite_actions`, `w_state_after_onwrite`,
        /// `w_length_after_onwrite`, `w_state_after_onwrite_write`, `W_WRITE_TRUE_AFTER_ONWRITE`)
        /// is published: `_write` runs and its callback, without an error, needs no buffered
        /// write handed over.
        W_PLAN_ONWRITE = 1 << 13;
        /// Once the callback ran and `_write` returned, write returns true.
        W_WRITE_TRUE_AFTER_ONWRITE = 1 << 14;
        /// A Transform's `_write` runs: its callback is due now
        /// ([`Stream::transform_callback`]; `W_PLAN_ONWRITE` plans the stream's own onwrite).
        T_CALLBACK_NOW = 1 << 15;
        /// A Transform's `_write` runs: its callback waits for `_read`.
        T_CALLBACK_HOLD = 1 << 16;
        /// A Transform's `_write` runs: its callback runs on the next tick.
        T_CALLBACK_NEXT_TICK = 1 << 17;
    }
}

named_bits! {
    /// Events the façade posts into a record.
    pub mod posted {
        /// `'data'`'s listeners ran after a push that emitted it: [`Readable::after_data`].
        AFTER_DATA = 1;
        /// `_write` returned: [`Writable::write_done`].
        WRITE_DONE = 1 << 1;
        /// `_write`'s callback ran without an error, for a write without callback:
        /// [`Writable::onwrite_and_after`] (applied before `WRITE_DONE`).
        ONWRITE = 1 << 2;
    }
}

/// A field's index in the view of its width: `f64` fields in a `Float64Array`, `u32` fields in
/// a `Uint32Array` of the same memory.
macro_rules! fields {
    ($($name:literal: $field:ident / $width:literal,)*) => {
        &[$(($name, (core::mem::offset_of!(Record, $field) / $width) as u32),)* ("WORDS", (core::mem::size_of::<Record>() / 4) as u32)]
    };
}

/// Each field's index in the view of its width, and the record's size in 32-bit words
/// (`WORDS`), for the façade.
pub const FIELDS: &[(&str, u32)] = fields! {
    "R_LENGTH": r_length / 8,
    "R_HWM": r_hwm / 8,
    "W_LENGTH": w_length / 8,
    "W_HWM": w_hwm / 8,
    "W_LENGTH_AFTER_ONWRITE": w_length_after_onwrite / 8,
    "R_STATE": r_state / 4,
    "W_STATE": w_state / 4,
    "ANSWERS": answers / 4,
    "POSTED": posted / 4,
    "R_STATE_AFTER_DATA": r_state_after_data / 4,
    "W_STATE_AFTER_WRITE": w_state_after_write / 4,
    "W_CORKED": w_corked / 4,
    "HANDLE": handle / 4,
    "ONWRITE_ACTIONS": onwrite_actions / 4,
    "W_STATE_AFTER_ONWRITE": w_state_after_onwrite / 4,
    "W_STATE_AFTER_ONWRITE_WRITE": w_state_after_onwrite_write / 4,
};

impl Stream {
    /// Carry out the events the façade posted into `record` since the last call, in a fixed
    /// order (they concern different sides, so any order gives the same state).
    #[inline]
    pub fn take_posted(&mut self, record: &mut Record) {
        if record.posted != 0 {
            self.apply_posted(record);
        }
    }

    /// [`Stream::take_posted`] when something was posted (kept out of line: every call checks).
    #[cold]
    #[inline(never)]
    fn apply_posted(&mut self, record: &mut Record) {
        let events = record.posted;
        record.posted = 0;
        if events & posted::AFTER_DATA != 0 {
            if let Some(r) = self.readable.as_mut() {
                let _ = r.after_data();
                debug_assert_eq!(r.state(), record.r_state, "the façade copied the planned readable state");
                debug_assert_eq!(r.is_flowing(), record.answers & answer::R_FLOWING != 0, "a plan keeps R_FLOWING");
            }
        }
        if events & posted::ONWRITE != 0 {
            if let Some(w) = self.writable.as_mut() {
                let _ = w.onwrite_and_after(false, false);
                debug_assert_eq!(w.length(), record.w_length, "the façade copied the planned writable length");
            }
        }
        if events & posted::WRITE_DONE != 0 {
            if let Some(w) = self.writable.as_mut() {
                let _ = w.write_done();
                debug_assert_eq!(w.state(), record.w_state, "the façade copied the planned writable state");
            }
        }
    }

    /// Write the state, the answers the hot paths read and the plans of the steps now due into
    /// `record`. Run after every call, so it is kept to loads, bit tests and stores; a plan is
    /// computed only while its step is due, and the getters' answers come from calls while the
    /// core lives ([`Stream::publish_all`] writes them once it is retired).
    #[inline]
    pub fn publish(&mut self, record: &mut Record) {
        let mut answers = 0;
        if let Some(r) = &self.readable {
            record.r_length = r.length();
            record.r_hwm = r.high_water_mark();
            record.r_state = r.state();
            answers |= flag(r.is_flowing(), answer::R_FLOWING);
            if r.data_emitting() {
                let (after_data, planned) = r.after_data_plan();
                record.r_state_after_data = planned;
                answers |= answer::R_PLAN_AFTER_DATA
                    | flag(after_data.intersects(act::RETURN_TRUE), answer::R_PUSH_MORE)
                    | flag(after_data.intersects(act::TICK_READ_MORE), answer::R_READ_MORE_AFTER_DATA);
            }
        }
        if let Some(w) = &self.writable {
            record.w_length = w.length();
            record.w_hwm = w.high_water_mark();
            record.w_state = w.state();
            if w.in_write() {
                let (written, planned) = w.write_done_plan();
                record.w_state_after_write = planned;
                answers |=
                    answer::W_PLAN_WRITE_DONE | flag(written.intersects(wact::RETURN_TRUE), answer::W_WRITE_TRUE);
                if self.readable.is_some() {
                    answers |= match self.transform_callback(w.readable_length_at_write()) {
                        Some(TransformCallback::Now) => answer::T_CALLBACK_NOW,
                        Some(TransformCallback::Hold) => answer::T_CALLBACK_HOLD,
                        Some(TransformCallback::NextTick) => answer::T_CALLBACK_NEXT_TICK,
                        None => 0,
                    };
                }
                if let Some((out, after, written, planned)) = w.onwrite_plan() {
                    record.onwrite_actions = out.bits();
                    record.w_state_after_onwrite = after.state();
                    record.w_length_after_onwrite = after.length();
                    record.w_state_after_onwrite_write = planned;
                    answers |= answer::W_PLAN_ONWRITE
                        | flag(written.intersects(wact::RETURN_TRUE), answer::W_WRITE_TRUE_AFTER_ONWRITE);
                }
            }
        }
        record.answers = answers;
    }

    /// [`Stream::publish`] plus the getters' answers: the record a retired stream keeps.
    pub fn publish_all(&mut self, record: &mut Record) {
        self.publish(record);
        record.w_corked = self.writable.as_ref().map_or(0, Writable::corked);
        let mut answers = flag(self.is_destroyed(), answer::DESTROYED);
        if let Some(r) = &self.readable {
            answers |= flag(r.readable(), answer::R_READABLE)
                | flag(r.is_paused(), answer::R_PAUSED)
                | flag(r.aborted(), answer::R_ABORTED);
        }
        if let Some(w) = &self.writable {
            answers |= flag(w.writable(), answer::W_WRITABLE)
                | flag(w.need_drain(), answer::W_NEED_DRAIN)
                | flag(w.aborted(), answer::W_ABORTED);
        }
        record.answers |= answers;
    }
}

const fn flag(on: bool, bit: u32) -> u32 {
    if on {
        bit
    } else {
        0
    }
}
