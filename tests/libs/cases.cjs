'use strict'
/**
 * The documented behaviours of real stream libraries, one case each. A case drives the library the
 * way its README says to use it and logs what a user would observe: values (formatted by fmt), event
 * names in order, error names, codes and messages. tests/libs/child.cjs runs every case once per mode
 * (the library on its own stream dependency, on node:stream, on highwater) and the runner compares the logs.
 *
 * A case is { lib, name, run(t) }; run is async and resolves when the behaviour is complete. What
 * happens afterwards (late events) is still logged into the same case. t has:
 *   t.L(name)      require a library from .cache/libs (its stream dependency is what the mode says)
 *   t.S            the stream module for the case's own sources and sinks (node:stream, or highwater)
 *   t.log(...v)    log one line (values formatted)
 *   t.watch(stream, label, events?)   log each event as `label event args`
 *   t.wait(ms)     a timer; t.ticks(n) n setImmediate turns
 *   t.once(emitter, event)            a promise for the next such event (its arguments as an array)
 *   t.source(chunks, opts?)           a Readable of t.S that pushes the chunks one per _read, then null
 *                                     (opts.end === false: then nothing, the stream stays open)
 *   t.sink(opts?)                     a Writable of t.S that logs each chunk it receives; .chunks
 */

const cases = []
const add = (lib, name, run) => cases.push({ lib, name, run })

// ---------------------------------------------------------------------------------------------
// concat-stream@2 (on readable-stream@3's Writable)

add('concat-stream@2', 'collects Buffers into one Buffer (piped from a Readable)', async (t) => {
  const concat = t.L('concat-stream')
  await new Promise((resolve) => {
    const c = concat((body) => { t.log('body', body, Buffer.isBuffer(body)); resolve() })
    t.watch(c, 'concat', ['pipe', 'finish', 'close', 'error'])
    t.source([Buffer.from('abc'), Buffer.from('def'), Buffer.from('g')]).pipe(c)
  })
})

add('concat-stream@2', 'collects strings into one string', async (t) => {
  const concat = t.L('concat-stream')
  await new Promise((resolve) => {
    const c = concat((body) => { t.log('body', body, typeof body); resolve() })
    t.log('write', c.write('hello '), c.write('world'))
    c.end('!')
  })
})

add('concat-stream@2', 'collects arrays into one array', async (t) => {
  const concat = t.L('concat-stream')
  await new Promise((resolve) => {
    const c = concat((body) => { t.log('body', body); resolve() })
    c.write([1, 2, 3])
    c.write([4, 5])
    c.end([6])
  })
})

add('concat-stream@2', 'collects objects with encoding object', async (t) => {
  const concat = t.L('concat-stream')
  await new Promise((resolve) => {
    const c = concat({ encoding: 'object' }, (body) => { t.log('body', body); resolve() })
    t.watch(c, 'concat', ['finish', 'close'])
    c.write({ a: 1 })
    c.write({ b: 2 })
    c.end()
  })
})

add('concat-stream@2', 'collects Uint8Arrays into one Uint8Array', async (t) => {
  const concat = t.L('concat-stream')
  await new Promise((resolve) => {
    const c = concat({ encoding: 'u8' }, (body) => { t.log('body', body, body instanceof Uint8Array); resolve() })
    c.write(new Uint8Array([1, 2]))
    c.end(new Uint8Array([3]))
  })
})

add('concat-stream@2', 'encoding string turns written Buffers into a string', async (t) => {
  const concat = t.L('concat-stream')
  await new Promise((resolve) => {
    const c = concat({ encoding: 'string' }, (body) => { t.log('body', body); resolve() })
    t.source([Buffer.from('a'), Buffer.from('é'), 'z']).pipe(c)
  })
})

add('concat-stream@2', 'no writes gives an empty array', async (t) => {
  const concat = t.L('concat-stream')
  await new Promise((resolve) => {
    const c = concat((body) => { t.log('body', body); resolve() })
    c.end()
  })
})

add('concat-stream@2', 'an object-mode source piped in (objects, then finish)', async (t) => {
  const concat = t.L('concat-stream')
  await new Promise((resolve) => {
    const src = t.source([{ n: 1 }, { n: 2 }, { n: 3 }], { objectMode: true })
    t.watch(src, 'src', ['end', 'close'])
    const c = concat((body) => { t.log('body', body); resolve() })
    t.watch(c, 'concat', ['pipe', 'unpipe', 'finish', 'close'])
    src.pipe(c)
  })
})

