//! Steps a stream owes after user code, answered in memory instead of by a second call.
//!
//! Some of Node's functions run user code in their middle: `push` emits `'data'`, then decides
//! push's answer and whether to read more; `write` calls `_write`, then decides write's answer.
//! The step after the user code needs nothing new from JS, so when the first call finds the
//! step due it *opens a frame*: it writes the answer the step will give into the frame (in wasm
//! memory, the record below) and owes the step. The façade runs the user code, closes the frame
//! by lowering `depth` and takes the answer from memory: one crossing where there were two.
//!
//! The step itself (its state changes) runs at the next call that reaches the stream once the
//! frame has closed, before that call does anything else, so no call ever sees the stream
//! without it. A call that reaches the stream while its frame is still open is the user code
//! acting on the stream (a listener that pauses, a `_write` that calls back): it runs as usual,
//! and then the core writes the frame's answer again, from the state of then. Frames nest as the
//! user code does; the façade closes them in reverse order. When the user code throws, Node
//! never runs the step: the façade closes the frame and forgives the step (`st_forgive`).

use std::cell::UnsafeCell;

use highwater_core::stream::Stream;

/// How deep frames nest (user code inside user code); deeper, the façade asks by a call.
pub const MAX_FRAMES: usize = 256;

/// What the façade reads and writes, at a fixed address (`hw_frames`), as 32-bit words.
#[repr(C)]
pub struct Record {
    /// How many frames are open. The façade lowers it when it closes one.
    depth: u32,
    /// The frame the last opening call opened, as its index + 1; 0 when it opened none.
    opened: u32,
    /// Each open frame's answer: the action bits of the owed step.
    answers: [u32; MAX_FRAMES],
}

/// The frames: the shared record, and which open frame belongs to which owed step.
pub struct Frames {
    record: Record,
    /// A number given to each frame as it opens, so that a step knows its frame from a later
    /// one at the same depth.
    serials: [u32; MAX_FRAMES],
    next_serial: u32,
}

impl Default for Frames {
    fn default() -> Self {
        Self::new()
    }
}

impl Frames {
    /// No frame open (usable in a `static`).
    pub const fn new() -> Self {
        Frames {
            record: Record { depth: 0, opened: 0, answers: [0; MAX_FRAMES] },
            serials: [0; MAX_FRAMES],
            next_serial: 0,
        }
    }

    /// The record's address in wasm memory.
    pub fn record_address(&self) -> usize {
        &self.record as *const Record as usize
    }

    /// The depth as the façade left it (it writes the record between calls).
    fn depth(&self) -> usize {
        // SAFETY: a plain aligned read of our own field; volatile because JS writes it.
        unsafe { std::ptr::read_volatile(&self.record.depth) as usize }
    }

    fn is_open(&self, owed: Owed) -> bool {
        (owed.index as usize) < self.depth() && self.serials[owed.index as usize] == owed.serial
    }

    /// Open a frame for a step: where it is, or `None` when frames are nested too deep.
    fn open(&mut self) -> Option<u32> {
        let index = self.depth();
        if index >= MAX_FRAMES {
            return None;
        }
        self.next_serial = self.next_serial.wrapping_add(1);
        self.serials[index] = self.next_serial;
        self.record.depth = index as u32 + 1;
        Some(index as u32)
    }
}

/// A step a stream owes after user code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// After push's `'data'` listeners: [`highwater_core::readable::Readable::after_data`].
    AfterData,
    /// After `_write` returned: [`highwater_core::writable::Writable::write_done`].
    WriteDone,
}

impl Step {
    /// Which of a stream's two owed steps this is (one per side).
    fn side(self) -> usize {
        match self {
            Step::AfterData => 0,
            Step::WriteDone => 1,
        }
    }

    /// What the step would answer now.
    fn answer(self, s: &Stream) -> u32 {
        match self {
            Step::AfterData => s.readable.as_ref().map_or(0, |r| r.after_data_answer().bits()),
            Step::WriteDone => s.writable.as_ref().map_or(0, |w| w.write_done_answer().bits()),
        }
    }

