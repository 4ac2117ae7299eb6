// The browser bench's page side: `runBench(config)` times the chain source -> map Transform -> sink
// for the contenders that the other bundles of the page registered in globalThis.benchContenders
// (highwater, readable-stream with its polyfills, streamx) and for native Web Streams, checks every
// run delivered all data, and resolves to { text, goals, failures }. Base of the ratios and goals:
// readable-stream (node:stream's code, as a browser app gets it); a second column is against native
// Web Streams.
import {
  chunksWorkload, formatTable, latency, machineNoise, median, objectsWorkload, spread, throughputRows, timeCases, webStages
} from '../shared.js'

const BASE = 'readable-stream'
const ORDER = ['readable-stream', 'streamx', 'web streams', 'highwater']

globalThis.runBench = async function runBench ({ runs, objects, smallChunks, bigChunks, trips, blockSeconds, only }) {
  const failures = []
  const fail = (what, why) => { failures.push(`FAIL ${what}: ${why}`); return false }
  const now = () => performance.now() / 1000
  const registered = { ...globalThis.benchContenders, 'web streams': webStages() }
  const contenders = ORDER.filter(name => registered[name]).map(name => [name, registered[name]])
  const goals = []
  const out = [`${navigator.userAgent.match(/(Headless)?Chrom(e|ium)\/[\d.]+/)?.[0] ?? navigator.userAgent}, ` +
    `${runs} rounds after 1 warm-up round, ${navigator.hardwareConcurrency} CPUs, no garbage collection between runs`]
  const steady = await machineNoise(now)
  out.push(`machine noise: a fixed ${steady.ms} ms loop timed 21 times varies by ${steady.spread} (slowest - fastest) / median`)

  if (only.includes('chains')) {
    const workloads = [
      [objectsWorkload(objects), 1.3],
      [chunksWorkload('16 B chunks', new Uint8Array(16).fill(1), smallChunks, 'chunks/s', smallChunks), 1.0],
      [chunksWorkload('64 KiB chunks', new Uint8Array(64 * 1024).fill(1), bigChunks, 'MiB/s', bigChunks / 16), 1.0]
    ]
    const cases = workloads.map(([workload, goal]) => ({
      cells: [workload.name], workload, contenders, goal, run: (stages, take, tally) => stages.chain(workload, take, tally)
    }))
    out.push('', `1. source -> map Transform -> sink: ${objects.toLocaleString('en-US')} objects, ` +
      `${smallChunks.toLocaleString('en-US')} chunks of 16 B, ${(bigChunks / 16).toLocaleString('en-US')} MiB in ` +
      '64 KiB chunks (Uint8Array); web streams: ReadableStream -> pipeThrough(TransformStream) -> pipeTo(WritableStream)')
    const seconds = await timeCases(cases, { runs, warmup: 1, now, fail })
    const rows = throughputRows(cases, seconds, [BASE, 'web streams'], 'highwater')
    out.push(formatTable(['workload', 'contender', 'median', 'unit', 'spread', `vs ${BASE}`, 'vs web streams', 'goal', ''], rows))
    for (const row of rows.filter(row => row[1] === 'highwater')) goals.push({ what: `chain ${row[0]}`, goal: row[7], ratio: row[5], met: row[8] })
  }

  if (only.includes('latency')) {
    out.push('', `2. Latency of one object through the idle chain: the page's clock moves in 100 µs steps, so round ` +
      `trips are timed in blocks of at least ${blockSeconds * 1000} ms (block size per contender from a warm-up ` +
      `round), at least ${trips.toLocaleString('en-US')} trips and 20 blocks per round; median block, median of ${runs} rounds`)
    const perRound = new Map(contenders.map(([name]) => [name, []]))
    const blocks = new Map()
    const measure = async (name, stages, want, block) => {
      const result = await latency(stages, want, block, now).catch(error => fail(`${name} latency`, error.message) && null)
      if (result && result.delivered !== want) fail(`${name} latency`, `delivered ${result.delivered} of ${want} chunks`)
      if (!result || result.delivered !== want) perRound.set(name, null)
      return result
    }
    for (const [name, stages] of contenders) {
      const warm = await measure(name, stages, 2000, 2000)
      if (warm) blocks.set(name, Math.max(1, Math.ceil(blockSeconds / Math.max(warm.seconds, 1e-9))))
    }
    for (let round = 0; round < runs; round++) {
      for (const [name, stages] of contenders.map((_, k) => contenders[(k + round) % contenders.length])) {
        if (perRound.get(name) === null) continue
        const block = blocks.get(name)
        const result = await measure(name, stages, Math.max(trips, 20 * block), block)
        if (result && perRound.get(name)) perRound.get(name).push(result.seconds)
      }
    }
    const value = name => perRound.get(name) ? median(perRound.get(name)) : null
    const rows = contenders.map(([name]) => {
      const ratio = base => value(name) && value(base) ? value(name) / value(base) : null
      const cell = ratio => ratio === null ? '-' : `${ratio.toFixed(2)}x`
      const goalCells = name === 'highwater'
        ? ['≤ 1.0x', ratio(BASE) === null ? 'FAIL' : ratio(BASE) <= 1 ? 'met' : 'MISSED']
        : ['', '']
      return [name, value(name) ? (value(name) * 1e6).toFixed(2) : 'FAIL', 'µs', spread(perRound.get(name)),
        cell(ratio(BASE)), cell(ratio('web streams')), ...goalCells]
    })
    out.push(formatTable(['contender', 'median', 'unit', 'spread', `time vs ${BASE}`, 'time vs web streams', 'goal', ''], rows))
    const own = rows.find(row => row[0] === 'highwater')
    if (own) goals.push({ what: 'latency, 3 idle stages (time)', goal: own[6], ratio: own[4], met: own[7] })
  }
  const after = await machineNoise(now)
  out.push('', `at the end: the fixed loop ${after.ms} ms, varying by ${after.spread}`)
  return { text: out.join('\n'), goals, failures }
}
