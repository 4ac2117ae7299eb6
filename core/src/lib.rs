//! highwater's core: Node's stream state machines as pure, sans-IO Rust (no JS, no I/O), tested
//! with plain `cargo test` on the host. The wasm binding (the `highwater` crate) owns instances
//! behind integer handles for the JS façade.
//!
//! Modules, each using only those above it: [`hwm`] (the default `highWaterMark`s), [`side`]
//! (what both sides share), [`readable`] and [`writable`] (each side's rules), [`lifecycle`]
//! (destroy, errors and construction over the sides a stream has) and [`stream`] (a stream with
//! either side or both, and the rules that need both).

#[macro_use]
mod bits;

pub mod hwm;
pub mod lifecycle;
pub mod readable;
pub mod side;
pub mod stream;
pub mod writable;
