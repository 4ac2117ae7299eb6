// The one asynchronous step: webpack loads the wasm while this import resolves.
import('./tests.js').catch((err) => console.error(err))
