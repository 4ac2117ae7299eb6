//! The readable side of a stream as a pure state machine: no I/O, no JS, no allocation per chunk
//! beyond the queue of chunk sizes.
//!
//! It follows Node's `lib/internal/streams/readable.js` (Node 26) decision by decision. The
//! façade calls one method per decision point and carries out the returned [`Actions`] in the
//! order given in each method's doc comment. Chunks stay in JS: the core only tracks their sizes
//! (1 per chunk in object mode, bytes or UTF-16 units otherwise), and every `TAKE_*` or `BUFFER`
//! action it returns is mirrored by the façade on its own queue of chunk objects.

use std::collections::VecDeque;

use crate::hwm::{default_high_water_mark, MAX_HIGH_WATER_MARK};
use crate::lifecycle::Lifecycle;

named_bits! {
    /// Bits of the readable state word (the same meanings as Node's `kState` bits).
    pub mod state {
        OBJECT_MODE = 1 << 0;
        ERROR_EMITTED = 1 << 1;
        AUTO_DESTROY = 1 << 2;
        EMIT_CLOSE_OPTION = 1 << 3;
        DESTROYED = 1 << 4;
        CLOSED = 1 << 5;
        CLOSE_EMITTED = 1 << 6;
        ERRORED = 1 << 7;
        CONSTRUCTED = 1 << 8;
        ENDED = 1 << 9;
        END_EMITTED = 1 << 10;
        READING = 1 << 11;
        SYNC = 1 << 12;
        NEED_READABLE = 1 << 13;
        EMITTED_READABLE = 1 << 14;
        READABLE_LISTENING = 1 << 15;
        RESUME_SCHEDULED = 1 << 16;
        READING_MORE = 1 << 17;
        DATA_EMITTED = 1 << 18;
        DECODER = 1 << 19;
        HAS_FLOWING = 1 << 20;
        FLOWING = 1 << 21;
        HAS_PAUSED = 1 << 22;
        PAUSED = 1 << 23;
        DATA_LISTENING = 1 << 24;
        END_SCHEDULED = 1 << 25;
        EOF_READABLE_PENDING = 1 << 26;
        /// A duplex side created with `readable: false`.
        DISABLED = 1 << 27;
    }
}

/// The state bits Node lets a script assign through `_readableState` (each has a plain bit
/// setter there): see [`Readable::assign`].
pub const ASSIGNABLE: u32 = state::OBJECT_MODE
    | state::ENDED
    | state::END_EMITTED
    | state::READING
    | state::CONSTRUCTED
    | state::SYNC
    | state::NEED_READABLE
    | state::EMITTED_READABLE
    | state::READABLE_LISTENING
    | state::RESUME_SCHEDULED
    | state::ERROR_EMITTED
    | state::EMIT_CLOSE_OPTION
    | state::AUTO_DESTROY
    | state::DESTROYED
    | state::CLOSED
    | state::CLOSE_EMITTED
    | state::READING_MORE
    | state::DATA_EMITTED
    | state::ERRORED
    | state::DECODER
    | state::PAUSED;

/// What the façade must do after a call, as bits; see each method for their order.
pub type Actions = u32;

