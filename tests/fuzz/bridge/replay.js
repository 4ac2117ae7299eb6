// Replays one bridge script and prints it with both runs.
//   node tests/fuzz/bridge/replay.js tests/fuzz/bridge/cases/pending/seed-19.json | --seed 19
import { readFileSync } from 'node:fs';
import { useNode26 } from '../node26.js';

useNode26();
const { generate } = await import('./generate.js');
const { check, signature } = await import('./check.js');
const args = process.argv.slice(2);
const script = args[0] === '--seed' ? generate(Number(args[1])) : JSON.parse(readFileSync(args[0], 'utf8')).script;
const r = await check(script, { collect: true });
const brief = (x) => x && { sink: x.sink, source: x.source, sinkEnd: x.sinkEnd, delivered: x.delivered, faulted: x.faulted, events: x.events, log: x.log };
console.log(JSON.stringify({ script, signature: signature(r), violations: r.violations, divergence: r.divergence, excluded: r.excluded, highwater: brief(r.hw), node: brief(r.node) }, null, 1));
process.exitCode = signature(r) ? 1 : 0;
