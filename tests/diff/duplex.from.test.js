// Duplex.from(body) and duplexPair() against node:stream: every kind of body, what is read and
// written through the result, the order of 'end', 'finish' and 'close', errors and destroy in
// both directions, and the errors for bad bodies.

import { scenario, record, attempt, wstate, state, immediate } from './harness.js';

const events = ['end', 'finish', 'error', 'close'];

/** Waits `count` setImmediate turns. */
async function turns(count = 3) {
  for (let i = 0; i < count; i++) await immediate();
}

/** Logs every 'data' chunk of `stream` as [label, 'data', chunk]. */
function data(log, stream, label) {
  stream.on('data', (chunk) => log(label, 'data', chunk));
}

/** Logs the end state of a stream: destroyed, errored, closed, readable, writable. */
function ended(log, label, stream) {
  log(label, {
    destroyed: stream.destroyed,
    errored: stream.errored,
    closed: stream.closed,
    readable: stream.readable,
    writable: stream.writable,
  });
}

/** A Writable (or `options`-shaped stream) that logs each chunk and calls back at once. */
function sink(lib, log, label, options = {}) {
  return new lib.Writable({
    write(chunk, encoding, callback) {
      log(label, 'write', chunk);
      callback();
    },
    ...options,
  });
}

/** Logs the shape Duplex.from gave: class name, sides, object modes. */
function shape(log, d) {
  log('shape', {
    name: d.constructor.name,
    readable: d.readable,
    writable: d.writable,
    readableObjectMode: d.readableObjectMode,
    writableObjectMode: d.writableObjectMode,
  });
}

// ---- streams ----

scenario('a Duplex, a Transform and a PassThrough come back as they are', async (lib, log) => {
  for (const stream of [new lib.Duplex(), new lib.Transform(), new lib.PassThrough()]) {
    log(stream.constructor.name, lib.Duplex.from(stream) === stream);
  }
  const half = new lib.Duplex({ readable: false });
  log('readable: false duplex', lib.Duplex.from(half) === half);
  log('Transform.from is Duplex.from', lib.Transform.from === lib.Duplex.from, lib.PassThrough.from === lib.Duplex.from);
});

scenario('a Readable: its data, then end and close of both', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const d = lib.Duplex.from(r);
  shape(log, d);
  record(d, events, 'd');
  record(r, events, 'r');
  data(log, d, 'd');
  r.push('a');
  r.push('b');
  await immediate();
  r.push('c');
  r.push(null);
  await turns();
  ended(log, 'd', d);
  ended(log, 'r', r);
});

scenario('an objectMode Readable gives an objectMode readable side', async (lib, log) => {
  const r = new lib.Readable({ objectMode: true, read() {} });
  const d = lib.Duplex.from(r);
  shape(log, d);
  record(d, events, 'd');
  data(log, d, 'd');
  r.push({ a: 1 });
  r.push(2);
  r.push(null);
  await turns();
});

scenario('a Readable, read with read() and readable events', async (lib, log) => {
  const r = lib.Readable.from(['x', 'y', 'z'], { objectMode: false });
  const d = lib.Duplex.from(r);
  record(d, events, 'd');
  d.on('readable', () => {
    let chunk;
    while ((chunk = d.read()) !== null) log('read', chunk);
  });
  await turns();
  state('d', d);
});

scenario('a Readable, backpressure: the inner stream waits for the outer reader', async (lib, log) => {
  let n = 0;
  const r = new lib.Readable({
    highWaterMark: 2,
    objectMode: true,
    read() {
      log('inner read', n);
      this.push(n < 6 ? n++ : null);
    },
  });
  const d = lib.Duplex.from(r);
  record(d, events, 'd');
  await turns();
  log('buffered', d.readableLength, r.readableLength);
  data(log, d, 'd');
  await turns();
});

scenario('a Readable that errors destroys the Duplex with the error', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const d = lib.Duplex.from(r);
  record(d, events, 'd');
  record(r, events, 'r');
  r.push('a');
  r.destroy(new Error('boom'));
  await turns();
  ended(log, 'd', d);
});

