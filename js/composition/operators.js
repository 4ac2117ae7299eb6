/**
 * The Readable operators of Node 26 (map, filter, forEach, toArray, some, find, every, flatMap,
 * drop, take, reduce). The stream-returning ones give `Readable.from(asyncGenerator)`, the others
 * a promise. Bad arguments fail as in Node: thrown by the stream-returning ones, a rejected
 * promise from the others.
 */
import { eos } from './finished.js';
import {
  AbortError, ERR_ILLEGAL_CONSTRUCTOR, ERR_MISSING_ARGS, ERR_OUT_OF_RANGE,
  validateAbortSignal, validateFunction, validateInteger, validateObject,
} from '../platform/errors.js';

const nop = () => {};

/** A mapper result that yields nothing (what filter and forEach map dropped chunks to). */
const kSkip = Symbol('kSkip');
/** Queued after the last result, once the source has ended. */
const kEnd = Symbol('kEnd');

/** Validate the `options` argument and its `signal`, as every operator does first. */
function validateOptions(options) {
  if (options != null) validateObject(options, 'options');
  if (options?.signal != null) validateAbortSignal(options.signal, 'options.signal');
}

/** A new signal that aborts with `signal` (AbortSignal.any, or a controller where it is missing). */
function followSignal(signal) {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signal ? [signal] : []);
  const controller = new AbortController();
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}

/**
 * map(fn, { concurrency, highWaterMark, signal }): `fn(chunk, { signal })` on up to
 * `concurrency` chunks at once, results in source order; the source is read ahead while fewer
 * than `concurrency + highWaterMark` results wait to be taken.
 */
function map(fn, options) {
  validateFunction(fn, 'fn');
  validateOptions(options);
  const concurrency = options?.concurrency != null ? Math.floor(options.concurrency) : 1;
  const highWaterMark = options?.highWaterMark != null ? Math.floor(options.highWaterMark) : concurrency - 1;
  validateInteger(concurrency, 'options.concurrency', 1);
  validateInteger(highWaterMark, 'options.highWaterMark', 0);
  return mapChunks(this, fn, options, concurrency, concurrency + highWaterMark);
}

/**
 * The generator behind map(). A reader loop takes chunks from `stream`, starts `fn` on each
 * and queues the promises of the results; the generator yields them in order. The reader
 * pauses while `concurrency` calls run or `limit` results are queued, and stops at the next
 * chunk after the generator is done (then the source is destroyed by its iterator).
 */
async function* mapChunks(stream, fn, options, concurrency, limit) {
  const signal = followSignal(options?.signal);
  const fnOptions = { signal };
  const results = [];
  let running = 0;
  let stopped = false;
  let wakeReader = null;
  let wakeTaker = null;

  const resumeReader = () => {
    if (wakeReader !== null && !stopped && running < concurrency && results.length < limit) {
      wakeReader();
      wakeReader = null;
    }
  };
  const onSettled = () => {
    running--;
    resumeReader();
  };
  const onFailed = () => {
    stopped = true;
    onSettled();
  };
  const resumeTaker = () => {
    if (wakeTaker !== null) {
      wakeTaker();
      wakeTaker = null;
    }
  };

  async function readSource() {
    try {
      for await (const chunk of stream) {
        if (stopped) return;
        if (signal.aborted) throw new AbortError();
        let result;
        try {
          result = fn(chunk, fnOptions);
          if (result === kSkip) continue;
          result = Promise.resolve(result);
        } catch (err) {
          result = Promise.reject(err);
        }
        running++;
        result.then(onSettled, onFailed);
        results.push(result);
        resumeTaker();
        if (!stopped && (results.length >= limit || running >= concurrency)) {
          await new Promise((resolve) => {
            wakeReader = resolve;
          });
        }
      }
      results.push(kEnd);
    } catch (err) {
      const failure = Promise.reject(err);
      failure.then(nop, () => {
        stopped = true;
      });
      results.push(failure);
    } finally {
      stopped = true;
      resumeTaker();
    }
  }

  readSource();
  try {
    for (;;) {
      while (results.length > 0) {
        const result = await results[0];
        if (result === kEnd) return;
        if (signal.aborted) throw new AbortError();
        if (result !== kSkip) yield result;
        results.shift();
        resumeReader();
      }
      await new Promise((resolve) => {
        wakeTaker = resolve;
      });
    }
  } finally {
    stopped = true;
    if (wakeReader !== null) {
      wakeReader();
      wakeReader = null;
    }
  }
}

/** filter(fn, options): the chunks for which `await fn(chunk, { signal })` is truthy. */
function filter(fn, options) {
  validateFunction(fn, 'fn');
  const keep = async (chunk, fnOptions) => ((await fn(chunk, fnOptions)) ? chunk : kSkip);
  return map.call(this, keep, options);
}

/** flatMap(fn, options): map, then each result's items (an iterable or async iterable). */
function flatMap(fn, options) {
  const results = map.call(this, fn, options);
  return (async function* flatMap() {
    for await (const items of results) yield* items;
  }).call(this);
}

