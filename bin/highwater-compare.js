#!/usr/bin/env node
/**
 * `highwater-compare` (`npm run compare`): runs the playground's presets through node:stream,
 * highwater's Node-style streams, native web streams, node:stream's web adapters and highwater's,
 * and prints throughput, peak buffered per stage, peak RSS growth and backpressure signals, then
 * the event order of a few canonical scenarios in node:stream and highwater side by side.
 * Every run checks that all data arrived, in order; a run that fails prints FAIL and the command
 * exits with code 1.
 * Options: --quick (a quarter of the chunks), --preset a,b (only these), --no-order (no event
 * order part), --drop-chunk (the producer loses one chunk: every run must then FAIL; for tests).
 */
import * as nodeStream from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as highwater from 'highwater';
import { presets, scenario, runScenario, stopSignals, goSignals } from '../compare/engine.js';
import { orders } from '../compare/order.js';

const usage = 'usage: highwater-compare [--quick] [--preset name,name] [--no-order] [--drop-chunk]';
const args = process.argv.slice(2);
const options = { scale: 1, presets: Object.keys(presets), order: true, dropChunk: false };
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--quick') options.scale = 0.25;
  else if (arg === '--no-order') options.order = false;
  else if (arg === '--drop-chunk') options.dropChunk = true;
  else if (arg === '--preset' && args[i + 1]) options.presets = args[++i].split(',');
  else {
    console.error(arg === '--help' ? usage : `highwater-compare: unknown argument ${arg}\n${usage}`);
    process.exit(arg === '--help' ? 0 : 2);
  }
}
for (const name of options.presets) {
  if (!presets[name]) {
    console.error(`highwater-compare: no preset ${name}; presets: ${Object.keys(presets).join(', ')}`);
    process.exit(2);
  }
}

// Garbage collection between runs, so each run's RSS growth starts from a collected heap.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const ways = [
  { name: 'node:stream', kind: 'node', lib: nodeStream },
  { name: 'highwater', kind: 'node', lib: highwater },
  { name: 'web streams', kind: 'web' },
  { name: 'node:stream adapters', kind: 'bridge', lib: nodeStream },
  { name: 'highwater adapters', kind: 'bridge', lib: highwater },
];

const short = { source: 'src', 'transform in': 't.in', 'transform out': 't.out', sink: 'sink', 'web source': 'wsrc', fromWeb: 'fromWeb', toWeb: 'toWeb', 'web sink': 'wsink' };

/** A number for the table: thousands separated, `digits` decimals. */
const number = (value, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Columns padded to their widest cell, numbers right-aligned. */
function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (/^[\d,.]+$/.test(cell) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Runs one preset one way, sampling RSS at chunk movements and samples; resolves to the result plus rss. */
async function measure(way, sc) {
  gc();
  const before = process.memoryUsage.rss();
  let peak = 0;
  let calls = 0;
  const rss = () => { peak = Math.max(peak, process.memoryUsage.rss() - before); };
  const result = await runScenario(way.kind, sc, { lib: way.lib, onSample: rss, probe: () => { if (++calls % 64 === 0) rss(); } });
  rss();
  return { ...result, rss: peak };
}

let failures = 0;
let runs = 0;
const rows = [];
console.log(`highwater-compare: Node ${process.version}${options.scale !== 1 ? ', --quick (a quarter of the chunks)' : ''}` +
  `${options.dropChunk ? ', --drop-chunk (every run must FAIL)' : ''}`);
for (const name of options.presets) {
  const sc = { ...scenario(name, { scale: options.scale }), dropChunk: options.dropChunk };
  const unit = sc.objectMode ? 'objects' : 'KiB';
  const amount = (units) => (sc.objectMode ? number(units) : number(units / 1024, 1));
  console.log(`\n${name}: ${presets[name].label}; ${sc.chunks} ${sc.objectMode ? 'objects' : `chunks of ${sc.chunkSize} B`}, ` +
    `highWaterMark ${sc.highWaterMark}, producer ${sc.producerRate ? `${sc.producerRate}/s` : 'unpaced'}` +
    `${sc.burst > 1 ? ` in bursts of ${sc.burst}` : ''}, consumer ${sc.consumerRate ? `${sc.consumerRate}/s` : 'unpaced'}` +
    `${sc.transform ? ', with a transform stage' : ''}`);
  for (const way of ways) {
    const result = await measure(way, sc);
    runs++;
    if (!result.ok) {
      failures++;
      console.log(`FAIL ${name} / ${way.name}: ${result.problem}`);
    }
    const signals = [...stopSignals, ...goSignals].filter((type) => result.signals[type]).map((type) => `${type} ${result.signals[type]}`);
    rows.push([name, way.name, number(result.seconds, 2),
      sc.objectMode ? `${number(result.throughput)} obj/s` : `${number(result.throughput / 1024)} KiB/s`,
      `${result.stages.map((s) => `${short[s.name]} ${amount(s.peak)}`).join(' · ')} ${unit}`,
      number(result.rss / 1048576, 1), signals.join(', ') || '-', result.ok ? 'all' : 'FAIL']);
  }
}
console.log('\nBackpressure per preset and way (peak buffered per stage; RSS growth in MiB)');
console.log(table(['preset', 'way', 'seconds', 'throughput', 'peak buffered per stage', 'RSS', 'backpressure signals', 'delivered'], rows));

if (options.order) {
  console.log('\nEvent order: node:stream | highwater (lines marked ≠ differ)');
  for (const { name, run } of orders) {
    const [left, right] = [await run(nodeStream), await run(highwater)];
    const width = Math.max(...left.map((line) => line.length), 10);
    console.log(`\n${name}${left.join() === right.join() ? ' (same)' : ' (differs)'}`);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      console.log(`${left[i] === right[i] ? ' ' : '≠'} ${(left[i] ?? '').padEnd(width)} | ${right[i] ?? ''}`);
    }
  }
}

console.log(failures ? `\nFAILED: ${failures} of ${runs} runs did not deliver all data` : `\nok: all ${runs} runs delivered all data, in order`);
process.exitCode = failures ? 1 : 0;
