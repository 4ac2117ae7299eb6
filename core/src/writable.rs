//! The writable side of a stream as a pure state machine, following Node's
//! `lib/internal/streams/writable.js` (Node 26) decision by decision, like [`crate::readable`].
//!
//! Writes and their callbacks stay in JS; the core tracks the written length, the sizes of the
//! buffered writes, the pending callback count and every flag. Each method returns [`WActions`]
//! bits that the façade carries out in the order given in the method's doc comment.

use std::collections::VecDeque;

use crate::side::bits::{
    AUTO_DESTROY, CLOSED, CLOSE_EMITTED, CONSTRUCTED, DESTROYED, EMIT_CLOSE_OPTION, ERRORED, ERROR_EMITTED, OBJECT_MODE,
};
use crate::side::{Options, OptionsError, Side, Words};

named_bits! {
    /// Bits of the writable state word, after the lifecycle bits of [`crate::side::bits`].
    pub mod wstate {
        SYNC = 1 << 9;
        FINAL_CALLED = 1 << 10;
        NEED_DRAIN = 1 << 11;
        ENDING = 1 << 12;
        FINISHED = 1 << 13;
        WRITING = 1 << 14;
        BUFFER_PROCESSING = 1 << 15;
        PREFINISHED = 1 << 16;
        ALL_BUFFERS = 1 << 17;
        ALL_NOOP = 1 << 18;
        ON_FINISHED = 1 << 19;
        CORKED = 1 << 20;
        WRITE_CB = 1 << 21;
        EXPECT_WRITE_CB = 1 << 22;
        AFTER_WRITE_TICK_INFO = 1 << 23;
        AFTER_WRITE_PENDING = 1 << 24;
        BUFFERED = 1 << 25;
        ENDED = 1 << 26;
        /// A duplex side created with `writable: false`.
        DISABLED = 1 << 27;
    }
}

/// The state bits Node lets a script assign through `_writableState` (each has a plain bit
/// setter there): see [`Writable::assign`].
pub const ASSIGNABLE: u32 = OBJECT_MODE
    | wstate::FINAL_CALLED
    | wstate::NEED_DRAIN
    | wstate::ENDING
    | wstate::ENDED
    | wstate::FINISHED
    | DESTROYED
    | wstate::WRITING
    | wstate::SYNC
    | wstate::BUFFER_PROCESSING
    | CONSTRUCTED
    | wstate::PREFINISHED
    | ERROR_EMITTED
    | EMIT_CLOSE_OPTION
    | AUTO_DESTROY
    | CLOSED
    | CLOSE_EMITTED
    | wstate::ALL_BUFFERS
    | wstate::ALL_NOOP
    | ERRORED;

