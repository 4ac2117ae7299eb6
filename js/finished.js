/**
 * eos ("end of stream"): call back once a stream is done, with its error or
 * ERR_STREAM_PREMATURE_CLOSE when it closed before its end. Node's end-of-stream, for the
 * readable side (the writable side arrives with Writable).
 */
import { core, S } from './core.js';
import { nextTick } from './tick.js';
import { AbortError, ERR_STREAM_PREMATURE_CLOSE } from './errors.js';

const nop = () => {};

/** Whether the readable side delivered everything (see the core's `finished`). */
function isReadableFinished(stream, lenient) {
  return core.rd_finished(stream._h, lenient === true);
}

/** Whether destroying `stream` now would cut it short of its end (Node's `!isFinished`). */
export function isFinished(stream) {
  return stream.destroyed || !isReadable(stream);
}

/** Node's `isReadable`: not destroyed, still readable and not finished. */
function isReadable(stream) {
  return !stream.destroyed && stream.readable && !isReadableFinished(stream);
}

function onCloseError(stream, readable, readableFinished) {
  const errored = stream.errored;
  if (errored) return errored;
  if (readable && !readableFinished && !isReadableFinished(stream, true)) return new ERR_STREAM_PREMATURE_CLOSE();
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
  const readable = options.readable ?? true;
  const state = core.rd_state(stream._h);
  let willEmitClose = readable && core.rd_will_emit_close(stream._h);
  let readableFinished = isReadableFinished(stream, true);

  let immediate;
  if (state & S.CLOSED) {
    immediate = onCloseError(stream, readable, readableFinished);
  } else if (state & S.ERROR_EMITTED) {
    if (!willEmitClose) immediate = stream.errored ?? null;
  } else if ((!willEmitClose || isReadable(stream)) && (readableFinished || !isReadable(stream))) {
    immediate = stream.errored ?? null;
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
  const onend = () => {
    readableFinished = true;
    if (stream.destroyed) willEmitClose = false;
    if (willEmitClose) return;
    done();
  };
  const onerror = (err) => done(err);
  const onclose = () => {
    const error = onCloseError(stream, readable, readableFinished);
    if (error === null) done();
    else done(error);
  };
  stream.on('end', onend);
  if (options.error !== false) stream.on('error', onerror);
  stream.on('close', onclose);
  cleanup = () => {
    called = true;
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