named_bits! {
    /// The action bits.
    pub mod act {
        /// `push`/`unshift` return true (more may be pushed).
        RETURN_TRUE = 1 << 0;
        /// Queue the chunk (at the front for `unshift`).
        BUFFER = 1 << 1;
        /// Emit `'data'` with the chunk now.
        EMIT_DATA = 1 << 2;
        /// Schedule `emitReadable_` on the next tick.
        TICK_READABLE = 1 << 3;
        /// Schedule `maybeReadMore_` on the next tick.
        TICK_READ_MORE = 1 << 4;
        /// Schedule `endReadableNT` on the next tick.
        TICK_END = 1 << 5;
        /// Run `emitReadable_` now (end of stream reached outside `_read`).
        EMIT_READABLE_NOW = 1 << 6;
        /// Call `_read(highWaterMark)`, then `read_after_read`.
        CALL_READ = 1 << 7;
        /// Take the first queued chunk.
        TAKE_FIRST = 1 << 8;
        /// Take everything queued as one chunk.
        TAKE_ALL = 1 << 9;
        /// Take exactly [`Readable::taken`] units (what `read(n)` asked for, as a rule).
        TAKE_N = 1 << 10;
        /// Fail with `ERR_STREAM_PUSH_AFTER_EOF` through `errorOrDestroy`.
        ERR_PUSH_AFTER_EOF = 1 << 11;
        /// Fail with `ERR_STREAM_UNSHIFT_AFTER_END_EVENT` through `errorOrDestroy`.
        ERR_UNSHIFT_AFTER_END = 1 << 12;
        /// Throw `ERR_OUT_OF_RANGE` (read size above 1 GiB).
        ERR_OUT_OF_RANGE = 1 << 13;
        /// Schedule `read(0)` on the next tick.
        TICK_READ0 = 1 << 14;
        /// Schedule `resume_` on the next tick.
        TICK_RESUME = 1 << 15;
        /// Emit `'pause'`.
        EMIT_PAUSE = 1 << 16;
        /// Call `stream.resume()`.
        RESUME = 1 << 17;
        /// Call `stream.read(0)`.
        READ0 = 1 << 18;
        /// Emit `'readable'`.
        EMIT_READABLE = 1 << 19;
        /// Emit `'end'`.
        EMIT_END = 1 << 20;
        /// Call `stream.destroy(err)`.
        DESTROY = 1 << 21;
        /// Emit `'error'` now.
        EMIT_ERROR = 1 << 22;
        /// Schedule the `'error'` emission on the next tick.
        TICK_ERROR = 1 << 23;
        /// Emit `'close'`.
        EMIT_CLOSE = 1 << 24;
        /// Call `_destroy(err, cb)`.
        CALL_DESTROY = 1 << 25;
        /// Wait for `_construct` to finish before calling `_destroy`.
        WAIT_CONSTRUCT = 1 << 26;
        /// Remember the error as the stream's `errored` value.
        SET_ERRORED = 1 << 27;
        /// Nothing to do but call the user's callback (already destroyed).
        ALREADY = 1 << 28;
        /// Run `flow()` (read while flowing).
        FLOW = 1 << 29;
        /// Emit `'resume'`.
        EMIT_RESUME = 1 << 30;
        /// `_construct` succeeded: run each side's on-constructed step.
        CONSTRUCTED_OK = 1 << 31;
    }
}

use act::*;
use state::*;

/// Options fixed when a Readable is created.
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
    /// An `encoding` was given: chunks are decoded to strings.
    pub decoder: bool,
}

impl Default for Options {
    /// Node's defaults: default highWaterMark, byte mode, `emitClose` and `autoDestroy` on.
    fn default() -> Self {
        Options { high_water_mark: None, object_mode: false, emit_close: true, auto_destroy: true, decoder: false }
    }
}

/// Why options were refused.
#[derive(Debug, PartialEq, Eq)]
pub enum OptionsError {
    /// `highWaterMark` is not a non-negative integer (`ERR_INVALID_ARG_VALUE`).
    InvalidHighWaterMark,
}

/// The readable state of one stream.
#[derive(Debug)]
pub struct Readable {
    pub(crate) state: u32,
    length: f64,
    high_water_mark: f64,
    sizes: VecDeque<f64>,
    /// What a `read(n)` would take, estimated before its `_read` call.
    estimate: (Actions, f64),
    /// How many units the last read took (what `TAKE_N` means).
    taken: f64,
}

impl Readable {
    /// Appends the whole state to `out` as numbers (every field: the destructuring below fails
    /// to compile when one is added and not saved).
    pub fn snapshot(&self, out: &mut Vec<f64>) {
        let Readable { state, length, high_water_mark, sizes, estimate, taken } = self;
        out.extend([*state as f64, *length, *high_water_mark, estimate.0 as f64, estimate.1, *taken]);
        out.push(sizes.len() as f64);
        out.extend(sizes.iter().copied());
    }

    /// The state [`Readable::snapshot`] saved, read from `words`.
    pub fn restore(words: &mut crate::stream::Words) -> Option<Readable> {
        let [state, length, high_water_mark, action, estimate, taken] =
            [words.next()?, words.next()?, words.next()?, words.next()?, words.next()?, words.next()?];
        Some(Readable {
            state: state as u32,
            length,
            high_water_mark,
            estimate: (action as Actions, estimate),
            taken,
            sizes: words.queue()?,
        })
    }