add('concat-stream@2', 'a source error does not call the callback (README: handle errors yourself)', async (t) => {
  const concat = t.L('concat-stream')
  const src = t.source(['a', 'b'], { end: false })
  const c = concat((body) => t.log('callback', body))
  t.watch(c, 'concat', ['pipe', 'unpipe', 'finish', 'close', 'error'])
  src.on('error', (e) => t.log('src error', e))
  src.pipe(c)
  await t.ticks(2)
  src.destroy(new Error('boom'))
  await t.wait(20)
  t.log('writableFinished', c.writableFinished, 'body', c.body)
})

// ---------------------------------------------------------------------------------------------
// from2@2 (on readable-stream@2's Readable)

add('from2@2', 'README fromString: read(size, next) slices a string', async (t) => {
  const from = t.L('from2')
  let string = 'hello world, this is from2'
  const sizes = []
  const s = from({ highWaterMark: 8 }, (size, next) => {
    sizes.push(size)
    if (string.length <= 0) return next(null, null)
    const chunk = string.slice(0, size)
    string = string.slice(size)
    next(null, chunk)
  })
  const chunks = []
  s.on('data', (d) => chunks.push(d.toString()))
  await t.once(s, 'end')
  t.log('chunks', chunks, 'sizes', sizes)
})

add('from2@2', 'an array of chunks', async (t) => {
  const from = t.L('from2')
  const s = from(['a', 'bb', 'ccc'])
  t.watch(s, 's', ['data', 'end', 'error'])
  await t.once(s, 'end')
})

add('from2@2', 'from2.obj emits objects in order', async (t) => {
  const from = t.L('from2')
  let i = 0
  const s = from.obj((size, next) => { t.log('read', size); next(null, i < 3 ? { i: i++ } : null) })
  t.watch(s, 's', ['data', 'end', 'error'])
  t.log('objectMode', s.readableObjectMode, 'hwm', s.readableHighWaterMark)
  await t.once(s, 'end')
})

add('from2@2', 'asynchronous next() with a small highWaterMark (pull order)', async (t) => {
  const from = t.L('from2')
  let i = 0
  const s = from.obj({ highWaterMark: 2 }, (size, next) => {
    t.log('read', i)
    setTimeout(() => next(null, i < 4 ? 'v' + i++ : null), 1)
  })
  await t.wait(15)
  t.log('buffered before reading', s.readableLength)
  const seen = []
  for await (const v of s) seen.push(v)
  t.log('seen', seen)
})

add('from2@2', 'paused mode: read() pulls', async (t) => {
  const from = t.L('from2')
  const s = from.obj(['x', 'y', 'z'])
  await t.once(s, 'readable')
  const got = []
  let v
  while ((v = s.read()) !== null) got.push(v)
  t.log('got', got)
  s.on('end', () => t.log('end'))
  s.resume()
  await t.wait(5)
})

add('from2@2', 'next(err) destroys the stream with that error', async (t) => {
  const from = t.L('from2')
  let n = 0
  const s = from.obj((size, next) => { n++ ? next(new Error('read failed')) : next(null, 'first') })
  t.watch(s, 's', ['data', 'end', 'error', 'close'])
  await t.once(s, 'close')
  t.log('destroyed', s.destroyed)
})

add('from2@2', 'an Error in the array is emitted as error', async (t) => {
  const from = t.L('from2')
  const s = from.obj([1, 2, new Error('third')])
  t.watch(s, 's', ['data', 'end', 'error', 'close'])
  await t.once(s, 'close')
})

add('from2@2', 'destroy() emits close and stops reading', async (t) => {
  const from = t.L('from2')
  let reads = 0
  const s = from.obj((size, next) => { reads++; setTimeout(() => next(null, 'v'), 2) })
  t.watch(s, 's', ['end', 'error', 'close'])
  s.on('data', () => {})
  await t.wait(10)
  s.destroy()
  t.log('destroyed', s.destroyed)
  const before = reads
  await t.wait(20)
  t.log('reads after destroy', reads - before <= 1)
})

add('from2@2', 'destroy(err) emits error then close', async (t) => {
  const from = t.L('from2')
  const s = from.obj(() => {})
  t.watch(s, 's', ['end', 'error', 'close'])
  s.destroy(new Error('stop'))
  s.destroy(new Error('second destroy ignored'))
  await t.once(s, 'close')
  t.log('destroyed', s.destroyed)
})

add('from2@2', 'from2.ctor makes a reusable constructor (with and without new, options override)', async (t) => {
  const from = t.L('from2')
  const Ctor = from.ctor({ objectMode: true }, function (size, next) {
    if (!this.n) this.n = 0
    next(null, this.n < 2 ? this.n++ : null)
  })
  const a = new Ctor()
  const b = Ctor({ objectMode: true, highWaterMark: 1 })
  t.log('instanceof', a instanceof Ctor, b instanceof Ctor, 'hwm', a.readableHighWaterMark, b.readableHighWaterMark)
  const got = []
  a.on('data', (d) => got.push('a' + d))
  b.on('data', (d) => got.push('b' + d))
  await Promise.all([t.once(a, 'end'), t.once(b, 'end')])
  t.log('got', got)
})

