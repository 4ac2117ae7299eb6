/**
 * Readable: Node's readable stream API over the Rust core. Every decision (when to call _read,
 * what read(n) returns, when 'readable'/'data'/'end'/'close' fire) is taken by the core; this
 * file keeps the chunk objects and the callbacks, emits events and schedules ticks in the order
 * the core's actions give.
 */
import { kAutoDestroy, kCore, kFields, kOnConstructed } from './fields.js';
import { core, A, S, TAKE, OPT, AFTER_END } from '../platform/core.js';
import { Stream } from './stream.js';
import { nextTick } from '../platform/tick.js';
import { defineHandle, release, restore, track } from './lifetime.js';
import { defineClass, hasBothSides, takeMethods } from './classes.js';
import { captureRejectionSymbol, initStreamEmitter } from '../platform/events.js';
import { eos } from '../composition/finished.js';
import { ReadableState } from './state.js';
import { createAsyncIterator } from './iterator.js';
import { from } from './from.js';
import { installOperators } from '../composition/operators.js';
import { construct, destroyStream, errorOrDestroy } from './destroy.js';
import { initWritable, writableOptions } from './writable.js';
import { canonicalEncoding, highWaterMarkFrom } from './options.js';
import { clearAwaitDrain, pipe, unpipe } from './pipe.js';
import { mirror } from './mirror.js';
import {
  StringDecoder, isBytes, isByteView, toBytes, fromString, concat, toString,
} from '../platform/bytes.js';
import {
  AbortError, ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED,
  ERR_OUT_OF_RANGE, ERR_STREAM_PUSH_AFTER_EOF, ERR_STREAM_UNSHIFT_AFTER_END_EVENT,
  validateObject, validateInteger,
} from '../platform/errors.js';

const CHUNK_TYPES = ['string', 'Buffer', 'TypedArray', 'DataView'];

/** Marks passed by Duplex and Transform to initReadable. */
export const kDuplex = Symbol('kDuplex');
export const kTransform = Symbol('kTransform');

/** Node's listener tables: these keys first, in this order (eventNames() shows it). */
const readableEvents = () => ({ close: undefined, error: undefined, data: undefined, end: undefined, readable: undefined });
const duplexEvents = () => ({
  close: undefined, error: undefined, prefinish: undefined, finish: undefined, drain: undefined,
  data: undefined, end: undefined, readable: undefined,
});

/** Option bits and highWaterMark of the readable side. */
function readableOptions(options, isDuplex, isTransform) {
  let bits = OPT.PRESENT | (isTransform ? OPT.NO_SYNC : 0);
  let hwm = NaN;
  if (options) {
    if (options.objectMode || (isDuplex && options.readableObjectMode)) bits |= OPT.OBJECT_MODE;
    hwm = highWaterMarkFrom(options, 'readableHighWaterMark', isDuplex);
    if (options.emitClose === false) bits |= OPT.NO_EMIT_CLOSE;
    if (options.autoDestroy === false) bits |= OPT.NO_AUTO_DESTROY;
    if (options.defaultEncoding != null) canonicalEncoding(options.defaultEncoding);
    if (options.encoding) {
      canonicalEncoding(options.encoding);
      bits |= OPT.DECODER;
    }
    if (isDuplex && options.readable === false) bits |= OPT.DISABLED;
  }
  return { bits, hwm };
}

/**
 * A Node-style readable stream. A function, as Node's (js/streams/classes.js): `Readable(options)`
 * without `new` makes one, and old-style subclasses run it on themselves
 * (`Readable.call(this, options)` after `util.inherits(My, Readable)`).
 */
export function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  if (hasBothSides(this)) takeMethods(this, options, true, false);
  else initReadable(this, options, undefined);
}

/**
 * Makes `stream` a readable stream, or a duplex one (`kind` kDuplex or kTransform): a new core,
 * the JS fields, the methods given in `options`. A stream made before (Node lets
 * `Readable.call(stream)` start one over) gives its old core back first.
 */
