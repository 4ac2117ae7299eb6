// pipe throughput and memory: `readable.pipe(transform).pipe(writable)` and `pipeline(readable, transform,
// writable, cb)` for node:stream vs readable-stream vs streamx vs highwater, on the workloads of
// bench/transform.js (1,000,000 small objects, 1 GiB of 64 KiB chunks, 1,000,000 chunks of 16 bytes).
// Then a memory check: a fast producer of fresh 64 KiB chunks piped through a Transform into a consumer
// that takes one chunk per setImmediate and per setTimeout 0, for node:stream and highwater, reporting
// the peak bytes buffered along the pipe (readableLength + writableLength of every stage, sampled at
// every read and write) and the peak RSS growth.
// Env: BENCH_RUNS (default 5) runs per case, BENCH_QUICK=1 for 10x smaller workloads,
// BENCH_PIPE_MEMORY_BYTES for the memory check's total (default 1 GiB, 1/10 of it with BENCH_QUICK).
// Run with `node --expose-gc bench/pipe.js` to collect garbage between runs.
import * as nodeStream from 'node:stream'
import * as readableStream from 'readable-stream'
import * as streamx from 'streamx'
import { SHRINK, fail, finishing, formatTable, loadHighwater, measureThroughput, nodeLikeStages, streamxStages, transformWorkloads } from './lib.js'

const libs = [
  ['node:stream', nodeStream, nodeLikeStages(nodeStream)],
  ['readable-stream', readableStream, nodeLikeStages(readableStream)],
  ['streamx', streamx, streamxStages(streamx)]
]
const highwater = await loadHighwater()
if (highwater) libs.push(['highwater', highwater, nodeLikeStages(highwater)])

/** The ways of connecting source -> transform -> sink, each given a lib and the three stages. */
const ways = {
  pipe: (lib, source, transform, sink) => source.pipe(transform).pipe(sink),
  pipeline: (lib, source, transform, sink) => lib.pipeline(source, transform, sink, () => {})
}

if (highwater && typeof highwater.pipeline !== 'function') {
  console.log('note: highwater skipped for pipeline, dist/highwater.mjs does not export pipeline yet')
}

const cases = transformWorkloads().flatMap(workload => Object.entries(ways).map(([way, connect]) => ({
  cells: [workload.name, way],
  workload,
  contenders: libs
    .filter(([, lib]) => way !== 'pipeline' || typeof lib.pipeline === 'function')
    .map(([name, lib, stages]) => [name, { lib, stages }]),
  run: ({ lib, stages }, take, tally) => {
    const source = stages.source(workload.objectMode, workload.producer())
    const transform = stages.transform(workload.objectMode)
    const sink = stages.sink(workload.objectMode, take)
    return finishing([source, transform, sink], tally, () => connect(lib, source, transform, sink))
  }
})))
console.log(await measureThroughput(['workload', 'connected by'], cases))

// ---- memory: a fast producer into a slow consumer ----

const CHUNK = 64 * 1024
const MEMORY_BYTES = Number(process.env.BENCH_PIPE_MEMORY_BYTES) || 2 ** 30 / SHRINK
const CHUNKS = Math.ceil(MEMORY_BYTES / CHUNK)

/** The consumer's pace: one chunk per turn of these. */
const paces = [
  ['setImmediate', cb => setImmediate(cb)],
  ['setTimeout 0', cb => setTimeout(cb, 0)]
]

/**
 * Pipes CHUNKS fresh chunks through a Transform into a consumer completing one write per `pace` turn;
 * resolves to { buffered, rss, seconds } (peaks: bytes along the pipe, RSS growth) after checking that
 * every byte arrived, or to null after a FAIL line.
 */
/** The memory check's highWaterMark for every stage, the same for both libraries (Node 20 and 26 differ by default). */
const HWM = 64 * 1024

async function measureMemory (name, { Readable, Transform, Writable }, [paceName, pace]) {
  globalThis.gc?.()
  const rssBefore = process.memoryUsage.rss()
  const peak = { buffered: 0, rss: 0 }
  let made = 0
  let received = 0
  const sample = () => {
    const buffered = source.readableLength + transform.writableLength + transform.readableLength + sink.writableLength
    if (buffered > peak.buffered) peak.buffered = buffered
    const rss = process.memoryUsage.rss() - rssBefore
    if (rss > peak.rss) peak.rss = rss
  }
  const source = new Readable({
    highWaterMark: HWM,
    read () {
      while (made < CHUNKS) {
        made++
        if (!this.push(Buffer.alloc(CHUNK, made & 0xff))) return sample()
      }
      this.push(null)
    }
  })
  const transform = new Transform({ highWaterMark: HWM, transform: (chunk, encoding, cb) => cb(null, chunk) })
  const sink = new Writable({
    highWaterMark: HWM,
    write (chunk, encoding, cb) {
      received += chunk.length
      sample()
      pace(cb)
    }
  })
  const tally = { count: 0 }
  const progress = setInterval(() => { tally.count = received }, 1000)
  const start = process.hrtime.bigint()
  try {
    await finishing([source, transform, sink], tally, () => source.pipe(transform).pipe(sink))
  } catch (err) {
    return fail(`memory ${name} ${paceName}`, err.message) && null
  } finally {
    clearInterval(progress)
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  if (received !== CHUNKS * CHUNK) {
    return fail(`memory ${name} ${paceName}`, `got ${received} bytes, expected ${CHUNKS * CHUNK}`) && null
  }
  return { ...peak, seconds }
}

const memoryLibs = libs.filter(([name]) => name === 'node:stream' || name === 'highwater')
const MiB = 2 ** 20
// A first pass, not reported, so that neither contender pays for the heap growing after the throughput runs.
for (const [name, lib] of memoryLibs) await measureMemory(name, lib, paces[0])
const rows = []
for (const pace of paces) {
  for (const [name, lib] of memoryLibs) {
    const result = await measureMemory(name, lib, pace)
    rows.push([pace[0], name, ...(result === null
      ? ['FAIL', '-', '-']
      : [Math.round(result.buffered / 1024).toLocaleString('en-US'), (result.rss / MiB).toFixed(1), result.seconds.toFixed(1)])])
  }
}
console.log(`\nMemory: ${Math.round(CHUNKS * CHUNK / MiB).toLocaleString('en-US')} MiB in ${CHUNK / 1024} KiB chunks, ` +
  `source.pipe(transform).pipe(consumer of one chunk per turn), highWaterMark ${HWM / 1024} KiB on every side; ` +
  'RSS includes chunks not yet collected')
console.log(formatTable(['consumer pace', 'contender', 'peak buffered KiB', 'peak RSS growth MiB', 'seconds'], rows))
