/**
 * pipeline (Node's): connect a source, any number of middle stages and a destination; the first
 * error or an abort destroys every stage, and the callback is called once, on a later tick.
 * Stages may be Node-style streams (highwater's or node:stream's), web streams, iterables, async
 * iterables and functions (a source function returns an iterable; a middle function is a
 * transform from an async iterable to an async iterable; a last function may return a promise).
 */
import { Duplex } from '../streams/duplex.js';
import { PassThrough } from '../streams/transform.js';
import { createAsyncIterator } from '../streams/iterator.js';
import { destroyer } from '../streams/destroy.js';
import { nextTick } from '../platform/tick.js';
import { eos } from './finished.js';
import {
  isIterable, isNodeStream, isReadable, isReadableFinished, isReadableNodeStream,
  isReadableStream, isTransformStream, isWebStream,
} from './utils.js';
import {
  AbortError, ERR_INVALID_ARG_TYPE, ERR_INVALID_RETURN_VALUE, ERR_MISSING_ARGS,
  ERR_STREAM_DESTROYED, ERR_STREAM_PREMATURE_CLOSE, ERR_STREAM_UNABLE_TO_PIPE,
  aggregateTwoErrors, validateAbortSignal, validateFunction,
} from '../platform/errors.js';

const SOURCE_TYPES = ['Readable', 'Iterable', 'AsyncIterable', 'ReadableStream', 'TransformStream'];

/** `pipeline(...stages, callback)`: the last stage, with `callback(err, value)` called once. */
export function pipeline(...streams) {
  validateFunction(streams[streams.length - 1], 'streams[stream.length - 1]');
  const callback = streams.pop();
  let called = false;
  return pipelineImpl(streams, (err, value) => {
    if (called) return;
    called = true;
    callback(err, value);
  });
}