action_set! {
    /// What the façade must do after a writable-side call; see each method for the order.
    pub struct WActions;
    /// The writable actions.
    pub mod wact {
        /// `write` returns true.
        RETURN_TRUE = 1 << 0;
        /// Queue the write (chunk, encoding, callback) behind the one in flight.
        BUFFER = 1 << 1;
        /// Call `_write(chunk, encoding, onwrite)`, then `write_done`.
        CALL_WRITE = 1 << 2;
        /// Fail with `ERR_STREAM_WRITE_AFTER_END`.
        ERR_WRITE_AFTER_END = 1 << 3;
        /// Fail with `ERR_STREAM_DESTROYED` (`write` or `end`).
        ERR_DESTROYED = 1 << 4;
        /// Fail with `ERR_MULTIPLE_CALLBACK` through `errorOrDestroy`.
        ERR_MULTIPLE_CALLBACK = 1 << 5;
        /// Fail with `ERR_STREAM_ALREADY_FINISHED` (`end`).
        ERR_ALREADY_FINISHED = 1 << 6;
        /// Run `clearBuffer`: hand the buffered writes to `_write`/`_writev`.
        CLEAR_BUFFER = 1 << 7;
        /// The write failed: run `onwriteError` on the next tick.
        WRITE_ERROR_TICK = 1 << 8;
        /// The write failed: run `onwriteError` now.
        WRITE_ERROR_NOW = 1 << 9;
        /// Schedule `afterWrite` for one callback-less write.
        AFTER_WRITE_TICK = 1 << 10;
        /// Count this write's callback into the scheduled `afterWriteTick` (same callback).
        TICK_INFO_COUNT = 1 << 11;
        /// Schedule a new `afterWriteTick` for this write's callback.
        TICK_INFO_NEW = 1 << 12;
        /// Run `afterWrite` now.
        AFTER_WRITE_NOW = 1 << 13;
        /// Run `finishMaybe` (synchronously called; see each method for `sync`).
        FINISH_MAYBE = 1 << 14;
        /// Emit `'drain'`.
        EMIT_DRAIN = 1 << 15;
        /// Call every buffered write's callback with the stream's error (or `ERR_STREAM_DESTROYED`).
        ERROR_BUFFER = 1 << 16;
        /// Call the callbacks `end(cb)` left.
        FINISHED_CBS = 1 << 17;
        /// Call `_final(cb)`, then `final_returned`.
        CALL_FINAL = 1 << 18;
        /// Emit `'prefinish'`.
        EMIT_PREFINISH = 1 << 19;
        /// Schedule the tick that finishes if still due (`finishMaybe` with `sync`).
        TICK_FINISH = 1 << 20;
        /// Run `finish` now.
        FINISH_NOW = 1 << 21;
        /// Schedule `finish` on the next tick (after `_final`).
        TICK_FINISH_DIRECT = 1 << 22;
        /// Call `errorOrDestroy(err)`; with `ERROR_SYNC`, as a synchronous error.
        ERROR_OR_DESTROY = 1 << 23;
        /// See `ERROR_OR_DESTROY`.
        ERROR_SYNC = 1 << 24;
        /// Remember the error as the stream's `errored` value.
        SET_ERRORED = 1 << 25;
        /// `onwrite` ran inside `_write` (pass it on to `after_onwrite`).
        WRITE_SYNC = 1 << 26;
        /// A Transform's write callback: keep it until `_read` asks for more (the readable side
        /// is full); nothing else was done.
        CALLBACK_HOLD = 1 << 27;
        /// A Transform's write callback: call it on the next tick (the readable side has
        /// ended); nothing else was done.
        CALLBACK_NEXT_TICK = 1 << 28;
        /// Call `_writev(chunks, onwrite)`, then `writev_done`.
        CALL_WRITEV = 1 << 29;
        /// `clearBuffer`: hand the next buffered write over.
        CONTINUE = 1 << 30;
        /// `finishMaybe`: the stream is due to finish (then run `finish_maybe_end`).
        NEED_FINISH = 1 << 31;
    }
}

codes! {
    /// What `end(cb)` does with its callback.
    pub enum EndCallback {
        /// Call it on the next tick with the stream's error.
        Errored = 1, "ERRORED";
        /// Call it on the next tick with null: already finished.
        Finished = 2, "FINISHED";
        /// Keep it until `'finish'` (or an error).
        Wait = 3, "WAIT";
    }
}

use wact::*;
use wstate::*;

/// The writable state of one stream.
#[derive(Debug)]
pub struct Writable {
    side: Side,
    corked: u32,
    /// Size of the write in flight.
    write_len: f64,
    /// Writes and `_final` calls whose callbacks are still due (Node's `pendingcb`).
    pending_callbacks: f64,
    /// Sizes of the buffered writes, oldest first.
    buffered: VecDeque<f64>,
    /// Units a web producer has queued on this stream's `Writable.toWeb` and not yet written:
    /// they count in `writableLength`, so both sides see one buffer and one desiredSize.
    web_queued: f64,
    /// A duplex's readable length when the write in flight started: a Transform's callback
    /// compares it with the length of then ([`crate::stream::Stream::transform_callback`]).
    readable_length_at_write: f64,
}

impl Writable {
    /// Appends the whole state to `out` as numbers (every field, as in [`crate::readable::Readable::snapshot`]).
    pub fn snapshot(&self, out: &mut Vec<f64>) {
        let Writable { side, corked, write_len, pending_callbacks, buffered, web_queued, readable_length_at_write } =
            self;
        side.snapshot(out);
        out.extend([*corked as f64, *write_len, *pending_callbacks, *web_queued, *readable_length_at_write]);
        out.push(buffered.len() as f64);
        out.extend(buffered.iter().copied());
    }

    /// The state [`Writable::snapshot`] saved, read from `words`.
    pub fn restore(words: &mut Words) -> Option<Writable> {
        let side = Side::restore(words)?;
        let [corked, write_len, pending_callbacks, web_queued, readable_length_at_write] =
            [words.next()?, words.next()?, words.next()?, words.next()?, words.next()?];
        Some(Writable {
            side,
            corked: corked as u32,
            write_len,
            pending_callbacks,
            web_queued,
            readable_length_at_write,
            buffered: words.queue()?,
        })
    }

