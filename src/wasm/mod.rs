//! The wasm-bindgen layer: free functions over integer handles (cheaper for JS to create and
//! call than exported structs, each of which would be a JS object with a finalizer), numbers in
//! and action bits out. A bad handle, or a call for a side the stream does not have, is answered
//! with 0, false or NaN, never a panic: a panic would kill the instance for every stream on the
//! page.
//!
//! Prefixes, one module each but `hw_` (process-wide, here): `st_` the whole stream ([`stream`]:
//! lifecycle, rules over both sides), `rd_` the readable side ([`readable`]), `wr_` the writable
//! side ([`writable`]).

use wasm_bindgen::prelude::*;

use highwater_core::hwm;
use highwater_core::readable::{act, state, Actions};
use highwater_core::side::bits;
use highwater_core::stream::AfterEnd;
use highwater_core::writable::{wact, wstate, EndCallback, WActions};

use crate::table::with_table;

/// A core answer as an export hands it to JS: a plain number or boolean.
pub(crate) trait IntoJs {
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
    Actions => u32, |v| v.bits();
    WActions => u32, |v| v.bits();
    AfterEnd => u32, |v| v as u32;
    EndCallback => u32, |v| v as u32;
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
                $crate::table::with_stream(h, $missing, |$s| $crate::wasm::IntoJs::into_js($body))
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
                $crate::table::with_stream(h, $missing, |s| match s.$side.as_mut() {
                    Some($r) => $crate::wasm::IntoJs::into_js($body),
                    None => $missing,
                })
            }
        )*
    };
}

pub mod readable;
pub mod stream;
pub mod writable;

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
        list("S", &[bits::NAMES, state::NAMES].concat()),
        list("A", act::NAMES),
        list("WS", wstate::NAMES),
        list("WA", wact::NAMES),
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

/// Bytes in use in the Rust heap (cores, bridges' state, closures): a leak check's figure, which
/// comes back down when they are freed, where the memory's size does not.
#[wasm_bindgen]
pub fn hw_heap_bytes() -> f64 {
    crate::heap::in_use() as f64
}

/// The wasm memory's size in bytes (it grows and never shrinks): a leak check's figure.
#[wasm_bindgen]
pub fn hw_memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return (core::arch::wasm32::memory_size(0) * 65536) as f64;
    #[cfg(not(target_arch = "wasm32"))]
    return 0.0;
}
