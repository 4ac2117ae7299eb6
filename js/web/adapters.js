/**
 * toWeb/fromWeb: Node-style streams as the platform's own ReadableStream/WritableStream and back,
 * with Node's signatures. The web side is built in Rust (src/web/); this file checks
 * arguments, creates the Node-style half and hands the core its helpers.
 */
import { kFields, kHandle } from '../streams/fields.js';
import { bind, core } from '../platform/core.js';
import { Readable, mirrorReadable, webWaiting } from '../streams/readable.js';
import { Writable, writtenBytes } from '../streams/writable.js';
import { Duplex } from '../streams/duplex.js';
import { eos } from '../composition/finished.js';
import { destroyer } from '../streams/destroy.js';
import {
  AbortError, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE,
  ERR_STREAM_PREMATURE_CLOSE, validateObject,
} from '../platform/errors.js';
import { fromString, normalizeEncoding } from '../platform/bytes.js';

/** A premature close reaches the web side as an AbortError caused by it, as in Node. */
function webError(error) {
  return error?.code === 'ERR_STREAM_PREMATURE_CLOSE' ? new AbortError(undefined, { cause: error }) : error;
}

/** What the Rust side calls back into. */
const helpers = {
  bind,
  /** A promise for the web side to wait on; the bridge's state gets its resolve and reject. */
  defer: (state) => new Promise((resolve, reject) => {
    state.resolve = resolve;
    state.reject = reject;
  }),
  eos: (stream, callback) => eos(stream, { writable: false, readable: true }, (error) => callback(webError(error))),
  destroyer,
  ended: (stream) => stream.writableEnded,
  abortError: () => new AbortError(),
  /** A byte stream's chunk: a fresh Uint8Array (strings encoded as UTF-8). */
  byteChunk: (chunk) => (typeof chunk === 'string' ? new Uint8Array(fromString(chunk, 'utf8')) : new Uint8Array(chunk)),
  prematureClose: () => new ERR_STREAM_PREMATURE_CLOSE(),
  webWaiting,
  /** One chunk of a Readable, for a pull: a decoding stream reads what the core says (`web_read_size`). */
  readChunk: (stream) =>
    stream.readableEncoding === null ? stream.read() : stream.read(core.rd_web_read_size(stream[kHandle])),
};

const writableHelpers = {
  ...helpers,
  /** A byte-mode chunk's size in the Node side's unit: what write() will count. */
  chunkSize: writtenBytes,
  /** The Node side's error, if it has one (older streams keep it only in `_writableState`). */
  errored: (stream) => stream.errored ?? stream._writableState?.errored ?? null,
  eos: (stream, callback) => eos(stream, { readable: false, writable: true }, (error) => callback(webError(error))),
};

/** Whether `value` behaves like a ReadableStream (any realm, any implementation). */
function isReadableStreamLike(value) {
  return typeof value?.getReader === 'function' && typeof value?.cancel === 'function' &&
    typeof value?.pipeThrough === 'function';
}

/** Whether `value` behaves like a WritableStream. */
function isWritableStreamLike(value) {
  return typeof value?.getWriter === 'function' && typeof value?.abort === 'function';
}

/** The platform's byte-length size function (one per realm), or undefined where there is none. */
function byteLengthSize() {
  return typeof ByteLengthQueuingStrategy === 'function' ? new ByteLengthQueuingStrategy({ highWaterMark: 0 }).size : undefined;
}

/** A strategy's size function as the Node side's measure: a finite size >= 0, or a RangeError. */
function measureWith(size) {
  return (chunk) => {
    const units = size(chunk);
    if (typeof units !== 'number' || !(units >= 0) || units === Infinity) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.size(chunk)', units);
    }
    return units;
  };
}

/** A Node-style readable stream of another implementation: Node's test is `_readableState`. */
function isForeignReadable(value) {
  return typeof value?._readableState === 'object' && value._readableState !== null && typeof value.on === 'function';
}

/** `Readable.toWeb(readable, { strategy, type })`: a native ReadableStream reading `readable`. */
export function readableToWeb(readable, options = {}) {
  if (!(readable instanceof Readable) && !isForeignReadable(readable)) {
    throw new ERR_INVALID_ARG_TYPE('streamReadable', 'stream.Readable', readable);
  }
  validateObject(options, 'options');
  if (options.type !== undefined && options.type !== 'bytes') {
    throw new ERR_INVALID_ARG_VALUE('options.type', options.type, "must be one of: 'bytes', undefined");
  }
  const bytes = options.type === 'bytes';
  const { highWaterMark, size } = options.strategy ?? {};
  if (size !== undefined && typeof size !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('options.strategy.size', 'Function', size);
  }
  // Another implementation's stream (node:stream's, an http request, fs's): read through a
  // highwater Readable that mirrors it, the one buffer of the bridge.
  if (!(readable instanceof Readable)) readable = mirrorReadable(readable);
  // The strategy is the Node side's, the one buffer: its highWaterMark in the strategy's unit,
  // and in object mode its size measures each object. A byte stream counts bytes, so a size
  // other than byte length (e.g. CountQueuingStrategy) stays with the web side's own queue.
  const webQueue = !readable.readableObjectMode && !bytes && size !== undefined && size !== byteLengthSize();
  if (highWaterMark !== undefined && !webQueue) {
    if (typeof highWaterMark !== 'number' || !core.rd_set_hwm(readable[kHandle], highWaterMark)) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.highWaterMark', highWaterMark);
    }
    readable[kFields].highWaterMark = highWaterMark;
  }
  if (size !== undefined && readable.readableObjectMode) readable[kFields].measure = measureWith(size);
  if (webQueue) return core.web_readable_to_web(readable, false, options.strategy, helpers);
  return core.web_readable_to_web(readable, bytes, undefined, helpers);
}

