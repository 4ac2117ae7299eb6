// JS→wasm calls per chunk in steady state, counted, not timed: every export of the façade's `core`
// object (js/platform/core.js) is wrapped in place with a counter before any stream is made, each
// path below moves WARMUP chunks, then CHUNKS more while counting, and the counts are divided by
// CHUNKS. Deterministic: the same code gives the same table on any machine. The budgets are issue
// 14's goals; this is a benchmark, not a gate (tests/calls.test.js checks the counter itself).
// Usage: node bench/calls.js [--json]
import { core, wasmExports } from '../js/platform/core.js'
import { __wbg_set_wasm as setWasm } from '../dist/wasm/highwater_bg.js'

/** Chunks counted per path, and chunks moved before counting starts. */
export const CHUNKS = 10_000
const WARMUP = 100

/** Calls per export of `core` since the last `resetCounts()`. */
const counts = new Map()
/** Every JS→wasm crossing since then: the raw exports under the glue, closures and allocator included. */
let crossings = 0
let wrapped = false

/**
 * Wraps every function of `core` with a counter, and hands the wasm-bindgen glue a copy of the
 * raw exports whose functions count crossings (once; later calls do nothing).
 */
export function installCounter () {
  if (wrapped) return
  wrapped = true
  for (const [name, fn] of Object.entries(core)) {
    if (typeof fn !== 'function') continue
    core[name] = function (...args) {
      counts.set(name, (counts.get(name) ?? 0) + 1)
      return fn.apply(this, args)
    }
  }
  const raw = {}
  for (const [name, value] of Object.entries(wasmExports)) {
    raw[name] = typeof value === 'function'
      ? (...args) => { crossings++; return value(...args) }
      : value
  }
  setWasm(raw)
}

export function resetCounts () {
  counts.clear()
  crossings = 0
}

/** The calls counted since the last reset, per export of `core`, and the raw crossings as `'*'`. */
export function takeCounts () {
  return new Map([...counts, ['*', crossings]])
}

const tick = () => new Promise(resolve => setImmediate(resolve))
const CHUNK = Buffer.alloc(64, 1)

/**
 * Runs `total` chunks through a path, calling `mark(i)` as chunk i arrives at the end of it; the
 * counter runs from chunk WARMUP to chunk WARMUP + CHUNKS. `start(mark, total, done, fail)` builds
 * the path; resolves with the counts.
 */
function window (start) {
  return new Promise((resolve, reject) => {
    let seen = 0
    let result = null
    const mark = () => {
      seen++
      if (seen === WARMUP) resetCounts()
      else if (seen === WARMUP + CHUNKS) result = takeCounts()
    }
    const done = () => (result ? resolve(result) : reject(new Error(`path ended after ${seen} chunks`)))
    Promise.resolve(start(mark, WARMUP + CHUNKS + WARMUP, done, reject)).catch(reject)
  })
}

