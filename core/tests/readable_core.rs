//! Tests of the pure readable core (`highwater_core::readable`) against the rules of Node 26's
//! `lib/internal/streams/readable.js` and `destroy.js`; each unit test names the Node function
//! whose rule it checks. The property tests at the end drive the core through a simulated
//! façade that carries out the returned actions the way `js/streams/readable.js` does.

// Setup steps drive the core without carrying out what it asks for.
#![allow(unused_must_use)]

use std::collections::VecDeque;

use highwater_core::hwm::{DEFAULT_BYTES, DEFAULT_OBJECTS};
use highwater_core::lifecycle::Lifecycle;
use highwater_core::readable::{act, state, Actions, Readable, WEB_EMPTY_READS};
use highwater_core::side::{Options, OptionsError};
use proptest::prelude::*;

/// Any of the three ways a read takes data.
const TAKES: Actions = act::TAKE_FIRST.union(act::TAKE_ALL).union(act::TAKE_N);
const NAN: f64 = f64::NAN;

/// Node's defaults (`emitClose` and `autoDestroy` on) with the given `highWaterMark`.
fn options(hwm: f64) -> Options {
    Options { high_water_mark: Some(hwm), emit_close: true, auto_destroy: true, ..Options::default() }
}

fn readable(hwm: f64) -> Readable {
    Readable::new(options(hwm)).unwrap()
}

/// A stream created with an `encoding`: Node's `setEncoding` before anything was queued.
fn decoding(hwm: f64) -> Readable {
    let mut r = readable(hwm);
    r.set_encoding(0.0);
    r
}

fn object_readable() -> Readable {
    Readable::new(Options { high_water_mark: None, object_mode: true, ..options(0.0) }).unwrap()
}

fn sizes(r: &Readable) -> Vec<f64> {
    r.chunk_sizes().collect()
}

fn is_set(r: &Readable, bit: u32) -> bool {
    r.state() & bit != 0
}

/// `read(n)` with a `_read` that pushes nothing: the final actions.
fn read(r: &mut Readable, n: f64) -> Actions {
    let actions = r.read(n);
    if actions.intersects(act::CALL_READ) {
        r.read_after_read(n)
    } else {
        actions
    }
}

/// A stream with a `'data'` listener after its `resume_` tick ran, so it flows and is outside
/// `_read` (kSync, set at construction, was cleared by the tick's `read(0)`); that `_read` is
/// still pending (kReading).
fn flowing(hwm: f64) -> Readable {
    let mut r = readable(hwm);
    assert!(r.on_data(false).intersects(act::RESUME));
    assert!(r.resume().intersects(act::TICK_RESUME));
    if r.resume_tick().intersects(act::READ0) {
        read(&mut r, 0.0);
    }
    r.resume_scheduled_done();
    while r.is_flowing() && read(&mut r, NAN).intersects(TAKES) {}
    if r.resume_tick_end().intersects(act::READ0) {
        read(&mut r, 0.0);
    }
    assert!(r.is_flowing());
    assert!(!is_set(&r, state::SYNC));
    r
}

// ---- push (readableAddChunkPush*, addChunk, canPushMore) ----

#[test]
fn a_waiting_web_pull_reads_on_after_an_empty_push_as_a_flowing_consumer_would() {
    // Paused, highWaterMark 0: after a push that added nothing Node reads no more (maybeReadMore_).
    let mut r = readable(0.0);
    read(&mut r, NAN); // `_read` was called and has not pushed yet
    assert!(is_set(&r, state::READING));
    let pushed = r.push(0.0, 0.0);
    assert!(!is_set(&r, state::READING));
    if pushed.intersects(act::TICK_READ_MORE) {
        assert!(!r.read_more_wanted(), "a paused stream with nothing wanted reads no more");
        r.read_more_done();
    }
    // A web reader's pull waiting for data wants a chunk now: the read-more loop runs, and with
    // no read in progress a read(0) first, as Node's adapter's resume_ makes.
    let waiting = r.set_web_waiting(true);
    assert!(waiting.intersects(act::TICK_READ_MORE));
    assert!(waiting.intersects(act::READ0));
    assert!(r.read_more_wanted());
    // The loop reads on through reads that end with an empty chunk, up to WEB_EMPTY_READS, where
    // it would stop after the first for a consumer that is not a waiting pull.
    assert!(r.read_more_start());
    for _ in 0..WEB_EMPTY_READS as usize {
        read(&mut r, 0.0);
        r.push(0.0, 0.0);
        assert!(r.read_more_again(), "a waiting pull reads again after an empty chunk");
    }
    read(&mut r, 0.0);
    r.push(0.0, 0.0);
    assert!(!r.read_more_again(), "and stops after WEB_EMPTY_READS of them");
    // A read still under way (an asynchronous `_read`) ends the loop at once.
    assert_eq!(r.set_web_waiting(false), Actions::NONE);
    assert!(r.set_web_waiting(true).intersects(act::TICK_READ_MORE), "a new pull starts counting anew");
    assert!(r.read_more_start());
    read(&mut r, 0.0);
    r.push(0.0, 0.0);
    assert!(r.read_more_again());
    r.read_more_done();
    assert!(r.read_more_start());
    read(&mut r, 0.0);
    assert!(!r.read_more_again());
    r.push(0.0, 0.0);
    // Once the pull is settled, the stream is paused again.
    assert_eq!(r.set_web_waiting(false), Actions::NONE);
    assert!(!r.read_more_wanted());
    // Waiting while a `_read` is under way, or with data buffered, schedules nothing.
    let mut busy = readable(0.0);
    busy.read(NAN);
    assert!(is_set(&busy, state::READING));
    assert_eq!(busy.set_web_waiting(true), Actions::NONE);
}

#[test]
fn push_returns_false_once_length_reaches_the_high_water_mark() {
    // canPushMore: !ended && (length < highWaterMark || length === 0)
    let mut r = readable(10.0);
    assert!(r.push(4.0, 4.0).intersects(act::RETURN_TRUE));
    assert!(!r.push(6.0, 6.0).intersects(act::RETURN_TRUE), "length 10 = hwm");
    assert!(!r.push(1.0, 1.0).intersects(act::RETURN_TRUE), "length 11 > hwm");
    assert_eq!(sizes(&r), [4.0, 6.0, 1.0]);
}

