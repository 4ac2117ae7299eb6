//! The writable side of a stream as a pure state machine, following Node's
//! `lib/internal/streams/writable.js` (Node 26) decision by decision, like [`crate::readable`].
//!
//! Writes and their callbacks stay in JS; the core tracks the written length, the sizes of the
//! buffered writes, the pending callback count and every flag. Each method returns [`WActions`]
//! bits that the façade carries out in the order given in the method's doc comment.

use std::collections::VecDeque;

use crate::hwm::default_high_water_mark;
use crate::lifecycle::Lifecycle;
use crate::readable::state::{
    AUTO_DESTROY, CONSTRUCTED, DESTROYED, EMIT_CLOSE_OPTION, ERRORED, ERROR_EMITTED, CLOSE_EMITTED,
    OBJECT_MODE,
};

named_bits! {
    /// Bits of the writable state word. Bits 0 to 8 are the lifecycle bits shared with the readable
    /// side ([`crate::readable::state`]).
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
    | crate::readable::state::CLOSED
    | CLOSE_EMITTED
    | wstate::ALL_BUFFERS
    | wstate::ALL_NOOP
    | ERRORED;

/// What the façade must do after a writable call, as bits.
pub type WActions = u32;

named_bits! {
    /// The writable action bits.
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
        /// Call `uncork()` (from `end`).
        UNCORK = 1 << 28;
        /// Call `_writev(chunks, onwrite)`, then `writev_done`.
        CALL_WRITEV = 1 << 29;
        /// `clearBuffer`: hand the next buffered write over.
        CONTINUE = 1 << 30;
        /// `finishMaybe`: the stream is due to finish (then run `finish_maybe_end`).
        NEED_FINISH = 1 << 31;
    }
}

/// What `end(cb)` does with its callback.
pub mod end_callback {
    /// Call it on the next tick with the stream's error.
    pub const ERRORED: u32 = 1;
    /// Call it on the next tick with null: already finished.
    pub const FINISHED: u32 = 2;
    /// Keep it until `'finish'` (or an error).
    pub const WAIT: u32 = 3;
}

use wact::*;
use wstate::*;

/// Options fixed when a Writable is created.
#[derive(Clone, Copy, Debug)]
pub struct WOptions {
    /// `highWaterMark`; `None` takes the default for the mode.
    pub high_water_mark: Option<f64>,
    /// `objectMode`.
    pub object_mode: bool,
    /// `emitClose` (default true).
    pub emit_close: bool,
    /// `autoDestroy` (default true).
    pub auto_destroy: bool,
}

impl Default for WOptions {
    /// Node's defaults.
    fn default() -> Self {
        WOptions { high_water_mark: None, object_mode: false, emit_close: true, auto_destroy: true }
    }
}

/// The writable state of one stream.
#[derive(Debug)]
pub struct Writable {
    pub(crate) state: u32,
    length: f64,
    high_water_mark: f64,
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
}

impl Writable {
    /// Appends the whole state to `out` as numbers (every field, as in [`crate::readable::Readable::snapshot`]).
    pub fn snapshot(&self, out: &mut Vec<f64>) {
        let Writable { state, length, high_water_mark, corked, write_len, pending_callbacks, buffered, web_queued } = self;
        out.extend([*state as f64, *length, *high_water_mark, *corked as f64, *write_len, *pending_callbacks, *web_queued]);
        out.push(buffered.len() as f64);
        out.extend(buffered.iter().copied());
    }

    /// The state [`Writable::snapshot`] saved, read from `words`.
    pub fn restore(words: &mut crate::stream::Words) -> Option<Writable> {
        let [state, length, high_water_mark, corked, write_len, pending_callbacks, web_queued] =
            [words.next()?, words.next()?, words.next()?, words.next()?, words.next()?, words.next()?, words.next()?];
        Some(Writable {
            state: state as u32,
            length,
            high_water_mark,
            corked: corked as u32,
            write_len,
            pending_callbacks,
            web_queued,
            buffered: words.queue()?,
        })
    }