scenario('a Readable destroyed without an error: premature close', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const d = lib.Duplex.from(r);
  record(d, events, 'd');
  r.destroy();
  await turns();
  ended(log, 'd', d);
});

scenario('destroying the Duplex over a Readable destroys it with an AbortError', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const d = lib.Duplex.from(r);
  record(d, events, 'd');
  record(r, events, 'r');
  d.destroy();
  await turns();
  ended(log, 'd', d);
  ended(log, 'r', r);
});

scenario('destroying the Duplex over a Readable with an error passes it on', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const d = lib.Duplex.from(r);
  record(d, events, 'd');
  record(r, events, 'r');
  d.destroy(new Error('stop'));
  await turns();
  ended(log, 'd', d);
  ended(log, 'r', r);
});

scenario('destroying the Duplex after its Readable ended', async (lib, log) => {
  const r = lib.Readable.from(['a']);
  const d = lib.Duplex.from(r);
  record(d, events, 'd');
  data(log, d, 'd');
  await turns();
  d.destroy();
  await turns();
  ended(log, 'd', d);
});

scenario('a Readable-only Duplex: write() after the end', async (lib, log) => {
  const d = lib.Duplex.from(lib.Readable.from([]));
  record(d, events, 'd');
  attempt('write', () => d.write('x', (err) => log('write cb', err)));
  await turns();
});

scenario('a Writable: writes reach it, end finishes both in order', async (lib, log) => {
  const w = sink(lib, log, 'w');
  const d = lib.Duplex.from(w);
  shape(log, d);
  record(d, events, 'd');
  record(w, events, 'w');
  attempt('write a', () => d.write('a', () => log('cb a')));
  attempt('write b', () => d.write('b', () => log('cb b')));
  d.end('c', () => log('end cb'));
  await turns();
  ended(log, 'd', d);
  ended(log, 'w', w);
});

scenario('a Writable with backpressure: the outer write waits for drain', async (lib, log) => {
  const pending = [];
  const w = new lib.Writable({
    highWaterMark: 1,
    objectMode: true,
    write(chunk, encoding, callback) {
      log('w write', chunk);
      pending.push(callback);
    },
  });
  const d = lib.Duplex.from(w);
  shape(log, d);
  record(d, [...events, 'drain'], 'd');
  record(w, [...events, 'drain'], 'w');
  for (const value of [1, 2, 3]) attempt(`write ${value}`, () => d.write(value, () => log('cb', value)));
  wstate('d', d);
  while (pending.length > 0) {
    pending.shift()();
    await turns(1);
  }
  d.end();
  await turns();
  wstate('d', d);
});

scenario('a Writable that errors destroys the Duplex', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, callback) {
      callback(new Error('bad write'));
    },
  });
  const d = lib.Duplex.from(w);
  record(d, events, 'd');
  record(w, events, 'w');
  d.write('x', (err) => log('write cb', err));
  await turns();
  ended(log, 'd', d);
});

scenario('destroying the Duplex over a Writable destroys it', async (lib, log) => {
  const w = sink(lib, log, 'w');
  const d = lib.Duplex.from(w);
  record(d, events, 'd');
  record(w, events, 'w');
  d.write('x');
  await immediate();
  d.destroy(new Error('stop'));
  await turns();
  ended(log, 'd', d);
  ended(log, 'w', w);
});

scenario('destroying the Duplex as its Writable finishes: an AbortError all the same', async (lib, log) => {
  const w = sink(lib, log, 'w');
  const d = lib.Duplex.from(w);
  record(d, events, 'd');
  record(w, events, 'w');
  w.on('finish', () => d.destroy());
  d.end('last');
  await turns();
  ended(log, 'd', d);
  ended(log, 'w', w);
});

scenario('a Writable-only Duplex is not readable', async (lib, log) => {
  const d = lib.Duplex.from(sink(lib, log, 'w'));
  record(d, events, 'd');
  log('read', d.read());
  state('d', d);
  d.end();
  await turns();
});

scenario('a stream of neither kind gives a Duplex with no live side', async (lib, log) => {
  const d = lib.Duplex.from({ _readableState: {}, on() {} });
  shape(log, d);
  record(d, events, 'd');
  await turns();
});

