/**
 * Stream probes as node:stream exports them (isDestroyed, isDisturbed, isErrored, isReadable,
 * isWritable), and the kind tests Duplex.from needs. They answer for highwater streams (whose
 * state is in the core), for Node-style streams (node:stream, readable-stream: `_readableState`,
 * `_writableState`) and for web streams (the `nodejs.stream.*` symbols Node's web streams carry).
 */
import { core, S } from './core.js';
import { Readable } from './readable.js';
import { Writable } from './writable.js';

const kIsDestroyed = Symbol.for('nodejs.stream.destroyed');
const kIsErrored = Symbol.for('nodejs.stream.errored');
const kIsReadable = Symbol.for('nodejs.stream.readable');
const kIsWritable = Symbol.for('nodejs.stream.writable');
const kIsDisturbed = Symbol.for('nodejs.stream.disturbed');

/** Whether `stream` is a highwater stream. */
function isOwn(stream) {
  return stream instanceof Readable || stream instanceof Writable;
}

/** Whether `stream` is a highwater stream with a readable side (a Readable or a Duplex). */
function hasOwnReadableSide(stream) {
  return stream instanceof Readable;
}

/** Whether `stream` is a highwater stream with a writable side (a Writable or a Duplex). */
function hasOwnWritableSide(stream) {
  return stream instanceof Writable;
}

/** Whether the readable side of a highwater stream is live (not a duplex's disabled side). */
function liveReadable(stream) {
  return (core.st_live_sides(stream._h) & 1) !== 0;
}

/** Whether the writable side of a highwater stream is live. */
function liveWritable(stream) {
  return (core.st_live_sides(stream._h) & 2) !== 0;
}

/** Any Node-style stream: one with a state object, or with `write` or `pipe` and `on`. */
export function isNodeStream(obj) {
  return !!obj && (
    isOwn(obj) ||
    !!obj._readableState ||
    !!obj._writableState ||
    (typeof obj.on === 'function' && (typeof obj.write === 'function' || typeof obj.pipe === 'function'))
  );
}

/** A Node-style stream that can be read: not a Writable, nor a duplex whose readable side is off. */
export function isReadableNodeStream(obj) {
  if (isOwn(obj)) return hasOwnReadableSide(obj) && liveReadable(obj);
  return !!obj && typeof obj.pipe === 'function' && typeof obj.on === 'function' &&
    (!obj._writableState || (!!obj._readableState && obj._readableState.readable !== false));
}

/** A Node-style stream that can be written: not a duplex whose writable side is off. */
export function isWritableNodeStream(obj) {
  if (isOwn(obj)) return hasOwnWritableSide(obj) && liveWritable(obj);
  return !!obj && typeof obj.write === 'function' && typeof obj.on === 'function' &&
    (!obj._readableState || obj._writableState?.writable !== false);
}

/** A Node-style stream with both sides (even a disabled one). */
export function isDuplexNodeStream(obj) {
  if (isOwn(obj)) return hasOwnReadableSide(obj) && typeof obj.write === 'function';
  return !!obj && typeof obj.pipe === 'function' && !!obj._readableState &&
    typeof obj.on === 'function' && typeof obj.write === 'function';
}

/** A web ReadableStream (any implementation), not a Node-style stream. */
export function isReadableStream(obj) {
  return !!obj && !isNodeStream(obj) && typeof obj.pipeThrough === 'function' &&
    typeof obj.getReader === 'function' && typeof obj.cancel === 'function';
}

/** A web WritableStream (any implementation), not a Node-style stream. */
export function isWritableStream(obj) {
  return !!obj && !isNodeStream(obj) && typeof obj.getWriter === 'function' &&
    typeof obj.abort === 'function';
}

/** Whether `obj` has Symbol.asyncIterator or Symbol.iterator. */
export function isIterable(obj) {
  return obj != null &&
    (typeof obj[Symbol.asyncIterator] === 'function' || typeof obj[Symbol.iterator] === 'function');
}

/** `isDestroyed(stream)`: null for what is not a Node-style stream. */
export function isDestroyed(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return !!(stream.destroyed || stream[kIsDestroyed] || state?.destroyed);
}

/** Whether 'end' was emitted, without an error (Node's isReadableFinished). */
function readableFinished(stream) {
  if (isOwn(stream)) return core.rd_finished(stream._h, false);
  const state = stream._readableState;
  if (state?.errored) return false;
  return state?.endEmitted === true;
}

/** Whether end() was called (Node's isWritableEnded). */
function writableEnded(stream) {
  if (stream.writableEnded === true) return true;
  const state = stream._writableState;
  if (state?.errored) return false;
  return state?.ended === true;
}

/** `isReadable(stream)`: whether there is still something to read; null when unknown. */
export function isReadable(stream) {
  if (stream?.[kIsReadable] != null) return stream[kIsReadable];
  if (typeof stream?.readable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isReadableNodeStream(stream) && stream.readable && !readableFinished(stream);
}

/** `isWritable(stream)`: whether it can still be written; null when unknown. */
export function isWritable(stream) {
  if (stream?.[kIsWritable] != null) return stream[kIsWritable];
  if (typeof stream?.writable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isWritableNodeStream(stream) && stream.writable && !writableEnded(stream);
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
    stream[kIsErrored] ?? stream.readableErrored ?? stream.writableErrored ?? errorEmitted(stream)
  ));
}

/** Whether 'error' was emitted (for a state object that lacks the flag: whether it has an error). */
function errorEmitted(stream) {
  if (isOwn(stream)) return ((core.rd_state(stream._h) | core.wr_state(stream._h)) & S.ERROR_EMITTED) !== 0;
  return stream._readableState?.errorEmitted ??
    stream._writableState?.errorEmitted ??
    stream._readableState?.errored ??
    stream._writableState?.errored;
}
