// Transform throughput: Readable -> Transform -> Writable wired by hand ('data', write() === false ->
// pause, 'drain' -> resume, 'end' -> end()), for node:stream vs readable-stream vs streamx vs highwater,
// on 1,000,000 small objects, 1 GiB of 64 KiB chunks and 1,000,000 chunks of 16 bytes.
// Env: BENCH_RUNS (default 5) runs per case, BENCH_QUICK=1 for 10x smaller workloads.
// Run with `node --expose-gc bench/transform.js` to collect garbage between runs.
import * as nodeStream from 'node:stream'
import * as readableStream from 'readable-stream'
import * as streamx from 'streamx'
import { SHRINK, loadHighwater, objectsWorkload, measureThroughput } from './lib.js'

const STALL_SECONDS = 10

/** Streams with node:stream's API: options.read/transform/write, objectMode for the objects workload. */
function nodeLike ({ Readable, Transform, Writable }) {
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
const streamxContender = {
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

const contenders = [
  ['node:stream', nodeLike(nodeStream)],
  ['readable-stream', nodeLike(readableStream)],
  ['streamx', streamxContender]
]
const highwater = await loadHighwater()
if (highwater && (typeof highwater.Transform !== 'function' || typeof highwater.Writable !== 'function')) {
  console.log('note: highwater skipped, dist/highwater.mjs does not export Transform and Writable yet')
} else if (highwater) {
  contenders.push(['highwater', nodeLike(highwater)])
}

/** A workload sending `count` copies of one byte chunk of `size` bytes. */
function bytesWorkload (name, size, count, unit, amount) {
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

const objectCount = 1_000_000 / SHRINK
const bigChunks = Math.floor(16384 / SHRINK) // 16384 x 64 KiB = 1 GiB
const smallChunks = 1_000_000 / SHRINK
const workloads = [
  objectsWorkload(objectCount),
  bytesWorkload('64 KiB chunks', 64 * 1024, bigChunks, 'MiB/s', bigChunks * 64 / 1024),
  bytesWorkload('16 B chunks', 16, smallChunks, 'chunks/s', smallChunks)
]

/**
 * Pipes source -> transform -> sink by hand with backpressure; resolves on the sink's 'finish', rejects
 * on any 'error' or when `tally.count` stops moving for STALL_SECONDS before the finish.
 */
function wire (source, transform, sink, tally) {
  return new Promise((resolve, reject) => {
    const settle = settler => value => { clearInterval(watchdog); settler(value) }
    let seen = -1
    const watchdog = setInterval(() => {
      if (tally.count === seen) settle(reject)(new Error(`stalled for ${STALL_SECONDS}s at count ${seen}`))
      seen = tally.count
    }, STALL_SECONDS * 1000)
    for (const stream of [source, transform, sink]) stream.on('error', settle(reject))
    source.on('data', chunk => { if (!transform.write(chunk)) source.pause() })
    transform.on('drain', () => source.resume())
    source.on('end', () => transform.end())
    transform.on('data', chunk => { if (!sink.write(chunk)) transform.pause() })
    sink.on('drain', () => transform.resume())
    transform.on('end', () => sink.end())
    sink.on('finish', settle(resolve))
  })
}

const cases = workloads.map(workload => ({
  cells: [workload.name],
  workload,
  contenders,
  run: (contender, take, tally) => wire(
    contender.source(workload.objectMode, workload.producer()),
    contender.transform(workload.objectMode),
    contender.sink(workload.objectMode, take),
    tally
  )
}))
console.log(await measureThroughput(['workload'], cases))