    /// A new writable state, or an error for a bad `highWaterMark`.
    pub fn new(options: Options) -> Result<Writable, OptionsError> {
        Ok(Writable {
            side: Side::new(options, SYNC | ALL_BUFFERS | ALL_NOOP)?,
            corked: 0,
            write_len: 0.0,
            pending_callbacks: 0.0,
            buffered: VecDeque::new(),
            web_queued: 0.0,
            readable_length_at_write: 0.0,
        })
    }

    /// Note a duplex's readable length as a write starts (see `readable_length_at_write`).
    pub fn set_readable_length_at_write(&mut self, length: f64) {
        self.readable_length_at_write = length;
    }

    /// A duplex's readable length when the write in flight started.
    pub fn readable_length_at_write(&self) -> f64 {
        self.readable_length_at_write
    }

    /// The state word (bits of [`wstate`] and the lifecycle bits).
    pub fn state(&self) -> u32 {
        self.side.state
    }

    /// The state word, for the lifecycle rules.
    pub(crate) fn state_mut(&mut self) -> &mut u32 {
        &mut self.side.state
    }

    /// `writableLength`: bytes, or writes in object mode, not yet processed, including those
    /// queued on the web side of `Writable.toWeb`.
    pub fn length(&self) -> f64 {
        self.side.length + self.web_queued
    }

    /// A web producer queued (`delta > 0`) or handed over (`delta < 0`) a chunk of `delta` units
    /// on `Writable.toWeb`; `None` clears the count when the web side closes or aborts.
    pub fn web_queue(&mut self, delta: Option<f64>) {
        self.web_queued = match delta {
            Some(d) => (self.web_queued + d).max(0.0),
            None => 0.0,
        };
    }

    /// `writableHighWaterMark`.
    pub fn high_water_mark(&self) -> f64 {
        self.side.high_water_mark
    }

    /// Node's `pendingcb`: write and `_final` callbacks still due.
    pub fn pending_callbacks(&self) -> f64 {
        self.pending_callbacks
    }

    /// `writableCorked`: how many `cork()` calls wait for `uncork()`.
    pub fn corked(&self) -> u32 {
        self.corked
    }

    /// What a web producer sees as `desiredSize`.
    pub fn desired_size(&self) -> f64 {
        self.side.high_water_mark - self.length()
    }

    /// How many writes are buffered.
    pub fn buffered_count(&self) -> usize {
        self.buffered.len()
    }

    /// `write(chunk, encoding, cb)` of a chunk of `len` units (after encoding); `has_callback`:
    /// a callback was given; `is_buffer`: the chunk is bytes (not a string kept as one).
    ///
    /// An error bit: the façade schedules the callback with the error and calls
    /// `errorOrDestroy(err, sync)`; `write` returns false. `BUFFER`: queue the write. `CALL_WRITE`:
    /// call `_write`, then [`Writable::write_done`] for the return value.
    pub fn write(&mut self, len: f64, has_callback: bool, is_buffer: bool) -> WActions {
        if self.side.has(ENDING) {
            return ERR_WRITE_AFTER_END;
        }
        if self.side.has(DESTROYED) {
            return ERR_DESTROYED;
        }
        self.pending_callbacks += 1.0;
        let size = self.side.size_of(len);
        self.side.length += size;
        if self.side.state & (WRITING | ERRORED | CORKED | CONSTRUCTED) != CONSTRUCTED {
            self.side.set(BUFFERED);
            self.buffered.push_back(size);
            if !is_buffer {
                self.side.clear(ALL_BUFFERS);
            }
            if has_callback {
                self.side.clear(ALL_NOOP);
            }
            return BUFFER | self.write_result();
        }
        self.start_write(size, has_callback);
        CALL_WRITE
    }

    /// `_write` returned: `RETURN_TRUE` when the caller may write more.
    pub fn write_done(&mut self) -> WActions {
        self.side.clear(SYNC);
        self.write_result()
    }

    /// `length < highWaterMark || length === 0`, and not destroyed or errored; a false answer
    /// means `'drain'` will follow.
    fn write_result(&mut self) -> WActions {
        let length = self.length();
        let room = length < self.side.high_water_mark || length == 0.0;
        if !room {
            self.side.set(NEED_DRAIN);
        }
        if room && !self.side.has(DESTROYED | ERRORED) {
            RETURN_TRUE
        } else {
            WActions::NONE
        }
    }

