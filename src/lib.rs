//! highwater: Node's stream state machines as a pure Rust core, with a thin wasm-bindgen layer.
//!
//! [`readable`], [`writable`], [`lifecycle`] and [`stream`] are the core (no JS, tested with plain `cargo test`); [`wasm`] owns core instances
//! behind integer handles for the JS façade in `js/`.

/// A module of named `u32` constants plus `NAMES`, the list of them by name, so that the list
/// the façade reads (`hw_constants`) cannot miss one.
macro_rules! named_bits {
    ($(#[$m:meta])* pub mod $module:ident { $( $(#[$doc:meta])* $name:ident = $value:expr; )* }) => {
        $(#[$m])*
        pub mod $module {
            $( $(#[$doc])* pub const $name: u32 = $value; )*
            /// Every constant by name, for the façade.
            pub const NAMES: &[(&str, u32)] = &[ $( (stringify!($name), $name) ),* ];
        }
    };
}

pub mod hwm;
pub mod lifecycle;
pub mod readable;
pub mod stream;
pub mod table;
pub mod wasm;
pub mod web;
pub mod wrap;
pub mod writable;
