/**
 * highwater: Node's stream API on a Rust core compiled to WebAssembly, with `node:stream`'s
 * export names for what is implemented so far.
 *
 * This module has side effects (package.json "sideEffects"): it installs the statics and methods
 * that live in other modules (Readable.toWeb, Duplex.from, readable.compose, …), so a bundler
 * keeps them whenever an app imports anything from the package.
 */
import { Readable, getDefaultHighWaterMark, setDefaultHighWaterMark } from './streams/readable.js';
import { Writable } from './streams/writable.js';
import { Duplex } from './streams/duplex.js';
import { Transform, PassThrough } from './streams/transform.js';
import { Stream } from './streams/stream.js';
import { addAbortSignal } from './composition/abort.js';
import { pipeline, pipelinePromise } from './composition/pipeline.js';
import { compose, composeMethod } from './composition/compose.js';
import { eos as finished, finishedPromise } from './composition/finished.js';
import { duplexPair } from './composition/duplexpair.js';
import { isDestroyed, isDisturbed, isErrored, isReadable, isWritable } from './composition/utils.js';
import {
  readableToWeb, readableFromWeb, writableToWeb, writableFromWeb, duplexToWeb, duplexFromWeb,
} from './web/adapters.js';
import { duplexFrom } from './composition/duplexify.js';
import { destroyer as destroy } from './streams/destroy.js';

/** `stream.promises`: the promise forms of pipeline and finished (also `highwater/promises`). */
const promises = { pipeline: pipelinePromise, finished: finishedPromise };

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

export {
  Readable, Writable, Duplex, Transform, PassThrough, Stream, getDefaultHighWaterMark, setDefaultHighWaterMark,
  addAbortSignal, pipeline, compose, finished, destroy, promises, duplexPair, isDestroyed, isDisturbed, isErrored,
  isReadable, isWritable, readableToWeb, readableFromWeb, writableToWeb, writableFromWeb, duplexToWeb, duplexFromWeb,
};

// The default export, and what `require('highwater')` returns, is node:stream's: the legacy
// Stream constructor with every export attached (so `Readable.Writable` is Writable too, as in Node).
Object.assign(Stream, {
  Readable, Writable, Duplex, Transform, PassThrough, Stream, getDefaultHighWaterMark, setDefaultHighWaterMark,
  addAbortSignal, pipeline, compose, finished, destroy, promises, duplexPair, isDestroyed, isDisturbed, isErrored,
  isReadable, isWritable, readableToWeb, readableFromWeb, writableToWeb, writableFromWeb, duplexToWeb, duplexFromWeb,
});
export default Stream;
