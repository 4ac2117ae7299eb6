/**
 * Leak check: creates, uses and destroys LEAK_STREAMS (1,000,000) streams of each kind (Readable,
 * Writable, Duplex, Transform, PassThrough), then drops LEAK_DROPPED (100,000) used streams
 * without destroying them, and prints after each round, against the baseline taken before:
 *   - wasm memory: the wasm Memory's byteLength (it never shrinks: it must stop growing),
 *   - live cores: handles in the core's table (must come back to the baseline),
 *   - JS heap: heapUsed after a full GC (must come back near the baseline).
 * The run fails (exit code 1) when live cores stay above the baseline or wasm memory still grows
 * in the last rounds.
 *
 * It loads js/index.js with js/platform/core.js, the same wasm instance, to read the core's figures
 * (hw_live_streams, hw_memory_bytes).
 *
 * Run: node --expose-gc bench/leak.js   (LEAK_STREAMS=100000 for a short run)
 */
import { pathToFileURL } from 'node:url'
import { core } from '../js/platform/core.js'
import * as hw from '../js/index.js'

const MiB = 2 ** 20

/** One stream of each kind, created, used and (when `destroy`) destroyed. */
export const kinds = {
  Readable (destroy) {
    const stream = new hw.Readable({ read () {} })
    stream.push('abc')
    stream.read(1)
    if (destroy) stream.destroy()
    return stream
  },
  Writable (destroy) {
    const stream = new hw.Writable({ write (chunk, encoding, cb) { cb() } })
    stream.write('abc')
    stream.write('def') // buffered while the first is written
    if (destroy) stream.destroy()
    return stream
  },
  Duplex (destroy) {
    const stream = new hw.Duplex({ read () {}, write (chunk, encoding, cb) { cb() } })
    stream.write('abc')
    stream.push('def')
    stream.read()
    if (destroy) stream.destroy()
    return stream
  },
  Transform (destroy) {
    const stream = new hw.Transform({ transform (chunk, encoding, cb) { cb(null, chunk) } })
    stream.write('abc')
    stream.read()
    if (destroy) stream.destroy()
    return stream
  },
  PassThrough (destroy) {
    const stream = new hw.PassThrough()
    stream.write('abc')
    stream.write('def')
    stream.read(2)
    if (destroy) stream.destroy()
    return stream
  }
}

/** Full GC, time for the FinalizationRegistry's callbacks, full GC again, until nothing changes. */
export async function settle () {
  let live = -1
  for (let i = 0; i < 20 && live !== core.hw_live_streams(); i++) {
    live = core.hw_live_streams()
    globalThis.gc()
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  globalThis.gc()
}

/** The three figures. */
export function figures () {
  return { wasm: core.hw_memory_bytes(), live: core.hw_live_streams(), heap: process.memoryUsage().heapUsed }
}

/**
 * Makes `count` streams with `make`, `batch` at a time, letting their ticks run between batches;
 * returns the most cores live after a batch's ticks (before any GC).
 */
export async function churn (make, count, batch, keep = null) {
  let peak = 0
  for (let done = 0; done < count; done += batch) {
    for (let i = 0; i < Math.min(batch, count - done); i++) {
      const stream = make()
      if (keep) keep.push(stream)
    }
    await new Promise((resolve) => setImmediate(resolve))
    peak = Math.max(peak, core.hw_live_streams())
  }
  return peak
}

async function main () {
  if (typeof globalThis.gc !== 'function') {
    console.log('run with --expose-gc')
    process.exit(1)
  }
  const total = Number(process.env.LEAK_STREAMS ?? 1_000_000)
  const dropped = Number(process.env.LEAK_DROPPED ?? 100_000)
  const batch = Number(process.env.LEAK_BATCH ?? 10_000)
  const rounds = 5
  const perRound = Math.ceil(total / rounds)
  const fmt = (f, base) => `wasm ${(f.wasm / MiB).toFixed(2)} MiB (${sign((f.wasm - base.wasm) / MiB)}), ` +
    `live cores ${f.live} (${sign(f.live - base.live, 0)}), JS heap ${(f.heap / MiB).toFixed(1)} MiB (${sign((f.heap - base.heap) / MiB, 1)})`
  const sign = (x, digits = 2) => (x >= 0 ? '+' : '') + x.toFixed(digits)

  // Warm up (JIT, the table's first slots) before the baseline.
  for (const make of Object.values(kinds)) await churn(() => make(true), batch, batch)
  await settle()
  const base = figures()
  console.log(`baseline: ${fmt(base, base)}`)
  const failures = []
  /** The wasm memory must not grow once a phase's first round has run. */
  const checkFlat = (phase, first, last) => {
    if (last > first) failures.push(`${phase}: wasm memory grew from ${first / MiB} to ${last / MiB} MiB after the first round`)
  }

  for (const [name, make] of Object.entries(kinds)) {
    const started = Date.now()
    let first
    for (let round = 1; round <= rounds; round++) {
      const peak = await churn(() => make(true), perRound, batch)
      await settle()
      const f = figures()
      first ??= f.wasm
      console.log(`${name.padEnd(11)} ${String(round * perRound).padStart(9)} destroyed: ${fmt(f, base)}; peak live cores between GCs ${peak}`)
      if (f.live > base.live) failures.push(`${name}: ${f.live - base.live} cores still live after round ${round}`)
      if (round === rounds) checkFlat(name, first, f.wasm)
    }
    console.log(`${name.padEnd(11)} ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }

  let first
  for (let round = 1; round <= 2; round++) {
    const kept = []
    const makers = Object.values(kinds)
    await churn(() => makers[kept.length % makers.length](false), dropped, batch, kept)
    const held = figures()
    console.log(`dropped     ${String(dropped).padStart(9)} held:      ${fmt(held, base)}`)
    kept.length = 0
    await settle()
    const f = figures()
    first ??= f.wasm
    console.log(`dropped     ${String(dropped).padStart(9)} collected: ${fmt(f, base)}`)
    if (f.live > base.live) failures.push(`dropped: ${f.live - base.live} cores still live after GC (round ${round})`)
    if (round === 2) checkFlat('dropped', first, f.wasm)
  }
  for (const failure of failures) console.log(`FAIL ${failure}`)
  if (failures.length) process.exitCode = 1
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main()
