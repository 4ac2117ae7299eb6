// The WHATWG adapters where highwater does what Node's do not: strings after setEncoding,
// web-stream-like objects, byte streams with BYOB readers, races between destroy and cancel
// that never throw, and the one-buffer bound, measured in buffered chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as node from 'node:stream';
import * as hw from '../dist/highwater.mjs';

const immediate = () => new Promise((resolve) => setImmediate(resolve));

/** Every value the reader yields, until done. */
async function readAll(stream) {
  const values = [];
  for await (const value of stream) values.push(value);
  return values;
}

/**
 * Runs `fn` with process 'uncaughtException' and 'unhandledRejection' captured, lets a few
 * setImmediate turns pass, and returns what was captured.
 */
async function uncaught(fn) {
  const caught = [];
  const events = ['uncaughtException', 'unhandledRejection'];
  const saved = events.map((event) => process.listeners(event));
  for (const event of events) {
    process.removeAllListeners(event);
    process.on(event, (err) => caught.push(err));
  }
  try {
    await fn();
    for (let i = 0; i < 5; i++) await immediate();
  } finally {
    events.forEach((event, i) => {
      process.removeAllListeners(event);
      for (const listener of saved[i]) process.on(event, listener);
    });
  }
  return caught;
}

/** A Readable (of `lib`) with utf8 encoding whose chunks are all buffered before anyone reads. */
function encoded(lib) {
  const r = new lib.Readable({ read() {} });
  r.setEncoding('utf8');
  r.push('ab');
  const e = Buffer.from('é');
  r.push(e.subarray(0, 1)); // half a character: the decoder holds it back
  r.push(e.subarray(1));
  r.push('cd');
  r.push(null);
  return r;
}

// ---- strings after setEncoding ----

test('toWeb after setEncoding delivers the decoded strings', async () => {
  const chunks = await readAll(hw.Readable.toWeb(encoded(hw)));
  assert.ok(chunks.length > 0 && chunks.every((c) => typeof c === 'string'), 'string chunks');
  assert.equal(chunks.join(''), 'abécd');
});

test('toWeb after setEncoding: strings pushed while a read waits arrive one by one', async () => {
  const r = new hw.Readable({ read() {} });
  r.setEncoding('hex');
  const reader = hw.Readable.toWeb(r).getReader();
  const got = [];
  for (const byte of [0x0a, 0xff]) {
    const pending = reader.read();
    await immediate();
    r.push(Buffer.from([byte]));
    got.push((await pending).value);
  }
  r.push(null);
  assert.deepEqual(got, ['0a', 'ff']);
  assert.equal((await reader.read()).done, true);
});

test('toWeb of a node:stream Readable after setEncoding: the strings, as from our own Readable', async () => {
  const chunks = await readAll(hw.Readable.toWeb(encoded(node)));
  assert.ok(chunks.length > 0 && chunks.every((c) => typeof c === 'string'), 'string chunks');
  assert.equal(chunks.join(''), 'abécd');
  const hex = new node.PassThrough();
  hex.setEncoding('hex');
  hex.write(Buffer.from([1, 2]));
  hex.end(Buffer.from([0xff]));
  assert.equal((await readAll(hw.Readable.toWeb(hex))).join(''), '0102ff');
});

test("Node's toWeb fails on the same buffered strings (nodejs/node#58397)", async () => {
  let failure;
  const caught = await uncaught(async () => {
    try {
      await readAll(node.Readable.toWeb(encoded(node)));
    } catch (err) {
      failure = err;
    }
  });
  // If this starts to pass, Node fixed it: update README "Deliberate differences" 5.
  assert.equal((failure ?? caught[0])?.code, 'ERR_INVALID_ARG_VALUE');
});

test("toWeb type 'bytes' after setEncoding delivers the strings' utf8 bytes", async () => {
  const chunks = await readAll(hw.Readable.toWeb(encoded(hw), { type: 'bytes' }));
  assert.ok(chunks.every((c) => c instanceof Uint8Array));
  assert.equal(Buffer.concat(chunks).toString(), 'abécd');
});

