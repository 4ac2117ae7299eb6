//! highwater: Node's stream state machines as a pure Rust core, with a thin wasm-bindgen layer.
//!
//! [`readable`], [`writable`], [`lifecycle`] and [`stream`] are the core (no JS, tested with plain `cargo test`); [`wasm`] owns core instances
//! behind integer handles for the JS façade in `js/`.

pub mod hwm;
pub mod lifecycle;
pub mod readable;
pub mod stream;
pub mod table;
pub mod wasm;
pub mod writable;
