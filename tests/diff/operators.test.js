// Readable operators (map, filter, forEach, toArray, some, find, every, flatMap, drop, take,
// reduce): results, concurrency and read-ahead, errors from the callback, AbortSignal, argument
// validation, and what happens to the source stream.

import { scenario, record, attempt, state, tick, immediate } from './harness.js';

const sourceEvents = ['end', 'error', 'close'];

/** An object-mode Readable that pushes one chunk per _read, on the next tick, then null. */
function ticking(lib, log, chunks, options = {}) {
  let i = 0;
  return new lib.Readable({
    objectMode: true,
    ...options,
    read() {
      log('_read', i);
      process.nextTick(() => this.push(i < chunks.length ? chunks[i++] : null));
    },
  });
}

/** Resolves after `n` setImmediate turns. */
async function turns(n) {
  for (let i = 0; i < n; i++) await immediate();
}

/** Logs how `value` (a promise or not) settles: [label, 'resolved'|'rejected', value]. */
async function settle(log, label, value) {
  try {
    log(label, 'resolved', await value);
  } catch (err) {
    log(label, 'rejected', err);
  }
}

/** Calls `fn`; logs a synchronous throw, or how the returned promise settles. */
async function outcome(log, label, fn) {
  let value;
  try {
    value = fn();
  } catch (err) {
    log(label, 'threw', err);
    return;
  }
  log(label, 'is promise', value instanceof Promise);
  await settle(log, label, value);
}

/** Reads a stream with for await, logging each chunk and how the loop ends. */
async function drain(log, stream, label = 'chunk') {
  try {
    for await (const chunk of stream) log(label, chunk);
    log('loop done');
  } catch (err) {
    log('loop threw', err);
  }
}

/** A mapper that logs its calls and finishes after `delays[x]` immediates (x the chunk). */
function delayed(log, delays, transform = (x) => x * 10) {
  let running = 0;
  return async (x) => {
    running++;
    log('start', x, 'running', running);
    await turns(delays[x] ?? 0);
    running--;
    log('finish', x);
    return transform(x);
  };
}

// ---- map ----

scenario('map: sync mapper over an object stream', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  record(src, sourceEvents, 'src');
  const mapped = src.map((x, options) => {
    log('fn', x, typeof options, Object.keys(options));
    return x * 2;
  });
  record(mapped, sourceEvents, 'mapped');
  log('is Readable', mapped instanceof lib.Readable);
  await drain(log, mapped);
  await immediate();
  state('src', src);
  state('mapped', mapped);
});

scenario('map: nothing is read before the result is read', async (lib, log) => {
  const src = ticking(lib, log, [1, 2]);
  const mapped = src.map((x) => x);
  await turns(3);
  log('after turns');
  state('src', src);
  state('mapped', mapped);
  await drain(log, mapped);
});

scenario('map: the result stream is object mode with highWaterMark 1', async (lib, log) => {
  const src = new lib.Readable({ read() {} });
  const mapped = src.map((x) => x);
  state('mapped', mapped);
  src.destroy();
  await immediate();
});

scenario('map: async mapper with default concurrency runs one call at a time', async (lib, log) => {
  const src = ticking(lib, log, [0, 1, 2, 3]);
  const mapped = src.map(delayed(log, [3, 1, 2, 0]));
  await drain(log, mapped);
});

scenario('map: concurrency 3 keeps source order', async (lib, log) => {
  const src = ticking(lib, log, [0, 1, 2, 3, 4, 5]);
  const mapped = src.map(delayed(log, [5, 1, 3, 0, 2, 1]), { concurrency: 3 });
  await drain(log, mapped);
});

scenario('map: concurrency 2 with sync-resolved promises', async (lib, log) => {
  const src = lib.Readable.from([1, 2, 3, 4, 5]);
  const mapped = src.map(async (x) => {
    log('fn', x);
    await null;
    log('fn done', x);
    return x;
  }, { concurrency: 2 });
  await drain(log, mapped);
});

scenario('map: concurrency 4 with a slow consumer and highWaterMark 0', async (lib, log) => {
  const src = ticking(lib, log, [0, 1, 2, 3, 4, 5, 6, 7]);
  const mapped = src.map(delayed(log, []), { concurrency: 4, highWaterMark: 0 });
  for await (const chunk of mapped) {
    log('chunk', chunk);
    await turns(2);
  }
  log('loop done');
});

scenario('map: highWaterMark 3 reads ahead of a slow consumer', async (lib, log) => {
  const src = ticking(lib, log, [0, 1, 2, 3, 4, 5]);
  const mapped = src.map((x) => {
    log('fn', x);
    return x;
  }, { highWaterMark: 3 });
  for await (const chunk of mapped) {
    log('chunk', chunk);
    await turns(3);
  }
  log('loop done');
});

