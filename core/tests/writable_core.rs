//! Tests of the pure writable core (`highwater_core::writable`), the lifecycle rules on a stream with
//! both sides (`highwater_core::lifecycle`) and the cross-side rules (`highwater_core::stream`), against
//! Node 26's `lib/internal/streams/writable.js`, `destroy.js`, `duplex.js`, `readable.js`
//! (`endReadableNT`) and `transform.js`. Each unit test names the Node function whose rule it
//! checks. The property tests at the end drive the core through a simulated façade that carries
//! out the returned actions the way `js/streams/writable.js` and `js/streams/destroy.js` do.

// Setup steps drive the core without carrying out what it asks for.
#![allow(unused_must_use)]

use std::collections::VecDeque;

use highwater_core::hwm::{DEFAULT_BYTES, DEFAULT_OBJECTS};
use highwater_core::lifecycle::Lifecycle;
use highwater_core::readable::{act, state, Actions, Readable};
use highwater_core::side::Options;
use highwater_core::stream::{AfterEnd, Stream, TransformCallback};
use highwater_core::writable::{wact, wstate, EndCallback, WActions, Writable};
use proptest::prelude::*;

fn options(hwm: f64) -> Options {
    Options { high_water_mark: Some(hwm), ..Options::default() }
}

fn writable(hwm: f64) -> Writable {
    Writable::new(options(hwm)).unwrap()
}

fn object_writable() -> Writable {
    Writable::new(Options { object_mode: true, ..Options::default() }).unwrap()
}

fn is_set(w: &Writable, bits: u32) -> bool {
    w.state() & bits != 0
}

/// `write()` whose `_write` (if called) does not call back yet: what `write()` returns.
fn write(w: &mut Writable, len: f64, has_callback: bool) -> bool {
    let actions = w.write(len, has_callback, true);
    if actions.intersects(wact::CALL_WRITE) {
        w.write_done().intersects(wact::RETURN_TRUE)
    } else {
        actions.intersects(wact::RETURN_TRUE)
    }
}

/// A `_write` callback called later (not inside `_write`) with no buffered writes: the rest of
/// Node's `onwrite` and `afterWrite`; the actions of `afterWrite`'s end.
fn complete_async(w: &mut Writable, has_callback: bool) -> WActions {
    let done = w.onwrite(false);
    assert!(!done.intersects(wact::WRITE_SYNC | wact::CLEAR_BUFFER));
    assert_eq!(w.after_onwrite(has_callback, false, false), wact::AFTER_WRITE_NOW);
    let drain = w.after_write(false);
    w.callback_due();
    drain | w.after_write_end()
}

/// `end()` without a chunk, as the façade runs it, with no `_final`: the actions of
/// `finishMaybe`'s last part (`sync`).
fn end(w: &mut Writable) -> WActions {
    if w.end_uncork() {
        w.uncork();
    }
    let actions = w.end(false);
    assert!(actions.intersects(wact::FINISH_MAYBE));
    let mut out = WActions::NONE;
    if w.finish_maybe(false).intersects(wact::NEED_FINISH) {
        out = w.finish_maybe_end(true);
    }
    w.set_ended();
    out
}

// ---- write (_write, writeOrBuffer) ----

#[test]
fn write_returns_false_at_and_above_the_high_water_mark() {
    // writeOrBuffer: ret = length < highWaterMark || length === 0; !ret sets kNeedDrain.
    let mut w = writable(10.0);
    assert!(write(&mut w, 4.0, false), "length 4 < 10");
    assert!(!is_set(&w, wstate::NEED_DRAIN));
    assert!(!write(&mut w, 6.0, false), "length 10 = hwm");
    assert!(is_set(&w, wstate::NEED_DRAIN));
    assert!(!write(&mut w, 1.0, false), "length 11 > hwm");
    assert_eq!(w.length(), 11.0);
    assert_eq!(w.desired_size(), -1.0);
    assert!(w.need_drain());
}

#[test]
fn write_returns_true_while_length_is_0_even_with_hwm_0() {
    // writeOrBuffer: `|| state.length === 0`.
    let mut w = writable(0.0);
    assert!(write(&mut w, 0.0, false), "empty chunk: length stays 0");
    let mut w = writable(0.0);
    assert_eq!(w.write(5.0, false, true), wact::CALL_WRITE);
    // `_write` calls back inside itself: length is back to 0 before write() decides.
    assert_eq!(w.onwrite(false), wact::WRITE_SYNC);
    w.after_onwrite(false, false, true);
    assert!(w.write_done().intersects(wact::RETURN_TRUE));
    assert!(!write(&mut w, 5.0, false), "pending write: length 5 > hwm 0");
}

#[test]
fn object_mode_counts_each_write_as_1() {
    // writeOrBuffer: len = objectMode ? 1 : chunk.length; the default hwm is 16 objects.
    let mut w = object_writable();
    assert_eq!(w.high_water_mark(), DEFAULT_OBJECTS);
    write(&mut w, 500.0, false);
    write(&mut w, 0.0, false);
    assert_eq!(w.length(), 2.0);
    assert_eq!(writable_default().high_water_mark(), DEFAULT_BYTES);
}

fn writable_default() -> Writable {
    Writable::new(Options::default()).unwrap()
}

#[test]
fn bad_high_water_mark_is_refused() {
    // getHighWaterMark: ERR_INVALID_ARG_VALUE unless an integer from 0 up.
    for bad in [-1.0, 1.5, f64::INFINITY] {
        assert!(Writable::new(options(bad)).is_err(), "{bad}");
    }
}

#[test]
fn write_while_writing_buffers() {
    // writeOrBuffer: (kWriting | kErrored | kCorked | kConstructed) !== kConstructed → buffer.
    let mut w = writable(100.0);
    assert_eq!(w.write(3.0, true, true), wact::CALL_WRITE);
    w.write_done();
    assert!(is_set(&w, wstate::WRITING));
    let actions = w.write(4.0, false, false);
    assert_eq!(actions, wact::BUFFER | wact::RETURN_TRUE);
    assert_eq!(w.buffered_count(), 1);
    assert!(is_set(&w, wstate::BUFFERED));
    assert!(!is_set(&w, wstate::ALL_BUFFERS), "a string chunk was buffered");
    assert!(is_set(&w, wstate::ALL_NOOP), "no callback buffered");
    assert_eq!(w.length(), 7.0);
}

#[test]
fn write_after_end_is_err_write_after_end() {
    // _write: kEnding → ERR_STREAM_WRITE_AFTER_END, before the kDestroyed test; nothing counted.
    let mut w = writable(100.0);
    end(&mut w);
    assert_eq!(w.write(3.0, true, true), wact::ERR_WRITE_AFTER_END);
    assert_eq!(w.length(), 0.0);
    w.destroy(false);
    assert_eq!(w.write(3.0, true, true), wact::ERR_WRITE_AFTER_END, "kEnding is tested first");
}

#[test]
fn write_after_destroy_is_err_destroyed() {
    // _write: kDestroyed → ERR_STREAM_DESTROYED('write').
    let mut w = writable(100.0);
    w.destroy(false);
    assert_eq!(w.write(3.0, false, true), wact::ERR_DESTROYED);
    assert_eq!(w.length(), 0.0);
}

#[test]
fn write_returns_false_once_errored_or_destroyed() {
    // writeOrBuffer: `ret && (kDestroyed | kErrored) === 0` breaks while(write()) loops.
    let mut w = Writable::new(Options { auto_destroy: false, ..options(100.0) }).unwrap();
    w.error_or_destroy(true, false);
    let actions = w.write(1.0, false, true);
    assert_eq!(actions, wact::BUFFER, "an errored stream buffers and says false");
    assert!(!is_set(&w, wstate::NEED_DRAIN), "no 'drain' promised");
}

/// Writable.toWeb's one buffer: chunks queued on the web side count in the length, in
/// desiredSize and in write()'s answer; handing one over moves it, closing drops the rest.
#[test]
fn web_queued_chunks_count_in_the_one_buffer() {
    let mut w = writable(10.0);
    w.web_queue(Some(6.0));
    assert_eq!((w.length(), w.desired_size()), (6.0, 4.0));
    assert!(!write(&mut w, 4.0, false), "a Node-side write sees the web chunks as backpressure");
    assert!(is_set(&w, wstate::NEED_DRAIN));
    assert_eq!(w.desired_size(), 0.0);
    w.web_queue(Some(-6.0));
    assert_eq!(w.length(), 4.0);
    w.web_queue(Some(3.0));
    w.web_queue(None);
    assert_eq!((w.length(), w.desired_size()), (4.0, 6.0));
    w.web_queue(Some(-1.0));
    assert_eq!(w.length(), 4.0, "the web count never goes below zero");
}

// ---- cork / uncork / end's uncork ----

#[test]
fn cork_buffers_and_uncorking_the_last_cork_clears_the_buffer() {
    // writeOrBuffer buffers while kCorked; uncork: clearBuffer when !kWriting.
    let mut w = writable(100.0);
    w.cork();
    assert_eq!(w.corked(), 1);
    assert_eq!(w.write(3.0, false, true), wact::BUFFER | wact::RETURN_TRUE);
    assert_eq!(w.uncork(), wact::CLEAR_BUFFER);
    assert_eq!(w.corked(), 0);
    assert!(!is_set(&w, wstate::CORKED));
    assert_eq!(w.clear_buffer(false), wact::CONTINUE);
}

#[test]
fn nested_corks_need_as_many_uncorks() {
    // uncork: corked--; kCorked clears only at 0; clearBuffer returns while kCorked.
    let mut w = writable(100.0);
    w.cork();
    w.cork();
    w.write(3.0, false, true);
    assert_eq!(w.uncork(), wact::CLEAR_BUFFER);
    assert_eq!(w.corked(), 1);
    assert_eq!(w.clear_buffer(false), WActions::NONE, "still corked");
    assert_eq!(w.buffered_count(), 1);
    assert_eq!(w.uncork(), wact::CLEAR_BUFFER);
    assert_eq!(w.clear_buffer(false), wact::CONTINUE);
    assert_eq!(w.uncork(), WActions::NONE, "uncork without cork does nothing");
    assert_eq!(w.corked(), 0);
}

#[test]
fn uncork_while_writing_leaves_the_buffer() {
    // uncork: `if ((state[kState] & kWriting) === 0) clearBuffer`.
    let mut w = writable(100.0);
    write(&mut w, 1.0, false);
    w.cork();
    w.write(1.0, false, true);
    assert_eq!(w.uncork(), WActions::NONE);
    assert_eq!(w.buffered_count(), 1);
}

#[test]
fn end_undoes_every_cork() {
    // Writable.prototype.end: kCorked → corked = 1; uncork().
    let mut w = writable(100.0);
    w.cork();
    w.cork();
    w.cork();
    assert!(w.end_uncork());
    assert_eq!(w.corked(), 1);
    assert_eq!(w.uncork(), wact::CLEAR_BUFFER);
    assert_eq!(w.corked(), 0);
    assert!(!w.end_uncork());
}

// ---- clearBuffer ----

