// A long fuzz campaign: runs generated scripts against node:stream and highwater until the
// time is up, shrinks every failing script and saves it as a case in tests/fuzz/cases/.
//   npm run fuzz -- --seconds 600 --seed 1234

import { parseArgs } from 'node:util';
import { useNode26 } from './node26.js';

useNode26();
const { generate } = await import('./generate.js');
const { compare, oneLine } = await import('./run.js');
const { shrink } = await import('./shrink.js');
const { loadCases, saveCase } = await import('./cases.js');

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string', default: String(Date.now() % 1e9) },
  },
});
const seconds = Number(values.seconds);
const firstSeed = Number(values.seed);
console.log(`fuzz campaign: ${seconds} s from seed ${firstSeed}`);

/** What a divergence looks like: the first pair of differing entries, without values. */
function signature(result) {
  const label = (entry) => (entry ? entry.slice(0, 2).map((x) => (typeof x === 'string' ? x.replace(/\(.*\)/, '') : typeof x)).join(' ') : 'end');
  return `${label(result.node[result.at])} / ${label(result.highwater[result.at])}`;
}

const seen = new Set(loadCases().map((c) => c.divergence?.signature));
const deadline = Date.now() + seconds * 1000;
let runs = 0;
let failures = 0;
let nondeterministic = 0;
let flaky = 0;
const saved = [];
let lastReport = Date.now();
for (let seed = firstSeed; Date.now() < deadline; seed++) {
  const script = generate(seed);
  const result = await compare(script);
  runs++;
  if (!result.deterministic) {
    nondeterministic++;
    console.log(`seed ${seed}: node:stream is nondeterministic on this script (generator bug)`);
  } else if (result.at >= 0) {
    failures++;
    const small = await shrink(script);
    const smallResult = await compare(small);
    const sig = signature(smallResult);
    if (smallResult.at < 0 || !smallResult.deterministic) {
      flaky++;
      console.log(`seed ${seed}: diverged once, but not again (not saved)`);
    } else if (seen.has(sig)) {
      console.log(`seed ${seed}: diverges (known: ${sig})`);
    } else {
      seen.add(sig);
      const file = saveCase(seed, small, { signature: sig, node: oneLine(smallResult.node[smallResult.at]), highwater: oneLine(smallResult.highwater[smallResult.at]) });
      saved.push(file);
      console.log(`seed ${seed}: diverges, ${script.steps.length} steps shrunk to ${small.steps.length}: ${file}\n  ${sig}`);
    }
  }
  if (Date.now() - lastReport > 30000) {
    lastReport = Date.now();
    console.log(`  ... ${runs} scripts, ${failures} diverging`);
  }
}
console.log(`fuzz campaign done: ${runs} scripts from seed ${firstSeed} in ${seconds} s; ${failures} diverging (${flaky} of them not again), ${saved.length} new cases, ${nondeterministic} nondeterministic`);
process.exitCode = failures || nondeterministic ? 1 : 0;