scenario('map: concurrency and highWaterMark given as strings and fractions', async (lib, log) => {
  const src = ticking(lib, log, [0, 1, 2, 3]);
  const mapped = src.map(delayed(log, [2, 0, 1, 0]), { concurrency: '2.9', highWaterMark: 1.5 });
  await drain(log, mapped);
});

scenario('map: mapper throwing synchronously errors the result and destroys the source', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  record(src, sourceEvents, 'src');
  const mapped = src.map((x) => {
    if (x === 2) throw new Error('boom');
    return x;
  });
  record(mapped, sourceEvents, 'mapped');
  await drain(log, mapped);
  await turns(3);
  state('src', src);
  state('mapped', mapped);
});

scenario('map: mapper rejecting while other calls run (concurrency 3)', async (lib, log) => {
  const src = ticking(lib, log, [0, 1, 2, 3, 4]);
  record(src, sourceEvents, 'src');
  const mapped = src.map(delayed(log, [3, 1, 2, 0, 0], (x) => {
    if (x === 1) throw new TypeError('bad chunk');
    return x;
  }), { concurrency: 3 });
  record(mapped, sourceEvents, 'mapped');
  await drain(log, mapped);
  await turns(5);
  state('src', src);
});

scenario('map: error event of the result without for await', async (lib, log) => {
  const src = lib.Readable.from([1, 2]);
  const mapped = src.map(() => {
    throw new RangeError('nope');
  });
  record(mapped, ['data', 'end', 'error', 'close']);
  mapped.resume();
  await turns(3);
  state('mapped', mapped);
});

scenario('map: source erroring mid-stream errors the result', async (lib, log) => {
  let n = 0;
  const src = new lib.Readable({
    objectMode: true,
    read() {
      n++;
      if (n === 3) process.nextTick(() => this.destroy(new Error('source failed')));
      else this.push(n);
    },
  });
  record(src, sourceEvents, 'src');
  const mapped = src.map((x) => x + 100);
  record(mapped, sourceEvents, 'mapped');
  await drain(log, mapped);
  await immediate();
});

scenario('map: signal already aborted', async (lib, log) => {
  const src = ticking(lib, log, [1, 2]);
  record(src, sourceEvents, 'src');
  const ac = new AbortController();
  ac.abort(new Error('reason'));
  const mapped = src.map((x) => {
    log('fn', x);
    return x;
  }, { signal: ac.signal });
  record(mapped, sourceEvents, 'mapped');
  await drain(log, mapped);
  await turns(3);
  state('src', src);
});

scenario('map: signal aborted during iteration', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3, 4]);
  record(src, sourceEvents, 'src');
  const ac = new AbortController();
  const mapped = src.map((x, { signal }) => {
    log('fn', x, signal.aborted);
    return x;
  }, { signal: ac.signal });
  record(mapped, sourceEvents, 'mapped');
  try {
    for await (const chunk of mapped) {
      log('chunk', chunk);
      if (chunk === 2) ac.abort();
    }
    log('loop done');
  } catch (err) {
    log('loop threw', err, err.cause);
  }
  await turns(3);
  state('src', src);
});

scenario('map: the signal given to the mapper follows the user signal', async (lib, log) => {
  const ac = new AbortController();
  const seen = [];
  const src = lib.Readable.from([1, 2]);
  const mapped = src.map(async (x, options) => {
    seen.push(options);
    log('fn', x, options.signal === ac.signal, options.signal instanceof AbortSignal, options.signal.aborted);
    if (x === 2) {
      ac.abort('stop');
      log('after abort', options.signal.aborted, options.signal.reason);
    }
    return x;
  }, { signal: ac.signal });
  await drain(log, mapped);
  log('same options object', seen[0] === seen[1]);
});

scenario('map: mapper signal without a user signal', async (lib, log) => {
  let signal;
  const mapped = lib.Readable.from([1]).map((x, options) => {
    signal = options.signal;
    return x;
  });
  await drain(log, mapped);
  log('signal', signal instanceof AbortSignal, signal.aborted);
});

