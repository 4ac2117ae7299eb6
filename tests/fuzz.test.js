// Differential fuzzing (tests/fuzz/): a fixed budget of generated scripts, each run against
// node:stream (twice, to prove the script deterministic) and highwater, must give equal logs;
// so must every saved case in tests/fuzz/cases/ (divergences found by `npm run fuzz`, fixed).
// Replay a failure with: node tests/fuzz/replay.js --seed <seed>   (or <case.json>)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from './fuzz/generate.js';
import { compare, explain } from './fuzz/run.js';
import { loadCases } from './fuzz/cases.js';

/** The CI budget: SCRIPTS scripts from seed SEED, in BATCHES tests. */
const SEED = 1;
const SCRIPTS = 4000;
const BATCHES = 10;

console.log(`fuzz budget: ${SCRIPTS} scripts, seeds ${SEED} to ${SEED + SCRIPTS - 1}`);

/** Why `script` fails, or null when node:stream is deterministic on it and highwater agrees. */
async function failure(script, name) {
  const result = await compare(script);
  if (!result.deterministic) return `${name}: node:stream gave two different logs (a generator bug)`;
  if (result.at >= 0) return `${name}: ${explain(result)}`;
  return null;
}

const perBatch = Math.ceil(SCRIPTS / BATCHES);
for (let b = 0; b < BATCHES; b++) {
  const first = SEED + b * perBatch;
  const last = Math.min(SEED + SCRIPTS, first + perBatch) - 1;
  test(`fuzz scripts from seeds ${first} to ${last} agree with node:stream`, async () => {
    const failures = [];
    for (let seed = first; seed <= last; seed++) {
      const why = await failure(generate(seed), `seed ${seed} (node tests/fuzz/replay.js --seed ${seed})`);
      if (why) failures.push(why);
    }
    assert.deepEqual(failures, []);
  });
}

for (const saved of loadCases()) {
  test(`fuzz case ${saved.file.replace(/.*\/tests\//, 'tests/')} agrees with node:stream`, async () => {
    assert.equal(await failure(saved.script, `case of seed ${saved.seed}`), null);
  });
}