#[test]
fn clear_buffer_hands_several_writes_to_writev_at_once() {
    // clearBuffer: bufferedLength > 1 && _writev → pendingcb -= bufferedLength - 1;
    // doWrite(writev, state.length, …); resetBuffer.
    let mut w = writable(100.0);
    w.cork();
    w.write(1.0, true, true);
    w.write(2.0, false, true);
    w.write(3.0, false, true);
    w.uncork();
    assert_eq!(w.clear_buffer(true), wact::CALL_WRITEV);
    assert!(is_set(&w, wstate::WRITING | wstate::WRITE_CB), "one write with the joined callback");
    w.writev_done();
    assert_eq!(w.buffered_count(), 0);
    assert!(!is_set(&w, wstate::BUFFERED | wstate::BUFFER_PROCESSING));
    assert!(is_set(&w, wstate::ALL_NOOP | wstate::ALL_BUFFERS));
    assert_eq!(w.length(), 6.0);
    // One callback is due for the three writes: once it ran, nothing is pending.
    assert_eq!(complete_async(&mut w, true), WActions::NONE);
    assert_eq!(w.length(), 0.0, "the writev covered the whole length");
    w.end(false);
    assert_eq!(w.finish_maybe(false), wact::NEED_FINISH | wact::EMIT_PREFINISH);
    assert_eq!(w.finish_maybe_end(false), wact::FINISH_NOW, "pendingcb went back to 0");
}

#[test]
fn writev_without_callbacks_has_no_write_callback() {
    // clearBuffer: kAllNoop → callback = nop (doWrite leaves kWriteCb clear).
    let mut w = writable(100.0);
    w.cork();
    w.write(1.0, false, true);
    w.write(1.0, false, true);
    w.uncork();
    assert_eq!(w.clear_buffer(true), wact::CALL_WRITEV);
    assert!(!is_set(&w, wstate::WRITE_CB));
}

#[test]
fn a_single_buffered_write_goes_to_write_even_with_writev() {
    // clearBuffer: bufferedLength > 1 is needed for _writev.
    let mut w = writable(100.0);
    w.cork();
    w.write(1.0, true, true);
    w.uncork();
    assert_eq!(w.clear_buffer(true), wact::CONTINUE);
}

#[test]
fn clear_buffer_hands_writes_over_one_by_one_while_they_call_back_at_once() {
    // clearBuffer: do { doWrite } while (i < buffered.length && !kWriting); then resetBuffer.
    let mut w = writable(100.0);
    w.cork();
    for len in [1.0, 2.0, 3.0] {
        w.write(len, true, true);
    }
    w.uncork();
    assert_eq!(w.clear_buffer(false), wact::CONTINUE);
    for (i, len) in [1.0, 2.0, 3.0].into_iter().enumerate() {
        assert_eq!(w.next_buffered_write(true), wact::CALL_WRITE);
        assert_eq!(w.length(), 6.0 - [0.0, 1.0, 3.0][i]);
        // `_write` calls back inside itself; onwrite's clearBuffer is a no-op (kBufferProcessing).
        let done = w.onwrite(false);
        assert_eq!(done & wact::WRITE_SYNC, wact::WRITE_SYNC);
        if done.intersects(wact::CLEAR_BUFFER) {
            assert_eq!(w.clear_buffer(false), WActions::NONE, "already processing");
        }
        w.after_onwrite(true, i > 0, true);
        let more = w.buffered_write_done();
        assert_eq!(more, if i < 2 { wact::CONTINUE } else { WActions::NONE }, "after write of {len}");
    }
    assert_eq!(w.buffered_count(), 0);
    assert!(!is_set(&w, wstate::BUFFERED | wstate::BUFFER_PROCESSING));
    assert_eq!(w.length(), 0.0);
}

#[test]
fn clear_buffer_stops_at_a_write_that_does_not_call_back() {
    // clearBuffer: the loop ends while kWriting; bufferedIndex keeps the rest.
    let mut w = writable(100.0);
    w.cork();
    for len in [1.0, 2.0, 3.0] {
        w.write(len, false, true);
    }
    w.uncork();
    assert_eq!(w.clear_buffer(false), wact::CONTINUE);
    assert_eq!(w.next_buffered_write(false), wact::CALL_WRITE);
    assert_eq!(w.buffered_write_done(), WActions::NONE);
    assert_eq!(w.buffered_count(), 2);
    assert!(is_set(&w, wstate::BUFFERED | wstate::WRITING));
    assert!(!is_set(&w, wstate::BUFFER_PROCESSING | wstate::SYNC));
    // The write calls back later: onwrite runs clearBuffer for the next one.
    assert_eq!(w.onwrite(false), wact::CLEAR_BUFFER);
    assert_eq!(w.clear_buffer(false), wact::CONTINUE);
    assert_eq!(w.next_buffered_write(false), wact::CALL_WRITE);
    assert_eq!(w.length(), 5.0);
}

#[test]
fn clear_buffer_does_nothing_when_destroyed_corked_or_not_constructed() {
    // clearBuffer: (kDestroyed | kBufferProcessing | kCorked | kBuffered | kConstructed) must be
    // exactly kBuffered | kConstructed.
    let mut w = writable(100.0);
    assert_eq!(w.clear_buffer(true), WActions::NONE, "nothing buffered");
    w.cork();
    w.write(1.0, false, true);
    assert_eq!(w.clear_buffer(true), WActions::NONE, "corked");
    w.uncork();
    w.destroy(false);
    assert_eq!(w.clear_buffer(true), WActions::NONE, "destroyed");
    let mut w = writable(100.0);
    w.construct_begin();
    w.write(1.0, false, true);
    assert_eq!(w.clear_buffer(true), WActions::NONE, "not constructed");
}

#[test]
fn a_buffered_write_handed_over_after_destroy_fails() {
    // doWrite: kDestroyed → onwrite(new ERR_STREAM_DESTROYED('write')).
    let mut w = writable(100.0);
    w.cork();
    w.write(1.0, true, true);
    w.write(1.0, true, true);
    w.uncork();
    assert_eq!(w.clear_buffer(false), wact::CONTINUE);
    w.destroy(false);
    assert_eq!(w.next_buffered_write(true), wact::ERR_DESTROYED);
    assert!(is_set(&w, wstate::EXPECT_WRITE_CB), "the façade then calls onwrite with the error");
}

// ---- onwrite ----

#[test]
fn onwrite_twice_is_err_multiple_callback() {
    // onwrite: !kExpectWriteCb → errorOrDestroy(ERR_MULTIPLE_CALLBACK).
    let mut w = writable(100.0);
    assert_eq!(w.onwrite(false), wact::ERR_MULTIPLE_CALLBACK, "no write in flight");
    write(&mut w, 3.0, true);
    complete_async(&mut w, true);
    assert_eq!(w.onwrite(false), wact::ERR_MULTIPLE_CALLBACK);
    assert_eq!(w.onwrite(true), wact::ERR_MULTIPLE_CALLBACK);
    assert_eq!(w.length(), 0.0, "the second call changes nothing");
}

#[test]
fn onwrite_error_inside_write_waits_a_tick() {
    // onwrite(er): kErrored set once; sync → process.nextTick(onwriteError); no clearBuffer.
    let mut w = writable(100.0);
    assert_eq!(w.write(3.0, true, true), wact::CALL_WRITE);
    assert_eq!(w.onwrite(true), wact::WRITE_ERROR_TICK | wact::SET_ERRORED);
    assert!(!w.write_done().intersects(wact::RETURN_TRUE), "errored: write() says false");
    assert_eq!(w.length(), 0.0);
    assert!(is_set(&w, state::ERRORED));
}

#[test]
fn onwrite_error_after_write_returned_runs_now() {
    // onwrite(er) outside _write: onwriteError now; the buffer is not cleared but failed.
    let mut w = writable(100.0);
    write(&mut w, 3.0, true);
    w.write(2.0, true, true);
    assert_eq!(w.onwrite(true), wact::WRITE_ERROR_NOW | wact::SET_ERRORED, "no CLEAR_BUFFER");
    assert_eq!(w.length(), 2.0);
    assert_eq!(w.onwrite_error(), wact::ERROR_OR_DESTROY);
    // onwriteError: errorBuffer after the write's callback.
    assert_eq!(w.error_buffer(), wact::ERROR_BUFFER);
    assert_eq!(w.length(), 0.0);
    assert_eq!(w.buffered_count(), 0);
}

#[test]
fn onwrite_error_sets_errored_only_once() {
    // onwrite(er): `if ((state[kState] & kErrored) === 0)` records the first error only.
    let mut w = Writable::new(Options { auto_destroy: false, ..options(100.0) }).unwrap();
    write(&mut w, 3.0, true);
    w.error_or_destroy(true, false);
    assert_eq!(w.onwrite(true), wact::WRITE_ERROR_NOW);
}

#[test]
fn async_write_callback_runs_after_write_now() {
    // onwrite: !sync → afterWrite(stream, state, 1, cb).
    let mut w = writable(100.0);
    write(&mut w, 3.0, false);
    assert_eq!(w.onwrite(false), WActions::NONE);
    assert_eq!(w.after_onwrite(false, false, false), wact::AFTER_WRITE_NOW);
}

#[test]
fn sync_write_without_callback_needs_no_tick_in_byte_mode() {
    // onwrite sync, cb === nop, !needTick: pendingcb--, finishMaybe only when ending.
    let mut w = writable(100.0);
    assert_eq!(w.write(3.0, false, true), wact::CALL_WRITE);
    assert_eq!(w.onwrite(false), wact::WRITE_SYNC);
    assert_eq!(w.after_onwrite(false, false, true), WActions::NONE);
    assert!(!is_set(&w, wstate::AFTER_WRITE_PENDING));
}

#[test]
fn sync_write_without_callback_needs_a_tick_in_object_mode() {
    // onwrite: needTick = needDrain || (state[kState] & kDestroyed !== 0) || cb !== nop, which JS
    // reads as `state & true`, the kObjectMode bit.
    let mut w = object_writable();
    w.write(1.0, false, true);
    w.onwrite(false);
    assert_eq!(w.after_onwrite(false, false, true), wact::AFTER_WRITE_TICK);
    assert!(is_set(&w, wstate::AFTER_WRITE_PENDING));
    w.write_done();
    // A second one while the first tick is pending: no new tick, counted off at once.
    w.write(1.0, false, true);
    w.onwrite(false);
    assert_eq!(w.after_onwrite(false, false, true), WActions::NONE);
}

#[test]
fn destroyed_alone_does_not_make_a_tick_as_node_parses_it() {
    // The same precedence quirk: a byte stream destroyed inside `_write` gets no tick.
    let mut w = writable(100.0);
    w.write(3.0, false, true);
    w.destroy(false);
    assert_eq!(w.onwrite(false), wact::WRITE_SYNC);
    assert_eq!(w.after_onwrite(false, false, true), WActions::NONE);
}

#[test]
fn sync_write_without_callback_needs_a_tick_when_drain_is_due() {
    // onwrite: needDrain = kNeedDrain && length === 0.
    let mut w = writable(2.0);
    assert_eq!(w.write(3.0, false, true), wact::CALL_WRITE);
    w.write_done(); // false: kNeedDrain
    w.write(1.0, false, true); // buffered behind it
                               // The first write calls back later; the buffered one then calls back inside `_write`.
    assert_eq!(w.onwrite(false), wact::CLEAR_BUFFER);
    assert_eq!(w.clear_buffer(false), wact::CONTINUE);
    w.next_buffered_write(false);
    let done = w.onwrite(false);
    assert_eq!(done, wact::WRITE_SYNC | wact::CLEAR_BUFFER, "kBuffered until the pass ends");
    assert_eq!(w.clear_buffer(false), WActions::NONE, "kBufferProcessing");
    assert_eq!(w.after_onwrite(false, false, true), wact::AFTER_WRITE_TICK, "drain is due");
    assert_eq!(w.buffered_write_done(), WActions::NONE);
    assert_eq!(w.after_onwrite(false, false, false), wact::AFTER_WRITE_NOW, "the first one");
}

