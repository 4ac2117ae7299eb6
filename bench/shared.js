// What the benches share that also runs in a browser page (bench/browser/page.js): workloads, the
// stages of source -> map Transform -> sink for each library, the hand wiring with backpressure, the
// one-chunk latency probe and the timing loop. No Node built-in is imported here; Node-only helpers
// (env settings, loading the build) are in lib.js, which re-exports these.

/** How long a run may go without progress before it fails as stalled. */
export const STALL_SECONDS = 10

/** Middle value of a list of numbers (mean of the two middle ones for an even count). */
export function median (values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** A workload sending the objects { i: 0 } to { i: count - 1 }, checked by their count and the sum of i. */
export function objectsWorkload (count) {
  return {
    name: 'objects',
    unit: 'objects/s',
    amount: count,
    objectMode: true,
    expected: { count, sum: count * (count - 1) / 2 },
    producer () {
      let i = 0
      return () => i < count ? { i: i++ } : null
    },
    take: (tally, object) => { tally.count++; tally.sum += object.i }
  }
}

/** A workload sending `count` times the byte chunk `chunk` (a Buffer or a Uint8Array), checked by the bytes received. */
export function chunksWorkload (name, chunk, count, unit, amount) {
  return {
    name,
    unit,
    amount,
    objectMode: false,
    expected: { count: chunk.byteLength * count, sum: 0 },
    producer () {
      let left = count
      return () => left-- > 0 ? chunk : null
    },
    take: (tally, data) => { tally.count += data.byteLength }
  }
}

/**
 * Resolves on the last stage's 'finish'; rejects on an 'error' of any stage or when `tally.count`
 * stops moving for STALL_SECONDS before the finish. `start()` connects the stages.
 */
export function finishing (stages, tally, start) {
  return new Promise((resolve, reject) => {
    const settle = settler => value => { clearInterval(watchdog); settler(value) }
    let seen = -1
    const watchdog = setInterval(() => {
      if (tally.count === seen) settle(reject)(new Error(`stalled for ${STALL_SECONDS}s at count ${seen}`))
      seen = tally.count
    }, STALL_SECONDS * 1000)
    for (const stage of stages) stage.on('error', settle(reject))
    stages.at(-1).on('finish', settle(resolve))
    start()
  })
}

/**
 * Pipes source -> transform -> sink by hand with backpressure ('data', write() === false -> pause,
 * 'drain' -> resume, 'end' -> end()), under `finishing`'s watch.
 */
export function wire (source, transform, sink, tally) {
  return finishing([source, transform, sink], tally, () => {
    source.on('data', chunk => { if (!transform.write(chunk)) source.pause() })
    transform.on('drain', () => source.resume())
    source.on('end', () => transform.end())
    transform.on('data', chunk => { if (!sink.write(chunk)) transform.pause() })
    sink.on('drain', () => transform.resume())
    transform.on('end', () => sink.end())
  })
}

/** `promise`, or a rejection once `progress()` has not moved for STALL_SECONDS. */
export function guard (promise, progress) {
  let seen = progress()
  let watchdog
  const stalled = new Promise((resolve, reject) => {
    watchdog = setInterval(() => {
      if (progress() === seen) reject(new Error(`stalled for ${STALL_SECONDS}s at ${seen}`))
      seen = progress()
    }, STALL_SECONDS * 1000)
  })
  return Promise.race([promise, stalled]).finally(() => clearInterval(watchdog))
}

const mapObject = chunk => ({ i: chunk.i })

/**
 * Source, map Transform and sink with node:stream's API (options.read/transform/write), objectMode
 * for objects; `chain` wires them by hand (wire) and `idle` builds the chain for the latency probe,
 * a source whose read() does nothing, fed by push() from outside.
 */
export function nodeLikeStages ({ Readable, Transform, Writable }) {
  const stages = {
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
        ? (chunk, encoding, callback) => callback(null, mapObject(chunk))
        : (chunk, encoding, callback) => callback(null, chunk)
    }),
    sink: (objectMode, take) => new Writable({
      objectMode,
      write (chunk, encoding, callback) { take(chunk); callback() }
    }),
    chain: (workload, take, tally) => wire(stages.source(workload.objectMode, workload.producer()),
      stages.transform(workload.objectMode), stages.sink(workload.objectMode, take), tally),
    idle (take, tally) {
      const source = new Readable({ objectMode: true, read () {} })
      const done = wire(source, stages.transform(true), stages.sink(true, take), tally)
      return { send: chunk => source.push(chunk), end: () => { source.push(null); return done } }
    }
  }
  return stages
}

