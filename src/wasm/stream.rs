//! `st_` exports: create, free, retire and restore a stream, and the rules over both its sides.

use wasm_bindgen::prelude::*;

use highwater_core::lifecycle::Lifecycle;
use highwater_core::readable::Readable;
use highwater_core::side::Options;
use highwater_core::stream::Stream;
use highwater_core::writable::Writable;

use super::opt;
use crate::table::with_table;

/// Create a stream with the sides whose option bits include `PRESENT`; a `hwm` of NaN takes the
/// default. Returns 0 for a bad `highWaterMark` (check with `hw_valid_hwm` first) or when the
/// table is full (the constructor then throws).
#[wasm_bindgen]
pub fn st_new(r_hwm: f64, r_options: u32, w_hwm: f64, w_options: u32) -> u32 {
    let mut stream = Stream::default();
    if r_options & opt::PRESENT != 0 {
        let Ok(mut r) = Readable::new(options(r_hwm, r_options)) else { return 0 };
        if r_options & opt::DECODER != 0 {
            // An `encoding` option: Node's setEncoding before anything was queued.
            r.set_encoding(0.0);
        }
        if r_options & opt::DISABLED != 0 {
            r.disable();
        }
        if r_options & opt::NO_SYNC != 0 {
            r.clear_sync();
        }
        stream.readable = Some(r);
    }
    if w_options & opt::PRESENT != 0 {
        let Ok(mut w) = Writable::new(options(w_hwm, w_options)) else { return 0 };
        if w_options & opt::DISABLED != 0 {
            w.disable();
        }
        stream.writable = Some(w);
    }
    with_table(|table| table.insert(stream))
}

/// A side's options from `st_new`'s arguments.
fn options(hwm: f64, bits: u32) -> Options {
    Options {
        high_water_mark: (!hwm.is_nan()).then_some(hwm),
        object_mode: bits & opt::OBJECT_MODE != 0,
        emit_close: bits & opt::NO_EMIT_CLOSE == 0,
        auto_destroy: bits & opt::NO_AUTO_DESTROY == 0,
    }
}

/// Release a stream; false when `h` was not live.
#[wasm_bindgen]
pub fn st_free(h: u32) -> bool {
    with_table(|table| table.remove(h))
}

/// Move a closed stream's core out of the table: its state as numbers (for [`st_restore`]), and
/// the handle is freed. Empty when `h` is not live.
#[wasm_bindgen]
pub fn st_retire(h: u32) -> Vec<f64> {
    with_table(|table| {
        let words = table.get_mut(h).map_or_else(Vec::new, |s| s.snapshot());
        table.remove(h);
        words
    })
}

/// Free a restored core whose state is still `words`, the snapshot it was restored from: true
/// when it was (the façade keeps `words`, and makes no new array); false, and nothing freed,
/// when the state changed or `h` is not live.
#[wasm_bindgen]
pub fn st_retire_unchanged(h: u32, words: &[f64]) -> bool {
    with_table(|table| {
        let unchanged = table.get_mut(h).is_some_and(|s| s.snapshot() == words);
        unchanged && table.remove(h)
    })
}

/// Put a retired core back: its new handle, or 0 when `words` are not a snapshot (or the table
/// is full).
#[wasm_bindgen]
pub fn st_restore(words: &[f64]) -> u32 {
    match Stream::restore(words) {
        Some(stream) => with_table(|table| table.insert(stream)),
        None => 0,
    }
}

stream_fns! {
    "`destroy(err)`."
    fn st_destroy(has_error: bool) -> u32 = 0, |s| s.destroy(has_error);
    "`_destroy`'s callback."
    fn st_destroyed(has_error: bool) -> u32 = 0, |s| s.destroyed(has_error);
    "The `'error'` emission."
    fn st_error_tick() -> u32 = 0, |s| s.error_tick();
    "The `'close'` emission."
    fn st_close_tick() -> u32 = 0, |s| s.close_tick();
    "`errorOrDestroy(err, sync)`."
    fn st_error_or_destroy(has_error: bool, sync: bool) -> u32 = 0, |s| s.error_or_destroy(has_error, sync);
    "`_construct` is about to be called."
    fn st_construct_begin() -> u32 = 0, |s| { s.construct_begin(); 0 };
    "`_construct`'s callback."
    fn st_constructed(has_error: bool) -> u32 = 0, |s| s.constructed(has_error);
    "The `destroyed` getter."
    fn st_is_destroyed() -> bool = false, |s| s.is_destroyed();
    "Node's `willEmitClose`."
    fn st_will_emit_close() -> bool = false, |s| s.will_emit_close();
    "Live sides: 1 readable, 2 writable."
    fn st_live_sides() -> u32 = 0, |s| s.live_sides();
    "Whether the stream has closed."
    fn st_is_closed() -> bool = false, |s| s.is_closed();
    "What follows `'end'`."
    fn st_after_end(allow_half_open: bool) -> u32 = 0, |s| s.after_end(allow_half_open);
    "Whether the end-writable tick calls `end()`."
    fn st_end_writable_due() -> bool = false, |s| s.end_writable_due();
    "Whether to destroy after `'finish'`."
    fn st_after_finish() -> bool = false, |s| s.after_finish();
    "`onwrite(err)`, and the rest of it (`after_onwrite`) when no buffered write is due."
    fn st_onwrite(has_error: bool, has_callback: bool, same_tick_callback: bool) -> u32 = 0, |s| s.onwrite_and_after(has_error, has_callback, same_tick_callback);
    "A Transform's callback: what becomes of the write's callback, and its `onwrite` when due now."
    fn st_transform_callback(own_onwrite: bool, has_callback: bool, same_tick_callback: bool) -> u32 = 0, |s| s.transform_done(s.transform_length_before(), own_onwrite, has_callback, same_tick_callback);
    "`write()` of `len` units on the writable side (noting the readable length, for a Transform)."
    fn wr_write(len: f64, has_callback: bool, is_buffer: bool) -> u32 = 0, |s| s.write(len, has_callback, is_buffer);
    "Hand the oldest buffered write over (noting the readable length, as `wr_write`)."
    fn wr_next_buffered_write(has_callback: bool) -> u32 = 0, |s| s.next_buffered_write(has_callback);
    "The `destroyed` setter: Node sets (or clears) `destroyed` on every side's state."
    fn st_set_destroyed(destroyed: bool) -> u32 = 0, |s| { s.set_destroyed(destroyed); 0 };
}