test('toWeb strategy.highWaterMark becomes the Node side highWaterMark', () => {
  const r = new hw.Readable({ read() {} });
  hw.Readable.toWeb(r, { strategy: { highWaterMark: 4 } });
  assert.equal(r.readableHighWaterMark, 4);
});

test('toWeb strategy.size measures each object in the Node side\'s one buffer', async () => {
  const r = new hw.Readable({ objectMode: true, read() {} });
  const reader = hw.Readable.toWeb(r, { strategy: { highWaterMark: 10, size: (o) => o.weight } }).getReader();
  assert.equal(r.push({ weight: 4 }), true);
  assert.equal(r.push({ weight: 5 }), true);
  assert.equal(r.push({ weight: 3 }), false); // 12 >= 10
  assert.equal(r.readableLength, 12);
  assert.equal(r.readableDesiredSize, -2);
  assert.deepEqual((await reader.read()).value, { weight: 4 });
  assert.equal(r.readableLength, 8);
  assert.equal(r.readableDesiredSize, 2);
});

test('toWeb CountQueuingStrategy and ByteLengthQueuingStrategy set the Node side in its own unit', () => {
  const objects = new hw.Readable({ objectMode: true, read() {} });
  hw.Readable.toWeb(objects, { strategy: new CountQueuingStrategy({ highWaterMark: 3 }) });
  assert.equal(objects.readableHighWaterMark, 3);
  const bytes = new hw.Readable({ read() {} });
  hw.Readable.toWeb(bytes, { strategy: new ByteLengthQueuingStrategy({ highWaterMark: 1024 }) });
  assert.equal(bytes.readableHighWaterMark, 1024);
  bytes.push(new Uint8Array(1000));
  assert.equal(bytes.readableDesiredSize, 24);
});

test('toWeb CountQueuingStrategy on a byte stream: the web side queues that many chunks itself', async () => {
  let pushed = 0;
  const r = new hw.Readable({
    highWaterMark: 1,
    read() {
      if (pushed < 20) this.push(new Uint8Array([pushed++]));
    },
  });
  hw.Readable.toWeb(r, { strategy: new CountQueuingStrategy({ highWaterMark: 5 }) });
  assert.equal(r.readableHighWaterMark, 1); // the Node side is left in bytes
  for (let i = 0; i < 5; i++) await immediate();
  // Five chunks in the web queue, one more pulled into the Node side's buffer of one byte.
  assert.ok(pushed >= 5 && pushed <= 7, `pushed ${pushed}`);
});

