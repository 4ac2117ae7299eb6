//! The wasm-bindgen layer: free functions over integer handles (cheaper for JS to create and
//! call than exported structs, each of which would be a JS object with a finalizer), numbers in
//! and action bits out. A bad handle, or a call for a side
//! the stream does not have, is answered with 0, false or NaN, never a panic: a panic would kill
//! the instance for every stream on the page.
//!
//! Prefixes: `hw_` process-wide, `st_` the whole stream (lifecycle, rules over both sides), `rd_`
//! the readable side, `wr_` the writable side.

use wasm_bindgen::prelude::*;

use highwater_core::hwm;
use highwater_core::lifecycle::Lifecycle;
use highwater_core::readable::{self, Readable};
use highwater_core::side::{self, Options};
use highwater_core::stream::{AfterEnd, Stream, TransformCallback};
use highwater_core::writable::{self, EndCallback, Writable};

use crate::table::{with_stream, with_table};

/// Option bits of `st_new`, for either side.
pub mod opt {
    pub const OBJECT_MODE: u32 = 1;
    /// `emitClose: false`.
    pub const NO_EMIT_CLOSE: u32 = 2;
    /// `autoDestroy: false`.
    pub const NO_AUTO_DESTROY: u32 = 4;
    /// An `encoding` was given (readable side).
    pub const DECODER: u32 = 8;
    /// `readable: false` / `writable: false` on a duplex.
    pub const DISABLED: u32 = 16;
    /// Start out of sync (Transform's readable side).
    pub const NO_SYNC: u32 = 32;
    /// The side exists.
    pub const PRESENT: u32 = 64;
}

/// The names and values of the core's bits and codes, as `GROUP.NAME=value;…` separated by
/// `|`, read once by the façade so that every value lives in Rust only.
#[wasm_bindgen]
pub fn hw_constants() -> String {
    let list = |group: &str, names: &[(&str, u32)]| {
        names.iter().map(|(n, v)| format!("{group}.{n}={v}")).collect::<Vec<_>>().join(";")
    };
    [
        list("S", &[side::bits::NAMES, readable::state::NAMES].concat()),
        list("A", readable::act::NAMES),
        list("WS", writable::wstate::NAMES),
        list("WA", writable::wact::NAMES),
        list(
            "OPT",
            &[
                ("OBJECT_MODE", opt::OBJECT_MODE),
                ("NO_EMIT_CLOSE", opt::NO_EMIT_CLOSE),
                ("NO_AUTO_DESTROY", opt::NO_AUTO_DESTROY),
                ("DECODER", opt::DECODER),
                ("DISABLED", opt::DISABLED),
                ("NO_SYNC", opt::NO_SYNC),
                ("PRESENT", opt::PRESENT),
            ],
        ),
        list("AFTER_END", AfterEnd::NAMES),
        list("TRANSFORM_CB", TransformCallback::NAMES),
        list("END_CB", EndCallback::NAMES),
    ]
    .join("|")
}

/// Install the panic hook that prints Rust panics to the console (feature-gated debug aid).
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// Whether `value` is a valid `highWaterMark` option.
#[wasm_bindgen]
pub fn hw_valid_hwm(value: f64) -> bool {
    hwm::is_valid(value)
}

/// `getDefaultHighWaterMark(objectMode)`.
#[wasm_bindgen]
pub fn hw_default_hwm(object_mode: bool) -> f64 {
    hwm::default_high_water_mark(object_mode)
}

/// `setDefaultHighWaterMark(objectMode, value)`; false for an out-of-range value.
#[wasm_bindgen]
pub fn hw_set_default_hwm(object_mode: bool, value: f64) -> bool {
    hwm::set_default_high_water_mark(object_mode, value)
}

/// How many stream cores are live (created and not yet freed): a leak check's figure.
#[wasm_bindgen]
pub fn hw_live_streams() -> u32 {
    with_table(|table| table.len() as u32)
}

/// The wasm memory's size in bytes (it grows and never shrinks): a leak check's figure.
#[wasm_bindgen]
pub fn hw_memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return (core::arch::wasm32::memory_size(0) * 65536) as f64;
    #[cfg(not(target_arch = "wasm32"))]
    return 0.0;
}

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

/// Put a retired core back: its new handle, or 0 when `words` are not a snapshot (or the table
/// is full).
#[wasm_bindgen]
pub fn st_restore(words: &[f64]) -> u32 {
    match Stream::restore(words) {
        Some(stream) => with_table(|table| table.insert(stream)),
        None => 0,
    }
}

