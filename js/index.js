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
export { pipeline } from './pipeline.js';
export { compose } from './compose.js';
export { eos as finished } from './finished.js';
import { pipelinePromise } from './pipeline.js';
import { finishedPromise } from './finished.js';

/** `stream.promises`: the promise forms of pipeline and finished (also `highwater/promises`). */
export const promises = { pipeline: pipelinePromise, finished: finishedPromise };
export { duplexPair } from './duplexpair.js';
export { isDestroyed, isDisturbed, isErrored, isReadable, isWritable } from './utils.js';

import { Readable } from './readable.js';
import { Writable } from './writable.js';
import { Duplex } from './duplex.js';
import { Transform } from './transform.js';
import {
  readableToWeb, readableFromWeb, writableToWeb, writableFromWeb, duplexToWeb, duplexFromWeb,
} from './web.js';
import { duplexFrom } from './duplexify.js';
import { composeMethod } from './compose.js';

// The web adapters as Node has them: static methods, and named exports below.
Readable.toWeb = readableToWeb;
Readable.fromWeb = readableFromWeb;
Writable.toWeb = writableToWeb;
Writable.fromWeb = writableFromWeb;
Duplex.toWeb = duplexToWeb;
Duplex.fromWeb = duplexFromWeb;
Transform.toWeb = duplexToWeb;
Transform.fromWeb = duplexFromWeb;
// Duplex.from, which Transform and PassThrough inherit, as in Node.
Duplex.from = duplexFrom;
// readable.compose(stream, { signal }), as in Node.
Readable.prototype.compose = composeMethod;

export { readableToWeb, readableFromWeb, writableToWeb, writableFromWeb, duplexToWeb, duplexFromWeb };