test('toWeb strategy.size: a bad size is a RangeError, a size that is not a function ERR_INVALID_ARG_TYPE', async () => {
  const r = new hw.Readable({ objectMode: true, read() {} });
  hw.Readable.toWeb(r, { strategy: { highWaterMark: 2, size: () => -1 } });
  assert.throws(() => r.push({}), { name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => hw.Readable.toWeb(new hw.Readable({ objectMode: true }), { strategy: { size: 3 } }),
    { code: 'ERR_INVALID_ARG_TYPE' });
});

// ---- objects that behave like web streams ----

/** A hand-written ReadableStream look-alike over `chunks`, ending with `error` if given. */
function readableLike(chunks, error) {
  const calls = [];
  let index = 0;
  let settleClosed;
  const closed = new Promise((resolve, reject) => {
    settleClosed = (err) => (err ? reject(err) : resolve());
  });
  closed.catch(() => {});
  const reader = {
    closed,
    read() {
      calls.push('read');
      if (index < chunks.length) return Promise.resolve({ done: false, value: chunks[index++] });
      settleClosed(error);
      return error ? Promise.reject(error) : Promise.resolve({ done: true, value: undefined });
    },
    cancel(reason) {
      calls.push(['cancel', reason]);
      settleClosed();
      return Promise.resolve();
    },
    releaseLock() {
      calls.push('releaseLock');
    },
  };
  const stream = {
    locked: false,
    getReader() {
      calls.push('getReader');
      this.locked = true;
      return reader;
    },
    cancel: (reason) => reader.cancel(reason),
    pipeThrough() {
      throw new Error('not used');
    },
  };
  return { stream, calls };
}

/** A hand-written WritableStream look-alike that records what it is given. */
function writableLike() {
  const calls = [];
  let resolveClosed;
  const closed = new Promise((resolve) => {
    resolveClosed = resolve;
  });
  const writer = {
    closed,
    ready: Promise.resolve(),
    desiredSize: 1,
    write(chunk) {
      calls.push(['write', Buffer.from(chunk).toString()]);
      return Promise.resolve();
    },
    close() {
      calls.push('close');
      resolveClosed();
      return Promise.resolve();
    },
    abort(reason) {
      calls.push(['abort', reason]);
      resolveClosed();
      return Promise.resolve();
    },
    releaseLock() {
      calls.push('releaseLock');
    },
  };
  const stream = {
    locked: false,
    getWriter() {
      calls.push('getWriter');
      this.locked = true;
      return writer;
    },
    abort: (reason) => writer.abort(reason),
    close: () => writer.close(),
  };
  return { stream, calls };
}

test('Readable.fromWeb reads a ReadableStream look-alike to its end', async () => {
  const { stream, calls } = readableLike([new Uint8Array([104, 105]), new Uint8Array([33])]);
  const r = hw.Readable.fromWeb(stream, { encoding: 'utf8' });
  assert.equal((await readAll(r)).join(''), 'hi!');
  assert.equal(calls[0], 'getReader');
  assert.ok(!calls.some((call) => call[0] === 'cancel'), 'a stream read to its end is not canceled');
});

test("Node's Readable.fromWeb rejects the look-alike", () => {
  assert.throws(() => node.Readable.fromWeb(readableLike([]).stream), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('Readable.fromWeb: destroy() cancels the look-alike reader with the error', async () => {
  const { stream, calls } = readableLike([new Uint8Array([1])]);
  const r = hw.Readable.fromWeb(stream);
  r.on('error', () => {});
  const error = new Error('stop');
  r.destroy(error);
  await new Promise((resolve) => r.on('close', resolve));
  assert.deepEqual(calls.find((call) => call[0] === 'cancel'), ['cancel', error]);
});

test('Readable.fromWeb: a look-alike that errors errors the Readable', async () => {
  const error = new Error('look-alike failed');
  const r = hw.Readable.fromWeb(readableLike([new Uint8Array([1])], error).stream);
  r.resume();
  const [err] = await new Promise((resolve) => r.on('error', (...args) => resolve(args)));
  assert.equal(err, error);
});

test('Writable.fromWeb writes into a WritableStream look-alike and closes it on end', async () => {
  const { stream, calls } = writableLike();
  const w = hw.Writable.fromWeb(stream);
  w.write('ab');
  w.end('cd');
  await new Promise((resolve) => w.on('finish', resolve));
  assert.deepEqual(calls, ['getWriter', ['write', 'ab'], ['write', 'cd'], 'close']);
});

test("Node's Writable.fromWeb rejects the look-alike", () => {
  assert.throws(() => node.Writable.fromWeb(writableLike().stream), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('Writable.fromWeb: destroy(err) aborts the look-alike writer', async () => {
  const { stream, calls } = writableLike();
  const w = hw.Writable.fromWeb(stream);
  w.on('error', () => {});
  const error = new Error('abort it');
  w.destroy(error);
  await new Promise((resolve) => w.on('close', resolve));
  assert.deepEqual(calls, ['getWriter', ['abort', error]]);
});

test('Duplex.fromWeb over a pair of look-alikes', async () => {
  const readable = readableLike([new Uint8Array([120])]);
  const writable = writableLike();
  const d = hw.Duplex.fromWeb({ readable: readable.stream, writable: writable.stream }, { encoding: 'utf8' });
  d.end('y');
  assert.deepEqual(await readAll(d), ['x']);
  assert.deepEqual(writable.calls, ['getWriter', ['write', 'y'], 'close']);
});

// ---- byte streams ----

test("type 'bytes': a BYOB reader reads into the caller's buffer", async () => {
  const r = new hw.Readable({ read() {} });
  const source = Buffer.from('abcdef');
  r.push(source);
  r.push(null);
  const reader = hw.Readable.toWeb(r, { type: 'bytes' }).getReader({ mode: 'byob' });
  const memory = new ArrayBuffer(8);
  const first = await reader.read(new Uint8Array(memory, 2, 4));
  assert.equal(first.done, false);
  assert.equal(memory.byteLength, 0, "the caller's buffer was handed to the stream");
  assert.equal(first.value.buffer.byteLength, 8, "the answer is a view of the caller's memory");
  assert.equal(first.value.byteOffset, 2);
  assert.equal(Buffer.from(first.value).toString(), 'abcd');
  const second = await reader.read(new Uint8Array(first.value.buffer));
  assert.equal(Buffer.from(second.value).toString(), 'ef', 'the rest of the chunk comes next');
  const last = await reader.read(new Uint8Array(4));
  assert.equal(last.done, true);
  assert.equal(last.value.byteLength, 0);
  assert.equal(source.toString(), 'abcdef', "the Node side's Buffer is intact");
  assert.equal(source.buffer.byteLength > 0, true, "the Node side's Buffer is not detached");
});

test("type 'bytes': a BYOB read that waits is answered when data comes, and at the end", async () => {
  const r = new hw.Readable({ read() {} });
  const reader = hw.Readable.toWeb(r, { type: 'bytes' }).getReader({ mode: 'byob' });
  const pending = reader.read(new Uint8Array(4));
  await immediate();
  r.push(Buffer.from('xy'));
  const first = await pending;
  assert.equal(Buffer.from(first.value).toString(), 'xy');
  const end = reader.read(new Uint8Array(4));
  await immediate();
  r.push(null);
  assert.equal((await end).done, true);
});

test("type 'bytes': a default reader gets copies, and pooled Buffers stay usable", async () => {
  const r = new hw.Readable({ read() {} });
  const small = Buffer.from('pooled'); // shares Node's allocation pool with other small Buffers
  const neighbour = Buffer.from('neighbour');
  r.push(small);
  r.push(null);
  const [chunk] = await readAll(hw.Readable.toWeb(r, { type: 'bytes' }));
  assert.ok(chunk instanceof Uint8Array);
  assert.notEqual(chunk.buffer, small.buffer);
  small[0] = 0x50;
  assert.equal(Buffer.from(chunk).toString(), 'pooled', 'the chunk is a copy');
  assert.equal(neighbour.toString(), 'neighbour', 'the pool was not detached');
  assert.equal(Buffer.from('after').toString(), 'after');
});

test("without type 'bytes', toWeb hands over the chunk itself", async () => {
  const r = new hw.Readable({ read() {} });
  const source = Buffer.from('same');
  r.push(source);
  r.push(null);
  const [chunk] = await readAll(hw.Readable.toWeb(r));
  assert.equal(chunk, source);
});

// ---- races between destroy and cancel: never an uncaught error ----

/** A Readable (of highwater) that ignores errors, for the races. */
function quiet(options = {}) {
  const r = new hw.Readable({ read() {}, ...options });
  r.on('error', () => {});
  return r;
}

const races = {
  'destroy() and reader.cancel() in the same tick': async () => {
    const r = quiet();
    r.push('a');
    const reader = hw.Readable.toWeb(r).getReader();
    r.destroy();
    await reader.cancel().catch(() => {});
  },
  'reader.cancel() and destroy() in the same tick': async () => {
    const r = quiet();
    const reader = hw.Readable.toWeb(r).getReader();
    const canceling = reader.cancel(new Error('cancel'));
    r.destroy(new Error('destroy'));
    await canceling;
  },
  'destroy(err) while a read waits, then cancel': async () => {
    const r = quiet();
    const reader = hw.Readable.toWeb(r).getReader();
    const pending = reader.read().catch(() => {});
    await immediate();
    r.destroy(new Error('x'));
    await reader.cancel().catch(() => {});
    await pending;
  },
  'cancel after the end': async () => {
    const r = quiet();
    r.push('a');
    r.push(null);
    const reader = hw.Readable.toWeb(r).getReader();
    while (!(await reader.read()).done);
    await reader.cancel();
    await immediate();
    await reader.cancel(new Error('again'));
  },
  'push(null) and cancel in the same tick while a read waits': async () => {
    const r = quiet();
    const reader = hw.Readable.toWeb(r).getReader();
    const pending = reader.read();
    await immediate();
    r.push('x');
    r.push(null);
    await reader.cancel();
    await pending;
  },
  'push(null) and destroy() in the same tick': async () => {
    const r = quiet();
    const reader = hw.Readable.toWeb(r).getReader();
    const pending = reader.read().catch(() => {});
    await immediate();
    r.push('x');
    r.push(null);
    r.destroy();
    await pending;
    await reader.read().catch(() => {});
  },
  'push after cancel': async () => {
    const r = quiet();
    const reader = hw.Readable.toWeb(r).getReader();
    const pending = reader.read();
    await immediate();
    const canceling = reader.cancel();
    r.push('late');
    await canceling;
    await pending;
  },
  "cancel from the Node side's 'close' (nodejs/node#54205)": async () => {
    let reader;
    const r = new hw.Readable({
      read() {
        this.push(null);
      },
    });
    r.on('close', () => reader.cancel());
    reader = hw.Readable.toWeb(r).getReader();
    await reader.read();
  },
  "destroy from 'data' of fromWeb(toWeb(...)) (nodejs/node#54205)": async () => {
    const wrapper = hw.Readable.fromWeb(hw.Readable.toWeb(hw.Readable.from(['data'])));
    wrapper.on('data', () => wrapper.destroy());
    await new Promise((resolve) => wrapper.on('close', resolve));
  },
  'destroy() inside _read during a pull': async () => {
    const r = new hw.Readable({
      read() {
        this.destroy();
      },
    });
    await readAll(hw.Readable.toWeb(r)).catch(() => {});
  },
  'synchronous pushes inside _read during a pull, then cancel': async () => {
    const r = new hw.Readable({
      objectMode: true,
      read() {
        this.push(1);
        this.push(2);
      },
    });
    r.on('error', () => {});
    const reader = hw.Readable.toWeb(r).getReader();
    await reader.read();
    await reader.cancel();
  },
  "BYOB read waiting, then push(null) and cancel in the same tick": async () => {
    const r = quiet();
    const reader = hw.Readable.toWeb(r, { type: 'bytes' }).getReader({ mode: 'byob' });
    const pending = reader.read(new Uint8Array(4));
    await immediate();
    r.push(null);
    await reader.cancel().catch(() => {});
    await pending.catch(() => {});
  },
  'BYOB read waiting, then destroy()': async () => {
    const r = quiet();
    const reader = hw.Readable.toWeb(r, { type: 'bytes' }).getReader({ mode: 'byob' });
    const pending = reader.read(new Uint8Array(4)).catch(() => {});
    await immediate();
    r.destroy();
    await pending;
  },
  'Writable.toWeb: abort and Node-side destroy in the same tick': async () => {
    const w = new hw.Writable({ write(chunk, encoding, callback) { setImmediate(callback); } });
    w.on('error', () => {});
    const writer = hw.Writable.toWeb(w).getWriter();
    await writer.write('a');
    const aborting = writer.abort(new Error('abort'));
    w.destroy(new Error('destroy'));
    await aborting.catch(() => {});
  },
  'Writable.toWeb: close and Node-side destroy in the same tick': async () => {
    const w = new hw.Writable({ write(chunk, encoding, callback) { setImmediate(callback); } });
    w.on('error', () => {});
    const writer = hw.Writable.toWeb(w).getWriter();
    writer.write('a').catch(() => {});
    const closing = writer.close().catch(() => {});
    w.destroy();
    await closing;
  },
  'Writable.toWeb: _write destroys synchronously': async () => {
    const w = new hw.Writable({
      write() {
        this.destroy(new Error('in _write'));
      },
    });
    w.on('error', () => {});
    const writer = hw.Writable.toWeb(w).getWriter();
    await writer.write('a').catch(() => {});
    await writer.close().catch(() => {});
  },
  'Writable.toWeb: _write calls back with an error synchronously': async () => {
    const w = new hw.Writable({
      write(chunk, encoding, callback) {
        callback(new Error('sync failure'));
      },
    });
    w.on('error', () => {});
    const writer = hw.Writable.toWeb(w).getWriter();
    await writer.write('a').catch(() => {});
    await writer.write('b').catch(() => {});
  },
  'Writable.toWeb: Node side end() while a write waits for drain': async () => {
    const w = new hw.Writable({ highWaterMark: 1, write(chunk, encoding, callback) { setImmediate(callback); } });
    w.on('error', () => {});
    const writer = hw.Writable.toWeb(w).getWriter();
    const writing = writer.write('abc').catch(() => {});
    w.end();
    await writing;
    await writer.close().catch(() => {});
  },
  'Writable.fromWeb: destroy and a web sink error in the same tick': async () => {
    let controller;
    const w = hw.Writable.fromWeb(new WritableStream({ start(c) { controller = c; } }));
    w.on('error', () => {});
    await immediate();
    w.destroy(new Error('node'));
    controller.error(new Error('web'));
  },
  'Readable.fromWeb: destroy and a web error in the same tick': async () => {
    let controller;
    const r = hw.Readable.fromWeb(new ReadableStream({ start(c) { controller = c; } }));
    r.on('error', () => {});
    r.resume();
    await immediate();
    r.destroy(new Error('node'));
    controller.error(new Error('web'));
  },
};

for (const [name, race] of Object.entries(races)) {
  test(`no uncaught error: ${name}`, async () => {
    const caught = await uncaught(race);
    assert.deepEqual(caught.map((err) => `${err?.name}: ${err?.message}`), []);
  });
}

// ---- the one-buffer bound, measured in buffered chunks ----

const highWaterMark = 16;
const total = 200;

/** A Writable of `hw` whose writes wait until `release()` calls them back, oldest first. */
function heldWritable(options) {
  const held = [];
  const w = new hw.Writable({
    ...options,
    write(chunk, encoding, callback) {
      held.push(callback);
    },
  });
  const release = async () => {
    held.shift()();
    for (let i = 0; i < 3; i++) await immediate();
  };
  return { w, release, held };
}

test('Writable.toWeb: writer.desiredSize is the Node side\'s writableDesiredSize, in bytes', async () => {
  const { w, release } = heldWritable({ highWaterMark: 10 });
  const writer = hw.Writable.toWeb(w).getWriter();
  const same = (expected) => {
    assert.equal(writer.desiredSize, expected);
    assert.equal(w.writableDesiredSize, expected);
    assert.equal(w.writableLength, 10 - expected);
  };
  same(10);
  writer.write(new Uint8Array(4));
  same(6);
  writer.write('héllo'); // 6 bytes in UTF-8
  same(0);
  writer.write(new Uint8Array(0)); // an empty chunk counts nothing and shifts nothing
  writer.write(new Uint8Array(3));
  same(-3);
  for (let i = 0; i < 3; i++) await immediate();
  same(-3); // the first chunk is with the Node side now, still counted once
  await release();
  same(1);
  await release();
  await release();
  same(7);
  await release();
  same(10);
});

test('Writable.toWeb: strings count as write() counts them: default encoding, decodeStrings false', () => {
  const hex = heldWritable({ highWaterMark: 10, defaultEncoding: 'hex' });
  const hexWriter = hw.Writable.toWeb(hex.w).getWriter();
  hexWriter.write('abcdef'); // 3 bytes in hex
  assert.equal(hexWriter.desiredSize, 7);
  assert.equal(hex.w.writableLength, 3);
  const kept = heldWritable({ highWaterMark: 10, decodeStrings: false });
  const keptWriter = hw.Writable.toWeb(kept.w).getWriter();
  keptWriter.write('héllo'); // 5 characters, kept as a string
  assert.equal(keptWriter.desiredSize, 5);
});

test('Writable.toWeb: in object mode desiredSize counts chunks, and a Node-side writer sees the same room', async () => {
  const { w, release } = heldWritable({ objectMode: true, highWaterMark: 3 });
  const writer = hw.Writable.toWeb(w).getWriter();
  for (const value of ['a', { b: 2 }, 3]) writer.write(value);
  assert.equal(writer.desiredSize, 0);
  assert.equal(w.writableDesiredSize, 0);
  // One buffer: the web producer's chunks make write() on the Node side ask for 'drain'.
  assert.equal(w.write('direct'), false);
  assert.equal(w.writableLength, 4);
  for (let i = 0; i < 3; i++) await immediate();
  for (let i = 0; i < 4; i++) await release();
  assert.equal(writer.desiredSize, 3);
  assert.equal(w.writableLength, 0);
});

test('Writable.toWeb: a write settles when the Node side has processed the chunk (deliberate difference)', async () => {
  const log = [];
  const { w, release, held } = heldWritable({ objectMode: true });
  const writer = hw.Writable.toWeb(w).getWriter();
  writer.write('x').then(() => log.push('settled'));
  for (let i = 0; i < 3; i++) await immediate();
  assert.deepEqual(log, []);
  assert.equal(held.length, 1);
  log.push('processed');
  await release();
  assert.deepEqual(log, ['processed', 'settled']);
});

test('Writable.toWeb: a failing _write rejects its own write (deliberate difference)', async () => {
  const failure = Object.assign(new Error('write failed'), { code: 'E_WRITE' });
  const w = new hw.Writable({ write: (chunk, encoding, callback) => setImmediate(() => callback(failure)) });
  w.on('error', () => {});
  const writer = hw.Writable.toWeb(w).getWriter();
  await assert.rejects(writer.write('a'), failure);
  await assert.rejects(writer.closed, failure);
  // Node's adapter resolves the write and only errors the stream.
  const nw = new node.Writable({ write: (chunk, encoding, callback) => setImmediate(() => callback(failure)) });
  nw.on('error', () => {});
  const nodeWriter = node.Writable.toWeb(nw).getWriter();
  await nodeWriter.write('a');
  await assert.rejects(nodeWriter.closed, failure);
});

test('Writable.toWeb: writes refused after close() or abort() leave the Node side\'s length at 0', async () => {
  const { w, release } = heldWritable({ objectMode: true });
  const writer = hw.Writable.toWeb(w).getWriter();
  writer.write(1);
  writer.write(2);
  const closed = writer.close();
  await assert.rejects(writer.write(3), TypeError);
  await release();
  await release();
  await closed;
  assert.equal(w.writableLength, 0);
  assert.equal(w.writableFinished, true);

  const second = heldWritable({ objectMode: true });
  second.w.on('error', () => {});
  const aborting = hw.Writable.toWeb(second.w).getWriter();
  aborting.write(1).catch(() => {});
  aborting.write(2).catch(() => {});
  const aborted = aborting.abort(new Error('stop'));
  await assert.rejects(aborting.write(3));
  await aborted;
  assert.equal(second.w.writableLength, 0);
  assert.equal(second.w.destroyed, true);
});

/** An objectMode Readable of `lib` that pushes `total` numbers as fast as it may. */
function producer(lib, counts) {
  return new lib.Readable({
    objectMode: true,
    highWaterMark,
    read() {
      while (counts.pushed < total) {
        if (!this.push(counts.pushed++)) return;
      }
      this.push(null);
    },
  });
}

/** Readable → toWeb → a reader taking one chunk per setImmediate: the most pushed-but-unread. */
async function readableBuffered(lib) {
  const counts = { pushed: 0 };
  const reader = lib.Readable.toWeb(producer(lib, counts)).getReader();
  let read = 0;
  let most = 0;
  while (!(await reader.read()).done) {
    read++;
    most = Math.max(most, counts.pushed - read);
    await immediate();
  }
  assert.equal(read, total);
  return most;
}

/** A writer (awaiting ready) → Writable.toWeb → a sink calling back per setImmediate. */
async function writableBuffered(lib) {
  let written = 0;
  let processed = 0;
  let most = 0;
  const w = new lib.Writable({
    objectMode: true,
    highWaterMark,
    write(chunk, encoding, callback) {
      setImmediate(() => {
        processed++;
        callback();
      });
    },
  });
  const writer = lib.Writable.toWeb(w).getWriter();
  for (let i = 0; i < total; i++) {
    await writer.ready;
    writer.write(i);
    written++;
    most = Math.max(most, written - processed);
  }
  await writer.close();
  assert.equal(processed, total);
  return most;
}

/** Readable → toWeb → pipeThrough(TransformStream) → Readable.fromWeb → pipe → slow Writable. */
async function roundTripBuffered(lib) {
  const counts = { pushed: 0 };
  let processed = 0;
  let most = 0;
  const web = lib.Readable.toWeb(producer(lib, counts)).pipeThrough(new TransformStream());
  const back = lib.Readable.fromWeb(web, { objectMode: true, highWaterMark });
  const w = new lib.Writable({
    objectMode: true,
    highWaterMark,
    write(chunk, encoding, callback) {
      setImmediate(() => {
        processed++;
        most = Math.max(most, counts.pushed - processed);
        callback();
      });
    },
  });
  back.pipe(w);
  await new Promise((resolve) => w.on('finish', resolve));
  assert.equal(processed, total);
  return most;
}

test(`Readable.toWeb holds at most highWaterMark + 1 (${highWaterMark + 1}) chunks`, async (t) => {
  const ours = await readableBuffered(hw);
  const nodes = await readableBuffered(node);
  t.diagnostic(`buffered at most: highwater ${ours}, node:stream ${nodes}`);
  assert.ok(ours <= highWaterMark + 1, `highwater buffered ${ours}`);
});

test(`Writable.toWeb holds at most writableHighWaterMark + 1 (${highWaterMark + 1}) chunks`, async (t) => {
  const ours = await writableBuffered(hw);
  const nodes = await writableBuffered(node);
  t.diagnostic(`buffered at most: highwater ${ours}, node:stream ${nodes}`);
  assert.ok(ours <= highWaterMark + 1, `highwater buffered ${ours}`);
});

test('round trip through a TransformStream holds the three Node-side buffers and a few chunks in flight', async (t) => {
  const ours = await roundTripBuffered(hw);
  const nodes = await roundTripBuffered(node);
  t.diagnostic(`buffered at most: highwater ${ours}, node:stream ${nodes}`);
  // The source, the fromWeb Readable and the Writable each hold up to highWaterMark; pipeTo,
  // the TransformStream and the chunk being written hold a few more.
  assert.ok(ours <= 3 * highWaterMark + 4, `highwater buffered ${ours}`);
});

test('Writable.toWeb: a stream of another kind that calls back during write() settles that write', async () => {
  const { EventEmitter } = await import('node:events');
  for (const lib of [node, hw]) {
    const legacy = new EventEmitter();
    const got = [];
    legacy.writable = true;
    legacy.write = (chunk, callback) => {
      got.push(chunk[0]);
      callback?.();
      return true;
    };
    const writer = lib.Writable.toWeb(legacy).getWriter();
    const writes = Promise.all([0, 1, 2].map((i) => writer.write(new Uint8Array([i])))).then(() => 'settled');
    const late = new Promise((resolve) => setTimeout(resolve, 500, 'still waiting'));
    assert.equal(await Promise.race([writes, late]), 'settled', lib === hw ? 'highwater' : 'node:stream');
    assert.deepEqual(got, [0, 1, 2]);
  }
});