/** The pipeline itself; `options`: `{ signal, end }` (end: false leaves the last stage open). */
export function pipelineImpl(streams, callback, options) {
  if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
  if (streams.length < 2) throw new ERR_MISSING_ARGS('streams');

  const outerSignal = options?.signal;
  validateAbortSignal(outerSignal, 'options.signal');
  // Handed to function stages; aborted when the pipeline is over.
  const controller = new AbortController();
  const signal = controller.signal;
  const abort = () => settle(new AbortError(undefined, { cause: outerSignal?.reason }));
  const stopListening = onAbort(outerSignal, abort);

  let error;
  let value;
  const destroys = [];
  const cleanupsOnSuccess = []; // for a readable last stage, left to its user when all went well
  let pending = 0; // stage connections still running

  /** One connection is done (with `err` if it failed). */
  const finish = (err) => settle(err, --pending === 0);
  /** An error seen on the way, which ends the pipeline but is not a connection's end. */
  const fail = (err) => settle(err, false);

  function settle(err, final) {
    // A real error wins over a premature close or an abort it caused.
    if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE' || error.name === 'AbortError')) {
      error = err;
    }
    if (!error && !final) return;
    while (destroys.length) destroys.shift()(error);
    stopListening();
    controller.abort();
    if (final) {
      if (!error) for (const cleanup of cleanupsOnSuccess) cleanup();
      nextTick(callback, error, value);
    }
  }

  let ret;
  for (let i = 0; i < streams.length; i++) {
    const stream = streams[i];
    const reading = i < streams.length - 1;
    const writing = i > 0;
    const isLast = i === streams.length - 1;
    const end = reading || options?.end !== false;

    if (isNodeStream(stream)) {
      const next = reading ? streams[i + 1] : null;
      if (next?.closed || next?.destroyed) throw new ERR_STREAM_UNABLE_TO_PIPE();
      if (end) {
        const { destroy, cleanup } = stageDestroyer(stream, reading, writing);
        destroys.push(destroy);
        if (isLast && isReadable(stream)) cleanupsOnSuccess.push(cleanup);
      }
      // Errors of any stage end the pipeline; aborts and premature closes come through eos.
      const onError = (err) => {
        if (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') fail(err);
      };
      stream.on('error', onError);
      if (isLast && isReadable(stream)) cleanupsOnSuccess.push(() => stream.removeListener('error', onError));
    }

    if (i === 0) {
      if (typeof stream === 'function') {
        ret = stream({ signal });
        if (!isIterable(ret)) throw new ERR_INVALID_RETURN_VALUE('Iterable, AsyncIterable or Stream', 'source', ret);
      } else if (isIterable(stream) || isReadableNodeStream(stream) || isTransformStream(stream)) {
        ret = stream;
      } else {
        ret = Duplex.from(stream);
      }
    } else if (typeof stream === 'function') {
      ret = stream(asyncIterable(isTransformStream(ret) ? ret.readable : ret), { signal });
      if (reading) {
        if (!isIterable(ret, true)) throw new ERR_INVALID_RETURN_VALUE('AsyncIterable', `transform[${i - 1}]`, ret);
      } else {
        ret = lastFunctionResult(ret, end);
      }
    } else if (isNodeStream(stream)) {
      if (isReadableNodeStream(ret)) {
        pending += 2;
        const cleanup = pipe(ret, stream, finish, fail, { end });
        if (isLast && isReadable(stream)) cleanupsOnSuccess.push(cleanup);
      } else if (isTransformStream(ret) || isReadableStream(ret)) {
        pending++;
        pumpToNode(ret.readable || ret, stream, finish, { end });
      } else if (isIterable(ret)) {
        pending++;
        pumpToNode(ret, stream, finish, { end });
      } else {
        throw new ERR_INVALID_ARG_TYPE('val', SOURCE_TYPES, ret);
      }
      ret = stream;
    } else if (isWebStream(stream)) {
      let source;
      if (isReadableNodeStream(ret)) source = asyncIterable(ret);
      else if (isReadableStream(ret) || isIterable(ret)) source = ret;
      else if (isTransformStream(ret)) source = ret.readable;
      else throw new ERR_INVALID_ARG_TYPE('val', SOURCE_TYPES, ret);
      pending++;
      pumpToWeb(source, stream, finish, { end });
      ret = stream;
    } else {
      ret = Duplex.from(stream);
    }
  }

  /** A last stage that is a function: its promise or iterable feeds an object-mode PassThrough. */
  function lastFunctionResult(result, end) {
    const pt = new PassThrough({ objectMode: true });
    if (typeof result?.then === 'function') {
      pending++;
      result.then((resolved) => {
        value = resolved;
        if (resolved != null) pt.write(resolved);
        if (end) pt.end();
        nextTick(finish);
      }, (err) => {
        pt.destroy(err);
        nextTick(finish, err);
      });
    } else if (isIterable(result, true)) {
      pending++;
      pumpToNode(result, pt, finish, { end });
    } else if (isReadableStream(result) || isTransformStream(result)) {
      pending++;
      pumpToNode(result.readable || result, pt, finish, { end });
    } else {
      throw new ERR_INVALID_RETURN_VALUE('AsyncIterable or Promise', 'destination', result);
    }
    const { destroy, cleanup } = stageDestroyer(pt, false, true);
    destroys.push(destroy);
    cleanupsOnSuccess.push(cleanup);
    return pt;
  }

  if (signal.aborted || outerSignal?.aborted) nextTick(abort);
  return ret;
}