/** The paths of issue 14's table: name, budget, and a function counting the calls of CHUNKS chunks. */
export function paths (hw) {
  const { Readable, Writable, PassThrough, Transform, pipeline } = hw
  return [
    {
      name: "push outside _read → 'data'",
      budget: 1,
      async run () {
        const r = new Readable({ read () {} })
        let n = 0
        r.on('data', () => n++)
        await tick()
        for (let i = 0; i < WARMUP; i++) r.push(CHUNK)
        resetCounts()
        for (let i = 0; i < CHUNKS; i++) r.push(CHUNK)
        const counted = takeCounts()
        await tick()
        if (n !== WARMUP + CHUNKS) throw new Error(`'data' ${n} times`)
        return counted
      }
    },
    {
      name: '_read pushes synchronously, flowing',
      budget: 1,
      run: () => window((mark, total, done) => {
        let i = 0
        const r = new Readable({ read () { this.push(i++ < total ? CHUNK : null) } })
        r.on('data', mark)
        r.on('end', done)
      })
    },
    {
      name: 'Writable.write, synchronous callback',
      budget: 1,
      async run () {
        let n = 0
        const w = new Writable({ write (chunk, encoding, cb) { n++; cb() } })
        for (let i = 0; i < WARMUP; i++) w.write(CHUNK)
        await tick()
        resetCounts()
        for (let i = 0; i < CHUNKS; i++) w.write(CHUNK)
        await tick()
        const counted = takeCounts()
        if (n !== WARMUP + CHUNKS) throw new Error(`_write ${n} times`)
        return counted
      }
    },
    {
      name: "PassThrough write → 'data'",
      budget: 2,
      async run () {
        const p = new PassThrough()
        let n = 0
        p.on('data', () => n++)
        await tick()
        for (let i = 0; i < WARMUP; i++) p.write(CHUNK)
        await tick()
        resetCounts()
        for (let i = 0; i < CHUNKS; i++) p.write(CHUNK)
        await tick()
        const counted = takeCounts()
        if (n !== WARMUP + CHUNKS) throw new Error(`'data' ${n} times`)
        return counted
      }
    },
    {
      name: 'pipeline Readable → Transform → Writable',
      budget: 4,
      run: () => window((mark, total, done, fail) => {
        let i = 0
        const source = new Readable({
          read () {
            while (i < total) { i++; if (!this.push(CHUNK)) return }
            this.push(null)
          }
        })
        const transform = new Transform({ transform: (chunk, encoding, cb) => cb(null, chunk) })
        const sink = new Writable({ write (chunk, encoding, cb) { mark(); cb() } })
        pipeline(source, transform, sink, err => (err ? fail(err) : done()))
      })
    },
    {
      name: 'Readable.toWeb read',
      budget: 1,
      run: () => window(async (mark, total, done) => {
        let i = 0
        const r = new Readable({ read () { this.push(i++ < total ? CHUNK : null) } })
        const reader = Readable.toWeb(r).getReader()
        for (;;) {
          const { done: over } = await reader.read()
          if (over) break
          mark()
        }
        done()
      })
    },
    {
      name: 'Readable.fromWeb chunk',
      budget: 1,
      run: () => window((mark, total, done) => {
        let i = 0
        const web = new ReadableStream({
          pull (controller) {
            if (i++ < total) controller.enqueue(CHUNK)
            else controller.close()
          }
        })
        const r = Readable.fromWeb(web)
        r.on('data', mark)
        r.on('end', done)
      })
    },
    {
      name: 'Writable.toWeb write',
      budget: 1,
      run: () => window(async (mark, total, done) => {
        const w = new Writable({ write (chunk, encoding, cb) { mark(); cb() } })
        const writer = Writable.toWeb(w).getWriter()
        for (let i = 0; i < total; i++) await writer.write(CHUNK)
        await writer.close()
        done()
      })
    }
  ]
}

/**
 * Counts every path: [{ name, budget, perChunk, crossings, top: [[export, per chunk], …] }];
 * `perChunk` counts calls through `core`, `crossings` every call into wasm (the same plus the web
 * adapters' closures and wasm-bindgen's own helpers).
 */
export async function measure (hw) {
  installCounter()
  const rows = []
  for (const path of paths(hw)) {
    const counted = await path.run()
    const raw = counted.get('*')
    counted.delete('*')
    let total = 0
    for (const n of counted.values()) total += n
    const top = [...counted].sort((a, b) => b[1] - a[1]).map(([name, n]) => [name, n / CHUNKS])
    rows.push({ name: path.name, budget: path.budget, perChunk: total / CHUNKS, crossings: raw / CHUNKS, top })
  }
  return rows
}

/** The table as text. */
export function format (rows) {
  const fixed = x => (Math.round(x * 100) / 100).toString()
  const lines = [
    '| path | core calls per chunk | all crossings per chunk | budget | exports (calls per chunk) |',
    '|---|---|---|---|---|'
  ]
  for (const row of rows) {
    const top = row.top.filter(([, n]) => n >= 0.01).map(([name, n]) => `${name} ${fixed(n)}`).join(', ')
    lines.push(`| ${row.name} | ${fixed(row.perChunk)} | ${fixed(row.crossings)} | ${row.budget} | ${top} |`)
  }
  return lines.join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  installCounter()
  const hw = await import('../js/index.js')
  const rows = await measure(hw)
  console.log(process.argv.includes('--json') ? JSON.stringify(rows, null, 2) : format(rows))
}