add('from2@2', 'piped into a Writable with backpressure', async (t) => {
  const from = t.L('from2')
  let i = 0
  const s = from((size, next) => next(null, i < 5 ? Buffer.from('chunk' + i++) : null))
  const w = t.sink({ highWaterMark: 1, delay: 1 })
  s.pipe(w)
  await t.once(w, 'finish')
  t.log('received', w.chunks.length)
})

// ---------------------------------------------------------------------------------------------
// split2@4 (node:stream's Transform) and split2@2 (through2@2 on readable-stream@2): the same cases

for (const [lib, id] of [['split2@4', 'split2-4'], ['split2@2', 'split2-2']]) {
  const collect = async (t, s, feed) => {
    const got = []
    s.on('data', (d) => got.push(d))
    s.on('error', (e) => t.log('error', e))
    let threw = false
    try { feed(s) } catch (err) { threw = true; t.log('write threw', err) }
    // A synchronous throw (split2@2's mapper inside through2@2's write) leaves the stream open.
    await Promise.race([t.once(s, 'end'), t.once(s, 'error'), t.once(s, 'close'), ...(threw ? [t.wait(20)] : [])])
    await t.ticks(2)
    t.log('lines', got)
  }

  add(lib, 'splits lines across chunk boundaries (\\n and \\r\\n), keeps a last line without newline', async (t) => {
    const split = t.L(id)
    await collect(t, split(), (s) => { s.write('a\nb'); s.write('c\r\nd'); s.write('\n\ne'); s.end() })
  })

  add(lib, 'piped from a Readable', async (t) => {
    const split = t.L(id)
    const s = split()
    t.watch(s, 'split', ['pipe', 'finish', 'end'])
    await collect(t, s, (s) => t.source(['one\ntw', 'o\nthree\n']).pipe(s))
  })

  add(lib, 'a string matcher', async (t) => {
    const split = t.L(id)
    await collect(t, split(','), (s) => { s.write('a,b'); s.end(',c') })
  })

  add(lib, 'a RegExp matcher', async (t) => {
    const split = t.L(id)
    await collect(t, split(/[;|]/), (s) => { s.write('x;y|z'); s.end() })
  })

  add(lib, 'a mapper (JSON.parse, NDJSON)', async (t) => {
    const split = t.L(id)
    await collect(t, split(JSON.parse), (s) => { s.write('{"a":1}\n{"b"'); s.end(':[2]}\n') })
  })

  add(lib, 'a mapper returning undefined skips the line', async (t) => {
    const split = t.L(id)
    await collect(t, split((l) => l.startsWith('#') ? undefined : l.toUpperCase()), (s) => { s.end('a\n#c\nb\n') })
  })

  add(lib, 'a throwing mapper (an error event, or a throw out of write)', async (t) => {
    const split = t.L(id)
    const s = split(JSON.parse)
    t.watch(s, 'split', ['close'])
    await collect(t, s, (s) => { s.write('{"ok":1}\n'); s.write('not json\n') })
    t.log('destroyed', s.destroyed)
  })

  add(lib, 'maxLength emits error when the buffer exceeds it', async (t) => {
    const split = t.L(id)
    const s = split({ maxLength: 5 })
    t.watch(s, 'split', ['close'])
    await collect(t, s, (s) => { s.write('abc\n'); s.write('abcdefghij'); s.end('\n') })
  })

  add(lib, 'maxLength with skipOverflow skips long lines', async (t) => {
    const split = t.L(id)
    await collect(t, split({ maxLength: 3, skipOverflow: true }), (s) => { s.write('ab\nabcdef'); s.write('gh\ncd\n'); s.end() })
  })

  add(lib, 'multi-byte UTF-8 split across chunks', async (t) => {
    const split = t.L(id)
    const b = Buffer.from('ä€\n😀x\n')
    await collect(t, split(), (s) => { for (let i = 0; i < b.length; i += 2) s.write(b.subarray(i, i + 2)); s.end() })
  })

  add(lib, 'options (third argument) go to the Transform: objectMode', async (t) => {
    const split = t.L(id)
    const s = split(/\n/, (l) => ({ line: l }), { objectMode: true })
    t.log('readableObjectMode', s.readableObjectMode)
    await collect(t, s, (s) => s.end('p\nq'))
  })

  add(lib, 'destroy() emits close', async (t) => {
    const split = t.L(id)
    const s = split()
    t.watch(s, 'split', ['data', 'end', 'finish', 'error', 'close'])
    s.write('a\nb')
    s.destroy()
    t.log('destroyed', s.destroyed)
    await t.wait(10)
  })

  add(lib, 'destroy(err) emits error then close', async (t) => {
    const split = t.L(id)
    const s = split()
    t.watch(s, 'split', ['data', 'end', 'finish', 'error', 'close'])
    s.write('a\n')
    s.destroy(new Error('split destroyed'))
    await t.wait(10)
    t.log('destroyed', s.destroyed)
  })
}