scenario('map: bad arguments throw synchronously', async (lib, log) => {
  const src = lib.Readable.from([1]);
  const fn = (x) => x;
  attempt('no fn', () => src.map());
  attempt('fn string', () => src.map('x'));
  attempt('fn object', () => src.map({}));
  attempt('options string', () => src.map(fn, 'opts'));
  attempt('options array', () => src.map(fn, []));
  attempt('options function', () => src.map(fn, () => {}));
  attempt('options number', () => src.map(fn, 5));
  attempt('signal string', () => src.map(fn, { signal: 'x' }));
  attempt('signal plain object', () => src.map(fn, { signal: {} }));
  attempt('concurrency 0', () => src.map(fn, { concurrency: 0 }));
  attempt('concurrency -1', () => src.map(fn, { concurrency: -1 }));
  attempt('concurrency 0.5', () => src.map(fn, { concurrency: 0.5 }));
  attempt('concurrency NaN', () => src.map(fn, { concurrency: NaN }));
  attempt('concurrency abc', () => src.map(fn, { concurrency: 'abc' }));
  attempt('concurrency Infinity', () => src.map(fn, { concurrency: Infinity }));
  attempt('concurrency 2**60', () => src.map(fn, { concurrency: 2 ** 60 }));
  attempt('concurrency symbol', () => src.map(fn, { concurrency: Symbol('s') }));
  attempt('concurrency bigint', () => src.map(fn, { concurrency: 2n }));
  attempt('highWaterMark -1', () => src.map(fn, { highWaterMark: -1 }));
  attempt('highWaterMark NaN', () => src.map(fn, { highWaterMark: NaN }));
  attempt('highWaterMark abc', () => src.map(fn, { highWaterMark: 'abc' }));
  attempt('concurrency null ok', () => src.map(fn, { concurrency: null, highWaterMark: null }) instanceof lib.Readable);
  attempt('options null ok', () => src.map(fn, null) instanceof lib.Readable);
  attempt('signal null ok', () => src.map(fn, { signal: null }) instanceof lib.Readable);
  src.destroy();
  await immediate();
});

scenario('map: validation order (fn, options, signal, concurrency, highWaterMark)', async (lib, log) => {
  const src = lib.Readable.from([1]);
  attempt('bad fn and options', () => src.map(1, 'x'));
  attempt('bad options and signal', () => src.map(() => {}, { signal: 1, concurrency: 0 }));
  attempt('bad concurrency and hwm', () => src.map(() => {}, { concurrency: 0, highWaterMark: -1 }));
  attempt('bad hwm', () => src.map(() => {}, { concurrency: 2, highWaterMark: -0.5 }));
  src.destroy();
  await immediate();
});

scenario('map: on an empty stream', async (lib, log) => {
  const src = new lib.Readable({ objectMode: true, read() { this.push(null); } });
  record(src, sourceEvents, 'src');
  const mapped = src.map((x) => {
    log('fn', x);
    return x;
  }, { concurrency: 2 });
  record(mapped, sourceEvents, 'mapped');
  await drain(log, mapped);
  await immediate();
});

scenario('map: on a byte stream', async (lib, log) => {
  const src = new lib.Readable({ read() {} });
  src.push('abc');
  src.push(Buffer.from('de'));
  src.push(null);
  const mapped = src.map((chunk) => {
    log('fn', chunk, Buffer.isBuffer(chunk));
    return chunk.toString().toUpperCase();
  });
  await drain(log, mapped);
});

scenario('map: on a byte stream with an encoding', async (lib, log) => {
  const src = new lib.Readable({ encoding: 'hex', read() {} });
  src.push('hi');
  src.push(null);
  const mapped = src.map((chunk) => [typeof chunk, chunk]);
  await drain(log, mapped);
});

scenario('map: mapper returning null errors the result stream', async (lib, log) => {
  const src = lib.Readable.from([1, 2]);
  const mapped = src.map((x) => (x === 2 ? null : x));
  record(mapped, sourceEvents, 'mapped');
  await drain(log, mapped);
  await immediate();
});

scenario('map: mapper returning a thenable and undefined', async (lib, log) => {
  const src = lib.Readable.from([1, 2, 3]);
  const mapped = src.map((x) => {
    if (x === 1) return { then: (resolve) => resolve('thenable') };
    if (x === 2) return undefined;
    return Promise.resolve(x);
  });
  await drain(log, mapped);
});

scenario('map: break in for await destroys the result and later the source', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3, 4, 5]);
  record(src, sourceEvents, 'src');
  const mapped = src.map((x) => {
    log('fn', x);
    return x;
  });
  record(mapped, sourceEvents, 'mapped');
  for await (const chunk of mapped) {
    log('chunk', chunk);
    if (chunk === 2) break;
  }
  log('after break');
  state('src sync', src);
  await turns(3);
  state('src', src);
  state('mapped', mapped);
});

scenario('map: break with concurrency 3 while calls are in flight', async (lib, log) => {
  const src = ticking(lib, log, [0, 1, 2, 3, 4, 5]);
  record(src, sourceEvents, 'src');
  const mapped = src.map(delayed(log, [1, 2, 3, 1, 1, 1]), { concurrency: 3 });
  record(mapped, sourceEvents, 'mapped');
  for await (const chunk of mapped) {
    log('chunk', chunk);
    break;
  }
  log('after break');
  await turns(6);
  state('src', src);
});

scenario('map: destroying the result stream', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  record(src, sourceEvents, 'src');
  const mapped = src.map((x) => x);
  record(mapped, ['data', ...sourceEvents], 'mapped');
  mapped.once('data', () => mapped.destroy(new Error('stop')));
  await turns(5);
  state('src', src);
  state('mapped', mapped);
});

scenario('map: over an already destroyed stream', async (lib, log) => {
  const src = new lib.Readable({ read() {} });
  src.destroy();
  await immediate();
  const mapped = src.map((x) => x);
  record(mapped, sourceEvents, 'mapped');
  await drain(log, mapped);
});

