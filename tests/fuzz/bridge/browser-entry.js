// The bridge fuzzer in a page (bundled by tests/fuzz/bridge/browser.js): the same generated
// scripts and highwater invariants as in Node (run.js), on the browser's own web streams and
// highwater's browser build; no differential (node:stream is not there). Chromium is started with
// --js-flags=--expose-gc, so the live-core and collection checks run here too.
import { generate } from './generate.js';
import { checkHighwater, aliveOf, collectRetained, settleAll } from './run.js';
import { kinds, churn, settle, figures, RUST_CAPACITY } from './memory-kinds.js';

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
    // Finalizers can lag behind a loaded machine: a script still alive gets more full GCs alone,
    // as in tests/bridgefuzz.test.js.
    if (aliveOf(id) > 0 && (await collectRetained(id, 50)) > 0) {
      failures.push({ seed, violations: [`${aliveOf(id)} stream(s) never collected after the run`] });
    }
  }
  return failures;
};
/** Runs one script (a saved case's); resolves to its violations. */
globalThis.__bridgeFuzzScript = async (script) => (await checkHighwater(script, { collect: true })).violations;
/**
 * The memory check in the page: `perKind` bridges of each toWeb/fromWeb kind per round, used and
 * then cancelled or errored; resolves to the figures (live cores, Rust heap bytes, wasm bytes, JS
 * heap) at the baseline and after each kind of each round, full GCs first. `capacity`: how far above
 * its baseline the Rust heap may stay (memory-kinds.js); the warm-up's 5,000 of each kind usually
 * set those capacities already.
 */
globalThis.__bridgeMemory = async (perKind, rounds) => {
  for (const make of Object.values(kinds)) await churn((i) => make(i % 2 === 1), 5000);
  await settle();
  const out = { base: figures(), after: [], capacity: RUST_CAPACITY };
  for (let round = 1; round <= rounds; round++) {
    for (const [name, make] of Object.entries(kinds)) {
      await churn((i) => make(i % 2 === 1), perKind);
      await settle();
      out.after.push({ round, name, ...figures() });
    }
  }
  return out;
};
globalThis.__bridgeFuzzReady = true;