// ---------------------------------------------------------------------------------------------
// through2@2 (readable-stream@2) and through2@4 (readable-stream@3): the same cases

for (const [lib, id] of [['through2@2', 'through2-2'], ['through2@4', 'through2-4']]) {
  add(lib, 'through2() with no function passes data through', async (t) => {
    const through = t.L(id)
    const s = through()
    t.watch(s, 't', ['data', 'end', 'finish'])
    s.write('a')
    s.end('b')
    await t.once(s, 'end')
  })

  add(lib, 'a transform (uppercase) with callback(null, chunk)', async (t) => {
    const through = t.L(id)
    const s = through(function (chunk, enc, cb) { t.log('enc', enc); cb(null, chunk.toString().toUpperCase()) })
    const got = []
    s.on('data', (d) => got.push(d))
    t.source(['abc', 'def']).pipe(s)
    await t.once(s, 'end')
    t.log('got', got)
  })

  add(lib, 'this.push several times per chunk, then a flush function', async (t) => {
    const through = t.L(id)
    const s = through(function (chunk, enc, cb) {
      for (const c of chunk.toString()) this.push(c)
      cb()
    }, function (cb) { this.push('FLUSH'); cb() })
    const got = []
    s.on('data', (d) => got.push(d.toString()))
    t.watch(s, 't', ['finish', 'end'])
    s.end('xyz')
    await t.once(s, 'end')
    t.log('got', got)
  })

  add(lib, 'through2.obj transforms objects', async (t) => {
    const through = t.L(id)
    const s = through.obj(function (o, enc, cb) { cb(null, { ...o, seen: true }) })
    t.log('objectMode', s.readableObjectMode, s.writableObjectMode, 'hwm', s.readableHighWaterMark)
    const got = []
    s.on('data', (d) => got.push(d))
    t.source([{ a: 1 }, { b: 2 }], { objectMode: true }).pipe(s)
    await t.once(s, 'end')
    t.log('got', got)
  })

  add(lib, 'through2.ctor: a reusable constructor, with and without new, options override', async (t) => {
    const through = t.L(id)
    const Upper = through.ctor({ objectMode: true }, function (chunk, enc, cb) { cb(null, String(chunk).toUpperCase()) })
    const a = new Upper()
    const b = Upper({ objectMode: false })
    t.log('instanceof', a instanceof Upper, b instanceof Upper, 'objectMode', a.readableObjectMode, b.readableObjectMode)
    const got = []
    a.on('data', (d) => got.push(d))
    b.on('data', (d) => got.push(d.toString()))
    a.end('aa')
    b.end('bb')
    await Promise.all([t.once(a, 'end'), t.once(b, 'end')])
    t.log('got', got)
  })

  add(lib, 'callback(err) emits error', async (t) => {
    const through = t.L(id)
    const s = through(function (chunk, enc, cb) { cb(new Error('bad chunk ' + chunk)) })
    t.watch(s, 't', ['data', 'end', 'finish', 'error', 'close'])
    s.write('q', (err) => t.log('write cb', err))
    await t.wait(10)
    t.log('destroyed', s.destroyed)
  })

  add(lib, 'destroy(err) emits error and close', async (t) => {
    const through = t.L(id)
    const s = through()
    t.watch(s, 't', ['data', 'end', 'finish', 'error', 'close'])
    s.destroy(new Error('gone'))
    await t.wait(10)
    t.log('destroyed', s.destroyed)
  })

  add(lib, 'backpressure: write() returns false past highWaterMark, drain follows', async (t) => {
    const through = t.L(id)
    const s = through.obj({ highWaterMark: 2 }, function (o, enc, cb) { cb(null, o) })
    t.watch(s, 't', ['drain', 'end'])
    const rets = []
    for (let i = 0; i < 6; i++) rets.push(s.write(i))
    t.log('write returns', rets, 'lengths', s.writableLength, s.readableLength)
    const got = []
    s.on('data', (d) => got.push(d))
    s.end()
    await t.once(s, 'end')
    t.log('got', got)
  })

  add(lib, 'a pipeline source -> through2 -> sink', async (t) => {
    const through = t.L(id)
    const s = through(function (c, e, cb) { cb(null, Buffer.from(c.toString().split('').reverse().join(''))) })
    const w = t.sink()
    await new Promise((resolve) => t.S.pipeline(t.source(['abc', 'de']), s, w, (err) => { t.log('pipeline done', err); resolve() }))
  })
}

