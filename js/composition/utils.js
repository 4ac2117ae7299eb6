/**
 * What kind of stream a value is and where it is in its life (Node's utils), for highwater's
 * streams, node:stream's and older emitter-based ones alike: the state is read the way Node
 * reads it, through `_readableState`/`_writableState` (highwater's are live views of the core,
 * js/streams/state.js) and the public getters. Web streams answer through the `nodejs.stream.*`
 * symbols Node's web streams carry. node:stream exports isDestroyed, isDisturbed, isErrored,
 * isReadable and isWritable; the rest serve finished, pipeline and Duplex.from. Where a
 * highwater stream's answer is a rule of its state, the core gives it (`ownCore`).
 */
import { core } from '../platform/core.js';
import { kCore, kHandle } from '../streams/fields.js';

/** A highwater stream's core handle, or 0 for any other stream (whose state is read as Node does). */
export function ownCore(stream) {
  return stream[kCore] === undefined ? 0 : stream[kHandle];
}

/** Marks a stream-like object the destroyer could only ask to close (js/streams/destroy.js). */
export const kIsDestroyed = Symbol.for('nodejs.stream.destroyed');
const kIsErrored = Symbol.for('nodejs.stream.errored');
const kIsReadable = Symbol.for('nodejs.stream.readable');
const kIsWritable = Symbol.for('nodejs.stream.writable');
const kIsDisturbed = Symbol.for('nodejs.stream.disturbed');

// ---- what kind of stream ----

/** A stream with a readable side: it can pipe, and a Duplex's readable side is not disabled. */
export function isReadableNodeStream(obj, strict = false) {
  if (!obj || typeof obj.pipe !== 'function' || typeof obj.on !== 'function') return false;
  if (strict && (typeof obj.pause !== 'function' || typeof obj.resume !== 'function')) return false;
  // A Writable also has pipe(); a Duplex made with readable: false has its side disabled.
  return !obj._writableState || (!!obj._readableState && obj._readableState.readable !== false);
}

/** A stream with a writable side that is not disabled. */
export function isWritableNodeStream(obj) {
  return !!obj && typeof obj.write === 'function' && typeof obj.on === 'function' &&
    (!obj._readableState || obj._writableState?.writable !== false);
}

/** Any Node-style stream, old or new. */
export function isNodeStream(obj) {
  return !!obj && (!!obj._readableState || !!obj._writableState ||
    (typeof obj.on === 'function' && (typeof obj.write === 'function' || typeof obj.pipe === 'function')));
}

/** A WHATWG ReadableStream (any implementation). */
export function isReadableStream(obj) {
  return !!obj && !isNodeStream(obj) && typeof obj.pipeThrough === 'function' &&
    typeof obj.getReader === 'function' && typeof obj.cancel === 'function';
}

/** A WHATWG WritableStream (any implementation). */
export function isWritableStream(obj) {
  return !!obj && !isNodeStream(obj) && typeof obj.getWriter === 'function' && typeof obj.abort === 'function';
}

/** A WHATWG TransformStream-like `{ readable, writable }` pair. */
export function isTransformStream(obj) {
  return !!obj && !isNodeStream(obj) && typeof obj.readable === 'object' && typeof obj.writable === 'object';
}

export function isWebStream(obj) {
  return isReadableStream(obj) || isWritableStream(obj) || isTransformStream(obj);
}

/** Iterable (`isAsync` undefined), async iterable (true) or sync iterable (false). */
export function isIterable(obj, isAsync) {
  if (obj == null) return false;
  const sync = typeof obj[Symbol.iterator] === 'function';
  const async = typeof obj[Symbol.asyncIterator] === 'function';
  return isAsync === true ? async : isAsync === false ? sync : sync || async;
}

// ---- where a stream is in its life ----

export function isDestroyed(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return !!(stream.destroyed || stream[kIsDestroyed] || state?.destroyed);
}

/** `end()` was called. */
export function isWritableEnded(stream) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableEnded === true) return true;
  const state = stream._writableState;
  if (state?.errored) return false;
  return typeof state?.ended === 'boolean' ? state.ended : null;
}

/** 'finish' was emitted (or, not `strict`, everything written after `end()`). */
export function isWritableFinished(stream, strict) {
  if (!isWritableNodeStream(stream)) return null;
  const h = ownCore(stream);
  if (h !== 0) return core.wr_finished(h, strict === false);
  if (stream.writableFinished === true) return true;
  const state = stream._writableState;
  if (state?.errored) return false;
  if (typeof state?.finished !== 'boolean') return null;
  return state.finished || (strict === false && state.ended === true && state.length === 0);
}

/** 'end' was emitted (or, not `strict`, `push(null)` with nothing left to read). */
export function isReadableFinished(stream, strict) {
  if (!isReadableNodeStream(stream)) return null;
  const h = ownCore(stream);
  if (h !== 0) return core.rd_finished(h, strict === false);
  const state = stream._readableState;
  if (state?.errored) return false;
  if (typeof state?.endEmitted !== 'boolean') return null;
  return state.endEmitted || (strict === false && state.ended === true && state.length === 0);
}

/** A readable side still to be read. */
export function isReadable(stream) {
  if (stream?.[kIsReadable] != null) return stream[kIsReadable];
  if (typeof stream?.readable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
}

/** A writable side still to be written. */
export function isWritable(stream) {
  if (stream?.[kIsWritable] != null) return stream[kIsWritable];
  if (typeof stream?.writable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
}

/** Whether destroying `stream` now would not cut it short. */
export function isFinished(stream, options) {
  if (!isNodeStream(stream)) return null;
  if (isDestroyed(stream)) return true;
  if (options?.readable !== false && isReadable(stream)) return false;
  if (options?.writable !== false && isWritable(stream)) return false;
  return true;
}

/** A Node-style stream with both sides (even a disabled one). */
export function isDuplexNodeStream(obj) {
  return !!obj && typeof obj.pipe === 'function' && !!obj._readableState &&
    typeof obj.on === 'function' && typeof obj.write === 'function';
}

/** An http.ClientRequest-like stream (Node-only). */
export function isRequest(stream) {
  return !!stream?.setHeader && typeof stream.abort === 'function';
}

/** `isDisturbed(stream)`: whether it was read from or aborted. */
export function isDisturbed(stream) {
  return !!(stream && (stream[kIsDisturbed] ?? (stream.readableDidRead || stream.readableAborted)));
}

/**
 * `isErrored(stream)`: whether it emitted an error (for a Node-style stream: 'error' was
 * emitted; an error waiting for its tick does not count yet).
 */
export function isErrored(stream) {
  return !!(stream && (
    stream[kIsErrored] ?? stream.readableErrored ?? stream.writableErrored ??
    stream._readableState?.errorEmitted ?? stream._writableState?.errorEmitted ??
    stream._readableState?.errored ?? stream._writableState?.errored
  ));
}