#[test]
fn sync_write_callbacks_share_a_tick_when_the_callback_is_the_same() {
    // onwrite: kAfterWriteTickInfo && info.cb === cb → count++; else a new afterWriteTick.
    fn sync_write(w: &mut Writable, same: bool) -> WActions {
        assert_eq!(w.write(1.0, true, true), wact::CALL_WRITE);
        assert_eq!(w.onwrite(false), wact::WRITE_SYNC);
        let next = w.after_onwrite(true, same, true);
        w.write_done();
        next
    }
    let mut w = writable(100.0);
    assert_eq!(sync_write(&mut w, false), wact::TICK_INFO_NEW);
    assert!(is_set(&w, wstate::AFTER_WRITE_TICK_INFO | wstate::AFTER_WRITE_PENDING));
    assert_eq!(sync_write(&mut w, true), wact::TICK_INFO_COUNT);
    assert_eq!(sync_write(&mut w, false), wact::TICK_INFO_NEW, "another callback");
    // The tick ran (afterWriteTick clears kAfterWriteTickInfo): the same callback needs a new one.
    assert_eq!(w.after_write(true), WActions::NONE);
    assert!(!is_set(&w, wstate::AFTER_WRITE_TICK_INFO | wstate::AFTER_WRITE_PENDING));
    assert_eq!(sync_write(&mut w, true), wact::TICK_INFO_NEW);
}

#[test]
fn sync_write_without_callback_while_ending_runs_finish_maybe() {
    // onwrite sync, cb === nop, no tick: pendingcb--; `if (kEnding) finishMaybe(stream, state, true)`.
    let mut w = writable(100.0);
    write(&mut w, 1.0, false);
    w.write(1.0, false, true);
    assert_eq!(w.end(false), wact::FINISH_MAYBE);
    assert_eq!(w.finish_maybe(false), WActions::NONE, "still writing");
    // The first write calls back later; the buffered one calls back inside `_write`.
    assert_eq!(w.onwrite(false), wact::CLEAR_BUFFER);
    assert_eq!(w.clear_buffer(false), wact::CONTINUE);
    assert_eq!(w.next_buffered_write(false), wact::CALL_WRITE);
    assert!(w.onwrite(false).intersects(wact::WRITE_SYNC));
    assert_eq!(w.after_onwrite(false, false, true), wact::FINISH_MAYBE);
    assert_eq!(w.buffered_write_done(), WActions::NONE);
    assert_eq!(w.after_onwrite(false, false, false), wact::AFTER_WRITE_NOW, "the first one");
}

// ---- afterWrite / 'drain' ----

#[test]
fn drain_comes_when_the_length_returns_to_0_after_write_returned_false() {
    // afterWrite: (kEnding | kNeedDrain | kDestroyed) === kNeedDrain && length === 0.
    let mut w = writable(4.0);
    assert!(!write(&mut w, 4.0, false));
    assert!(!write(&mut w, 2.0, false), "buffered");
    assert_eq!(w.onwrite(false), wact::CLEAR_BUFFER);
    assert_eq!(w.clear_buffer(false), wact::CONTINUE);
    assert_eq!(w.next_buffered_write(false), wact::CALL_WRITE);
    assert_eq!(w.buffered_write_done(), WActions::NONE);
    assert_eq!(w.after_onwrite(false, false, false), wact::AFTER_WRITE_NOW);
    assert_eq!(w.after_write(false), WActions::NONE, "2 still being written");
    w.callback_due();
    w.after_write_end();
    assert_eq!(complete_async(&mut w, false), wact::EMIT_DRAIN);
    assert!(!is_set(&w, wstate::NEED_DRAIN));
    assert!(!w.need_drain());
    assert_eq!(w.after_write(false), WActions::NONE, "once");
}

#[test]
fn no_drain_without_a_false_write() {
    // kNeedDrain is only set by a write that returned false.
    let mut w = writable(4.0);
    assert!(write(&mut w, 3.0, false));
    assert_eq!(complete_async(&mut w, false), WActions::NONE);
}

#[test]
fn no_drain_once_ending() {
    // afterWrite: kEnding blocks 'drain'; writableNeedDrain is false once ending.
    let mut w = writable(4.0);
    assert!(!write(&mut w, 4.0, false));
    assert!(w.need_drain());
    assert_eq!(w.end(false), wact::FINISH_MAYBE);
    assert!(!w.need_drain());
    assert!(!complete_async(&mut w, false).intersects(wact::EMIT_DRAIN));
}

#[test]
fn after_write_fails_the_buffer_when_destroyed() {
    // afterWrite: kDestroyed → errorBuffer(state).
    let mut w = writable(100.0);
    write(&mut w, 1.0, true);
    w.write(2.0, true, true);
    w.destroy(false);
    assert_eq!(w.onwrite(false), wact::CLEAR_BUFFER);
    assert_eq!(w.clear_buffer(false), WActions::NONE, "destroyed");
    assert_eq!(w.after_onwrite(true, false, false), wact::AFTER_WRITE_NOW);
    w.after_write(false);
    w.callback_due();
    assert_eq!(w.after_write_end(), wact::ERROR_BUFFER);
    assert_eq!(w.length(), 0.0);
}

// ---- errorBuffer / destroy ----

#[test]
fn error_buffer_is_skipped_while_writing() {
    // errorBuffer: `if (kWriting) return`.
    let mut w = writable(100.0);
    write(&mut w, 1.0, true);
    w.write(2.0, true, true);
    assert_eq!(w.error_buffer(), WActions::NONE);
    assert_eq!(w.buffered_count(), 1);
    assert_eq!(w.length(), 3.0);
}

#[test]
fn error_buffer_fails_buffered_writes_and_end_callbacks() {
    // errorBuffer: each buffered callback, length reduced; callFinishedCallbacks; resetBuffer.
    let mut w = writable(100.0);
    w.cork();
    w.write(2.0, true, true);
    w.write(3.0, false, false);
    w.end(false);
    assert_eq!(w.end_callback(), EndCallback::Wait, "kOnFinished");
    assert_eq!(w.error_buffer(), wact::ERROR_BUFFER | wact::FINISHED_CBS);
    assert_eq!(w.length(), 0.0);
    assert_eq!(w.buffered_count(), 0);
    assert!(!is_set(&w, wstate::BUFFERED | wstate::ON_FINISHED));
    assert!(is_set(&w, wstate::ALL_BUFFERS | wstate::ALL_NOOP));
    assert_eq!(w.error_buffer(), WActions::NONE, "nothing left");
}

#[test]
fn destroy_fails_the_buffer_only_when_something_waits() {
    // Writable.prototype.destroy: (kBuffered | kOnFinished) && !kDestroyed → nextTick(errorBuffer).
    let mut w = writable(100.0);
    assert!(!w.destroy_fails_buffer());
    w.cork();
    w.write(1.0, false, true);
    assert!(w.destroy_fails_buffer());
    let mut e = writable(100.0);
    write(&mut e, 1.0, false);
    e.end(false);
    e.end_callback();
    assert!(e.destroy_fails_buffer(), "an end() callback waits");
    w.destroy(false);
    assert!(!w.destroy_fails_buffer(), "already destroyed");
}

// ---- end / finishMaybe / finish ----

#[test]
fn end_starts_ending_once() {
    // end: (kEnding | kErrored) === 0 → kEnding; finishMaybe(sync); kEnded.
    let mut w = writable(100.0);
    assert_eq!(w.end(false), wact::FINISH_MAYBE);
    assert!(is_set(&w, wstate::ENDING));
    assert!(!w.writable());
    w.set_ended();
    assert!(is_set(&w, wstate::ENDED));
    assert_eq!(w.end(false), WActions::NONE, "ending, not finished: nothing");
    assert_eq!(w.end(true), WActions::NONE, "the chunk's write failed: nothing");
}

#[test]
fn end_after_an_error_does_not_start_ending() {
    // end: kErrored skips finishMaybe; the callback then gets the error.
    let mut w = Writable::new(Options { auto_destroy: false, ..options(100.0) }).unwrap();
    w.error_or_destroy(true, false);
    assert_eq!(w.end(false), WActions::NONE);
    assert!(!is_set(&w, wstate::ENDING));
    assert_eq!(w.end_callback(), EndCallback::Errored);
}

#[test]
fn finish_without_final_emits_prefinish_then_finishes_on_a_tick() {
    // finishMaybe: needFinish → prefinish (no _final: kPrefinished, 'prefinish'); pendingcb === 0
    // and sync → pendingcb++, nextTick(needFinish ? finish : pendingcb--).
    let mut w = writable(100.0);
    w.end(false);
    assert_eq!(w.finish_maybe(false), wact::NEED_FINISH | wact::EMIT_PREFINISH);
    assert!(is_set(&w, wstate::PREFINISHED | wstate::FINAL_CALLED));
    assert_eq!(w.finish_maybe_end(true), wact::TICK_FINISH);
    w.set_ended();
    assert_eq!(w.finish_tick(), wact::FINISH_NOW);
    assert_eq!(w.finish(), WActions::NONE);
    assert!(is_set(&w, wstate::FINISHED));
    assert!(w.finished(false));
}

#[test]
fn finish_maybe_not_sync_finishes_now() {
    // finishMaybe(sync false): needFinish → pendingcb++; finish(stream, state).
    let mut w = writable(100.0);
    w.end(false);
    w.finish_maybe(false);
    assert_eq!(w.finish_maybe_end(false), wact::FINISH_NOW);
}

#[test]
fn finish_maybe_waits_for_writes() {
    // needFinish: not while kWriting, kBuffered or length > 0.
    let mut w = writable(100.0);
    write(&mut w, 1.0, false);
    w.end(false);
    assert!(!w.need_finish());
    assert_eq!(w.finish_maybe(true), WActions::NONE);
    assert_eq!(complete_async(&mut w, false), wact::FINISH_MAYBE);
    assert!(w.need_finish());
}

#[test]
fn finish_tick_does_nothing_once_no_longer_due() {
    // The finishMaybe tick: !needFinish → pendingcb--.
    let mut w = writable(100.0);
    assert_eq!(end(&mut w), wact::TICK_FINISH);
    w.destroy(false);
    assert_eq!(w.finish_tick(), WActions::NONE);
    assert!(!is_set(&w, wstate::FINISHED));
}

#[test]
fn finish_maybe_calls_final_once() {
    // prefinish: _final (not destroyed) → kFinalCalled | kSync, pendingcb++; (kPrefinished |
    // kFinalCalled) → nothing more.
    let mut w = writable(100.0);
    w.end(false);
    assert_eq!(w.finish_maybe(true), wact::NEED_FINISH | wact::CALL_FINAL);
    assert!(is_set(&w, wstate::FINAL_CALLED | wstate::SYNC));
    w.final_returned();
    assert!(!is_set(&w, wstate::SYNC));
    assert_eq!(w.finish_maybe_end(true), WActions::NONE, "_final's callback is pending");
    assert_eq!(w.finish_maybe(true), wact::NEED_FINISH, "no second _final");
    assert_eq!(w.finish_maybe_end(true), WActions::NONE);
    // onFinish: pendingcb--; needFinish → kPrefinished, 'prefinish', pendingcb++, nextTick(finish).
    assert_eq!(w.on_final(false), wact::EMIT_PREFINISH | wact::TICK_FINISH_DIRECT);
    assert_eq!(w.finish(), WActions::NONE);
    assert!(w.finished(false));
}

