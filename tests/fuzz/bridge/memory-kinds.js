// The bridges of the memory checks (issue 15 item 6), for Node (memory.js,
// tests/bridgememory.test.js) and Chromium (browser.js --memory): each toWeb and fromWeb kind,
// used and then cancelled or errored; the figures read from the core's table and memory.

import { core } from '../../../js/platform/core.js';
import * as hw from '../../../js/index.js';

export const MiB = 2 ** 20;
/**
 * How far above its baseline the Rust heap may stay after a run: capacities that grow once and
 * are kept (a step of exactly 384 KiB appears in some runs, at a moment that follows GC timing,
 * then stays the same through every later round). A leak of a few bytes per bridge exceeds it.
 */
export const RUST_CAPACITY = MiB;
/** A macrotask (setImmediate in Node, a MessageChannel message in a page). */
const tick = () => new Promise((resolve) => {
  if (globalThis.setImmediate) {
    globalThis.setImmediate(resolve);
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    resolve();
  };
  channel.port2.postMessage(0);
});
const why = () => new Error('memory check');
const quiet = (promise) => promise.then(() => {}, () => {});

/**
 * One bridge of each kind, used and then cancelled (`error` false) or errored (`error` true).
 * Each resolves once the bridge is over.
 */
export const kinds = {
  async 'Readable.toWeb'(error) {
    const node = new hw.Readable({ read() {} });
    node.push('abc');
    const reader = hw.Readable.toWeb(node).getReader();
    await reader.read();
    if (error) {
      node.destroy(why());
      await quiet(reader.read());
    } else {
      await reader.cancel(why());
    }
  },
  async 'Readable.toWeb bytes'(error) {
    const node = new hw.Readable({ read() {} });
    node.push(new Uint8Array(16));
    const reader = hw.Readable.toWeb(node, { type: 'bytes' }).getReader({ mode: 'byob' });
    await reader.read(new Uint8Array(8));
    if (error) {
      node.destroy(why());
      await quiet(reader.read(new Uint8Array(8)));
    } else {
      await reader.cancel(why());
    }
  },
  async 'Readable.fromWeb'(error) {
    let controller;
    const web = new ReadableStream({ start(c) { controller = c; c.enqueue('abc'); } });
    const node = hw.Readable.fromWeb(web, { objectMode: true });
    node.on('error', () => {});
    node.read();
    await tick();
    if (error) controller.error(why());
    else node.destroy();
    await new Promise((resolve) => (node.closed ? resolve() : node.on('close', resolve)));
  },
  async 'Writable.toWeb'(error) {
    const node = new hw.Writable({ objectMode: true, write(chunk, encoding, cb) { cb(error && chunk === 'b' ? why() : null); } });
    node.on('error', () => {});
    const writer = hw.Writable.toWeb(node).getWriter();
    await writer.write('a');
    if (error) await quiet(writer.write('b'));
    else await writer.abort(why());
    await quiet(writer.closed);
  },
  async 'Writable.fromWeb'(error) {
    const web = new WritableStream({ write(chunk) { if (error && chunk === 'b') throw why(); } });
    const node = hw.Writable.fromWeb(web, { objectMode: true });
    node.on('error', () => {});
    await new Promise((resolve) => node.write('a', resolve));
    if (error) node.write('b');
    else node.destroy(why());
    await new Promise((resolve) => (node.closed ? resolve() : node.on('close', resolve)));
  },
  async 'Duplex.toWeb'(error) {
    const node = new hw.PassThrough({ objectMode: true });
    node.on('error', () => {});
    const { readable, writable } = hw.Duplex.toWeb(node);
    const writer = writable.getWriter();
    const reader = readable.getReader();
    await writer.write('a');
    await reader.read();
    if (error) node.destroy(why());
    else {
      await reader.cancel(why());
      await quiet(writer.abort(why()));
    }
    await quiet(writer.closed);
    await quiet(reader.closed);
  },
  async 'Transform.toWeb'(error) {
    const node = new hw.Transform({ objectMode: true, transform(chunk, encoding, cb) { cb(error && chunk === 'b' ? why() : null, chunk); } });
    node.on('error', () => {});
    const { readable, writable } = hw.Transform.toWeb(node);
    const writer = writable.getWriter();
    const reader = readable.getReader();
    await writer.write('a');
    await reader.read();
    if (error) await quiet(writer.write('b'));
    else {
      await reader.cancel(why());
      await quiet(writer.abort(why()));
    }
    await quiet(writer.closed);
    await quiet(reader.closed);
  },
  async 'Duplex.fromWeb'(error) {
    const node = hw.Duplex.fromWeb(new TransformStream(), { objectMode: true });
    node.on('error', () => {});
    // The TransformStream takes the write once its readable side is read: read, then write.
    const read = new Promise((resolve) => node.once('data', resolve));
    node.write('a');
    await read;
    node.destroy(error ? why() : undefined);
    await new Promise((resolve) => (node.closed ? resolve() : node.on('close', resolve)));
  },
};

