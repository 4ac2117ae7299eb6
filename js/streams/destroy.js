/**
 * What every stream kind shares (Node's destroy.js): destroy, errorOrDestroy and _construct,
 * carried out as the core's lifecycle rules (st_* functions) say.
 */
import { kCore, kFields, kOnConstructed } from './fields.js';
import { core, A } from '../platform/core.js';
import { nextTick } from '../platform/tick.js';
import { restore, retire } from './lifetime.js';
import { AbortError, aggregateTwoErrors, ERR_MULTIPLE_CALLBACK } from '../platform/errors.js';
import { isDestroyed, isFinished, isRequest, kIsDestroyed } from '../composition/utils.js';

/** Keep `err` as the stream's `errored` value unless one is kept already. */
export function recordError(stream, err) {
  if (stream[kFields].erroredValue === null) stream[kFields].erroredValue = err;
}

/** `destroy(err, cb)`: `_destroy`, then 'error' (when `err`) and 'close' on the next tick. */
export function destroyStream(stream, err, cb) {
  const r = core.st_destroy(stream[kCore] || restore(stream), !!err);
  if (r & A.ALREADY) {
    if (typeof cb === 'function') cb();
    return stream;
  }
  if (r & A.SET_ERRORED) recordError(stream, err);
  if (r & A.WAIT_CONSTRUCT) {
    stream[kFields].afterConstruct = (constructErr) => runDestroy(stream, aggregateTwoErrors(constructErr, err), cb);
  } else if (r & A.CALL_DESTROY) {
    runDestroy(stream, err, cb);
  }
  return stream;
}

function runDestroy(stream, err, cb) {
  const onDestroy = (err) => {
    const r = core.st_destroyed(stream[kCore] || restore(stream), !!err);
    if (r & A.ALREADY) return;
    if (r & A.SET_ERRORED) recordError(stream, err);
    if (typeof cb === 'function') cb(err);
    if (err) nextTick(emitErrorCloseNT, stream, err);
    else nextTick(emitCloseNT, stream);
  };
  try {
    stream._destroy(err || null, onDestroy);
  } catch (err) {
    onDestroy(err);
  }
}

function emitErrorCloseNT(stream, err) {
  emitErrorNT(stream, err);
  emitCloseNT(stream);
}

function emitErrorNT(stream, err) {
  if (core.st_error_tick(stream[kCore] || restore(stream)) & A.EMIT_ERROR) stream.emit('error', err);
}

function emitCloseNT(stream) {
  if (core.st_close_tick(stream[kCore] || restore(stream)) & A.EMIT_CLOSE) stream.emit('close');
  retire(stream);
}

/** Node's errorOrDestroy: destroy with the error, or (autoDestroy off) record and emit it. */
export function errorOrDestroy(stream, err, sync) {
  const r = core.st_error_or_destroy(stream[kCore] || restore(stream), !!err, !!sync);
  if (r & A.DESTROY) {
    stream.destroy(err);
    return;
  }
  if (r & A.SET_ERRORED) recordError(stream, err);
  if (r & A.TICK_ERROR) nextTick(emitErrorNT, stream, err);
  if (r & A.EMIT_ERROR) stream.emit('error', err);
}

/** Run `_construct` on the next tick; reads, writes and destroys wait until its callback. */
export function construct(stream) {
  core.st_construct_begin(stream[kCore] || restore(stream));
  nextTick(constructNT, stream);
}

function constructNT(stream) {
  const onConstruct = (err) => {
    const r = core.st_constructed(stream[kCore] || restore(stream), !!err);
    if (r & A.ALREADY) {
      errorOrDestroy(stream, err ?? new ERR_MULTIPLE_CALLBACK());
    } else if (r & A.WAIT_CONSTRUCT) {
      const destroy = stream[kFields].afterConstruct;
      stream[kFields].afterConstruct = null;
      destroy?.(err);
    } else if (r & A.DESTROY) {
      stream.destroy(err);
    } else if (r & A.CONSTRUCTED_OK) {
      stream[kOnConstructed]();
    } else {
      if (r & A.SET_ERRORED) recordError(stream, err);
      if (r & A.TICK_ERROR) nextTick(emitErrorNT, stream, err);
    }
  };
  try {
    stream._construct((err) => nextTick(onConstruct, err));
  } catch (err) {
    nextTick(onConstruct, err);
  }
}

/**
 * Node's destroyer: destroy any stream (highwater's, node:stream's, an http request, an
 * emitter), with an AbortError when it stopped before its end.
 */
export function destroyer(stream, err) {
  if (!stream || isDestroyed(stream)) return;
  if (!err && !isFinished(stream)) err = new AbortError();
  if (isRequest(stream)) stream.abort();
  else if (isRequest(stream.req)) stream.req.abort();
  else if (typeof stream.destroy === 'function') stream.destroy(err);
  else if (typeof stream.close === 'function') stream.close();
  else if (err) nextTick(() => stream.emit('error', err));
  else nextTick(() => stream.emit('close'));
  if (!stream.destroyed) stream[kIsDestroyed] = true;
}
