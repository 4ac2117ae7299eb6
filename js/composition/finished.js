/**
 * finished (Node's end-of-stream): call back once a stream is done, with its error, or with
 * ERR_STREAM_PREMATURE_CLOSE when it closed before its end. It works on any Node-style stream:
 * highwater's, node:stream's, and older emitter-based ones. It asks highwater's core, and reads
 * any other stream's state the way Node does (js/composition/utils.js).
 */
import { nextTick } from '../platform/tick.js';
import { core } from '../platform/core.js';
import {
  isNodeStream, isRequest, isReadable, isReadableFinished, isReadableNodeStream, isWritable,
  isWritableFinished, isWritableNodeStream, ownCore,
} from './utils.js';
import {
  AbortError, ERR_INVALID_ARG_TYPE, ERR_STREAM_PREMATURE_CLOSE,
  validateAbortSignal, validateFunction, validateObject,
} from '../platform/errors.js';

const nop = () => {};

function isClosed(stream) {
  const h = ownCore(stream);
  if (h !== 0) return core.st_is_closed(h);
  if (typeof stream.closed === 'boolean') return stream.closed;
  const w = stream._writableState;
  const r = stream._readableState;
  if (typeof w?.closed === 'boolean' || typeof r?.closed === 'boolean') return w?.closed || r?.closed;
  return null;
}

/** The stream will emit 'close' by itself once done. */
function willEmitClose(stream) {
  const h = ownCore(stream);
  if (h !== 0) return core.st_will_emit_close(h);
  const state = stream._writableState || stream._readableState;
  return !!(state?.autoDestroy && state.emitClose && state.closed === false);
}

/** The error of either side, if any. */
function erroredOf(stream) {
  const error = stream.writableErrored ?? stream._writableState?.errored ??
    stream.readableErrored ?? stream._readableState?.errored;
  return error || null;
}

/** What a 'close' means: the stream's error, a premature close, or null for a proper end. */
function closeError(stream, readable, readableFinished, writable, writableFinished) {
  const errored = erroredOf(stream);
  if (errored) return errored;
  if (readable && !readableFinished && isReadableNodeStream(stream, true) && !isReadableFinished(stream, false)) {
    return new ERR_STREAM_PREMATURE_CLOSE();
  }
  if (writable && !writableFinished && !isWritableFinished(stream, false)) {
    return new ERR_STREAM_PREMATURE_CLOSE();
  }
  return null;
}


// ---- eos ----

/**
 * `finished(stream, [options], callback)`: `callback(err?)` once, when `stream` is done
 * (options `readable`, `writable`: which sides to wait for; `error: false`: ignore 'error';
 * `signal`). Returns a function that removes the listeners.
 */
