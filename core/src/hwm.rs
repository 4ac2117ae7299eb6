//! The process-wide default `highWaterMark`s (`getDefaultHighWaterMark`/`setDefaultHighWaterMark`).

use std::sync::atomic::{AtomicU64, Ordering};

/// Node 26's default for byte streams: 64 KiB.
pub const DEFAULT_BYTES: f64 = 65536.0;
/// Node's default for object mode: 16 objects.
pub const DEFAULT_OBJECTS: f64 = 16.0;
/// `read(n)` may raise the `highWaterMark` up to 1 GiB, no further.
pub const MAX_HIGH_WATER_MARK: f64 = 1073741824.0;

static BYTES: AtomicU64 = AtomicU64::new(DEFAULT_BYTES.to_bits());
static OBJECTS: AtomicU64 = AtomicU64::new(DEFAULT_OBJECTS.to_bits());

fn slot(object_mode: bool) -> &'static AtomicU64 {
    if object_mode {
        &OBJECTS
    } else {
        &BYTES
    }
}

/// Whether `value` is a valid `highWaterMark` option: an integer from 0 up (Node's
/// `ERR_INVALID_ARG_VALUE` otherwise).
pub fn is_valid(value: f64) -> bool {
    value.is_finite() && value >= 0.0 && value.fract() == 0.0
}

/// `getDefaultHighWaterMark(objectMode)`.
pub fn default_high_water_mark(object_mode: bool) -> f64 {
    f64::from_bits(slot(object_mode).load(Ordering::Relaxed))
}

/// `setDefaultHighWaterMark(objectMode, value)`; false (nothing changed) unless `value` is an
/// integer from 0 to `Number.MAX_SAFE_INTEGER` (Node's `ERR_OUT_OF_RANGE` otherwise).
pub fn set_default_high_water_mark(object_mode: bool, value: f64) -> bool {
    if !((0.0..=9007199254740991.0).contains(&value) && value.fract() == 0.0) {
        return false;
    }
    slot(object_mode).store(value.to_bits(), Ordering::Relaxed);
    true
}
