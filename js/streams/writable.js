/**
 * Writable: Node's writable stream API over the Rust core. As in readable.js, the core takes
 * every decision (buffer or write, what write() returns, when 'drain', 'prefinish', 'finish' and
 * callbacks run); this file keeps the chunks and callbacks and carries the decisions out.
 * Duplex reuses the writable-side functions here on a stream that has both sides.
 */
import { kCore, kFields, kOnConstructed } from './fields.js';
import { core, S, WS, WA, OPT, END_CB } from '../platform/core.js';
import { Stream } from './stream.js';
import { nextTick } from '../platform/tick.js';
import { defineHandle, release, restore, track } from './lifetime.js';
import { defineClass, hasBothSides, takeMethods } from './classes.js';
import { captureRejectionSymbol, initStreamEmitter } from '../platform/events.js';
import { construct, destroyStream, errorOrDestroy } from './destroy.js';
import { eos } from '../composition/finished.js';
import { WritableState } from './state.js';
import { canonicalEncoding, highWaterMarkFrom } from './options.js';
import { fromString, isBuffer, isByteView, normalizeEncoding, toBytes } from '../platform/bytes.js';
import {
  AbortError, ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED, ERR_MULTIPLE_CALLBACK,
  ERR_STREAM_ALREADY_FINISHED, ERR_STREAM_CANNOT_PIPE, ERR_STREAM_DESTROYED,
  ERR_STREAM_NULL_VALUES, ERR_STREAM_WRITE_AFTER_END, ERR_UNKNOWN_ENCODING,
} from '../platform/errors.js';

const CHUNK_TYPES = ['string', 'Buffer', 'TypedArray', 'DataView'];
const nop = () => {};

/** Marks a stream that has a writable side, for `instanceof Writable` (Node does the same). */
const kWritableSide = Symbol('kWritableSide');

/** Option bits and highWaterMark of the writable side. */
export function writableOptions(options, isDuplex) {
  let bits = OPT.PRESENT;
  let hwm = NaN;
  if (options) {
    if (options.objectMode || (isDuplex && options.writableObjectMode)) bits |= OPT.OBJECT_MODE;
    hwm = highWaterMarkFrom(options, 'writableHighWaterMark', isDuplex);
    if (options.emitClose === false) bits |= OPT.NO_EMIT_CLOSE;
    if (options.autoDestroy === false) bits |= OPT.NO_AUTO_DESTROY;
    if (options.defaultEncoding != null) canonicalEncoding(options.defaultEncoding);
    if (isDuplex && options.writable === false) bits |= OPT.DISABLED;
  }
  return { bits, hwm };
}

/** The JS half of a writable side: what the core does not hold (chunks, callbacks). */
export function initWritable(stream, options) {
  const f = stream[kFields];
  f.writableObjectMode = (core.wr_state(stream[kCore] || restore(stream)) & S.OBJECT_MODE) !== 0;
  f.decodeStrings = options?.decodeStrings !== false;
  f.writableDefaultEncoding = options?.defaultEncoding ?? 'utf8';
  f.buffered = [];
  f.onFinished = [];
  f.onwrite = (err) => onwrite(stream, err);
}

/**
 * A Node-style writable stream. A function, as Node's (js/streams/classes.js): `Writable(options)`
 * without `new` makes one, and old-style subclasses run it on themselves
 * (`Writable.call(this, options)` after `util.inherits(My, Writable)`).
 */
export function Writable(options) {
  if (!(this instanceof Writable)) return new Writable(options);
  if (hasBothSides(this)) takeMethods(this, options, false, true);
  else initWritableStream(this, options);
}

/** Makes `stream` a writable stream (a stream made before gives its old core back first). */
function initWritableStream(stream, options) {
  if (Object.hasOwn(stream, kCore)) release(stream);
  stream._events ??= { close: undefined, error: undefined, prefinish: undefined, finish: undefined, drain: undefined };
  initStreamEmitter(stream, options);
  const w = writableOptions(options, false);
  const handle = core.st_new(NaN, 0, w.hwm, w.bits);
  /** @private `_core`: the core's handle, read as `_h` (js/streams/lifetime.js) */
  track(stream, handle);
  initWritable(stream, options);
  if (options) takeMethods(stream, options, false, true);
  if (stream._construct != null) construct(stream);
}

class WritableMembers extends Stream {
  /** True for Writables and for streams with a writable side (Duplex, Transform). */
  static [Symbol.hasInstance](instance) {
    if (Function.prototype[Symbol.hasInstance].call(this, instance)) return true;
    return this === Writable && instance?.[kWritableSide] === true;
  }