#[test]
fn nothing_finishes_once_destroyed_or_errored() {
    // needFinish: not with kDestroyed, kErrored, kErrorEmitted or kCloseEmitted.
    let mut w = writable(100.0);
    w.end(false);
    w.destroy(false);
    assert!(!w.need_finish());
    assert_eq!(w.finish_maybe(true), WActions::NONE);
    let mut w = Writable::new(Options { auto_destroy: false, ..options(100.0) }).unwrap();
    w.end(false);
    w.error_or_destroy(true, true);
    assert_eq!(w.finish_maybe(true), WActions::NONE);
}

#[test]
fn final_calling_back_inside_itself_still_finishes_on_a_tick() {
    // onFinish inside _final: 'prefinish' now and nextTick(finish); finishMaybe then sees
    // pendingcb 1.
    let mut w = writable(100.0);
    w.end(false);
    assert_eq!(w.finish_maybe(true), wact::NEED_FINISH | wact::CALL_FINAL);
    assert_eq!(w.on_final(false), wact::EMIT_PREFINISH | wact::TICK_FINISH_DIRECT);
    w.final_returned();
    assert_eq!(w.finish_maybe_end(true), WActions::NONE);
    assert_eq!(w.finish(), WActions::NONE);
    assert!(is_set(&w, wstate::FINISHED));
}

#[test]
fn final_callback_twice_is_err_multiple_callback() {
    // onFinish: kPrefinished → errorOrDestroy(err ?? ERR_MULTIPLE_CALLBACK).
    let mut w = writable(100.0);
    w.end(false);
    w.finish_maybe(true);
    w.final_returned();
    w.on_final(false);
    assert_eq!(w.on_final(false), wact::ERR_MULTIPLE_CALLBACK);
    assert_eq!(w.on_final(true), wact::ERR_MULTIPLE_CALLBACK);
}

#[test]
fn final_error_inside_final_is_a_sync_error() {
    // onFinish(err): callFinishedCallbacks(err); errorOrDestroy(err, kSync).
    let mut w = writable(100.0);
    w.end(false);
    assert_eq!(w.end_callback(), EndCallback::Wait);
    w.finish_maybe(true);
    assert_eq!(w.on_final(true), wact::FINISHED_CBS | wact::ERROR_OR_DESTROY | wact::ERROR_SYNC);
    assert!(!is_set(&w, wstate::ON_FINISHED));
}

#[test]
fn final_error_after_final_returned_is_not_sync() {
    let mut w = writable(100.0);
    w.end(false);
    w.finish_maybe(true);
    w.final_returned();
    assert_eq!(w.on_final(true), wact::ERROR_OR_DESTROY);
}

#[test]
fn end_callback_waits_then_sees_finished() {
    // end(cb): kErrored → nextTick(cb, errored); kFinished → nextTick(cb, null); else kOnFinished.
    let mut w = writable(100.0);
    w.end(false);
    assert_eq!(w.end_callback(), EndCallback::Wait);
    assert!(is_set(&w, wstate::ON_FINISHED));
    w.finish_maybe(false);
    w.finish_maybe_end(false);
    // finish: callFinishedCallbacks(state, null) before 'finish'.
    assert_eq!(w.finish(), wact::FINISHED_CBS);
    assert!(!is_set(&w, wstate::ON_FINISHED));
    assert_eq!(w.end_callback(), EndCallback::Finished);
}

#[test]
fn end_again_after_finish_is_err_already_finished() {
    // end: kEnding and kFinished → ERR_STREAM_ALREADY_FINISHED('end').
    let mut w = writable(100.0);
    w.end(false);
    w.finish_maybe(false);
    w.finish_maybe_end(false);
    w.finish();
    assert_eq!(w.end(false), wact::ERR_ALREADY_FINISHED);
}

#[test]
fn end_again_after_destroy_is_err_destroyed() {
    // end: kEnding, not finished, kDestroyed → ERR_STREAM_DESTROYED('end').
    let mut w = writable(100.0);
    write(&mut w, 1.0, false);
    w.end(false);
    w.destroy(false);
    assert_eq!(w.end(false), wact::ERR_DESTROYED);
}

// ---- construct ----

#[test]
fn writes_and_end_wait_for_construct() {
    // writeOrBuffer buffers without kConstructed; needFinish needs it; kOnConstructed:
    // clearBuffer unless writing, finishMaybe when ending.
    let mut w = writable(100.0);
    w.construct_begin();
    assert_eq!(w.write(1.0, true, true), wact::BUFFER | wact::RETURN_TRUE);
    w.end(false);
    assert_eq!(w.finish_maybe(false), WActions::NONE, "not constructed");
    assert_eq!(w.constructed(false), act::CONSTRUCTED_OK);
    assert_eq!(w.on_constructed(), wact::CLEAR_BUFFER | wact::FINISH_MAYBE);
    assert_eq!(w.clear_buffer(false), wact::CONTINUE);
}

// ---- getters ----

#[test]
fn getters_follow_node() {
    // writable: !destroyed && !errored && !ending && !ended && writable !== false.
    let mut w = writable(8.0);
    assert!(w.writable());
    assert!(!w.aborted());
    assert_eq!(w.desired_size(), 8.0);
    end(&mut w);
    assert!(!w.writable());
    assert!(w.finished(true) && !w.finished(false), "ended and empty: lenient only");
    w.destroy(false);
    assert!(w.aborted(), "destroyed before 'finish'");
    // A disabled side (Duplex `writable: false`) starts finished and is never aborted.
    let mut d = writable(8.0);
    d.disable();
    assert!(d.disabled() && !d.writable() && d.finished(false));
    d.destroy(false);
    assert!(!d.aborted());
    // An errored side is never finished.
    let mut e = Writable::new(Options { auto_destroy: false, ..options(8.0) }).unwrap();
    e.end(false);
    e.error_or_destroy(true, false);
    assert!(!e.finished(true));
}

#[test]
fn a_finished_side_stays_finished_when_an_error_follows() {
    // isWritableFinished: `if (stream.writableFinished === true) return true;` comes before
    // `if (wState?.errored) return false;`: finished, then destroyed with an error, is finished.
    let mut w = Writable::new(Options { auto_destroy: false, ..options(8.0) }).unwrap();
    end(&mut w);
    assert_eq!(w.finish_tick(), wact::FINISH_NOW);
    w.finish();
    assert!(w.finished(false));
    w.destroy(true);
    assert!(is_set(&w, state::ERRORED | wstate::FINISHED));
    assert!(w.finished(false), "Node: writableFinished === true wins over errored");
    assert!(w.finished(true));
}

// ---- Stream: both sides ----

fn readable_side(auto_destroy: bool) -> Readable {
    Readable::new(Options { auto_destroy, ..Options::default() }).unwrap()
}

fn duplex() -> Stream {
    Stream { readable: Some(readable_side(true)), writable: Some(writable_default()) }
}

/// The readable side pushed `null` and emitted `'end'` (endReadableNT).
fn end_readable(s: &mut Stream) {
    let r = s.readable.as_mut().unwrap();
    r.push_eof(0.0, false);
    assert_eq!(r.end_tick(), act::EMIT_END);
}

/// The writable side ended and emitted `'finish'`.
fn finish_writable(s: &mut Stream) {
    let w = s.writable.as_mut().unwrap();
    assert_eq!(end(w), wact::TICK_FINISH);
    assert_eq!(w.finish_tick(), wact::FINISH_NOW);
    w.finish();
}

#[test]
fn after_end_without_half_open_ends_the_writable_side() {
    // endReadableNT: stream.writable && allowHalfOpen === false → nextTick(endWritableNT).
    let mut s = duplex();
    end_readable(&mut s);
    assert_eq!(s.after_end(false), AfterEnd::EndWritable);
    assert!(s.end_writable_due());
    assert_eq!(s.after_end(true), AfterEnd::Nothing, "half open: the writable side stays");
}

#[test]
fn end_writable_tick_does_nothing_once_ended_or_destroyed() {
    // endWritableNT: writable && !writableEnded && !destroyed.
    let mut s = duplex();
    s.writable.as_mut().unwrap().end(false);
    assert!(!s.end_writable_due());
    let mut s = duplex();
    s.destroy(false);
    assert!(!s.end_writable_due());
}

#[test]
fn after_end_destroys_only_once_the_writable_side_finished() {
    // endReadableNT: autoDestroy && (!wState || wState.autoDestroy && (finished || writable === false)).
    let mut s = duplex();
    end_readable(&mut s);
    s.writable.as_mut().unwrap().end(false); // ending: no longer `writable`, not finished
    assert_eq!(s.after_end(false), AfterEnd::Nothing);
    let mut s = duplex();
    finish_writable(&mut s);
    end_readable(&mut s);
    assert_eq!(s.after_end(false), AfterEnd::Destroy);
    assert_eq!(s.after_end(true), AfterEnd::Destroy);
    let mut s = duplex();
    s.writable.as_mut().unwrap().disable();
    end_readable(&mut s);
    assert_eq!(s.after_end(true), AfterEnd::Destroy, "writable: false");
    let mut s = Stream { readable: Some(readable_side(true)), writable: None };
    end_readable(&mut s);
    assert_eq!(s.after_end(false), AfterEnd::Destroy, "a plain Readable");
}

#[test]
fn after_end_respects_each_sides_auto_destroy() {
    let mut s = Stream {
        readable: Some(readable_side(true)),
        writable: Some(Writable::new(Options { auto_destroy: false, ..Options::default() }).unwrap()),
    };
    finish_writable(&mut s);
    end_readable(&mut s);
    assert_eq!(s.after_end(true), AfterEnd::Nothing, "the writable side has autoDestroy off");
    let mut s = Stream { readable: Some(readable_side(false)), writable: Some(writable_default()) };
    finish_writable(&mut s);
    end_readable(&mut s);
    assert_eq!(s.after_end(true), AfterEnd::Nothing, "the readable side has autoDestroy off");
}

#[test]
fn after_finish_waits_for_the_readable_side_to_end() {
    // finish: kAutoDestroy && (!rState || rState.autoDestroy && (endEmitted || readable === false)).
    let mut s = duplex();
    finish_writable(&mut s);
    assert!(!s.after_finish(), "'end' not emitted yet");
    end_readable(&mut s);
    assert!(s.after_finish());
    let mut s = duplex();
    s.readable.as_mut().unwrap().disable();
    finish_writable(&mut s);
    assert!(s.after_finish(), "readable: false");
    let mut s = Stream { readable: Some(readable_side(false)), writable: Some(writable_default()) };
    end_readable(&mut s);
    finish_writable(&mut s);
    assert!(!s.after_finish(), "the readable side has autoDestroy off");
    let mut s = Stream { readable: None, writable: Some(writable_default()) };
    finish_writable(&mut s);
    assert!(s.after_finish(), "a plain Writable");
    let mut s = Stream {
        readable: None,
        writable: Some(Writable::new(Options { auto_destroy: false, ..Options::default() }).unwrap()),
    };
    finish_writable(&mut s);
    assert!(!s.after_finish());
}

#[test]
fn stream_onwrite_error_marks_both_sides_errored() {
    // onwrite(er): kErrored on the writable side; `stream._readableState.errored ??= er`.
    let mut s = duplex();
    write(s.writable.as_mut().unwrap(), 1.0, true);
    let out = s.onwrite(true);
    assert_eq!(out, wact::WRITE_ERROR_NOW | wact::SET_ERRORED);
    assert_ne!(s.readable.as_ref().unwrap().state() & state::ERRORED, 0);
    assert_ne!(s.writable.as_ref().unwrap().state() & state::ERRORED, 0);
    // A second call is ERR_MULTIPLE_CALLBACK and touches neither side.
    assert_eq!(s.onwrite(true), wact::ERR_MULTIPLE_CALLBACK);
}

