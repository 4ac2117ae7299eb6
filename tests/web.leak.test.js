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