    fn start_write(&mut self, size: f64, has_callback: bool) {
        self.write_len = size;
        if has_callback {
            self.side.set(WRITE_CB);
        } else {
            self.side.clear(WRITE_CB);
        }
        self.side.set(WRITING | SYNC | EXPECT_WRITE_CB);
    }

    /// The callback given to `_write`/`_writev` was called (`onwrite`).
    ///
    /// `ERR_MULTIPLE_CALLBACK`: it was called twice. With an error: `SET_ERRORED`, then
    /// `WRITE_ERROR_TICK` or `WRITE_ERROR_NOW`. Without: `CLEAR_BUFFER` when writes wait, then
    /// [`Writable::after_onwrite`].
    pub fn onwrite(&mut self, has_error: bool) -> WActions {
        if !self.side.has(EXPECT_WRITE_CB) {
            return ERR_MULTIPLE_CALLBACK;
        }
        let sync = self.side.has(SYNC);
        self.side.clear(WRITE_CB | WRITING | EXPECT_WRITE_CB);
        self.side.length -= self.write_len;
        self.write_len = 0.0;
        if has_error {
            let mut out = if sync { WRITE_ERROR_TICK } else { WRITE_ERROR_NOW };
            if !self.side.has(ERRORED) {
                self.side.set(ERRORED);
                out |= SET_ERRORED;
            }
            return out;
        }
        let out = if sync { WRITE_SYNC } else { WActions::NONE };
        if self.side.has(BUFFERED) {
            out | CLEAR_BUFFER
        } else {
            out
        }
    }

    /// The rest of a successful `onwrite`, after `clearBuffer`: when the write's callback runs.
    /// `same_tick_callback`: a scheduled `afterWriteTick` holds this very callback; `sync`:
    /// `onwrite` returned `WRITE_SYNC` (kept by the caller: `clearBuffer` may run other writes
    /// in between).
    pub fn after_onwrite(&mut self, has_callback: bool, same_tick_callback: bool, sync: bool) -> WActions {
        if !sync {
            return AFTER_WRITE_NOW;
        }
        let need_drain = self.side.has(NEED_DRAIN) && self.side.length == 0.0;
        // Node tests `state & kDestroyed !== 0`, which JS parses as `state & true`: the object
        // mode bit. Kept as Node has it, since the tick it adds is observable.
        let need_tick = need_drain || self.side.has(OBJECT_MODE) || has_callback;
        if !has_callback {
            if !self.side.has(AFTER_WRITE_PENDING) && need_tick {
                self.side.set(AFTER_WRITE_PENDING);
                return AFTER_WRITE_TICK;
            }
        } else if self.side.has(AFTER_WRITE_TICK_INFO) && same_tick_callback {
            return TICK_INFO_COUNT;
        } else if need_tick {
            self.side.set(AFTER_WRITE_PENDING | AFTER_WRITE_TICK_INFO);
            return TICK_INFO_NEW;
        }
        self.pending_callbacks -= 1.0;
        if self.side.has(ENDING) {
            FINISH_MAYBE
        } else {
            WActions::NONE
        }
    }

    /// A failed write's `onwriteError`, before its callback runs: `ERROR_BUFFER`/`FINISHED_CBS`
    /// as [`Writable::error_buffer`]; then `errorOrDestroy(err)`.
    pub fn onwrite_error(&mut self) -> WActions {
        self.pending_callbacks -= 1.0;
        ERROR_OR_DESTROY
    }

    /// `afterWrite`, first part: `EMIT_DRAIN` when the buffer emptied after `write` returned
    /// false. Then the façade calls each callback after [`Writable::callback_due`], and ends with
    /// [`Writable::after_write_end`]. `from_tick`: run by an `afterWriteTick`.
    pub fn after_write(&mut self, from_tick: bool) -> WActions {
        if from_tick {
            self.side.clear(AFTER_WRITE_TICK_INFO);
        }
        self.side.clear(AFTER_WRITE_PENDING);
        if self.side.state & (ENDING | NEED_DRAIN | DESTROYED) == NEED_DRAIN && self.side.length == 0.0 {
            self.side.clear(NEED_DRAIN);
            return EMIT_DRAIN;
        }
        WActions::NONE
    }

