// What a chunk costs the garbage collector: a Transform's own writes share one `_transform`
// callback (js/streams/transform.js) instead of a new closure per chunk, and a chunk through
// source -> map Transform -> sink allocates less than through node:stream (Node 26's
// total_allocated_bytes counts every JS heap allocation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { execFileSync } from 'node:child_process';
import * as nodeStream from 'node:stream';
import * as hw from '../js/index.js';

test('a Transform hands _transform the same callback for each write it makes itself', async () => {
  const seen = [];
  const t = new hw.Transform({
    objectMode: true,
    transform(chunk, encoding, cb) {
      seen.push(cb);
      cb(null, chunk);
    },
  });
  t.resume();
  t.write(1);
  t.write(2);
  await new Promise((resolve) => t.end(resolve));
  assert.equal(seen.length, 2);
  assert.equal(seen[0], seen[1]);
  // A _write called by hand with another callback gets a callback of its own, which calls it.
  let called = 0;
  const u = new hw.PassThrough({ objectMode: true });
  u.resume();
  u._write('x', 'utf8', () => called++);
  assert.equal(called, 1);
});

/** JS heap bytes allocated per object through source -> map Transform -> sink. */
async function chainBytes(lib, count) {
  const run = (n) => new Promise((resolve) => {
    let i = 0;
    const item = {};
    const source = new lib.Readable({
      objectMode: true,
      read() {
        for (let k = 0; k < 16 && i < n; k++, i++) this.push(item);
        if (i >= n) this.push(null);
      },
    });
    const map = new lib.Transform({ objectMode: true, transform: (chunk, encoding, cb) => cb(null, chunk) });
    const sink = new lib.Writable({ objectMode: true, write: (chunk, encoding, cb) => cb() });
    sink.on('finish', resolve);
    source.pipe(map).pipe(sink);
  });
  // Warm up until the hot paths are optimized (unoptimized code allocates what V8 would not).
  for (let i = 0; i < 3; i++) await run(count);
  const before = v8.getHeapStatistics().total_allocated_bytes;
  await run(count);
  return (v8.getHeapStatistics().total_allocated_bytes - before) / count;
}

test('a chunk through a three-stage chain allocates less than through node:stream', {
  skip: v8.getHeapStatistics().total_allocated_bytes === undefined && 'this Node has no total_allocated_bytes (Node 26 has)',
}, async (t) => {
  const ours = await chainBytes(hw, 50_000);
  const theirs = await chainBytes(nodeStream, 50_000);
  t.diagnostic(`bytes per object: highwater ${ours.toFixed(1)}, node:stream ${theirs.toFixed(1)}`);
  assert.ok(ours < theirs / 2, `highwater ${ours.toFixed(1)} bytes per object, node:stream ${theirs.toFixed(1)}`);
});

// A stream whose hidden class V8 rebuilds must keep fast properties. After full GCs with no stream
// of a class alive, V8 rebuilt the classes' hidden classes with no in-object slots; the façade's
// ~20 symbol-keyed fields then went past V8's limit for keyed stores and every new stream was a
// dictionary-mode object, 2-3 times slower through a chain (bench/run.js showed it after its
// gc() between runs). The fields now live in one record (js/streams/fields.js, StreamFields).
test('streams made after their classes were collected keep fast properties', () => {
  const script = `
    const hw = await import(${JSON.stringify(new URL('../js/index.js', import.meta.url).href)});
    const fast = new Function('x', 'return %HasFastProperties(x)');
    class Upper extends hw.Transform {
      constructor() { super(); this.count = 0; this.last = null; this.label = 'upper'; }
      _transform(chunk, encoding, cb) { cb(null, chunk); }
    }
    function Old() { hw.Readable.call(this, { objectMode: true }); this.index = 0; this.items = []; }
    Object.setPrototypeOf(Old.prototype, hw.Readable.prototype);
    Object.setPrototypeOf(Old, hw.Readable);
    Old.prototype._read = function () {};
    const make = {
      Readable: () => new hw.Readable({ objectMode: true, read() {} }),
      Writable: () => new hw.Writable({ write(chunk, encoding, cb) { cb(); } }),
      Duplex: () => new hw.Duplex({ read() {}, write(chunk, encoding, cb) { cb(); } }),
      Transform: () => new hw.Transform({ transform(chunk, encoding, cb) { cb(null, chunk); } }),
      PassThrough: () => new hw.PassThrough(),
      // A subclass adding its own fields, and an old-style one (util.inherits + Readable.call).
      subclass: () => new Upper(),
      inherits: () => new Old(),
    };
    const slow = new Set();
    for (let round = 0; round < 10; round++) {
      for (const [name, made] of Object.entries(make)) {
        const stream = made();
        const record = Object.getOwnPropertySymbols(stream).find((s) => s.description === 'fields');
        if (!fast(stream) || (record && !fast(stream[record]))) slow.add(name);
      }
      globalThis.gc();
    }
    console.log(JSON.stringify([...slow]));
  `;
  const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), []);
});