#[test]
fn push_returns_true_while_length_is_0_even_with_hwm_0() {
    // canPushMore: `|| state.length === 0` (the hwm 0 case of the repl).
    let mut r = readable(0.0);
    assert!(r.push(0.0, 0.0).intersects(act::RETURN_TRUE), "empty chunk");
    let mut r = flowing(0.0);
    let actions = r.push(5.0, 5.0);
    assert!(actions.intersects(act::EMIT_DATA));
    assert!(actions.intersects(act::RETURN_TRUE), "handed to 'data', length stays 0");
    let mut r = readable(0.0);
    assert!(!r.push(5.0, 5.0).intersects(act::RETURN_TRUE), "buffered: length 5 > hwm 0");
}

#[test]
fn push_after_eof_is_err_push_after_eof() {
    // readableAddChunkPushByteMode / ObjectMode: kEnded → errorOrDestroy(ERR_STREAM_PUSH_AFTER_EOF)
    let mut r = readable(16.0);
    r.push_eof(0.0, false);
    assert_eq!(r.push(3.0, 3.0), act::ERR_PUSH_AFTER_EOF);
    assert_eq!(r.length(), 0.0);
    let mut r = object_readable();
    r.push_eof(0.0, false);
    assert_eq!(r.push(1.0, 1.0), act::ERR_PUSH_AFTER_EOF);
}

#[test]
fn empty_push_after_eof_is_no_error_and_returns_false() {
    // readableAddChunkPushByteMode: the `chunk.length <= 0` test comes before the kEnded test.
    let mut r = readable(16.0);
    r.push_eof(0.0, false);
    let actions = r.push(0.0, 0.0);
    assert!(!actions.intersects(act::ERR_PUSH_AFTER_EOF | act::RETURN_TRUE));
}

#[test]
fn push_while_flowing_outside_read_emits_data_without_buffering() {
    // addChunk: (kFlowing | kSync | kDataListening) === (kFlowing | kDataListening) && length === 0
    let mut r = flowing(16.0);
    let actions = r.push(5.0, 5.0);
    assert!(actions.intersects(act::EMIT_DATA));
    assert!(!actions.intersects(act::BUFFER));
    assert_eq!(r.length(), 0.0);
    assert!(sizes(&r).is_empty());
    assert!(is_set(&r, state::DATA_EMITTED));
}

#[test]
fn push_while_flowing_inside_read_buffers() {
    // Readable.prototype.read sets kSync around `_read`, so addChunk buffers; the read that
    // called `_read` then returns the chunk (howMuchToRead again, since kReading was cleared).
    let mut r = flowing(16.0);
    r.push(5.0, 5.0); // ends the pending `_read`
    assert!(r.read(NAN).intersects(act::CALL_READ));
    let pushed = r.push(5.0, 5.0);
    assert!(pushed.intersects(act::BUFFER));
    assert!(!pushed.intersects(act::EMIT_DATA));
    assert_eq!(sizes(&r), [5.0]);
    let read = r.read_after_read(NAN);
    assert_eq!(read & TAKES, act::TAKE_FIRST);
    assert!(read.intersects(act::EMIT_DATA));
    assert_eq!(r.length(), 0.0);
}

#[test]
fn push_buffers_while_a_data_listener_waits_for_its_resume_tick() {
    // Before the resume_ tick kSync is still set (ReadableState starts with kSync).
    let mut r = readable(16.0);
    r.on_data(false);
    r.resume();
    assert!(r.push(5.0, 5.0).intersects(act::BUFFER));
}

#[test]
fn object_mode_counts_each_chunk_as_measured() {
    // addChunk: `state.length += objectMode ? 1 : chunk.length`; howMuchToRead returns 1. The
    // façade passes 1 per object, or the size a web strategy measured (`Readable.toWeb`).
    let mut r = object_readable();
    assert_eq!(r.high_water_mark(), DEFAULT_OBJECTS);
    r.push(1.0, 1.0);
    r.push(1.0, 1.0);
    r.unshift(1.0);
    assert_eq!((sizes(&r), r.length()), (vec![1.0, 1.0, 1.0], 3.0));
    assert_eq!(read(&mut r, 5.0) & TAKES, act::TAKE_FIRST, "read(n) ignores n");
    assert_eq!(r.length(), 2.0);
    let mut measured = object_readable();
    measured.push(4.0, 4.0);
    measured.push(2.5, 2.5);
    assert_eq!(measured.length(), 6.5);
    assert_eq!(read(&mut measured, f64::NAN) & TAKES, act::TAKE_FIRST);
    assert_eq!((sizes(&measured), measured.length()), (vec![2.5], 2.5), "a read takes one object with its size");
}

#[test]
fn unshift_goes_to_the_front() {
    // addChunk(addToFront): buffer.unshift
    let mut r = readable(16.0);
    r.push(3.0, 3.0);
    assert!(r.unshift(2.0).intersects(act::BUFFER));
    assert_eq!(sizes(&r), [2.0, 3.0]);
}

#[test]
fn unshift_after_end_event_is_an_error() {
    // readableAddChunkUnshiftValue: kEndEmitted → ERR_STREAM_UNSHIFT_AFTER_END_EVENT
    let mut r = readable(16.0);
    r.push_eof(0.0, false);
    read(&mut r, NAN);
    r.end_tick();
    assert_eq!(r.unshift(2.0), act::ERR_UNSHIFT_AFTER_END);
}

#[test]
fn push_eof_outside_read_emits_readable_at_once() {
    // onEofChunk without kSync: emitReadable_ now ("dicer relies on this event being sync").
    let mut r = readable(16.0);
    read(&mut r, 0.0); // a read cycle clears kSync
    assert_eq!(r.push_eof(0.0, false), act::EMIT_READABLE_NOW);
    assert!(is_set(&r, state::ENDED | state::EMITTED_READABLE));
}

