// Bridge memory (issue 15 item 6), the CI size: 2,000 bridges of each toWeb and fromWeb kind
// (tests/fuzz/bridge/memory-kinds.js: Readable.toWeb, with type 'bytes' and a BYOB reader too,
// Readable.fromWeb, Writable.toWeb, Writable.fromWeb, Duplex.toWeb, Transform.toWeb,
// Duplex.fromWeb), each used and then cancelled or errored, three times over: after full GCs the core's
// live table count and the Rust heap's bytes in use are back to the baseline (within
// RUST_CAPACITY; finished bridges' Rust state is freed when V8 collects their closures) and the JS heap is back near its baseline. `npm run memory:bridges` is the 1,000,000-bridge run.
// (Bridges dropped mid-stream: tests/web.leak.test.js.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as hw from '../js/index.js';
import { kinds, churn, settle, figures, fmt, RUST_CAPACITY } from './fuzz/bridge/memory-kinds.js';

v8.setFlagsFromString('--expose-gc');
globalThis.gc ??= vm.runInNewContext('gc');

const PER_KIND = 2000;

// The Rust heap figure the checks below rely on moves: it grows with live streams and comes back
// once they are destroyed (a counter stuck at one value would pass every check vacuously).
test('the Rust heap figure (hw_heap_bytes) counts live streams and their release', async () => {
  await settle();
  const before = figures().rust;
  const streams = Array.from({ length: 1000 }, () => new hw.Readable({ read() {} }));
  assert.ok(figures().rust >= before + 1000 * 64, `1,000 live streams: ${figures().rust - before} bytes more`);
  for (const stream of streams) stream.destroy();
  await new Promise((resolve) => setTimeout(resolve, 10));
  await settle();
  assert.ok(figures().rust <= before + RUST_CAPACITY, `after their close: ${figures().rust - before} bytes more`);
});

test(`${PER_KIND} bridges of each toWeb/fromWeb kind, used then cancelled or errored: cores, Rust heap and JS heap back to baseline`, async () => {
  for (const make of Object.values(kinds)) await churn((i) => make(i % 2 === 1), 500);
  await settle();
  const base = figures();
  const afterRound = [];
  for (let round = 0; round < 3; round++) {
    for (const [name, make] of Object.entries(kinds)) {
      await churn((i) => make(i % 2 === 1), PER_KIND);
      await settle();
      assert.equal(figures().live, base.live, `${name}: cores still live after round ${round + 1}: ${fmt(figures(), base)}`);
      assert.ok(figures().rust <= base.rust + RUST_CAPACITY, `${name}: Rust heap not back after round ${round + 1}: ${fmt(figures(), base)}`);
    }
    afterRound.push(figures());
  }
  assert.ok(afterRound[2].heap - base.heap < 8 * 2 ** 20, `JS heap back near its baseline: ${fmt(afterRound[2], base)}`);
});
