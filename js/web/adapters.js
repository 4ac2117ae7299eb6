/**
 * toWeb/fromWeb: Node-style streams as the platform's own ReadableStream/WritableStream and back,
 * with Node's signatures. This file checks arguments and creates the Node-style half; one module
 * per adapter moves the chunks (readable-to-web.js, readable-from-web.js, writable-to-web.js,
 * writable-from-web.js), and the rules they follow are the core's.
 */
import { kFields, kHandle } from '../streams/fields.js';
import { core } from '../platform/core.js';
import { Readable, mirrorReadable } from '../streams/readable.js';
import { Writable, writtenBytes } from '../streams/writable.js';
import { Duplex } from '../streams/duplex.js';
import { eos } from '../composition/finished.js';
import {
  AbortError, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE, validateObject,
} from '../platform/errors.js';
import { normalizeEncoding } from '../platform/bytes.js';
import { readableStream } from './readable-to-web.js';
import { readableSource } from './readable-from-web.js';
import { writableStream } from './writable-to-web.js';
import { writableSink } from './writable-from-web.js';

/** A premature close reaches the web side as an AbortError caused by it, as in Node. */
function webError(error) {
  return error?.code === 'ERR_STREAM_PREMATURE_CLOSE' ? new AbortError(undefined, { cause: error }) : error;
}

/** The end of a bridge's Node side, for its web side: readable or writable, with the web side's error. */
const readableEnd = (stream, callback) =>
  eos(stream, { writable: false, readable: true }, (error) => callback(webError(error)));
const writableEnd = (stream, callback) =>
  eos(stream, { readable: false, writable: true }, (error) => callback(webError(error)));

/** The Node side's error, if it has one (older streams keep it only in `_writableState`). */
const errored = (stream) => stream.errored ?? stream._writableState?.errored ?? null;

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
  if (webQueue) return readableStream(readable, false, options.strategy, readableEnd);
  return readableStream(readable, bytes, undefined, readableEnd);
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
  const source = readableSource(readableStream, readable);
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
  return writableStream(writable, handle, writable.writableHighWaterMark ?? 16384,
    { chunkSize: writtenBytes, errored, eos: writableEnd });
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
  const sink = writableSink(writableStream, writable);
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
  const source = readableSource(pair.readable, duplex);
  const sink = writableSink(pair.writable, duplex);
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