// ---------------------------------------------------------------------------------------------
// duplexify@4 (readable-stream@3, end-of-stream, stream-shift)

add('duplexify@4', 'duplexify(writable, readable): writes go to the writable, data comes from the readable', async (t) => {
  const duplexify = t.L('duplexify')
  const w = t.sink()
  const r = t.source(['r1', 'r2'])
  const d = duplexify(w, r)
  t.watch(d, 'dup', ['data', 'end', 'finish', 'prefinish', 'close', 'error'])
  d.write('w1')
  d.end('w2')
  await Promise.all([t.once(d, 'end'), t.once(d, 'finish')])
  await t.wait(5)
})

add('duplexify@4', 'writes buffer until setWritable', async (t) => {
  const duplexify = t.L('duplexify')
  const d = duplexify()
  t.watch(d, 'dup', ['finish', 'close', 'error'])
  t.log('write', d.write('early1'), d.write('early2'))
  await t.wait(5)
  const w = t.sink()
  d.setWritable(w)
  d.end()
  await t.once(d, 'finish')
  t.log('sink got', w.chunks)
})

add('duplexify@4', 'reads wait for setReadable', async (t) => {
  const duplexify = t.L('duplexify')
  const d = duplexify()
  t.watch(d, 'dup', ['data', 'end', 'close', 'error'])
  await t.wait(5)
  d.setReadable(t.source(['late1', 'late2']))
  await t.once(d, 'end')
})

add('duplexify@4', 'duplexify.obj carries objects both ways', async (t) => {
  const duplexify = t.L('duplexify')
  const w = t.sink({ objectMode: true })
  const d = duplexify.obj(w, t.source([{ r: 1 }, { r: 2 }], { objectMode: true }))
  t.watch(d, 'dup', ['data', 'end', 'finish'])
  d.end({ w: 1 })
  await Promise.all([t.once(d, 'end'), t.once(d, 'finish')])
  t.log('sink got', w.chunks)
})

add('duplexify@4', 'cork/uncork holds writes until uncork', async (t) => {
  const duplexify = t.L('duplexify')
  const w = t.sink()
  const d = duplexify(w, null)
  d.cork()
  d.write('a')
  d.write('b')
  await t.wait(5)
  t.log('before uncork', w.chunks.length)
  d.uncork()
  await t.wait(5)
  t.log('after uncork', w.chunks.length)
  d.end()
  await t.once(d, 'finish')
})

add('duplexify@4', 'setReadable(null) ends the readable side; setWritable(null) ends the writable side', async (t) => {
  const duplexify = t.L('duplexify')
  const d = duplexify()
  t.watch(d, 'dup', ['data', 'end', 'finish', 'close', 'error'])
  d.setReadable(null)
  d.setWritable(null)
  d.resume()
  await t.wait(10)
})

add('duplexify@4', 'destroy() destroys both parts and emits close', async (t) => {
  const duplexify = t.L('duplexify')
  const w = t.sink()
  const r = t.source(['x'])
  const d = duplexify(w, r)
  t.watch(d, 'dup', ['end', 'finish', 'close', 'error'])
  t.watch(w, 'w', ['close', 'error'])
  t.watch(r, 'r', ['close', 'error'])
  d.destroy()
  t.log('destroyed', d.destroyed)
  await t.wait(10)
  t.log('parts destroyed', w.destroyed, r.destroyed)
})

add('duplexify@4', 'destroy(err) emits error then close', async (t) => {
  const duplexify = t.L('duplexify')
  const d = duplexify(t.sink(), t.source(['x']))
  t.watch(d, 'dup', ['end', 'finish', 'close', 'error'])
  d.destroy(new Error('dup failed'))
  await t.wait(10)
})

add('duplexify@4', 'an error of the readable part bubbles up and destroys', async (t) => {
  const duplexify = t.L('duplexify')
  const r = t.source([], { end: false })
  const d = duplexify(t.sink(), r)
  t.watch(d, 'dup', ['end', 'finish', 'close', 'error'])
  r.destroy(new Error('part failed'))
  await t.wait(10)
  t.log('destroyed', d.destroyed)
})