#[test]
fn stream_onwrite_error_reports_a_fresh_readable_error() {
    // The writable side was errored already, the readable side not: the error is still recorded.
    let w = Writable::new(Options { auto_destroy: false, ..options(100.0) }).unwrap();
    let mut s = Stream { readable: Some(readable_side(false)), writable: Some(w) };
    write(s.writable.as_mut().unwrap(), 1.0, true);
    s.writable.as_mut().unwrap().error_or_destroy(true, false);
    assert_eq!(s.readable.as_ref().unwrap().state() & state::ERRORED, 0);
    assert_eq!(s.onwrite(true), wact::WRITE_ERROR_NOW | wact::SET_ERRORED);
    assert_ne!(s.readable.as_ref().unwrap().state() & state::ERRORED, 0);
}

#[test]
fn transform_callback_follows_node() {
    // Transform.prototype._write: rState.ended → nextTick(callback); wState.ended || length
    // unchanged || length < hwm → callback(); else keep it for _read.
    let r = Readable::new(Options { high_water_mark: Some(4.0), ..Options::default() }).unwrap();
    let mut s = Stream { readable: Some(r), writable: Some(writable_default()) };
    assert_eq!(s.transform_callback(0.0), Some(TransformCallback::Now), "length unchanged");
    let r = s.readable.as_mut().unwrap();
    r.push(2.0, 2.0);
    assert_eq!(s.transform_callback(0.0), Some(TransformCallback::Now), "2 < hwm 4");
    s.readable.as_mut().unwrap().push(3.0, 3.0);
    assert_eq!(s.transform_callback(2.0), Some(TransformCallback::Hold), "5 ≥ hwm, grew");
    s.writable.as_mut().unwrap().set_ended();
    assert_eq!(s.transform_callback(2.0), Some(TransformCallback::Now), "writable side ended");
    s.readable.as_mut().unwrap().push_eof(0.0, false);
    assert_eq!(s.transform_callback(2.0), Some(TransformCallback::NextTick), "readable side ended");
    let s = Stream { readable: Some(readable_side(true)), writable: None };
    assert_eq!(s.transform_callback(0.0), None, "not a Transform");
}

/// A stream with a writable side only.
fn writable_stream(w: Writable) -> Stream {
    Stream { readable: None, writable: Some(w) }
}

/// `onwrite_and_after` against the two calls it fuses (`onwrite`, then `after_onwrite` when it
/// runs) on twin streams: the same bits and the same state after.
fn assert_fused_onwrite(mut setup: impl FnMut() -> Stream, error: bool, has_callback: bool, same: bool) -> WActions {
    let mut fused = setup();
    let mut apart = setup();
    let got = fused.onwrite_and_after(error, has_callback, same);
    let mut want = apart.onwrite(error);
    if !error && !want.intersects(wact::ERR_MULTIPLE_CALLBACK | wact::CLEAR_BUFFER) {
        let sync = want.intersects(wact::WRITE_SYNC);
        want |= apart.writable.as_mut().unwrap().after_onwrite(has_callback, same, sync);
    }
    assert_eq!(got, want);
    assert_eq!(fused.snapshot(), apart.snapshot());
    got
}

#[test]
fn a_synchronous_write_callback_is_one_call() {
    // The façade's write(): wr_write, _write calling back inside it (one st_onwrite), write_done.
    let mut s = writable_stream(writable(100.0));
    assert_eq!(s.writable.as_mut().unwrap().write(64.0, false, true), wact::CALL_WRITE);
    // Byte mode, no callback, no drain due: Node's onwrite ends with pendingcb-- and no tick.
    assert_eq!(s.onwrite_and_after(false, false, false), wact::WRITE_SYNC);
    let w = s.writable.as_mut().unwrap();
    assert_eq!(w.write_done(), wact::RETURN_TRUE);
    assert_eq!(w.pending_callbacks(), 0.0);
    assert_eq!(w.length(), 0.0);
    assert!(!is_set(w, wstate::WRITING | wstate::SYNC));
}

#[test]
fn the_fused_onwrite_does_what_onwrite_then_after_onwrite_do() {
    // A write of 8 bytes handed to _write, on a highWaterMark of 100.
    let started = |has_callback: bool| {
        move || {
            let mut s = writable_stream(writable(100.0));
            s.writable.as_mut().unwrap().write(8.0, has_callback, true);
            s
        }
    };
    // Inside _write, byte mode, no callback: no tick.
    assert_eq!(assert_fused_onwrite(started(false), false, false, false), wact::WRITE_SYNC);
    // With a callback: a new afterWriteTick, then counted into it.
    assert_eq!(assert_fused_onwrite(started(true), false, true, false), wact::WRITE_SYNC | wact::TICK_INFO_NEW);
    // Called back later (not inside _write): afterWrite now.
    let later = || {
        let mut s = started(true)();
        s.writable.as_mut().unwrap().write_done();
        s
    };
    assert_eq!(assert_fused_onwrite(later, false, true, false), wact::AFTER_WRITE_NOW);
    // An error: onwrite's bits only.
    assert_eq!(assert_fused_onwrite(started(true), true, true, false), wact::WRITE_ERROR_TICK | wact::SET_ERRORED);
    // Writes wait: onwrite stops at CLEAR_BUFFER (the façade hands them over first).
    let buffered = || {
        let mut s = started(false)();
        s.writable.as_mut().unwrap().write(8.0, true, true);
        s
    };
    assert_eq!(assert_fused_onwrite(buffered, false, false, false), wact::WRITE_SYNC | wact::CLEAR_BUFFER);
    // Called twice.
    let twice = || {
        let mut s = started(false)();
        s.onwrite_and_after(false, false, false);
        s
    };
    assert_eq!(assert_fused_onwrite(twice, false, false, false), wact::ERR_MULTIPLE_CALLBACK);
    // Ending, the last write called back later: afterWrite now (it finishes).
    let ending = || {
        let mut s = started(false)();
        let w = s.writable.as_mut().unwrap();
        w.write_done();
        w.end(false);
        s
    };
    assert_eq!(assert_fused_onwrite(ending, false, false, false), wact::AFTER_WRITE_NOW);
    // Object mode, inside _write: the afterWrite tick Node's `state & kDestroyed` test adds.
    let objects = || {
        let mut s = writable_stream(object_writable());
        s.writable.as_mut().unwrap().write(1.0, false, false);
        s
    };
    assert_eq!(assert_fused_onwrite(objects, false, false, false), wact::WRITE_SYNC | wact::AFTER_WRITE_TICK);
}

#[test]
fn a_transform_callback_is_one_call() {
    // Transform.prototype._write's callback after push: hold, next tick, or now, and then onwrite.
    let transform = |hwm: f64| {
        let r = Readable::new(Options { high_water_mark: Some(hwm), ..Options::default() }).unwrap();
        let mut s = Stream { readable: Some(r), writable: Some(writable_default()) };
        assert_eq!(s.writable.as_mut().unwrap().write(8.0, false, true), wact::CALL_WRITE);
        s
    };
    let writing = |s: &Stream| s.writable.as_ref().unwrap().state() & wstate::WRITING != 0;

    // Room on the readable side: the callback runs now, and it is onwrite, in the same call.
    let mut s = transform(16.0);
    s.readable.as_mut().unwrap().push(8.0, 8.0);
    assert_eq!(s.transform_done(0.0, true, false, false), wact::WRITE_SYNC);
    assert!(!writing(&s));
    assert_eq!(s.writable.as_mut().unwrap().write_done(), wact::RETURN_TRUE);

    // The same decision with a callback that is not the stream's onwrite: nothing ran.
    let mut s = transform(16.0);
    assert_eq!(s.transform_done(0.0, false, false, false), WActions::NONE);
    assert!(writing(&s));

    // Full and grown: held, the write still in flight.
    let mut s = transform(4.0);
    s.readable.as_mut().unwrap().push(8.0, 8.0);
    assert_eq!(s.transform_done(0.0, true, false, false), wact::CALLBACK_HOLD);
    assert!(writing(&s));
    // _read releases it: the façade calls onwrite then (later, not inside _write).
    s.writable.as_mut().unwrap().write_done();
    assert_eq!(s.onwrite_and_after(false, false, false), wact::AFTER_WRITE_NOW);

    // The readable side ended: next tick, nothing else.
    let mut s = transform(16.0);
    s.readable.as_mut().unwrap().push_eof(0.0, false);
    assert_eq!(s.transform_done(0.0, true, false, false), wact::CALLBACK_NEXT_TICK);
    assert!(writing(&s));

    // A callback already called: onwrite's ERR_MULTIPLE_CALLBACK.
    let mut s = transform(16.0);
    s.transform_done(0.0, true, false, false);
    assert_eq!(s.transform_done(0.0, true, false, false), wact::ERR_MULTIPLE_CALLBACK);

    // Not a Transform.
    let mut s = writable_stream(writable_default());
    assert_eq!(s.transform_done(0.0, true, false, false), WActions::NONE);
}

// ---- Lifecycle on a stream with both sides ----

#[test]
fn destroy_sets_both_sides_once() {
    // destroy: already destroyed (either side) → cb only; checkError on w and r; kDestroyed on both.
    let mut s = duplex();
    assert_eq!(s.destroy(true), act::SET_ERRORED | act::CALL_DESTROY);
    for word in [s.readable.as_ref().unwrap().state(), s.writable.as_ref().unwrap().state()] {
        assert_eq!(word & (state::DESTROYED | state::ERRORED), state::DESTROYED | state::ERRORED);
    }
    assert!(s.is_destroyed());
    assert_eq!(s.destroy(true), act::ALREADY, "no second _destroy, so one close tick");
    // onDestroy: kClosed on both.
    assert_eq!(s.destroyed(false), Actions::NONE);
    assert!(s.is_closed());
    for word in [s.readable.as_ref().unwrap().state(), s.writable.as_ref().unwrap().state()] {
        assert_ne!(word & state::CLOSED, 0);
    }
}

#[test]
fn destroy_is_already_when_one_side_is_destroyed() {
    let mut s = duplex();
    s.writable.as_mut().unwrap().destroy(false);
    assert!(!s.is_destroyed(), "Duplex destroyed needs both sides");
    assert_eq!(s.destroy(false), act::ALREADY);
}

#[test]
fn close_and_error_ticks_on_both_sides() {
    // emitCloseNT: kCloseEmitted on both; 'close' when either side has emitClose.
    // emitErrorNT: nothing when either side emitted an error; else kErrorEmitted on both.
    let mut s = duplex();
    s.destroy(true);
    s.destroyed(true);
    assert_eq!(s.error_tick(), act::EMIT_ERROR);
    assert_eq!(s.error_tick(), Actions::NONE, "once");
    assert_eq!(s.close_tick(), act::EMIT_CLOSE);
    for word in [s.readable.as_ref().unwrap().state(), s.writable.as_ref().unwrap().state()] {
        assert_eq!(word & (state::CLOSE_EMITTED | state::ERROR_EMITTED), state::CLOSE_EMITTED | state::ERROR_EMITTED);
    }
    let mut s = Stream {
        readable: Some(Readable::new(Options { emit_close: false, ..Options::default() }).unwrap()),
        writable: Some(writable_default()),
    };
    assert_eq!(s.close_tick(), act::EMIT_CLOSE, "the writable side still has emitClose");
    let mut s = Stream {
        readable: Some(Readable::new(Options { emit_close: false, ..Options::default() }).unwrap()),
        writable: Some(Writable::new(Options { emit_close: false, ..Options::default() }).unwrap()),
    };
    assert_eq!(s.close_tick(), Actions::NONE, "emitClose false on both");
}