/// A core answer as an export hands it to JS: a plain number or boolean.
trait IntoJs {
    type Js;
    fn into_js(self) -> Self::Js;
}

macro_rules! into_js {
    ($($ty:ty => $js:ty, |$v:ident| $e:expr;)*) => {
        $(impl IntoJs for $ty {
            type Js = $js;
            fn into_js(self) -> $js {
                let $v = self;
                $e
            }
        })*
    };
}

into_js! {
    u32 => u32, |v| v;
    f64 => f64, |v| v;
    bool => bool, |v| v;
    readable::Actions => u32, |v| v.bits();
    writable::WActions => u32, |v| v.bits();
    AfterEnd => u32, |v| v as u32;
    EndCallback => u32, |v| v as u32;
    Option<TransformCallback> => u32, |v| v.map_or(0, |code| code as u32);
}

// The export macros take each doc as a plain string: a `///` comment passed through a macro
// becomes a raw string (`r" …"`), which wasm-bindgen copies as is into the JS glue's comments.

/// Exports over the whole stream: `"doc" fn name(args) -> ret = answer without a stream, |s| body;`.
macro_rules! stream_fns {
    ($( $doc:literal fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty = $missing:expr, |$s:ident| $body:expr; )*) => {
        $(
            #[doc = $doc]
            #[wasm_bindgen]
            pub fn $name(h: u32 $(, $arg: $ty)*) -> $ret {
                with_stream(h, $missing, |$s| IntoJs::into_js($body))
            }
        )*
    };
}

/// Exports over one side (`readable` or `writable`), answering `missing` when the stream lacks it.
macro_rules! side_fns {
    ($side:ident; $( $doc:literal fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty = $missing:expr, |$r:ident| $body:expr; )*) => {
        $(
            #[doc = $doc]
            #[wasm_bindgen]
            pub fn $name(h: u32 $(, $arg: $ty)*) -> $ret {
                with_stream(h, $missing, |s| match s.$side.as_mut() {
                    Some($r) => IntoJs::into_js($body),
                    None => $missing,
                })
            }
        )*
    };
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
    "`onwrite(err)`."
    fn st_onwrite(has_error: bool) -> u32 = 0, |s| s.onwrite(has_error);
    "A Transform's callback decision."
    fn st_transform_callback(length_before: f64) -> u32 = 0, |s| s.transform_callback(length_before);
    "The `destroyed` setter: Node sets (or clears) `destroyed` on every side's state."
    fn st_set_destroyed(destroyed: bool) -> u32 = 0, |s| { s.set_destroyed(destroyed); 0 };
}

