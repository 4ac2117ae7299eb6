/**
 * highwater: Node's stream API on a Rust core compiled to WebAssembly, with `node:stream`'s
 * export names for what is implemented so far.
 */
export { Readable, getDefaultHighWaterMark, setDefaultHighWaterMark } from './readable.js';
export { Writable } from './writable.js';
export { Duplex } from './duplex.js';
export { Transform, PassThrough } from './transform.js';
export { Stream } from './stream.js';
export { addAbortSignal } from './abort.js';
