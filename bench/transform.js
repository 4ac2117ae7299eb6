// Transform throughput: Readable -> Transform -> Writable wired by hand ('data', write() === false ->
// pause, 'drain' -> resume, 'end' -> end()), for node:stream vs readable-stream vs streamx vs highwater,
// on 1,000,000 small objects, 1 GiB of 64 KiB chunks and 1,000,000 chunks of 16 bytes.
// Env: BENCH_RUNS (default 5) runs per case, BENCH_QUICK=1 for 10x smaller workloads.
// Run with `node --expose-gc bench/transform.js` to collect garbage between runs.
import { existsSync } from 'node:fs'
import * as nodeStream from 'node:stream'
import * as readableStream from 'readable-stream'
import * as streamx from 'streamx'
import { median, timeIt, formatTable } from './lib.js'

const RUNS = Number(process.env.BENCH_RUNS) || 5
const SHRINK = process.env.BENCH_QUICK === '1' ? 10 : 1
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
const highwaterBuild = new URL('../dist/highwater.mjs', import.meta.url)
const highwater = existsSync(highwaterBuild) ? await import(highwaterBuild) : null
if (!highwater) {
  console.log('note: highwater skipped, dist/highwater.mjs not found (run `npm run build`)')
} else if (typeof highwater.Transform !== 'function' || typeof highwater.Writable !== 'function') {
  console.log('note: highwater skipped, dist/highwater.mjs does not export Transform and Writable yet')
} else {
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
  {
    name: 'objects',
    unit: 'objects/s',
    amount: objectCount,
    objectMode: true,
    expected: { count: objectCount, sum: objectCount * (objectCount - 1) / 2 },
    producer () {
      let i = 0
      return () => i < objectCount ? { i: i++ } : null
    },
    take: (tally, object) => { tally.count++; tally.sum += object.i }
  },
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

const seconds = new Map() // "workload index/contender" -> seconds per run, or null after a failure
let failed = false

console.log(`Node ${process.version}, ${RUNS} runs per case${SHRINK > 1 ? ', BENCH_QUICK sizes' : ''}` +
  `${globalThis.gc ? '' : ', no --expose-gc'}`)
for (let round = 0; round < RUNS; round++) {
  // Rotate the contender order each round so machine noise spreads over all of them.
  const order = contenders.map((_, k) => contenders[(k + round) % contenders.length])
  for (const [index, workload] of workloads.entries()) {
    for (const [name, contender] of order) {
      const key = `${index}/${name}`
      if (seconds.get(key) === null) continue
      const tally = { count: 0, sum: 0 }
      let error = null
      const time = await timeIt(() => wire(
        contender.source(workload.objectMode, workload.producer()),
        contender.transform(workload.objectMode),
        contender.sink(workload.objectMode, data => workload.take(tally, data)),
        tally
      )).catch(err => { error = err })
      const { count, sum } = workload.expected
      if (error || tally.count !== count || tally.sum !== sum) {
        console.log(`FAIL ${name} ${workload.name}: ` +
          (error ? error.message : `got count ${tally.count} sum ${tally.sum}, expected count ${count} sum ${sum}`))
        seconds.set(key, null)
        failed = true
        continue
      }
      seconds.set(key, [...(seconds.get(key) ?? []), time])
    }
  }
}

const rows = []
for (const [index, workload] of workloads.entries()) {
  const throughput = name => {
    const runs = seconds.get(`${index}/${name}`)
    return runs ? workload.amount / median(runs) : null
  }
  const baseline = throughput('node:stream')
  for (const [name] of contenders) {
    const value = throughput(name)
    rows.push([workload.name, name,
      value === null ? 'FAIL' : Math.round(value).toLocaleString('en-US'), workload.unit,
      value === null || baseline === null ? '-' : `${(value / baseline).toFixed(2)}x`])
  }
}
console.log(formatTable(['workload', 'contender', 'median', 'unit', 'vs node:stream'], rows))
if (failed) process.exitCode = 1
