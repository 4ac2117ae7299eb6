// The bridge fuzzer in a page (bundled by tests/fuzz/bridge/browser.js): the same generated
// scripts and highwater invariants as in Node (run.js), on the browser's own web streams and
// highwater's browser build; no differential (node:stream is not there). Chromium is started with
// --js-flags=--expose-gc, so the live-core and collection checks run here too.
import { generate } from './generate.js';
import { checkHighwater, aliveOf, settleAll } from './run.js';

/** Runs seeds first..first+count-1; resolves to the failures, each {seed, violations}. */
globalThis.__bridgeFuzz = async (first, count) => {
  if (typeof globalThis.gc !== 'function') return [{ seed: null, violations: ['no gc(): start Chromium with --js-flags=--expose-gc'] }];
  const failures = [];
  const passed = [];
  for (let seed = first; seed < first + count; seed++) {
    const { violations, hw } = await checkHighwater(generate(seed));
    if (violations.length) failures.push({ seed, violations });
    else passed.push([seed, hw.runId]);
  }
  await settleAll();
  for (const [seed, id] of passed) {
    if (aliveOf(id) > 0) failures.push({ seed, violations: [`${aliveOf(id)} stream(s) never collected after the run`] });
  }
  return failures;
};
/** Runs one script (a saved case's); resolves to its violations. */
globalThis.__bridgeFuzzScript = async (script) => (await checkHighwater(script, { collect: true })).violations;
globalThis.__bridgeFuzzReady = true;