    /// A new writable state; `None` for a bad `highWaterMark` (see [`crate::hwm::is_valid`]).
    pub fn new(options: WOptions) -> Option<Writable> {
        let mut state = SYNC | CONSTRUCTED | EMIT_CLOSE_OPTION | AUTO_DESTROY | ALL_BUFFERS | ALL_NOOP;
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
            Some(h) if crate::hwm::is_valid(h) => h,
            Some(_) => return None,
        };
        Some(Writable {
            state,
            length: 0.0,
            high_water_mark,
            corked: 0,
            write_len: 0.0,
            pending_callbacks: 0.0,
            buffered: VecDeque::new(),
            web_queued: 0.0,
        })
    }

    /// The state word (bits of [`wstate`] and the lifecycle bits).
    pub fn state(&self) -> u32 {
        self.state
    }

    /// `writableLength`: bytes, or writes in object mode, not yet processed, including those
    /// queued on the web side of `Writable.toWeb`.
    pub fn length(&self) -> f64 {
        self.length + self.web_queued
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
        self.high_water_mark
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
        self.high_water_mark - self.length()
    }

    /// How many writes are buffered.
    pub fn buffered_count(&self) -> usize {
        self.buffered.len()
    }

    fn has(&self, bits: u32) -> bool {
        self.state & bits != 0
    }

    fn set(&mut self, bits: u32) {
        self.state |= bits;
    }

    fn clear(&mut self, bits: u32) {
        self.state &= !bits;
    }

    fn size_of(&self, len: f64) -> f64 {
        crate::lifecycle::size_in(self.state, len)
    }

    /// `write(chunk, encoding, cb)` of a chunk of `len` units (after encoding); `has_callback`:
    /// a callback was given; `is_buffer`: the chunk is bytes (not a string kept as one).
    ///
    /// An error bit: the façade schedules the callback with the error and calls
    /// `errorOrDestroy(err, sync)`; `write` returns false. `BUFFER`: queue the write. `CALL_WRITE`:
    /// call `_write`, then [`Writable::write_done`] for the return value.
    pub fn write(&mut self, len: f64, has_callback: bool, is_buffer: bool) -> WActions {
        if self.has(ENDING) {
            return ERR_WRITE_AFTER_END;
        }
        if self.has(DESTROYED) {
            return ERR_DESTROYED;
        }
        self.pending_callbacks += 1.0;
        let size = self.size_of(len);
        self.length += size;
        if self.state & (WRITING | ERRORED | CORKED | CONSTRUCTED) != CONSTRUCTED {
            self.set(BUFFERED);
            self.buffered.push_back(size);
            if !is_buffer {
                self.clear(ALL_BUFFERS);
            }
            if has_callback {
                self.clear(ALL_NOOP);
            }
            return BUFFER | self.write_result();
        }
        self.start_write(size, has_callback);
        CALL_WRITE
    }

    /// `_write` returned: `RETURN_TRUE` when the caller may write more.
    pub fn write_done(&mut self) -> WActions {
        self.clear(SYNC);
        self.write_result()
    }

    /// `length < highWaterMark || length === 0`, and not destroyed or errored; a false answer
    /// means `'drain'` will follow.
    fn write_result(&mut self) -> WActions {
        let length = self.length();
        let room = length < self.high_water_mark || length == 0.0;
        if !room {
            self.set(NEED_DRAIN);
        }
        if room && !self.has(DESTROYED | ERRORED) {
            RETURN_TRUE
        } else {
            0
        }
    }

    fn start_write(&mut self, size: f64, has_callback: bool) {
        self.write_len = size;
        if has_callback {
            self.set(WRITE_CB);
        } else {
            self.clear(WRITE_CB);
        }
        self.set(WRITING | SYNC | EXPECT_WRITE_CB);
    }

    /// The callback given to `_write`/`_writev` was called (`onwrite`).
    ///
    /// `ERR_MULTIPLE_CALLBACK`: it was called twice. With an error: `SET_ERRORED`, then
    /// `WRITE_ERROR_TICK` or `WRITE_ERROR_NOW`. Without: `CLEAR_BUFFER` when writes wait, then
    /// [`Writable::after_onwrite`].
    pub fn onwrite(&mut self, has_error: bool) -> WActions {
        if !self.has(EXPECT_WRITE_CB) {
            return ERR_MULTIPLE_CALLBACK;
        }
        let sync = self.has(SYNC);
        self.clear(WRITE_CB | WRITING | EXPECT_WRITE_CB);
        self.length -= self.write_len;
        self.write_len = 0.0;
        if has_error {
            let mut out = if sync { WRITE_ERROR_TICK } else { WRITE_ERROR_NOW };
            if !self.has(ERRORED) {
                self.set(ERRORED);
                out |= SET_ERRORED;
            }
            return out;
        }
        let out = if sync { WRITE_SYNC } else { 0 };
        if self.has(BUFFERED) {
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
        let need_drain = self.has(NEED_DRAIN) && self.length == 0.0;
        // Node tests `state & kDestroyed !== 0`, which JS parses as `state & true`: the object
        // mode bit. Kept as Node has it, since the tick it adds is observable.
        let need_tick = need_drain || self.has(OBJECT_MODE) || has_callback;
        if !has_callback {
            if !self.has(AFTER_WRITE_PENDING) && need_tick {
                self.set(AFTER_WRITE_PENDING);
                return AFTER_WRITE_TICK;
            }
        } else if self.has(AFTER_WRITE_TICK_INFO) && same_tick_callback {
            return TICK_INFO_COUNT;
        } else if need_tick {
            self.set(AFTER_WRITE_PENDING | AFTER_WRITE_TICK_INFO);
            return TICK_INFO_NEW;
        }
        self.pending_callbacks -= 1.0;
        if self.has(ENDING) {
            FINISH_MAYBE
        } else {
            0
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
            self.clear(AFTER_WRITE_TICK_INFO);
        }
        self.clear(AFTER_WRITE_PENDING);
        if self.state & (ENDING | NEED_DRAIN | DESTROYED) == NEED_DRAIN && self.length == 0.0 {
            self.clear(NEED_DRAIN);
            return EMIT_DRAIN;
        }
        0
    }

    /// One pending callback is about to be called.
    pub fn callback_due(&mut self) {
        self.pending_callbacks -= 1.0;
    }

    /// `afterWrite`, last part: the buffer's callbacks fail if destroyed, then `FINISH_MAYBE`
    /// (`sync`) when ending.
    pub fn after_write_end(&mut self) -> WActions {
        let mut out = 0;
        if self.has(DESTROYED) {
            out |= self.error_buffer();
        }
        if self.has(ENDING) {
            out |= FINISH_MAYBE;
        }
        out
    }

    /// `errorBuffer`: unless a write is in flight, `ERROR_BUFFER` (fail every buffered write)
    /// and `FINISHED_CBS` (fail `end`'s callbacks), in that order; the buffer is emptied.
    pub fn error_buffer(&mut self) -> WActions {
        if self.has(WRITING) {
            return 0;
        }
        let mut out = 0;
        if self.has(BUFFERED) {
            self.length -= self.buffered.iter().sum::<f64>();
            out |= ERROR_BUFFER;
        }
        out |= self.take_finished_callbacks();
        self.reset_buffer();
        out
    }

    /// Whether `destroy()` must schedule an `errorBuffer` (writes or `end` callbacks wait).
    pub fn destroy_fails_buffer(&self) -> bool {
        self.has(BUFFERED | ON_FINISHED) && !self.has(DESTROYED)
    }

    fn take_finished_callbacks(&mut self) -> WActions {
        if self.has(ON_FINISHED) {
            self.clear(ON_FINISHED);
            FINISHED_CBS
        } else {
            0
        }
    }

    fn reset_buffer(&mut self) {
        self.buffered.clear();
        self.set(ALL_BUFFERS | ALL_NOOP);
        self.clear(BUFFERED);
    }

    /// `clearBuffer`: nothing (0), `CALL_WRITEV` for all buffered writes at once (when
    /// `has_writev` and more than one waits; then [`Writable::writev_done`]), or `CONTINUE`: hand
    /// them one by one through [`Writable::next_buffered_write`].
    pub fn clear_buffer(&mut self, has_writev: bool) -> WActions {
        if self.state & (DESTROYED | BUFFER_PROCESSING | CORKED | BUFFERED | CONSTRUCTED)
            != BUFFERED | CONSTRUCTED
        {
            return 0;
        }
        let count = self.buffered.len();
        if count == 0 {
            return 0;
        }
        self.set(BUFFER_PROCESSING);
        if count > 1 && has_writev {
            self.pending_callbacks -= (count - 1) as f64;
            let has_callback = !self.has(ALL_NOOP);
            self.start_write(self.length, has_callback);
            return CALL_WRITEV;
        }
        CONTINUE
    }

    /// `_writev` returned.
    pub fn writev_done(&mut self) {
        self.clear(SYNC);
        self.reset_buffer();
        self.clear(BUFFER_PROCESSING);
    }

    /// Hand the oldest buffered write to `_write` (`CALL_WRITE`), or fail it with
    /// `ERR_DESTROYED` (call its `onwrite` with `ERR_STREAM_DESTROYED`); then
    /// [`Writable::buffered_write_done`].
    pub fn next_buffered_write(&mut self, has_callback: bool) -> WActions {
        let size = self.buffered.pop_front().unwrap_or(0.0);
        self.start_write(size, has_callback);
        if self.has(DESTROYED) {
            ERR_DESTROYED
        } else {
            CALL_WRITE
        }
    }

    /// The buffered write was handed over: `CONTINUE` while more wait and none is in flight;
    /// otherwise the `clearBuffer` pass is over.
    pub fn buffered_write_done(&mut self) -> WActions {
        self.clear(SYNC);
        if !self.buffered.is_empty() && !self.has(WRITING) {
            return CONTINUE;
        }
        if self.buffered.is_empty() {
            self.reset_buffer();
        }
        self.clear(BUFFER_PROCESSING);
        0
    }

    /// `cork()`.
    pub fn cork(&mut self) {
        self.set(CORKED);
        self.corked += 1;
    }

    /// `uncork()`: `CLEAR_BUFFER` when the last cork is gone and no write is in flight.
    pub fn uncork(&mut self) -> WActions {
        if self.corked == 0 {
            return 0;
        }
        self.corked -= 1;
        if self.corked == 0 {
            self.clear(CORKED);
        }
        if self.has(WRITING) {
            0
        } else {
            CLEAR_BUFFER
        }
    }

    /// `end()`, before its own logic: `UNCORK` (every cork is undone at once).
    pub fn end_uncork(&mut self) -> WActions {
        if self.has(CORKED) {
            self.corked = 1;
            UNCORK
        } else {
            0
        }
    }

    /// `end()`; `write_failed`: its chunk's write failed. `FINISH_MAYBE` (`sync`, then
    /// [`Writable::set_ended`]) when ending starts now, else `ERR_ALREADY_FINISHED` or
    /// `ERR_DESTROYED` for the callback.
    pub fn end(&mut self, write_failed: bool) -> WActions {
        if write_failed {
            0
        } else if !self.has(ENDING | ERRORED) {
            self.set(ENDING);
            FINISH_MAYBE
        } else if self.has(FINISHED) {
            ERR_ALREADY_FINISHED
        } else if self.has(DESTROYED) {
            ERR_DESTROYED
        } else {
            0
        }
    }

    /// `end()` has run `finishMaybe`.
    pub fn set_ended(&mut self) {
        self.set(ENDED);
    }

    /// What `end(cb)` does with `cb` (a value of [`end_callback`]) when it brought no error.
    pub fn end_callback(&mut self) -> u32 {
        if self.has(ERRORED) {
            end_callback::ERRORED
        } else if self.has(FINISHED) {
            end_callback::FINISHED
        } else {
            self.set(ON_FINISHED);
            end_callback::WAIT
        }
    }

    /// `needFinish`: ending, constructed, nothing written or buffered, not finished, no error.
    pub fn need_finish(&self) -> bool {
        self.state
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
            && self.length == 0.0
    }

    /// `finishMaybe`, first part: `NEED_FINISH` with `prefinish` (`CALL_FINAL`, then
    /// [`Writable::final_returned`]; or `EMIT_PREFINISH`); then [`Writable::finish_maybe_end`].
    pub fn finish_maybe(&mut self, has_final: bool) -> WActions {
        if !self.need_finish() {
            return 0;
        }
        if self.has(PREFINISHED | FINAL_CALLED) {
            return NEED_FINISH;
        }
        if has_final && !self.has(DESTROYED) {
            self.set(FINAL_CALLED | SYNC);
            self.pending_callbacks += 1.0;
            NEED_FINISH | CALL_FINAL
        } else {
            self.set(FINAL_CALLED | PREFINISHED);
            NEED_FINISH | EMIT_PREFINISH
        }
    }

    /// `_final` returned.
    pub fn final_returned(&mut self) {
        self.clear(SYNC);
    }

    /// `finishMaybe`, last part: with no callback pending, `TICK_FINISH` (`sync`) or `FINISH_NOW`.
    pub fn finish_maybe_end(&mut self, sync: bool) -> WActions {
        if self.pending_callbacks != 0.0 {
            return 0;
        }
        if sync {
            self.pending_callbacks += 1.0;
            TICK_FINISH
        } else if self.need_finish() {
            self.pending_callbacks += 1.0;
            FINISH_NOW
        } else {
            0
        }
    }

    /// The tick `TICK_FINISH` scheduled: `FINISH_NOW` when still due.
    pub fn finish_tick(&mut self) -> WActions {
        if self.need_finish() {
            FINISH_NOW
        } else {
            self.pending_callbacks -= 1.0;
            0
        }
    }

    /// `finish`: `FINISHED_CBS` (with no error), then the façade emits `'finish'`.
    pub fn finish(&mut self) -> WActions {
        self.pending_callbacks -= 1.0;
        self.set(FINISHED);
        self.take_finished_callbacks()
    }

    /// `_final`'s callback (`onFinish`). `ERR_MULTIPLE_CALLBACK` when called again; with an
    /// error `FINISHED_CBS` (with it) and `ERROR_OR_DESTROY`; else `EMIT_PREFINISH` and
    /// `TICK_FINISH_DIRECT` when due.
    pub fn on_final(&mut self, has_error: bool) -> WActions {
        if self.has(PREFINISHED) {
            return ERR_MULTIPLE_CALLBACK;
        }
        self.pending_callbacks -= 1.0;
        if has_error {
            let sync = if self.has(SYNC) { ERROR_SYNC } else { 0 };
            return self.take_finished_callbacks() | ERROR_OR_DESTROY | sync;
        }
        if self.need_finish() {
            self.set(PREFINISHED);
            self.pending_callbacks += 1.0;
            return EMIT_PREFINISH | TICK_FINISH_DIRECT;
        }
        0
    }

    /// What the side does once `_construct` succeeded: `CLEAR_BUFFER` unless writing, then
    /// `FINISH_MAYBE` (not `sync`) when ending.
    pub fn on_constructed(&mut self) -> WActions {
        let mut out = 0;
        if !self.has(WRITING) {
            out |= CLEAR_BUFFER;
        }
        if self.has(ENDING) {
            out |= FINISH_MAYBE;
        }
        out
    }

    /// A duplex created with `writable: false`: this side starts finished.
    pub fn disable(&mut self) {
        self.set(DISABLED | ENDING | ENDED | FINISHED);
    }

    /// The `writable` getter.
    pub fn writable(&self) -> bool {
        !self.has(DISABLED | ENDING | ENDED | DESTROYED | ERRORED)
    }

    /// `writableNeedDrain`.
    pub fn need_drain(&self) -> bool {
        self.state & (DESTROYED | ENDING | NEED_DRAIN) == NEED_DRAIN
    }

    /// `writableAborted`: destroyed or errored before `'finish'`.
    pub fn aborted(&self) -> bool {
        !self.has(DISABLED) && self.has(DESTROYED | ERRORED) && !self.has(FINISHED)
    }

    /// Whether the side is done for `autoDestroy` after the readable side ended.
    pub fn done_for_auto_destroy(&self) -> bool {
        self.has(AUTO_DESTROY) && (self.has(FINISHED) || self.has(DISABLED))
    }

    /// Whether every write was processed: `'finish'` emitted (even if an error came after), or
    /// with `lenient` also ended, with nothing left to write and no error (Node's
    /// `isWritableFinished`).
    pub fn finished(&self, lenient: bool) -> bool {
        self.has(FINISHED)
            || (!self.has(ERRORED) && lenient && self.has(ENDED) && self.length == 0.0)
    }

    /// The `writable` setter (a compatibility knob): false disables the side.
    pub fn set_writable(&mut self, writable: bool) {
        if writable {
            self.clear(DISABLED);
        } else {
            self.set(DISABLED);
        }
    }

    /// An assignment to one of Node's bitmap fields of `_writableState` (`objectMode`,
    /// `ending`, `finished`, `prefinished`, `errorEmitted`, `destroyed`, …): as Node's setter,
    /// the bit is set or cleared and nothing else happens until a later call reads it. `bit`
    /// must be one bit of [`ASSIGNABLE`]; false (and no change) otherwise.
    pub fn assign(&mut self, bit: u32, on: bool) -> bool {
        if bit == 0 || bit & (bit - 1) != 0 || bit & ASSIGNABLE == 0 {
            return false;
        }
        if on {
            self.set(bit);
        } else {
            self.clear(bit);
        }
        true
    }

    /// An assignment to `_writableState.highWaterMark` (a plain field in Node): any number from
    /// 0 up; false (and no change) for a negative number or NaN.
    pub fn set_high_water_mark(&mut self, value: f64) -> bool {
        if value.is_nan() || value < 0.0 {
            return false;
        }
        self.high_water_mark = value;
        true
    }

    /// An assignment to `_writableState.corked`, a plain count in Node: only the count changes
    /// (its fraction dropped, 0 for anything not above 0); whether writes are held is the
    /// `CORKED` bit, which only `cork()` and the `uncork()` that brings the count to 0 change.
    pub fn set_corked(&mut self, value: f64) {
        self.corked = if value >= 1.0 { value.min(u32::MAX as f64) as u32 } else { 0 };
    }

    /// Whether the side was disabled (`writable: false`).
    pub fn disabled(&self) -> bool {
        self.has(DISABLED)
    }
}

impl Lifecycle for Writable {
    fn sides(&mut self) -> [Option<&mut u32>; 2] {
        [None, Some(&mut self.state)]
    }
}
