// Readable throughput: node:stream vs readable-stream vs streamx vs highwater, consumed by a
// 'data' listener and by `for await`, on 1,000,000 small objects and on 1 GiB of 64 KiB chunks.
// Env: BENCH_RUNS (default 5) runs per case, BENCH_QUICK=1 for 10x smaller workloads.
// Run with `node --expose-gc bench/readable.js` to collect garbage between runs.
import * as nodeStream from 'node:stream'
import * as readableStream from 'readable-stream'
import * as streamx from 'streamx'
import { SHRINK, loadHighwater, measureThroughput } from './lib.js'

const CHUNK = Buffer.alloc(64 * 1024, 1)

/** A Readable with node:stream's API (options.read, push returns false at the high-water mark). */
function nodeLike (Readable) {
  return {
    objects (n) {
      let i = 0
      return new Readable({
        objectMode: true,
        read () {
          while (i < n) if (!this.push({ i: i++ })) return
          this.push(null)
        }
      })
    },
    bytes (chunks) {
      let left = chunks
      return new Readable({
        read () {
          while (left > 0) { left--; if (!this.push(CHUNK)) return }
          this.push(null)
        }
      })
    }
  }
}

// streamx has no object mode: with its defaults an object counts 1024 of 16384 buffered bytes, i.e.
// 16 objects, the same as node's objectMode default. Its read(cb) signals the end of a read call by cb().
const streamxContender = {
  objects (n) {
    let i = 0
    return new streamx.Readable({
      read (cb) {
        while (i < n) if (!this.push({ i: i++ })) return cb()
        this.push(null)
        cb()
      }
    })
  },
  bytes (chunks) {
    let left = chunks
    return new streamx.Readable({
      read (cb) {
        while (left > 0) { left--; if (!this.push(CHUNK)) return cb() }
        this.push(null)
        cb()
      }
    })
  }
}

const contenders = [
  ['node:stream', nodeLike(nodeStream.Readable)],
  ['readable-stream', nodeLike(readableStream.Readable)],
  ['streamx', streamxContender]
]
const highwater = await loadHighwater()
if (highwater) contenders.push(['highwater', nodeLike(highwater.Readable)])

const objectCount = 1_000_000 / SHRINK
const chunkCount = Math.floor(16384 / SHRINK) // 16384 x 64 KiB = 1 GiB
const workloads = [
  {
    name: 'objects',
    unit: 'objects/s',
    amount: objectCount,
    expected: { count: objectCount, sum: objectCount * (objectCount - 1) / 2 },
    make: contender => contender.objects(objectCount),
    take: (tally, object) => { tally.count++; tally.sum += object.i }
  },
  {
    name: 'bytes',
    unit: 'MiB/s',
    amount: chunkCount * CHUNK.length / 2 ** 20,
    expected: { count: chunkCount * CHUNK.length, sum: 0 },
    make: contender => contender.bytes(chunkCount),
    take: (tally, chunk) => { tally.count += chunk.length }
  }
]

const consumers = {
  data: (stream, take) => new Promise((resolve, reject) => {
    stream.on('data', take)
    stream.on('end', resolve)
    stream.on('error', reject)
  }),
  'for await': async (stream, take) => {
    for await (const chunk of stream) take(chunk)
  }
}

const cases = workloads.flatMap(workload => Object.entries(consumers).map(([consumerName, consume]) => ({
  cells: [workload.name, consumerName],
  workload,
  contenders,
  run: (contender, take) => consume(workload.make(contender), take)
})))
console.log(await measureThroughput(['workload', 'consumer'], cases))