#[test]
fn push_eof_inside_read_with_nobody_watching_waits_for_a_readable_listener() {
    // onEofChunk with kSync and no observer: kEofReadablePending; Readable.prototype.on('readable')
    // redeems it.
    let mut r = readable(16.0);
    assert_eq!(r.push_eof(0.0, false), Actions::NONE, "kSync is set from construction");
    assert!(is_set(&r, state::EOF_READABLE_PENDING));
    assert!(r.on_readable().intersects(act::TICK_READABLE));
    assert!(!is_set(&r, state::EOF_READABLE_PENDING));
    assert_eq!(r.readable_tick(), act::EMIT_READABLE);
}

#[test]
fn push_eof_inside_read_with_a_readable_listener_schedules_readable() {
    // onEofChunk with kSync: emitReadable when listenerCount('readable') > 0
    let mut r = readable(16.0);
    assert_eq!(r.push_eof(0.0, true), act::TICK_READABLE);
}

#[test]
fn push_eof_buffers_the_decoder_tail() {
    // onEofChunk: decoder.end() chunk is buffered
    let mut r = decoding(16.0);
    r.push(4.0, 3.0);
    assert!(r.push_eof(1.0, false).intersects(act::BUFFER));
    assert_eq!(sizes(&r), [3.0, 1.0]);
}

// ---- read (Readable.prototype.read, howMuchToRead, computeNewHighWaterMark, fromList) ----

#[test]
fn read_without_n_in_byte_mode_takes_the_first_chunk() {
    // howMuchToRead(NaN): `state.buffer[state.bufferIndex].length` (no decoder)
    let mut r = readable(16.0);
    r.push(3.0, 3.0);
    r.push(5.0, 5.0);
    let actions = read(&mut r, NAN);
    assert_eq!(actions & TAKES, act::TAKE_FIRST);
    assert!(actions.intersects(act::EMIT_DATA));
    assert_eq!(sizes(&r), [5.0]);
    assert_eq!(r.length(), 5.0);
}

#[test]
fn read_without_n_with_a_decoder_takes_everything() {
    // howMuchToRead(NaN) with a decoder and not flowing: `state.length`
    let mut r = decoding(16.0);
    r.push(3.0, 3.0);
    r.push(5.0, 5.0);
    assert_eq!(read(&mut r, NAN) & TAKES, act::TAKE_ALL);
    assert_eq!(r.length(), 0.0);
}

#[test]
fn read_n_takes_exactly_n_and_splits_chunks() {
    // howMuchToRead: n <= length → n; fromList consumes n across chunks.
    let mut r = readable(16.0);
    r.push(3.0, 3.0);
    r.push(5.0, 5.0);
    assert_eq!(read(&mut r, 4.0) & TAKES, act::TAKE_N);
    assert_eq!(sizes(&r), [4.0], "3 + 1 taken, the 5-chunk split");
    assert_eq!(read(&mut r, 1.0) & TAKES, act::TAKE_N);
    assert_eq!(sizes(&r), [3.0]);
    assert_eq!(r.length(), 3.0);
    assert_eq!(r.desired_size(), 13.0);
}

#[test]
fn read_more_than_buffered_before_end_takes_nothing_and_needs_readable() {
    // howMuchToRead: n > length and not ended → 0; read(): ret null → kNeedReadable
    let mut r = readable(16.0);
    r.push(3.0, 3.0);
    let actions = read(&mut r, 10.0);
    assert!(!actions.intersects(TAKES | act::EMIT_DATA));
    assert_eq!(r.length(), 3.0);
    assert!(is_set(&r, state::NEED_READABLE));
}

#[test]
fn read_more_than_buffered_after_end_takes_everything_and_ends() {
    // howMuchToRead: ended → state.length; read(): nOrig !== n && ended → endReadable
    let mut r = readable(16.0);
    r.push(3.0, 3.0);
    r.push(2.0, 2.0);
    r.push_eof(0.0, false);
    let actions = read(&mut r, 10.0);
    assert_eq!(actions & TAKES, act::TAKE_ALL);
    assert!(actions.intersects(act::TICK_END));
    assert!(actions.intersects(act::EMIT_DATA));
    assert_eq!(r.length(), 0.0);
}

#[test]
fn read_n_above_hwm_raises_hwm_to_the_next_power_of_two() {
    // computeNewHighWaterMark
    let mut r = readable(16.0);
    read(&mut r, 100.0);
    assert_eq!(r.high_water_mark(), 128.0);
    read(&mut r, 256.0);
    assert_eq!(r.high_water_mark(), 256.0, "a power of two stays");
    read(&mut r, 200.0);
    assert_eq!(r.high_water_mark(), 256.0, "never lowered");
    let mut r = readable(0.0);
    read(&mut r, 1.0);
    assert_eq!(r.high_water_mark(), 1.0);
}

#[test]
fn read_n_above_1_gib_is_out_of_range() {
    // computeNewHighWaterMark: n > MAX_HWM (0x40000000) → ERR_OUT_OF_RANGE
    let mut r = readable(16.0);
    assert_eq!(r.read(1073741825.0), act::ERR_OUT_OF_RANGE);
    assert_eq!(r.high_water_mark(), 16.0);
    assert!(!r.read(1073741824.0).intersects(act::ERR_OUT_OF_RANGE));
    assert_eq!(r.high_water_mark(), 1073741824.0);
}

#[test]
fn read_calls_read_only_below_hwm() {
    // read(): doRead when length === 0 || length - n < highWaterMark
    let mut r = readable(4.0);
    r.push(3.0, 3.0);
    r.push(5.0, 5.0);
    assert!(!r.read(3.0).intersects(act::CALL_READ), "8 - 3 = 5 >= 4: no _read");
    assert!(r.read(3.0).intersects(act::CALL_READ), "5 - 3 = 2 < 4: _read");
}

#[test]
fn read_zero_with_enough_buffered_only_announces_readable() {
    // read(0) && kNeedReadable && length >= highWaterMark → emitReadable, return null
    let mut r = readable(4.0);
    r.push(4.0, 4.0);
    // emitReadable_ after 'readable': not flowing and length <= hwm → kNeedReadable
    assert_eq!(r.readable_tick(), act::EMIT_READABLE);
    r.after_readable_tick(true);
    assert!(is_set(&r, state::NEED_READABLE));
    assert_eq!(r.read(0.0), act::TICK_READABLE);
    assert_eq!(r.length(), 4.0);
}

