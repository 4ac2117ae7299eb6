// Bridge fuzzing (tests/fuzz/bridge/, issue 15): a fixed budget of generated toWeb/fromWeb chains
// through highwater (invariants: data exactly once and in order or an error at the end, 'close'
// once and nothing after it, no uncaught exception, unhandled rejection or wasm trap, the one
// buffer, the cores given back) and through node:stream's own adapters (the differential).
//
// NOT YET GREEN ON ITS OWN: the first campaign found failures of ten kinds, not triaged yet (each
// saved, shrunk, in tests/fuzz/bridge/cases/pending/, which CI does not run). Until they are fixed
// or excluded with a reason, this test fails on any failure of a NEW kind only, and prints how
// many scripts of the budget fail in each known kind. A kind fixed is removed from `known` below.
// Replay: node tests/fuzz/bridge/replay.js --seed <n>  (or <case.json>)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from './fuzz/bridge/generate.js';
import { check, signature } from './fuzz/bridge/check.js';
import { loadCases, pendingDir } from './fuzz/bridge/cases.js';

const SEED = 1;
const SCRIPTS = 6000;
const known = new Set(loadCases(pendingDir).map((c) => c.finding.signature));

test(`bridge fuzz: ${SCRIPTS} scripts from seed ${SEED}, no failure of a kind not listed in cases/pending/`, async () => {
  const counts = {};
  const fresh = [];
  let clean = 0;
  for (let seed = SEED; seed < SEED + SCRIPTS; seed++) {
    const sig = signature(await check(generate(seed)));
    if (!sig) clean++;
    else if (known.has(sig)) counts[sig] = (counts[sig] ?? 0) + 1;
    else fresh.push(`seed ${seed}: ${sig}`);
  }
  console.log(`bridge fuzz: ${clean} of ${SCRIPTS} scripts clean; known pending kinds: ${JSON.stringify(counts, null, 1)}`);
  assert.deepEqual(fresh, []);
  assert.ok(clean > SCRIPTS / 2, 'most scripts run clean (the generator is not broken)');
});

for (const saved of loadCases()) {
  test(`bridge fuzz case ${saved.file.replace(/.*\/tests\//, 'tests/')} passes`, async () => {
    assert.equal(signature(await check(saved.script)), null);
  });
}