    /// A new readable state, or an error for a bad `highWaterMark`.
    pub fn new(options: Options) -> Result<Readable, OptionsError> {
        let mut state = EMIT_CLOSE_OPTION | AUTO_DESTROY | CONSTRUCTED | SYNC;
        if options.object_mode {
            state |= OBJECT_MODE;
        }
        if !options.emit_close {
            state &= !EMIT_CLOSE_OPTION;
        }
        if !options.auto_destroy {
            state &= !AUTO_DESTROY;
        }
        if options.decoder {
            state |= DECODER;
        }
        let high_water_mark = match options.high_water_mark {
            None => default_high_water_mark(options.object_mode),
            Some(h) if crate::hwm::is_valid(h) => h,
            Some(_) => return Err(OptionsError::InvalidHighWaterMark),
        };
        Ok(Readable { state, length: 0.0, high_water_mark, sizes: VecDeque::new(), estimate: (0, 0.0), taken: 0.0 })
    }

    /// The state word (bits of [`state`]).
    pub fn state(&self) -> u32 {
        self.state
    }

    /// Buffered amount: bytes, UTF-16 units after `setEncoding`, or objects in object mode.
    pub fn length(&self) -> f64 {
        self.length
    }

    /// The current `highWaterMark` (`read(n)` with a larger `n` raises it).
    pub fn high_water_mark(&self) -> f64 {
        self.high_water_mark
    }

    /// Set the `highWaterMark` from a web queuing strategy, whose rules allow any number from 0
    /// up (fractions and Infinity included); false for a negative number or NaN.
    pub fn set_high_water_mark(&mut self, value: f64) -> bool {
        if value.is_nan() || value < 0.0 {
            return false;
        }
        self.high_water_mark = value;
        true
    }

    /// How many units the last `TAKE_N` took.
    pub fn taken(&self) -> f64 {
        self.taken
    }

    /// What a web consumer sees as `desiredSize`: the room left below the `highWaterMark`.
    pub fn desired_size(&self) -> f64 {
        self.high_water_mark - self.length
    }

    /// The size of each queued chunk, oldest first.
    pub fn chunk_sizes(&self) -> impl Iterator<Item = f64> + '_ {
        self.sizes.iter().copied()
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

    /// `!ended && (length < hwm || length === 0)`: the return value of `push`.
    fn can_push_more(&self) -> u32 {
        if !self.has(ENDED) && (self.length < self.high_water_mark || self.length == 0.0) {
            RETURN_TRUE
        } else {
            0
        }
    }

    fn size_of(&self, len: f64) -> f64 {
        crate::lifecycle::size_in(self.state, len)
    }

    /// `push(chunk)` of a chunk of `raw_len` units before decoding and `len` after.
    ///
    /// A `null` chunk goes to [`Readable::push_eof`] instead. Order for the façade: raise the
    /// error, or emit `'data'` (then call [`Readable::maybe_read_more`]), or buffer the chunk;
    /// then the ticks in bit order (readable, read-more); return `RETURN_TRUE`.
    pub fn push(&mut self, raw_len: f64, len: f64) -> Actions {
        let object_mode = self.has(OBJECT_MODE);
        if !object_mode && !is_positive(raw_len) {
            self.clear(READING);
            return self.maybe_read_more() | self.can_push_more();
        }
        if self.has(ENDED) {
            return ERR_PUSH_AFTER_EOF;
        }
        if self.has(DESTROYED | ERRORED) {
            return 0;
        }
        self.clear(READING);
        if !object_mode && self.has(DECODER) && !is_positive(len) {
            return self.maybe_read_more() | self.can_push_more();
        }
        self.add_chunk(len, false) | self.can_push_more()
    }