// ---- values ----

scenario('a string is one chunk', async (lib, log) => {
  const d = lib.Duplex.from('hello');
  shape(log, d);
  record(d, events, 'd');
  data(log, d, 'd');
  await turns();
});

scenario('a Buffer is one chunk', async (lib, log) => {
  const d = lib.Duplex.from(Buffer.from('abc'));
  record(d, events, 'd');
  data(log, d, 'd');
  await turns();
});

scenario('an array: one chunk per value', async (lib, log) => {
  const d = lib.Duplex.from([1, 'two', { three: 3 }]);
  shape(log, d);
  record(d, events, 'd');
  data(log, d, 'd');
  await turns();
});

scenario('an array with null: ERR_STREAM_NULL_VALUES', async (lib, log) => {
  const d = lib.Duplex.from([1, null, 2]);
  record(d, events, 'd');
  data(log, d, 'd');
  await turns();
});

scenario('a generator object and an async generator object', async (lib, log) => {
  function* numbers() {
    yield 1;
    yield 2;
  }
  async function* letters() {
    yield 'a';
    await immediate();
    yield 'b';
  }
  for (const body of [numbers(), letters()]) {
    const d = lib.Duplex.from(body);
    record(d, events, 'd');
    data(log, d, 'd');
    await turns();
  }
});

scenario('an async iterable that throws destroys the Duplex', async (lib, log) => {
  async function* failing() {
    yield 'a';
    throw new Error('source failed');
  }
  const d = lib.Duplex.from(failing());
  record(d, events, 'd');
  data(log, d, 'd');
  await turns();
  ended(log, 'd', d);
});

scenario('destroying the Duplex over an iterable returns the iterator', async (lib, log) => {
  function* forever() {
    try {
      for (let i = 0; ; i++) yield i;
    } finally {
      log('iterator finally');
    }
  }
  const d = lib.Duplex.from(forever());
  record(d, events, 'd');
  log('read', d.read());
  await immediate();
  d.destroy();
  await turns();
});

scenario('a resolved promise is one chunk', async (lib, log) => {
  const d = lib.Duplex.from(Promise.resolve('value'));
  shape(log, d);
  record(d, events, 'd');
  data(log, d, 'd');
  await turns();
});

scenario('a promise resolved with null or undefined ends with no data', async (lib, log) => {
  for (const value of [null, undefined]) {
    const d = lib.Duplex.from(Promise.resolve(value));
    record(d, events, String(value));
    data(log, d, String(value));
    await turns();
  }
});

scenario('a rejected promise destroys the Duplex with the reason', async (lib, log) => {
  const d = lib.Duplex.from(Promise.reject(new Error('rejected')));
  record(d, events, 'd');
  data(log, d, 'd');
  await turns();
  ended(log, 'd', d);
});

scenario('a thenable is taken as a promise', async (lib, log) => {
  const thenable = {
    then(resolve) {
      setImmediate(() => resolve({ from: 'thenable' }));
    },
  };
  const d = lib.Duplex.from(thenable);
  record(d, events, 'd');
  data(log, d, 'd');
  await turns();
});

scenario('a Blob: its bytes as one ArrayBuffer chunk', async (lib, log) => {
  const d = lib.Duplex.from(new Blob(['blob ', 'bytes']));
  shape(log, d);
  record(d, events, 'd');
  d.on('data', (chunk) => log('chunk', chunk instanceof ArrayBuffer, Buffer.from(chunk).toString()));
  await turns();
});

// ---- functions ----

scenario('an async generator function transforms the written chunks', async (lib, log) => {
  const d = lib.Duplex.from(async function* (source, options) {
    log('signal', options.signal instanceof AbortSignal, options.signal.aborted);
    for await (const chunk of source) yield String(chunk).toUpperCase();
    yield 'done';
  });
  shape(log, d);
  record(d, events, 'd');
  data(log, d, 'd');
  d.write('a', () => log('cb a'));
  d.write('b', () => log('cb b'));
  await immediate();
  d.end('c', () => log('end cb'));
  await turns();
  ended(log, 'd', d);
});

