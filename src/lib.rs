//! highwater's wasm binding: the core ([`highwater_core`]) behind integer handles ([`wasm`]) for
//! the JS façade in `js/`, and the web stream adapters built on the platform's streams.

pub mod heap;
pub mod table;
pub mod wasm;
pub mod web;
pub mod wrap;
