// No leaks: a closed stream gives its core back at once (js/streams/lifetime.js), a stream dropped
// without closing gives it back when collected, and the wasm memory stops growing. The figures
// of a larger run: `node --expose-gc bench/leak.js`.
//
// js/index.js and js/platform/core.js share one wasm instance (js/platform/core.js instantiates it), whose figures
// (hw_live_streams, hw_memory_bytes) are read here. The full GC comes from V8's own flag, set
// at run time, so that the file runs under a plain `node --test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as nodeStream from 'node:stream';
import { core } from '../js/platform/core.js';
import { kCore } from '../js/streams/fields.js';
import * as hw from '../js/index.js';
import { kinds, churn, figures } from '../bench/leak.js';
// Full GCs with time for the FinalizationRegistry, until the live count settles.
import { settle as collect } from './fuzz/bridge/memory-kinds.js';

v8.setFlagsFromString('--expose-gc');
globalThis.gc ??= vm.runInNewContext('gc');

const immediate = () => new Promise((resolve) => setImmediate(resolve));


test('50,000 streams created, used and destroyed: each core is freed when its stream closes', async () => {
  await collect();
  const base = figures();
  const wasmAfterRound = [];
  for (let round = 0; round < 3; round++) {
    for (const [name, make] of Object.entries(kinds)) {
      // No GC in between: the cores come back because the streams closed.
      const peak = await churn(() => make(true), 10_000, 1_000);
      assert.equal(peak, base.live, `${name}: cores live after their streams closed`);
    }
    wasmAfterRound.push(core.hw_memory_bytes());
  }
  assert.equal(wasmAfterRound[2], wasmAfterRound[0], 'the wasm memory stopped growing');
  await collect();
  const after = figures();
  assert.equal(after.live, base.live);
  assert.ok(after.heap - base.heap < 8 * 2 ** 20, `JS heap back near its baseline: +${((after.heap - base.heap) / 2 ** 20).toFixed(1)} MiB`);
});

test('10,000 streams dropped without destroying: their cores are freed when collected', async () => {
  await collect();
  const base = figures();
  const wasmAfterRound = [];
  for (let round = 0; round < 2; round++) {
    const kept = [];
    const makers = Object.values(kinds);
    await churn(() => makers[kept.length % makers.length](false), 10_000, 1_000, kept);
    assert.equal(core.hw_live_streams(), base.live + 10_000, 'held streams keep their cores');
    kept.length = 0;
    await collect();
    assert.equal(core.hw_live_streams(), base.live, 'collected streams gave their cores back');
    wasmAfterRound.push(core.hw_memory_bytes());
  }
  assert.equal(wasmAfterRound[1], wasmAfterRound[0], 'the second round reused the first one\'s memory');
  assert.ok(figures().heap - base.heap < 8 * 2 ** 20);
});

/** What a closed stream shows, read through every getter that reaches the core. */
function view(stream) {
  const keys = [
    'destroyed', 'closed', 'errored', 'readable', 'readableLength', 'readableEnded', 'readableFlowing',
    'readableAborted', 'readableDidRead', 'readableHighWaterMark', 'readableObjectMode', 'writable',
    'writableLength', 'writableEnded', 'writableFinished', 'writableCorked', 'writableNeedDrain',
    'writableAborted', 'writableHighWaterMark', 'writableObjectMode',
  ];
  const out = {};
  for (const key of keys) if (key in stream) out[key] = stream[key];
  if (typeof stream.isPaused === 'function') out.isPaused = stream.isPaused();
  return out;
}

/** Each kind, used then destroyed with data left in its buffers, in both libraries. */
const closedStreams = {
  Readable: (lib) => {
    const s = new lib.Readable({ read() {} });
    s.push('abcdef');
    s.destroy();
    return s;
  },
  Writable: (lib) => {
    const s = new lib.Writable({ write(chunk, encoding, cb) {} });
    s.write('a');
    s.write('bc');
    s.destroy(new Error('boom'));
    s.on('error', () => {});
    return s;
  },
  Duplex: (lib) => {
    const s = new lib.Duplex({ read() {}, write(chunk, encoding, cb) { cb(); }, allowHalfOpen: false });
    s.push('xyz');
    s.cork();
    s.write('w');
    s.destroy();
    return s;
  },
  Transform: (lib) => {
    const s = new lib.Transform({ transform(chunk, encoding, cb) { cb(null, chunk); } });
    s.write('abc');
    s.end();
    s.resume();
    return s;
  },
};

