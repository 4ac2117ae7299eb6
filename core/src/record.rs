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

use crate::readable::{act, Readable};
use crate::stream::Stream;
use crate::writable::{wact, Writable};

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
    /// The answers once `'data'`'s listeners ran.
    pub answers_after_data: u32,
    /// The answers once `_write` returned.
    pub answers_after_write: u32,
    /// The stream's handle.
    pub handle: u32,
    /// `writableCorked`.
    pub w_corked: u32,
}

named_bits! {
    /// The answers a record holds, each the core's rule applied to the state of now.
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
    }
}

named_bits! {
    /// Events the façade posts into a record.
    pub mod posted {
        /// `'data'`'s listeners ran after a push that emitted it: [`Readable::after_data`].
        AFTER_DATA = 1;
        /// `_write` returned: [`Writable::write_done`].
        WRITE_DONE = 1 << 1;
    }
}

/// Each field's index in the view of its width (`Float64Array` for the lengths, `Uint32Array`
/// for the rest), for the façade.
pub const FIELDS: &[(&str, u32)] = &[
    ("R_LENGTH", 0),
    ("R_HWM", 1),
    ("W_LENGTH", 2),
    ("W_HWM", 3),
    ("R_STATE", 8),
    ("W_STATE", 9),
    ("ANSWERS", 10),
    ("POSTED", 11),
    ("R_STATE_AFTER_DATA", 12),
    ("W_STATE_AFTER_WRITE", 13),
    ("ANSWERS_AFTER_DATA", 14),
    ("ANSWERS_AFTER_WRITE", 15),
    ("HANDLE", 16),
    ("W_CORKED", 17),
    // Not a field: the record's size in 32-bit words.
    ("WORDS", 18),
];

// The indexes above are the layout's: checked when compiling.
const _: () = {
    use core::mem::{offset_of, size_of};
    assert!(offset_of!(Record, w_hwm) == 3 * 8);
    assert!(offset_of!(Record, r_state) == 8 * 4);
    assert!(offset_of!(Record, handle) == 16 * 4);
    assert!(size_of::<Record>() == 18 * 4);
};

impl Stream {
    /// Carry out the events the façade posted into `record` since the last call, in a fixed
    /// order (they concern different sides, so any order gives the same state).
    pub fn take_posted(&mut self, record: &mut Record) {
        let events = record.posted;
        if events == 0 {
            return;
        }
        record.posted = 0;
        if events & posted::AFTER_DATA != 0 {
            if let Some(r) = self.readable.as_mut() {
                let _ = r.after_data();
                debug_assert_eq!(r.state(), record.r_state, "the façade copied the planned readable state");
            }
        }
        if events & posted::WRITE_DONE != 0 {
            if let Some(w) = self.writable.as_mut() {
                let _ = w.write_done();
                debug_assert_eq!(w.state(), record.w_state, "the façade copied the planned writable state");
            }
        }
    }

    /// Write the state, every answer, and the plans (with the answers of the state each leaves)
    /// into `record`.
    pub fn publish(&mut self, record: &mut Record) {
        let mut answers = self.answers();
        match self.readable.as_mut() {
            Some(r) => {
                let (after_data, state) = r.after_data_plan();
                record.r_length = r.length();
                record.r_hwm = r.high_water_mark();
                record.r_state = r.state();
                record.r_state_after_data = state;
                answers |= flag(after_data.intersects(act::RETURN_TRUE), answer::R_PUSH_MORE)
                    | flag(after_data.intersects(act::TICK_READ_MORE), answer::R_READ_MORE_AFTER_DATA);
                record.answers_after_data = self.answers_with(|s| s.readable.as_mut().map(Readable::state_mut), state);
            }
            None => {
                (record.r_length, record.r_hwm) = (f64::NAN, f64::NAN);
                (record.r_state, record.r_state_after_data, record.answers_after_data) = (0, 0, 0);
            }
        }
        match self.writable.as_mut() {
            Some(w) => {
                let (written, state) = w.write_done_plan();
                record.w_length = w.length();
                record.w_hwm = w.high_water_mark();
                record.w_state = w.state();
                record.w_state_after_write = state;
                record.w_corked = w.corked();
                answers |= flag(written.intersects(wact::RETURN_TRUE), answer::W_WRITE_TRUE);
                record.answers_after_write = self.answers_with(|s| s.writable.as_mut().map(Writable::state_mut), state);
            }
            None => {
                (record.w_length, record.w_hwm) = (f64::NAN, f64::NAN);
                (record.w_state, record.w_state_after_write, record.answers_after_write) = (0, 0, 0);
                record.w_corked = 0;
            }
        }
        record.answers = answers;
    }

    /// The answers that follow from the state alone (the plans' own are added by `publish`).
    fn answers(&mut self) -> u32 {
        let mut answers = flag(self.is_destroyed(), answer::DESTROYED);
        if let Some(r) = &self.readable {
            answers |= flag(r.is_flowing(), answer::R_FLOWING)
                | flag(r.readable(), answer::R_READABLE)
                | flag(r.is_paused(), answer::R_PAUSED)
                | flag(r.aborted(), answer::R_ABORTED);
        }
        if let Some(w) = &self.writable {
            answers |= flag(w.writable(), answer::W_WRITABLE)
                | flag(w.need_drain(), answer::W_NEED_DRAIN)
                | flag(w.aborted(), answer::W_ABORTED);
        }
        answers
    }

    /// [`Stream::answers`] as they would be with one side's state word (`word` picks it) set to
    /// `planned`: the answers a planned step leaves.
    fn answers_with(&mut self, word: impl Fn(&mut Stream) -> Option<&mut u32>, planned: u32) -> u32 {
        let Some(state) = word(self) else { return 0 };
        let now = core::mem::replace(state, planned);
        let answers = self.answers();
        if let Some(state) = word(self) {
            *state = now;
        }
        answers
    }
}

const fn flag(on: bool, bit: u32) -> u32 {
    if on {
        bit
    } else {
        0
    }
}
