//! The readable side of a stream as a pure state machine: no I/O, no JS, no allocation per chunk
//! beyond the queue of chunk sizes.
//!
//! It follows Node's `lib/internal/streams/readable.js` (Node 26) decision by decision. The
//! façade calls one method per decision point and carries out the returned [`Actions`] in the
//! order given in each method's doc comment. Chunks stay in JS: the core only tracks their sizes
//! (1 per chunk in object mode, bytes or UTF-16 units otherwise), and every `TAKE_*` or `BUFFER`
//! action it returns is mirrored by the façade on its own queue of chunk objects.

use std::collections::VecDeque;

use crate::hwm::MAX_HIGH_WATER_MARK;
use crate::side::{Options, OptionsError, Side, Words};

named_bits! {
    /// Bits of the readable state word (the same meanings as Node's `kState` bits): the
    /// lifecycle bits of [`crate::side::bits`], then the readable side's own.
    pub mod state includes crate::side::bits {
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
        /// A web reader's pull waits for data (`Readable.toWeb`): it wants a chunk now, as a
        /// flowing consumer does, so reading goes on after a push that added nothing.
        WEB_WAITING = 1 << 28;
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

action_set! {
    /// What the façade must do after a readable-side or lifecycle call; see each method for
    /// the order.
    pub struct Actions;
    /// The readable actions.
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
        /// Take exactly [`crate::readable::Readable::taken`] units (what `read(n)` asked for, as a rule).
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
        /// The call was made before: `destroy` of a destroyed stream (only call the user's
        /// callback), or a second callback of `_destroy` (ignored) or `_construct` (an error).
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

/// The readable state of one stream.
#[derive(Debug)]
pub struct Readable {
    side: Side,
    sizes: VecDeque<f64>,
    /// What a `read(n)` would take, estimated before its `_read` call.
    estimate: (Actions, f64),
    /// How many units the last read took (what `TAKE_N` means).
    taken: f64,
    /// The length when the `maybeReadMore_` loop last asked for a read.
    read_more_length: f64,
    /// Reads a waiting web pull has made that ended with an empty chunk ([`WEB_EMPTY_READS`]).
    web_empty_reads: f64,
}

/// How many reads in a row that end with an empty chunk a waiting web pull makes before it waits
/// for a push, as a flowing consumer would. Node's adapter gets through 3 to 9 empty chunks in a
/// row, depending on the ticks that earlier chunks left; the bridge gets through this many in
/// every form, and stops there so that a source answering every `_read` with an empty chunk (which
/// Node documents as no request for another `_read`) does not spin.
pub const WEB_EMPTY_READS: f64 = 16.0;

impl Readable {
    /// Appends the whole state to `out` as numbers (every field: the destructuring below fails
    /// to compile when one is added and not saved).
    pub fn snapshot(&self, out: &mut Vec<f64>) {
        let Readable { side, sizes, estimate, taken, read_more_length, web_empty_reads } = self;
        side.snapshot(out);
        out.extend([estimate.0.bits() as f64, estimate.1, *taken, *read_more_length, *web_empty_reads]);
        out.push(sizes.len() as f64);
        out.extend(sizes.iter().copied());
    }

    /// The state [`Readable::snapshot`] saved, read from `words`.
    pub fn restore(words: &mut Words) -> Option<Readable> {
        let side = Side::restore(words)?;
        let [action, estimate, taken, read_more_length, web_empty_reads] =
            [words.next()?, words.next()?, words.next()?, words.next()?, words.next()?];
        Some(Readable {
            side,
            estimate: (Actions::from_bits(action as u32), estimate),
            taken,
            read_more_length,
            web_empty_reads,
            sizes: words.queue()?,
        })
    }

    /// A new readable state, or an error for a bad `highWaterMark`.
    pub fn new(options: Options) -> Result<Readable, OptionsError> {
        Ok(Readable {
            side: Side::new(options, SYNC)?,
            sizes: VecDeque::new(),
            estimate: (Actions::NONE, 0.0),
            taken: 0.0,
            read_more_length: 0.0,
            web_empty_reads: 0.0,
        })
    }

    /// The state word (bits of [`state`]).
    pub fn state(&self) -> u32 {
        self.side.state
    }

    /// The state word, for the lifecycle rules.
    pub(crate) fn state_mut(&mut self) -> &mut u32 {
        &mut self.side.state
    }

    /// Buffered amount: bytes, UTF-16 units after `setEncoding`, or objects in object mode.
    pub fn length(&self) -> f64 {
        self.side.length
    }

    /// The current `highWaterMark` (`read(n)` with a larger `n` raises it).
    pub fn high_water_mark(&self) -> f64 {
        self.side.high_water_mark
    }

    /// Set the `highWaterMark` from a web queuing strategy, whose rules allow any number from 0
    /// up (fractions and Infinity included); false for a negative number or NaN.
    pub fn set_high_water_mark(&mut self, value: f64) -> bool {
        self.side.set_high_water_mark(value)
    }

    /// How many units the last `TAKE_N` took.
    pub fn taken(&self) -> f64 {
        self.taken
    }

    /// What a web consumer sees as `desiredSize`: the room left below the `highWaterMark`.
    pub fn desired_size(&self) -> f64 {
        self.side.high_water_mark - self.side.length
    }

    /// The size of each queued chunk, oldest first.
    pub fn chunk_sizes(&self) -> impl Iterator<Item = f64> + '_ {
        self.sizes.iter().copied()
    }

    /// `!ended && (length < hwm || length === 0)`: the return value of `push`.
    fn can_push_more(&self) -> Actions {
        if !self.side.has(ENDED) && (self.side.length < self.side.high_water_mark || self.side.length == 0.0) {
            RETURN_TRUE
        } else {
            Actions::NONE
        }
    }

    /// `push(chunk)` of a chunk of `raw_len` units before decoding and `len` after.
    ///
    /// A `null` chunk goes to [`Readable::push_eof`] instead. Order for the façade: raise the
    /// error, or emit `'data'` (then call [`Readable::maybe_read_more`]), or buffer the chunk;
    /// then the ticks in bit order (readable, read-more); return `RETURN_TRUE`.
    pub fn push(&mut self, raw_len: f64, len: f64) -> Actions {
        let object_mode = self.side.has(OBJECT_MODE);
        if !object_mode && !is_positive(raw_len) {
            self.side.clear(READING);
            return self.maybe_read_more() | self.can_push_more();
        }
        if self.side.has(ENDED) {
            return ERR_PUSH_AFTER_EOF;
        }
        if self.side.has(DESTROYED | ERRORED) {
            return Actions::NONE;
        }
        self.side.clear(READING);
        if !object_mode && self.side.has(DECODER) && !is_positive(len) {
            return self.maybe_read_more() | self.can_push_more();
        }
        self.add_chunk(len, false) | self.can_push_more()
    }

    /// The checks `push(chunk)` makes before a decoder sees the chunk (Node checks end and
    /// destroy and clears `READING` first, so a chunk the decoder throws on still counts as a
    /// push): `ERR_PUSH_AFTER_EOF`, 0 when destroyed or errored (the chunk is dropped), or
    /// `BUFFER` when the façade may decode it and then call [`Readable::push`].
    pub fn push_to_decoder(&mut self) -> Actions {
        if self.side.has(ENDED) {
            return ERR_PUSH_AFTER_EOF;
        }
        if self.side.has(DESTROYED | ERRORED) {
            return Actions::NONE;
        }
        self.side.clear(READING);
        BUFFER
    }

    /// `unshift(chunk)` of a chunk of `len` units; the same actions as [`Readable::push`].
    pub fn unshift(&mut self, len: f64) -> Actions {
        if !self.side.has(OBJECT_MODE) && !is_positive(len) {
            return self.can_push_more();
        }
        if self.side.has(END_EMITTED) {
            return ERR_UNSHIFT_AFTER_END;
        }
        if self.side.has(DESTROYED | ERRORED) {
            return Actions::NONE;
        }
        self.add_chunk(len, true) | self.can_push_more()
    }

    fn add_chunk(&mut self, len: f64, to_front: bool) -> Actions {
        if self.side.state & (FLOWING | SYNC | DATA_LISTENING) == FLOWING | DATA_LISTENING && self.side.length == 0.0 {
            // Flowing with nothing queued: hand the chunk straight to 'data'. Whether to read
            // more is decided after the listeners ran (they may pause or read).
            self.side.set(DATA_EMITTED);
            return EMIT_DATA;
        }
        // In object mode the façade passes 1, or the size a web strategy measured (`toWeb`).
        let size = len;
        self.side.length += size;
        if to_front {
            self.sizes.push_front(size);
        } else {
            self.sizes.push_back(size);
        }
        let mut out = BUFFER;
        if self.side.has(NEED_READABLE) {
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
        self.side.clear(READING);
        if self.side.has(ENDED) {
            return Actions::NONE;
        }
        let mut out = Actions::NONE;
        if self.side.has(DECODER) && tail_len > 0.0 {
            let size = self.side.size_of(tail_len);
            self.sizes.push_back(size);
            self.side.length += size;
            out |= BUFFER;
        }
        self.side.set(ENDED);
        if self.side.has(SYNC) {
            // Inside _read: wait a tick, or 'readable' would fire inside the read() that
            // called _read. Nobody observing: keep it pending until a 'readable' listener comes;
            // read() and resume() reach the end on their own.
            if self.side.has(FLOWING | NEED_READABLE) || readable_listeners {
                out |= self.emit_readable();
            } else {
                self.side.set(EOF_READABLE_PENDING);
            }
            return out;
        }
        // Outside _read: emit 'readable' synchronously; some modules rely on that.
        self.side.clear(NEED_READABLE);
        self.side.set(EMITTED_READABLE);
        out | EMIT_READABLE_NOW
    }

    /// `emitReadable`: schedule one `'readable'` emission.
    fn emit_readable(&mut self) -> Actions {
        self.side.clear(NEED_READABLE);
        if !self.side.has(EMITTED_READABLE) {
            self.side.set(EMITTED_READABLE);
            TICK_READABLE
        } else {
            Actions::NONE
        }
    }

    /// The `emitReadable_` tick: `EMIT_READABLE` when there is something to announce. Call
    /// [`Readable::after_readable_tick`] after emitting (or straight away when not told to).
    pub fn readable_tick(&mut self) -> Actions {
        if !self.side.has(DESTROYED | ERRORED) && (self.side.length > 0.0 || self.side.has(ENDED)) {
            EMIT_READABLE
        } else {
            Actions::NONE
        }
    }

    /// After the `'readable'` listeners ran: decide whether another `'readable'` will be needed.
    /// Returns `FLOW`: the façade then runs `flow()`.
    pub fn after_readable_tick(&mut self, emitted: bool) -> Actions {
        if emitted {
            self.side.clear(EMITTED_READABLE);
        }
        if self.side.state & (FLOWING | ENDED) == 0 && self.side.length <= self.side.high_water_mark {
            self.side.set(NEED_READABLE);
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
        if self.side.state & (READING_MORE | READING | CONSTRUCTED) == CONSTRUCTED {
            self.side.set(READING_MORE);
            TICK_READ_MORE
        } else {
            Actions::NONE
        }
    }

    /// Node's `maybeReadMore_` condition: not reading, not ended, and below the highWaterMark
    /// (or empty with a consumer waiting for a chunk).
    pub fn read_more_wanted(&self) -> bool {
        self.side.state & (READING | ENDED) == 0
            && (self.side.length < self.side.high_water_mark
                || (self.side.state & (FLOWING | WEB_WAITING) != 0 && self.side.length == 0.0))
    }

    /// A web reader's pull starts (`waiting`) or stops waiting for data. Starting may schedule
    /// the read-more tick, as a push that added nothing would for a flowing consumer.
    pub fn set_web_waiting(&mut self, waiting: bool) -> Actions {
        if !waiting {
            self.side.clear(WEB_WAITING);
            return Actions::NONE;
        }
        self.side.set(WEB_WAITING);
        self.web_empty_reads = 0.0;
        let mut out = if self.read_more_wanted() { self.maybe_read_more() } else { Actions::NONE };
        // As for Node's adapter, whose pull resumes a flowing stream: its `resume_` starts with a
        // `read(0)` when no read is in progress.
        if !self.side.has(READING) {
            out |= READ0;
        }
        out
    }

    /// The `maybeReadMore_` loop is over.
    pub fn read_more_done(&mut self) {
        self.side.clear(READING_MORE);
    }

    /// The `maybeReadMore_` tick starts its loop: true when the façade should call `read(0)`
    /// (then [`Readable::read_more_again`]); false ends the loop ([`Readable::read_more_done`]).
    pub fn read_more_start(&mut self) -> bool {
        if self.read_more_wanted() {
            self.read_more_length = self.side.length;
            true
        } else {
            self.read_more_done();
            false
        }
    }

    /// After the loop's `read(0)`: true to read again; false ends the loop, also when that read
    /// added nothing (Node stops spinning then), but for a waiting web pull whose read ended with
    /// an empty chunk ([`WEB_EMPTY_READS`]).
    pub fn read_more_again(&mut self) -> bool {
        if self.side.length != self.read_more_length {
            return self.read_more_start();
        }
        if self.side.state & (WEB_WAITING | READING) == WEB_WAITING && self.web_empty_reads < WEB_EMPTY_READS {
            self.web_empty_reads += 1.0;
            return self.read_more_start();
        }
        self.read_more_done();
        false
    }

    /// `howMuchToRead`: which `TAKE_*` a `read(n)` gets; `n` is NaN for `read()`.
    fn how_much_to_read(&self, n: f64) -> (Actions, f64) {
        if n <= 0.0 || (self.side.length == 0.0 && self.side.has(ENDED)) {
            return (Actions::NONE, 0.0);
        }
        if self.side.has(OBJECT_MODE) {
            // One object; it counts 1 unless a web strategy measured it (`Readable.toWeb`).
            return (TAKE_FIRST, self.sizes.front().copied().unwrap_or(1.0));
        }
        if n.is_nan() {
            if self.side.length > 0.0 && (!self.side.has(DECODER) || self.side.has(FLOWING)) {
                return (TAKE_FIRST, self.sizes.front().copied().unwrap_or(self.side.length));
            }
            return (TAKE_ALL, self.side.length);
        }
        if n <= self.side.length {
            return (TAKE_N, n);
        }
        if self.side.has(ENDED) {
            (TAKE_ALL, self.side.length)
        } else {
            (Actions::NONE, 0.0)
        }
    }

    /// `read(n)` up to the `_read` call; `n` is NaN for `read()` (the façade parses the
    /// argument as Node does). Returns the final result when no `_read` is due, else
    /// `CALL_READ`: call `_read(highWaterMark)`, then [`Readable::read_after_read`].
    pub fn read(&mut self, n: f64) -> Actions {
        if n > self.side.high_water_mark {
            if n > MAX_HIGH_WATER_MARK {
                return ERR_OUT_OF_RANGE;
            }
            self.side.high_water_mark = next_power_of_two(n);
        }
        if n != 0.0 {
            self.side.clear(EMITTED_READABLE | EOF_READABLE_PENDING);
        }
        // read(0) with enough buffered only announces 'readable'.
        if n == 0.0
            && self.side.has(NEED_READABLE)
            && ((if self.side.high_water_mark != 0.0 {
                self.side.length >= self.side.high_water_mark
            } else {
                self.side.length > 0.0
            }) || self.side.has(ENDED))
        {
            return if self.side.length == 0.0 && self.side.has(ENDED) {
                self.end_readable()
            } else {
                self.emit_readable()
            };
        }
        let (take, count) = self.how_much_to_read(n);
        if take.is_empty() && self.side.has(ENDED) {
            return if self.side.length == 0.0 { self.end_readable() } else { Actions::NONE };
        }
        let mut do_read = self.side.has(NEED_READABLE);
        if self.side.length == 0.0 || self.side.length - count < self.side.high_water_mark {
            do_read = true;
        }
        if self.side.state & (READING | ENDED | DESTROYED | ERRORED | CONSTRUCTED) != CONSTRUCTED {
            do_read = false;
        }
        if do_read {
            self.side.set(READING | SYNC);
            if self.side.length == 0.0 {
                self.side.set(NEED_READABLE);
            }
            self.estimate = (take, count);
            return CALL_READ;
        }
        self.finish_read(n, take, count)
    }

    /// How many units a web pull reads (`Readable.toWeb`): after `setEncoding`, `read()` joins
    /// every buffered string, which would move the whole buffer to the web side while the Node
    /// side refills behind it; so the first chunk's size, or NaN (`read()`) when that chunk is
    /// above the highWaterMark (`read(n)` would raise it), in object mode or without a decoder.
    pub fn web_read_size(&self) -> f64 {
        match self.sizes.front() {
            Some(&size)
                if self.side.state & (DECODER | OBJECT_MODE) == DECODER && size <= self.side.high_water_mark =>
            {
                size
            }
            _ => f64::NAN,
        }
    }

    /// `flow()`'s `read()`: [`Readable::read`] of NaN while flowing, else nothing (the loop
    /// stops, as on a read that returned null), so one call both checks and reads.
    pub fn flow_read(&mut self) -> Actions {
        if self.is_flowing() {
            self.read(f64::NAN)
        } else {
            Actions::NONE
        }
    }

    /// `read(n)` after `_read` returned (or threw): the final result of the read.
    ///
    /// Order: take the chunk (`TAKE_*`), schedule `TICK_END`, emit `'data'` when `EMIT_DATA`.
    pub fn read_after_read(&mut self, n: f64) -> Actions {
        self.side.clear(SYNC);
        let (mut take, mut count) = self.estimate;
        if !self.side.has(READING) {
            // _read pushed synchronously (reading is over): decide again what the read returns.
            (take, count) = self.how_much_to_read(n);
        } else if !self.side.has(OBJECT_MODE)
            && ((take == TAKE_FIRST && self.sizes.front() != Some(&count))
                || (take == TAKE_ALL && count != self.side.length))
        {
            // _read changed the buffer without pushing (unshift, a nested read): Node still
            // takes the estimated amount, which no longer matches a whole chunk.
            take = TAKE_N;
        }
        self.finish_read(n, take, count)
    }

    fn finish_read(&mut self, n: f64, take: Actions, count: f64) -> Actions {
        let mut out = Actions::NONE;
        let (take, taken) = match take {
            _ if take.is_empty() || self.side.length == 0.0 => (Actions::NONE, 0.0),
            // A `_read` that read from the buffer itself can leave less than estimated.
            TAKE_N if count >= self.side.length => (TAKE_ALL, self.side.length),
            _ => (take, count),
        };
        if taken == 0.0 {
            if self.side.length <= self.side.high_water_mark {
                self.side.set(NEED_READABLE);
            }
        } else {
            self.take(take, taken);
            self.taken = taken;
            out |= take;
        }
        if self.side.length == 0.0 {
            if !self.side.has(ENDED) {
                self.side.set(NEED_READABLE);
            }
            // read() past the end: announce 'end'. (`nOrig !== n` in Node; NaN never equals.)
            if !(n == taken) && self.side.has(ENDED) {
                out |= self.end_readable();
            }
        }
        if taken > 0.0 && !self.side.has(ERROR_EMITTED | CLOSE_EMITTED) {
            self.side.set(DATA_EMITTED);
            out |= EMIT_DATA;
        }
        out
    }

    /// Remove `count` units from the front of the size queue, as the façade does with chunks.
    fn take(&mut self, take: Actions, count: f64) {
        self.side.length -= count;
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
        if self.side.state & (END_EMITTED | END_SCHEDULED) == 0 {
            self.side.set(ENDED | END_SCHEDULED);
            TICK_END
        } else {
            Actions::NONE
        }
    }

    /// The `endReadableNT` tick: `EMIT_END`, after which the stream decides what follows
    /// ([`crate::stream::Stream::after_end`]).
    pub fn end_tick(&mut self) -> Actions {
        self.side.clear(END_SCHEDULED);
        if self.side.state & (ERRORED | CLOSE_EMITTED | END_EMITTED) == 0 && self.side.length == 0.0 {
            self.side.set(END_EMITTED);
            return EMIT_END;
        }
        Actions::NONE
    }

    /// `setEncoding` after the façade re-decoded the queue into one string of `len` units
    /// (0: nothing queued, as for an `encoding` option given at construction).
    pub fn set_encoding(&mut self, len: f64) {
        self.side.set(DECODER);
        self.sizes.clear();
        if len > 0.0 {
            self.sizes.push_back(len);
        }
        self.side.length = len.max(0.0);
    }

    /// A `'data'` listener was added; `readable_listeners` tells whether `'readable'` has any.
    /// Returns `RESUME` when the stream should start flowing.
    pub fn on_data(&mut self, readable_listeners: bool) -> Actions {
        self.side.set(DATA_LISTENING);
        if readable_listeners {
            self.side.set(READABLE_LISTENING);
        }
        if self.side.state & (HAS_FLOWING | FLOWING) != HAS_FLOWING {
            RESUME
        } else {
            Actions::NONE
        }
    }

    /// The last `'data'` listener was removed.
    pub fn off_data(&mut self) {
        self.side.clear(DATA_LISTENING);
    }

    /// A `'readable'` listener was added: stop flowing and announce what is buffered.
    /// Order: `TICK_READABLE`, then `TICK_READ0`.
    pub fn on_readable(&mut self) -> Actions {
        if self.side.state & (END_EMITTED | READABLE_LISTENING) != 0 {
            return Actions::NONE;
        }
        self.side.set(READABLE_LISTENING | NEED_READABLE | HAS_FLOWING);
        self.side.clear(FLOWING | EMITTED_READABLE);
        if self.side.length > 0.0 {
            return self.emit_readable();
        }
        let mut out = Actions::NONE;
        if self.side.has(EOF_READABLE_PENDING) {
            self.side.clear(EOF_READABLE_PENDING);
            out |= self.emit_readable();
        }
        if !self.side.has(READING) {
            out |= TICK_READ0;
        }
        out
    }

    /// The tick after `'readable'` listeners were removed (`updateReadableListening`).
    /// Returns `RESUME` when the stream should flow again.
    pub fn update_readable_listening(&mut self, readable_listeners: bool) -> Actions {
        if readable_listeners {
            self.side.set(READABLE_LISTENING);
        } else {
            self.side.clear(READABLE_LISTENING);
        }
        if self.side.state & (HAS_PAUSED | PAUSED | RESUME_SCHEDULED) == HAS_PAUSED | RESUME_SCHEDULED {
            self.side.set(HAS_FLOWING | FLOWING);
            Actions::NONE
        } else if self.side.has(DATA_LISTENING) {
            RESUME
        } else {
            if !self.side.has(READABLE_LISTENING) {
                self.side.clear(HAS_FLOWING | FLOWING);
            }
            Actions::NONE
        }
    }

    /// `resume()`: returns `TICK_RESUME` when the `resume_` tick must be scheduled.
    pub fn resume(&mut self) -> Actions {
        if self.side.has(DESTROYED) {
            return Actions::NONE;
        }
        let mut out = Actions::NONE;
        if !self.side.has(FLOWING) {
            self.side.set(HAS_FLOWING);
            if !self.side.has(READABLE_LISTENING) {
                self.side.set(FLOWING);
            } else {
                self.side.clear(FLOWING);
            }
            if !self.side.has(RESUME_SCHEDULED) {
                self.side.set(RESUME_SCHEDULED);
                out = TICK_RESUME;
            }
        }
        self.side.set(HAS_PAUSED);
        self.side.clear(PAUSED);
        out
    }

    /// The `resume_` tick, first half. Order: `READ0`, `EMIT_RESUME`, `FLOW`; then call
    /// [`Readable::resume_tick_end`].
    pub fn resume_tick(&mut self) -> Actions {
        let mut out = EMIT_RESUME | FLOW;
        if !self.side.has(READING) {
            out |= READ0;
        }
        out
    }

    /// Clears the scheduled mark (between `READ0` and `EMIT_RESUME` of [`Readable::resume_tick`]).
    pub fn resume_scheduled_done(&mut self) {
        self.side.clear(RESUME_SCHEDULED);
    }

    /// The `resume_` tick, last step: `READ0` when still flowing and not reading.
    pub fn resume_tick_end(&self) -> Actions {
        if self.side.state & (FLOWING | READING) == FLOWING {
            READ0
        } else {
            Actions::NONE
        }
    }

    /// `pause()`: `EMIT_PAUSE` when the stream was not already paused.
    pub fn pause(&mut self) -> Actions {
        if self.side.has(DESTROYED) {
            return Actions::NONE;
        }
        let mut out = Actions::NONE;
        if self.side.state & (HAS_FLOWING | FLOWING) != HAS_FLOWING {
            self.side.set(HAS_FLOWING);
            self.side.clear(FLOWING);
            out = EMIT_PAUSE;
        }
        self.side.set(HAS_PAUSED | PAUSED);
        out
    }

    /// `isPaused()`.
    pub fn is_paused(&self) -> bool {
        self.side.has(PAUSED) || self.side.state & (HAS_FLOWING | FLOWING) == HAS_FLOWING
    }

    /// Whether `flow()` should keep reading.
    pub fn is_flowing(&self) -> bool {
        self.side.has(FLOWING)
    }

    /// The `readableFlowing` setter: `None` is null.
    pub fn set_flowing(&mut self, flowing: Option<bool>) {
        match flowing {
            None => self.side.clear(HAS_FLOWING | FLOWING),
            Some(true) => self.side.set(HAS_FLOWING | FLOWING),
            Some(false) => {
                self.side.set(HAS_FLOWING);
                self.side.clear(FLOWING);
            }
        }
    }

    /// What a readable side does once `_construct` succeeded: read if a read was waiting.
    pub fn on_constructed(&mut self) -> Actions {
        if self.side.has(NEED_READABLE) {
            self.maybe_read_more()
        } else {
            Actions::NONE
        }
    }

    /// Whether everything was delivered: `'end'` emitted, or with `lenient` also ended with
    /// nothing buffered; never for an errored stream (Node's `isReadableFinished`).
    pub fn finished(&self, lenient: bool) -> bool {
        !self.side.has(ERRORED)
            && (self.side.has(END_EMITTED) || (lenient && self.side.has(ENDED) && self.side.length == 0.0))
    }

    /// `readableAborted`: destroyed or errored before `'end'` (never for a disabled side).
    pub fn aborted(&self) -> bool {
        !self.side.has(DISABLED) && self.side.has(DESTROYED | ERRORED) && !self.side.has(END_EMITTED)
    }

    /// The `readable` getter: still readable (not disabled or destroyed, no error emitted, no
    /// `'end'`).
    pub fn readable(&self) -> bool {
        !self.side.has(DISABLED | DESTROYED | ERROR_EMITTED | END_EMITTED)
    }

    /// A duplex created with `readable: false`: this side starts ended.
    pub fn disable(&mut self) {
        self.side.set(DISABLED | ENDED | END_EMITTED);
    }

    /// Whether `autoDestroy` is on.
    pub fn auto_destroy(&self) -> bool {
        self.side.has(AUTO_DESTROY)
    }

    /// Whether the side is done for `autoDestroy` after the writable side finished.
    pub fn done_for_auto_destroy(&self) -> bool {
        self.side.has(AUTO_DESTROY) && self.side.has(END_EMITTED | DISABLED)
    }

    /// Whether `push(null)` came (Node's `ended`).
    pub fn ended(&self) -> bool {
        self.side.has(ENDED)
    }

    /// Record an error from the writable side; true when none was recorded before.
    pub fn record_error(&mut self) -> bool {
        let fresh = !self.side.has(ERRORED);
        self.side.set(ERRORED);
        fresh
    }

    /// The `readable` setter (a compatibility knob): false disables the side.
    pub fn set_readable(&mut self, readable: bool) {
        if readable {
            self.side.clear(DISABLED);
        } else {
            self.side.set(DISABLED);
        }
    }

    /// Whether the side was disabled (`readable: false`).
    pub fn disabled(&self) -> bool {
        self.side.has(DISABLED)
    }

    /// An assignment to one of Node's bitmap fields of `_readableState` (`objectMode`, `ended`,
    /// `reading`, `errorEmitted`, `destroyed`, `paused`, …): as Node's setter, the bit is set or
    /// cleared and nothing else happens until a later call reads it. `bit` must be one bit of
    /// [`ASSIGNABLE`]; false (and no change) otherwise. `paused` also marks that pause state was
    /// set, as Node's legacy setter does.
    pub fn assign(&mut self, bit: u32, on: bool) -> bool {
        let assigned = self.side.assign(bit, on, ASSIGNABLE);
        if assigned && bit == PAUSED {
            self.side.set(HAS_PAUSED);
        }
        assigned
    }

    /// Clear the initial `sync` mark (Transform streams start out of sync, as in Node).
    pub fn clear_sync(&mut self) {
        self.side.clear(SYNC);
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
