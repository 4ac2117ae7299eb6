/**
 * Transform and PassThrough: a Duplex whose writes go through `_transform` to its readable side.
 * When the readable side is full and unread, the write callback is held, so the writable side
 * stops accepting; the core decides (st_transform_callback).
 */
import { kFields } from './fields.js';
import { Duplex } from './duplex.js';
import { initReadable, kTransform } from './readable.js';
import { transformCallback } from './writable.js';
import { defineClass } from './classes.js';
import { highWaterMarkFrom } from './options.js';
import { ERR_METHOD_NOT_IMPLEMENTED } from '../platform/errors.js';

/**
 * A Node-style transform stream. A function, as Node's: callable without `new`, and by old-style
 * subclasses (`Transform.call(this, options)`, as through2 does).
 */
export function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  initTransform(this, options);
}

function initTransform(stream, options) {
  // A readable highWaterMark of 0 makes the writable side default to 0 too (as in Node).
  const readableHighWaterMark = options ? highWaterMarkFrom(options, 'readableHighWaterMark', true) : NaN;
  if (readableHighWaterMark === 0) {
    options = {
      ...options,
      highWaterMark: null,
      readableHighWaterMark,
      writableHighWaterMark: options.writableHighWaterMark || 0,
    };
  }
  initReadable(stream, options, kTransform);
  const f = stream[kFields];
  f.transformDone = transformDone(stream, f.onwrite);
  if (options) {
    if (typeof options.transform === 'function') stream._transform = options.transform;
    if (typeof options.flush === 'function') stream._flush = options.flush;
  }
  stream.on('prefinish', prefinish);
}

class TransformMembers extends Duplex {
  _transform(chunk, encoding, callback) {
    throw new ERR_METHOD_NOT_IMPLEMENTED('_transform()');
  }

  _write(chunk, encoding, callback) {
    const f = this[kFields];
    const done = callback === f.onwrite ? f.transformDone : transformDone(this, callback);
    this._transform(chunk, encoding, done);
  }

  _read() {
    const callback = this[kFields].transformCallback;
    if (callback) {
      this[kFields].transformCallback = null;
      callback();
    }
  }
}

/**
 * The callback `_transform` gets: push its value, then let the core decide about the write's
 * `callback`. Writes are one at a time, so the stream's own writes share one such function.
 */
function transformDone(stream, callback) {
  return (err, value) => {
    if (err) {
      callback(err);
      return;
    }
    if (value != null) stream.push(value);
    transformCallback(stream, callback);
  };
}

/** `_final`: run `_flush`, push its data, then end the readable side. */
function final(cb) {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush((err, data) => {
      if (err) {
        if (cb) cb(err);
        else this.destroy(err);
        return;
      }
      if (data != null) this.push(data);
      this.push(null);
      if (cb) cb();
    });
  } else {
    this.push(null);
    if (cb) cb();
  }
}

/** A user's own `_final` replaced ours: flush at 'prefinish' instead. */
function prefinish() {
  if (this._final !== final) final.call(this);
}

defineClass(Transform, TransformMembers);
Transform.prototype._final = final;

/** A Transform that passes every chunk through unchanged; a function, as Node's (see Transform). */
export function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  initTransform(this, options);
}

class PassThroughMembers extends Transform {
  _transform(chunk, encoding, callback) {
    callback(null, chunk);
  }
}
defineClass(PassThrough, PassThroughMembers);
