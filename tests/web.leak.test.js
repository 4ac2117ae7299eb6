// No leaks in the fromWeb adapters (issue 16): a Writable.fromWeb or Duplex.fromWeb destroyed
// while a write waits for `writer.ready` used to keep that write's callback in the Rust state
// for good; the callback holds the stream, whose `_write` holds the state, so the stream, its
// chunk and (in a pipeline) the streams upstream were never collected. Here every stream and
// chunk must be collected after GC, the JS heap must come back near its baseline, and the live
// cores back to their count. As tests/leak.test.js: the full GC comes from V8's flag, set at run
// time, and the core is the one js/index.js uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { EventEmitter } from 'node:events';
import stream from 'node:stream';
import { core } from '../js/platform/core.js';
import * as hw from '../js/index.js';

v8.setFlagsFromString('--expose-gc');
globalThis.gc ??= vm.runInNewContext('gc');

const count = 1000;
const chunkSize = 65536;

/** Full GCs and time for the FinalizationRegistry and pending promise jobs. */
async function collect() {
  for (let i = 0; i < 10; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Heap and array buffers (the chunks), in bytes. */
function memory() {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Each returns the objects that must be collected once it is over. */
const kinds = {
  'Writable.fromWeb': () => {
    const chunk = new Uint8Array(chunkSize);
    const w = hw.Writable.fromWeb(new WritableStream());
    w.on('error', () => {});
    w.write(chunk);
    w.destroy(new Error('x'));
    return [w, chunk];
  },
  'Duplex.fromWeb': () => {
    const chunk = new Uint8Array(chunkSize);
    const d = hw.Duplex.fromWeb({ readable: new ReadableStream(), writable: new WritableStream() });
    d.on('error', () => {});
    d.write(chunk);
    d.destroy(new Error('x'));
    return [d, chunk];
  },
  'Writable.fromWeb at the end of a pipeline': () => {
    const chunk = new Uint8Array(chunkSize);
    const source = new hw.Readable({ read() {} });
    const middle = new hw.PassThrough();
    const w = hw.Writable.fromWeb(new WritableStream());
    hw.pipeline(source, middle, w, () => {});
    // The chunk reaches the Writable some ticks on: destroy it as soon as its write waits.
    const write = w._write;
    w._write = function (...args) {
      const result = write.apply(this, args);
      this.destroy(new Error('x'));
      return result;
    };
    source.push(chunk);
    return [source, middle, w, chunk];
  },
};

for (const [name, make] of Object.entries(kinds)) {
  test(`${name}: ${count} destroyed while a write waits for writer.ready are all collected`, async () => {
    await collect();
    const live = core.hw_live_streams();
    const base = memory();
    const refs = [];
    for (let i = 0; i < count; i++) refs.push(...make().map((value) => new WeakRef(value)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await collect();
    const kept = refs.filter((ref) => ref.deref() !== undefined).length;
    const grown = (memory() - base) / 2 ** 20;
    assert.equal(kept, 0, `${kept} of ${refs.length} streams and chunks still reachable, +${grown.toFixed(1)} MiB`);
    assert.ok(grown < 8, `memory back near its baseline: +${grown.toFixed(1)} MiB`);
    assert.equal(core.hw_live_streams(), live, 'the live cores back to their count');
  });
}

// Bridges dropped mid-stream (bridge fuzzer seed-124): used a little, then every reference let go,
// neither finished, cancelled nor aborted. The bridge's JS values used to be held by its Rust
// state, which wasm-bindgen roots, so no dropped bridge was ever collected, in any kind; now they
// are held by the bridge's JS closures (js/web/), and each dropped chain must be collected whole,
// its cores freed.
const tick = () => new Promise((resolve) => setImmediate(resolve));
const dropped = 200;

/** Each makes one bridge, uses it, and returns the objects that must be collected once dropped. */
const droppedKinds = {
  'Readable.toWeb': async () => {
    const node = new hw.Readable({ read() {} });
    node.push('abc');
    const web = hw.Readable.toWeb(node);
    const reader = web.getReader();
    await reader.read();
    reader.read().catch(() => {}); // a pull left waiting (releaseLock rejects the read)
    reader.releaseLock();
    return [node, web];
  },
  "Readable.toWeb, type 'bytes' and a BYOB reader": async () => {
    const node = new hw.Readable({ read() {} });
    node.push(new Uint8Array(16));
    const web = hw.Readable.toWeb(node, { type: 'bytes' });
    const reader = web.getReader({ mode: 'byob' });
    await reader.read(new Uint8Array(8));
    reader.releaseLock();
    return [node, web];
  },
  'Readable.toWeb of a node:stream Readable': async () => {
    const node = new stream.Readable({ read() {} });
    node.push('abc');
    const web = hw.Readable.toWeb(node);
    const reader = web.getReader();
    await reader.read();
    reader.releaseLock();
    return [node, web];
  },
  'Readable.fromWeb': async () => {
    const web = new ReadableStream({ pull(c) { c.enqueue('a'); } });
    const node = hw.Readable.fromWeb(web, { objectMode: true });
    node.read();
    await tick();
    return [node, web];
  },
  'Writable.toWeb': async () => {
    const node = new hw.Writable({ write(chunk, encoding, cb) { cb(); } });
    const web = hw.Writable.toWeb(node);
    const writer = web.getWriter();
    await writer.write('a');
    writer.write('b');
    writer.releaseLock();
    return [node, web];
  },
  'Writable.fromWeb': async () => {
    const web = new WritableStream({ write() {} });
    const node = hw.Writable.fromWeb(web, { objectMode: true });
    await new Promise((resolve) => node.write('a', resolve));
    node.write('b');
    return [node, web];
  },
  'Duplex.toWeb': async () => {
    const node = new hw.PassThrough({ objectMode: true });
    const { readable, writable } = hw.Duplex.toWeb(node);
    const writer = writable.getWriter();
    const reader = readable.getReader();
    await writer.write('a');
    await reader.read();
    writer.releaseLock();
    reader.releaseLock();
    return [node, readable, writable];
  },
  'Duplex.fromWeb': async () => {
    const web = new TransformStream();
    const node = hw.Duplex.fromWeb(web, { objectMode: true });
    const read = new Promise((resolve) => node.once('data', resolve));
    node.write('a');
    await read;
    node.write('b');
    return [node, web];
  },
  'Readable.wrap': async () => {
    const old = new EventEmitter();
    old.pause = () => {};
    old.resume = () => {};
    const node = new hw.Readable({ objectMode: true }).wrap(old);
    old.emit('data', 'a');
    node.read();
    await tick();
    return [node, old];
  },
};

for (const [name, make] of Object.entries(droppedKinds)) {
  test(`${name}: ${dropped} bridges dropped mid-stream are all collected, with their cores`, async () => {
    await collect();
    const live = core.hw_live_streams();
    const refs = [];
    for (let i = 0; i < dropped; i++) refs.push(...(await make()).map((value) => new WeakRef(value)));
    await tick();
    await collect();
    const kept = refs.filter((ref) => ref.deref() !== undefined).length;
    assert.equal(kept, 0, `${kept} of ${refs.length} streams still reachable`);
    assert.equal(core.hw_live_streams(), live, 'the live cores back to their count');
  });
}