    /// One pending callback is about to be called.
    pub fn callback_due(&mut self) {
        self.pending_callbacks -= 1.0;
    }

    /// `afterWrite`, last part: the buffer's callbacks fail if destroyed, then `FINISH_MAYBE`
    /// (`sync`) when ending.
    pub fn after_write_end(&mut self) -> WActions {
        let mut out = WActions::NONE;
        if self.side.has(DESTROYED) {
            out |= self.error_buffer();
        }
        if self.side.has(ENDING) {
            out |= FINISH_MAYBE;
        }
        out
    }

    /// `errorBuffer`: unless a write is in flight, `ERROR_BUFFER` (fail every buffered write)
    /// and `FINISHED_CBS` (fail `end`'s callbacks), in that order; the buffer is emptied.
    pub fn error_buffer(&mut self) -> WActions {
        if self.side.has(WRITING) {
            return WActions::NONE;
        }
        let mut out = WActions::NONE;
        if self.side.has(BUFFERED) {
            self.side.length -= self.buffered.iter().sum::<f64>();
            out |= ERROR_BUFFER;
        }
        out |= self.take_finished_callbacks();
        self.reset_buffer();
        out
    }

    /// Whether `destroy()` must schedule an `errorBuffer` (writes or `end` callbacks wait).
    pub fn destroy_fails_buffer(&self) -> bool {
        self.side.has(BUFFERED | ON_FINISHED) && !self.side.has(DESTROYED)
    }

    fn take_finished_callbacks(&mut self) -> WActions {
        if self.side.has(ON_FINISHED) {
            self.side.clear(ON_FINISHED);
            FINISHED_CBS
        } else {
            WActions::NONE
        }
    }

    fn reset_buffer(&mut self) {
        self.buffered.clear();
        self.side.set(ALL_BUFFERS | ALL_NOOP);
        self.side.clear(BUFFERED);
    }

    /// `clearBuffer`: nothing (0), `CALL_WRITEV` for all buffered writes at once (when
    /// `has_writev` and more than one waits; then [`Writable::writev_done`]), or `CONTINUE`: hand
    /// them one by one through [`Writable::next_buffered_write`].
    pub fn clear_buffer(&mut self, has_writev: bool) -> WActions {
        if self.side.state & (DESTROYED | BUFFER_PROCESSING | CORKED | BUFFERED | CONSTRUCTED) != BUFFERED | CONSTRUCTED
        {
            return WActions::NONE;
        }
        let count = self.buffered.len();
        if count == 0 {
            return WActions::NONE;
        }
        self.side.set(BUFFER_PROCESSING);
        if count > 1 && has_writev {
            self.pending_callbacks -= (count - 1) as f64;
            let has_callback = !self.side.has(ALL_NOOP);
            self.start_write(self.side.length, has_callback);
            return CALL_WRITEV;
        }
        CONTINUE
    }

    /// `_writev` returned.
    pub fn writev_done(&mut self) {
        self.side.clear(SYNC);
        self.reset_buffer();
        self.side.clear(BUFFER_PROCESSING);
    }

    /// Hand the oldest buffered write to `_write` (`CALL_WRITE`), or fail it with
    /// `ERR_DESTROYED` (call its `onwrite` with `ERR_STREAM_DESTROYED`); then
    /// [`Writable::buffered_write_done`].
    pub fn next_buffered_write(&mut self, has_callback: bool) -> WActions {
        let size = self.buffered.pop_front().unwrap_or(0.0);
        self.start_write(size, has_callback);
        if self.side.has(DESTROYED) {
            ERR_DESTROYED
        } else {
            CALL_WRITE
        }
    }

    /// The buffered write was handed over: `CONTINUE` while more wait and none is in flight;
    /// otherwise the `clearBuffer` pass is over.
    pub fn buffered_write_done(&mut self) -> WActions {
        self.side.clear(SYNC);
        if !self.buffered.is_empty() && !self.side.has(WRITING) {
            return CONTINUE;
        }
        if self.buffered.is_empty() {
            self.reset_buffer();
        }
        self.side.clear(BUFFER_PROCESSING);
        WActions::NONE
    }

    /// `cork()`.
    pub fn cork(&mut self) {
        self.side.set(CORKED);
        self.corked += 1;
    }