/** Dropped mid-stream: used, then every reference let go (no cancel, no close). */
export const droppers = {
  'Readable.toWeb': async () => {
    const node = new hw.Readable({ read() {} });
    node.push('abc');
    const reader = hw.Readable.toWeb(node).getReader();
    await reader.read();
    reader.releaseLock();
  },
  'Readable.fromWeb': async () => {
    const node = hw.Readable.fromWeb(new ReadableStream({ pull(c) { c.enqueue('a'); } }), { objectMode: true });
    node.read();
    await tick();
  },
  'Writable.toWeb': async () => {
    const writer = hw.Writable.toWeb(new hw.Writable({ write(chunk, encoding, cb) { cb(); } })).getWriter();
    await writer.write('a');
    writer.releaseLock();
  },
  'Writable.fromWeb': async () => {
    const node = hw.Writable.fromWeb(new WritableStream({ write() {} }), { objectMode: true });
    await new Promise((resolve) => node.write('a', resolve));
  },
};

/**
 * Full GCs with time for FinalizationRegistry callbacks (they free cores, and wasm-bindgen's free
 * the closures' Rust state), until the live count and the Rust heap settle.
 */
export async function settle() {
  let seen = '';
  for (let i = 0; i < 20 && seen !== `${core.hw_live_streams()} ${core.hw_heap_bytes()}`; i++) {
    seen = `${core.hw_live_streams()} ${core.hw_heap_bytes()}`;
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  globalThis.gc();
}

/** Live cores, the Rust heap in use, wasm memory and JS heap now (Chromium: performance.memory, precise with --enable-precise-memory-info). */
export function figures() {
  const heap = globalThis.process?.memoryUsage?.().heapUsed ?? globalThis.performance?.memory?.usedJSHeapSize ?? NaN;
  return { live: core.hw_live_streams(), rust: core.hw_heap_bytes(), wasm: core.hw_memory_bytes(), heap };
}

/**
 * Runs `count` bridges made by `bridge(i)`, `parallel` at a time, a macrotask between batches (so
 * the closes' ticks run); returns the most cores live between batches (before any GC).
 */
export async function churn(bridge, count, parallel = 100) {
  let peak = 0;
  for (let done = 0; done < count; done += parallel) {
    const n = Math.min(parallel, count - done);
    const running = [];
    for (let i = 0; i < n; i++) running.push(bridge(done + i));
    await Promise.all(running);
    await tick();
    peak = Math.max(peak, core.hw_live_streams());
  }
  return peak;
}

export const sign = (x, digits) => (x >= 0 ? '+' : '') + x.toFixed(digits);
export const fmt = (f, base) => `live cores ${f.live} (${sign(f.live - base.live, 0)}), ` +
  `Rust heap ${(f.rust / 1024).toFixed(1)} KiB (${sign((f.rust - base.rust) / 1024, 1)}), ` +
  `wasm ${(f.wasm / MiB).toFixed(2)} MiB (${sign((f.wasm - base.wasm) / MiB, 2)}), ` +
  `JS heap ${(f.heap / MiB).toFixed(1)} MiB (${sign((f.heap - base.heap) / MiB, 1)})`;