#[test]
fn error_tick_is_skipped_when_the_other_side_emitted_one() {
    let mut s = duplex();
    s.readable.as_mut().unwrap().error_tick();
    assert_eq!(s.error_tick(), Actions::NONE);
}

#[test]
fn error_or_destroy_on_both_sides() {
    // errorOrDestroy: destroyed → nothing; r or w autoDestroy → destroy; else errored on both,
    // 'error' now or (sync) on the next tick.
    let mut s = duplex();
    assert_eq!(s.error_or_destroy(true, false), act::DESTROY);
    let no_auto = || {
        let r = readable_side(false);
        let w = Writable::new(Options { auto_destroy: false, ..Options::default() }).unwrap();
        Stream { readable: Some(r), writable: Some(w) }
    };
    let mut s = no_auto();
    assert_eq!(s.error_or_destroy(true, true), act::SET_ERRORED | act::TICK_ERROR);
    for word in [s.readable.as_ref().unwrap().state(), s.writable.as_ref().unwrap().state()] {
        assert_ne!(word & state::ERRORED, 0);
    }
    assert_eq!(s.error_or_destroy(true, false), act::EMIT_ERROR, "already errored: no SET_ERRORED");
    assert_eq!(s.error_or_destroy(true, false), Actions::NONE, "the error was emitted");
    let mut s = no_auto();
    assert_eq!(s.error_or_destroy(false, false), Actions::NONE, "no error: nothing");
    let mut s = no_auto();
    s.writable.as_mut().unwrap().destroy(false);
    assert_eq!(s.error_or_destroy(true, false), Actions::NONE, "destroyed");
    let mut s = Stream { readable: Some(readable_side(true)), writable: no_auto().writable };
    assert_eq!(s.error_or_destroy(true, false), act::DESTROY, "autoDestroy on the readable side");
}

#[test]
fn construct_waits_on_both_sides() {
    // construct: kConstructed off on both; constructNT's callback: kConstructed on both, then
    // the destroy that waited, the error, or both kOnConstructed steps.
    let mut s = duplex();
    s.construct_begin();
    for word in [s.readable.as_ref().unwrap().state(), s.writable.as_ref().unwrap().state()] {
        assert_eq!(word & state::CONSTRUCTED, 0);
    }
    assert_eq!(s.destroy(false), act::WAIT_CONSTRUCT);
    assert_eq!(s.constructed(false), act::WAIT_CONSTRUCT);
    for word in [s.readable.as_ref().unwrap().state(), s.writable.as_ref().unwrap().state()] {
        assert_ne!(word & state::CONSTRUCTED, 0);
    }
    let mut s = duplex();
    s.construct_begin();
    assert_eq!(s.constructed(false), act::CONSTRUCTED_OK);
    let mut s = duplex();
    s.construct_begin();
    assert_eq!(s.constructed(true), act::DESTROY, "errorOrDestroy(err, true) with autoDestroy");
}

#[test]
fn will_emit_close_and_live_sides() {
    // willEmitClose judges `w || r`; isReadableNodeStream / isWritableNodeStream.
    let mut s = duplex();
    assert!(s.will_emit_close());
    assert_eq!(s.live_sides(), 3);
    s.destroy(false);
    s.destroyed(false);
    assert!(!s.will_emit_close(), "closed");
    let mut s = Stream {
        readable: Some(readable_side(true)),
        writable: Some(Writable::new(Options { emit_close: false, ..Options::default() }).unwrap()),
    };
    assert!(!s.will_emit_close(), "the writable side decides");
    s.writable.as_mut().unwrap().disable();
    assert_eq!(s.live_sides(), 1);
}

#[test]
fn live_sides_reads_the_side_flags_only_on_a_duplex() {
    // isReadableNodeStream: `(!obj._writableState || obj._readableState?.readable !== false)`;
    // isWritableNodeStream: `(!obj._readableState || obj._writableState?.writable !== false)`.
    // The compat setters `readable = false` / `writable = false` on a one-sided stream leave it
    // a readable / writable node stream (Node 26: finished() then reports a premature close for
    // such a stream destroyed early; highwater reports success).
    let mut s = Stream { readable: None, writable: Some(writable_default()) };
    s.writable.as_mut().unwrap().set_writable(false);
    assert_eq!(s.live_sides(), 2, "a plain Writable with writable = false");
    let mut s = Stream { readable: Some(readable_side(true)), writable: None };
    s.readable.as_mut().unwrap().set_readable(false);
    assert_eq!(s.live_sides(), 1, "a plain Readable with readable = false");
    let mut s = duplex();
    s.writable.as_mut().unwrap().set_writable(false);
    assert_eq!(s.live_sides(), 1, "on a Duplex the flag counts");
}

// ---- property tests: a simulated façade ----

/// A callback given to `write()`: one of a few functions, so that the same callback may come
/// back (Node batches those into one `afterWriteTick`).
type Fun = u8;

/// What the façade calls as a write's callback.
#[derive(Clone, Debug, PartialEq)]
enum Cb {
    Nop,
    Fun(Fun),
    /// The callback `clearBuffer` makes for `_writev` (a new function each time, numbered):
    /// each buffered write's callback.
    Writev(usize, Vec<Cb>),
}

/// What the simulated `_write`/`_writev` does with its callback.
#[derive(Clone, Copy, Debug)]
enum Sink {
    /// Calls back inside `_write`.
    Sync,
    /// Calls back with an error inside `_write`.
    SyncError,
    /// Keeps the callback for [`Op::Complete`].
    Deferred,
}

/// What the simulated `_final` does with its callback.
#[derive(Clone, Copy, Debug)]
enum Final {
    Sync,
    SyncError,
    Deferred,
}

#[derive(Clone, Debug)]
enum Op {
    Write {
        len: u8,
        cb: Option<Fun>,
    },
    Cork,
    Uncork,
    End {
        chunk: Option<u8>,
        cb: bool,
    },
    Destroy {
        error: bool,
    },
    /// The pending `_write` callback is called, if there is one.
    Complete {
        error: bool,
    },
    /// The last `_write` callback is called again (none is pending).
    Stray,
    /// The pending `_final` callback is called, or the last one again.
    CompleteFinal {
        error: bool,
    },
    Sink(Sink),
    Final(Final),
    Tick,
}

