// Interop with node:stream: highwater streams piped into node:stream ones and the reverse, with
// backpressure honoured both ways (checked on the most each stage ever buffered, against the same
// pipe built from node:stream alone), end and error propagation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import * as node from 'node:stream';
import * as highwater from '../dist/highwater.mjs';

const COUNT = 200;

/** Resolves on the stream's 'close' ('error' before it does not reject, unlike events.once). */
const closed = (stream) => new Promise((resolve) => stream.on('close', resolve));

/** A fast producer: pushes `COUNT` chunks made by `make(i)` until push() says stop. */
function producer(lib, options, make) {
  let i = 0;
  return new lib.Readable({
    ...options,
    read() {
      while (i < COUNT) if (!this.push(make(i++))) return;
      this.push(null);
    },
  });
}

/** A slow consumer: each write completes on the next setImmediate; keeps what it got. */
function consumer(lib, options) {
  const w = new lib.Writable({
    ...options,
    write(chunk, encoding, cb) {
      w.got.push(chunk);
      setImmediate(cb);
    },
  });
  w.got = [];
  return w;
}

/** A pass-through Transform of `lib`. */
function passThrough(lib, options) {
  return new lib.Transform({
    ...options,
    transform(chunk, encoding, cb) {
      cb(null, chunk);
    },
  });
}

/**
 * Pipes the stages one into the next, samples the buffered lengths of every stage at each write
 * the last stage gets, and resolves to the largest ones seen once the last stage finished.
 */
async function pipeAndMeasure(stages) {
  const lengths = () => stages.flatMap((s) => [s.readableLength, s.writableLength].filter((n) => n !== undefined));
  const max = lengths();
  const last = stages.at(-1);
  const write = last._write;
  last._write = function (chunk, encoding, cb) {
    lengths().forEach((n, k) => {
      max[k] = Math.max(max[k], n);
    });
    return write.call(this, chunk, encoding, cb);
  };
  for (let k = 0; k + 1 < stages.length; k++) stages[k].pipe(stages[k + 1]);
  await once(last, 'finish');
  return max;
}

const objectOptions = { objectMode: true, highWaterMark: 4 };
const byteOptions = { highWaterMark: 1024 };
const makeObject = (i) => ({ i });
const makeBytes = (i) => Buffer.alloc(100, i % 256);

/**
 * The most a stage may buffer with backpressure working: its highWaterMark plus two chunks (the
 * write that crossed the mark, and the one its Transform holds while its readable side is full).
 */
const bound = (options) => options.highWaterMark + 2 * (options.objectMode ? 1 : 100);

/** The objects or bytes every consumer must get, in order. */
function assertAllDelivered(w, objectMode) {
  if (objectMode) {
    assert.deepEqual(w.got.map((o) => o.i), Array.from({ length: COUNT }, (_, i) => i));
  } else {
    const all = Buffer.concat(w.got);
    assert.equal(all.length, COUNT * 100);
    for (let i = 0; i < COUNT; i++) assert.equal(all[i * 100], i % 256);
  }
}

for (const [mode, options, make] of [['objects', objectOptions, makeObject], ['bytes', byteOptions, makeBytes]]) {
  const objectMode = mode === 'objects';
  const hwm = options.highWaterMark;

  test(`${mode}: highwater Readable into a slow node:stream Writable`, async () => {
    const reference = await pipeAndMeasure([producer(node, options, make), consumer(node, options)]);
    const w = consumer(node, options);
    const max = await pipeAndMeasure([producer(highwater, options, make), w]);
    assertAllDelivered(w, objectMode);
    assert.deepEqual(max, reference);
    assert.ok(max.every((n) => n <= bound(options)), `buffered at most ${bound(options)}: ${max}`);
    assert.ok(max[1] >= hwm / 2, `the slow consumer made writes queue: ${max}`);
  });

  test(`${mode}: node:stream Readable into a slow highwater Writable`, async () => {
    const reference = await pipeAndMeasure([producer(node, options, make), consumer(node, options)]);
    const w = consumer(highwater, options);
    const max = await pipeAndMeasure([producer(node, options, make), w]);
    assertAllDelivered(w, objectMode);
    assert.deepEqual(max, reference);
    assert.ok(max.every((n) => n <= bound(options)), `buffered at most ${bound(options)}: ${max}`);
    assert.ok(max[1] >= hwm / 2, `the slow consumer made writes queue: ${max}`);
  });

  test(`${mode}: highwater Transform between node:stream streams`, async () => {
    const reference = await pipeAndMeasure([
      producer(node, options, make), passThrough(node, options), consumer(node, options),
    ]);
    const w = consumer(node, options);
    const max = await pipeAndMeasure([producer(node, options, make), passThrough(highwater, options), w]);
    assertAllDelivered(w, objectMode);
    assert.deepEqual(max, reference);
    assert.ok(max.every((n) => n <= bound(options)), `buffered at most ${bound(options)}: ${max}`);
  });

  test(`${mode}: node:stream Transform between highwater streams`, async () => {
    const reference = await pipeAndMeasure([
      producer(node, options, make), passThrough(node, options), consumer(node, options),
    ]);
    const w = consumer(highwater, options);
    const max = await pipeAndMeasure([producer(highwater, options, make), passThrough(node, options), w]);
    assertAllDelivered(w, objectMode);
    assert.deepEqual(max, reference);
    assert.ok(max.every((n) => n <= bound(options)), `buffered at most ${bound(options)}: ${max}`);
  });
}