add('duplexify@4', 'end(cb): finish waits for the writable part to finish', async (t) => {
  const duplexify = t.L('duplexify')
  const w = t.sink({ delay: 3 })
  w.on('finish', () => t.log('part finish'))
  const d = duplexify(w, null)
  t.watch(d, 'dup', ['prefinish', 'finish', 'close'])
  d.write('slow')
  await new Promise((resolve) => d.end(() => { t.log('end cb'); resolve() }))
  await t.wait(5)
})

add('duplexify@4', 'piping through a duplexify of a Transform (pipeline)', async (t) => {
  const duplexify = t.L('duplexify')
  const tr = new t.S.Transform({ transform (c, e, cb) { cb(null, c.toString().toUpperCase()) } })
  const d = duplexify(tr, tr)
  const w = t.sink()
  await new Promise((resolve) => t.S.pipeline(t.source(['ab', 'cd']), d, w, (err) => { t.log('done', err); resolve() }))
})

// ---------------------------------------------------------------------------------------------
// bl@6 (readable-stream@4's Duplex)

add('bl@6', 'BufferList README: append, length, slice, indexOf, toString, readUInt16', async (t) => {
  const { BufferList } = t.L('bl')
  const bl = new BufferList()
  bl.append(Buffer.from('abcd'))
  bl.append(Buffer.from('efg'))
  bl.append('hi')
  bl.append(Buffer.from('j'))
  bl.append(Buffer.from([0x3, 0x4]))
  t.log(bl.length, bl.slice(0, 10).toString('ascii'), bl.slice(3, 10).toString('ascii'), bl.slice(3, 6).toString('ascii'))
  t.log(bl.indexOf('def'), bl.indexOf('asdf'), bl.toString(), bl.toString('ascii', 3, 8), bl.readUInt16BE(10), bl.readUInt16LE(10))
})

add('bl@6', 'get, shallowSlice, copy, consume, duplicate, prepend, isBufferList', async (t) => {
  const { BufferList, BufferListStream } = t.L('bl')
  const bl = new BufferList([Buffer.from('hello'), Buffer.from(' '), 'world'])
  t.log('get', bl.get(0), bl.get(6), bl.get(99))
  const sh = bl.shallowSlice(3, 8)
  t.log('shallowSlice', sh.toString(), sh.length, BufferList.isBufferList(sh))
  const dest = Buffer.alloc(4)
  bl.copy(dest, 0, 4, 8)
  t.log('copy', dest)
  const dup = bl.duplicate()
  bl.consume(6)
  t.log('consume', bl.toString(), 'duplicate kept', dup.toString())
  bl.prepend('>> ')
  t.log('prepend', bl.toString(), bl.getBuffers().length)
  t.log('isBufferList', BufferList.isBufferList(bl), BufferList.isBufferList(new BufferListStream()), BufferList.isBufferList(Buffer.alloc(1)))
})

add('bl@6', 'BufferListStream(callback) collects a piped source, without new', async (t) => {
  const { BufferListStream } = t.L('bl')
  await new Promise((resolve) => {
    const b = BufferListStream((err, data) => { t.log('callback', err, data, Buffer.isBuffer(data)); resolve() })
    t.watch(b, 'bl', ['pipe', 'finish', 'close', 'error'])
    t.source(['abc', Buffer.from('def'), 'g']).pipe(b)
  })
  await t.wait(5)
})

add('bl@6', 'new BufferListStream(callback) gets the source error', async (t) => {
  const { BufferListStream } = t.L('bl')
  const src = t.source(['a'], { end: false })
  const b = new BufferListStream((err, data) => t.log('callback', err, data))
  src.pipe(b)
  await t.ticks(2)
  src.destroy(new Error('src failed'))
  await t.wait(10)
})

add('bl@6', 'a BufferListStream is readable: appended buffers piped out', async (t) => {
  const { BufferListStream } = t.L('bl')
  const b = new BufferListStream()
  b.append(Buffer.from('abcd'))
  b.append(Buffer.from('efg'))
  b.append('hi')
  b.end()
  const w = t.sink()
  t.watch(b, 'bl', ['end', 'finish', 'close'])
  b.pipe(w)
  await t.once(w, 'finish')
  t.log('sink got', Buffer.concat(w.chunks.map((c) => Buffer.from(c))))
})

add('bl@6', 'written data is readable and the list is queryable mid-stream', async (t) => {
  const { BufferListStream } = t.L('bl')
  const b = new BufferListStream()
  b.write('hello ')
  b.write(Buffer.from('there'))
  await t.ticks(2)
  t.log('length', b.length, 'slice', b.slice(0, 5).toString(), 'get', b.get(6))
  const got = []
  b.on('data', (d) => got.push(d.toString()))
  b.end()
  await t.once(b, 'end')
  t.log('read', got, 'length after', b.length)
})