// streamx has no object mode: with its defaults an object counts 1024 of 16384 buffered bytes, i.e.
// 16 objects, the same as node's objectMode default. Its read(cb) signals the end of a read call by cb().
/** The same three stages from the streamx module. */
export function streamxStages (streamx) {
  const stages = {
    source: (objectMode, next) => new streamx.Readable({
      read (cb) {
        for (let chunk = next(); chunk !== null; chunk = next()) if (!this.push(chunk)) return cb()
        this.push(null)
        cb()
      }
    }),
    transform: objectMode => new streamx.Transform({
      transform: objectMode
        ? (data, cb) => cb(null, mapObject(data))
        : (data, cb) => cb(null, data)
    }),
    sink: (objectMode, take) => new streamx.Writable({
      write (data, cb) { take(data); cb(null) }
    }),
    chain: (workload, take, tally) => wire(stages.source(workload.objectMode, workload.producer()),
      stages.transform(workload.objectMode), stages.sink(workload.objectMode, take), tally),
    idle (take, tally) {
      const source = new streamx.Readable({ read (cb) { cb(null) } })
      const done = wire(source, stages.transform(true), stages.sink(true, take), tally)
      return { send: chunk => source.push(chunk), end: () => { source.push(null); return done } }
    }
  }
  return stages
}

// minipass has no _read or _write to implement: a stream is a buffer that anyone writes to, and it
// passes data on synchronously by default (its documented default, kept here). The source is written
// to from outside while write() returns true (then it waits for 'drain'), the map stage is a subclass
// whose write() maps, and the sink is a stream consumed by a 'data' listener; they are connected by
// minipass's own pipe().
/** Source, map stage and sink from the minipass module's Minipass class. */
export function minipassStages (Minipass) {
  class MapObjects extends Minipass {
    write (chunk, encoding, cb) { return super.write(mapObject(chunk), encoding, cb) }
  }
  const build = (objectMode, take) => {
    const source = new Minipass({ objectMode })
    const transform = objectMode ? new MapObjects({ objectMode }) : new Minipass()
    const sink = new Minipass({ objectMode })
    sink.on('data', take)
    const done = new Promise((resolve, reject) => {
      for (const stream of [source, transform, sink]) stream.on('error', reject)
      sink.on('end', resolve)
    })
    source.pipe(transform).pipe(sink)
    return { source, done }
  }
  return {
    chain (workload, take, tally) {
      const { source, done } = build(workload.objectMode, take)
      const next = workload.producer()
      const feed = () => {
        for (let chunk = next(); chunk !== null; chunk = next()) if (!source.write(chunk)) return source.once('drain', feed)
        source.end()
      }
      feed()
      return guard(done, () => tally.count)
    },
    idle (take, tally) {
      const { source, done } = build(true, take)
      return { send: chunk => source.write(chunk), end: () => { source.end(); return guard(done, () => tally.count) } }
    }
  }
}

/**
 * The same chain in WHATWG Web Streams: a ReadableStream pulling while desiredSize > 0, pipeThrough
 * a TransformStream that maps, pipeTo a WritableStream. Queues: 16 chunks for objects, 16 KiB (by
 * byte length) for bytes, node:stream's defaults. `idle` enqueues from outside.
 */
