// `npm run bench:browser`: the chain benchmarks of bench/run.js (source -> map Transform -> sink on
// objects, 16 B and 64 KiB chunks, and one chunk's latency through the idle chain) in headless
// Chromium (tests/browser/chromium.js: Debian's /usr/bin/chromium through playwright-core). Each
// library is bundled with esbuild as an app would bundle it, one bundle per contender in one page:
//   - highwater: `import … from 'highwater'`, which resolves to the package's browser entry (js/);
//   - readable-stream: with the npm packages buffer, events and process for Node's modules and
//     `process`/`Buffer` injected as globals (bench/browser/polyfills.js), what its users must add;
//   - streamx as it comes;
//   - native Web Streams: ReadableStream -> pipeThrough(TransformStream) -> pipeTo(WritableStream).
// Ratios and goals are against readable-stream (node:stream's code as a browser gets it); a second
// column is against native Web Streams. Every run is checked to have delivered all data. The page
// cannot ask for a garbage collection; the contender order rotates each round instead.
// Env: as bench/run.js (BENCH_RUNS, BENCH_QUICK, BENCH_MIB, BENCH_TRIPS, BENCH_ONLY=chains,latency).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import { launch } from '../tests/browser/chromium.js'
import { RUNS, SHRINK } from './lib.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.dirname(here)
/** Seconds a timed block of latency round trips lasts at least: the page's clock has 100 µs steps. */
const BLOCK_SECONDS = 0.005

if (!fs.existsSync(path.join(root, 'dist/wasm/module.js'))) {
  console.log('bench:browser: dist/wasm/module.js not found, run `npm run build` first')
  process.exit(1)
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'highwater-bench-browser-'))
const entries = ['contender-highwater', 'contender-readable-stream', 'contender-streamx', 'harness']
const common = { bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, logLevel: 'warning' }
for (const entry of entries) {
  await esbuild.build({
    ...common,
    entryPoints: [path.join(here, 'browser', `${entry}.js`)],
    outfile: path.join(folder, `${entry}.js`),
    ...(entry === 'contender-readable-stream' ? { inject: [path.join(here, 'browser', 'polyfills.js')] } : {})
  })
}
fs.writeFileSync(path.join(folder, 'index.html'), '<!doctype html><meta charset="utf-8"><title>highwater bench</title><link rel="icon" href="data:,">\n' +
  entries.map(entry => `<script type="module" src="./${entry}.js"></script>`).join('\n') + '\n')
const sizes = entries.map(entry => `${entry} ${(fs.statSync(path.join(folder, `${entry}.js`)).size / 1024).toFixed(0)} KiB`)
console.log(`bench:browser: bundled (minified) ${sizes.join(', ')}`)

const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : ['chains', 'latency']
const mib = Number(process.env.BENCH_MIB) || 1024 / SHRINK
const config = {
  runs: RUNS,
  objects: 1_000_000 / SHRINK,
  smallChunks: 1_000_000 / SHRINK,
  bigChunks: Math.max(1, Math.round(mib * 16)),
  trips: Number(process.env.BENCH_TRIPS) || 20_000 / SHRINK,
  blockSeconds: BLOCK_SECONDS,
  only
}

const browser = await launch(folder)
try {
  const tab = await browser.open('index.html')
  const missing = await tab.evaluate(() => ['highwater', 'readable-stream', 'streamx']
    .filter(name => !globalThis.benchContenders?.[name]))
  if (missing.length) throw new Error(`contenders not registered in the page: ${missing.join(', ')}`)
  const load = () => os.loadavg().map(n => n.toFixed(2)).join(' ')
  console.log(`load average before: ${load()}`)
  const { text, failures } = await tab.evaluate(config => globalThis.runBench(config), config)
  console.log(text)
  for (const line of [...failures, ...browser.problems]) console.log(line.startsWith('FAIL') ? line : `FAIL page: ${line}`)
  if (failures.length || browser.problems.length) process.exitCode = 1
  console.log(`\nload average after: ${load()}; spread = (slowest - fastest) / median of a contender's rounds`)
} finally {
  await browser.close()
  fs.rmSync(folder, { recursive: true, force: true })
}