#[test]
fn read_waits_for_construct() {
    // read(): no _read until kConstructed; onConstructed → maybeReadMore when kNeedReadable
    let mut r = readable(16.0);
    r.construct_begin();
    assert!(!r.read(0.0).intersects(act::CALL_READ));
    assert_eq!(r.constructed(false), act::CONSTRUCTED_OK);
    assert_eq!(r.on_constructed(), act::TICK_READ_MORE);
}

// ---- end (endReadable, endReadableNT) ----

#[test]
fn end_is_scheduled_once_and_emitted_once() {
    let mut r = readable(16.0);
    r.push_eof(0.0, false);
    assert!(read(&mut r, NAN).intersects(act::TICK_END));
    assert!(!read(&mut r, NAN).intersects(act::TICK_END), "kEndScheduled");
    assert_eq!(r.end_tick(), act::EMIT_END);
    assert!(r.auto_destroy(), "autoDestroy follows 'end'");
    assert_eq!(r.end_tick(), Actions::NONE, "kEndEmitted");
    assert!(!read(&mut r, NAN).intersects(act::TICK_END));
    assert!(!r.readable());
}

#[test]
fn end_without_auto_destroy_does_not_destroy() {
    let mut r = Readable::new(Options { auto_destroy: false, ..options(16.0) }).unwrap();
    r.push_eof(0.0, false);
    read(&mut r, NAN);
    assert_eq!(r.end_tick(), act::EMIT_END);
    assert!(!r.auto_destroy());
}

#[test]
fn end_waits_for_a_last_unshift_to_be_read() {
    // endReadableNT: "Check that we didn't get one last unshift"; kEndScheduled is cleared so
    // endReadable can schedule again.
    let mut r = readable(16.0);
    r.push_eof(0.0, false);
    assert!(read(&mut r, NAN).intersects(act::TICK_END));
    r.unshift(2.0);
    assert_eq!(r.end_tick(), Actions::NONE);
    let actions = read(&mut r, NAN);
    assert_eq!(actions & TAKES, act::TAKE_FIRST);
    assert!(actions.intersects(act::TICK_END));
    assert_eq!(r.end_tick(), act::EMIT_END);
}

// ---- destroy, errors, construct (destroy.js) ----

#[test]
fn destroy_calls_destroy_once() {
    // destroy(): already destroyed → only the callback
    let mut r = readable(16.0);
    assert_eq!(r.destroy(false), act::CALL_DESTROY);
    assert!(is_set(&r, state::DESTROYED));
    assert_eq!(r.destroy(true), act::ALREADY);
    assert!(!is_set(&r, state::ERRORED), "the second error is dropped");
}

#[test]
fn destroy_with_an_error_records_it() {
    // checkError: errored = err when none is stored
    let mut r = readable(16.0);
    assert_eq!(r.destroy(true), act::SET_ERRORED | act::CALL_DESTROY);
    assert_eq!(r.destroyed(true), Actions::NONE, "already errored");
    assert!(is_set(&r, state::CLOSED));
    assert!(r.aborted());
}

#[test]
fn a_second_destroy_callback_is_ignored_and_a_second_construct_callback_is_an_error() {
    // destroy.js: onDestroy's `called` guard returns; onConstruct's raises ERR_MULTIPLE_CALLBACK.
    let mut r = readable(16.0);
    assert_eq!(r.destroy(false), act::CALL_DESTROY);
    assert_eq!(r.destroyed(false), Actions::NONE);
    assert_eq!(r.destroyed(true), act::ALREADY, "the second callback does nothing");
    assert!(!is_set(&r, state::ERRORED), "not even record its error");

    let mut r = readable(16.0);
    r.construct_begin();
    assert_eq!(r.constructed(false), act::CONSTRUCTED_OK);
    assert_eq!(r.constructed(false), act::ALREADY);

    // A destroy that waited for _construct gets its own callback.
    let mut r = readable(16.0);
    r.construct_begin();
    assert_eq!(r.destroy(false), act::WAIT_CONSTRUCT);
    assert_eq!(r.constructed(false), act::WAIT_CONSTRUCT);
    assert_eq!(r.destroyed(false), Actions::NONE);
    assert_eq!(r.destroyed(false), act::ALREADY);
}

#[test]
fn destroy_during_construct_waits_for_it() {
    // destroy(): !kConstructed → once(kDestroy); onConstruct: destroyed → emit(kDestroy)
    let mut r = readable(16.0);
    r.construct_begin();
    assert_eq!(r.destroy(false), act::WAIT_CONSTRUCT);
    assert_eq!(r.constructed(false), act::WAIT_CONSTRUCT);
}

#[test]
fn construct_error_goes_through_error_or_destroy() {
    // onConstruct: err → errorOrDestroy(stream, err, true)
    let mut r = readable(16.0);
    r.construct_begin();
    assert_eq!(r.constructed(true), act::DESTROY);
    let mut r = Readable::new(Options { auto_destroy: false, ..options(16.0) }).unwrap();
    r.construct_begin();
    assert_eq!(r.constructed(true), act::SET_ERRORED | act::TICK_ERROR);
}

#[test]
fn error_or_destroy_with_auto_destroy_destroys() {
    let mut r = readable(16.0);
    assert_eq!(r.error_or_destroy(true, false), act::DESTROY);
    r.destroy(true);
    assert_eq!(r.error_or_destroy(true, false), Actions::NONE, "already destroyed");
}

#[test]
fn error_or_destroy_without_auto_destroy_emits_the_error_once() {
    // errorOrDestroy: errored = err, emitErrorNT now (sync false) or next tick (sync true);
    // emitErrorNT: kErrorEmitted → nothing
    let mut r = Readable::new(Options { auto_destroy: false, ..options(16.0) }).unwrap();
    assert_eq!(r.error_or_destroy(true, false), act::SET_ERRORED | act::EMIT_ERROR);
    assert_eq!(r.error_or_destroy(true, false), Actions::NONE);
    assert!(is_set(&r, state::ERRORED | state::ERROR_EMITTED));
    assert!(!is_set(&r, state::DESTROYED));

    let mut r = Readable::new(Options { auto_destroy: false, ..options(16.0) }).unwrap();
    assert_eq!(r.error_or_destroy(true, true), act::SET_ERRORED | act::TICK_ERROR);
    assert_eq!(r.error_tick(), act::EMIT_ERROR);
    assert_eq!(r.error_tick(), Actions::NONE);
}