    /// The checks `push(chunk)` makes before a decoder sees the chunk (Node checks end and
    /// destroy and clears `READING` first, so a chunk the decoder throws on still counts as a
    /// push): `ERR_PUSH_AFTER_EOF`, 0 when destroyed or errored (the chunk is dropped), or
    /// `BUFFER` when the façade may decode it and then call [`Readable::push`].
    pub fn push_to_decoder(&mut self) -> Actions {
        if self.has(ENDED) {
            return ERR_PUSH_AFTER_EOF;
        }
        if self.has(DESTROYED | ERRORED) {
            return 0;
        }
        self.clear(READING);
        BUFFER
    }

    /// `unshift(chunk)` of a chunk of `len` units; the same actions as [`Readable::push`].
    pub fn unshift(&mut self, len: f64) -> Actions {
        if !self.has(OBJECT_MODE) && !is_positive(len) {
            return self.can_push_more();
        }
        if self.has(END_EMITTED) {
            return ERR_UNSHIFT_AFTER_END;
        }
        if self.has(DESTROYED | ERRORED) {
            return 0;
        }
        self.add_chunk(len, true) | self.can_push_more()
    }

    fn add_chunk(&mut self, len: f64, to_front: bool) -> Actions {
        if self.state & (FLOWING | SYNC | DATA_LISTENING) == FLOWING | DATA_LISTENING
            && self.length == 0.0
        {
            // Flowing with nothing queued: hand the chunk straight to 'data'. Whether to read
            // more is decided after the listeners ran (they may pause or read).
            self.set(DATA_EMITTED);
            return EMIT_DATA;
        }
        // In object mode the façade passes 1, or the size a web strategy measured (`toWeb`).
        let size = len;
        self.length += size;
        if to_front {
            self.sizes.push_front(size);
        } else {
            self.sizes.push_back(size);
        }
        let mut out = BUFFER;
        if self.has(NEED_READABLE) {
            out |= self.emit_readable();
        }
        out | self.maybe_read_more()
    }

    /// `push(null)` (end of data) or `unshift(null)`; `tail_len` is what the decoder's `end()`
    /// gave (0 without a decoder), `readable_listeners` whether `'readable'` has listeners.
    ///
    /// Order: buffer the tail when `BUFFER` is set, then `TICK_READABLE` or `EMIT_READABLE_NOW`.
    /// `push` returns false.
    pub fn push_eof(&mut self, tail_len: f64, readable_listeners: bool) -> Actions {
        self.clear(READING);
        if self.has(ENDED) {
            return 0;
        }
        let mut out = 0;
        if self.has(DECODER) && tail_len > 0.0 {
            let size = self.size_of(tail_len);
            self.sizes.push_back(size);
            self.length += size;
            out |= BUFFER;
        }
        self.set(ENDED);
        if self.has(SYNC) {
            // Inside _read: wait a tick, or 'readable' would fire inside the read() that
            // called _read. Nobody observing: keep it pending until a 'readable' listener comes;
            // read() and resume() reach the end on their own.
            if self.has(FLOWING | NEED_READABLE) || readable_listeners {
                out |= self.emit_readable();
            } else {
                self.set(EOF_READABLE_PENDING);
            }
            return out;
        }
        // Outside _read: emit 'readable' synchronously; some modules rely on that.
        self.clear(NEED_READABLE);
        self.set(EMITTED_READABLE);
        out | EMIT_READABLE_NOW
    }

    /// `emitReadable`: schedule one `'readable'` emission.
    fn emit_readable(&mut self) -> Actions {
        self.clear(NEED_READABLE);
        if !self.has(EMITTED_READABLE) {
            self.set(EMITTED_READABLE);
            TICK_READABLE
        } else {
            0
        }
    }

    /// The `emitReadable_` tick: `EMIT_READABLE` when there is something to announce. Call
    /// [`Readable::after_readable_tick`] after emitting (or straight away when not told to).
    pub fn readable_tick(&mut self) -> Actions {
        if !self.has(DESTROYED | ERRORED) && (self.length > 0.0 || self.has(ENDED)) {
            EMIT_READABLE
        } else {
            0
        }
    }

    /// After the `'readable'` listeners ran: decide whether another `'readable'` will be needed.
    /// Returns `FLOW`: the façade then runs `flow()`.
    pub fn after_readable_tick(&mut self, emitted: bool) -> Actions {
        if emitted {
            self.clear(EMITTED_READABLE);
        }
        if self.state & (FLOWING | ENDED) == 0 && self.length <= self.high_water_mark {
            self.set(NEED_READABLE);
        }
        FLOW
    }