scenario('map: chained operators', async (lib, log) => {
  const src = lib.Readable.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const result = await src
    .map((x) => x * 3, { concurrency: 2 })
    .filter(async (x) => x % 2 === 0)
    .drop(1)
    .take(2)
    .toArray();
  log('result', result);
});

scenario('operators on Duplex and PassThrough', async (lib, log) => {
  const pt = new lib.PassThrough({ objectMode: true });
  pt.write('a');
  pt.write('b');
  pt.end();
  log('pt', await pt.map((s) => s + s).toArray());
  const d = new lib.Duplex({
    objectMode: true,
    read() {
      this.push('x');
      this.push(null);
    },
    write(chunk, enc, cb) {
      cb();
    },
  });
  log('duplex', await d.toArray());
});

// ---- how they are installed ----

scenario('operators are non-enumerable methods with Node names and lengths', async (lib, log) => {
  const names = ['map', 'filter', 'forEach', 'toArray', 'some', 'find', 'every', 'flatMap', 'drop', 'take', 'reduce'];
  for (const name of names) {
    const desc = Object.getOwnPropertyDescriptor(lib.Readable.prototype, name);
    log(name, desc.enumerable, desc.configurable, desc.writable, desc.value.name, desc.value.length);
  }
  log('keys', Object.keys(lib.Readable.prototype).filter((key) => names.includes(key)));
});

scenario('calling an operator with new throws ERR_ILLEGAL_CONSTRUCTOR', async (lib, log) => {
  const src = lib.Readable.from([1]);
  const { map, toArray, take, reduce } = lib.Readable.prototype;
  attempt('new map', () => new map((x) => x));
  attempt('new take', () => new take(1));
  attempt('new toArray', () => new toArray());
  attempt('new reduce', () => new reduce(() => {}));
  log('src untouched', src.destroyed);
  src.destroy();
  await immediate();
});

// ---- filter ----

scenario('filter: sync predicate', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3, 4, 5]);
  const evens = src.filter((x, options) => {
    log('fn', x, typeof options.signal);
    return x % 2 === 0;
  });
  await drain(log, evens);
});

scenario('filter: async predicate with concurrency 2 keeps order', async (lib, log) => {
  const src = ticking(lib, log, [0, 1, 2, 3, 4]);
  const kept = src.filter(delayed(log, [3, 0, 1, 2, 0], (x) => x !== 2), { concurrency: 2 });
  await drain(log, kept);
});

scenario('filter: truthy and falsy predicate results', async (lib, log) => {
  const values = [0, '', null, undefined, NaN, 'a', 1, {}, []];
  const src = lib.Readable.from(values.map((_, i) => i));
  const kept = src.filter((i) => values[i]);
  log('kept', await kept.toArray());
});

scenario('filter: predicate throws', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  record(src, sourceEvents, 'src');
  const kept = src.filter((x) => {
    if (x === 2) throw new Error('filter failed');
    return true;
  });
  await drain(log, kept);
  await turns(2);
  state('src', src);
});

scenario('filter: bad arguments throw synchronously', async (lib, log) => {
  const src = lib.Readable.from([1]);
  attempt('no fn', () => src.filter());
  attempt('fn number', () => src.filter(1));
  attempt('options string', () => src.filter(() => true, 'x'));
  attempt('concurrency 0', () => src.filter(() => true, { concurrency: 0 }));
  attempt('signal bad', () => src.filter(() => true, { signal: true }));
  src.destroy();
  await immediate();
});

scenario('filter: signal aborted before and on an empty stream', async (lib, log) => {
  const ac = new AbortController();
  ac.abort();
  const src = ticking(lib, log, [1]);
  await drain(log, src.filter(() => true, { signal: ac.signal }));
  const empty = lib.Readable.from([]);
  await drain(log, empty.filter(() => true));
});

// ---- forEach ----

scenario('forEach: calls fn for every chunk and resolves undefined', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  record(src, sourceEvents, 'src');
  await outcome(log, 'forEach', () => src.forEach((x, options) => {
    log('fn', x, typeof options.signal);
    return 'ignored';
  }));
  state('src', src);
});

scenario('forEach: concurrency 3 waits for every call', async (lib, log) => {
  const src = ticking(lib, log, [0, 1, 2, 3, 4]);
  await outcome(log, 'forEach', () => src.forEach(delayed(log, [4, 1, 2, 0, 3]), { concurrency: 3 }));
});

scenario('forEach: fn throwing rejects and destroys the source', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  record(src, sourceEvents, 'src');
  await outcome(log, 'forEach', () => src.forEach(async (x) => {
    log('fn', x);
    if (x === 2) throw new Error('each failed');
  }));
  await turns(3);
  state('src', src);
});