export function initReadable(stream, options, kind) {
  if (Object.hasOwn(stream, kCore)) release(stream);
  const isTransform = kind === kTransform;
  const isDuplex = isTransform || kind === kDuplex;
  stream._events ??= isDuplex ? duplexEvents() : readableEvents();
  initStreamEmitter(stream, options);
  const r = readableOptions(options, isDuplex, isTransform);
  const w = isDuplex ? writableOptions(options, true) : { bits: 0, hwm: NaN };
  const handle = core.st_new(r.hwm, r.bits, w.hwm, w.bits);
  /** @private `_core`: the core's handle, read as `_h` (js/streams/lifetime.js) */
  const f = track(stream, handle);
  f.objectMode = (r.bits & OPT.OBJECT_MODE) !== 0;
  f.highWaterMark = core.rd_hwm(handle);
  f.chunks = [];
  f.decoder = r.bits & OPT.DECODER ? new StringDecoder(canonicalEncoding(options.encoding)) : null;
  f.encoding = f.decoder ? options.encoding : null;
  f.defaultEncoding = options?.defaultEncoding ?? 'utf8';
  f.pipes = [];
  if (isDuplex) {
    initWritable(stream, options);
    stream.allowHalfOpen = options?.allowHalfOpen !== false;
  }
  if (options) takeMethods(stream, options, true, isDuplex);
  if (stream._construct != null) construct(stream);
}

class ReadableMembers extends Stream {
  /** Queue a chunk (null ends the stream); false when the buffer reached the highWaterMark. */
  push(chunk, encoding) {
    return addChunk(this, chunk, encoding, false);
  }

  /** Put a chunk back at the front of the buffer. */
  unshift(chunk, encoding) {
    return addChunk(this, chunk, encoding, true);
  }

  /** Take up to `n` units from the buffer (all or the next chunk when `n` is omitted). */
  read(n) {
    if (n === undefined) n = NaN;
    else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
    return completeRead(this, n, core.rd_read(this[kCore] || restore(this), n));
  }

  /** Called by read() to ask for more data; streams implement it or pass `read` in options. */
  _read(size) {
    throw new ERR_METHOD_NOT_IMPLEMENTED('_read()');
  }

  /** Decode byte chunks to strings in `encoding` from now on (buffered data included). */
  setEncoding(encoding) {
    const decoder = new StringDecoder(canonicalEncoding(encoding ?? 'utf8'));
    this[kFields].decoder = decoder;
    this[kFields].encoding = decoder.encoding;
    let content = '';
    const chunks = this[kFields].chunks;
    for (let i = this[kFields].head; i < chunks.length; i++) {
      const data = chunks[i];
      content += decode(decoder, data);
    }
    if (core.rd_state(this[kCore] || restore(this)) & S.ENDED) content += decoder.end();
    this[kFields].chunks = content !== '' ? [content] : [];
    this[kFields].head = 0;
    core.rd_set_encoding(this[kCore] || restore(this), content.length);
    return this;
  }

  /**
   * Read an old-style stream (one with only `on`, `pause` and `resume`) through this one, as
   * Node's `wrap` does (mirror.js). The stream's own functions this one lacks are bound onto it.
   */
  wrap(stream) {
    this._read = mirror(this, stream, false).read;
    for (const key of Object.keys(stream)) {
      if (this[key] === undefined && typeof stream[key] === 'function') this[key] = stream[key].bind(stream);
    }
    return this;
  }

  /** Write every chunk to `dest` with backpressure; returns `dest`. */
  pipe(dest, options) {
    return pipe(this, dest, options);
  }

  /** Stop piping into `dest`, or into every destination. */
  unpipe(dest) {
    return unpipe(this, dest);
  }

  /** Switch to flowing mode. */
  resume() {
    if (core.rd_resume(this[kCore] || restore(this)) & A.TICK_RESUME) nextTick(resumeNT, this);
    return this;
  }

  /** Stop flowing. */
  pause() {
    if (core.rd_pause(this[kCore] || restore(this)) & A.EMIT_PAUSE) this.emit('pause');
    return this;
  }

  /** True after pause() (or when a 'readable' listener took over) until resume(). */
  isPaused() {
    return core.rd_is_paused(this[kCore] || restore(this));
  }