/** ToIntegerOrInfinity-like coercion of take/drop's count: NaN is 0, negatives are an error. */
function countArgument(number) {
  const count = Number(number);
  if (Number.isNaN(count)) return 0;
  if (count < 0) throw new ERR_OUT_OF_RANGE('number', '>= 0', count);
  return count;
}

/** drop(number, options): all chunks but the first `number`. */
function drop(number, options = undefined) {
  validateOptions(options);
  let toDrop = countArgument(number);
  return (async function* drop() {
    if (options?.signal?.aborted) throw new AbortError();
    for await (const chunk of this) {
      if (options?.signal?.aborted) throw new AbortError();
      if (toDrop-- <= 0) yield chunk;
    }
  }).call(this);
}

/** take(number, options): the first `number` chunks; stops reading after the last of them. */
function take(number, options = undefined) {
  validateOptions(options);
  let toTake = countArgument(number);
  return (async function* take() {
    if (options?.signal?.aborted) throw new AbortError();
    for await (const chunk of this) {
      if (options?.signal?.aborted) throw new AbortError();
      if (toTake-- > 0) yield chunk;
      if (toTake <= 0) return;
    }
  }).call(this);
}

/** forEach(fn, options): calls `fn` on every chunk; resolves once all calls have settled. */
async function forEach(fn, options) {
  validateFunction(fn, 'fn');
  const call = async (chunk, fnOptions) => {
    await fn(chunk, fnOptions);
    return kSkip;
  };
  for await (const _ of map.call(this, call, options));
}

/** some(fn, options): whether `fn` is truthy for some chunk (stops at the first). */
async function some(fn, options = undefined) {
  for await (const _ of filter.call(this, fn, options)) return true;
  return false;
}

/** every(fn, options): whether `fn` is truthy for every chunk (stops at the first falsy). */
async function every(fn, options = undefined) {
  validateFunction(fn, 'fn');
  return !(await some.call(this, async (...args) => !(await fn(...args)), options));
}

/** find(fn, options): the first chunk for which `fn` is truthy, or undefined. */
async function find(fn, options) {
  for await (const chunk of filter.call(this, fn, options)) return chunk;
  return undefined;
}

/** toArray(options): all chunks in an array. */
async function toArray(options) {
  validateOptions(options);
  const chunks = [];
  for await (const chunk of this) {
    if (options?.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
    chunks.push(chunk);
  }
  return chunks;
}

/**
 * reduce(reducer, [initialValue], options): folds the chunks with
 * `await reducer(accumulator, chunk, { signal })`; without an initial value the first chunk
 * is one. An already aborted signal destroys the stream with the AbortError.
 */
async function reduce(reducer, initialValue, options) {
  validateFunction(reducer, 'reducer');
  validateOptions(options);
  let hasAccumulator = arguments.length > 1;
  let accumulator = initialValue;
  const userSignal = options?.signal;
  if (userSignal?.aborted) {
    const err = new AbortError(undefined, { cause: userSignal.reason });
    this.once('error', nop);
    await new Promise((resolve, reject) => {
      eos(this.destroy(err), (error) => (error ? reject(error) : resolve()));
    });
    throw err;
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  userSignal?.addEventListener('abort', onAbort, { once: true });
  let sawChunk = false;
  try {
    for await (const chunk of this) {
      sawChunk = true;
      if (userSignal?.aborted) throw new AbortError();
      if (hasAccumulator) {
        accumulator = await reducer(accumulator, chunk, { signal: controller.signal });
      } else {
        accumulator = chunk;
        hasAccumulator = true;
      }
    }
    if (!sawChunk && !hasAccumulator) {
      const err = new ERR_MISSING_ARGS('reduce');
      err.message = 'Reduce of an empty stream requires an initial value';
      throw err;
    }
  } finally {
    controller.abort();
    userSignal?.removeEventListener('abort', onAbort);
  }
  return accumulator;
}

/** [name, implementation, length] of the operators that return a stream. */
const streamOperators = [['drop', drop, 1], ['filter', filter, 2], ['flatMap', flatMap, 2], ['map', map, 2], ['take', take, 1]];

/** [name, implementation, length] of the operators that return a promise. */
const promiseOperators = [
  ['every', every, 1], ['forEach', forEach, 2], ['reduce', reduce, 3],
  ['toArray', toArray, 1], ['some', some, 1], ['find', find, 2],
];

function defineMethod(target, name, method, length) {
  Object.defineProperty(method, 'name', { value: name });
  Object.defineProperty(method, 'length', { value: length });
  Object.defineProperty(target, name, { value: method, enumerable: false, configurable: true, writable: true });
}

/** Install the operators on `Readable.prototype` as non-enumerable methods, as Node does. */
export function installOperators(Readable) {
  for (const [name, operator, length] of streamOperators) {
    defineMethod(Readable.prototype, name, function (...args) {
      if (new.target) throw new ERR_ILLEGAL_CONSTRUCTOR();
      return Readable.from(operator.apply(this, args));
    }, length);
  }
  for (const [name, operator, length] of promiseOperators) {
    defineMethod(Readable.prototype, name, function (...args) {
      if (new.target) throw new ERR_ILLEGAL_CONSTRUCTOR();
      return operator.apply(this, args);
    }, length);
  }
}