  /** Write a chunk; false when the buffer reached the highWaterMark (wait for 'drain'). */
  write(chunk, encoding, cb) {
    if (encoding != null && typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    return writeChunk(this, chunk, encoding, cb) === true;
  }

  /** Called for each chunk; streams implement it or pass `write` in options. */
  _write(chunk, encoding, cb) {
    if (this._writev) {
      this._writev([{ chunk, encoding }], cb);
    } else {
      throw new ERR_METHOD_NOT_IMPLEMENTED('_write()');
    }
  }

  /** Hold writes in the buffer until uncork(). */
  cork() {
    core.wr_cork(this[kCore] || restore(this));
  }

  /** Undo one cork(); the last one hands the buffered writes over (to _writev when there is one). */
  uncork() {
    if (core.wr_uncork(this[kCore] || restore(this)) & WA.CLEAR_BUFFER) clearBuffer(this);
  }

  /** The encoding of string chunks written without one. */
  setDefaultEncoding(encoding) {
    if (typeof encoding === 'string') encoding = encoding.toLowerCase();
    if (normalizeEncoding(encoding) === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    this[kFields].writableDefaultEncoding = encoding;
    return this;
  }

  /** Write a last chunk (optional) and finish: `_final`, then 'finish'. */
  end(chunk, encoding, cb) {
    const h = this[kCore] || restore(this);
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = null;
      encoding = null;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    let err;
    if (chunk != null) {
      const ret = writeChunk(this, chunk, encoding);
      if (ret instanceof Error) err = ret;
    }
    if (core.wr_end_uncork(h)) this.uncork();
    const r = core.wr_end(h, !!err);
    if (r & WA.FINISH_MAYBE) {
      finishMaybe(this, true);
      core.wr_set_ended(h);
    } else if (r & WA.ERR_ALREADY_FINISHED) {
      err = new ERR_STREAM_ALREADY_FINISHED('end');
    } else if (r & WA.ERR_DESTROYED) {
      err = new ERR_STREAM_DESTROYED('end');
    }
    if (typeof cb === 'function') {
      if (err) {
        nextTick(cb, err);
      } else {
        const when = core.wr_end_callback(h);
        if (when === END_CB.ERRORED) nextTick(cb, writableErrored(this));
        else if (when === END_CB.FINISHED) nextTick(cb, null);
        else this[kFields].onFinished.push(cb);
      }
    }
    return this;
  }

  /** A Writable cannot be piped from: ERR_STREAM_CANNOT_PIPE. */
  pipe() {
    errorOrDestroy(this, new ERR_STREAM_CANNOT_PIPE());
  }

  /** A listener's rejected promise, with `captureRejections`: the stream is destroyed with it, as in Node. */
  [captureRejectionSymbol](error) {
    this.destroy(error);
  }

  /** Destroy the stream; buffered writes and end() callbacks fail on the next tick. */
  destroy(err, cb) {
    if (core.wr_destroy_fails_buffer(this[kCore] || restore(this))) nextTick(errorBufferNT, this);
    return destroyStream(this, err, cb);
  }

  _destroy(err, cb) {
    cb(err);
  }

  /** @private the writable side's step once `_construct` succeeded */
  [kOnConstructed]() {
    writableConstructed(this);
  }

  async [Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose')]() {
    let error;
    if (!this.destroyed) {
      error = this.writableFinished ? null : new AbortError();
      this.destroy(error);
    }
    await new Promise((resolve, reject) => {
      eos(this, (err) => (err && err.name !== 'AbortError' ? reject(err) : resolve(null)));
    });
  }

  get writable() {
    return core.wr_writable(this[kCore] || restore(this));
  }

  /** A compatibility knob, as in Node: false makes the stream not writable. */
  set writable(value) {
    core.wr_set_writable(this[kCore] || restore(this), !!value);
  }

  get writableLength() {
    return core.wr_length(this[kCore] || restore(this));
  }

  get writableHighWaterMark() {
    return core.wr_hwm(this[kCore] || restore(this));
  }

  /** The room left before write() returns false: `highWaterMark - length`. */
  get writableDesiredSize() {
    return core.wr_desired_size(this[kCore] || restore(this));
  }

  /** Node's state object, as a live view of the core (js/streams/state.js). */
  get _writableState() {
    return (this._writableStateView ??= new WritableState(this));
  }

  get writableObjectMode() {
    return this[kFields].writableObjectMode;
  }

  get writableFinished() {
    return (core.wr_state(this[kCore] || restore(this)) & WS.FINISHED) !== 0;
  }

  get writableEnded() {
    return (core.wr_state(this[kCore] || restore(this)) & WS.ENDING) !== 0;
  }

  get writableNeedDrain() {
    return core.wr_need_drain(this[kCore] || restore(this));
  }

  get writableCorked() {
    return core.wr_corked(this[kCore] || restore(this));
  }

  get writableAborted() {
    return core.wr_aborted(this[kCore] || restore(this));
  }

  get destroyed() {
    return core.st_is_destroyed(this[kCore] || restore(this));
  }

  /** A compatibility knob, as in Node: marks the stream destroyed (or not), and nothing else. */
  set destroyed(value) {
    core.st_set_destroyed(this[kCore] || restore(this), !!value);
  }

  /** The writes waiting in the buffer (Node's `_writableState.getBuffer()`). */
  get writableBuffer() {
    return this._writableState.getBuffer();
  }

  get errored() {
    return writableErrored(this);
  }

  get closed() {
    return (core.wr_state(this[kCore] || restore(this)) & S.CLOSED) !== 0;
  }
}

defineClass(Writable, WritableMembers);
defineHandle(Writable.prototype);
Writable.prototype._writev = null;
Writable.prototype[kWritableSide] = true;

/** The writable side's error, as Node's `writableState.errored`. */
function writableErrored(stream) {
  return core.wr_state(stream[kCore] || restore(stream)) & S.ERRORED ? stream[kFields].erroredValue : null;
}

/** The writable side's on-constructed step (Node's WritableState[kOnConstructed]). */
export function writableConstructed(stream) {
  const r = core.wr_on_constructed(stream[kCore] || restore(stream));
  if (r & WA.CLEAR_BUFFER) clearBuffer(stream);
  if (r & WA.FINISH_MAYBE) finishMaybe(stream, false);
}

/**
 * How many bytes `write(chunk)` will add to a byte-mode Writable's length, for any Node-style
 * Writable (read through `_writableState`), without writing: a string's bytes in the default
 * encoding (its length with `decodeStrings: false`), a byte view's byteLength, 0 for what write()
 * refuses. `writeChunk` below measures the same once it has converted the chunk.
 */
export function writtenBytes(stream, chunk) {
  const state = stream._writableState;
  if (typeof chunk === 'string') {
    return state?.decodeStrings === false ? chunk.length : fromString(chunk, state?.defaultEncoding ?? 'utf8').length;
  }
  return typeof chunk?.byteLength === 'number' ? chunk.byteLength : 0;
}

/** Node's `_write(stream, chunk, encoding, cb)`: true/false as write() returns, or the error. */
function writeChunk(stream, chunk, encoding, cb) {
  const f = stream[kFields];
  if (cb == null || typeof cb !== 'function') cb = nop;
  if (chunk === null) throw new ERR_STREAM_NULL_VALUES();
  if (!f.writableObjectMode) {
    if (!encoding) {
      encoding = f.writableDefaultEncoding;
    } else if (encoding !== 'buffer' && normalizeEncoding(encoding) === undefined) {
      throw new ERR_UNKNOWN_ENCODING(encoding);
    }
    if (typeof chunk === 'string') {
      if (encoding === 'buffer') throw new ERR_UNKNOWN_ENCODING(encoding);
      if (f.decodeStrings) {
        chunk = fromString(chunk, encoding);
        encoding = 'buffer';
      }
    } else if (isBuffer(chunk)) {
      encoding = 'buffer';
    } else if (isByteView(chunk)) {
      chunk = toBytes(chunk);
      encoding = 'buffer';
    } else {
      throw new ERR_INVALID_ARG_TYPE('chunk', CHUNK_TYPES, chunk);
    }
  }
  const h = stream[kCore] || restore(stream);
  const r = core.wr_write(h, f.writableObjectMode ? 1 : chunk.length, cb !== nop, encoding === 'buffer');
  if (r & (WA.ERR_WRITE_AFTER_END | WA.ERR_DESTROYED)) {
    const err = r & WA.ERR_WRITE_AFTER_END ? new ERR_STREAM_WRITE_AFTER_END() : new ERR_STREAM_DESTROYED('write');
    nextTick(cb, err);
    errorOrDestroy(stream, err, true);
    return err;
  }
  if (r & WA.BUFFER) {
    f.buffered.push({ chunk, encoding, callback: cb });
    return (r & WA.RETURN_TRUE) !== 0;
  }
  if (!(r & WA.CALL_WRITE)) return false;
  if (cb !== nop) f.writecb = cb;
  stream._write(chunk, encoding, f.onwrite);
  return (core.wr_write_done(h) & WA.RETURN_TRUE) !== 0;
}

/** The callback `_write` and `_writev` get (Node's onwrite). */
function onwrite(stream, err) {
  const f = stream[kFields];
  const cb = f.writecb ?? nop;
  const info = f.afterWriteInfo;
  onwriteActions(stream, err, cb, core.st_onwrite(stream[kCore] || restore(stream), !!err, cb !== nop, info !== null && info.cb === cb));
}

/**
 * A Transform's `_transform` called back without an error, its value pushed (`callback`: what
 * its `_write` was given): one core call says whether the callback waits for `_read`, runs on
 * the next tick or runs now, and when it runs now and is the stream's own onwrite, runs onwrite
 * in the core too (Transform's `_write` in js/streams/transform.js).
 */
export function transformCallback(stream, callback) {
  const own = callback === stream[kFields].onwrite;
  const cb = stream[kFields].writecb ?? nop;
  const info = stream[kFields].afterWriteInfo;
  const r = core.st_transform_callback(stream[kCore] || restore(stream), own, cb !== nop, info !== null && info.cb === cb);
  if (r & WA.CALLBACK_NEXT_TICK) nextTick(callback);
  else if (r & WA.CALLBACK_HOLD) stream[kFields].transformCallback = callback;
  else if (own) onwriteActions(stream, undefined, cb, r);
  else callback();
}

/**
 * The rest of onwrite, from the bits of `st_onwrite` (or of `st_transform_callback`, which runs
 * the same): `cb` is the write's callback as it was when the core was called.
 */
function onwriteActions(stream, err, cb, r) {
  if (r & WA.ERR_MULTIPLE_CALLBACK) {
    errorOrDestroy(stream, new ERR_MULTIPLE_CALLBACK());
    return;
  }
  stream[kFields].writecb = null;
  if (err) {
    if (r & WA.SET_ERRORED && stream[kFields].erroredValue === null) stream[kFields].erroredValue = err;
    if (r & WA.WRITE_ERROR_TICK) nextTick(onwriteError, stream, err, cb);
    else if (r & WA.WRITE_ERROR_NOW) onwriteError(stream, err, cb);
    return;
  }
  let next = r;
  if (r & WA.CLEAR_BUFFER) {
    // The core stopped before after_onwrite: the buffered writes go first.
    clearBuffer(stream);
    const info = stream[kFields].afterWriteInfo;
    next = core.wr_after_onwrite(stream[kCore] || restore(stream), cb !== nop, info !== null && info.cb === cb, (r & WA.WRITE_SYNC) !== 0);
  }
  if (next & WA.AFTER_WRITE_TICK) {
    nextTick(afterWrite, stream, 1, nop, false);
  } else if (next & WA.TICK_INFO_COUNT) {
    stream[kFields].afterWriteInfo.count++;
  } else if (next & WA.TICK_INFO_NEW) {
    stream[kFields].afterWriteInfo = { count: 1, cb };
    nextTick(afterWriteTick, stream, stream[kFields].afterWriteInfo);
  } else if (next & WA.AFTER_WRITE_NOW) {
    afterWrite(stream, 1, cb, false);
  } else if (next & WA.FINISH_MAYBE) {
    finishMaybe(stream, true);
  }
}

function onwriteError(stream, err, cb) {
  core.wr_onwrite_error(stream[kCore] || restore(stream));
  cb(err);
  failBuffer(stream, core.wr_error_buffer(stream[kCore] || restore(stream)));
  errorOrDestroy(stream, err);
}

function afterWriteTick(stream, info) {
  stream[kFields].afterWriteInfo = null;
  afterWrite(stream, info.count, info.cb, true);
}

/** Node's afterWrite: 'drain' when due, then the write callbacks, then maybe finish. */
function afterWrite(stream, count, cb, fromTick) {
  const h = stream[kCore] || restore(stream);
  if (core.wr_after_write(h, fromTick) & WA.EMIT_DRAIN) stream.emit('drain');
  while (count-- > 0) {
    core.wr_callback_due(h);
    cb(null);
  }
  const r = core.wr_after_write_end(h);
  failBuffer(stream, r);
  if (r & WA.FINISH_MAYBE) finishMaybe(stream, true);
}

function errorBufferNT(stream) {
  failBuffer(stream, core.wr_error_buffer(stream[kCore] || restore(stream)));
}

/** Fail the buffered writes and the end() callbacks, as `errorBuffer` decided. */
function failBuffer(stream, r) {
  const errored = writableErrored(stream);
  if (r & WA.ERROR_BUFFER) {
    const waiting = stream[kFields].buffered.slice(stream[kFields].bufferedIndex);
    stream[kFields].buffered = [];
    stream[kFields].bufferedIndex = 0;
    for (const { callback } of waiting) callback(errored ?? new ERR_STREAM_DESTROYED('write'));
  }
  if (r & WA.FINISHED_CBS) callFinished(stream, errored ?? new ERR_STREAM_DESTROYED('end'));
}

/** Call (once) every callback end() left. */
function callFinished(stream, err) {
  const callbacks = stream[kFields].onFinished;
  stream[kFields].onFinished = [];
  for (const cb of callbacks) cb(err);
}

/** Node's clearBuffer: hand the buffered writes to `_writev` at once or to `_write` in turn. */
function clearBuffer(stream) {
  const h = stream[kCore] || restore(stream);
  const r = core.wr_clear_buffer(h, !!stream._writev);
  if (r & WA.CALL_WRITEV) {
    const entries = stream[kFields].buffered;
    const start = stream[kFields].bufferedIndex;
    const state = core.wr_state(h);
    const allNoop = (state & WS.ALL_NOOP) !== 0;
    const chunks = allNoop && start === 0 ? entries : entries.slice(start);
    chunks.allBuffers = (state & WS.ALL_BUFFERS) !== 0;
    if (!allNoop) {
      stream[kFields].writecb = (err) => {
        for (let n = start; n < entries.length; n++) entries[n].callback(err);
      };
    }
    stream._writev(chunks, stream[kFields].onwrite);
    core.wr_writev_done(h);
    stream[kFields].buffered = [];
    stream[kFields].bufferedIndex = 0;
    return;
  }
  if (!(r & WA.CONTINUE)) return;
  const entries = stream[kFields].buffered;
  let i = stream[kFields].bufferedIndex;
  let more;
  do {
    const { chunk, encoding, callback } = entries[i];
    entries[i++] = null;
    const next = core.wr_next_buffered_write(h, callback !== nop);
    if (callback !== nop) stream[kFields].writecb = callback;
    if (next & WA.ERR_DESTROYED) stream[kFields].onwrite(new ERR_STREAM_DESTROYED('write'));
    else if (next & WA.CALL_WRITE) stream._write(chunk, encoding, stream[kFields].onwrite);
    more = core.wr_buffered_write_done(h) & WA.CONTINUE;
  } while (more);
  if (i === entries.length) {
    stream[kFields].buffered = [];
    stream[kFields].bufferedIndex = 0;
  } else if (i > 256 && i * 2 >= entries.length) {
    entries.splice(0, i);
    stream[kFields].bufferedIndex = 0;
  } else {
    stream[kFields].bufferedIndex = i;
  }
}

/** Node's finishMaybe: `_final` or 'prefinish', then 'finish' now or on the next tick. */
function finishMaybe(stream, sync) {
  const h = stream[kCore] || restore(stream);
  const r = core.wr_finish_maybe(h, typeof stream._final === 'function');
  if (!(r & WA.NEED_FINISH)) return;
  if (r & WA.CALL_FINAL) {
    try {
      stream._final((err) => onFinal(stream, err));
    } catch (err) {
      onFinal(stream, err);
    }
    core.wr_final_returned(h);
  } else if (r & WA.EMIT_PREFINISH) {
    stream.emit('prefinish');
  }
  const next = core.wr_finish_maybe_end(h, !!sync);
  if (next & WA.TICK_FINISH) nextTick(finishTick, stream);
  else if (next & WA.FINISH_NOW) finish(stream);
}

/** `_final`'s callback (Node's onFinish). */
function onFinal(stream, err) {
  const r = core.wr_on_final(stream[kCore] || restore(stream), !!err);
  if (r & WA.ERR_MULTIPLE_CALLBACK) {
    errorOrDestroy(stream, err ?? new ERR_MULTIPLE_CALLBACK());
    return;
  }
  if (r & WA.FINISHED_CBS) callFinished(stream, err);
  if (r & WA.ERROR_OR_DESTROY) errorOrDestroy(stream, err, (r & WA.ERROR_SYNC) !== 0);
  if (r & WA.EMIT_PREFINISH) stream.emit('prefinish');
  if (r & WA.TICK_FINISH_DIRECT) nextTick(finish, stream);
}

function finishTick(stream) {
  if (core.wr_finish_tick(stream[kCore] || restore(stream)) & WA.FINISH_NOW) finish(stream);
}

/** 'finish': the end() callbacks, the event, then destroy when both sides are done. */
function finish(stream) {
  if (core.wr_finish(stream[kCore] || restore(stream)) & WA.FINISHED_CBS) callFinished(stream, null);
  stream.emit('finish');
  if (core.st_after_finish(stream[kCore] || restore(stream))) stream.destroy();
}

export { kWritableSide };
