//! `wr_` exports: the writable side.

use wasm_bindgen::prelude::*;

side_fns! { writable;
    "The writable state word."
    fn wr_state() -> u32 = 0, |w| w.state();
    "`writableLength`."
    fn wr_length() -> f64 = f64::NAN, |w| w.length();
    "`writableHighWaterMark`."
    fn wr_hwm() -> f64 = f64::NAN, |w| w.high_water_mark();
    "Node's `pendingcb`."
    fn wr_pending_callbacks() -> f64 = f64::NAN, |w| w.pending_callbacks();
    "`writableCorked`."
    fn wr_corked() -> u32 = 0, |w| w.corked();
    "`desiredSize` as a web producer sees it."
    fn wr_desired_size() -> f64 = f64::NAN, |w| w.desired_size();
    "A web producer queued (`delta > 0`) or handed over (`delta < 0`) `delta` units; NaN clears. The length after."
    fn wr_web_queue(delta: f64) -> f64 = f64::NAN, |w| { w.web_queue(if delta.is_nan() { None } else { Some(delta) }); w.length() };
    "`writableLength`, or -1 once errored: how a write handed over by `Writable.toWeb` went, in one call."
    fn wr_web_length() -> f64 = f64::NAN, |w| if w.state() & highwater_core::side::bits::ERRORED != 0 { -1.0 } else { w.length() };
    "`_write` returned."
    fn wr_write_done() -> u32 = 0, |w| w.write_done();
    "The rest of a successful `onwrite`, after `clearBuffer`."
    fn wr_after_onwrite(has_callback: bool, same_tick_callback: bool, sync: bool) -> u32 = 0, |w| w.after_onwrite(has_callback, same_tick_callback, sync);
    "`onwriteError`."
    fn wr_onwrite_error() -> u32 = 0, |w| w.onwrite_error();
    "`afterWrite`, first part."
    fn wr_after_write(from_tick: bool) -> u32 = 0, |w| w.after_write(from_tick);
    "A pending callback is about to be called."
    fn wr_callback_due() -> u32 = 0, |w| { w.callback_due(); 0 };
    "`afterWrite`, last part."
    fn wr_after_write_end() -> u32 = 0, |w| w.after_write_end();
    "`errorBuffer`."
    fn wr_error_buffer() -> u32 = 0, |w| w.error_buffer();
    "Whether `destroy()` schedules an `errorBuffer`."
    fn wr_destroy_fails_buffer() -> bool = false, |w| w.destroy_fails_buffer();
    "`clearBuffer`."
    fn wr_clear_buffer(has_writev: bool) -> u32 = 0, |w| w.clear_buffer(has_writev);
    "`_writev` returned."
    fn wr_writev_done() -> u32 = 0, |w| { w.writev_done(); 0 };
    "A buffered write was handed over."
    fn wr_buffered_write_done() -> u32 = 0, |w| w.buffered_write_done();
    "`cork()`."
    fn wr_cork() -> u32 = 0, |w| { w.cork(); 0 };
    "`uncork()`."
    fn wr_uncork() -> u32 = 0, |w| w.uncork();
    "`end()`: whether to undo every cork (call `uncork()`)."
    fn wr_end_uncork() -> bool = false, |w| w.end_uncork();
    "`end()`."
    fn wr_end(write_failed: bool) -> u32 = 0, |w| w.end(write_failed);
    "`end()` ran `finishMaybe`."
    fn wr_set_ended() -> u32 = 0, |w| { w.set_ended(); 0 };
    "What `end(cb)` does with `cb`."
    fn wr_end_callback() -> u32 = 0, |w| w.end_callback();
    "`finishMaybe`, first part."
    fn wr_finish_maybe(has_final: bool) -> u32 = 0, |w| w.finish_maybe(has_final);
    "`_final` returned."
    fn wr_final_returned() -> u32 = 0, |w| { w.final_returned(); 0 };
    "`finishMaybe`, last part."
    fn wr_finish_maybe_end(sync: bool) -> u32 = 0, |w| w.finish_maybe_end(sync);
    "The finish tick."
    fn wr_finish_tick() -> u32 = 0, |w| w.finish_tick();
    "`finish`."
    fn wr_finish() -> u32 = 0, |w| w.finish();
    "`_final`'s callback."
    fn wr_on_final(has_error: bool) -> u32 = 0, |w| w.on_final(has_error);
    "A writable side's on-constructed step."
    fn wr_on_constructed() -> u32 = 0, |w| w.on_constructed();
    "The `writable` getter."
    fn wr_writable() -> bool = false, |w| w.writable();
    "`writableNeedDrain`."
    fn wr_need_drain() -> bool = false, |w| w.need_drain();
    "Node's `isWritableFinished(stream, !lenient)`."
    fn wr_finished(lenient: bool) -> bool = false, |w| w.finished(lenient);
    "The `writable` setter."
    fn wr_set_writable(writable: bool) -> u32 = 0, |w| { w.set_writable(writable); 0 };
    "`writableAborted`."
    fn wr_aborted() -> bool = false, |w| w.aborted();
    "An assignment to a bit field of `_writableState`; false when `bit` is not one."
    fn wr_assign(bit: u32, on: bool) -> bool = false, |w| w.assign(bit, on);
    "An assignment to `_writableState.highWaterMark`; false when refused."
    fn wr_set_hwm(value: f64) -> bool = false, |w| w.set_high_water_mark(value);
    "An assignment to `_writableState.corked`."
    fn wr_set_corked(value: f64) -> u32 = 0, |w| { w.set_corked(value); 0 };
}
