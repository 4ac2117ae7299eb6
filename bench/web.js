// Web stream adapters: node:stream's Readable/Writable toWeb/fromWeb vs highwater's, with a pure web
// streams pipeline as a reference where one exists. Part 1, throughput on 100,000 small objects and
// on 256 MiB of 64 KiB chunks (one reused buffer; node:stream's Readable.toWeb copies each chunk):
//   a. Readable -> Readable.toWeb -> for await over the ReadableStream
//   b. ReadableStream -> Readable.fromWeb -> 'data' (reference: ReadableStream -> pipeTo(WritableStream))
//   c. WritableStream writer -> Writable.toWeb -> Writable
//   d. Readable -> Writable.fromWeb(WritableStream), wired by hand (write until false, wait 'drain')
//   e. Readable -> Readable.toWeb -> pipeThrough(TransformStream) -> Readable.fromWeb -> Writable
// Each contender uses its own Readable/Writable on the Node side. Part 2, the most a fast Readable
// ever has buffered (its own buffer plus the web stream's queue) while a slow reader drains its toWeb.
// Env: BENCH_RUNS (default 5) runs per case, BENCH_QUICK=1 for 10x smaller part 1 workloads,
// BENCH_CASES=ce to run only cases c and e of part 1.
// Run with `node --expose-gc bench/web.js` to collect garbage between runs.
import * as nodeStream from 'node:stream'
import { SHRINK, loadHighwater, fail, guard, measureThroughput, formatTable } from './lib.js'
import { adapterCases as cases, adapterRun, adapterWorkloads } from './web-cases.js'

const PEAK_CHUNKS = 2000

const contenders = [['node:stream', nodeStream]]
const highwater = await loadHighwater()
if (highwater && (typeof highwater.Readable.toWeb !== 'function' || typeof highwater.Writable.fromWeb !== 'function')) {
  console.log('note: highwater skipped, dist/highwater.mjs has no toWeb/fromWeb yet')
} else if (highwater) {
  contenders.push(['highwater', highwater])
}

const workloads = adapterWorkloads(SHRINK)

// Part 1: throughput; a case marked native also runs the web streams reference.
const chosen = cases.filter(c => !process.env.BENCH_CASES || process.env.BENCH_CASES.includes(c.name[0]))
const runs = chosen.flatMap(c => workloads.map(workload => ({
  cells: [c.name, workload.name],
  workload,
  contenders: [...contenders, ...(c.native ? [['web streams', null]] : [])],
  run: adapterRun(c, workload)
})))
const throughputTable = await measureThroughput(['case', 'workload'], runs)
console.log('\nThroughput (median)')
console.log(throughputTable)

// Part 2: peak buffered amount behind Readable.toWeb with a reader taking one chunk per setImmediate.
const peakWorkloads = [
  { name: 'objects', objectMode: true, highWaterMark: 16, chunk: { i: 0 }, size: 1, unit: 'objects' },
  { name: 'bytes', objectMode: false, highWaterMark: 64 * 1024, chunk: Buffer.alloc(16 * 1024, 1), size: 16 * 1024, unit: 'bytes' }
]

/**
 * Sends PEAK_CHUNKS chunks from a Readable of `lib` pushing while push returns true, through
 * Readable.toWeb, to a reader taking one chunk per setImmediate; keeps in `tally` the amount
 * consumed and the largest "produced minus consumed" seen after a read.
 */
async function peakBuffered (lib, { objectMode, highWaterMark, chunk, size }, tally) {
  let pushed = 0
  const source = new lib.Readable({
    objectMode,
    highWaterMark,
    read () {
      while (pushed < PEAK_CHUNKS) {
        pushed++
        if (!this.push(chunk)) return
      }
      this.push(null)
    }
  })
  const reader = lib.Readable.toWeb(source).getReader()
  for (;;) {
    await new Promise(resolve => setImmediate(resolve))
    const { done, value } = await reader.read()
    if (done) return
    tally.consumed += objectMode ? 1 : value.byteLength
    tally.peak = Math.max(tally.peak, pushed * size - tally.consumed)
  }
}

const peakRows = []
for (const workload of peakWorkloads) {
  for (const [name, lib] of contenders) {
    const tally = { consumed: 0, peak: 0 }
    const expected = PEAK_CHUNKS * workload.size
    let ok = await guard(peakBuffered(lib, workload, tally), () => tally.consumed)
      .then(() => true, error => fail(`${name} peak ${workload.name}`, error.message))
    if (ok && tally.consumed !== expected) {
      ok = fail(`${name} peak ${workload.name}`, `consumed ${tally.consumed}, expected ${expected}`)
    }
    peakRows.push([workload.name, workload.highWaterMark.toLocaleString('en-US'), name,
      ok ? tally.peak.toLocaleString('en-US') : 'FAIL', workload.unit,
      ok ? `${(tally.peak / workload.highWaterMark).toFixed(2)}x` : '-'])
  }
}
console.log(`\nPeak buffered behind Readable.toWeb (${PEAK_CHUNKS.toLocaleString('en-US')} chunks, ` +
  'one read per setImmediate, sampled after each read)')
console.log(formatTable(['workload', 'highWaterMark', 'contender', 'peak', 'unit', 'x highWaterMark'], peakRows))