/** `Readable.fromWeb(readableStream, options)`: a Readable reading a web stream. */
export function readableFromWeb(readableStream, options = {}) {
  if (!isReadableStreamLike(readableStream)) {
    throw new ERR_INVALID_ARG_TYPE('readableStream', 'ReadableStream', readableStream);
  }
  validateObject(options, 'options');
  const { highWaterMark, encoding, objectMode = false, signal } = options;
  if (encoding !== undefined && normalizeEncoding(encoding) === undefined) {
    throw new ERR_INVALID_ARG_VALUE('options.encoding', encoding);
  }
  if (typeof objectMode !== 'boolean') throw new ERR_INVALID_ARG_TYPE('options.objectMode', 'boolean', objectMode);
  if (readableStream.locked) throw new ERR_INVALID_STATE.TypeError('ReadableStream is locked');
  const readable = new Readable({ objectMode, highWaterMark, encoding, signal });
  const source = core.web_readable_source(readableStream, readable, helpers);
  readable._read = source.read;
  readable._destroy = source.destroy;
  return readable;
}

/** `Writable.toWeb(writable)`: a native WritableStream writing into `writable`. */
export function writableToWeb(writable) {
  if (typeof writable?.write !== 'function' || typeof writable?.on !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('streamWritable', 'stream.Writable', writable);
  }
  if (writable.destroyed || !writable.writable) {
    const closed = new WritableStream();
    closed.close();
    return closed;
  }
  const handle = writable instanceof Writable || writable instanceof Duplex ? writable[kHandle] : undefined;
  return core.web_writable_to_web(writable, handle, writable.writableHighWaterMark ?? 16384, writableHelpers);
}

/** `Writable.fromWeb(writableStream, options)`: a Writable writing into a web stream. */
export function writableFromWeb(writableStream, options = {}) {
  if (!isWritableStreamLike(writableStream)) {
    throw new ERR_INVALID_ARG_TYPE('writableStream', 'WritableStream', writableStream);
  }
  validateObject(options, 'options');
  const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options;
  if (typeof objectMode !== 'boolean') throw new ERR_INVALID_ARG_TYPE('options.objectMode', 'boolean', objectMode);
  if (typeof decodeStrings !== 'boolean') throw new ERR_INVALID_ARG_TYPE('options.decodeStrings', 'boolean', decodeStrings);
  if (writableStream.locked) throw new ERR_INVALID_STATE.TypeError('WritableStream is locked');
  const writable = new Writable({ highWaterMark, objectMode, decodeStrings, signal });
  const sink = core.web_writable_sink(writableStream, writable, writableHelpers);
  writable._write = sink.write;
  writable._final = sink.final;
  writable._destroy = sink.destroy;
  return writable;
}

/** `Duplex.toWeb(duplex)`: `{ readable, writable }`, one web stream per side. */
export function duplexToWeb(duplex) {
  if (!(duplex instanceof Duplex) && !(isForeignReadable(duplex) && typeof duplex._writableState === 'object')) {
    throw new ERR_INVALID_ARG_TYPE('duplex', 'stream.Duplex', duplex);
  }
  return { readable: readableToWeb(duplex), writable: writableToWeb(duplex) };
}

/** `Duplex.fromWeb({ readable, writable }, options)`: one Duplex over a pair of web streams. */
export function duplexFromWeb(pair = {}, options = {}) {
  validateObject(pair, 'pair');
  if (!isReadableStreamLike(pair.readable)) {
    throw new ERR_INVALID_ARG_TYPE('pair.readable', 'ReadableStream', pair.readable);
  }
  if (!isWritableStreamLike(pair.writable)) {
    throw new ERR_INVALID_ARG_TYPE('pair.writable', 'WritableStream', pair.writable);
  }
  validateObject(options, 'options');
  const { allowHalfOpen = false, objectMode = false, encoding, decodeStrings = true, signal } = options;
  const duplex = new Duplex({ allowHalfOpen, objectMode, encoding, decodeStrings, signal });
  const source = core.web_readable_source(pair.readable, duplex, helpers);
  const sink = core.web_writable_sink(pair.writable, duplex, writableHelpers);
  duplex._read = source.read;
  duplex._write = sink.write;
  duplex._final = sink.final;
  duplex._destroy = (error, callback) => {
    let pending = 2;
    let first = error;
    const done = (err) => {
      first ??= err;
      if (--pending === 0) callback(first);
    };
    source.destroy(error, done);
    sink.destroy(error, done);
  };
  return duplex;
}
