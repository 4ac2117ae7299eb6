// What the Node benches share: the env settings, loading highwater, the byte workloads, and the timing,
// checking and tabling of throughput cases; re-exports what shared.js has for Node and browsers alike.
import { existsSync } from 'node:fs'
import { chunksWorkload, formatTable, median, objectsWorkload, timeCases } from './shared.js'

export {
  chunksWorkload, finishing, formatTable, guard, latency, machineNoise, median, minipassStages, nodeLikeStages, objectsWorkload, spread,
  streamxStages, throughputRows, timeCases, webStages, wire
} from './shared.js'

/** Runs per case: BENCH_RUNS, 5 by default. */
export const RUNS = Number(process.env.BENCH_RUNS) || 5

/** How many times smaller the workloads are: 10 with BENCH_QUICK=1, else 1. */
export const SHRINK = process.env.BENCH_QUICK === '1' ? 10 : 1

/** The built highwater module, or null after a note when dist/highwater.mjs is not there. */
export async function loadHighwater () {
  const build = new URL('../dist/highwater.mjs', import.meta.url)
  if (existsSync(build)) return import(build)
  console.log('note: highwater skipped, dist/highwater.mjs not found (run `npm run build`)')
  return null
}

/** A workload sending `count` copies of one byte chunk (a Buffer) of `size` bytes. */
export function bytesWorkload (name, size, count, unit, amount) {
  return chunksWorkload(name, Buffer.alloc(size, 1), count, unit, amount)
}

/** The Transform benches' workloads: 1M objects, 1 GiB of 64 KiB chunks, 1M chunks of 16 B (SHRINK-ed). */
export function transformWorkloads () {
  const objectCount = 1_000_000 / SHRINK
  const bigChunks = Math.floor(16384 / SHRINK) // 16384 x 64 KiB = 1 GiB
  const smallChunks = 1_000_000 / SHRINK
  return [
    objectsWorkload(objectCount),
    bytesWorkload('64 KiB chunks', 64 * 1024, bigChunks, 'MiB/s', bigChunks * 64 / 1024),
    bytesWorkload('16 B chunks', 16, smallChunks, 'chunks/s', smallChunks)
  ]
}

/** Prints `FAIL what: why` and makes the process exit with code 1; returns false. */
export function fail (what, why) {
  console.log(`FAIL ${what}: ${why}`)
  process.exitCode = 1
  return false
}

/**
 * Times every contender of every case RUNS times and resolves to the table of median throughputs, with
 * `columns` naming the case's `cells` followed by contender, median, unit and the ratio to node:stream.
 * A case is { cells, workload, contenders: [[name, contender], ...], run (contender, take, tally) }: run
 * moves the workload through the contender, handing every chunk to take. A run that rejects, or whose
 * tally differs from workload.expected, prints a FAIL line and drops that contender from that case.
 */
export async function measureThroughput (columns, cases) {
  console.log(`Node ${process.version}, ${RUNS} runs per case${SHRINK > 1 ? ', BENCH_QUICK sizes' : ''}` +
    `${globalThis.gc ? '' : ', no --expose-gc'}`)
  const seconds = await timeCases(cases, nodeTiming)
  const rows = cases.flatMap(({ cells, workload, contenders }, index) => {
    const throughput = name => {
      const runs = seconds[index].get(name)
      return runs ? workload.amount / median(runs) : null
    }
    const baseline = throughput('node:stream')
    return contenders.map(([name]) => {
      const value = throughput(name)
      return [...cells, name,
        value === null ? 'FAIL' : Math.round(value).toLocaleString('en-US'), workload.unit,
        value === null || baseline === null ? '-' : `${(value / baseline).toFixed(2)}x`]
    })
  })
  return formatTable([...columns, 'contender', 'median', 'unit', 'vs node:stream'], rows)
}

/** timeCases' options in Node: RUNS rounds, the hrtime clock, a collection before each run under --expose-gc. */
export const nodeTiming = {
  runs: RUNS,
  now: () => Number(process.hrtime.bigint()) / 1e9,
  collect: () => globalThis.gc?.(),
  fail
}
