// What the benches share: the env settings, loading highwater, the objects workload, and the timing,
// checking and tabling of throughput cases.
import { existsSync } from 'node:fs'

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

/** A workload sending the objects { i: 0 } to { i: count - 1 }, checked by their count and the sum of i. */
export function objectsWorkload (count) {
  return {
    name: 'objects',
    unit: 'objects/s',
    amount: count,
    objectMode: true,
    expected: { count, sum: count * (count - 1) / 2 },
    producer () {
      let i = 0
      return () => i < count ? { i: i++ } : null
    },
    take: (tally, object) => { tally.count++; tally.sum += object.i }
  }
}

/** Source, Transform and sink with node:stream's API (options.read/transform/write), objectMode for objects. */
export function nodeLikeStages ({ Readable, Transform, Writable }) {
  return {
    source: (objectMode, next) => new Readable({
      objectMode,
      read () {
        for (let chunk = next(); chunk !== null; chunk = next()) if (!this.push(chunk)) return
        this.push(null)
      }
    }),
    transform: objectMode => new Transform({
      objectMode,
      transform: objectMode
        ? (chunk, encoding, callback) => callback(null, { i: chunk.i })
        : (chunk, encoding, callback) => callback(null, chunk)
    }),
    sink: (objectMode, take) => new Writable({
      objectMode,
      write (chunk, encoding, callback) { take(chunk); callback() }
    })
  }
}

// streamx has no object mode: with its defaults an object counts 1024 of 16384 buffered bytes, i.e.
// 16 objects, the same as node's objectMode default. Its read(cb) signals the end of a read call by cb().
/** The same three stages from the streamx module. */
export function streamxStages (streamx) {
  return {
    source: (objectMode, next) => new streamx.Readable({
      read (cb) {
        for (let chunk = next(); chunk !== null; chunk = next()) if (!this.push(chunk)) return cb()
        this.push(null)
        cb()
      }
    }),
    transform: objectMode => new streamx.Transform({
      transform: objectMode
        ? (data, cb) => cb(null, { i: data.i })
        : (data, cb) => cb(null, data)
    }),
    sink: (objectMode, take) => new streamx.Writable({
      write (data, cb) { take(data); cb(null) }
    })
  }
}

/** A workload sending `count` copies of one byte chunk of `size` bytes. */
export function bytesWorkload (name, size, count, unit, amount) {
  const chunk = Buffer.alloc(size, 1)
  return {
    name,
    unit,
    amount,
    objectMode: false,
    expected: { count: size * count, sum: 0 },
    producer () {
      let left = count
      return () => left-- > 0 ? chunk : null
    },
    take: (tally, data) => { tally.count += data.length }
  }
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
  const seconds = cases.map(() => new Map()) // per case: contender name -> seconds per run, or null after a failure
  for (let round = 0; round < RUNS; round++) {
    for (const [index, testCase] of cases.entries()) {
      // Rotate the contender order each round so machine noise spreads over all of them.
      const { contenders } = testCase
      for (const [name, contender] of contenders.map((_, k) => contenders[(k + round) % contenders.length])) {
        const runs = seconds[index].get(name)
        if (runs === null) continue
        const time = await timeRun(testCase, name, contender)
        seconds[index].set(name, time === null ? null : [...(runs ?? []), time])
      }
    }
  }

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

/** Seconds one run of a case's contender takes, or null after printing why it failed. */
async function timeRun ({ cells, workload, run }, name, contender) {
  const tally = { count: 0, sum: 0 }
  let error = null
  const time = await timeIt(() => run(contender, chunk => workload.take(tally, chunk), tally))
    .catch(err => { error = err })
  const { count, sum } = workload.expected
  if (!error && tally.count === count && tally.sum === sum) return time
  fail(`${name} ${cells.join(' ')}`, error
    ? error.message
    : `got count ${tally.count} sum ${tally.sum}, expected count ${count} sum ${sum}`)
  return null
}

/** Middle value of a list of numbers (mean of the two middle ones for an even count). */
function median (values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs `fn` (may be async) after a garbage collection when `--expose-gc` is on; resolves to elapsed seconds. */
async function timeIt (fn) {
  globalThis.gc?.()
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e9
}

/** Formats rows (arrays of cells) as a plain-text table under `header`; numeric-looking cells align right. */
export function formatTable (header, rows) {
  const all = [header, ...rows].map(row => row.map(String))
  const widths = header.map((_, col) => Math.max(...all.map(row => row[col].length)))
  const line = row => row.map((cell, col) =>
    /^[\d.,x]+$/.test(cell) ? cell.padStart(widths[col]) : cell.padEnd(widths[col])).join('  ')
  return [line(all[0]), widths.map(w => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n')
}