side_fns! { readable;
    "The state word."
    fn rd_state() -> u32 = 0, |r| r.state();
    "Buffered length."
    fn rd_length() -> f64 = f64::NAN, |r| r.length();
    "Current `highWaterMark`."
    fn rd_hwm() -> f64 = f64::NAN, |r| r.high_water_mark();
    "Set the `highWaterMark` (a web strategy's); false when invalid."
    fn rd_set_hwm(value: f64) -> bool = false, |r| r.set_high_water_mark(value);
    "`push` of a non-null chunk."
    fn rd_push(raw_len: f64, len: f64) -> u32 = 0, |r| r.push(raw_len, len);
    "The checks of `push` before a decoder sees the chunk."
    fn rd_push_to_decoder() -> u32 = 0, |r| r.push_to_decoder();
    "`unshift` of a non-null chunk."
    fn rd_unshift(len: f64) -> u32 = 0, |r| r.unshift(len);
    "`push(null)`."
    fn rd_push_eof(tail_len: f64, readable_listeners: bool) -> u32 = 0, |r| r.push_eof(tail_len, readable_listeners);
    "`read(n)` up to `_read`."
    fn rd_read(n: f64) -> u32 = 0, |r| r.read(n);
    "`read(n)` after `_read`."
    fn rd_read_after_read(n: f64) -> u32 = 0, |r| r.read_after_read(n);
    "The `emitReadable_` tick."
    fn rd_readable_tick() -> u32 = 0, |r| r.readable_tick();
    "After `'readable'` listeners ran."
    fn rd_after_readable_tick(emitted: bool) -> u32 = 0, |r| r.after_readable_tick(emitted);
    "After push's `'data'` listeners ran: read more, and push's answer."
    fn rd_after_data() -> u32 = 0, |r| r.after_data();
    "One turn of the `maybeReadMore_` loop."
    fn rd_read_more_wanted() -> bool = false, |r| r.read_more_wanted();
    "End of the `maybeReadMore_` loop."
    fn rd_read_more_done() -> u32 = 0, |r| { r.read_more_done(); 0 };
    "The `endReadableNT` tick."
    fn rd_end_tick() -> u32 = 0, |r| r.end_tick();
    "`setEncoding` with the re-decoded queue length."
    fn rd_set_encoding(len: f64) -> u32 = 0, |r| { r.set_encoding(len); 0 };
    "A `'data'` listener was added."
    fn rd_on_data(readable_listeners: bool) -> u32 = 0, |r| r.on_data(readable_listeners);
    "The last `'data'` listener was removed."
    fn rd_off_data() -> u32 = 0, |r| { r.off_data(); 0 };
    "A `'readable'` listener was added."
    fn rd_on_readable() -> u32 = 0, |r| r.on_readable();
    "The tick after `'readable'` listeners were removed."
    fn rd_update_readable_listening(readable_listeners: bool) -> u32 = 0, |r| r.update_readable_listening(readable_listeners);
    "`resume()`."
    fn rd_resume() -> u32 = 0, |r| r.resume();
    "The `resume_` tick."
    fn rd_resume_tick() -> u32 = 0, |r| r.resume_tick();
    "Clear the resume-scheduled mark."
    fn rd_resume_scheduled_done() -> u32 = 0, |r| { r.resume_scheduled_done(); 0 };
    "The last step of the `resume_` tick."
    fn rd_resume_tick_end() -> u32 = 0, |r| r.resume_tick_end();
    "`pause()`."
    fn rd_pause() -> u32 = 0, |r| r.pause();
    "`isPaused()`."
    fn rd_is_paused() -> bool = false, |r| r.is_paused();
    "A readable side's on-constructed step."
    fn rd_on_constructed() -> u32 = 0, |r| r.on_constructed();
    "Whether `flow()` keeps reading."
    fn rd_is_flowing() -> bool = false, |r| r.is_flowing();
    "The `readableFlowing` setter: -1 null, 0 false, 1 true."
    fn rd_set_flowing(value: i32) -> u32 = 0, |r| { r.set_flowing(if value < 0 { None } else { Some(value != 0) }); 0 };
    "Node's `isReadableFinished(stream, !lenient)`."
    fn rd_finished(lenient: bool) -> bool = false, |r| r.finished(lenient);
    "The `readable` setter."
    fn rd_set_readable(readable: bool) -> u32 = 0, |r| { r.set_readable(readable); 0 };
    "`readableAborted`."
    fn rd_aborted() -> bool = false, |r| r.aborted();
    "The `readable` getter."
    fn rd_readable() -> bool = false, |r| r.readable();
    "How many units the last `TAKE_N` took."
    fn rd_taken() -> f64 = 0.0, |r| r.taken();
    "`desiredSize` as the web side sees it."
    fn rd_desired_size() -> f64 = f64::NAN, |r| r.desired_size();
    "An assignment to a bit field of `_readableState`; false when `bit` is not one."
    fn rd_assign(bit: u32, on: bool) -> bool = false, |r| r.assign(bit, on);
}

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
    "A web producer queued (`delta > 0`) or handed over (`delta < 0`) `delta` units; NaN clears."
    fn wr_web_queue(delta: f64) -> u32 = 0, |w| { w.web_queue(if delta.is_nan() { None } else { Some(delta) }); 0 };
    "`write()` of `len` units."
    fn wr_write(len: f64, has_callback: bool, is_buffer: bool) -> u32 = 0, |w| w.write(len, has_callback, is_buffer);
    "`_write` returned."
    fn wr_write_done() -> u32 = 0, |w| w.write_done();
    "The rest of a successful `onwrite`."
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
    "Hand the oldest buffered write over."
    fn wr_next_buffered_write(has_callback: bool) -> u32 = 0, |w| w.next_buffered_write(has_callback);
    "A buffered write was handed over."
    fn wr_buffered_write_done() -> u32 = 0, |w| w.buffered_write_done();
    "`cork()`."
    fn wr_cork() -> u32 = 0, |w| { w.cork(); 0 };
    "`uncork()`."
    fn wr_uncork() -> u32 = 0, |w| w.uncork();
    "`end()`: undo every cork."
    fn wr_end_uncork() -> u32 = 0, |w| w.end_uncork();
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