scenario('forEach: bad arguments reject', async (lib, log) => {
  const src = lib.Readable.from([1]);
  await outcome(log, 'no fn', () => src.forEach());
  await outcome(log, 'options array', () => src.forEach(() => {}, []));
  await outcome(log, 'concurrency -2', () => src.forEach(() => {}, { concurrency: -2 }));
  state('src', src);
  src.destroy();
  await immediate();
});

scenario('forEach: signal aborted during', async (lib, log) => {
  const ac = new AbortController();
  const src = ticking(lib, log, [1, 2, 3, 4]);
  record(src, sourceEvents, 'src');
  await outcome(log, 'forEach', () => src.forEach((x) => {
    log('fn', x);
    if (x === 2) ac.abort();
  }, { signal: ac.signal }));
  await turns(3);
  state('src', src);
});

scenario('forEach: on an empty byte stream', async (lib, log) => {
  const src = new lib.Readable({ read() { this.push(null); } });
  record(src, sourceEvents, 'src');
  await outcome(log, 'forEach', () => src.forEach((x) => log('fn', x)));
});

// ---- toArray ----

scenario('toArray: objects', async (lib, log) => {
  const src = ticking(lib, log, [{ a: 1 }, 'b', 3]);
  record(src, sourceEvents, 'src');
  await outcome(log, 'toArray', () => src.toArray());
  state('src', src);
});

scenario('toArray: bytes', async (lib, log) => {
  const src = new lib.Readable({ read() {} });
  src.push('ab');
  src.push('cd');
  src.push(null);
  await outcome(log, 'toArray', () => src.toArray());
});

scenario('toArray: empty stream', async (lib, log) => {
  await outcome(log, 'toArray', () => lib.Readable.from([]).toArray());
});

scenario('toArray: signal aborted before (AbortError with cause)', async (lib, log) => {
  const ac = new AbortController();
  ac.abort('why');
  const src = ticking(lib, log, [1, 2]);
  record(src, sourceEvents, 'src');
  const p = src.toArray({ signal: ac.signal });
  try {
    await p;
  } catch (err) {
    log('rejected', err, err.cause);
  }
  await immediate();
  state('src', src);
});

scenario('toArray: signal aborted during', async (lib, log) => {
  const ac = new AbortController();
  const src = ticking(lib, log, [1, 2, 3]);
  src.on('data', (x) => {
    log('data', x);
    if (x === 2) ac.abort(new Error('enough'));
  });
  src.pause();
  try {
    log('resolved', await src.toArray({ signal: ac.signal }));
  } catch (err) {
    log('rejected', err, err.cause);
  }
  await immediate();
  state('src', src);
});

scenario('toArray: bad options reject', async (lib, log) => {
  const src = lib.Readable.from([1]);
  await outcome(log, 'string', () => src.toArray('x'));
  await outcome(log, 'signal', () => src.toArray({ signal: 'x' }));
  await outcome(log, 'null ok', () => src.toArray(null));
});

scenario('toArray: source error rejects', async (lib, log) => {
  const src = new lib.Readable({
    read() {
      log('_read');
      if (this.readableDidRead) return;
      this.push('a');
      process.nextTick(() => this.destroy(new Error('read failed')));
    },
  });
  await outcome(log, 'toArray', () => src.toArray());
});

// ---- some, every, find ----

scenario('some: stops at the first match and destroys the source', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3, 4, 5]);
  record(src, sourceEvents, 'src');
  await outcome(log, 'some', () => src.some((x) => {
    log('fn', x);
    return x === 2;
  }));
  await turns(3);
  state('src', src);
});

scenario('some: no match and empty stream', async (lib, log) => {
  await outcome(log, 'no match', () => lib.Readable.from([1, 2]).some((x) => x > 5));
  await outcome(log, 'empty', () => lib.Readable.from([]).some(() => true));
});

scenario('some: concurrency 3 with async predicate', async (lib, log) => {
  const src = ticking(lib, log, [0, 1, 2, 3, 4, 5]);
  record(src, sourceEvents, 'src');
  await outcome(log, 'some', () => src.some(delayed(log, [3, 2, 1, 0, 0, 0], (x) => x === 2), { concurrency: 3 }));
  await turns(4);
});

scenario('some: bad arguments and throwing predicate', async (lib, log) => {
  await outcome(log, 'no fn', () => lib.Readable.from([1]).some());
  await outcome(log, 'bad options', () => lib.Readable.from([1]).some(() => true, 1));
  await outcome(log, 'throws', () => lib.Readable.from([1]).some(() => {
    throw new Error('pred');
  }));
});

scenario('every: all match, one fails, empty', async (lib, log) => {
  const src = ticking(lib, log, [2, 4, 5, 6]);
  record(src, sourceEvents, 'src');
  await outcome(log, 'fails at 5', () => src.every((x) => {
    log('fn', x);
    return x % 2 === 0;
  }));
  await outcome(log, 'all', () => lib.Readable.from([2, 4]).every((x) => x % 2 === 0));
  await outcome(log, 'empty', () => lib.Readable.from([]).every(() => false));
  await turns(2);
});