#[test]
fn close_tick_respects_emit_close() {
    // emitCloseNT: kCloseEmitted always, 'close' only with kEmitClose
    let mut r = readable(16.0);
    r.destroy(false);
    r.destroyed(false);
    assert_eq!(r.close_tick(), act::EMIT_CLOSE);
    let mut r = Readable::new(Options { emit_close: false, ..options(16.0) }).unwrap();
    r.destroy(false);
    r.destroyed(false);
    assert_eq!(r.close_tick(), Actions::NONE);
    assert!(is_set(&r, state::CLOSE_EMITTED));
}

#[test]
fn nothing_is_pushed_after_destroy() {
    // readableAddChunkPush*: kDestroyed | kErrored → return false
    let mut r = readable(16.0);
    r.destroy(false);
    assert_eq!(r.push(3.0, 3.0), Actions::NONE);
    assert_eq!(r.length(), 0.0);
}

#[test]
fn push_to_a_decoder_makes_the_checks_of_push_first() {
    // readableAddChunkPushObjectMode: kEnded → ERR_STREAM_PUSH_AFTER_EOF; kDestroyed → false;
    // else kReading is cleared before the decoder throws; nothing is added.
    let mut r = object_readable();
    read(&mut r, 0.0);
    assert!(is_set(&r, state::READING));
    assert_eq!(r.push_to_decoder(), act::BUFFER);
    assert!(!is_set(&r, state::READING));
    assert_eq!(r.length(), 0.0);
    r.push_eof(0.0, false);
    assert_eq!(r.push_to_decoder(), act::ERR_PUSH_AFTER_EOF);
    let mut d = object_readable();
    d.destroy(false);
    assert_eq!(d.push_to_decoder(), Actions::NONE);
}

// ---- flowing (resume, pause, isPaused, on) ----

#[test]
fn resume_and_pause_set_the_flowing_flags() {
    let mut r = readable(16.0);
    assert!(!r.is_paused(), "readableFlowing null is not paused");
    assert_eq!(r.pause(), act::EMIT_PAUSE);
    assert!(r.is_paused());
    assert_eq!(r.pause(), Actions::NONE, "already paused: no second 'pause'");
    assert_eq!(r.resume(), act::TICK_RESUME);
    assert!(r.is_flowing());
    assert!(!r.is_paused());
    assert_eq!(r.resume(), Actions::NONE, "already flowing");
    r.pause();
    assert_eq!(r.resume(), Actions::NONE, "resume_ already scheduled (kResumeScheduled)");
    assert!(r.is_flowing());
}

#[test]
fn resume_and_pause_do_nothing_once_destroyed() {
    let mut r = readable(16.0);
    r.destroy(false);
    assert_eq!(r.resume(), Actions::NONE);
    assert_eq!(r.pause(), Actions::NONE);
    assert!(!r.is_flowing());
}

#[test]
fn data_listener_resumes_unless_explicitly_paused() {
    // on('data'): resume() when (kHasFlowing | kFlowing) !== kHasFlowing
    let mut r = readable(16.0);
    assert_eq!(r.on_data(false), act::RESUME);
    let mut r = readable(16.0);
    r.pause();
    assert_eq!(r.on_data(false), Actions::NONE);
}

#[test]
fn readable_listener_stops_flowing() {
    // on('readable'): kReadableListening | kNeedReadable | kHasFlowing, ~kFlowing
    let mut r = readable(16.0);
    r.resume();
    assert!(r.is_flowing());
    assert_eq!(r.on_readable(), act::TICK_READ0, "nothing buffered: read(0) next tick");
    assert!(!r.is_flowing());
    assert!(is_set(&r, state::READABLE_LISTENING | state::NEED_READABLE));
    r.pause();
    r.resume();
    assert!(!r.is_flowing(), "resume() does not flow while 'readable' is listened to");

    let mut r = readable(16.0);
    r.push(3.0, 3.0);
    assert_eq!(r.on_readable(), act::TICK_READABLE, "buffered data is announced");
}

// ---- options (getHighWaterMark) ----

#[test]
fn high_water_mark_must_be_a_non_negative_integer() {
    for bad in [-1.0, 1.5, f64::NAN, f64::INFINITY, -0.5] {
        let result = Readable::new(options(bad));
        assert_eq!(result.err(), Some(OptionsError::InvalidHighWaterMark), "hwm {bad}");
    }
    assert_eq!(readable(0.0).high_water_mark(), 0.0);
    let default = Readable::new(Options { high_water_mark: None, ..options(0.0) }).unwrap();
    assert_eq!(default.high_water_mark(), DEFAULT_BYTES);
    assert_eq!(default.desired_size(), DEFAULT_BYTES);
}

// ---- reads that change the buffer inside `_read` ----

#[test]
fn read_inside_read_leaves_sizes_matching_length() {
    // Node: read() computes n = first chunk length (10) before `_read`; a nested read() in
    // `_read` takes that chunk; kReading is still set, so fromList(10) takes 10 units from the
    // next chunk (20), leaving one chunk of 10.
    let mut r = readable(100.0);
    r.push(10.0, 10.0);
    r.push(20.0, 20.0);
    assert!(r.read(NAN).intersects(act::CALL_READ));
    assert_eq!(r.read(NAN) & TAKES, act::TAKE_FIRST, "the nested read in _read");
    r.read_after_read(NAN);
    assert_eq!(r.length(), 10.0);
    assert_eq!(sizes(&r), [10.0], "length and chunk sizes disagree");
}

