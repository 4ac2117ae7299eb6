/**
 * eos ("end of stream"): call back once a stream is done, with its error, or with
 * ERR_STREAM_PREMATURE_CLOSE when it closed before its end (Node's end-of-stream), for highwater
 * streams with either side or both.
 */
import { core, S } from './core.js';
import { nextTick } from './tick.js';
import { AbortError, ERR_STREAM_PREMATURE_CLOSE } from './errors.js';

const nop = () => {};

/** Whether the stream has a readable side that is not disabled (Node's isReadableNodeStream). */
function hasReadableSide(stream) {
  return (core.st_live_sides(stream._h) & 1) !== 0;
}

/** Whether the stream has a writable side that is not disabled (Node's isWritableNodeStream). */
function hasWritableSide(stream) {
  return (core.st_live_sides(stream._h) & 2) !== 0;
}

/** Node's isReadableFinished: 'end' emitted (or, `lenient`, ended with nothing buffered). */
function isReadableFinished(stream, lenient) {
  return hasReadableSide(stream) ? core.rd_finished(stream._h, lenient === true) : null;
}

/** Node's isWritableFinished: 'finish' emitted (or, `lenient`, ended with nothing left). */
function isWritableFinished(stream, lenient) {
  return hasWritableSide(stream) ? core.wr_finished(stream._h, lenient === true) : null;
}

/** Node's isReadable: a readable side still to be read. */
function isReadable(stream) {
  if (typeof stream.readable !== 'boolean') return null;
  return !stream.destroyed && hasReadableSide(stream) && stream.readable && !isReadableFinished(stream);
}

/** Node's isWritable: a writable side still to be written. */
function isWritable(stream) {
  if (typeof stream.writable !== 'boolean') return null;
  return !stream.destroyed && hasWritableSide(stream) && stream.writable && !stream.writableEnded;
}

/** Whether destroying `stream` now would not cut it short (Node's isFinished). */
export function isFinished(stream) {
  return stream.destroyed || (!isReadable(stream) && !isWritable(stream));
}

/** The stream's error, if either side has one. */
function erroredOf(stream) {
  const errored = (core.rd_state(stream._h) | core.wr_state(stream._h)) & S.ERRORED;
  return errored ? stream._erroredValue : null;
}

function closeError(stream, readable, readableFinished, writable, writableFinished) {
  const errored = erroredOf(stream);
  if (errored) return errored;
  if (readable && !readableFinished && hasReadableSide(stream) && !isReadableFinished(stream, true)) {
    return new ERR_STREAM_PREMATURE_CLOSE();
  }
  if (writable && !writableFinished && !isWritableFinished(stream, true)) {
    return new ERR_STREAM_PREMATURE_CLOSE();
  }
  return null;
}

/** `eos(stream, [options], callback)`; returns a function that removes the listeners. */
export function eos(stream, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  } else {
    options ??= {};
  }
  const h = stream._h;
  const readable = options.readable ?? hasReadableSide(stream);
  const writable = options.writable ?? hasWritableSide(stream);
  let willEmitClose = core.st_will_emit_close(h) &&
    hasReadableSide(stream) === readable && hasWritableSide(stream) === writable;
  let writableFinished = isWritableFinished(stream, true);
  let readableFinished = isReadableFinished(stream, true);

  let immediate; // undefined: wait; null: done; else the error
  if (core.st_is_closed(h)) {
    immediate = closeError(stream, readable, readableFinished, writable, writableFinished);
  } else if ((core.rd_state(h) | core.wr_state(h)) & S.ERROR_EMITTED) {
    if (!willEmitClose) immediate = erroredOf(stream);
  } else if (!readable && (!willEmitClose || isReadable(stream)) &&
      (writableFinished || isWritable(stream) === false)) {
    immediate = erroredOf(stream);
  } else if (!writable && (!willEmitClose || isWritable(stream)) &&
      (readableFinished || isReadable(stream) === false)) {
    immediate = erroredOf(stream);
  }
  let cleanup = () => {
    callback = nop;
  };
  if (immediate !== undefined) {
    if (options.error !== false) {
      stream.on('error', nop);
      cleanup = () => {
        callback = nop;
        stream.removeListener('error', nop);
      };
    }
  } else if (options.signal?.aborted) {
    immediate = new AbortError(undefined, { cause: options.signal.reason });
  }
  if (immediate !== undefined) {
    nextTick(() => (immediate === null ? callback.call(stream) : callback.call(stream, immediate)));
    return cleanup;
  }

  let called = false;
  const done = (...args) => {
    if (called) return;
    called = true;
    callback.apply(stream, args);
  };
  const onfinish = () => {
    writableFinished = true;
    if (stream.destroyed) willEmitClose = false;
    if (willEmitClose && (!stream.readable || readable)) return;
    if (!readable || readableFinished) done();
  };
  const onend = () => {
    readableFinished = true;
    if (stream.destroyed) willEmitClose = false;
    if (willEmitClose && (!stream.writable || writable)) return;
    if (!writable || writableFinished) done();
  };
  const onerror = (err) => done(err);
  const onclose = () => {
    const error = closeError(stream, readable, readableFinished, writable, writableFinished);
    if (error === null) done();
    else done(error);
  };
  stream.on('end', onend);
  stream.on('finish', onfinish);
  if (options.error !== false) stream.on('error', onerror);
  stream.on('close', onclose);
  cleanup = () => {
    called = true;
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
    callback = (...args) => {
      signal.removeEventListener('abort', abort);
      inner.apply(stream, args);
    };
  }
  return cleanup;
}