add('bl@6', 'read(n) on a BufferListStream consumes the list', async (t) => {
  const { BufferListStream } = t.L('bl')
  const b = new BufferListStream(['0123456789'])
  await t.ticks(2)
  t.log('read 3', b.read(3), 'length', b.length)
  t.log('read rest', b.read(), 'length', b.length)
})

add('bl@6', 'duplicate() of a stream is a new BufferListStream with the same bytes', async (t) => {
  const { BufferListStream } = t.L('bl')
  const b = new BufferListStream('abcdef')
  const d = b.duplicate()
  t.log(d instanceof BufferListStream, d.toString(), d.length)
  const got = []
  d.on('data', (c) => got.push(c.toString()))
  d.end()
  await t.once(d, 'end')
  t.log('duplicate read', got)
})

add('bl@6', 'destroy(err) on a BufferListStream clears it and emits error, close', async (t) => {
  const { BufferListStream } = t.L('bl')
  const b = new BufferListStream('abc')
  t.watch(b, 'bl', ['end', 'finish', 'error', 'close'])
  b.destroy(new Error('bl destroyed'))
  t.log('length', b.length, 'destroyed', b.destroyed)
  await t.wait(10)
})

// ---------------------------------------------------------------------------------------------
// Stream semantics the libraries inherit (defaults, errors, iteration, backpressure)

add('from2@2', 'read(size) gets the default highWaterMark as size (bytes and object mode)', async (t) => {
  const from = t.L('from2')
  const sizes = []
  const a = from((size, next) => { sizes.push(size); next(null, null) })
  const b = from({ objectMode: true }, (size, next) => { sizes.push(size); next(null, null) })
  a.resume()
  b.resume()
  await Promise.all([t.once(a, 'end'), t.once(b, 'end')])
  t.log('sizes', sizes, 'hwm', a.readableHighWaterMark, b.readableHighWaterMark)
})

add('through2@4', 'write after end: error event and write callback', async (t) => {
  const through = t.L('through2-4')
  const s = through()
  t.watch(s, 't', ['error', 'close', 'finish'])
  s.resume()
  s.end('x')
  s.write('late', (err) => t.log('write cb', err))
  await t.wait(10)
})

add('through2@2', 'write after end: error event and write callback', async (t) => {
  const through = t.L('through2-2')
  const s = through()
  t.watch(s, 't', ['error', 'close', 'finish'])
  s.resume()
  s.end('x')
  s.write('late', (err) => t.log('write cb', err))
  await t.wait(10)
})

add('split2@4', 'for await over the lines of a piped source', async (t) => {
  const split = t.L('split2-4')
  const lines = []
  for await (const l of t.source(['a\nb', 'b\nc\n', 'dd']).pipe(split())) lines.push(l)
  t.log('lines', lines)
})

add('through2@4', 'async iteration with break destroys the transform', async (t) => {
  const through = t.L('through2-4')
  const s = through.obj(function (o, e, cb) { cb(null, o * 10) })
  t.watch(s, 't', ['error', 'close'])
  t.source([1, 2, 3, 4], { objectMode: true }).pipe(s)
  for await (const v of s) { t.log('v', v); if (v === 20) break }
  t.log('destroyed', s.destroyed)
  await t.wait(5)
})

add('through2@4', 'pipeline with a failing middle transform destroys source and sink', async (t) => {
  const through = t.L('through2-4')
  const src = t.source(['a', 'b', 'c'], { end: false })
  const mid = through(function (c, e, cb) { c.toString() === 'b' ? cb(new Error('mid failed')) : cb(null, c) })
  const sink = t.sink()
  await new Promise((resolve) => t.S.pipeline(src, mid, sink, (err) => { t.log('pipeline', err); resolve() }))
  await t.ticks(2)
  t.log('destroyed', src.destroyed, mid.destroyed, sink.destroyed)
})

add('duplexify@4', 'setReadable twice: the first readable is unregistered', async (t) => {
  const duplexify = t.L('duplexify')
  const d = duplexify.obj(null, null)
  t.watch(d, 'dup', ['data', 'end', 'close', 'error'])
  const first = t.source(['first'], { objectMode: true, end: false })
  d.setReadable(first)
  await t.wait(5)
  d.setReadable(t.source(['second'], { objectMode: true }))
  await t.wait(10)
  t.log('first destroyed', first.destroyed)
})

add('duplexify@4', 'end() before setWritable: finish after the writable is set and done', async (t) => {
  const duplexify = t.L('duplexify')
  const d = duplexify()
  t.watch(d, 'dup', ['prefinish', 'finish', 'close', 'error'])
  d.end('only')
  await t.wait(5)
  t.log('writableEnded', d.writableEnded, 'writableFinished', d.writableFinished)
  const w = t.sink()
  d.setWritable(w)
  await t.wait(10)
  t.log('sink got', w.chunks)
})