#[test]
fn unshift_inside_read_leaves_sizes_matching_length() {
    // Node: n = 10 before `_read`; unshift() does not clear kReading, so fromList(10) takes the
    // unshifted 4 and 6 of the next chunk, leaving 4.
    let mut r = readable(100.0);
    r.push(10.0, 10.0);
    assert!(r.read(NAN).intersects(act::CALL_READ));
    r.unshift(4.0);
    r.read_after_read(NAN);
    assert_eq!(r.length(), 4.0);
    assert_eq!(sizes(&r), [4.0], "length and chunk sizes disagree");
}

// ---- property tests: a simulated façade ----

/// What the simulated `_read` does when it is next called (once; then it does nothing).
#[derive(Clone, Copy, Debug)]
enum Source {
    Nothing,
    Push(u8),
    Eof,
}

#[derive(Clone, Debug)]
enum Op {
    Push(u8),
    PushEof,
    Unshift(u8),
    /// `read(n)`, or `read()` for `None`.
    Read(Option<u8>),
    NextRead(Source),
    Tick,
    OnData,
    OffData,
    OnReadable,
    Pause,
    Resume,
    Destroy {
        error: bool,
    },
}

/// Work queued with `process.nextTick` by the façade.
#[derive(Clone, Copy, Debug)]
enum Tick {
    Readable,
    ReadMore,
    End,
    Read0,
    Resume,
    Error,
    ErrorClose { error: bool },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Event {
    Data(f64),
    Readable,
    End,
    Error,
    Close,
    Pause,
    Resume,
}

/// The façade of `js/streams/readable.js` with chunks replaced by their sizes.
struct Sim {
    r: Readable,
    object_mode: bool,
    /// The façade's chunk queue.
    chunks: VecDeque<f64>,
    ticks: VecDeque<Tick>,
    events: Vec<Event>,
    next_read: Source,
    data_listeners: u32,
    readable_listener: bool,
    eof_pushed: bool,
    close_ran: bool,
    /// Units accepted by push/unshift (buffered or handed to 'data').
    accepted: f64,
    /// Units that left: taken by reads or handed straight to 'data'.
    delivered: f64,
}

impl Sim {
    /// A stream with `options`, and an `encoding` when `decoder`.
    fn new((options, decoder): (Options, bool)) -> Sim {
        let mut r = Readable::new(options).unwrap();
        if decoder {
            r.set_encoding(0.0);
        }
        Sim {
            r,
            object_mode: options.object_mode,
            chunks: VecDeque::new(),
            ticks: VecDeque::new(),
            events: Vec::new(),
            next_read: Source::Nothing,
            data_listeners: 0,
            readable_listener: false,
            eof_pushed: false,
            close_ran: false,
            accepted: 0.0,
            delivered: 0.0,
        }
    }

    fn run(&mut self, op: &Op) {
        match *op {
            Op::Push(size) => {
                self.push(size as f64);
            }
            Op::PushEof => self.push_eof(),
            Op::Unshift(size) => self.unshift(size as f64),
            Op::Read(n) => {
                self.read(n.map_or(NAN, f64::from));
            }
            Op::NextRead(source) => self.next_read = source,
            Op::Tick => self.tick(),
            Op::OnData => {
                self.data_listeners += 1;
                if self.r.on_data(self.readable_listener).intersects(act::RESUME) {
                    self.resume();
                }
            }
            Op::OffData => {
                if self.data_listeners > 0 {
                    self.data_listeners -= 1;
                    if self.data_listeners == 0 {
                        self.r.off_data();
                    }
                }
            }
            Op::OnReadable => {
                self.readable_listener = true;
                let actions = self.r.on_readable();
                self.schedule(actions);
                if actions.intersects(act::TICK_READ0) {
                    self.ticks.push_back(Tick::Read0);
                }
            }
            Op::Pause => {
                if self.r.pause().intersects(act::EMIT_PAUSE) {
                    self.emit(Event::Pause);
                }
            }
            Op::Resume => self.resume(),
            Op::Destroy { error } => self.destroy(error),
        }
    }

    fn emit(&mut self, event: Event) {
        assert!(!self.close_ran, "{event:?} after 'close'");
        match event {
            Event::End => {
                assert!(!self.events.contains(&Event::End), "second 'end'");
                assert!(!self.events.contains(&Event::Error), "'end' after 'error'");
                assert_eq!(self.r.length(), 0.0, "'end' with data buffered");
            }
            Event::Error => assert!(!self.events.contains(&Event::Error), "second 'error'"),
            Event::Close => assert!(!self.events.contains(&Event::Close), "second 'close'"),
            _ => {}
        }
        self.events.push(event);
    }

    fn schedule(&mut self, actions: Actions) {
        if actions.intersects(act::TICK_READABLE) {
            self.ticks.push_back(Tick::Readable);
        }
        if actions.intersects(act::TICK_READ_MORE) {
            self.ticks.push_back(Tick::ReadMore);
        }
    }

    fn size(&self, len: f64) -> f64 {
        if self.object_mode {
            1.0
        } else {
            len
        }
    }

    /// `push(chunk)` of `len` units (1 object in object mode); its return value.
    fn push(&mut self, len: f64) -> bool {
        let len = self.size(len);
        let actions = self.r.push(len, len);
        self.added(actions, len, false)
    }

    fn unshift(&mut self, len: f64) {
        let len = self.size(len);
        let actions = self.r.unshift(len);
        self.added(actions, len, true);
    }

    /// The façade's `addChunk` after the core decided.
    fn added(&mut self, actions: Actions, len: f64, to_front: bool) -> bool {
        let mut more = actions.intersects(act::RETURN_TRUE);
        if actions.intersects(act::ERR_PUSH_AFTER_EOF | act::ERR_UNSHIFT_AFTER_END) {
            self.error_or_destroy(false);
            return false;
        }
        if actions.intersects(act::EMIT_DATA) {
            assert_eq!(self.r.length(), 0.0, "'data' straight from push with data queued");
            self.accepted += len;
            self.delivered += len;
            self.emit(Event::Data(len));
            let more_actions = self.r.after_data();
            self.schedule(more_actions & !act::RETURN_TRUE);
            more = more_actions.intersects(act::RETURN_TRUE);
        } else if actions.intersects(act::BUFFER) {
            self.accepted += len;
            if to_front {
                self.chunks.push_front(len);
            } else {
                self.chunks.push_back(len);
            }
        }
        self.schedule(actions);
        assert!(!(more && self.eof_pushed), "push returned true after push(null)");
        more
    }

