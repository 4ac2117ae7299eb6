// Bridge fuzzing (tests/fuzz/bridge/, issue 15): a fixed budget of generated scripts over chains
// that cross between Node-style streams and web streams (toWeb/fromWeb of every kind, native web
// stages, BYOB readers, strategies, faults), each checked for highwater's invariants and against
// node:stream's own adapters (Node 26, the reference), plus every saved case in
// tests/fuzz/bridge/cases/ (cases/pending/ holds open library bugs and is not run here).
// After each batch, every stream its scripts made must have been collected (a FinalizationRegistry
// count per script), so a closure retained by a finished bridge fails too.
// Part of `npm test` (the Node 26 suite); `npm run test:bridgefuzz` runs it alone.
// Replay a failure with: node tests/fuzz/bridge/replay.js --seed <seed>   (or <case.json>)
// BRIDGE_FUZZ_SCRIPTS=<n> and BRIDGE_FUZZ_SEED=<s> change the budget (default 2,000 from seed 1).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from './fuzz/bridge/generate.js';
import { check, signature } from './fuzz/bridge/check.js';
import { loadCases } from './fuzz/bridge/cases.js';
import { aliveOf, collectRetained, settleAll } from './fuzz/bridge/run.js';

const SEED = Number(process.env.BRIDGE_FUZZ_SEED ?? 1);
const SCRIPTS = Number(process.env.BRIDGE_FUZZ_SCRIPTS ?? 2000);
const BATCHES = 10;

console.log(`bridge fuzz budget: ${SCRIPTS} scripts, seeds ${SEED} to ${SEED + SCRIPTS - 1} (Node ${process.version})`);

/** Why one checked script fails, or null. */
function why(result, name) {
  const sig = signature(result);
  if (!sig) return null;
  const detail = result.violations.length ? result.violations.join('; ') : JSON.stringify(result.divergence);
  return `${name}: ${detail}`;
}

const perBatch = Math.ceil(SCRIPTS / BATCHES);
for (let b = 0; b < BATCHES; b++) {
  const first = SEED + b * perBatch;
  const last = Math.min(SEED + SCRIPTS, first + perBatch) - 1;
  if (first > last) break;
  test(`bridge fuzz scripts from seeds ${first} to ${last}: invariants hold and node:stream agrees`, async () => {
    const failures = [];
    const runs = [];
    for (let seed = first; seed <= last; seed++) {
      const name = `seed ${seed} (node tests/fuzz/bridge/replay.js --seed ${seed})`;
      const result = await check(generate(seed));
      const failure = why(result, name);
      if (failure) failures.push(failure);
      else runs.push([name, result.hw.runId]);
    }
    // Every stream of the batch's passing scripts collected: nothing retained by a bridge.
    await settleAll();
    for (const [name, id] of runs) {
      // Finalizers can lag behind a loaded machine: a script still alive gets more full GCs alone.
      if (aliveOf(id) > 0 && (await collectRetained(id, 50)) > 0) failures.push(`${name}: ${aliveOf(id)} stream(s) never collected after the run`);
    }
    assert.deepEqual(failures, []);
  });
}

for (const saved of loadCases()) {
  test(`bridge fuzz case ${saved.file.replace(/.*\/tests\//, 'tests/')} holds`, async () => {
    assert.equal(why(await check(saved.script), `case of seed ${saved.seed}`), null);
  });
}