scenario('every: bad arguments, throwing fn, aborted signal', async (lib, log) => {
  await outcome(log, 'no fn', () => lib.Readable.from([1]).every());
  await outcome(log, 'bad concurrency', () => lib.Readable.from([1]).every(() => true, { concurrency: 'x' }));
  await outcome(log, 'throws', () => lib.Readable.from([1]).every(async () => {
    throw new Error('every failed');
  }));
  const ac = new AbortController();
  ac.abort();
  await outcome(log, 'aborted', () => lib.Readable.from([1]).every(() => true, { signal: ac.signal }));
});

scenario('find: first match, none, async predicate with concurrency', async (lib, log) => {
  const src = ticking(lib, log, [{ id: 1 }, { id: 2 }, { id: 3 }]);
  record(src, sourceEvents, 'src');
  await outcome(log, 'found', () => src.find((x) => x.id >= 2));
  await outcome(log, 'none', () => lib.Readable.from([1, 2]).find((x) => x > 2));
  await outcome(log, 'async', () => lib.Readable.from([1, 2, 3, 4]).find(async (x) => {
    await turns(4 - x);
    log('checked', x);
    return x >= 3;
  }, { concurrency: 4 }));
  await turns(3);
});

scenario('find: bad arguments and throwing predicate', async (lib, log) => {
  await outcome(log, 'fn null', () => lib.Readable.from([1]).find(null));
  await outcome(log, 'signal number', () => lib.Readable.from([1]).find(() => true, { signal: 1 }));
  await outcome(log, 'throws', () => lib.Readable.from([1]).find(() => {
    throw new Error('find failed');
  }));
});

// ---- flatMap ----

scenario('flatMap: arrays, strings and generators', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  const flat = src.flatMap((x) => {
    if (x === 1) return [x, x];
    if (x === 2) return 'ab';
    return (async function* gen() {
      yield 'g1';
      yield 'g2';
    })();
  });
  await drain(log, flat);
});

scenario('flatMap: async mapper with concurrency 2', async (lib, log) => {
  const src = ticking(lib, log, [0, 1, 2]);
  const flat = src.flatMap(delayed(log, [2, 0, 1], (x) => [x, -x]), { concurrency: 2 });
  await drain(log, flat);
});

scenario('flatMap: non-iterable result errors the stream', async (lib, log) => {
  const src = lib.Readable.from([1, 2]);
  const flat = src.flatMap((x) => x);
  record(flat, sourceEvents, 'flat');
  await drain(log, flat);
  await immediate();
});

scenario('flatMap: bad arguments throw synchronously', async (lib, log) => {
  const src = lib.Readable.from([1]);
  attempt('no fn', () => src.flatMap());
  attempt('options', () => src.flatMap(() => [], true));
  attempt('highWaterMark', () => src.flatMap(() => [], { highWaterMark: -3 }));
  src.destroy();
  await immediate();
});

scenario('flatMap: break early and empty stream', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  record(src, sourceEvents, 'src');
  const flat = src.flatMap((x) => [x, x * 10, x * 100]);
  for await (const chunk of flat) {
    log('chunk', chunk);
    if (chunk === 10) break;
  }
  await turns(3);
  state('src', src);
  log('empty', await lib.Readable.from([]).flatMap((x) => [x]).toArray());
});

// ---- drop and take ----

scenario('drop: numbers and coercions', async (lib, log) => {
  const counts = [0, 2, 1.5, '2', NaN, undefined, null, Infinity, 10, 2n, -0, true, '  1 ', [1], {}];
  for (const count of counts) {
    try {
      log('drop', count, await lib.Readable.from([1, 2, 3, 4]).drop(count).toArray());
    } catch (err) {
      log('drop', count, 'threw', err);
    }
  }
});

scenario('take: numbers and coercions', async (lib, log) => {
  const counts = [0, 2, 1.5, '2', NaN, undefined, null, Infinity, 10, 2n, -0, true, '  1 ', [1], {}, 0.5];
  for (const count of counts) {
    try {
      log('take', count, await lib.Readable.from([1, 2, 3, 4]).take(count).toArray());
    } catch (err) {
      log('take', count, 'threw', err);
    }
  }
});

scenario('drop and take: bad arguments throw synchronously', async (lib, log) => {
  const src = lib.Readable.from([1]);
  for (const op of ['drop', 'take']) {
    attempt(`${op} -1`, () => src[op](-1));
    attempt(`${op} -Infinity`, () => src[op](-Infinity));
    attempt(`${op} '-2'`, () => src[op]('-2'));
    attempt(`${op} symbol`, () => src[op](Symbol('n')));
    attempt(`${op} options`, () => src[op](1, 'x'));
    attempt(`${op} signal`, () => src[op](1, { signal: 'x' }));
    attempt(`${op} options before number`, () => src[op](-1, []));
  }
  const order = [];
  attempt('valueOf called', () => src.take({ valueOf: () => { order.push('valueOf'); return 1; } }) instanceof lib.Readable);
  log('order', order);
  src.destroy();
  await immediate();
});

