//! highwater's wasm binding: the core ([`highwater_core`]) behind integer handles ([`wasm`]) for
//! the JS façade in `js/`. The façade drives every JS object (streams, the platform's web streams);
//! the rules it follows are decided here.

pub mod heap;
pub mod table;
pub mod wasm;
