// The package matrix's scenarios (tests/matrix/run.js): written as an app writes them, against the
// installed package, and run unchanged by every target (bundled for browsers and workers, imported
// by Node, Deno, Bun and workerd). run.js derives the CommonJS twin (scenarios.cjs) from this file by
// replacing the two import lines with require calls and the export with module.exports, nothing else.
// Only web APIs and the package: no Node built-ins, so the same code runs everywhere.
import { Readable, Writable, Transform, Duplex, PassThrough, pipeline, compose } from 'highwater'
import hw from 'highwater'

const decoder = new TextDecoder()
const encoder = new TextEncoder()
/** A chunk as text: strings as they are, bytes (Buffer or Uint8Array) decoded as UTF-8. */
const text = (chunk) => typeof chunk === 'string' ? chunk : decoder.decode(chunk)
/** A byte-mode Transform that upper-cases what it is given. */
const upper = () => new Transform({
  transform (chunk, encoding, callback) { callback(null, text(chunk).toUpperCase()) }
})

async function collect (iterable) {
  const out = []
  for await (const chunk of iterable) out.push(chunk)
  return out
}

async function readAll (webStream) {
  const reader = webStream.getReader()
  const out = []
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return out
    out.push(value)
  }
}

function concat (parts) {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) { all.set(p, at); at += p.byteLength }
  return all
}

function same (actual, expected) {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  if (a !== e) throw new Error(`expected ${e}, got ${a}`)
}

const callbackDone = (start) => new Promise((resolve, reject) => start((err) => err ? reject(err) : resolve()))

/** [id, name, async function that throws when the result is not exactly the expected one]. */
export const scenarios = [
  ['1', 'Readable.from + for await', async () => {
    same(await collect(Readable.from(['a', 'b', 'c'])), ['a', 'b', 'c'])
  }],

  ['2', 'Transform (uppercase)', async () => {
    const t = upper()
    t.setEncoding('utf8')
    const out = collect(t)
    t.write('abc')
    t.end('def')
    same((await out).join(''), 'ABCDEF')
  }],

  ['3', 'pipeline → Writable.fromWeb(WritableStream)', async () => {
    const got = []
    const sink = new WritableStream({ write (chunk) { got.push(text(chunk)) } })
    await callbackDone((cb) => pipeline(Readable.from(['ab', 'cd']), upper(), Writable.fromWeb(sink), cb))
    same(got.join(''), 'ABCD')
  }],

  ['3b', 'pipeline(ReadableStream, PassThrough, Transform, WritableStream)', async () => {
    const got = []
    const source = new ReadableStream({ start (c) { c.enqueue('we'); c.enqueue('b!'); c.close() } })
    const sink = new WritableStream({ write (chunk) { got.push(text(chunk)) } })
    await callbackDone((cb) => pipeline(source, new PassThrough(), upper(), sink, cb))
    same(got.join(''), 'WEB!')
  }],

  ['4', 'Readable.toWeb → gzip → gunzip → Readable.fromWeb', async () => {
    const input = 'highwater streams, '.repeat(2000)
    const bytes = encoder.encode(input)
    const chunks = [bytes.subarray(0, 10000), bytes.subarray(10000, 25000), bytes.subarray(25000)]
    const zipped = []
    const web = Readable.toWeb(Readable.from(chunks))
      .pipeThrough(new CompressionStream('gzip'))
      .pipeThrough(new TransformStream({ transform (chunk, c) { zipped.push(chunk.byteLength); c.enqueue(chunk) } }))
      .pipeThrough(new DecompressionStream('gzip'))
    const out = concat(await collect(Readable.fromWeb(web)))
    const zippedBytes = zipped.reduce((a, b) => a + b, 0)
    if (!(zippedBytes > 0 && zippedBytes < bytes.length / 10)) throw new Error(`gzip gave ${zippedBytes} bytes for ${bytes.length}`)
    same({ length: out.length, equal: decoder.decode(out) === input }, { length: bytes.length, equal: true })
  }],

  ['5', 'Writable.toWeb written by a web writer', async () => {
    const got = []
    const w = new Writable({ write (chunk, encoding, callback) { got.push(text(chunk)); callback() } })
    const writer = Writable.toWeb(w).getWriter()
    await writer.write(encoder.encode('hello '))
    await writer.write(encoder.encode('web'))
    await writer.close()
    same({ got: got.join(''), finished: w.writableFinished }, { got: 'hello web', finished: true })
  }],

  ['6', 'webReadable.pipeThrough(Transform.toWeb(t))', async () => {
    const t = new Transform({ objectMode: true, transform (chunk, encoding, callback) { callback(null, String(chunk).toUpperCase()) } })
    const source = new ReadableStream({ start (c) { c.enqueue('abc'); c.enqueue('def'); c.close() } })
    same(await readAll(source.pipeThrough(Transform.toWeb(t))), ['ABC', 'DEF'])
  }],

  ['7', 'Duplex.from(async generator function)', async () => {
    const d = Duplex.from(async function * (source) {
      for await (const chunk of source) yield String(chunk).toUpperCase()
    })
    const out = collect(d)
    d.write('x')
    d.write('y')
    d.end()
    same(await out, ['X', 'Y'])
  }],

  ['8', 'compose(async generator function, Transform)', async () => {
    const doubledPlusOne = compose(
      async function * (source) { for await (const n of source) yield n * 2 },
      new Transform({ objectMode: true, transform (n, encoding, callback) { callback(null, n + 1) } })
    )
    same(await collect(Readable.from([1, 2, 3]).pipe(doubledPlusOne)), [3, 5, 7])
  }],

  ['9', 'operators map/filter/toArray', async () => {
    same(await Readable.from([1, 2, 3, 4, 5]).map((n) => n * 2).filter((n) => n > 4).toArray(), [6, 8, 10])
  }],

  ['10', "import hw from 'highwater' is the legacy Stream with the named exports", async () => {
    const named = { Readable, Writable, Transform, Duplex, PassThrough, pipeline, compose }
    if (hw === undefined || hw === null) throw new Error(`the default import is ${hw}`)
    const wrong = Object.keys(named).filter((name) => hw[name] !== named[name])
    if (wrong.length) throw new Error(`hw.${wrong.join(', hw.')} missing or not the named export`)
    // node:stream's default (and CommonJS export) is the legacy Stream constructor.
    if (typeof hw !== 'function' || hw.Stream !== hw || !(new hw() instanceof hw)) throw new Error('the default export is not the legacy Stream')
  }]
]

const describe = (err) => {
  if (!(err instanceof Error)) return String(err)
  const head = `${err.name}${err.code ? ` [${err.code}]` : ''}: ${err.message}`
  const frames = String(err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 3)
  return [head, ...frames.map((f) => f.trim())].join('\n')
}

/** Runs every scenario (each within `timeout` ms); resolves to [{ id, name, ok, ms, error? }]. */
export async function runScenarios (timeout = 5000) {
  const results = []
  for (const [id, name, scenario] of scenarios) {
    const start = Date.now()
    let timer
    try {
      await Promise.race([
        scenario(),
        new Promise((resolve, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${timeout} ms`)), timeout) })
      ])
      results.push({ id, name, ok: true, ms: Date.now() - start })
    } catch (err) {
      results.push({ id, name, ok: false, ms: Date.now() - start, error: describe(err) })
    } finally {
      clearTimeout(timer)
    }
  }
  return results
}