scenario('take: stops reading and destroys the source after the last chunk', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3, 4, 5]);
  record(src, sourceEvents, 'src');
  const taken = src.take(2);
  record(taken, sourceEvents, 'taken');
  await drain(log, taken);
  await turns(2);
  state('src', src);
});

scenario('take(0) still reads one chunk from the source', async (lib, log) => {
  const src = ticking(lib, log, [1, 2]);
  record(src, sourceEvents, 'src');
  await drain(log, src.take(0));
  await turns(2);
  state('src', src);
});

scenario('drop: reads the whole source', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  record(src, sourceEvents, 'src');
  const rest = src.drop(1);
  record(rest, sourceEvents, 'rest');
  await drain(log, rest);
  await turns(2);
});

scenario('drop and take: signal aborted before and during', async (lib, log) => {
  const before = new AbortController();
  before.abort();
  const src1 = ticking(lib, log, [1, 2]);
  record(src1, sourceEvents, 'src1');
  await drain(log, src1.take(5, { signal: before.signal }));
  const src2 = ticking(lib, log, [1, 2]);
  await drain(log, src2.drop(0, { signal: before.signal }));
  const during = new AbortController();
  const src3 = ticking(lib, log, [1, 2, 3, 4]);
  record(src3, sourceEvents, 'src3');
  try {
    for await (const chunk of src3.drop(1, { signal: during.signal })) {
      log('chunk', chunk);
      during.abort();
    }
  } catch (err) {
    log('loop threw', err, err.cause);
  }
  await turns(3);
});

scenario('take and drop: on byte streams and empty streams', async (lib, log) => {
  const bytes = new lib.Readable({ read() {} });
  bytes.push('ab');
  bytes.push('cd');
  bytes.push('ef');
  bytes.push(null);
  log('take bytes', await bytes.take(2).toArray());
  log('drop empty', await lib.Readable.from([]).drop(3).toArray());
  log('take empty', await lib.Readable.from([]).take(3).toArray());
});

scenario('take: break in for await', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3, 4]);
  record(src, sourceEvents, 'src');
  const taken = src.take(3);
  record(taken, sourceEvents, 'taken');
  for await (const chunk of taken) {
    log('chunk', chunk);
    break;
  }
  await turns(3);
  state('src', src);
});

// ---- reduce ----

scenario('reduce: with an initial value', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  record(src, sourceEvents, 'src');
  await outcome(log, 'reduce', () => src.reduce((acc, x, options) => {
    log('reducer', acc, x, Object.keys(options), options.signal.aborted);
    return acc + x;
  }, 10));
  state('src', src);
});

scenario('reduce: without an initial value', async (lib, log) => {
  await outcome(log, 'sum', () => lib.Readable.from([1, 2, 3]).reduce((acc, x) => {
    log('reducer', acc, x);
    return acc + x;
  }));
  await outcome(log, 'one chunk', () => lib.Readable.from(['only']).reduce(() => 'never'));
});

scenario('reduce: initial value undefined counts as given', async (lib, log) => {
  await outcome(log, 'explicit undefined', () => lib.Readable.from([1, 2]).reduce((acc, x) => {
    log('reducer', acc, x);
    return x;
  }, undefined));
  await outcome(log, 'empty, explicit undefined', () => lib.Readable.from([]).reduce(() => 1, undefined));
});

scenario('reduce: empty stream without an initial value', async (lib, log) => {
  await outcome(log, 'empty', () => lib.Readable.from([]).reduce((a, b) => a + b));
  await outcome(log, 'empty with initial', () => lib.Readable.from([]).reduce((a, b) => a + b, 'init'));
});

scenario('reduce: async reducer, and the reducer signal after the end', async (lib, log) => {
  const signals = [];
  await outcome(log, 'reduce', () => lib.Readable.from(['a', 'b', 'c']).reduce(async (acc, x, { signal }) => {
    signals.push(signal);
    await turns(1);
    return acc + x;
  }, ''));
  log('signals', signals.length, signals[0] === signals[1], signals.map((s) => s.aborted));
});

scenario('reduce: reducer throws', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  record(src, sourceEvents, 'src');
  await outcome(log, 'reduce', () => src.reduce((acc, x) => {
    if (x === 2) throw new Error('reduce failed');
    return acc + x;
  }, 0));
  await turns(2);
  state('src', src);
});

scenario('reduce: signal aborted before destroys the source', async (lib, log) => {
  const ac = new AbortController();
  ac.abort('early');
  const src = ticking(lib, log, [1, 2]);
  record(src, sourceEvents, 'src');
  const p = src.reduce((a, b) => a + b, 0, { signal: ac.signal });
  log('sync', src.destroyed);
  try {
    await p;
  } catch (err) {
    log('rejected', err, err.cause);
  }
  state('src', src);
});

