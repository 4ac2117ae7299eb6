//! The wasm-bindgen layer: free functions over integer handles (cheaper to create than exported
//! structs, see BOUNDARY.md), numbers in and action bits out. A bad handle is answered with 0 or
//! NaN, never a panic: a panic would kill the instance for every stream on the page.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::hwm;
use crate::readable::{self, Options, Readable};
use crate::table::Table;

thread_local! {
    static READABLES: RefCell<Table<Readable>> = RefCell::new(Table::default());
}

/// Run `f` on the readable behind `h`, or answer `missing`.
fn with<R>(h: u32, missing: R, f: impl FnOnce(&mut Readable) -> R) -> R {
    READABLES.with(|t| match t.borrow_mut().get_mut(h) {
        Some(r) => f(r),
        None => missing,
    })
}

/// Option bits of `rd_new`.
pub const OPT_OBJECT_MODE: u32 = 1;
/// `emitClose: false`.
pub const OPT_NO_EMIT_CLOSE: u32 = 2;
/// `autoDestroy: false`.
pub const OPT_NO_AUTO_DESTROY: u32 = 4;
/// An `encoding` was given.
pub const OPT_DECODER: u32 = 8;

/// Install the panic hook that prints Rust panics to the console (feature-gated debug aid).
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// The names and values of the state and action bits, as `S.NAME=value;…|A.NAME=value;…`,
/// read once by the façade so that the bit values live in Rust only.
#[wasm_bindgen]
pub fn hw_constants() -> String {
    let list = |names: &[(&str, u32)]| {
        names.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join(";")
    };
    format!("{}|{}", list(readable::STATE_NAMES), list(readable::ACTION_NAMES))
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

/// Create a readable core; `hwm` NaN takes the default. Returns 0 for a bad `highWaterMark`.
#[wasm_bindgen]
pub fn rd_new(hwm: f64, options: u32) -> u32 {
    let options = Options {
        high_water_mark: (!hwm.is_nan()).then_some(hwm),
        object_mode: options & OPT_OBJECT_MODE != 0,
        emit_close: options & OPT_NO_EMIT_CLOSE == 0,
        auto_destroy: options & OPT_NO_AUTO_DESTROY == 0,
        decoder: options & OPT_DECODER != 0,
    };
    match Readable::new(options) {
        Ok(r) => READABLES.with(|t| t.borrow_mut().insert(r)),
        Err(_) => 0,
    }
}

/// Release a readable core; false when `h` was not live.
#[wasm_bindgen]
pub fn rd_free(h: u32) -> bool {
    READABLES.with(|t| t.borrow_mut().remove(h))
}

macro_rules! readable_fns {
    ($( $(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty = $missing:expr, |$r:ident| $body:expr; )*) => {
        $(
            $(#[$doc])*
            #[wasm_bindgen]
            pub fn $name(h: u32 $(, $arg: $ty)*) -> $ret {
                with(h, $missing, |$r| $body)
            }
        )*
    };
}

readable_fns! {
    /// The state word.
    fn rd_state() -> u32 = 0, |r| r.state();
    /// Buffered length.
    fn rd_length() -> f64 = f64::NAN, |r| r.length();
    /// Current `highWaterMark`.
    fn rd_hwm() -> f64 = f64::NAN, |r| r.high_water_mark();
    /// `push` of a non-null chunk.
    fn rd_push(raw_len: f64, len: f64) -> u32 = 0, |r| r.push(raw_len, len);
    /// `unshift` of a non-null chunk.
    fn rd_unshift(len: f64) -> u32 = 0, |r| r.unshift(len);
    /// `push(null)`.
    fn rd_push_eof(tail_len: f64, readable_listeners: bool) -> u32 = 0, |r| r.push_eof(tail_len, readable_listeners);
    /// `read(n)` up to `_read`.
    fn rd_read(n: f64) -> u32 = 0, |r| r.read(n);
    /// `read(n)` after `_read`.
    fn rd_read_after_read(n: f64) -> u32 = 0, |r| r.read_after_read(n);
    /// The `emitReadable_` tick.
    fn rd_readable_tick() -> u32 = 0, |r| r.readable_tick();
    /// After `'readable'` listeners ran.
    fn rd_after_readable_tick(emitted: bool) -> u32 = 0, |r| r.after_readable_tick(emitted);
    /// `maybeReadMore`.
    fn rd_maybe_read_more() -> u32 = 0, |r| r.maybe_read_more();
    /// One turn of the `maybeReadMore_` loop.
    fn rd_read_more_wanted() -> bool = false, |r| r.read_more_wanted();
    /// End of the `maybeReadMore_` loop.
    fn rd_read_more_done() -> u32 = 0, |r| { r.read_more_done(); 0 };
    /// The `endReadableNT` tick.
    fn rd_end_tick() -> u32 = 0, |r| r.end_tick();
    /// `setEncoding` with the re-decoded queue length.
    fn rd_set_encoding(len: f64) -> u32 = 0, |r| { r.set_encoding(len); 0 };
    /// A `'data'` listener was added.
    fn rd_on_data(readable_listeners: bool) -> u32 = 0, |r| r.on_data(readable_listeners);
    /// The last `'data'` listener was removed.
    fn rd_off_data() -> u32 = 0, |r| { r.off_data(); 0 };
    /// A `'readable'` listener was added.
    fn rd_on_readable() -> u32 = 0, |r| r.on_readable();
    /// The tick after `'readable'` listeners were removed.
    fn rd_update_readable_listening(readable_listeners: bool) -> u32 = 0, |r| r.update_readable_listening(readable_listeners);
    /// `resume()`.
    fn rd_resume() -> u32 = 0, |r| r.resume();
    /// The `resume_` tick.
    fn rd_resume_tick() -> u32 = 0, |r| r.resume_tick();
    /// Clear the resume-scheduled mark.
    fn rd_resume_scheduled_done() -> u32 = 0, |r| { r.resume_scheduled_done(); 0 };
    /// The last step of the `resume_` tick.
    fn rd_resume_tick_end() -> u32 = 0, |r| r.resume_tick_end();
    /// `pause()`.
    fn rd_pause() -> u32 = 0, |r| r.pause();
    /// `isPaused()`.
    fn rd_is_paused() -> bool = false, |r| r.is_paused();
    /// Whether `flow()` keeps reading.
    fn rd_is_flowing() -> bool = false, |r| r.is_flowing();
    /// The `readableFlowing` setter: -1 null, 0 false, 1 true.
    fn rd_set_flowing(value: i32) -> u32 = 0, |r| { r.set_flowing(if value < 0 { None } else { Some(value != 0) }); 0 };
    /// `destroy(err)`.
    fn rd_destroy(has_error: bool) -> u32 = 0, |r| r.destroy(has_error);
    /// `_destroy`'s callback.
    fn rd_destroyed(has_error: bool) -> u32 = 0, |r| r.destroyed(has_error);
    /// The `'error'` emission.
    fn rd_error_tick() -> u32 = 0, |r| r.error_tick();
    /// The `'close'` emission.
    fn rd_close_tick() -> u32 = 0, |r| r.close_tick();
    /// `errorOrDestroy(err, sync)`.
    fn rd_error_or_destroy(has_error: bool, sync: bool) -> u32 = 0, |r| r.error_or_destroy(has_error, sync);
    /// `_construct` is about to be called.
    fn rd_construct_begin() -> u32 = 0, |r| { r.construct_begin(); 0 };
    /// `_construct`'s callback.
    fn rd_constructed(has_error: bool) -> u32 = 0, |r| r.constructed(has_error);
    /// Node's `isReadableFinished(stream, !lenient)`.
    fn rd_finished(lenient: bool) -> bool = false, |r| r.finished(lenient);
    /// Node's `willEmitClose`.
    fn rd_will_emit_close() -> bool = false, |r| r.will_emit_close();
    /// `readableAborted`.
    fn rd_aborted() -> bool = false, |r| r.aborted();
    /// The `readable` getter.
    fn rd_readable() -> bool = false, |r| r.readable();
    /// How many units the last `TAKE_N` took.
    fn rd_taken() -> f64 = 0.0, |r| r.taken();
    /// `desiredSize` as the web side sees it.
    fn rd_desired_size() -> f64 = f64::NAN, |r| r.desired_size();
}