export function webStages () {
  const strategy = objectMode => objectMode
    ? new CountQueuingStrategy({ highWaterMark: 16 })
    : new ByteLengthQueuingStrategy({ highWaterMark: 16 * 1024 })
  const transform = objectMode => new TransformStream({
    transform: objectMode
      ? (chunk, controller) => controller.enqueue(mapObject(chunk))
      : (chunk, controller) => controller.enqueue(chunk)
  }, strategy(objectMode), strategy(objectMode))
  const sink = (objectMode, take) => new WritableStream({ write (chunk) { take(chunk) } }, strategy(objectMode))
  return {
    chain (workload, take, tally) {
      const next = workload.producer()
      const source = new ReadableStream({
        pull (controller) {
          while (controller.desiredSize > 0) {
            const chunk = next()
            if (chunk === null) return controller.close()
            controller.enqueue(chunk)
          }
        }
      }, strategy(workload.objectMode))
      return guard(source.pipeThrough(transform(workload.objectMode)).pipeTo(sink(workload.objectMode, take)),
        () => tally.count)
    },
    idle (take, tally) {
      let controller
      const source = new ReadableStream({ start (c) { controller = c } }, strategy(true))
      const done = source.pipeThrough(transform(true)).pipeTo(sink(true, take))
      return { send: chunk => controller.enqueue(chunk), end: () => { controller.close(); return guard(done, () => tally.count) } }
    }
  }
}

/**
 * Runs every case's contenders `runs` times, rotating the contender order each round so that machine
 * noise spreads over all of them, after `warmup` rounds that are checked but not kept, and resolves to,
 * per case, a Map from contender name to its list of seconds per run (null after a failure). A case is { cells, workload, contenders: [[name, contender],
 * ...], run (contender, take, tally) }: run moves the workload through the contender, handing every
 * chunk to take. A run that rejects, or whose tally differs from workload.expected, is reported through
 * `fail(what, why)` and drops that contender from that case. `now()` is in seconds; `collect()` runs
 * before every run (a garbage collection where one can be asked for).
 */
export async function timeCases (cases, { runs, warmup = 0, now, collect = () => {}, fail }) {
  const seconds = cases.map(() => new Map())
  for (let round = -warmup; round < runs; round++) {
    for (const [index, testCase] of cases.entries()) {
      const { contenders } = testCase
      const turn = Math.max(round, 0)
      for (const [name, contender] of contenders.map((_, k) => contenders[(k + turn) % contenders.length])) {
        const list = seconds[index].get(name)
        if (list === null) continue
        const time = await timeRun(testCase, name, contender, now, collect, fail)
        if (time === null) seconds[index].set(name, null)
        else if (round >= 0) seconds[index].set(name, [...(list ?? []), time])
      }
    }
  }
  return seconds
}

/**
 * How steady the machine is: times a fixed piece of arithmetic (tens of ms) `times` times and
 * resolves to { ms, spread } (median milliseconds, (slowest - fastest) / median), yielding to the
 * event loop between times.
 */
export async function machineNoise (now, times = 21) {
  const ms = []
  let sink = 0
  for (let t = 0; t < times; t++) {
    const start = now()
    let x = t
    for (let i = 0; i < 1_000_000; i++) x = (x * 1103515245 + 12345) % 2147483648
    sink += x
    ms.push((now() - start) * 1000)
    await new Promise(resolve => setTimeout(resolve, 5))
  }
  if (sink === -1) console.log(sink) // keeps the loop from being optimised away
  return { ms: median(ms).toFixed(1), spread: spread(ms) }
}

/** Seconds one run of a case's contender takes, or null after reporting why it failed. */
async function timeRun ({ cells, workload, run }, name, contender, now, collect, fail) {
  const tally = { count: 0, sum: 0 }
  let error = null
  collect()
  const start = now()
  await Promise.resolve(run(contender, chunk => workload.take(tally, chunk), tally)).catch(err => { error = err })
  const time = now() - start
  const { count, sum } = workload.expected
  if (!error && tally.count === count && tally.sum === sum) return time
  fail(`${name} ${cells.join(' ')}`, error
    ? error.message
    : `got count ${tally.count} sum ${tally.sum}, expected count ${count} sum ${sum}`)
  return null
}