#[derive(Clone, Debug)]
enum Tick {
    /// A write failed at once calls back with the error.
    CallCb(Fun),
    EndCb,
    OnwriteError(Cb),
    AfterWrite,
    /// `afterWriteTick` with the numbered info.
    AfterWriteInfo(usize),
    ErrorBuffer,
    /// The tick `finishMaybe` schedules.
    FinishMaybe,
    Finish,
    Error,
    ErrorClose {
        error: bool,
    },
    /// `constructNT`: `_construct` calls back at once; `onConstruct` runs on the next tick.
    ConstructNT {
        error: bool,
    },
    OnConstruct {
        error: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Event {
    Drain,
    Prefinish,
    Finish,
    Error,
    Close,
}

#[derive(Clone, Copy, Debug)]
struct SimOptions {
    w: Options,
    has_writev: bool,
    has_final: bool,
    /// `_construct`, calling back with an error or not.
    construct: Option<bool>,
}

/// The façade of `js/streams/writable.js` with chunks replaced by their sizes.
struct Sim {
    s: Stream,
    o: SimOptions,
    /// The façade's buffered writes: size and callback.
    buffered: VecDeque<(f64, Cb)>,
    /// The callback of the write in flight (`stream._writecb`).
    writecb: Cb,
    /// The size of what `_write`/`_writev` holds, when it keeps its callback.
    in_flight: Option<f64>,
    sink: Sink,
    final_mode: Final,
    /// `_final` was called and did not call back yet.
    final_pending: bool,
    final_called_back: bool,
    /// afterWriteTick infos (callback, count); `info` is `stream._afterWriteInfo`.
    infos: Vec<(Cb, u32)>,
    info: Option<usize>,
    end_callbacks: Vec<u32>,
    on_finished: Vec<usize>,
    pending_destroy: Option<bool>,
    ticks: VecDeque<Tick>,
    events: Vec<Event>,
    close_ran: bool,
    /// Writes given to `write()` and accepted (not failed at once), per callback function.
    accepted: [u32; 4],
    /// Writes failed at once by `write()` (after end, after destroy), per callback function.
    rejected: [u32; 4],
    /// Calls of each callback function.
    calls: [u32; 4],
    /// Calls of the callbacks of writes failed at once.
    rejected_calls: [u32; 4],
    /// A `write()` returned false since the last `'drain'`.
    false_since_drain: bool,
    /// How many `_writev` callbacks were made.
    writevs: usize,
}

impl Sim {
    fn new(o: SimOptions) -> Sim {
        let mut sim = Sim {
            s: Stream { readable: None, writable: Some(Writable::new(o.w).unwrap()) },
            o,
            buffered: VecDeque::new(),
            writecb: Cb::Nop,
            in_flight: None,
            sink: Sink::Sync,
            final_mode: Final::Sync,
            final_pending: false,
            final_called_back: false,
            infos: Vec::new(),
            info: None,
            end_callbacks: Vec::new(),
            on_finished: Vec::new(),
            pending_destroy: None,
            ticks: VecDeque::new(),
            events: Vec::new(),
            close_ran: false,
            accepted: [0; 4],
            rejected: [0; 4],
            calls: [0; 4],
            rejected_calls: [0; 4],
            false_since_drain: false,
            writevs: 0,
        };
        if let Some(error) = o.construct {
            sim.s.construct_begin();
            sim.ticks.push_back(Tick::ConstructNT { error });
        }
        sim
    }

    fn w(&mut self) -> &mut Writable {
        self.s.writable.as_mut().unwrap()
    }

    fn ws(&self) -> &Writable {
        self.s.writable.as_ref().unwrap()
    }

    fn size(&self, len: f64) -> f64 {
        if self.o.w.object_mode {
            1.0
        } else {
            len
        }
    }

    fn run(&mut self, op: &Op) {
        match *op {
            Op::Write { len, cb } => {
                let cb = cb.map_or(Cb::Nop, Cb::Fun);
                let result = self.write_chunk(len as f64, cb);
                if result == Some(false) {
                    self.false_since_drain = true;
                }
            }
            Op::Cork => self.w().cork(),
            Op::Uncork => self.uncork(),
            Op::End { chunk, cb } => self.end(chunk.map(f64::from), cb),
            Op::Destroy { error } => self.destroy(error),
            Op::Complete { error } => {
                if self.in_flight.is_some() {
                    self.complete(error);
                }
            }
            Op::Stray => {
                if self.in_flight.is_none() {
                    self.onwrite(false);
                }
            }
            Op::CompleteFinal { error } => {
                if self.final_pending || self.final_called_back {
                    self.final_pending = false;
                    self.final_called_back = true;
                    self.on_final(error);
                }
            }
            Op::Sink(sink) => self.sink = sink,
            Op::Final(mode) => self.final_mode = mode,
            Op::Tick => self.tick(),
        }
    }

    fn emit(&mut self, event: Event) {
        assert!(!self.close_ran, "{event:?} after 'close'");
        match event {
            Event::Finish => {
                assert!(!self.events.contains(&Event::Finish), "second 'finish'");
                assert!(self.events.contains(&Event::Prefinish), "'finish' before 'prefinish'");
                assert_eq!(self.calls, self.accepted, "'finish' before every write callback ran");
                assert!(self.on_finished.is_empty(), "'finish' before the end() callbacks");
            }
            Event::Prefinish => assert!(!self.events.contains(&Event::Prefinish), "second 'prefinish'"),
            Event::Drain => {
                assert!(self.false_since_drain, "'drain' without a write that returned false");
                self.false_since_drain = false;
            }
            Event::Error => assert!(!self.events.contains(&Event::Error), "second 'error'"),
            Event::Close => assert!(!self.events.contains(&Event::Close), "second 'close'"),
        }
        self.events.push(event);
    }

    fn call(&mut self, cb: &Cb) {
        match cb {
            Cb::Nop => {}
            Cb::Fun(f) => self.calls[*f as usize] += 1,
            Cb::Writev(_, cbs) => {
                for cb in cbs {
                    self.call(cb);
                }
            }
        }
        for f in 0..4 {
            assert!(self.calls[f] <= self.accepted[f], "callback {f} called more often than given");
        }
    }

    /// The façade's `writeChunk`: what `write()` returns, `None` for an error.
    fn write_chunk(&mut self, len: f64, cb: Cb) -> Option<bool> {
        let has_callback = cb != Cb::Nop;
        let ending = self.ws().state() & wstate::ENDING != 0;
        let actions = self.w().write(len, has_callback, true);
        if actions.intersects(wact::ERR_WRITE_AFTER_END | wact::ERR_DESTROYED) {
            if let Cb::Fun(f) = cb {
                self.rejected[f as usize] += 1;
                self.ticks.push_back(Tick::CallCb(f));
            }
            self.error_or_destroy(true, true);
            return None;
        }
        assert!(!ending, "write accepted while ending");
        if let Cb::Fun(f) = cb {
            self.accepted[f as usize] += 1;
        }
        let more = if actions.intersects(wact::BUFFER) {
            self.buffered.push_back((len, cb));
            actions.intersects(wact::RETURN_TRUE)
        } else {
            assert_eq!(actions, wact::CALL_WRITE);
            self.writecb = cb;
            self.underlying_write(self.size(len));
            self.w().write_done().intersects(wact::RETURN_TRUE)
        };
        assert!(!(more && ending), "write() returned true once ending");
        Some(more)
    }

    /// The simulated `_write`/`_writev` of `size` units.
    fn underlying_write(&mut self, size: f64) {
        match self.sink {
            Sink::Sync => self.onwrite(false),
            Sink::SyncError => self.onwrite(true),
            Sink::Deferred => self.in_flight = Some(size),
        }
    }

    fn complete(&mut self, error: bool) {
        self.in_flight = None;
        self.onwrite(error);
    }

    /// The façade's `onwrite`: one call (`onwrite_and_after`) unless buffered writes go first.
    fn onwrite(&mut self, error: bool) {
        let same = self.info.is_some_and(|i| self.infos[i].0 == self.writecb);
        let actions = self.s.onwrite_and_after(error, self.writecb != Cb::Nop, same);
        if actions.intersects(wact::ERR_MULTIPLE_CALLBACK) {
            self.error_or_destroy(true, false);
            return;
        }
        let cb = std::mem::replace(&mut self.writecb, Cb::Nop);
        if error {
            if actions.intersects(wact::WRITE_ERROR_TICK) {
                self.ticks.push_back(Tick::OnwriteError(cb));
            } else {
                assert!(actions.intersects(wact::WRITE_ERROR_NOW));
                self.onwrite_error(cb);
            }
            return;
        }
        let next = if actions.intersects(wact::CLEAR_BUFFER) {
            self.clear_buffer();
            let same = self.info.is_some_and(|i| self.infos[i].0 == cb);
            let sync = actions.intersects(wact::WRITE_SYNC);
            self.w().after_onwrite(cb != Cb::Nop, same, sync)
        } else {
            actions
        };
        if next.intersects(wact::AFTER_WRITE_TICK) {
            self.ticks.push_back(Tick::AfterWrite);
        } else if next.intersects(wact::TICK_INFO_COUNT) {
            self.infos[self.info.unwrap()].1 += 1;
        } else if next.intersects(wact::TICK_INFO_NEW) {
            self.infos.push((cb, 1));
            self.info = Some(self.infos.len() - 1);
            self.ticks.push_back(Tick::AfterWriteInfo(self.infos.len() - 1));
        } else if next.intersects(wact::AFTER_WRITE_NOW) {
            self.after_write(1, cb, false);
        } else if next.intersects(wact::FINISH_MAYBE) {
            self.finish_maybe(true);
        }
    }

    fn onwrite_error(&mut self, cb: Cb) {
        assert_eq!(self.w().onwrite_error(), wact::ERROR_OR_DESTROY);
        self.call(&cb);
        let actions = self.w().error_buffer();
        self.fail_buffer(actions);
        self.error_or_destroy(true, false);
    }

    /// The façade's `afterWrite`.
    fn after_write(&mut self, count: u32, cb: Cb, from_tick: bool) {
        if self.w().after_write(from_tick).intersects(wact::EMIT_DRAIN) {
            self.emit(Event::Drain);
        }
        for _ in 0..count {
            self.w().callback_due();
            self.call(&cb);
        }
        let actions = self.w().after_write_end();
        self.fail_buffer(actions);
        if actions.intersects(wact::FINISH_MAYBE) {
            self.finish_maybe(true);
        }
    }

    fn fail_buffer(&mut self, actions: WActions) {
        if actions.intersects(wact::ERROR_BUFFER) {
            let waiting: Vec<Cb> = self.buffered.drain(..).map(|(_, cb)| cb).collect();
            for cb in &waiting {
                self.call(cb);
            }
        }
        if actions.intersects(wact::FINISHED_CBS) {
            self.call_finished();
        }
    }

    fn call_finished(&mut self) {
        for i in std::mem::take(&mut self.on_finished) {
            self.end_callbacks[i] += 1;
            assert_eq!(self.end_callbacks[i], 1, "end() callback called twice");
        }
    }

    /// The façade's `clearBuffer`.
    fn clear_buffer(&mut self) {
        let has_writev = self.o.has_writev;
        let actions = self.w().clear_buffer(has_writev);
        if actions.intersects(wact::CALL_WRITEV) {
            let all_noop = self.ws().state() & wstate::ALL_NOOP != 0;
            let entries: Vec<(f64, Cb)> = self.buffered.iter().cloned().collect();
            assert_eq!(all_noop, entries.iter().all(|(_, cb)| *cb == Cb::Nop));
            self.writecb = if all_noop {
                Cb::Nop
            } else {
                self.writevs += 1;
                Cb::Writev(self.writevs, entries.iter().map(|(_, cb)| cb.clone()).collect())
            };
            let size = entries.iter().map(|&(len, _)| self.size(len)).sum();
            self.underlying_write(size);
            self.w().writev_done();
            self.buffered.clear();
            return;
        }
        if !actions.intersects(wact::CONTINUE) {
            return;
        }
        loop {
            let (len, cb) = self.buffered.pop_front().expect("CONTINUE with nothing buffered");
            let next = self.w().next_buffered_write(cb != Cb::Nop);
            self.writecb = cb;
            if next.intersects(wact::ERR_DESTROYED) {
                self.onwrite(true);
            } else {
                assert_eq!(next, wact::CALL_WRITE);
                self.underlying_write(self.size(len));
            }
            if !self.w().buffered_write_done().intersects(wact::CONTINUE) {
                break;
            }
        }
    }

    fn uncork(&mut self) {
        if self.w().uncork().intersects(wact::CLEAR_BUFFER) {
            self.clear_buffer();
        }
    }

    fn end(&mut self, chunk: Option<f64>, has_callback: bool) {
        let mut error = false;
        if let Some(len) = chunk {
            match self.write_chunk(len, Cb::Nop) {
                None => error = true,
                Some(false) => self.false_since_drain = true,
                Some(true) => {}
            }
        }
        if self.w().end_uncork() {
            self.uncork();
        }
        let actions = self.w().end(error);
        if actions.intersects(wact::FINISH_MAYBE) {
            self.finish_maybe(true);
            self.w().set_ended();
        } else if actions.intersects(wact::ERR_ALREADY_FINISHED | wact::ERR_DESTROYED) {
            error = true;
        }
        if has_callback {
            self.end_callbacks.push(0);
            let i = self.end_callbacks.len() - 1;
            if error {
                self.ticks.push_back(Tick::EndCb);
                self.end_callbacks[i] = 1; // called on that tick; counted now
            } else {
                match self.w().end_callback() {
                    EndCallback::Wait => self.on_finished.push(i),
                    _ => {
                        self.ticks.push_back(Tick::EndCb);
                        self.end_callbacks[i] = 1;
                    }
                }
            }
        }
    }

    /// The façade's `finishMaybe`.
    fn finish_maybe(&mut self, sync: bool) {
        let has_final = self.o.has_final;
        let actions = self.w().finish_maybe(has_final);
        if !actions.intersects(wact::NEED_FINISH) {
            return;
        }
        if actions.intersects(wact::CALL_FINAL) {
            assert!(!self.final_pending && !self.final_called_back, "_final called twice");
            match self.final_mode {
                Final::Sync => {
                    self.final_called_back = true;
                    self.on_final(false);
                }
                Final::SyncError => {
                    self.final_called_back = true;
                    self.on_final(true);
                }
                Final::Deferred => self.final_pending = true,
            }
            self.w().final_returned();
        } else if actions.intersects(wact::EMIT_PREFINISH) {
            self.emit(Event::Prefinish);
        }
        let next = self.w().finish_maybe_end(sync);
        if next.intersects(wact::TICK_FINISH) {
            self.ticks.push_back(Tick::FinishMaybe);
        } else if next.intersects(wact::FINISH_NOW) {
            self.finish();
        }
    }

    fn on_final(&mut self, error: bool) {
        let actions = self.w().on_final(error);
        if actions.intersects(wact::ERR_MULTIPLE_CALLBACK) {
            self.error_or_destroy(true, false);
            return;
        }
        if actions.intersects(wact::FINISHED_CBS) {
            self.call_finished();
        }
        if actions.intersects(wact::ERROR_OR_DESTROY) {
            self.error_or_destroy(error, actions.intersects(wact::ERROR_SYNC));
        }
        if actions.intersects(wact::EMIT_PREFINISH) {
            self.emit(Event::Prefinish);
            self.ticks.push_back(Tick::Finish);
        }
    }

    fn finish(&mut self) {
        if self.w().finish().intersects(wact::FINISHED_CBS) {
            self.call_finished();
        }
        self.emit(Event::Finish);
        if self.s.after_finish() {
            self.destroy(false);
        }
    }

    /// `destroy(err)` of `js/streams/writable.js` and `destroyStream` of `js/streams/destroy.js`, with the
    /// default `_destroy` (it calls back at once).
    fn destroy(&mut self, error: bool) {
        if self.w().destroy_fails_buffer() {
            self.ticks.push_back(Tick::ErrorBuffer);
        }
        let actions = self.s.destroy(error);
        if actions.intersects(act::ALREADY) {
            return;
        }
        if actions.intersects(act::WAIT_CONSTRUCT) {
            self.pending_destroy = Some(error);
        } else {
            assert!(actions.intersects(act::CALL_DESTROY));
            self.run_destroy(error);
        }
    }

    fn run_destroy(&mut self, error: bool) {
        self.s.destroyed(error);
        self.ticks.push_back(Tick::ErrorClose { error });
    }

    fn error_or_destroy(&mut self, error: bool, sync: bool) {
        let actions = self.s.error_or_destroy(error, sync);
        if actions.intersects(act::DESTROY) {
            self.destroy(error);
            return;
        }
        if actions.intersects(act::TICK_ERROR) {
            self.ticks.push_back(Tick::Error);
        }
        if actions.intersects(act::EMIT_ERROR) {
            self.emit(Event::Error);
        }
    }

    fn error_tick(&mut self) {
        if self.s.error_tick().intersects(act::EMIT_ERROR) {
            self.emit(Event::Error);
        }
    }

    /// Run the oldest queued tick.
    fn tick(&mut self) {
        let Some(tick) = self.ticks.pop_front() else { return };
        match tick {
            Tick::CallCb(f) => self.rejected_calls[f as usize] += 1,
            Tick::EndCb => {}
            Tick::OnwriteError(cb) => self.onwrite_error(cb),
            Tick::AfterWrite => self.after_write(1, Cb::Nop, false),
            Tick::AfterWriteInfo(i) => {
                self.info = None;
                let (cb, count) = self.infos[i].clone();
                self.after_write(count, cb, true);
            }
            Tick::ErrorBuffer => {
                let actions = self.w().error_buffer();
                self.fail_buffer(actions);
            }
            Tick::FinishMaybe => {
                if self.w().finish_tick().intersects(wact::FINISH_NOW) {
                    self.finish();
                }
            }
            Tick::Finish => self.finish(),
            Tick::Error => self.error_tick(),
            Tick::ErrorClose { error } => {
                if error {
                    self.error_tick();
                }
                if self.s.close_tick().intersects(act::EMIT_CLOSE) {
                    self.emit(Event::Close);
                }
                self.close_ran = true;
            }
            Tick::ConstructNT { error } => self.ticks.push_back(Tick::OnConstruct { error }),
            Tick::OnConstruct { error } => {
                let actions = self.s.constructed(error);
                if actions.intersects(act::WAIT_CONSTRUCT) {
                    let destroy_error = self.pending_destroy.take().expect("no destroy waited");
                    self.run_destroy(error || destroy_error);
                } else if actions.intersects(act::DESTROY) {
                    self.destroy(error);
                } else if actions.intersects(act::CONSTRUCTED_OK) {
                    let next = self.w().on_constructed();
                    if next.intersects(wact::CLEAR_BUFFER) {
                        self.clear_buffer();
                    }
                    if next.intersects(wact::FINISH_MAYBE) {
                        self.finish_maybe(false);
                    }
                } else if actions.intersects(act::TICK_ERROR) {
                    self.ticks.push_back(Tick::Error);
                }
            }
        }
    }

    /// Complete what is pending and run every tick, until nothing is left.
    fn settle(&mut self) {
        for _ in 0..10_000 {
            if self.in_flight.is_some() {
                self.complete(false);
            } else if self.final_pending {
                self.final_pending = false;
                self.final_called_back = true;
                self.on_final(false);
            } else if !self.ticks.is_empty() {
                self.tick();
            } else {
                return;
            }
            self.check();
        }
        panic!("the stream never settles: {:?}", self.ticks);
    }

    fn check(&self) {
        let w = self.ws();
        let buffered: f64 = self.buffered.iter().map(|&(len, _)| self.size(len)).sum();
        let writing = self.in_flight.unwrap_or(0.0);
        assert_eq!(w.length(), buffered + writing, "length vs the writes not called back");
        assert_eq!(w.buffered_count(), self.buffered.len(), "core buffer vs façade buffer");
        assert_eq!(self.in_flight.is_some(), w.state() & wstate::WRITING != 0, "kWriting");
        assert_eq!(w.desired_size(), w.high_water_mark() - w.length());
        assert!(w.length() >= 0.0);
        if w.state() & wstate::FINISHED != 0 {
            assert!(self.events.contains(&Event::Finish) || w.state() & wstate::DISABLED != 0);
        }
    }

    /// Every write callback was called exactly once; each end() callback at most once.
    fn check_all_called_back(&self) {
        assert_eq!(self.calls, self.accepted, "write callbacks");
        assert_eq!(self.rejected_calls, self.rejected, "callbacks of failed writes");
        assert!(self.end_callbacks.iter().all(|&n| n <= 1));
        if self.events.contains(&Event::Finish) {
            assert!(self.on_finished.is_empty(), "end() callbacks left after 'finish'");
        }
    }
}

fn any_options() -> impl Strategy<Value = SimOptions> {
    let hwm = prop_oneof![Just(None), Just(Some(0.0)), (1u8..=40).prop_map(|h| Some(h as f64))];
    let construct = prop_oneof![4 => Just(None), 1 => any::<bool>().prop_map(Some)];
    (hwm, any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), construct).prop_map(
        |(high_water_mark, object_mode, emit_close, auto_destroy, has_writev, has_final, construct)| SimOptions {
            w: Options { high_water_mark, object_mode, emit_close, auto_destroy },
            has_writev,
            has_final,
            construct,
        },
    )
}

fn any_op() -> impl Strategy<Value = Op> {
    let sink = prop_oneof![5 => Just(Sink::Sync), 1 => Just(Sink::SyncError), 5 => Just(Sink::Deferred)];
    let final_mode = prop_oneof![Just(Final::Sync), Just(Final::SyncError), Just(Final::Deferred)];
    prop_oneof![
        10 => (0u8..=20, proptest::option::of(0u8..4)).prop_map(|(len, cb)| Op::Write { len, cb }),
        2 => Just(Op::Cork),
        2 => Just(Op::Uncork),
        1 => (proptest::option::of(0u8..=20), any::<bool>()).prop_map(|(chunk, cb)| Op::End { chunk, cb }),
        1 => any::<bool>().prop_map(|error| Op::Destroy { error }),
        6 => prop_oneof![9 => Just(false), 1 => Just(true)].prop_map(|error| Op::Complete { error }),
        1 => Just(Op::Stray),
        1 => any::<bool>().prop_map(|error| Op::CompleteFinal { error }),
        2 => sink.prop_map(Op::Sink),
        1 => final_mode.prop_map(Op::Final),
        8 => Just(Op::Tick),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Invariants after every operation; once everything pending has run and the stream is
    /// destroyed, every write callback was called exactly once.
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
        sim.settle();
        sim.destroy(false);
        sim.settle();
        sim.check();
        sim.check_all_called_back();
    }

    /// Writes that never fail, while nothing ends the stream: once everything is written, a
    /// write that returned false was followed by 'drain'.
    #[test]
    fn drain_follows_a_false_write(
        options in any_options(),
        ops in proptest::collection::vec(any_op(), 1..80),
    ) {
        let options = SimOptions { construct: options.construct.map(|_| false), ..options };
        let mut sim = Sim::new(options);
        let quiet = |op: &Op| matches!(op, Op::Write { .. } | Op::Cork | Op::Uncork | Op::Tick
            | Op::Complete { error: false } | Op::Sink(Sink::Sync | Sink::Deferred));
        for op in ops.iter().filter(|op| quiet(op)) {
            sim.run(op);
            sim.check();
        }
        while sim.ws().corked() > 0 {
            sim.uncork();
        }
        sim.settle();
        sim.check();
        prop_assert!(!sim.events.contains(&Event::Error));
        prop_assert!(!sim.false_since_drain, "a write returned false and 'drain' never came");
        prop_assert_eq!(sim.calls, sim.accepted);
    }

    /// Writes with `_write` calling back at once or later, then end(): every write is called
    /// back, then 'prefinish', 'finish' and 'close' once each, in that order.
    #[test]
    fn ended_stream_finishes_then_closes(
        options in any_options(),
        writes in proptest::collection::vec((0u8..=20, proptest::option::of(0u8..4), any::<bool>()), 0..20),
        ticks_between in proptest::collection::vec(0usize..3, 20),
    ) {
        let options = SimOptions {
            w: Options { auto_destroy: true, emit_close: true, ..options.w },
            construct: options.construct.map(|_| false),
            ..options
        };
        let mut sim = Sim::new(options);
        for (&(len, cb, deferred), &ticks) in writes.iter().zip(&ticks_between) {
            sim.run(&Op::Sink(if deferred { Sink::Deferred } else { Sink::Sync }));
            sim.run(&Op::Write { len, cb });
            for _ in 0..ticks {
                sim.tick();
            }
            if deferred && ticks == 2 {
                sim.run(&Op::Complete { error: false });
            }
            sim.check();
        }
        sim.run(&Op::End { chunk: None, cb: true });
        sim.settle();
        sim.check();
        sim.check_all_called_back();
        prop_assert_eq!(&sim.events.iter().copied().filter(|e| *e != Event::Drain).collect::<Vec<_>>(),
            &vec![Event::Prefinish, Event::Finish, Event::Close]);
        prop_assert_eq!(&sim.end_callbacks, &vec![1]);
    }
}

// ---- assignments through `_writableState` / the `destroyed` setter ----

#[test]
fn assign_sets_only_assignable_single_bits() {
    let mut w = writable(16.0);
    assert!(w.assign(wstate::PREFINISHED, true));
    assert!(w.state() & wstate::PREFINISHED != 0);
    assert!(w.assign(wstate::PREFINISHED, false));
    assert!(w.state() & wstate::PREFINISHED == 0);
    let before = w.state();
    // Not Node bitmap fields, several bits, no bit: refused, nothing changes.
    assert!(!w.assign(wstate::CORKED, true));
    assert!(!w.assign(wstate::BUFFERED, true));
    assert!(!w.assign(wstate::ENDING | wstate::ENDED, true));
    assert!(!w.assign(0, true));
    assert_eq!(w.state(), before);
}

#[test]
fn assigned_prefinished_skips_prefinish() {
    // Node's prefinish(): nothing when `prefinished` is already set.
    let mut w = writable(16.0);
    w.assign(wstate::PREFINISHED, true);
    w.end(false);
    let r = w.finish_maybe(false);
    assert!(r.intersects(wact::NEED_FINISH));
    assert!(!r.intersects(wact::EMIT_PREFINISH | wact::CALL_FINAL));
}

#[test]
fn assigned_high_water_mark_and_corked() {
    let mut w = writable(16.0);
    assert!(w.set_high_water_mark(2.0));
    assert!(!w.set_high_water_mark(-1.0));
    assert!(!w.set_high_water_mark(f64::NAN));
    assert_eq!(w.high_water_mark(), 2.0);
    assert!(w.write(1.0, false, true).intersects(wact::CALL_WRITE));
    w.write_done();
    assert!(!w.write(1.0, false, true).intersects(wact::RETURN_TRUE), "2 bytes reach the assigned mark");
    // `corked` is a plain count in Node: the bit that holds writes stays as it was.
    w.set_corked(3.7);
    assert_eq!(w.corked(), 3);
    assert!(w.state() & wstate::CORKED == 0);
    w.set_corked(f64::NAN);
    assert_eq!(w.corked(), 0);
}

#[test]
fn set_destroyed_marks_every_side() {
    let mut s = Stream { readable: Some(Readable::new(Options::default()).unwrap()), writable: Some(writable(16.0)) };
    s.set_destroyed(true);
    assert!(s.is_destroyed());
    s.writable.as_mut().unwrap().assign(state::DESTROYED, false);
    assert!(!s.is_destroyed(), "a Duplex is destroyed only when both sides are");
    s.set_destroyed(false);
    assert!(s.readable.as_ref().unwrap().state() & state::DESTROYED == 0);
}
