// The bridge fuzzer in headless Chromium: bundles browser-entry.js with esbuild (highwater from
// js/index.js, its browser entry), serves it on 127.0.0.1 and runs a budget of generated scripts
// in a page of Debian's Chromium (/usr/bin/chromium, through playwright-core, with
// --js-flags=--expose-gc), checking highwater's invariants as in Node (no differential).
//   node tests/fuzz/bridge/browser.js [--scripts N] [--seed S]     (npm run test:bridgefuzz:browser)
//   node tests/fuzz/bridge/browser.js --case <case.json>            (one saved script, in the page)
//   node tests/fuzz/bridge/browser.js --memory N                    (N bridges of each toWeb/fromWeb
//     kind, used then cancelled or errored, 3 rounds: the core's live table count back to the
//     baseline, Rust heap back to the baseline, JS heap (performance.memory) printed)
// Exit code 1 on any failure; each is printed with its seed (replay the same script in Node with
// node tests/fuzz/bridge/replay.js --seed S).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { serve } from '../../../scripts/serve.js';

const { values } = parseArgs({
  options: {
    scripts: { type: 'string', default: '500' }, seed: { type: 'string', default: '1' }, case: { type: 'string' }, memory: { type: 'string' },
  },
});
const saved = values.case ? JSON.parse(fs.readFileSync(values.case, 'utf8')) : null;
const scripts = Number(values.scripts);
const firstSeed = Number(values.seed);
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highwater-bridgefuzz-'));
await esbuild.build({
  entryPoints: [path.join(here, 'browser-entry.js')],
  outfile: path.join(dir, 'fuzz.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
});
fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bridge fuzz</title><link rel="icon" href="data:,"><script type="module" src="fuzz.js"></script>\n');

const problems = [];
const { server, url } = await serve(dir, 0, (missing) => problems.push(`not found: ${missing}`));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'highwater-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
const failures = [];
const started = Date.now();
try {
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.stack || err.message || err}`));
  await page.goto(url);
  await page.waitForFunction(() => globalThis.__bridgeFuzzReady === true, null, { timeout: 30_000 });
  if (values.memory) {
    const perKind = Number(values.memory);
    const MiB = 2 ** 20;
    const { base, after, capacity } = await page.evaluate(([n, r]) => globalThis.__bridgeMemory(n, r), [perKind, 3]);
    const line = (f) => `live cores ${f.live} (${f.live - base.live >= 0 ? '+' : ''}${f.live - base.live}), Rust heap ${f.rust - base.rust >= 0 ? '+' : ''}${f.rust - base.rust} bytes, wasm ${(f.wasm / MiB).toFixed(2)} MiB, JS heap ${(f.heap / MiB).toFixed(1)} MiB`;
    console.log(`bridge memory in Chromium ${context.browser()?.version() ?? ''}: ${perKind} bridges of each kind per round`);
    console.log(`baseline: ${line(base)}`);
    for (const f of after) {
      console.log(`round ${f.round} ${f.name.padEnd(20)}: ${line(f)}`);
      if (f.live > base.live) failures.push({ seed: null, violations: [`memory: ${f.name}: ${f.live - base.live} cores still live after round ${f.round}`] });
      if (f.rust > base.rust + capacity) failures.push({ seed: null, violations: [`memory: ${f.name}: Rust heap ${f.rust - base.rust} bytes over the baseline after round ${f.round}`] });
    }
    const endOf = (round) => after.filter((f) => f.round === round).at(-1);
    console.log(`JS heap: baseline ${(base.heap / MiB).toFixed(1)} MiB, after round 1 ${(endOf(1).heap / MiB).toFixed(1)}, after round 3 ${(endOf(3).heap / MiB).toFixed(1)} MiB`);
  }
  if (saved) {
    const violations = await page.evaluate((script) => globalThis.__bridgeFuzzScript(script), saved.script);
    if (violations.length) failures.push({ seed: saved.seed, violations });
  }
  if (!saved && !values.memory) console.log(`bridge fuzz in Chromium ${context.browser()?.version() ?? ''}: ${scripts} scripts from seed ${firstSeed}`);
  const batch = 100;
  for (let first = firstSeed; !saved && !values.memory && first < firstSeed + scripts; first += batch) {
    const count = Math.min(batch, firstSeed + scripts - first);
    failures.push(...await page.evaluate(([a, n]) => globalThis.__bridgeFuzz(a, n), [first, count]));
  }
} finally {
  await context.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
}
for (const { seed, violations } of failures) console.log(`FAILED seed ${seed} (node tests/fuzz/bridge/replay.js --seed ${seed}): ${violations.join('; ')}`);
for (const problem of problems) console.log(`FAILED ${problem}`);
if (!saved && !values.memory) console.log(`bridge fuzz in Chromium: ${scripts} scripts in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length} failing${problems.length ? `, ${problems.length} page problems` : ''}`);
process.exit(failures.length || problems.length ? 1 : 0);