/** `signal`'s abort calls `listener` (in a microtask when it has aborted already); returns the undo. */
function onAbort(signal, listener) {
  if (!signal) return () => {};
  if (signal.aborted) {
    queueMicrotask(listener);
    return () => {};
  }
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

/** How the pipeline destroys a stage: once, only while the stage has not finished well. */
function stageDestroyer(stream, reading, writing) {
  let done = false;
  stream.on('close', () => {
    done = true;
  });
  const cleanup = eos(stream, { readable: reading, writable: writing }, (err) => {
    done = !err;
  });
  return {
    destroy: (err) => {
      if (done) return;
      done = true;
      destroyer(stream, err || new ERR_STREAM_DESTROYED('pipe'));
    },
    cleanup,
  };
}

/** An async iterable over `val`: an iterable as it is, a Readable through its async iterator. */
function asyncIterable(val) {
  if (isIterable(val)) return val;
  if (isReadableNodeStream(val)) return { [Symbol.asyncIterator]: () => createAsyncIterator(val) };
  throw new ERR_INVALID_ARG_TYPE('val', ['Readable', 'Iterable', 'AsyncIterable'], val);
}

/** Stream `src` into `dst` with pipe(); `finish` is called for each side's end (twice). */
function pipe(src, dst, finish, fail, { end }) {
  let ended = false;
  dst.on('close', () => {
    if (!ended) fail(new ERR_STREAM_PREMATURE_CLOSE());
  });
  src.pipe(dst, { end: false }); // the pipeline ends dst itself, below
  if (end) {
    const endDst = () => {
      ended = true;
      dst.end();
    };
    if (isReadableFinished(src)) nextTick(endDst);
    else src.once('end', endDst);
  } else {
    finish();
  }
  eos(src, { readable: true, writable: false }, (err) => {
    const state = src._readableState;
    // Closed after push(null) but before 'end': wait for 'end' (or an error).
    if (err?.code === 'ERR_STREAM_PREMATURE_CLOSE' && state?.ended && !state.errored && !state.errorEmitted) {
      src.once('end', finish).once('error', finish);
    } else {
      finish(err);
    }
  });
  return eos(dst, { readable: false, writable: true }, finish);
}

/** Write every chunk of `iterable` into the Node-style `writable`, waiting for 'drain' as asked. */
async function pumpToNode(iterable, writable, finish, { end }) {
  let error;
  let wake = null;
  const resume = (err) => {
    if (err) error = err;
    const callback = wake;
    wake = null;
    callback?.();
  };
  const wait = () => new Promise((resolve, reject) => {
    if (error) {
      reject(error);
      return;
    }
    wake = () => (error ? reject(error) : resolve());
  });
  writable.on('drain', resume);
  const cleanup = eos(writable, { readable: false }, resume);
  try {
    if (writable.writableNeedDrain) await wait();
    for await (const chunk of iterable) {
      if (!writable.write(chunk)) await wait();
    }
    if (end) {
      writable.end();
      await wait();
    }
    finish();
  } catch (err) {
    finish(error !== err ? aggregateTwoErrors(error, err) : err);
  } finally {
    cleanup();
    writable.off('drain', resume);
  }
}

/** Write every chunk of `readable` into a web WritableStream (or a TransformStream's writable side). */
async function pumpToWeb(readable, writable, finish, { end }) {
  if (isTransformStream(writable)) writable = writable.writable;
  const writer = writable.getWriter();
  try {
    for await (const chunk of readable) {
      await writer.ready;
      writer.write(chunk).catch(() => {});
    }
    await writer.ready;
    if (end) await writer.close();
    finish();
  } catch (err) {
    try {
      await writer.abort(err);
      finish(err);
    } catch (abortError) {
      finish(abortError);
    }
  }
}

/** `pipeline` of `highwater/promises`: resolves with the last stage's value; options `{ signal, end }` last. */
export function pipelinePromise(...streams) {
  return new Promise((resolve, reject) => {
    let options;
    const last = streams[streams.length - 1];
    if (last && typeof last === 'object' && !isNodeStream(last) && !isIterable(last) && !isWebStream(last)) {
      options = streams.pop();
    }
    pipelineImpl(streams, (err, value) => (err ? reject(err) : resolve(value)), {
      signal: options?.signal, end: options?.end,
    });
  });
}
