// A bridge fuzz campaign: generated scripts through highwater (invariants) and node:stream
// (differential) until the time is up; each new kind of failure is shrunk and saved under
// cases/pending/ (not run by CI until fixed and moved to cases/).
//   npm run fuzz:bridge -- --seconds 600 --seed 1

import { parseArgs } from 'node:util';
import { useNode26 } from '../node26.js';

useNode26();
const { generate } = await import('./generate.js');
const { check, failsLike, signature } = await import('./check.js');
const { aliveOf, settleAll } = await import('./run.js');
const { shrink } = await import('./shrink.js');
const { saveCase, loadCases, pendingDir } = await import('./cases.js');

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '60' }, seed: { type: 'string', default: String(Date.now() % 1e9) } },
});
const seconds = Number(values.seconds);
const firstSeed = Number(values.seed);
console.log(`bridge fuzz campaign: ${seconds} s from seed ${firstSeed}`);
const seen = new Set(loadCases(pendingDir).map((c) => c.finding?.signature));
const deadline = Date.now() + seconds * 1000;
let runs = 0;
let failing = 0;
let excluded = 0;
const bySignature = {};
// Whether every stream of a script was collected is checked once per 200 scripts (full GCs are
// slow): a script whose streams are still alive then is checked again alone, collecting.
let batch = [];
const retainedOf = async () => {
  await settleAll();
  const kept = batch.filter(([, id]) => aliveOf(id) > 0).map(([s]) => s);
  batch = [];
  const out = [];
  for (const script of kept) out.push([script, await check(script, { collect: true })]);
  return out;
};
for (let seed = firstSeed; Date.now() < deadline; seed++) {
  const script = generate(seed);
  const first = await check(script);
  runs++;
  if (first.excluded.length) excluded++;
  const todo = [];
  if (signature(first)) todo.push([script, first]);
  else batch.push([script, first.hw.runId]);
  if (batch.length >= 200) todo.push(...await retainedOf());
  for (const [script, result] of todo) await record(script, result);
}
for (const [script, result] of await retainedOf()) await record(script, result);
async function record(script, result) {
  const seed = script.seed;
  const sig = signature(result);
  if (!sig) return;
  failing++;
  (bySignature[sig] ??= []).push(seed);
  if (seen.has(sig)) return;
  seen.add(sig);
  const small = await shrink(script, failsLike(result));
  const again = await check(small, { collect: true });
  const file = saveCase(pendingDir, seed, small, { signature: sig, violations: again.violations, divergence: again.divergence });
  console.log(`seed ${seed}: ${sig}\n  shrunk to ${small.chunks.length} chunks, ${small.stages.length} stages: ${file}`);
}
console.log(`bridge fuzz campaign done: ${runs} scripts from seed ${firstSeed} in ${seconds} s; ${failing} failing, ${excluded} with exclusions applied`);
for (const [sig, seeds] of Object.entries(bySignature)) console.log(`  ${seeds.length} x ${sig} (seeds ${seeds.join(', ')})`);
process.exitCode = failing ? 1 : 0;