    /// After push's `'data'` listeners ran: maybe read more, and `RETURN_TRUE` for push's answer,
    /// Node's `canPushMore` of now (a listener may have read, even to the end).
    pub fn after_data(&mut self) -> Actions {
        self.maybe_read_more() | self.can_push_more()
    }

    /// `maybeReadMore`: schedule a tick that fills the buffer up to the `highWaterMark`.
    pub fn maybe_read_more(&mut self) -> Actions {
        if self.state & (READING_MORE | READING | CONSTRUCTED) == CONSTRUCTED {
            self.set(READING_MORE);
            TICK_READ_MORE
        } else {
            0
        }
    }

    /// One turn of the `maybeReadMore_` loop: true when the façade should call `read(0)` (and
    /// come back if that added data); false ends the loop.
    pub fn read_more_wanted(&self) -> bool {
        self.state & (READING | ENDED) == 0
            && (self.length < self.high_water_mark || (self.has(FLOWING) && self.length == 0.0))
    }

    /// The `maybeReadMore_` loop is over.
    pub fn read_more_done(&mut self) {
        self.clear(READING_MORE);
    }

    /// `howMuchToRead`: which `TAKE_*` a `read(n)` gets; `n` is NaN for `read()`.
    fn how_much_to_read(&self, n: f64) -> (Actions, f64) {
        if n <= 0.0 || (self.length == 0.0 && self.has(ENDED)) {
            return (0, 0.0);
        }
        if self.has(OBJECT_MODE) {
            // One object; it counts 1 unless a web strategy measured it (`Readable.toWeb`).
            return (TAKE_FIRST, self.sizes.front().copied().unwrap_or(1.0));
        }
        if n.is_nan() {
            if self.length > 0.0 && (!self.has(DECODER) || self.has(FLOWING)) {
                return (TAKE_FIRST, self.sizes.front().copied().unwrap_or(self.length));
            }
            return (TAKE_ALL, self.length);
        }
        if n <= self.length {
            return (TAKE_N, n);
        }
        if self.has(ENDED) {
            (TAKE_ALL, self.length)
        } else {
            (0, 0.0)
        }
    }

    /// `read(n)` up to the `_read` call; `n` is NaN for `read()` (the façade parses the
    /// argument as Node does). Returns the final result when no `_read` is due, else
    /// `CALL_READ`: call `_read(highWaterMark)`, then [`Readable::read_after_read`].
    pub fn read(&mut self, n: f64) -> Actions {
        if n > self.high_water_mark {
            if n > MAX_HIGH_WATER_MARK {
                return ERR_OUT_OF_RANGE;
            }
            self.high_water_mark = next_power_of_two(n);
        }
        if n != 0.0 {
            self.clear(EMITTED_READABLE | EOF_READABLE_PENDING);
        }
        // read(0) with enough buffered only announces 'readable'.
        if n == 0.0
            && self.has(NEED_READABLE)
            && ((if self.high_water_mark != 0.0 {
                self.length >= self.high_water_mark
            } else {
                self.length > 0.0
            }) || self.has(ENDED))
        {
            return if self.length == 0.0 && self.has(ENDED) {
                self.end_readable()
            } else {
                self.emit_readable()
            };
        }
        let (take, count) = self.how_much_to_read(n);
        if take == 0 && self.has(ENDED) {
            return if self.length == 0.0 { self.end_readable() } else { 0 };
        }
        let mut do_read = self.has(NEED_READABLE);
        if self.length == 0.0 || self.length - count < self.high_water_mark {
            do_read = true;
        }
        if self.state & (READING | ENDED | DESTROYED | ERRORED | CONSTRUCTED) != CONSTRUCTED {
            do_read = false;
        }
        if do_read {
            self.set(READING | SYNC);
            if self.length == 0.0 {
                self.set(NEED_READABLE);
            }
            self.estimate = (take, count);
            return CALL_READ;
        }
        self.finish_read(n, take, count)
    }

