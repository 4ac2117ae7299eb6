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
import { SHRINK, loadHighwater, objectsWorkload, fail, measureThroughput, formatTable } from './lib.js'

const STALL_SECONDS = 10
const PEAK_CHUNKS = 2000

const contenders = [['node:stream', nodeStream]]
const highwater = await loadHighwater()
if (highwater && (typeof highwater.Readable.toWeb !== 'function' || typeof highwater.Writable.fromWeb !== 'function')) {
  console.log('note: highwater skipped, dist/highwater.mjs has no toWeb/fromWeb yet')
} else if (highwater) {
  contenders.push(['highwater', highwater])
}

/** A workload sending `count` copies of one 64 KiB chunk: a Buffer from Node sources, a Uint8Array from web ones. */
function bytesWorkload (count) {
  const nodeChunk = Buffer.alloc(64 * 1024, 1)
  const webChunk = new Uint8Array(64 * 1024).fill(1)
  return {
    name: 'bytes',
    unit: 'MiB/s',
    amount: count / 16,
    objectMode: false,
    expected: { count: count * nodeChunk.length, sum: 0 },
    webStrategy: new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
    producer (web) {
      const chunk = web ? webChunk : nodeChunk
      let left = count
      return () => left-- > 0 ? chunk : null
    },
    take: (tally, data) => { tally.count += data.byteLength }
  }
}

const objectCount = 100_000 / SHRINK
const workloads = [
  { ...objectsWorkload(objectCount), webStrategy: new CountQueuingStrategy({ highWaterMark: 16 }) },
  bytesWorkload(Math.floor(4096 / SHRINK)) // 4096 x 64 KiB = 256 MiB
]

/** A Readable of `lib` pushing the workload's chunks while push returns true. */
function nodeSource (lib, workload) {
  const next = workload.producer(false)
  return new lib.Readable({
    objectMode: workload.objectMode,
    read () {
      for (let chunk = next(); chunk !== null; chunk = next()) if (!this.push(chunk)) return
      this.push(null)
    }
  })
}

/** A Writable of `lib` handing every chunk to `take`. */
function nodeSink (lib, workload, take) {
  return new lib.Writable({
    objectMode: workload.objectMode,
    write (chunk, encoding, callback) { take(chunk); callback() }
  })
}

/** A ReadableStream enqueuing the workload's chunks while its queue has room. */
function webSource (workload) {
  const next = workload.producer(true)
  return new ReadableStream({
    pull (controller) {
      while (controller.desiredSize > 0) {
        const chunk = next()
        if (chunk === null) return controller.close()
        controller.enqueue(chunk)
      }
    }
  }, workload.webStrategy)
}

/** A WritableStream handing every chunk to `take`. */
function webSink (take) {
  return new WritableStream({ write (chunk) { take(chunk) } })
}

/** Resolves on the end of `readable` while 'data' feeds `take`; rejects on its 'error'. */
function drain (readable, take) {
  return new Promise((resolve, reject) => {
    readable.on('data', take)
    readable.on('end', resolve)
    readable.on('error', reject)
  })
}

/** Resolves on the 'finish' of `writable`; rejects on its 'error'. */
function finished (writable) {
  return new Promise((resolve, reject) => {
    writable.on('finish', resolve)
    writable.on('error', reject)
  })
}

/** Pipes `source` into `sink` by hand: pause when write returns false, resume on 'drain', end on 'end'. */
function wire (source, sink) {
  source.on('error', err => sink.destroy(err))
  source.on('data', chunk => { if (!sink.write(chunk)) source.pause() })
  sink.on('drain', () => source.resume())
  source.on('end', () => sink.end())
  return finished(sink)
}

// Each case runs one contender: `lib` is node:stream or highwater, or null for the web streams reference.
const cases = [
  {
    name: 'a. Readable.toWeb',
    native: true,
    async run (lib, workload, take) {
      const stream = lib ? lib.Readable.toWeb(nodeSource(lib, workload)) : webSource(workload)
      for await (const chunk of stream) take(chunk)
    }
  },
  {
    name: 'b. Readable.fromWeb',
    native: true,
    run: (lib, workload, take) => lib
      ? drain(lib.Readable.fromWeb(webSource(workload), { objectMode: workload.objectMode }), take)
      : webSource(workload).pipeTo(webSink(take))
  },
  {
    name: 'c. Writable.toWeb',
    async run (lib, workload, take) {
      const sink = nodeSink(lib, workload, take)
      const done = finished(sink)
      const writer = lib.Writable.toWeb(sink).getWriter()
      const next = workload.producer(true)
      for (let chunk = next(); chunk !== null; chunk = next()) {
        if (!(writer.desiredSize > 0)) await writer.ready
        writer.write(chunk).catch(() => {}) // a failed write also rejects ready and close
      }
      await writer.close()
      await done
    }
  },
  {
    name: 'd. Writable.fromWeb',
    run: (lib, workload, take) => wire(nodeSource(lib, workload),
      lib.Writable.fromWeb(webSink(take), { objectMode: workload.objectMode }))
  },
  {
    name: 'e. round trip',
    run (lib, workload, take) {
      const web = lib.Readable.toWeb(nodeSource(lib, workload)).pipeThrough(new TransformStream())
      return wire(lib.Readable.fromWeb(web, { objectMode: workload.objectMode }), nodeSink(lib, workload, take))
    }
  }
]

/** `promise`, or a rejection once `progress()` has not moved for STALL_SECONDS. */
function guard (promise, progress) {
  let seen = progress()
  let watchdog
  const stalled = new Promise((resolve, reject) => {
    watchdog = setInterval(() => {
      if (progress() === seen) reject(new Error(`stalled for ${STALL_SECONDS}s at ${seen}`))
      seen = progress()
    }, STALL_SECONDS * 1000)
  })
  return Promise.race([promise, stalled]).finally(() => clearInterval(watchdog))
}

// Part 1: throughput; a case marked native also runs the web streams reference.
const chosen = cases.filter(c => !process.env.BENCH_CASES || process.env.BENCH_CASES.includes(c.name[0]))
const runs = chosen.flatMap(c => workloads.map(workload => ({
  cells: [c.name, workload.name],
  workload,
  contenders: [...contenders, ...(c.native ? [['web streams', null]] : [])],
  async run (lib, take, tally) {
    try {
      await guard(c.run(lib, workload, take), () => tally.count)
    } catch (error) {
      throw new Error(`${error.message} (got count ${tally.count})`, { cause: error }) // how far the failed run got
    }
  }
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