scenario('an async generator function that throws destroys the Duplex', async (lib, log) => {
  const d = lib.Duplex.from(async function* (source) {
    for await (const chunk of source) {
      if (chunk === 'bad') throw new Error('transform failed');
      yield chunk;
    }
  });
  record(d, events, 'd');
  data(log, d, 'd');
  d.write('ok');
  d.write('bad', (err) => log('cb bad', err));
  d.write('after', (err) => log('cb after', err));
  await turns();
  ended(log, 'd', d);
});

scenario('destroying a transform Duplex aborts the signal and ends the source', async (lib, log) => {
  let signal;
  const d = lib.Duplex.from(async function* (source, options) {
    signal = options.signal;
    signal.addEventListener('abort', () => log('abort', signal.reason));
    try {
      for await (const chunk of source) yield chunk;
      log('source done');
    } finally {
      log('generator finally');
    }
  });
  record(d, events, 'd');
  data(log, d, 'd');
  d.write('x');
  await turns();
  d.destroy(new Error('stop'));
  await turns();
  log('aborted', signal.aborted);
  ended(log, 'd', d);
});

scenario('destroying a transform Duplex without an error', async (lib, log) => {
  const d = lib.Duplex.from(async function* (source) {
    for await (const chunk of source) yield chunk;
  });
  record(d, events, 'd');
  d.resume();
  d.write('x');
  await turns();
  d.destroy();
  await turns();
  ended(log, 'd', d);
});

scenario('a generator function (sync) returning an iterable ignores the writes', async (lib, log) => {
  const d = lib.Duplex.from(function* () {
    yield 1;
    yield 2;
  });
  record(d, events, 'd');
  data(log, d, 'd');
  await turns();
  ended(log, 'd', d);
});

scenario('an async function is a sink: it reads every write, its promise ends the Duplex', async (lib, log) => {
  const d = lib.Duplex.from(async (source) => {
    for await (const chunk of source) log('sink', chunk);
    log('sink done');
  });
  shape(log, d);
  record(d, events, 'd');
  d.write('a', () => log('cb a'));
  d.write({ b: 2 }, () => log('cb b'));
  d.end(() => log('end cb'));
  await turns();
  ended(log, 'd', d);
});

scenario('an async function that rejects destroys the Duplex', async (lib, log) => {
  const d = lib.Duplex.from(async (source) => {
    for await (const chunk of source) {
      log('sink', chunk);
      throw new Error('sink failed');
    }
  });
  record(d, events, 'd');
  d.write('a', (err) => log('cb a', err));
  d.write('b', (err) => log('cb b', err));
  await turns();
  ended(log, 'd', d);
});

scenario('an async function that returns before the end: the Duplex is destroyed', async (lib, log) => {
  const d = lib.Duplex.from(async (source) => {
    for await (const chunk of source) {
      log('sink', chunk);
      return;
    }
  });
  record(d, events, 'd');
  d.write('a', (err) => log('cb a', err));
  d.write('b', (err) => log('cb b', err));
  await turns();
  ended(log, 'd', d);
});

scenario('an async function that rejects after end() fails the end', async (lib, log) => {
  const d = lib.Duplex.from(async (source) => {
    for await (const chunk of source) log('sink', chunk);
    throw new Error('late failure');
  });
  record(d, events, 'd');
  d.end('last', (err) => log('end cb', err));
  await turns();
  ended(log, 'd', d);
});

scenario('an async function resolving with a value: ERR_INVALID_RETURN_VALUE', async (lib, log) => {
  const d = lib.Duplex.from(async (source) => {
    for await (const chunk of source) log('sink', chunk);
    return 42;
  });
  record(d, events, 'd');
  d.end('x', (err) => log('end cb', err));
  await turns();
  ended(log, 'd', d);
});

scenario('a function returning a Duplex gives that Duplex', async (lib, log) => {
  const inner = new lib.PassThrough();
  log('same', lib.Duplex.from(() => inner) === inner);
});

scenario('a function returning something else: ERR_INVALID_RETURN_VALUE', async (lib, log) => {
  for (const value of [42, null, undefined, 'text', { a: 1 }]) {
    attempt(String(value), () => lib.Duplex.from(() => value));
  }
});