  on(event, listener) {
    const result = super.on(event, listener);
    if (event === 'data') {
      const r = core.rd_on_data(this[kCore] || restore(this), this.listenerCount('readable') > 0);
      if (r & A.RESUME) this.resume();
    } else if (event === 'readable') {
      const r = core.rd_on_readable(this[kCore] || restore(this));
      if (r & A.TICK_READABLE) nextTick(emitReadableNT, this);
      if (r & A.TICK_READ0) nextTick(read0NT, this);
    }
    return result;
  }

  removeListener(event, listener) {
    const result = super.removeListener(event, listener);
    if (event === 'readable') {
      // After this tick's 'readable' emission, before I/O: once('readable') cycles rely on it.
      nextTick(updateReadableListeningNT, this);
    } else if (event === 'data' && this.listenerCount('data') === 0) {
      core.rd_off_data(this[kCore] || restore(this));
    }
    return result;
  }

  /** A listener's rejected promise, with `captureRejections`: the stream is destroyed with it, as in Node. */
  [captureRejectionSymbol](error) {
    this.destroy(error);
  }

  removeAllListeners(event) {
    const result = super.removeAllListeners(...arguments);
    if (event === 'readable' || event === undefined) nextTick(updateReadableListeningNT, this);
    return result;
  }

  /** Destroy the stream: `_destroy`, then 'error' (when `err`) and 'close' on the next tick. */
  destroy(err, cb) {
    return destroyStream(this, err, cb);
  }

  /** @private the readable side's step once `_construct` succeeded */
  [kOnConstructed]() {
    if (core.rd_on_constructed(this[kCore] || restore(this)) & A.TICK_READ_MORE) nextTick(maybeReadMoreNT, this);
  }

  _destroy(err, cb) {
    cb(err);
  }

  /** @private whether `autoDestroy` is on */
  [kAutoDestroy]() {
    return (core.rd_state(this[kCore] || restore(this)) & S.AUTO_DESTROY) !== 0;
  }

  [Symbol.asyncIterator]() {
    return createAsyncIterator(this);
  }

  /** An async iterator over the chunks; `destroyOnReturn: false` keeps the stream open on break. */
  iterator(options) {
    if (options !== undefined) validateObject(options, 'options');
    return createAsyncIterator(this, options);
  }

  async [Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose')]() {
    let error;
    if (!this.destroyed) {
      error = this.readableEnded ? null : new AbortError();
      this.destroy(error);
    }
    await new Promise((resolve, reject) => {
      eos(this, (err) => (err && err !== error ? reject(err) : resolve(null)));
    });
  }

  /** A Readable of the values of an iterable or async iterable (object mode by default). */
  static from(iterable, options) {
    return from(Readable, iterable, options);
  }

  get readable() {
    return core.rd_readable(this[kCore] || restore(this));
  }

  /** A compatibility knob, as in Node: false makes the stream not readable. */
  set readable(value) {
    core.rd_set_readable(this[kCore] || restore(this), !!value);
  }

  get readableLength() {
    return core.rd_length(this[kCore] || restore(this));
  }

  get readableHighWaterMark() {
    return this[kFields].highWaterMark;
  }

  /** The room left in the buffer: `highWaterMark - length` (the web side's `desiredSize`). */
  get readableDesiredSize() {
    return core.rd_desired_size(this[kCore] || restore(this));
  }

  /** Node's state object, as a live view of the core (js/streams/state.js). */
  get _readableState() {
    return (this._readableStateView ??= new ReadableState(this));
  }

  get readableObjectMode() {
    return (core.rd_state(this[kCore] || restore(this)) & S.OBJECT_MODE) !== 0;
  }

  get readableEnded() {
    return (core.rd_state(this[kCore] || restore(this)) & S.END_EMITTED) !== 0;
  }

  get readableFlowing() {
    const state = core.rd_state(this[kCore] || restore(this));
    return state & S.HAS_FLOWING ? (state & S.FLOWING) !== 0 : null;
  }

  set readableFlowing(value) {
    core.rd_set_flowing(this[kCore] || restore(this), value == null ? -1 : value ? 1 : 0);
  }

