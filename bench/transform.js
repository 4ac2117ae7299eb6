// Transform throughput: Readable -> Transform -> Writable wired by hand ('data', write() === false ->
// pause, 'drain' -> resume, 'end' -> end()), for node:stream vs readable-stream vs streamx vs highwater,
// on 1,000,000 small objects, 1 GiB of 64 KiB chunks and 1,000,000 chunks of 16 bytes.
// Env: BENCH_RUNS (default 5) runs per case, BENCH_QUICK=1 for 10x smaller workloads.
// Run with `node --expose-gc bench/transform.js` to collect garbage between runs.
import * as nodeStream from 'node:stream'
import * as readableStream from 'readable-stream'
import * as streamx from 'streamx'
import { loadHighwater, measureThroughput, nodeLikeStages, streamxStages, transformWorkloads } from './lib.js'

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

const cases = workloads.map(workload => ({
  cells: [workload.name],
  workload,
  contenders,
  run: (contender, take, tally) => contender.chain(workload, take, tally)
}))
console.log(await measureThroughput(['workload'], cases))
