/**
 * Stream scenarios shared by the demo page (www/index.js) and tests/browser/scenarios.test.js.
 * Each `run` drives streams and resolves to an event log; `expected` is the log that
 * `node:stream` in Node 26 produces, so the same scenario checks highwater in a browser and in Node.
 * Byte chunks are logged as text, so Buffers (Node) and Uint8Arrays (browsers) log the same; logs
 * hold stream events only, never their order against promise callbacks (README, deliberate differences).
 */

const text = (chunk) => typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)

/** Resolves on the stream's 'close' event, after the given log has been filled. */
const closed = (stream, log) => new Promise((resolve, reject) => {
  stream.on('error', reject)
  stream.on('close', () => { log.push('close'); resolve(log) })
})

/** Resolves on the stream's 'close' event, for scenarios that log their own errors. */
const closedAfterError = (stream, log) => new Promise((resolve) => {
  stream.on('close', () => { log.push('close'); resolve(log) })
})

/** Logs an error-first callback's outcome: `${name} ok` or `${name} ${err.code}`. */
const logged = (log, name) => (err) => log.push(`${name} ${err ? err.code : 'ok'}`)

/** The Readable scenarios, in the order the page runs them; `run(Readable)` gets the Readable class. */
export const scenarios = [
  {
    name: 'object mode: push and flowing data events',
    expected: ['sync: pushed', 'data {"n":1}', 'data "two"', 'data [3]', 'end', 'close'],
    run (Readable) {
      const log = []
      const r = new Readable({ objectMode: true, read () {} })
      r.on('data', (chunk) => log.push(`data ${JSON.stringify(chunk)}`))
      r.on('end', () => log.push('end'))
      r.push({ n: 1 })
      r.push('two')
      r.push([3])
      r.push(null)
      log.push('sync: pushed')
      return closed(r, log)
    }
  },
  {
    name: "bytes: setEncoding('utf8') joins a character split across chunks",
    expected: ['data "a"', 'data "€b"', 'data "ü"', 'end', 'close'],
    run (Readable) {
      const log = []
      const r = new Readable({ read () {} })
      r.setEncoding('utf8')
      r.on('data', (chunk) => log.push(`data ${JSON.stringify(chunk)}`))
      r.on('end', () => log.push('end'))
      // '€' is E2 82 AC and 'ü' is C3 BC; both are cut between pushes.
      r.push(new Uint8Array([0x61, 0xe2]))
      r.push(new Uint8Array([0x82, 0xac, 0x62, 0xc3]))
      r.push(new Uint8Array([0xbc]))
      r.push(null)
      return closed(r, log)
    }
  },
  {
    name: "paused mode: read(n) on 'readable'",
    expected: [
      'readableLength 5', 'readable', 'read "ab"', 'read "cd"', 'read "e"', 'read null', 'end', 'close'
    ],
    run (Readable) {
      const log = []
      const r = new Readable({ read () {} })
      r.push('abc')
      r.push('de')
      r.push(null)
      log.push(`readableLength ${r.readableLength}`)
      r.on('readable', () => {
        log.push('readable')
        let chunk
        do {
          chunk = r.read(2)
          log.push(`read ${chunk === null ? 'null' : JSON.stringify(text(chunk))}`)
        } while (chunk !== null)
      })
      r.on('end', () => log.push('end'))
      return closed(r, log)
    }
  },
  {
    // Checks what the consumer sees, not how _read calls interleave with the loop body: that
    // order follows process.nextTick in Node and a microtask queue in browsers (README,
    // deliberate differences); tests/diff/ checks it against node:stream in Node.
    name: 'async iteration over a stream that pushes in _read',
    expected: ['got 0', 'got 1', 'got 2', 'done', 'reads 4', 'destroyed true'],
    async run (Readable) {
      const log = []
      let n = 0
      const r = new Readable({
        objectMode: true,
        highWaterMark: 1,
        read () {
          this.push(n < 3 ? n++ : null)
          reads++
        }
      })
      let reads = 0
      for await (const chunk of r) log.push(`got ${chunk}`)
      log.push('done', `reads ${reads}`, `destroyed ${r.destroyed}`)
      return log
    }
  },
  {
    name: 'Readable.from an array and a generator',
    expected: ['data "a"', 'data "b"', 'data "c"', 'end', 'close', 'gen [1,2,3]'],
    async run (Readable) {
      const log = []
      const r = Readable.from(['a', 'b', 'c'])
      r.on('data', (chunk) => log.push(`data ${JSON.stringify(chunk)}`))
      r.on('end', () => log.push('end'))
      await closed(r, log)
      const got = []
      for await (const n of Readable.from((function * () { yield 1; yield 2; yield 3 })())) got.push(n)
      log.push(`gen ${JSON.stringify(got)}`)
      return log
    }
  }
]

/** Runs every scenario against a Readable class; resolves to [{ name, ok, detail }]. */
export async function runScenarios (Readable) {
  const results = []
  for (const { name, expected, run } of scenarios) {
    let actual
    try {
      actual = await run(Readable)
    } catch (err) {
      actual = [`threw ${err}`]
    }
    const ok = JSON.stringify(actual) === JSON.stringify(expected)
    const detail = ok ? actual.join(' | ') : `expected ${JSON.stringify(expected)}\n  actual ${JSON.stringify(actual)}`
    results.push({ name, ok, detail })
  }
  return results
}