    /// `read(n)` after `_read` returned (or threw): the final result of the read.
    ///
    /// Order: take the chunk (`TAKE_*`), schedule `TICK_END`, emit `'data'` when `EMIT_DATA`.
    pub fn read_after_read(&mut self, n: f64) -> Actions {
        self.clear(SYNC);
        let (mut take, mut count) = self.estimate;
        if !self.has(READING) {
            // _read pushed synchronously (reading is over): decide again what the read returns.
            (take, count) = self.how_much_to_read(n);
        } else if !self.has(OBJECT_MODE)
            && ((take == TAKE_FIRST && self.sizes.front() != Some(&count))
                || (take == TAKE_ALL && count != self.length))
        {
            // _read changed the buffer without pushing (unshift, a nested read): Node still
            // takes the estimated amount, which no longer matches a whole chunk.
            take = TAKE_N;
        }
        self.finish_read(n, take, count)
    }

    fn finish_read(&mut self, n: f64, take: Actions, count: f64) -> Actions {
        let mut out = 0;
        let (take, taken) = match take {
            _ if take == 0 || self.length == 0.0 => (0, 0.0),
            // A `_read` that read from the buffer itself can leave less than estimated.
            TAKE_N if count >= self.length => (TAKE_ALL, self.length),
            _ => (take, count),
        };
        if taken == 0.0 {
            if self.length <= self.high_water_mark {
                self.set(NEED_READABLE);
            }
        } else {
            self.take(take, taken);
            self.taken = taken;
            out |= take;
        }
        if self.length == 0.0 {
            if !self.has(ENDED) {
                self.set(NEED_READABLE);
            }
            // read() past the end: announce 'end'. (`nOrig !== n` in Node; NaN never equals.)
            if !(n == taken) && self.has(ENDED) {
                out |= self.end_readable();
            }
        }
        if taken > 0.0 && !self.has(ERROR_EMITTED | CLOSE_EMITTED) {
            self.set(DATA_EMITTED);
            out |= EMIT_DATA;
        }
        out
    }

    /// Remove `count` units from the front of the size queue, as the façade does with chunks.
    fn take(&mut self, take: Actions, count: f64) {
        self.length -= count;
        match take {
            TAKE_FIRST => {
                self.sizes.pop_front();
            }
            TAKE_ALL => self.sizes.clear(),
            _ => {
                let mut left = count;
                while let Some(first) = self.sizes.front_mut() {
                    if left >= *first {
                        left -= *first;
                        self.sizes.pop_front();
                        if left == 0.0 {
                            break;
                        }
                    } else {
                        *first -= left;
                        break;
                    }
                }
            }
        }
    }

    /// `endReadable`: schedule `'end'` once.
    fn end_readable(&mut self) -> Actions {
        if self.state & (END_EMITTED | END_SCHEDULED) == 0 {
            self.set(ENDED | END_SCHEDULED);
            TICK_END
        } else {
            0
        }
    }

    /// The `endReadableNT` tick: `EMIT_END`, after which the stream decides what follows
    /// ([`crate::stream::Stream::after_end`]).
    pub fn end_tick(&mut self) -> Actions {
        self.clear(END_SCHEDULED);
        if self.state & (ERRORED | CLOSE_EMITTED | END_EMITTED) == 0 && self.length == 0.0 {
            self.set(END_EMITTED);
            return EMIT_END;
        }
        0
    }

    /// `setEncoding` after the façade re-decoded the queue into one string of `len` units
    /// (0: nothing queued).
    pub fn set_encoding(&mut self, len: f64) {
        self.set(DECODER);
        self.sizes.clear();
        if len > 0.0 {
            self.sizes.push_back(len);
        }
        self.length = len.max(0.0);
    }

    /// A `'data'` listener was added; `readable_listeners` tells whether `'readable'` has any.
    /// Returns `RESUME` when the stream should start flowing.
    pub fn on_data(&mut self, readable_listeners: bool) -> Actions {
        self.set(DATA_LISTENING);
        if readable_listeners {
            self.set(READABLE_LISTENING);
        }
        if self.state & (HAS_FLOWING | FLOWING) != HAS_FLOWING {
            RESUME
        } else {
            0
        }
    }

