/**
 * Async iteration over a Readable (Node 26's semantics): next() reads a chunk or waits for
 * 'readable' or the end; requests made while one waits are answered in order; return() and
 * errors destroy the stream unless `destroyOnReturn: false`.
 */
import { kAutoDestroy } from './fields.js';
import { eos } from '../composition/finished.js';
import { destroyer } from './destroy.js';
import { aggregateTwoErrors } from '../platform/errors.js';

const nop = () => {};
const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);


/** The async iterator of `stream`. */
export function createAsyncIterator(stream, options) {
  let wake = nop;
  let error; // undefined: running, null: ended cleanly, else the error
  let started = false;
  let completed = false;
  let inFlight = false;
  let queue = null; // requests made while one is in flight
  let draining = false;
  let cleanup;

  const onReadable = () => {
    const fn = wake;
    wake = nop;
    fn();
  };
  const waitForData = () => new Promise((resolve) => {
    wake = resolve;
  });

  function start() {
    started = true;
    stream.on('readable', onReadable);
    cleanup = eos(stream, { writable: false }, (err) => {
      error = err ? aggregateTwoErrors(error, err) : null;
      onReadable();
    });
  }

  function finalize() {
    completed = true;
    if ((error || options?.destroyOnReturn !== false) &&
        (error === undefined || stream[kAutoDestroy]())) {
      destroyer(stream, null);
    } else {
      stream.off('readable', onReadable);
      cleanup();
    }
  }

  function settleError(err, reject) {
    error = aggregateTwoErrors(error, err);
    finalize();
    reject(error);
  }

  function settled() {
    inFlight = false;
    if (queue !== null) drain();
  }

  function drain() {
    if (draining) return;
    draining = true;
    try {
      while (!inFlight && queue.length > 0) {
        const req = queue.shift();
        if (req.type === 'next') processNext(req.resolve, req.reject);
        else if (req.type === 'return') processReturn(req.value, req.resolve);
        else processThrow(req.value, req.reject);
      }
    } finally {
      draining = false;
    }
  }

  /** Deliver a chunk; a thenable chunk is awaited first. */
  function deliver(chunk, resolve, reject) {
    const then = chunk?.then;
    if (typeof then === 'function') {
      then.call(chunk, (value) => {
        resolve({ done: false, value });
        settled();
      }, (err) => {
        settleError(err, reject);
        settled();
      });
      return;
    }
    resolve({ done: false, value: chunk });
    settled();
  }

  function pump(resolve, reject) {
    const chunk = stream.destroyed ? null : stream.read();
    if (chunk !== null) {
      deliver(chunk, resolve, reject);
    } else if (error) {
      settleError(error, reject);
      settled();
    } else if (error === null) {
      finalize();
      resolve({ done: true, value: undefined });
      settled();
    } else {
      waitForData().then(() => pump(resolve, reject));
    }
  }

  function processNext(resolve, reject) {
    if (completed) {
      resolve({ done: true, value: undefined });
      return;
    }
    if (!started) start();
    inFlight = true;
    pump(resolve, reject);
  }

  function processReturn(value, resolve) {
    if (!completed) {
      if (started) finalize();
      else completed = true;
    }
    resolve({ done: true, value });
  }

  function processThrow(err, reject) {
    if (completed || !started) {
      completed = true;
      reject(err);
      return;
    }
    settleError(err, reject);
  }

  function enqueue(type, value) {
    return new Promise((resolve, reject) => {
      (queue ??= []).push({ type, value, resolve, reject });
    });
  }

  const iterator = {
    __proto__: AsyncIteratorPrototype,
    next() {
      if (inFlight) return enqueue('next');
      if (completed) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve, reject) => processNext(resolve, reject));
    },
    return(value) {
      if (inFlight) return enqueue('return', value);
      return new Promise((resolve) => processReturn(value, resolve));
    },
    throw(err) {
      if (inFlight) return enqueue('throw', err);
      return new Promise((resolve, reject) => processThrow(err, reject));
    },
  };
  iterator.stream = stream;
  return iterator;
}