    /// Run the step (its answer was given already).
    fn run(self, s: &mut Stream) {
        match self {
            Step::AfterData => {
                if let Some(r) = s.readable.as_mut() {
                    let _ = r.after_data();
                }
            }
            Step::WriteDone => {
                if let Some(w) = s.writable.as_mut() {
                    let _ = w.write_done();
                }
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Owed {
    step: Step,
    index: u32,
    serial: u32,
}

/// A stream's core in the table, with the steps it owes.
pub struct Entry {
    pub stream: Stream,
    owed: [Option<Owed>; 2],
}

impl Entry {
    pub fn new(stream: Stream) -> Entry {
        Entry { stream, owed: [None; 2] }
    }

    /// Before a call reaches the stream: run the owed steps whose frame has closed.
    pub fn settle(&mut self, frames: &Frames) {
        for slot in &mut self.owed {
            if let Some(owed) = *slot {
                if !frames.is_open(owed) {
                    *slot = None;
                    owed.step.run(&mut self.stream);
                }
            }
        }
    }

    /// After a call reached the stream: the answers of its frames still open, from now.
    pub fn answer(&self, frames: &mut Frames) {
        for owed in self.owed.iter().flatten() {
            frames.record.answers[owed.index as usize] = owed.step.answer(&self.stream);
        }
    }

    /// Owe `step` (due now), opening a frame for it; `opened` in the record tells the façade
    /// whether it did. It does not when the stream owes that step already (the user code runs
    /// the same function again inside itself) or frames are nested too deep: the façade then
    /// runs the step by its own call.
    pub fn owe(&mut self, frames: &mut Frames, step: Step) {
        frames.record.opened = 0;
        let slot = &mut self.owed[step.side()];
        if slot.is_some() {
            return;
        }
        let Some(index) = frames.open() else { return };
        *slot = Some(Owed { step, index, serial: frames.serials[index as usize] });
        frames.record.opened = index + 1;
    }

    /// The user code threw: Node never ran the step after it, so it is dropped, unrun.
    pub fn forgive(&mut self, step: Step) {
        self.owed[step.side()] = None;
    }
}

/// The frames of the wasm instance: one thread, like the table of streams (src/table.rs).
struct Shared(UnsafeCell<Frames>);

// SAFETY: one thread (src/table.rs refuses to compile with threads); reached through
// `with_frames` only.
unsafe impl Sync for Shared {}

static FRAMES: Shared = Shared(UnsafeCell::new(Frames::new()));

/// Run `f` with the instance's frames. Only [`crate::table`] calls it, inside its own borrow of
/// the table, and `f` never calls out: no two borrows overlap.
pub(crate) fn with_frames<R>(f: impl FnOnce(&mut Frames) -> R) -> R {
    // SAFETY: see `Shared`; callers do not nest.
    f(unsafe { &mut *FRAMES.0.get() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use highwater_core::readable::{act, Readable};
    use highwater_core::side::Options;

    fn flowing_readable() -> Stream {
        let mut r = Readable::new(Options::default()).unwrap();
        let _ = r.on_data(false);
        let _ = r.resume();
        let _ = r.resume_tick();
        r.resume_scheduled_done();
        let _ = r.resume_tick_end();
        // Outside `_read`, as a push from elsewhere is.
        r.clear_sync();
        Stream { readable: Some(r), writable: None }
    }

    fn close(frames: &mut Frames, opened: u32) -> u32 {
        frames.record.depth = opened - 1;
        frames.record.answers[opened as usize - 1]
    }

    #[test]
    fn a_closed_frame_answers_as_the_step_would_and_the_step_runs_at_the_next_call() {
        let mut frames = Frames::new();
        let mut e = Entry::new(flowing_readable());
        let out = e.stream.readable.as_mut().unwrap().push(3.0, 3.0);
        assert!(out.intersects(act::EMIT_DATA));
        e.owe(&mut frames, Step::AfterData);
        e.answer(&mut frames);
        let opened = frames.record.opened;
        assert_eq!(opened, 1);
        let expected = e.stream.readable.as_ref().unwrap().after_data_answer().bits();
        assert_eq!(close(&mut frames, opened), expected);
        assert!(expected & act::TICK_READ_MORE.bits() != 0, "the first push schedules a read-more tick");
        e.settle(&frames);
        // The step ran: a read-more tick is scheduled, so the next push asks for none.
        assert_eq!(e.stream.readable.as_ref().unwrap().after_data_answer().bits() & act::TICK_READ_MORE.bits(), 0);
    }

    #[test]
    fn a_call_inside_the_user_code_rewrites_the_answer_and_leaves_the_step_owed() {
        let mut frames = Frames::new();
        let mut e = Entry::new(flowing_readable());
        let _ = e.stream.readable.as_mut().unwrap().push(3.0, 3.0);
        e.owe(&mut frames, Step::AfterData);
        e.answer(&mut frames);
        let opened = frames.record.opened;
        // The listener reads: _read is called, so no read-more tick is due after it.
        e.settle(&frames);
        let _ = e.stream.readable.as_mut().unwrap().read(0.0);
        e.answer(&mut frames);
        let answer = close(&mut frames, opened);
        assert_eq!(answer & act::TICK_READ_MORE.bits(), 0);
        assert!(e.owed[0].is_some(), "still owed until the next call");
    }

    #[test]
    fn a_stream_owing_a_step_opens_no_second_frame_for_it_and_deep_nesting_opens_none() {
        let mut frames = Frames::new();
        let mut e = Entry::new(flowing_readable());
        e.owe(&mut frames, Step::AfterData);
        assert_eq!(frames.record.opened, 1);
        e.owe(&mut frames, Step::AfterData);
        assert_eq!(frames.record.opened, 0);
        frames.record.depth = MAX_FRAMES as u32;
        let mut other = Entry::new(flowing_readable());
        other.owe(&mut frames, Step::AfterData);
        assert_eq!(frames.record.opened, 0);
    }

    #[test]
    fn a_frame_reused_at_the_same_depth_is_not_the_old_steps() {
        let mut frames = Frames::new();
        let mut a = Entry::new(flowing_readable());
        a.owe(&mut frames, Step::AfterData);
        frames.record.depth = 0;
        let mut b = Entry::new(flowing_readable());
        b.owe(&mut frames, Step::AfterData);
        assert_eq!(frames.record.opened, 1, "b opened the frame at a's depth");
        a.settle(&frames);
        assert!(a.owed[0].is_none(), "a's frame closed: its step ran");
        b.settle(&frames);
        assert!(b.owed[0].is_some(), "b's frame is open");
    }

    #[test]
    fn a_forgiven_step_never_runs() {
        let mut frames = Frames::new();
        let mut e = Entry::new(flowing_readable());
        let _ = e.stream.readable.as_mut().unwrap().push(3.0, 3.0);
        e.owe(&mut frames, Step::AfterData);
        frames.record.depth = 0;
        e.forgive(Step::AfterData);
        e.settle(&frames);
        assert_eq!(
            e.stream.readable.as_ref().unwrap().after_data_answer().bits() & act::TICK_READ_MORE.bits(),
            act::TICK_READ_MORE.bits(),
            "no read-more tick was scheduled"
        );
    }
}