    fn push_eof(&mut self) {
        let actions = self.r.push_eof(0.0, self.readable_listener);
        self.eof_pushed = true;
        self.schedule(actions);
        if actions.intersects(act::EMIT_READABLE_NOW) {
            self.readable_tick();
        }
    }

    /// The simulated `_read`.
    fn underlying_read(&mut self) {
        match std::mem::replace(&mut self.next_read, Source::Nothing) {
            Source::Nothing => {}
            Source::Push(size) => {
                self.push(size as f64);
            }
            Source::Eof => self.push_eof(),
        }
    }

    /// `read(n)`: the units taken, if any.
    fn read(&mut self, n: f64) -> Option<f64> {
        let mut actions = self.r.read(n);
        assert!(!actions.intersects(act::ERR_OUT_OF_RANGE));
        if actions.intersects(act::CALL_READ) {
            self.underlying_read();
            actions = self.r.read_after_read(n);
        }
        let known = TAKES | act::TICK_END | act::TICK_READABLE | act::EMIT_DATA;
        assert_eq!(actions & !known, Actions::NONE, "unexpected read actions {actions:#x}");
        let taken = match actions & TAKES {
            Actions::NONE => None,
            take => Some(self.take(take, n)),
        };
        if actions.intersects(act::TICK_END) {
            self.ticks.push_back(Tick::End);
        }
        self.schedule(actions & act::TICK_READABLE);
        if actions.intersects(act::EMIT_DATA) {
            self.emit(Event::Data(taken.expect("'data' without a chunk")));
        }
        taken
    }

    /// The façade's `take`: remove what the core decided from the chunk queue.
    fn take(&mut self, take: Actions, n: f64) -> f64 {
        let queued: f64 = self.chunks.iter().sum();
        let taken = match take {
            act::TAKE_FIRST => self.chunks.pop_front().expect("TAKE_FIRST from an empty queue"),
            act::TAKE_ALL => {
                self.chunks.clear();
                queued
            }
            act::TAKE_N => {
                assert!(n <= queued, "TAKE_N of {n} with {queued} queued");
                let mut left = n;
                while left > 0.0 {
                    let first = self.chunks.front_mut().unwrap();
                    if left >= *first {
                        left -= *first;
                        self.chunks.pop_front();
                    } else {
                        *first -= left;
                        left = 0.0;
                    }
                }
                n
            }
            _ => panic!("more than one TAKE bit: {take:#x}"),
        };
        assert!(taken > 0.0 && taken <= queued, "took {taken} of {queued}");
        self.delivered += taken;
        taken
    }

    fn flow(&mut self) {
        while self.r.is_flowing() && self.read(NAN).is_some() {}
    }

    fn resume(&mut self) {
        if self.r.resume().intersects(act::TICK_RESUME) {
            self.ticks.push_back(Tick::Resume);
        }
    }

    fn destroy(&mut self, error: bool) {
        let actions = self.r.destroy(error);
        if actions.intersects(act::ALREADY) {
            return;
        }
        assert!(actions.intersects(act::CALL_DESTROY));
        // The default `_destroy(err, cb)` calls back at once.
        self.r.destroyed(error);
        self.ticks.push_back(Tick::ErrorClose { error });
    }

    fn error_or_destroy(&mut self, sync: bool) {
        let actions = self.r.error_or_destroy(true, sync);
        if actions.intersects(act::DESTROY) {
            self.destroy(true);
            return;
        }
        if actions.intersects(act::TICK_ERROR) {
            self.ticks.push_back(Tick::Error);
        }
        if actions.intersects(act::EMIT_ERROR) {
            self.emit(Event::Error);
        }
    }

    fn readable_tick(&mut self) {
        let emit = self.r.readable_tick().intersects(act::EMIT_READABLE);
        if emit {
            self.emit(Event::Readable);
        }
        self.r.after_readable_tick(emit);
        self.flow();
    }

    fn error_tick(&mut self) {
        if self.r.error_tick().intersects(act::EMIT_ERROR) {
            self.emit(Event::Error);
        }
    }

    /// Run the oldest queued tick.
    fn tick(&mut self) {
        let Some(tick) = self.ticks.pop_front() else { return };
        match tick {
            Tick::Readable => self.readable_tick(),
            Tick::ReadMore => {
                if self.r.read_more_start() {
                    self.read(0.0);
                    while self.r.read_more_again() {
                        self.read(0.0);
                    }
                }
            }
            Tick::End => {
                let actions = self.r.end_tick();
                if actions.intersects(act::EMIT_END) {
                    self.emit(Event::End);
                    if self.r.auto_destroy() {
                        self.destroy(false);
                    }
                }
            }
            Tick::Read0 => {
                self.read(0.0);
            }
            Tick::Resume => {
                let actions = self.r.resume_tick();
                if actions.intersects(act::READ0) {
                    self.read(0.0);
                }
                self.r.resume_scheduled_done();
                self.emit(Event::Resume);
                self.flow();
                if self.r.resume_tick_end().intersects(act::READ0) {
                    self.read(0.0);
                }
            }
            Tick::Error => self.error_tick(),
            Tick::ErrorClose { error } => {
                if error {
                    self.error_tick();
                }
                let emit = self.r.close_tick().intersects(act::EMIT_CLOSE);
                if emit {
                    self.emit(Event::Close);
                }
                self.close_ran = true;
            }
        }
    }

    /// Run ticks until none is left.
    fn drain(&mut self) {
        for _ in 0..10_000 {
            if self.ticks.is_empty() {
                return;
            }
            self.tick();
        }
        panic!("ticks keep scheduling ticks: {:?}", self.ticks);
    }

