// Transform throughput: Readable -> Transform -> Writable wired by hand ('data', write() === false ->
// pause, 'drain' -> resume, 'end' -> end()), for node:stream vs readable-stream vs streamx vs highwater,
// on 1,000,000 small objects, 1 GiB of 64 KiB chunks and 1,000,000 chunks of 16 bytes.
// Env: BENCH_RUNS (default 5) runs per case, BENCH_QUICK=1 for 10x smaller workloads.
// Run with `node --expose-gc bench/transform.js` to collect garbage between runs.
import * as nodeStream from 'node:stream'
import * as readableStream from 'readable-stream'
import * as streamx from 'streamx'
import { loadHighwater, measureThroughput, nodeLikeStages, streamxStages, transformWorkloads } from './lib.js'

const STALL_SECONDS = 10

const contenders = [
  ['node:stream', nodeLikeStages(nodeStream)],
  ['readable-stream', nodeLikeStages(readableStream)],
  ['streamx', streamxStages(streamx)]
]
const highwater = await loadHighwater()
if (highwater && (typeof highwater.Transform !== 'function' || typeof highwater.Writable !== 'function')) {
  console.log('note: highwater skipped, dist/highwater.mjs does not export Transform and Writable yet')
} else if (highwater) {
  contenders.push(['highwater', nodeLikeStages(highwater)])
}

const workloads = transformWorkloads()

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
