/**
 * highwater: Node's stream API on a Rust core compiled to WebAssembly. The same exports as
 * `node:stream` for what is implemented so far.
 */
import { Readable, addAbortSignal, getDefaultHighWaterMark, setDefaultHighWaterMark } from './readable.js';
import { Stream } from './stream.js';

export { Readable, Stream, addAbortSignal, getDefaultHighWaterMark, setDefaultHighWaterMark };