    /// `uncork()`: `CLEAR_BUFFER` when the last cork is gone and no write is in flight.
    pub fn uncork(&mut self) -> WActions {
        if self.corked == 0 {
            return WActions::NONE;
        }
        self.corked -= 1;
        if self.corked == 0 {
            self.side.clear(CORKED);
        }
        if self.side.has(WRITING) {
            WActions::NONE
        } else {
            CLEAR_BUFFER
        }
    }

    /// `end()`, before its own logic: true when the façade must call `uncork()` (every cork is
    /// undone at once).
    pub fn end_uncork(&mut self) -> bool {
        if self.side.has(CORKED) {
            self.corked = 1;
            true
        } else {
            false
        }
    }

    /// `end()`; `write_failed`: its chunk's write failed. `FINISH_MAYBE` (`sync`, then
    /// [`Writable::set_ended`]) when ending starts now, else `ERR_ALREADY_FINISHED` or
    /// `ERR_DESTROYED` for the callback.
    pub fn end(&mut self, write_failed: bool) -> WActions {
        if write_failed {
            WActions::NONE
        } else if !self.side.has(ENDING | ERRORED) {
            self.side.set(ENDING);
            FINISH_MAYBE
        } else if self.side.has(FINISHED) {
            ERR_ALREADY_FINISHED
        } else if self.side.has(DESTROYED) {
            ERR_DESTROYED
        } else {
            WActions::NONE
        }
    }

    /// `end()` has run `finishMaybe`.
    pub fn set_ended(&mut self) {
        self.side.set(ENDED);
    }

    /// What `end(cb)` does with `cb` when it brought no error.
    pub fn end_callback(&mut self) -> EndCallback {
        if self.side.has(ERRORED) {
            EndCallback::Errored
        } else if self.side.has(FINISHED) {
            EndCallback::Finished
        } else {
            self.side.set(ON_FINISHED);
            EndCallback::Wait
        }
    }

    /// `needFinish`: ending, constructed, nothing written or buffered, not finished, no error.
    pub fn need_finish(&self) -> bool {
        self.side.state
            & (ENDING
                | DESTROYED
                | CONSTRUCTED
                | FINISHED
                | WRITING
                | ERROR_EMITTED
                | CLOSE_EMITTED
                | ERRORED
                | BUFFERED)
            == ENDING | CONSTRUCTED
            && self.side.length == 0.0
    }

    /// `finishMaybe`, first part: `NEED_FINISH` with `prefinish` (`CALL_FINAL`, then
    /// [`Writable::final_returned`]; or `EMIT_PREFINISH`); then [`Writable::finish_maybe_end`].
    pub fn finish_maybe(&mut self, has_final: bool) -> WActions {
        if !self.need_finish() {
            return WActions::NONE;
        }
        if self.side.has(PREFINISHED | FINAL_CALLED) {
            return NEED_FINISH;
        }
        if has_final && !self.side.has(DESTROYED) {
            self.side.set(FINAL_CALLED | SYNC);
            self.pending_callbacks += 1.0;
            NEED_FINISH | CALL_FINAL
        } else {
            self.side.set(FINAL_CALLED | PREFINISHED);
            NEED_FINISH | EMIT_PREFINISH
        }
    }

    /// `_final` returned.
    pub fn final_returned(&mut self) {
        self.side.clear(SYNC);
    }

    /// `finishMaybe`, last part: with no callback pending, `TICK_FINISH` (`sync`) or `FINISH_NOW`.
    pub fn finish_maybe_end(&mut self, sync: bool) -> WActions {
        if self.pending_callbacks != 0.0 {
            return WActions::NONE;
        }
        if sync {
            self.pending_callbacks += 1.0;
            TICK_FINISH
        } else if self.need_finish() {
            self.pending_callbacks += 1.0;
            FINISH_NOW
        } else {
            WActions::NONE
        }
    }

    /// The tick `TICK_FINISH` scheduled: `FINISH_NOW` when still due.
    pub fn finish_tick(&mut self) -> WActions {
        if self.need_finish() {
            FINISH_NOW
        } else {
            self.pending_callbacks -= 1.0;
            WActions::NONE
        }
    }

    /// `finish`: `FINISHED_CBS` (with no error), then the façade emits `'finish'`.
    pub fn finish(&mut self) -> WActions {
        self.pending_callbacks -= 1.0;
        self.side.set(FINISHED);
        self.take_finished_callbacks()
    }

