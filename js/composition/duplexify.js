/**
 * Duplex.from(body): a Duplex made of whatever `body` is, with Node's semantics (its
 * duplexify): a Duplex as it is; a Readable, a Writable or a web stream as one side; an iterable,
 * a string, a Blob or a promise as the readable side; a function as a transform (an async
 * generator function over the written chunks) or as a sink (an async function); a
 * `{ readable, writable }` object as the two sides.
 */
import { Duplex } from '../streams/duplex.js';
import { from } from '../streams/from.js';
import { eos } from './finished.js';
import { nextTick } from '../platform/tick.js';
import { destroyer } from '../streams/destroy.js';
import { readableFromWeb, writableFromWeb, duplexFromWeb } from '../web/adapters.js';
import { AbortError, ERR_INVALID_ARG_TYPE, ERR_INVALID_RETURN_VALUE } from '../platform/errors.js';
import {
  isDuplexNodeStream, isIterable, isNodeStream, isReadable, isReadableNodeStream,
  isReadableStream, isWritable, isWritableNodeStream, isWritableStream,
} from './utils.js';

/** What Duplex.from builds (Node's class has this name too). */
class Duplexify extends Duplex {}

/** What `body` may be, as Node's error lists it. */
const BODY_TYPES = [
  'Blob', 'ReadableStream', 'WritableStream', 'Stream', 'Iterable', 'AsyncIterable', 'Function',
  '{ readable, writable } pair', 'Promise',
];

/** `Duplex.from(body)`. */
export function duplexFrom(body) {
  return duplexify(body, 'body');
}

/** `name` is the argument's name in errors (Node passes none for the sides of a pair). */
function duplexify(body, name) {
  if (isDuplexNodeStream(body)) return body;
  if (isReadableNodeStream(body)) return joinSides(body, undefined);
  if (isWritableNodeStream(body)) return joinSides(undefined, body);
  if (isNodeStream(body)) return joinSides(undefined, undefined);
  if (isReadableStream(body)) return joinSides(readableFromWeb(body), undefined);
  if (isWritableStream(body)) return joinSides(undefined, writableFromWeb(body));
  if (typeof body === 'function') return fromFunction(body, name);
  if (typeof Blob === 'function' && body instanceof Blob) return duplexify(body.arrayBuffer());
  if (isIterable(body)) return from(Duplexify, body, { objectMode: true, writable: false });
  if (isReadableStream(body?.readable) && isWritableStream(body?.writable)) return duplexFromWeb(body);
  if (typeof body?.readable === 'object' || typeof body?.writable === 'object') {
    const { readable, writable } = body;
    return joinSides(
      readable ? (isReadableNodeStream(readable) ? readable : duplexify(readable)) : undefined,
      writable ? (isWritableNodeStream(writable) ? writable : duplexify(writable)) : undefined,
    );
  }
  const then = body?.then;
  if (typeof then === 'function') {
    const duplex = new Duplexify({ objectMode: true, writable: false, read() {} });
    then.call(
      body,
      (value) => {
        if (value != null) duplex.push(value);
        duplex.push(null);
      },
      (err) => destroyer(duplex, err),
    );
    return duplex;
  }
  // Node's pair sides are checked without a name, and Node then fails on an internal assertion.
  throw new ERR_INVALID_ARG_TYPE(name ?? 'body', BODY_TYPES, body);
}

/**
 * A function body gets the written chunks as an async iterable. What it returns decides: a
 * Duplex is the result; an (async) iterable is the readable side (a transform); a promise
 * (an async function) is a sink whose settlement ends the writable side.
 */
function fromFunction(fn, name) {
  const { value, write, final, destroy } = callWithWrites(fn);
  if (isDuplexNodeStream(value)) return value;
  if (isIterable(value)) return from(Duplexify, value, { objectMode: true, write, final, destroy });
  const then = value?.then;
  if (typeof then !== 'function') {
    throw new ERR_INVALID_RETURN_VALUE('Iterable, AsyncIterable or AsyncFunction', name, value);
  }
  let sink;
  let finalCalled = false;
  const settled = then.call(
    value,
    (result) => {
      if (result != null) throw new ERR_INVALID_RETURN_VALUE('nully', 'body', result);
      // Returned before the input ended: destroy, so that a pipeline stops the writers.
      if (!finalCalled) destroyer(sink);
    },
    (err) => destroyer(sink, err),
  );
  sink = new Duplexify({
    objectMode: true,
    readable: false,
    write,
    final(callback) {
      finalCalled = true;
      final(async () => {
        try {
          await settled;
          nextTick(callback, null);
        } catch (err) {
          nextTick(callback, err);
        }
      });
    },
    destroy,
  });
  return sink;
}