scenario('reduce: signal aborted during', async (lib, log) => {
  const ac = new AbortController();
  const src = ticking(lib, log, [1, 2, 3, 4]);
  record(src, sourceEvents, 'src');
  let reducerSignal;
  await outcome(log, 'reduce', () => src.reduce((acc, x, { signal }) => {
    reducerSignal = signal;
    log('reducer', acc, x);
    if (x === 2) {
      ac.abort();
      log('reducer signal', signal.aborted);
    }
    return acc + x;
  }, 0, { signal: ac.signal }));
  log('reducer signal after', reducerSignal.aborted);
  await turns(2);
  state('src', src);
});

scenario('reduce: bad arguments reject', async (lib, log) => {
  const src = lib.Readable.from([1]);
  await outcome(log, 'no reducer', () => src.reduce());
  await outcome(log, 'reducer string', () => src.reduce('+', 0));
  await outcome(log, 'options string', () => src.reduce((a) => a, 0, 'x'));
  await outcome(log, 'options array', () => src.reduce((a) => a, 0, []));
  await outcome(log, 'signal', () => src.reduce((a) => a, 0, { signal: 5 }));
  state('src', src);
  src.destroy();
  await immediate();
});

scenario('reduce: on a byte stream', async (lib, log) => {
  const src = new lib.Readable({ read() {} });
  src.push('ab');
  src.push('cd');
  src.push(null);
  await outcome(log, 'reduce', () => src.reduce((acc, chunk) => acc + chunk.toString('hex'), ''));
});

// ---- timing against the stream's own ticks ----

scenario('map: interleaving with process.nextTick and the source _read', async (lib, log) => {
  const src = ticking(lib, log, [1, 2, 3]);
  const mapped = src.map(async (x) => {
    log('fn', x);
    process.nextTick(() => log('tick after fn', x));
    await tick();
    return x;
  }, { concurrency: 2 });
  mapped.on('data', (x) => log('data', x));
  mapped.on('end', () => log('end'));
  await turns(5);
});

scenario('toArray and reduce resolve order relative to end and close', async (lib, log) => {
  const a = ticking(lib, log, ['a']);
  record(a, sourceEvents, 'a');
  const b = ticking(lib, log, ['b']);
  record(b, sourceEvents, 'b');
  a.toArray().then((v) => log('toArray', v));
  b.reduce((x, y) => x + y, '').then((v) => log('reduce', v));
  await turns(3);
});

scenario('reduce: signal aborted before, on a source without an error listener', async (lib, log) => {
  const ac = new AbortController();
  ac.abort();
  const src = ticking(lib, log, [1, 2]);
  src.on('close', () => log('close', src.listenerCount('error')));
  await outcome(log, 'reduce', () => {
    const p = src.reduce((a, b) => a + b, 0, { signal: ac.signal });
    log('error listeners', src.listenerCount('error'));
    return p;
  });
  await turns(2);
});

scenario('map: source erroring after the consumer broke out', async (lib, log) => {
  const src = new lib.Readable({ objectMode: true, read() {} });
  record(src, sourceEvents, 'src');
  const mapped = src.map((x) => x, { concurrency: 2 });
  record(mapped, sourceEvents, 'mapped');
  src.push(1);
  for await (const chunk of mapped) {
    log('chunk', chunk);
    break;
  }
  log('after break');
  await turns(2);
  src.destroy(new Error('late failure'));
  await turns(3);
  state('mapped', mapped);
});

scenario('forEach: source erroring while calls are in flight', async (lib, log) => {
  const src = new lib.Readable({ objectMode: true, read() {} });
  record(src, sourceEvents, 'src');
  src.push(1);
  src.push(2);
  const p = src.forEach(async (x) => {
    log('fn', x);
    await turns(2);
    log('fn done', x);
  }, { concurrency: 3 });
  await immediate();
  src.destroy(new Error('mid failure'));
  await settle(log, 'forEach', p);
  await turns(3);
});

scenario('operators called on iterables that are not streams', async (lib, log) => {
  const { map, toArray, take, reduce, some } = lib.Readable.prototype;
  log('map on array', await map.call([1, 2, 3], (x) => x + 1).toArray());
  log('toArray on array', await toArray.call(['a', 'b']));
  const gen = (async function* gen() {
    yield 'x';
    yield 'y';
    yield 'z';
  })();
  log('take on generator', await take.call(gen, 2).toArray());
  log('reduce on Set', await reduce.call(new Set([1, 2, 3]), (a, b) => a * b));
  await outcome(log, 'some on plain object', () => some.call({}, () => true));
  await outcome(log, 'toArray on number', () => toArray.call(5));
  const bad = map.call({}, (x) => x);
  record(bad, sourceEvents, 'map on plain object');
  await drain(log, bad);
});
