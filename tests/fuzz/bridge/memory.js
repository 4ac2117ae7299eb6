// Memory of the bridges (issue 15 item 6): BRIDGE_MEMORY_COUNT (1,000,000) bridges in all, shared
// equally by the eight toWeb and fromWeb kinds below (125,000 each), created, used (a chunk
// through), then cancelled or errored (alternately), in rounds; after each round, full GCs, then the core's live table count (hw_live_streams), the wasm
// heap's bytes in use (hw_heap_bytes), the wasm memory (hw_memory_bytes) and the JS heap (heapUsed)
// against the baseline taken before: live cores back to the baseline, the Rust heap too (within
// RUST_CAPACITY, capacities kept once grown), JS heap back near its baseline. Exit code 1 when
// one is not. The wasm memory's size is printed: it never shrinks, and its high-water mark is set by how many bridges' closures wait for V8 to
// collect them at the worst moment (GC timing), not by what stays allocated.
//   node --expose-gc tests/fuzz/bridge/memory.js   (npm run memory:bridges; BRIDGE_MEMORY_COUNT=n)
// tests/bridgememory.test.js runs the same kinds with a smaller count in `npm test`.
// `--dropped N` adds N bridges of each kind dropped mid-stream (neither finished nor cancelled):
// after full GCs their live cores must be back to the count before them (the leak of
// tests/fuzz/bridge/cases/seed-124.md, fixed).

import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { kinds, droppers, churn, settle, figures, fmt, sign, MiB, RUST_CAPACITY } from './memory-kinds.js';

async function main() {
  if (typeof globalThis.gc !== 'function') {
    console.log('run with node --expose-gc');
    process.exit(1);
  }
  const { values } = parseArgs({ options: { dropped: { type: 'string', default: '0' }, only: { type: 'string' } } });
  const total = Number(process.env.BRIDGE_MEMORY_COUNT ?? 1_000_000);
  const names = values.only ? values.only.split(',') : Object.keys(kinds);
  const rounds = 4;
  const count = Math.ceil(total / names.length);
  const perRound = Math.ceil(count / rounds);
  // Warm up (JIT, the table's first slots, the wasm memory's first growth) before the baseline.
  for (const name of names) await churn((i) => kinds[name](i % 2 === 1), 2000);
  await settle();
  const base = figures();
  console.log(`bridges: ${perRound * rounds * names.length} in all, ${perRound * rounds} of each of ${names.length} kinds in ${rounds} rounds, cancelled and errored alternately (${process.version})`);
  console.log(`baseline: ${fmt(base, base)}`);
  const failures = [];
  for (const name of names) {
    const started = Date.now();
    for (let round = 1; round <= rounds; round++) {
      const peak = await churn((i) => kinds[name](i % 2 === 1), perRound);
      await settle();
      const f = figures();
      console.log(`${name.padEnd(20)} ${String(round * perRound).padStart(9)}: ${fmt(f, base)}; peak live cores ${peak}`);
      if (f.live > base.live) failures.push(`${name}: ${f.live - base.live} cores still live after round ${round}`);
      if (f.rust > base.rust + RUST_CAPACITY) failures.push(`${name}: Rust heap ${f.rust - base.rust} bytes over the baseline after round ${round}`);
      if (round === rounds && f.heap - base.heap > 16 * MiB) failures.push(`${name}: JS heap ${sign((f.heap - base.heap) / MiB, 1)} MiB over the baseline`);
    }
    console.log(`${name.padEnd(20)} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`after all kinds: ${fmt(figures(), base)}`);
  const dropped = Number(values.dropped);
  if (dropped > 0) {
    console.log(`dropped mid-stream (tests/fuzz/bridge/cases/seed-124.md): ${dropped} of each kind`);
    // The table of cores grows to hold the dropped bridges' cores until they are collected
    // (10,000 live at once take 2.7 MiB), and keeps its capacity: one warm-up batch sets it.
    await churn(() => droppers['Readable.toWeb'](), dropped);
    await settle();
    for (const [name, drop] of Object.entries(droppers)) {
      const before = figures();
      await churn(() => drop(), dropped);
      await settle();
      const f = figures();
      console.log(`dropped ${name.padEnd(17)} ${String(dropped).padStart(7)}: ${fmt(f, before)}`);
      if (f.live > before.live) failures.push(`dropped ${name}: ${f.live - before.live} cores still live`);
      if (f.rust > before.rust + RUST_CAPACITY) failures.push(`dropped ${name}: Rust heap ${f.rust - before.rust} bytes over the count before`);
    }
  }
  for (const failure of failures) console.log(`FAIL ${failure}`);
  console.log(failures.length ? 'bridge memory: FAILED' : 'bridge memory: ok (live cores and the Rust heap back to the baseline, JS heap back near its baseline)');
  process.exitCode = failures.length ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