    /// The last `'data'` listener was removed.
    pub fn off_data(&mut self) {
        self.clear(DATA_LISTENING);
    }

    /// A `'readable'` listener was added: stop flowing and announce what is buffered.
    /// Order: `TICK_READABLE`, then `TICK_READ0`.
    pub fn on_readable(&mut self) -> Actions {
        if self.state & (END_EMITTED | READABLE_LISTENING) != 0 {
            return 0;
        }
        self.set(READABLE_LISTENING | NEED_READABLE | HAS_FLOWING);
        self.clear(FLOWING | EMITTED_READABLE);
        if self.length > 0.0 {
            return self.emit_readable();
        }
        let mut out = 0;
        if self.has(EOF_READABLE_PENDING) {
            self.clear(EOF_READABLE_PENDING);
            out |= self.emit_readable();
        }
        if !self.has(READING) {
            out |= TICK_READ0;
        }
        out
    }

    /// The tick after `'readable'` listeners were removed (`updateReadableListening`).
    /// Returns `RESUME` when the stream should flow again.
    pub fn update_readable_listening(&mut self, readable_listeners: bool) -> Actions {
        if readable_listeners {
            self.set(READABLE_LISTENING);
        } else {
            self.clear(READABLE_LISTENING);
        }
        if self.state & (HAS_PAUSED | PAUSED | RESUME_SCHEDULED) == HAS_PAUSED | RESUME_SCHEDULED {
            self.set(HAS_FLOWING | FLOWING);
            0
        } else if self.has(DATA_LISTENING) {
            RESUME
        } else {
            if !self.has(READABLE_LISTENING) {
                self.clear(HAS_FLOWING | FLOWING);
            }
            0
        }
    }

    /// `resume()`: returns `TICK_RESUME` when the `resume_` tick must be scheduled.
    pub fn resume(&mut self) -> Actions {
        if self.has(DESTROYED) {
            return 0;
        }
        let mut out = 0;
        if !self.has(FLOWING) {
            self.set(HAS_FLOWING);
            if !self.has(READABLE_LISTENING) {
                self.set(FLOWING);
            } else {
                self.clear(FLOWING);
            }
            if !self.has(RESUME_SCHEDULED) {
                self.set(RESUME_SCHEDULED);
                out = TICK_RESUME;
            }
        }
        self.set(HAS_PAUSED);
        self.clear(PAUSED);
        out
    }

    /// The `resume_` tick, first half. Order: `READ0`, `EMIT_RESUME`, `FLOW`; then call
    /// [`Readable::resume_tick_end`].
    pub fn resume_tick(&mut self) -> Actions {
        let mut out = EMIT_RESUME | FLOW;
        if !self.has(READING) {
            out |= READ0;
        }
        out
    }

    /// Clears the scheduled mark (between `READ0` and `EMIT_RESUME` of [`Readable::resume_tick`]).
    pub fn resume_scheduled_done(&mut self) {
        self.clear(RESUME_SCHEDULED);
    }

    /// The `resume_` tick, last step: `READ0` when still flowing and not reading.
    pub fn resume_tick_end(&self) -> Actions {
        if self.state & (FLOWING | READING) == FLOWING {
            READ0
        } else {
            0
        }
    }

    /// `pause()`: `EMIT_PAUSE` when the stream was not already paused.
    pub fn pause(&mut self) -> Actions {
        if self.has(DESTROYED) {
            return 0;
        }
        let mut out = 0;
        if self.state & (HAS_FLOWING | FLOWING) != HAS_FLOWING {
            self.set(HAS_FLOWING);
            self.clear(FLOWING);
            out = EMIT_PAUSE;
        }
        self.set(HAS_PAUSED | PAUSED);
        out
    }

    /// `isPaused()`.
    pub fn is_paused(&self) -> bool {
        self.has(PAUSED) || self.state & (HAS_FLOWING | FLOWING) == HAS_FLOWING
    }

    /// Whether `flow()` should keep reading.
    pub fn is_flowing(&self) -> bool {
        self.has(FLOWING)
    }