test('a closed stream, its core retired, answers and acts as node:stream\'s does', async () => {
  for (const [name, make] of Object.entries(closedStreams)) {
    const ours = make(hw);
    const theirs = make(nodeStream);
    await new Promise((resolve) => ours.on('close', resolve));
    if (!theirs.closed) await new Promise((resolve) => theirs.on('close', resolve));
    await immediate();
    const base = core.hw_live_streams();
    assert.equal(ours[kCore], 0, `${name}: the core was retired after 'close'`);
    assert.deepEqual(view(ours), view(theirs), `${name}: getters after close`);
    assert.equal(core.hw_live_streams(), base + 1, `${name}: reading restored the core for this tick`);
    // Calls that change a closed stream's state, then the same getters again.
    for (const s of [ours, theirs]) {
      s.on('error', () => {});
      s.resume?.();
      s.cork?.();
      s.end?.();
      s.setEncoding?.('hex');
    }
    await immediate();
    assert.equal(core.hw_live_streams(), base, `${name}: retired again on the next tick`);
    assert.deepEqual(view(ours), view(theirs), `${name}: getters after calls on the closed stream`);
    await immediate();
  }
});

test('reading a closed stream allocates no more on the JS heap than reading an open one', {
  skip: v8.getHeapStatistics().total_allocated_bytes === undefined && 'this Node has no total_allocated_bytes (Node 26 has)',
}, async () => {
  const make = (destroy) => Array.from({ length: 500 }, () => {
    const r = new hw.Readable({ read() {} });
    if (destroy) r.destroy();
    return r;
  });
  const closed = make(true);
  const open = make(false);
  await immediate();
  await immediate();
  const read = (streams) => {
    let n = 0;
    for (const r of streams) n += r.readableLength + (r.destroyed ? 1 : 0) + (r.readableFlowing === null ? 1 : 0);
    return n;
  };
  /** JS heap bytes allocated per stream per tick, reading three getters of each in every tick. */
  const perStream = async (streams) => {
    for (let i = 0; i < 40; i++) {
      read(streams);
      await immediate();
    }
    const before = v8.getHeapStatistics().total_allocated_bytes;
    for (let i = 0; i < 40; i++) {
      read(streams);
      await immediate();
    }
    return (v8.getHeapStatistics().total_allocated_bytes - before) / 40 / streams.length;
  };
  const base = core.hw_live_streams();
  const whenOpen = await perStream(open);
  const whenClosed = await perStream(closed);
  assert.equal(closed[0][kCore], 0, 'retired between ticks');
  assert.equal(core.hw_live_streams(), base, 'every core put back for a read was retired again');
  assert.ok(whenClosed - whenOpen < 16,
    `a closed stream's reads allocate ${whenClosed.toFixed(1)} bytes per stream per tick, an open one's ${whenOpen.toFixed(1)}`);
  for (const r of open) r.destroy();
});

test('Readable.call / Writable.call on a stream made already gives its old core back', async () => {
  await collect();
  const base = core.hw_live_streams();
  const streams = [new hw.Readable({ read() {} }), new hw.Writable(), new hw.Transform()];
  assert.equal(core.hw_live_streams(), base + 3);
  for (let i = 0; i < 5; i++) {
    hw.Readable.call(streams[0], { read() {} });
    hw.Writable.call(streams[1]);
    hw.Transform.call(streams[2]);
  }
  assert.equal(core.hw_live_streams(), base + 3, 'one core per stream after starting them over');
  for (const stream of streams) stream.destroy();
  await immediate();
  await immediate();
  assert.equal(core.hw_live_streams(), base, 'all freed once they closed');

  // A closed stream read (its core put back until the next tick), then started over in the
  // same tick: the new core stays, the tick that retires restored cores leaves it alone.
  const r = streams[0];
  assert.equal(r[kCore], 0, 'retired after close');
  assert.equal(r.destroyed, true);
  hw.Readable.call(r, { read() {} });
  await immediate();
  assert.notEqual(r[kCore], 0, 'the new core is still in the table');
  assert.equal(r.destroyed, false);
  r.destroy();
  await immediate();
  await immediate();
});

// The registry holds a cell per stream and is not told when a core is retired (js/streams/lifetime.js):
// retiring zeroes the cell, so the finalizer of a closed stream collected later frees nothing,
// even when its old handle (slot and 7-bit generation) has come round to a live stream's.
test('a closed stream collected later does not free the core that reuses its old handle', async () => {
  await collect();
  let closed = new hw.Readable({ read() {} });
  const oldHandle = closed[kCore];
  closed.destroy();
  await new Promise((resolve) => closed.once('close', resolve));
  await immediate();
  assert.equal(closed[kCore], 0, 'the closed stream\'s core was retired');
  // The table reuses the last freed slot first, one generation on each time: 127 more uses
  // bring the generation back round to the old handle's.
  for (let i = 0; i < 127; i++) core.st_free(core.st_new(16, 64, 16, 0));
  const live = new hw.Readable({ objectMode: true, read() {} });
  assert.equal(live[kCore], oldHandle, 'the live stream has the closed one\'s old handle');
  closed = null;
  await collect();
  assert.equal(core.rd_hwm(live[kCore]), 16, 'the live stream\'s core is still in the table');
  live.push('x');
  assert.equal(live.read(), 'x');
});