test('pipe returns the destination across libraries, so chains mix them', async () => {
  const src = producer(node, objectOptions, makeObject);
  const t = passThrough(highwater, objectOptions);
  const w = consumer(node, objectOptions);
  assert.equal(src.pipe(t), t);
  assert.equal(t.pipe(w), w);
  await once(w, 'finish');
  assertAllDelivered(w, true);
});

test("'pipe' and 'unpipe' events cross the libraries with the source as argument", async () => {
  for (const [srcLib, destLib] of [[highwater, node], [node, highwater]]) {
    const src = new srcLib.Readable({ read() {} });
    const dest = consumer(destLib);
    const events = [];
    dest.on('pipe', (s) => events.push(['pipe', s === src]));
    dest.on('unpipe', (s) => events.push(['unpipe', s === src]));
    src.pipe(dest);
    src.unpipe(dest);
    assert.deepEqual(events, [['pipe', true], ['unpipe', true]]);
    assert.equal(src.readableFlowing, false);
  }
});

test('the end of the source ends the destination, both ways; { end: false } does not', async () => {
  for (const [srcLib, destLib] of [[highwater, node], [node, highwater]]) {
    const ended = producer(srcLib, objectOptions, makeObject);
    const w = consumer(destLib, objectOptions);
    ended.pipe(w);
    await once(w, 'finish');
    assertAllDelivered(w, true);

    const open = producer(srcLib, objectOptions, makeObject);
    const w2 = consumer(destLib, objectOptions);
    const unpiped = once(w2, 'unpipe');
    open.pipe(w2, { end: false });
    await once(open, 'end');
    await unpiped;
    assert.equal(w2.writableEnded, false);
    w2.end();
    await once(w2, 'finish');
    assertAllDelivered(w2, true);
  }
});

test('a destination error unpipes it and leaves the source paused, both ways', async () => {
  for (const [srcLib, destLib] of [[highwater, node], [node, highwater]]) {
    const src = new srcLib.Readable({ read() {} });
    const dest = new destLib.Writable({
      write(chunk, encoding, cb) {
        cb(new Error('write failed'));
      },
    });
    const events = [];
    dest.on('unpipe', () => events.push('unpipe'));
    dest.on('error', (err) => events.push(`error: ${err.message}`));
    const destClosed = closed(dest);
    src.pipe(dest);
    src.push('a');
    await destClosed;
    assert.deepEqual(events, ['unpipe', 'error: write failed']);
    assert.equal(src.readableFlowing, false);
    assert.equal(src.destroyed, false);
    assert.equal(src.listenerCount('data'), 0);
    src.push('b');
    assert.equal(src.readableLength, 1, 'the source keeps its data');
  }
});

test('a source error leaves the destination open, both ways', async () => {
  for (const [srcLib, destLib] of [[highwater, node], [node, highwater]]) {
    const src = new srcLib.Readable({ read() {} });
    const dest = consumer(destLib);
    src.on('error', () => {});
    const srcClosed = closed(src);
    src.pipe(dest);
    src.push('a');
    await new Promise(setImmediate);
    src.destroy(new Error('source failed'));
    await srcClosed;
    assert.equal(dest.writableEnded, false);
    assert.equal(dest.destroyed, false);
    assert.deepEqual(dest.got.map(String), ['a']);
  }
});

test('an error a Transform emits stops the pipe into it, both ways', async () => {
  for (const [srcLib, midLib] of [[highwater, node], [node, highwater]]) {
    const src = producer(srcLib, objectOptions, makeObject);
    const t = new midLib.Transform({
      objectMode: true,
      transform(chunk, encoding, cb) {
        cb(chunk.i === 3 ? new Error('bad chunk') : null, chunk);
      },
    });
    const w = consumer(srcLib, objectOptions);
    const errors = [];
    t.on('error', (err) => errors.push(err.message));
    const tClosed = closed(t);
    src.pipe(t).pipe(w);
    await tClosed;
    assert.deepEqual(errors, ['bad chunk']);
    assert.equal(src.readableFlowing, false);
    assert.equal(w.writableEnded, false, 'an error does not end the next destination');
  }
});

test("an 'error' emitted by hand on a node:stream destination destroys it, as Node's pipe does", async () => {
  for (const lib of [node, highwater]) {
    const src = new lib.Readable({ read() {} });
    const dest = consumer(node);
    src.pipe(dest);
    const err = new Error('by hand');
    dest.emit('error', err);
    assert.equal(dest.destroyed, true, `from a ${lib === node ? 'node' : 'highwater'} source`);
    const [emitted] = await once(dest, 'error');
    assert.equal(emitted, err);
    assert.equal(src.readableFlowing, false);
  }
});