/**
 * The latency of one chunk through the idle chain source -> map Transform -> sink of `stages`: sends
 * { i } and waits for it at the sink, `trips` times, one chunk in flight at a time; every trip checks
 * that the chunk that arrived is the one sent. Trips are timed in blocks of `block` (1 where `now` is
 * fine-grained, more where the clock is coarse, as in a browser page) and the result is the median
 * block's seconds per trip. Resolves to { seconds, delivered }.
 */
export async function latency (stages, trips, block, now) {
  let waiting = null
  let expect = -1
  const tally = { count: 0 }
  const chain = stages.idle(chunk => {
    if (chunk.i !== expect) throw new Error(`latency: got chunk ${chunk.i}, expected ${expect}`)
    tally.count++
    const resolve = waiting
    waiting = null
    resolve()
  }, tally)
  let stalled = null
  let seen = -1
  const watchdog = setInterval(() => {
    if (tally.count === seen) stalled?.(new Error(`latency: stalled for ${STALL_SECONDS}s after ${seen} chunks`))
    seen = tally.count
  }, STALL_SECONDS * 1000)
  const blocks = []
  try {
    for (let i = 0; i < trips;) {
      const start = now()
      const end = Math.min(trips, i + block)
      const count = end - i
      for (; i < end; i++) {
        expect = i
        const arrived = new Promise((resolve, reject) => { waiting = resolve; stalled = reject })
        chain.send({ i })
        await arrived
      }
      blocks.push((now() - start) / count)
    }
  } finally {
    clearInterval(watchdog)
  }
  await chain.end()
  return { seconds: median(blocks), delivered: tally.count }
}

/** Formats rows (arrays of cells) as a plain-text table under `header`; numeric-looking cells align right. */
export function formatTable (header, rows) {
  const all = [header, ...rows].map(row => row.map(String))
  const widths = header.map((_, col) => Math.max(...all.map(row => row[col].length)))
  const line = row => row.map((cell, col) =>
    /^[\d.,x±%≥≤ -]+$/.test(cell) && /\d/.test(cell) ? cell.padStart(widths[col]) : cell.padEnd(widths[col])).join('  ')
  return [line(all[0]), widths.map(w => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n')
}

/** The spread of a list of run times: (slowest - fastest) / median, as a percentage string. */
export function spread (values) {
  if (!values || values.length < 2) return '-'
  return `${Math.round((Math.max(...values) - Math.min(...values)) / median(values) * 100)}%`
}

/**
 * The rows of a throughput table with goals: per case, per contender, the median throughput, the
 * spread between runs, the ratio to each of `bases` (a contender name or a list of them) and, for
 * `goalFor` (the contender the goals are about), the goal and whether it is met against the first
 * base. `seconds` is what timeCases resolved to. A case's `goal` is the minimum ratio, or undefined.
 */
export function throughputRows (cases, seconds, bases, goalFor) {
  const baseList = [].concat(bases)
  return cases.flatMap(({ cells, workload, contenders, goal }, index) => {
    const throughput = name => {
      const runs = seconds[index].get(name)
      return runs ? workload.amount / median(runs) : null
    }
    return contenders.map(([name]) => {
      const value = throughput(name)
      const ratios = baseList.map(base => {
        const baseline = throughput(base)
        return value === null || baseline === null || baseline === undefined ? null : value / baseline
      })
      const goalCells = name === goalFor && goal !== undefined
        ? [`≥ ${goal.toFixed(1)}x`, ratios[0] === null ? 'FAIL' : ratios[0] >= goal ? 'met' : 'MISSED']
        : ['', '']
      return [...cells, name,
        value === null ? 'FAIL' : formatNumber(value), workload.unit, spread(seconds[index].get(name)),
        ...ratios.map(ratio => ratio === null ? '-' : `${ratio.toFixed(2)}x`), ...goalCells]
    })
  })
}

/** A number with thousands separators, or 3 significant digits under 100. */
export function formatNumber (value) {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3)
}