export function eos(stream, options, callback) {
  if (arguments.length === 2) {
    callback = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else {
    validateObject(options, 'options');
  }
  validateFunction(callback, 'callback');
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  if (!isNodeStream(stream)) {
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }

  const readable = options.readable ?? isReadableNodeStream(stream);
  const writable = options.writable ?? isWritableNodeStream(stream);
  let closing = willEmitClose(stream) &&
    isReadableNodeStream(stream) === readable && isWritableNodeStream(stream) === writable;
  let writableFinished = isWritableFinished(stream, false);
  let readableFinished = isReadableFinished(stream, false);
  const wState = stream._writableState;
  const rState = stream._readableState;

  // Already done? undefined: wait; null: done; else the error.
  let now;
  if (isClosed(stream)) {
    now = closeError(stream, readable, readableFinished, writable, writableFinished);
  } else if (wState?.errorEmitted || rState?.errorEmitted) {
    if (!closing) now = erroredOf(stream);
  } else if (!readable && (!closing || isReadable(stream)) &&
      (writableFinished || isWritable(stream) === false) && !(wState?.pendingcb > 0)) {
    now = erroredOf(stream);
  } else if (!writable && (!closing || isWritable(stream)) &&
      (readableFinished || isReadable(stream) === false)) {
    now = erroredOf(stream);
  } else if (rState && stream.req && stream.aborted) {
    now = erroredOf(stream);
  }

  let cleanup = () => {
    callback = nop;
  };
  if (now !== undefined) {
    if (options.error !== false) {
      stream.on('error', nop);
      cleanup = () => {
        callback = nop;
        stream.removeListener('error', nop);
      };
    }
  } else if (options.signal?.aborted) {
    now = new AbortError(undefined, { cause: options.signal.reason });
  }
  if (now !== undefined) {
    nextTick(() => (now === null ? callback.call(stream) : callback.call(stream, now)));
    return cleanup;
  }

  let called = false;
  const done = (err) => {
    if (called) return;
    called = true;
    if (err === undefined) callback.call(stream);
    else callback.call(stream, err);
  };
  const onfinish = () => {
    writableFinished = true;
    if (stream.destroyed) closing = false;
    if (closing && (!stream.readable || readable)) return;
    if (!readable || readableFinished) done();
  };
  const onend = () => {
    readableFinished = true;
    if (stream.destroyed) closing = false;
    if (closing && (!stream.writable || writable)) return;
    if (!writable || writableFinished) done();
  };
  const onlegacyfinish = () => {
    if (!stream.writable) onfinish();
  };
  const onerror = (err) => done(err);
  const onclose = () => {
    const error = closeError(stream, readable, readableFinished, writable, writableFinished);
    done(error === null ? undefined : error);
  };
  const onrequest = () => stream.req.on('finish', onfinish);

  if (isRequest(stream)) {
    stream.on('complete', onfinish);
    if (!closing) stream.on('abort', onclose);
    if (stream.req) onrequest();
    else stream.on('request', onrequest);
  } else if (writable && !wState) {
    // An old-style stream: 'end' or 'close' once it is no longer writable.
    stream.on('end', onlegacyfinish);
    stream.on('close', onlegacyfinish);
  }
  if (!closing && typeof stream.aborted === 'boolean') stream.on('aborted', onclose);
  stream.on('end', onend);
  stream.on('finish', onfinish);
  if (options.error !== false) stream.on('error', onerror);
  stream.on('close', onclose);

  cleanup = () => {
    called = true;
    stream.removeListener('aborted', onclose);
    stream.removeListener('complete', onfinish);
    stream.removeListener('abort', onclose);
    stream.removeListener('request', onrequest);
    if (stream.req) stream.req.removeListener('finish', onfinish);
    stream.removeListener('end', onlegacyfinish);
    stream.removeListener('close', onlegacyfinish);
    stream.removeListener('finish', onfinish);
    stream.removeListener('end', onend);
    stream.removeListener('error', onerror);
    stream.removeListener('close', onclose);
  };

  if (options.signal) {
    const signal = options.signal;
    const abort = () => {
      const wasCalled = called;
      cleanup();
      if (!wasCalled) callback.call(stream, new AbortError(undefined, { cause: signal.reason }));
    };
    signal.addEventListener('abort', abort, { once: true });
    const inner = callback;
    callback = function (...args) {
      signal.removeEventListener('abort', abort);
      inner.apply(stream, args);
    };
  }
  return cleanup;
}

/** `finished` of `highwater/promises`: resolves when `stream` is done; `cleanup: true` removes the listeners then. */
export function finishedPromise(stream, options) {
  let autoCleanup = false;
  if (options === null) options = {};
  if (options?.cleanup) {
    if (typeof options.cleanup !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE('cleanup', 'boolean', options.cleanup);
    }
    autoCleanup = options.cleanup;
  }
  return new Promise((resolve, reject) => {
    const cleanup = eos(stream, options, (err) => {
      if (autoCleanup) cleanup();
      if (err) reject(err);
      else resolve();
    });
  });
}