    fn check(&self) {
        let sizes: Vec<f64> = self.r.chunk_sizes().collect();
        let total: f64 = sizes.iter().sum();
        assert_eq!(self.r.length(), total, "length vs chunk sizes {sizes:?}");
        assert_eq!(sizes, Vec::from(self.chunks.clone()), "core queue vs façade queue");
        assert!(sizes.iter().all(|&s| s > 0.0), "empty chunk queued: {sizes:?}");
        assert_eq!(self.r.desired_size(), self.r.high_water_mark() - self.r.length());
        assert_eq!(self.accepted, self.delivered + self.r.length(), "units lost or made up");
    }
}

/// Options, and whether an `encoding` was given.
fn any_options() -> impl Strategy<Value = (Options, bool)> {
    let hwm = prop_oneof![Just(None), Just(Some(0.0)), (1u8..=40).prop_map(|h| Some(h as f64))];
    (hwm, any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(high_water_mark, object_mode, emit_close, auto_destroy, decoder)| {
            (Options { high_water_mark, object_mode, emit_close, auto_destroy }, decoder)
        },
    )
}

fn any_op() -> impl Strategy<Value = Op> {
    let source = prop_oneof![Just(Source::Nothing), (0u8..=20).prop_map(Source::Push), Just(Source::Eof),];
    prop_oneof![
        6 => (0u8..=20).prop_map(Op::Push),
        1 => Just(Op::PushEof),
        1 => (0u8..=10).prop_map(Op::Unshift),
        4 => proptest::option::of(0u8..=40).prop_map(Op::Read),
        2 => source.prop_map(Op::NextRead),
        8 => Just(Op::Tick),
        1 => Just(Op::OnData),
        1 => Just(Op::OffData),
        1 => Just(Op::OnReadable),
        1 => Just(Op::Pause),
        1 => Just(Op::Resume),
        1 => any::<bool>().prop_map(|error| Op::Destroy { error }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Invariants after every operation and after all ticks ran.
    #[test]
    fn invariants_hold_for_any_sequence(
        options in any_options(),
        ops in proptest::collection::vec(any_op(), 1..80),
    ) {
        let mut sim = Sim::new(options);
        for op in &ops {
            sim.run(op);
            sim.check();
        }
        sim.drain();
        sim.check();
    }

    /// A flowing stream hands every pushed unit to 'data' in order, then 'end', then 'close'.
    #[test]
    fn flowing_stream_delivers_everything_then_ends(
        options in any_options(),
        chunks in proptest::collection::vec(1u8..=20, 0..20),
        ticks_between in proptest::collection::vec(0usize..3, 20),
    ) {
        let options = (Options { auto_destroy: true, emit_close: true, ..options.0 }, false);
        let mut sim = Sim::new(options);
        sim.run(&Op::OnData);
        for (&chunk, &ticks) in chunks.iter().zip(&ticks_between) {
            sim.push(chunk as f64);
            for _ in 0..ticks {
                sim.tick();
            }
            sim.check();
        }
        sim.push_eof();
        sim.drain();
        sim.check();

        let sizes: Vec<f64> = chunks.iter().map(|&c| sim.size(c as f64)).collect();
        let data: Vec<f64> = sim.events.iter().filter_map(|e| match e {
            Event::Data(n) => Some(*n),
            _ => None,
        }).collect();
        prop_assert_eq!(&data, &sizes, "one 'data' per chunk, in order");
        let tail: Vec<Event> = sim.events.iter().copied()
            .filter(|e| matches!(e, Event::End | Event::Close)).collect();
        prop_assert_eq!(tail, vec![Event::End, Event::Close]);
        prop_assert_eq!(sim.events.last(), Some(&Event::Close));
    }
}

/// Node's isReadableFinished: strict needs 'end' emitted; lenient also takes "ended and empty";
/// an errored stream is never finished.
#[test]
fn finished_follows_node() {
    let mut r = Readable::new(Options::default()).unwrap();
    assert!(!r.finished(true));
    r.push_eof(0.0, false);
    assert!(r.finished(true) && !r.finished(false), "ended and empty: lenient only");
    let mut e = Readable::new(Options { auto_destroy: false, ..Options::default() }).unwrap();
    e.push_eof(0.0, false);
    e.error_or_destroy(true, false);
    assert!(!e.finished(true), "errored is never finished");
}

// ---- assignments through `_readableState` ----

#[test]
fn assigned_object_mode_buffers_empty_chunks() {
    // An empty chunk is no data in byte mode; in object mode it is one object.
    let mut r = readable(16.0);
    assert!(!r.push(0.0, 0.0).intersects(act::BUFFER));
    assert!(r.assign(state::OBJECT_MODE, true));
    assert!(r.push(0.0, 0.0).intersects(act::BUFFER));
    assert!(!r.assign(state::FLOWING, true), "flowing has its own setter");
    assert!(!r.assign(state::HAS_FLOWING | state::PAUSED, true));
}

#[test]
fn assigned_paused_marks_pause_state_set() {
    // Node's legacy `paused` setter also sets kHasPaused.
    let mut r = readable(16.0);
    r.assign(state::PAUSED, true);
    assert!(is_set(&r, state::PAUSED) && is_set(&r, state::HAS_PAUSED));
    assert!(r.is_paused());
    r.assign(state::PAUSED, false);
    assert!(!r.is_paused());
}

#[test]
fn assigned_reading_false_lets_read_call_read_again() {
    let mut r = readable(16.0);
    assert!(r.read(f64::NAN).intersects(act::CALL_READ));
    r.read_after_read(f64::NAN);
    assert!(!r.read(f64::NAN).intersects(act::CALL_READ));
    r.assign(state::READING, false);
    assert!(r.read(f64::NAN).intersects(act::CALL_READ));
}

#[test]
fn a_web_pull_after_set_encoding_reads_one_chunk_unless_it_is_above_the_high_water_mark() {
    let mut r = readable(4.0);
    assert!(r.web_read_size().is_nan(), "without a decoder: read()");
    r.set_encoding(0.0);
    assert!(r.web_read_size().is_nan(), "nothing buffered: read()");
    r.push(3.0, 3.0);
    r.push(2.0, 2.0);
    assert_eq!(r.web_read_size(), 3.0, "the first chunk, not the join of both");
    let mut big = readable(2.0);
    big.set_encoding(0.0);
    big.push(3.0, 3.0);
    assert!(big.web_read_size().is_nan(), "read(3) would raise the highWaterMark of 2");
}