add('duplexify@4', 'readable part in paused mode: read() through the duplexify (stream-shift)', async (t) => {
  const duplexify = t.L('duplexify')
  const r = new t.S.PassThrough()
  const d = duplexify(null, r)
  r.write('abc')
  r.write('def')
  await t.wait(5)
  t.log('read', d.read(), 'readableLength', d.readableLength)
  r.end('g')
  await t.wait(5)
  t.log('read', d.read())
})

add('bl@6', 'a large BufferListStream piped to a slow sink respects backpressure', async (t) => {
  const { BufferListStream } = t.L('bl')
  const b = new BufferListStream()
  for (let i = 0; i < 40; i++) b.append(Buffer.alloc(10000, i))
  b.end()
  let writes = 0
  let bytes = 0
  let maxBuffered = 0
  const w = new t.S.Writable({
    highWaterMark: 16384,
    write (c, e, cb) { writes++; bytes += c.length; maxBuffered = Math.max(maxBuffered, b.readableLength); setImmediate(cb) }
  })
  b.pipe(w)
  await t.once(w, 'finish')
  t.log('bytes', bytes, 'writes', writes, 'max readableLength', maxBuffered)
})

add('bl@6', 'BufferListStream write() return values and readable side in paused mode', async (t) => {
  const { BufferListStream } = t.L('bl')
  const b = new BufferListStream()
  const rets = []
  for (let i = 0; i < 5; i++) rets.push(b.write(Buffer.alloc(5000, 97 + i)))
  t.log('write returns', rets, 'length', b.length, 'writableLength', b.writableLength)
  b.end()
  await t.once(b, 'readable')
  const got = []
  let c
  while ((c = b.read(6000)) !== null) got.push(c.length)
  t.log('read sizes', got)
})

add('concat-stream@2', 'a setEncoding source gives a string', async (t) => {
  const concat = t.L('concat-stream')
  const src = t.source([Buffer.from('hé'), Buffer.from('llo')])
  src.setEncoding('utf8')
  await new Promise((resolve) => src.pipe(concat((body) => { t.log('body', body, typeof body); resolve() })))
})

add('concat-stream@2', 'write after end errors', async (t) => {
  const concat = t.L('concat-stream')
  const c = concat((body) => t.log('body', body))
  t.watch(c, 'concat', ['finish', 'error', 'close'])
  c.end('a')
  c.write('b', (err) => t.log('write cb', err))
  await t.wait(10)
})

// ---------------------------------------------------------------------------------------------
// The libraries together, as apps combine them

add('combined', 'from2 -> through2@4 -> split2@4 -> concat-stream, piped', async (t) => {
  const from = t.L('from2')
  const through = t.L('through2-4')
  const split = t.L('split2-4')
  const concat = t.L('concat-stream')
  await new Promise((resolve) => {
    from(['a,b\nc', ',d\n', 'e']).pipe(through(function (c, e, cb) { cb(null, c.toString().replace(/,/g, ';')) }))
      .pipe(split()).pipe(concat({ encoding: 'object' }, (lines) => { t.log('lines', lines); resolve() }))
  })
})

add('combined', 'pipeline: from2.obj -> through2.obj@2 -> duplexify(through2@4) -> bl stream', async (t) => {
  const from = t.L('from2')
  const through2 = t.L('through2-2')
  const through4 = t.L('through2-4')
  const duplexify = t.L('duplexify')
  const { BufferListStream } = t.L('bl')
  const inner = through4(function (c, e, cb) { cb(null, c.toString().toUpperCase()) })
  await new Promise((resolve) => {
    const sink = new BufferListStream((err, data) => t.log('bl callback', err, data))
    t.S.pipeline(
      from.obj([{ w: 'x' }, { w: 'y' }, { w: 'z' }]),
      through2.obj(function (o, e, cb) { cb(null, o.w + '.') }),
      duplexify(inner, inner),
      sink,
      (err) => { t.log('pipeline', err, sink.length); resolve() })
  })
})

add('combined', 'split2@2 as both sides of a duplexify.obj set after a write, piped into concat-stream', async (t) => {
  const split = t.L('split2-2')
  const duplexify = t.L('duplexify')
  const concat = t.L('concat-stream')
  const s = split()
  const d = duplexify.obj()
  d.write('one\ntwo\n')
  await t.ticks(2)
  d.setWritable(s)
  d.setReadable(s)
  d.end('three')
  await new Promise((resolve) => d.pipe(concat({ encoding: 'object' }, (lines) => { t.log('lines', lines); resolve() })))
})

module.exports = cases