  get readableAborted() {
    return core.rd_aborted(this[kCore] || restore(this));
  }

  get readableDidRead() {
    return (core.rd_state(this[kCore] || restore(this)) & S.DATA_EMITTED) !== 0;
  }

  get readableEncoding() {
    return this[kFields].encoding;
  }

  get destroyed() {
    return core.st_is_destroyed(this[kCore] || restore(this));
  }

  /** A compatibility knob, as in Node: marks every side destroyed (or not), and nothing else. */
  set destroyed(value) {
    core.st_set_destroyed(this[kCore] || restore(this), !!value);
  }

  /** The buffered chunks (Node's `_readableState.buffer`). */
  get readableBuffer() {
    return this[kFields].chunks;
  }

  get errored() {
    return core.rd_state(this[kCore] || restore(this)) & S.ERRORED ? this[kFields].erroredValue : null;
  }

  get closed() {
    return (core.rd_state(this[kCore] || restore(this)) & S.CLOSED) !== 0;
  }
}

/**
 * A highwater Readable mirroring `source`, another Node-style stream (node:stream's, an http
 * request, readable-stream's): same object mode, highWaterMark and encoding, with backpressure;
 * it ends or errors when the source does, and destroying it destroys the source (mirror.js).
 */
export function mirrorReadable(source) {
  const objectMode = !!source.readableObjectMode;
  const encoding = objectMode ? undefined : source.readableEncoding ?? undefined;
  const ours = new Readable({ objectMode, highWaterMark: source.readableHighWaterMark, encoding });
  const { read, destroy } = mirror(ours, source, true);
  ours._read = read;
  ours._destroy = destroy;
  return ours;
}

// ---- push / unshift ----

/** Validate and convert a pushed or unshifted chunk, then let the core place it. */
function addChunk(stream, chunk, encoding, toFront) {
  const f = stream[kFields];
  if (chunk === null) return pushEof(stream);
  const h = stream[kCore] || restore(stream);
  const objectMode = f.objectMode;
  let raw = objectMode && f.measure ? f.measure(chunk) : 1;
  let decoded = chunk;
  if (!objectMode) {
    if (typeof chunk === 'string') {
      encoding ||= f.defaultEncoding;
      if (f.encoding !== encoding) {
        const bytes = fromString(chunk, canonicalEncoding(encoding));
        chunk = toFront && f.encoding ? toString(bytes, f.encoding) : bytes;
        encoding = toFront ? encoding : '';
      }
    } else if (isBytes(chunk) || isByteView(chunk)) {
      chunk = toBytes(chunk);
      encoding = '';
    } else if (chunk !== undefined) {
      errorOrDestroy(stream, new ERR_INVALID_ARG_TYPE('chunk', CHUNK_TYPES, chunk));
      return false;
    }
    raw = chunk ? chunk.length : 0;
    decoded = chunk;
  }
  if (!toFront && f.decoder && !encoding && (objectMode || raw > 0)) {
    // Node makes push's checks before the decoder sees the chunk (and throws on a chunk that
    // is not a string or bytes).
    const checked = core.rd_push_to_decoder(h);
    if (checked & A.ERR_PUSH_AFTER_EOF) {
      errorOrDestroy(stream, new ERR_STREAM_PUSH_AFTER_EOF());
      return false;
    }
    if (!(checked & A.BUFFER)) return false;
    decoded = decode(f.decoder, chunk);
  }
  let r = toFront
    ? core.rd_unshift(h, raw)
    : core.rd_push(h, raw, objectMode || raw === 0 ? raw : decoded.length);
  if (r & A.ERR_PUSH_AFTER_EOF) {
    errorOrDestroy(stream, new ERR_STREAM_PUSH_AFTER_EOF());
    return false;
  }
  if (r & A.ERR_UNSHIFT_AFTER_END) {
    errorOrDestroy(stream, new ERR_STREAM_UNSHIFT_AFTER_END_EVENT());
    return false;
  }
  if (r & A.EMIT_DATA) {
    if (f.awaitDrainWriters !== null) clearAwaitDrain(stream);
    stream.emit('data', decoded);
    // push's answer is the core's of now: a listener may have read, even to the end.
    const after = core.rd_after_data(h);
    if (after & A.TICK_READ_MORE) nextTick(maybeReadMoreNT, stream);
    r = (r & ~A.RETURN_TRUE) | (after & A.RETURN_TRUE);
  } else if (r & A.BUFFER) {
    if (toFront) {
      if (f.head > 0) f.chunks[--f.head] = decoded;
      else f.chunks.unshift(decoded);
    } else {
      f.chunks.push(decoded);
    }
  }
  if (r & A.TICK_READABLE) nextTick(emitReadableNT, stream);
  if (r & A.TICK_READ_MORE) nextTick(maybeReadMoreNT, stream);
  return (r & A.RETURN_TRUE) !== 0;
}