/** A promise with its resolve function (Promise.withResolvers is not in Node 20). */
function deferred() {
  let resolve;
  const promise = new Promise((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/**
 * Call `fn(chunks, { signal })`: `chunks` is an async iterable of what `write` receives, done at
 * `final`; `signal` aborts at `destroy`. Each write's callback runs once the chunk is taken.
 */
function callWithWrites(fn) {
  // The next write or end, and the function that delivers it (null once delivered).
  let { promise: next, resolve: deliver } = deferred();
  const controller = new AbortController();
  const { signal } = controller;
  async function* chunks() {
    for (;;) {
      const { chunk, done, callback } = await next;
      nextTick(callback);
      if (done) return;
      if (signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
      ({ promise: next, resolve: deliver } = deferred());
      yield chunk;
    }
  }
  /** Hand one write or the end to the iterable. */
  function handOver(message) {
    const resolve = deliver;
    deliver = null;
    resolve(message);
  }
  return {
    value: fn(chunks(), { signal }),
    write(chunk, encoding, callback) {
      handOver({ chunk, done: false, callback });
    },
    final(callback) {
      handOver({ done: true, callback });
    },
    destroy(err, callback) {
      controller.abort(err);
      // An iterable waiting for the next write ends, so its reader sees the abort.
      if (deliver !== null) handOver({ done: true, callback() {} });
      callback(err);
    },
  };
}

/**
 * One Duplex over a readable and a writable stream (either may be missing): writes go to
 * `writable`, reads come from `readable`, an error on one destroys the other, and destroying
 * the Duplex destroys both.
 */
function joinSides(readable, writable) {
  let reading = !!isReadable(readable);
  let writing = !!isWritable(writable);
  let onDrain = null;
  let onFinish = null;
  let onReadable = null;
  // The destroy callback waiting for the sides to close; undefined until one of them is done,
  // null after.
  let onClose;

  const duplex = new Duplexify({
    readableObjectMode: !!readable?.readableObjectMode,
    writableObjectMode: !!writable?.writableObjectMode,
    readable: reading,
    writable: writing,
  });

  /** A side is done: complete a pending destroy, or destroy on its error. */
  function sideDone(err) {
    const callback = onClose;
    onClose = null;
    if (callback) callback(err);
    else if (err) duplex.destroy(err);
  }

  if (writing) {
    eos(writable, (err) => {
      writing = false;
      if (err) destroyer(readable, err);
      sideDone(err);
    });
    duplex._write = (chunk, encoding, callback) => {
      if (writable.write(chunk, encoding)) callback();
      else onDrain = callback;
    };
    duplex._final = (callback) => {
      writable.end();
      onFinish = callback;
    };
    writable.on('drain', () => {
      const callback = onDrain;
      onDrain = null;
      callback?.();
    });
    writable.on('finish', () => {
      const callback = onFinish;
      onFinish = null;
      callback?.();
    });
  }

  if (reading) {
    eos(readable, (err) => {
      reading = false;
      if (err) destroyer(writable, err);
      sideDone(err);
    });
    readable.on('readable', () => {
      const callback = onReadable;
      onReadable = null;
      callback?.();
    });
    readable.on('end', () => duplex.push(null));
    duplex._read = function () {
      for (;;) {
        const chunk = readable.read();
        if (chunk === null) {
          onReadable = duplex._read;
          return;
        }
        if (!duplex.push(chunk)) return;
      }
    };
  }

  duplex._destroy = (err, callback) => {
    if (!err && onClose !== null) err = new AbortError();
    onReadable = null;
    onDrain = null;
    onFinish = null;
    if (onClose === null) {
      callback(err);
    } else {
      onClose = callback;
      destroyer(writable, err);
      destroyer(readable, err);
    }
  };

  return duplex;
}