    /// `_final`'s callback (`onFinish`). `ERR_MULTIPLE_CALLBACK` when called again; with an
    /// error `FINISHED_CBS` (with it) and `ERROR_OR_DESTROY`; else `EMIT_PREFINISH` and
    /// `TICK_FINISH_DIRECT` when due.
    pub fn on_final(&mut self, has_error: bool) -> WActions {
        if self.side.has(PREFINISHED) {
            return ERR_MULTIPLE_CALLBACK;
        }
        self.pending_callbacks -= 1.0;
        if has_error {
            let sync = if self.side.has(SYNC) { ERROR_SYNC } else { WActions::NONE };
            return self.take_finished_callbacks() | ERROR_OR_DESTROY | sync;
        }
        if self.need_finish() {
            self.side.set(PREFINISHED);
            self.pending_callbacks += 1.0;
            return EMIT_PREFINISH | TICK_FINISH_DIRECT;
        }
        WActions::NONE
    }

    /// What the side does once `_construct` succeeded: `CLEAR_BUFFER` unless writing, then
    /// `FINISH_MAYBE` (not `sync`) when ending.
    pub fn on_constructed(&mut self) -> WActions {
        let mut out = WActions::NONE;
        if !self.side.has(WRITING) {
            out |= CLEAR_BUFFER;
        }
        if self.side.has(ENDING) {
            out |= FINISH_MAYBE;
        }
        out
    }

    /// A duplex created with `writable: false`: this side starts finished.
    pub fn disable(&mut self) {
        self.side.set(DISABLED | ENDING | ENDED | FINISHED);
    }

    /// The `writable` getter.
    pub fn writable(&self) -> bool {
        !self.side.has(DISABLED | ENDING | ENDED | DESTROYED | ERRORED)
    }

    /// `writableNeedDrain`.
    pub fn need_drain(&self) -> bool {
        self.side.state & (DESTROYED | ENDING | NEED_DRAIN) == NEED_DRAIN
    }

    /// `writableAborted`: destroyed or errored before `'finish'`.
    pub fn aborted(&self) -> bool {
        !self.side.has(DISABLED) && self.side.has(DESTROYED | ERRORED) && !self.side.has(FINISHED)
    }

    /// Whether the side is done for `autoDestroy` after the readable side ended.
    pub fn done_for_auto_destroy(&self) -> bool {
        self.side.has(AUTO_DESTROY) && (self.side.has(FINISHED) || self.side.has(DISABLED))
    }

    /// Whether every write was processed: `'finish'` emitted (even if an error came after), or
    /// with `lenient` also ended, with nothing left to write and no error (Node's
    /// `isWritableFinished`).
    pub fn finished(&self, lenient: bool) -> bool {
        self.side.has(FINISHED)
            || (!self.side.has(ERRORED) && lenient && self.side.has(ENDED) && self.side.length == 0.0)
    }

    /// The `writable` setter (a compatibility knob): false disables the side.
    pub fn set_writable(&mut self, writable: bool) {
        if writable {
            self.side.clear(DISABLED);
        } else {
            self.side.set(DISABLED);
        }
    }

    /// An assignment to one of Node's bitmap fields of `_writableState` (`objectMode`,
    /// `ending`, `finished`, `prefinished`, `errorEmitted`, `destroyed`, …): as Node's setter,
    /// the bit is set or cleared and nothing else happens until a later call reads it. `bit`
    /// must be one bit of [`ASSIGNABLE`]; false (and no change) otherwise.
    pub fn assign(&mut self, bit: u32, on: bool) -> bool {
        self.side.assign(bit, on, ASSIGNABLE)
    }

    /// An assignment to `_writableState.highWaterMark` (a plain field in Node): any number from
    /// 0 up; false (and no change) for a negative number or NaN.
    pub fn set_high_water_mark(&mut self, value: f64) -> bool {
        self.side.set_high_water_mark(value)
    }

    /// An assignment to `_writableState.corked`, a plain count in Node: only the count changes
    /// (its fraction dropped, 0 for anything not above 0); whether writes are held is the
    /// `CORKED` bit, which only `cork()` and the `uncork()` that brings the count to 0 change.
    pub fn set_corked(&mut self, value: f64) {
        self.corked = if value >= 1.0 { value.min(u32::MAX as f64) as u32 } else { 0 };
    }

    /// Whether the side was disabled (`writable: false`).
    pub fn disabled(&self) -> bool {
        self.side.has(DISABLED)
    }
}