/** `decoder.write(chunk)` with Node's StringDecoder's error for what is not a string or bytes. */
function decode(decoder, chunk) {
  if (typeof chunk !== 'string' && !isByteView(chunk)) {
    throw new ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray', 'DataView'], chunk);
  }
  return decoder.write(chunk);
}

/** push(null): the end of the data (after the decoder's last characters). */
function pushEof(stream) {
  const h = stream[kCore] || restore(stream);
  let tail = null;
  if (stream[kFields].decoder && !(core.rd_state(h) & S.ENDED)) tail = stream[kFields].decoder.end();
  const r = core.rd_push_eof(h, tail ? tail.length : 0, stream.listenerCount('readable') > 0);
  if (r & A.BUFFER) stream[kFields].chunks.push(tail);
  if (r & A.TICK_READABLE) nextTick(emitReadableNT, stream);
  if (r & A.EMIT_READABLE_NOW) emitReadableNT(stream);
  return false;
}

// ---- taking data out (Node's fromList) ----

/** Take what the core decided from the front of the chunk queue. */
function take(stream, r, n) {
  const f = stream[kFields];
  const chunks = f.chunks;
  let head = f.head;
  let ret;
  if (r & A.TAKE_FIRST) {
    ret = chunks[head];
    chunks[head++] = null;
  } else if (r & A.TAKE_ALL) {
    ret = head + 1 === chunks.length ? chunks[head] : join(stream, chunks.slice(head));
    head = chunks.length;
  } else {
    n = core.rd_taken(stream[kCore] || restore(stream));
    const first = chunks[head];
    if (n < first.length) {
      ret = first.slice(0, n);
      chunks[head] = first.slice(n);
    } else if (n === first.length) {
      ret = first;
      chunks[head++] = null;
    } else {
      const parts = [];
      while (n > 0) {
        const data = chunks[head];
        if (n >= data.length) {
          parts.push(data);
          n -= data.length;
          chunks[head++] = null;
        } else {
          parts.push(data.slice(0, n));
          chunks[head] = data.slice(n);
          n = 0;
        }
      }
      ret = join(stream, parts);
    }
  }
  if (head === chunks.length) {
    // Taking everything, Node joins with `+=` when there is a decoder: even one byte chunk
    // (unshifted after setEncoding) comes out as a string, read as UTF-8.
    if (f.decoder && !f.objectMode && typeof ret !== 'string') ret = toString(ret, 'utf8');
    chunks.length = 0;
    head = 0;
  } else if (head > 1024) {
    chunks.splice(0, head);
    head = 0;
  }
  f.head = head;
  return ret;
}

/** Joins taken chunks into one: a string when there is a decoder, else one byte chunk. */
function join(stream, parts) {
  if (stream[kFields].decoder) {
    // Node joins with `+=`, so a byte chunk (unshifted after setEncoding) reads as UTF-8.
    let text = '';
    for (const part of parts) text += typeof part === 'string' ? part : toString(part, 'utf8');
    return text;
  }
  let total = 0;
  for (const part of parts) total += part.length;
  return concat(parts, total);
}

/**
 * `read(n)` from the core's first answer `r` on (`rd_read`, or `rd_flow_read` for flow's reads):
 * `_read` when due, then what the core decided.
 */