// ---- pairs and web streams ----

scenario('a { readable, writable } pair of Node streams', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const w = sink(lib, log, 'w');
  const d = lib.Duplex.from({ readable: r, writable: w });
  shape(log, d);
  record(d, events, 'd');
  record(r, events, 'r');
  record(w, events, 'w');
  data(log, d, 'd');
  d.write('to w');
  r.push('from r');
  await turns(1);
  d.end();
  await turns();
  r.push(null);
  await turns();
  ended(log, 'd', d);
});

scenario('a pair: an error on the readable destroys the writable', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const w = sink(lib, log, 'w');
  const d = lib.Duplex.from({ readable: r, writable: w });
  record(d, events, 'd');
  record(r, events, 'r');
  record(w, events, 'w');
  r.destroy(new Error('r failed'));
  await turns();
  ended(log, 'd', d);
  ended(log, 'w', w);
});

scenario('a pair: an error on the writable destroys the readable', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const w = new lib.Writable({
    write(chunk, encoding, callback) {
      callback(new Error('w failed'));
    },
  });
  const d = lib.Duplex.from({ readable: r, writable: w });
  record(d, events, 'd');
  record(r, events, 'r');
  record(w, events, 'w');
  d.write('x');
  await turns();
  ended(log, 'd', d);
  ended(log, 'r', r);
});

scenario('a pair: destroying the Duplex destroys both', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const w = sink(lib, log, 'w');
  const d = lib.Duplex.from({ readable: r, writable: w });
  record(d, events, 'd');
  record(r, events, 'r');
  record(w, events, 'w');
  d.destroy();
  await turns();
  ended(log, 'd', d);
  ended(log, 'r', r);
  ended(log, 'w', w);
});

scenario('a pair: destroying after one side finished', async (lib, log) => {
  const r = lib.Readable.from(['only']);
  const w = sink(lib, log, 'w');
  const d = lib.Duplex.from({ readable: r, writable: w });
  record(d, events, 'd');
  record(w, events, 'w');
  data(log, d, 'd');
  await turns();
  d.destroy();
  await turns();
  ended(log, 'd', d);
  ended(log, 'w', w);
});

scenario('a pair with one side: only readable, only writable, null sides', async (lib, log) => {
  const onlyReadable = lib.Duplex.from({ readable: lib.Readable.from(['r']) });
  shape(log, onlyReadable);
  data(log, onlyReadable, 'r');
  const onlyWritable = lib.Duplex.from({ writable: sink(lib, log, 'w') });
  shape(log, onlyWritable);
  onlyWritable.end('w');
  const none = lib.Duplex.from({ readable: null });
  shape(log, none);
  await turns();
});

scenario('a pair of other bodies: an array and an async function', async (lib, log) => {
  const d = lib.Duplex.from({
    readable: ['one', 'two'],
    writable: async (source) => {
      for await (const chunk of source) log('sink', chunk);
    },
  });
  shape(log, d);
  record(d, events, 'd');
  data(log, d, 'd');
  d.end('written');
  await turns();
  ended(log, 'd', d);
});

scenario('a pair whose sides are Duplexes uses their matching sides', async (lib, log) => {
  const a = new lib.PassThrough();
  const b = new lib.PassThrough();
  const d = lib.Duplex.from({ readable: a, writable: b });
  record(d, events, 'd');
  data(log, d, 'd');
  data(log, b, 'b');
  a.end('from a');
  d.end('into b');
  await turns();
  ended(log, 'd', d);
});

scenario('a web ReadableStream', async (lib, log) => {
  const rs = new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array([1, 2]));
      controller.enqueue(new Uint8Array([3]));
      controller.close();
    },
  });
  const d = lib.Duplex.from(rs);
  shape(log, d);
  record(d, events, 'd');
  data(log, d, 'd');
  await turns(5);
  ended(log, 'd', d);
});

scenario('a web ReadableStream that errors', async (lib, log) => {
  const rs = new ReadableStream({
    pull(controller) {
      controller.error(new Error('web failed'));
    },
  });
  const d = lib.Duplex.from(rs);
  record(d, events, 'd');
  d.resume();
  await turns(5);
  ended(log, 'd', d);
});

