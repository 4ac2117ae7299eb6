//! highwater's core: Node's stream state machines as pure, sans-IO Rust (no JS, no I/O), tested
//! with plain `cargo test` on the host. The wasm binding (the `highwater` crate) owns instances
//! behind integer handles for the JS façade.

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
pub mod writable;