    /// The `readableFlowing` setter: `None` is null.
    pub fn set_flowing(&mut self, flowing: Option<bool>) {
        match flowing {
            None => self.clear(HAS_FLOWING | FLOWING),
            Some(true) => self.set(HAS_FLOWING | FLOWING),
            Some(false) => {
                self.set(HAS_FLOWING);
                self.clear(FLOWING);
            }
        }
    }

    /// What a readable side does once `_construct` succeeded: read if a read was waiting.
    pub fn on_constructed(&mut self) -> Actions {
        if self.has(NEED_READABLE) {
            self.maybe_read_more()
        } else {
            0
        }
    }

    /// Whether everything was delivered: `'end'` emitted, or with `lenient` also ended with
    /// nothing buffered; never for an errored stream (Node's `isReadableFinished`).
    pub fn finished(&self, lenient: bool) -> bool {
        !self.has(ERRORED)
            && (self.has(END_EMITTED) || (lenient && self.has(ENDED) && self.length == 0.0))
    }

    /// `readableAborted`: destroyed or errored before `'end'` (never for a disabled side).
    pub fn aborted(&self) -> bool {
        !self.has(DISABLED) && self.has(DESTROYED | ERRORED) && !self.has(END_EMITTED)
    }

    /// The `readable` getter: still readable (not disabled or destroyed, no error emitted, no
    /// `'end'`).
    pub fn readable(&self) -> bool {
        !self.has(DISABLED | DESTROYED | ERROR_EMITTED | END_EMITTED)
    }

    /// A duplex created with `readable: false`: this side starts ended.
    pub fn disable(&mut self) {
        self.set(DISABLED | ENDED | END_EMITTED);
    }

    /// Whether `autoDestroy` is on.
    pub fn auto_destroy(&self) -> bool {
        self.has(AUTO_DESTROY)
    }

    /// Whether the side is done for `autoDestroy` after the writable side finished.
    pub fn done_for_auto_destroy(&self) -> bool {
        self.has(AUTO_DESTROY) && self.has(END_EMITTED | DISABLED)
    }

    /// Whether `push(null)` came (Node's `ended`).
    pub fn ended(&self) -> bool {
        self.has(ENDED)
    }

    /// Record an error from the writable side; true when none was recorded before.
    pub fn record_error(&mut self) -> bool {
        let fresh = !self.has(ERRORED);
        self.set(ERRORED);
        fresh
    }

    /// The `readable` setter (a compatibility knob): false disables the side.
    pub fn set_readable(&mut self, readable: bool) {
        if readable {
            self.clear(DISABLED);
        } else {
            self.set(DISABLED);
        }
    }

    /// Whether the side was disabled (`readable: false`).
    pub fn disabled(&self) -> bool {
        self.has(DISABLED)
    }

    /// An assignment to one of Node's bitmap fields of `_readableState` (`objectMode`, `ended`,
    /// `reading`, `errorEmitted`, `destroyed`, `paused`, …): as Node's setter, the bit is set or
    /// cleared and nothing else happens until a later call reads it. `bit` must be one bit of
    /// [`ASSIGNABLE`]; false (and no change) otherwise. `paused` also marks that pause state was
    /// set, as Node's legacy setter does.
    pub fn assign(&mut self, bit: u32, on: bool) -> bool {
        if bit == 0 || bit & (bit - 1) != 0 || bit & ASSIGNABLE == 0 {
            return false;
        }
        if bit == PAUSED {
            self.set(HAS_PAUSED);
        }
        if on {
            self.set(bit);
        } else {
            self.clear(bit);
        }
        true
    }

    /// Clear the initial `sync` mark (Transform streams start out of sync, as in Node).
    pub fn clear_sync(&mut self) {
        self.clear(SYNC);
    }
}

impl Lifecycle for Readable {
    fn sides(&mut self) -> [Option<&mut u32>; 2] {
        [Some(&mut self.state), None]
    }
}

/// Whether a chunk length counts as data: above 0 (NaN from a bad caller does not).
fn is_positive(len: f64) -> bool {
    len > 0.0
}

/// Round `n` up to a power of two, as Node raises the `highWaterMark` for a large `read(n)`.
fn next_power_of_two(n: f64) -> f64 {
    let n = n as u64;
    n.next_power_of_two() as f64
}