scenario('a web WritableStream', async (lib, log) => {
  const ws = new WritableStream({
    write(chunk) {
      log('web write', chunk);
    },
    close() {
      log('web close');
    },
  });
  const d = lib.Duplex.from(ws);
  shape(log, d);
  record(d, events, 'd');
  d.write('ab');
  d.end(new Uint8Array([9]));
  await turns(5);
  ended(log, 'd', d);
});

scenario('a { readable, writable } pair of web streams (a TransformStream)', async (lib, log) => {
  const d = lib.Duplex.from(new TransformStream());
  shape(log, d);
  record(d, events, 'd');
  data(log, d, 'd');
  d.write('x');
  d.end('y');
  await turns(5);
  ended(log, 'd', d);
});

scenario('a pair of a web ReadableStream and a Node Writable', async (lib, log) => {
  const rs = new ReadableStream({
    start(controller) {
      controller.enqueue('text');
      controller.close();
    },
  });
  const d = lib.Duplex.from({ readable: rs, writable: sink(lib, log, 'w') });
  shape(log, d);
  record(d, events, 'd');
  data(log, d, 'd');
  d.end('to node');
  await turns(5);
  ended(log, 'd', d);
});

// ---- bad bodies ----

scenario('bad bodies: ERR_INVALID_ARG_TYPE', async (lib, log) => {
  const bodies = [42, true, null, undefined, {}, { readable: 1 }, { writable: 'w' }, Symbol('s'), 10n];
  for (const body of bodies) attempt(typeof body, () => lib.Duplex.from(body));
});

scenario('Duplex.from with no argument', async (lib, log) => {
  attempt('from()', () => lib.Duplex.from());
});

// ---- duplexPair ----

scenario('duplexPair: what one side writes the other reads', async (lib, log) => {
  const [a, b] = lib.duplexPair();
  log('classes', a.constructor.name, a instanceof lib.Duplex, b instanceof lib.Duplex);
  record(a, events, 'a');
  record(b, events, 'b');
  data(log, a, 'a');
  data(log, b, 'b');
  a.write('to b', () => log('a write cb'));
  b.write('to a', () => log('b write cb'));
  await turns();
  a.end(() => log('a end cb'));
  await turns();
  b.end(() => log('b end cb'));
  await turns();
  ended(log, 'a', a);
  ended(log, 'b', b);
});

scenario('duplexPair: a write completes when the other side reads', async (lib, log) => {
  const [a, b] = lib.duplexPair({ highWaterMark: 1 });
  a.write('one', () => log('cb one'));
  a.write('two', () => log('cb two'));
  a.write('', () => log('cb empty'));
  await turns();
  log('b buffered', b.readableLength, 'a buffered', a.writableLength);
  log('read', b.read());
  await turns();
  log('read', b.read());
  await turns();
  log('read', b.read());
  await turns();
  wstate('a', a);
});

scenario('duplexPair with objectMode', async (lib, log) => {
  const [a, b] = lib.duplexPair({ objectMode: true });
  data(log, b, 'b');
  a.write({ x: 1 });
  a.write(7);
  await turns();
  shape(log, a);
});

scenario('duplexPair: destroying one side ends the other', async (lib, log) => {
  const [a, b] = lib.duplexPair();
  record(a, events, 'a');
  record(b, events, 'b');
  data(log, b, 'b');
  a.destroy();
  await turns();
  ended(log, 'a', a);
  ended(log, 'b', b);
});

scenario('duplexPair: destroying one side with an error destroys the other without it', async (lib, log) => {
  const [a, b] = lib.duplexPair();
  record(a, events, 'a');
  record(b, events, 'b');
  a.destroy(new Error('a failed'));
  await turns();
  ended(log, 'a', a);
  ended(log, 'b', b);
});

scenario('duplexPair: piping through both sides', async (lib, log) => {
  const [a, b] = lib.duplexPair();
  const out = sink(lib, log, 'out');
  record(out, events, 'out');
  b.pipe(out);
  lib.Readable.from(['x', 'y', 'z']).pipe(a);
  await turns(5);
  ended(log, 'b', b);
});
