//! The two ways the core names numbers the façade reads by name (`hw_constants`): bits of a
//! state word, and sets of actions to carry out. Each keeps a `NAMES` list next to the values,
//! so the list cannot miss one.

/// A module of named `u32` bits plus `NAMES`, every bit by name. `pub mod name includes path`
/// re-exports the bits of the module at `path` too (listed in that module's `NAMES`).
macro_rules! named_bits {
    ($(#[$m:meta])* pub mod $module:ident $(includes $($shared:ident)::+)? {
        $( $(#[$doc:meta])* $name:ident = $value:expr; )*
    }) => {
        $(#[$m])*
        pub mod $module {
            $(pub use $($shared)::+::*;)?
            $( $(#[$doc])* pub const $name: u32 = $value; )*
            /// Every bit by name, for the façade.
            pub const NAMES: &[(&str, u32)] = &[ $( (stringify!($name), $name) ),* ];
        }
    };
}

/// A set of actions as its own type (so that one side's action cannot be mixed with the
/// other's: the readable and the writable sets reuse bit positions), with a module of its named
/// actions plus `NAMES`. The wasm binding hands JS its `bits()`, a plain `u32`.
macro_rules! action_set {
    (
        $(#[$tm:meta])* pub struct $set:ident;
        $(#[$m:meta])* pub mod $module:ident { $( $(#[$doc:meta])* $name:ident = $value:expr; )* }
    ) => {
        $(#[$tm])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        #[must_use]
        pub struct $set(u32);

        impl $set {
            /// Nothing to do.
            pub const NONE: $set = $set(0);

            /// The set as bits, for JS.
            pub const fn bits(self) -> u32 {
                self.0
            }

            /// The set these bits stand for (a saved [`bits`](Self::bits)).
            pub const fn from_bits(bits: u32) -> $set {
                $set(bits)
            }

            /// Both sets in one (`|`, usable in a `const`).
            pub const fn union(self, other: $set) -> $set {
                $set(self.0 | other.0)
            }

            /// Whether the set has any action of `other`.
            pub const fn intersects(self, other: $set) -> bool {
                self.0 & other.0 != 0
            }

            /// Whether the set is empty.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }
        }

        impl ::core::ops::BitOr for $set {
            type Output = $set;
            fn bitor(self, other: $set) -> $set {
                $set(self.0 | other.0)
            }
        }

        impl ::core::ops::BitOrAssign for $set {
            fn bitor_assign(&mut self, other: $set) {
                self.0 |= other.0;
            }
        }

        impl ::core::ops::Not for $set {
            type Output = $set;
            fn not(self) -> $set {
                $set(!self.0)
            }
        }

        impl ::core::fmt::LowerHex for $set {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::LowerHex::fmt(&self.0, f)
            }
        }

        impl ::core::ops::BitAnd for $set {
            type Output = $set;
            fn bitand(self, other: $set) -> $set {
                $set(self.0 & other.0)
            }
        }

        $(#[$m])*
        pub mod $module {
            use super::$set;
            $( $(#[$doc])* pub const $name: $set = $set::from_bits($value); )*
            /// Every action by name, for the façade.
            pub const NAMES: &[(&str, u32)] = &[ $( (stringify!($name), $value) ),* ];
        }
    };
}

/// An enum of codes (mutually exclusive answers) with `NAMES`, each code's JS name and value;
/// the wasm binding hands JS a code `as u32`.
macro_rules! codes {
    ($(#[$m:meta])* pub enum $name:ident { $( $(#[$doc:meta])* $variant:ident = $value:expr, $js:literal; )* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u32)]
        pub enum $name {
            $( $(#[$doc])* $variant = $value, )*
        }

        impl $name {
            /// Every code by its JS name, for the façade.
            pub const NAMES: &[(&str, u32)] = &[ $( ($js, $value) ),* ];
        }
    };
}
