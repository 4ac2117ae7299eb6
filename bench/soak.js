/**
 * Soak: pushes SOAK_GIB (10 by default) GiB through a bridged pipeline with a slow consumer and
 * prints, per window of SOAK_WINDOW_MIB (512) MiB, the peak RSS growth over the start and the
 * peak number of bytes in flight (produced and not yet consumed: every buffer of the pipeline).
 * Both must stay flat after warm-up; the run fails when data is lost, reordered or duplicated.
 *
 *   highwater Readable → Readable.toWeb → pipeThrough(TransformStream) → Readable.fromWeb
 *     → highwater Writable (each write's callback waits for setImmediate; every
 *       SOAK_PAUSE_EVERY-th write waits SOAK_PAUSE_MS ms more)
 *
 * Run: node --expose-gc bench/soak.js   (SOAK_GIB=1 for a short run)
 */
import { loadHighwater } from './lib.js'

const hw = await loadHighwater()
if (!hw) process.exit(0)
const { Readable, Writable, pipeline } = hw

const MiB = 2 ** 20
const total = Math.round(Number(process.env.SOAK_GIB ?? 10) * 1024 * MiB)
const chunkSize = Number(process.env.SOAK_CHUNK_KIB ?? 64) * 1024
const window = Number(process.env.SOAK_WINDOW_MIB ?? 512) * MiB
const pauseEvery = Number(process.env.SOAK_PAUSE_EVERY ?? 16)
const pauseMs = Number(process.env.SOAK_PAUSE_MS ?? 1)
const chunks = Math.ceil(total / chunkSize)

/** Stops the run at the first sign of lost or damaged data. */
function fail (why) {
  console.log(`FAIL soak: ${why}`)
  process.exit(1)
}

globalThis.gc?.()
const startRss = process.memoryUsage.rss()
const started = Date.now()

let produced = 0 // bytes pushed by the source
let consumed = 0 // bytes whose write callback came
let peakInFlight = 0
let peakRss = 0
const rows = []

/** Chunk `i`: fresh memory, numbered in its first 8 bytes so that the sink can check the order. */
function chunk (i) {
  const size = Math.min(chunkSize, total - i * chunkSize)
  const buf = Buffer.allocUnsafe(size)
  buf.fill(i & 0xff)
  if (size >= 8) buf.writeDoubleLE(i, 0)
  return buf
}

let next = 0
const source = new Readable({
  read () {
    while (next < chunks) {
      const buf = chunk(next++)
      produced += buf.length
      if (produced - consumed > peakInFlight) peakInFlight = produced - consumed
      if (!this.push(buf)) return
    }
    this.push(null)
  }
})

const web = Readable.toWeb(source).pipeThrough(new TransformStream({
  transform (data, controller) { controller.enqueue(data) }
}))

let expected = 0 // the number the next chunk's first 8 bytes must carry
let carry = null // the front of a chunk split across writes
let written = 0
let windowEnd = window
const sink = new Writable({
  write (data, encoding, callback) {
    check(data)
    written++
    const done = () => {
      consumed += data.length
      sample()
      callback()
    }
    if (pauseEvery > 0 && written % pauseEvery === 0) setTimeout(done, pauseMs)
    else setImmediate(done)
  }
})

/** Checks the numbering of the bytes that arrived (the bridge may split or join chunks). */
function check (data) {
  let bytes = carry ? Buffer.concat([carry, data]) : data
  carry = null
  while (bytes.length > 0) {
    const size = Math.min(chunkSize, total - expected * chunkSize)
    if (bytes.length < size) {
      carry = bytes
      return
    }
    if (size >= 8 && bytes.readDoubleLE(0) !== expected) fail(`chunk ${expected} arrived as ${bytes.readDoubleLE(0)}`)
    if (bytes[size - 1] !== (expected & 0xff)) fail(`chunk ${expected} ends with the wrong byte`)
    expected++
    bytes = bytes.subarray(size)
  }
}

/** Tracks the peaks; prints a row at the end of each window. */
function sample () {
  const rss = process.memoryUsage.rss()
  if (rss > peakRss) peakRss = rss
  if (consumed >= windowEnd || consumed === total) {
    const row = {
      window: rows.length + 1,
      doneGiB: (consumed / 1024 / MiB).toFixed(2),
      peakRssGrowthMiB: ((peakRss - startRss) / MiB).toFixed(1),
      peakInFlightKiB: (peakInFlight / 1024).toFixed(0),
      MiBps: (consumed / MiB / ((Date.now() - started) / 1000)).toFixed(0)
    }
    rows.push(row)
    console.log(Object.entries(row).map(([k, v]) => `${k} ${v}`).join('  '))
    peakRss = 0
    peakInFlight = 0
    windowEnd += window
  }
}

console.log(`soak: ${(total / 1024 / MiB).toFixed(2)} GiB in ${chunkSize / 1024} KiB chunks, window ${window / MiB} MiB, start RSS ${(startRss / MiB).toFixed(1)} MiB`)
pipeline(Readable.fromWeb(web), sink, (err) => {
  if (err) fail(`pipeline failed: ${err.stack}`)
  if (consumed !== total || expected !== chunks || carry) fail(`${consumed} of ${total} bytes arrived`)
  // Flat: after the first two windows (warm-up), no window's peaks exceed the warm-up's by much.
  const warm = rows.slice(0, 2)
  const rest = rows.slice(2)
  const max = (list, key) => Math.max(...list.map((row) => Number(row[key])))
  if (rest.length > 0) {
    console.log(`after warm-up: peak RSS growth ${max(rest, 'peakRssGrowthMiB')} MiB (warm-up ${max(warm, 'peakRssGrowthMiB')}), ` +
      `peak in flight ${max(rest, 'peakInFlightKiB')} KiB (warm-up ${max(warm, 'peakInFlightKiB')})`)
  }
  console.log(`soak: ${(total / 1024 / MiB).toFixed(2)} GiB in ${((Date.now() - started) / 1000).toFixed(1)} s, all bytes in order`)
})