function completeRead(stream, n, r) {
  const f = stream[kFields];
  const h = stream[kCore] || restore(stream);
  if (r & A.ERR_OUT_OF_RANGE) throw new ERR_OUT_OF_RANGE('size', '<= 1GiB', n);
  if (n > f.highWaterMark) f.highWaterMark = core.rd_hwm(h);
  if (r & A.CALL_READ) {
    try {
      stream._read(f.highWaterMark);
    } catch (err) {
      errorOrDestroy(stream, err);
    }
    r = core.rd_read_after_read(h, n);
  }
  let ret = null;
  if (r & TAKE) {
    ret = take(stream, r, n);
    if (f.awaitDrainWriters !== null) clearAwaitDrain(stream);
  }
  if (r & A.TICK_END) nextTick(endNT, stream);
  if (r & A.TICK_READABLE) nextTick(emitReadableNT, stream);
  if (r & A.EMIT_DATA) stream.emit('data', ret);
  return ret;
}

// ---- ticks ----

function emitReadableNT(stream) {
  const h = stream[kCore] || restore(stream);
  const emit = (core.rd_readable_tick(h) & A.EMIT_READABLE) !== 0;
  if (emit) stream.emit('readable');
  if (core.rd_after_readable_tick(h, emit) & A.FLOW) flow(stream);
}

function flow(stream) {
  const h = stream[kCore] || restore(stream);
  if (stream.read === ReadableMembers.prototype.read) {
    // Our own read(): one call checks flowing and reads.
    while (completeRead(stream, NaN, core.rd_flow_read(h)) !== null);
  } else {
    while (core.rd_is_flowing(h) && stream.read() !== null);
  }
}

/**
 * A web reader's pull starts or stops waiting for data (`Readable.toWeb`): the core then counts
 * it as a consumer that wants a chunk now, and reads on after a push that added nothing.
 */
export function webWaiting(stream, waiting) {
  const r = core.rd_set_web_waiting(stream[kCore] || restore(stream), waiting);
  if (r & A.TICK_READ_MORE) nextTick(maybeReadMoreNT, stream);
  if (r & A.READ0) stream.read(0);
}

function maybeReadMoreNT(stream) {
  const h = stream[kCore] || restore(stream);
  if (!core.rd_read_more_start(h)) return;
  do stream.read(0);
  while (core.rd_read_more_again(h));
}

function endNT(stream) {
  if (!(core.rd_end_tick(stream[kCore] || restore(stream)) & A.EMIT_END)) return;
  stream.emit('end');
  const next = core.st_after_end(stream[kCore] || restore(stream), stream.allowHalfOpen !== false);
  if (next === AFTER_END.END_WRITABLE) nextTick(endWritableNT, stream);
  else if (next === AFTER_END.DESTROY) stream.destroy();
}

function endWritableNT(stream) {
  if (core.st_end_writable_due(stream[kCore] || restore(stream))) stream.end();
}

function read0NT(stream) {
  stream.read(0);
}

function resumeNT(stream) {
  const h = stream[kCore] || restore(stream);
  const r = core.rd_resume_tick(h);
  if (r & A.READ0) stream.read(0);
  core.rd_resume_scheduled_done(h);
  if (r & A.EMIT_RESUME) stream.emit('resume');
  if (r & A.FLOW) flow(stream);
  if (core.rd_resume_tick_end(h) & A.READ0) stream.read(0);
}

function updateReadableListeningNT(stream) {
  const r = core.rd_update_readable_listening(stream[kCore] || restore(stream), stream.listenerCount('readable') > 0);
  if (r & A.RESUME) stream.resume();
}

/** `getDefaultHighWaterMark(objectMode)`. */
export function getDefaultHighWaterMark(objectMode) {
  return core.hw_default_hwm(!!objectMode);
}

/** `setDefaultHighWaterMark(objectMode, value)`. */
export function setDefaultHighWaterMark(objectMode, value) {
  validateInteger(value, 'value', 0);
  core.hw_set_default_hwm(!!objectMode, value);
}

defineClass(Readable, ReadableMembers);
// The same functions under both names, as in Node (code compares them).
Readable.prototype.addListener = Readable.prototype.on;
Readable.prototype.off = Readable.prototype.removeListener;
defineHandle(Readable.prototype);
installOperators(Readable);
