// Replays one fuzz case against node:stream and highwater and prints both logs.
//   node tests/fuzz/replay.js tests/fuzz/cases/seed-123.json   (a saved case)
//   node tests/fuzz/replay.js --seed 123                       (the script generated from a seed)
// Exits with 1 when the logs differ.

import { readFileSync } from 'node:fs';
import { useNode26 } from './node26.js';

useNode26();
const { generate } = await import('./generate.js');
const { compare, describe, explain, oneLine } = await import('./run.js');

const args = process.argv.slice(2);
let script;
if (args[0] === '--seed') script = generate(Number(args[1]));
else if (args[0]) script = JSON.parse(readFileSync(args[0], 'utf8')).script;
else {
  console.error('usage: node tests/fuzz/replay.js <case.json> | --seed <n>');
  process.exit(2);
}

console.log(`script (seed ${script.seed}, macrotask ${script.macro}):`);
script.streams.forEach((config, i) => console.log(`  s${i} = ${JSON.stringify(config)}`));
for (const step of script.steps) console.log(`  ${describe(step)}`);

const result = await compare(script);
if (!result.deterministic) console.log('\nnode:stream gave two different logs: the script is nondeterministic');
const width = String(result.node.length).length;
console.log('\nnode:stream log:');
result.node.forEach((entry, i) => console.log(`  ${String(i).padStart(width)} ${oneLine(entry)}`));
if (result.at < 0) {
  console.log('\nhighwater: same log');
} else {
  console.log('\nhighwater log from the first difference:');
  result.highwater.slice(result.at).forEach((entry, i) => console.log(`  ${String(result.at + i).padStart(width)} ${oneLine(entry)}`));
  console.log(`\n${explain(result)}`);
}
process.exitCode = result.at < 0 && result.deterministic ? 0 : 1;
