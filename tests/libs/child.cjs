'use strict'
/**
 * Runs the cases of tests/libs/cases.cjs one after another in this process, in the mode that
 * tests/libs/hook.cjs was preloaded with (HW_LIBS_MODE), and prints one JSON object on stdout:
 * { mode, results: [{ id, log: [lines] }], mapped, loaded }. `mapped` lists the stream requests the
 * hook redirected; `loaded` the stream modules really loaded from .cache/libs, so the runner can check
 * that a highwater run did not quietly load readable-stream.
 *   node --require tests/libs/hook.cjs tests/libs/child.cjs [--only substring]
 */
const path = require('node:path')
const { createRequire } = require('node:module')
const util = require('node:util')

const root = path.resolve(__dirname, '../..')
const libsDir = path.join(root, '.cache', 'libs')
const mode = process.env.HW_LIBS_MODE || 'installed'
const S = mode === 'highwater' ? require(path.join(root, 'dist', 'highwater.cjs')) : require('node:stream')
const libRequire = createRequire(path.join(libsDir, 'package.json'))
const CASE_TIMEOUT = Number(process.env.HW_LIBS_TIMEOUT || 2000)

/** A stable, comparable text for any value a library hands back. */
function fmt (v, depth = 0) {
  if (v === undefined) return 'undefined'
  if (v === null) return 'null'
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (typeof v === 'bigint') return v + 'n'
  if (typeof v === 'function') return `[Function ${v.name || 'anonymous'}]`
  if (v instanceof Error) {
    const code = v.code ? ` ${v.code}` : ''
    return `${v.name}${code}: ${v.message}`
  }
  if (Buffer.isBuffer(v)) {
    const s = v.toString('utf8')
    return /^[\x20-\x7e\u00a0-\uffff]*$/.test(s) && Buffer.from(s).equals(v) ? `<Buffer ${JSON.stringify(s)}>` : `<Buffer hex ${v.toString('hex')}>`
  }
  if (v instanceof Uint8Array) return `<Uint8Array ${Buffer.from(v).toString('hex')}>`
  if (depth > 3) return '…'
  if (Array.isArray(v)) return `[${v.map((x) => fmt(x, depth + 1)).join(', ')}]`
  if (typeof v === 'object') {
    const ctor = v.constructor && v.constructor !== Object ? v.constructor.name + ' ' : ''
    if (ctor && typeof v.on === 'function') return `<${ctor.trim()}>`
    return `${ctor}{${Object.keys(v).map((k) => `${k}: ${fmt(v[k], depth + 1)}`).join(', ')}}`
  }
  return util.inspect(v)
}

let current = null
function makeT (log) {
  const t = {
    S,
    L: (name) => libRequire(name),
    log: (...vs) => log.push(vs.map((v) => typeof v === 'string' ? v : fmt(v)).join(' ')),
    fmt,
    watch (stream, label, events = ['data', 'end', 'finish', 'error', 'close']) {
      for (const ev of events) {
        stream.on(ev, (...args) => t.log(`${label} ${ev}`, ...args.filter((a) => !(a && typeof a.on === 'function')).map(fmt)))
      }
      return stream
    },
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    async ticks (n) { for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve)) },
    once: (emitter, ev) => new Promise((resolve) => emitter.once(ev, (...args) => resolve(args))),
    source (chunks, opts = {}) {
      const { end = true, ...rest } = opts
      const list = chunks.slice()
      return new S.Readable({ ...rest, read () { if (list.length) this.push(list.shift()); else if (end) this.push(null) } })
    },
    sink (opts = {}) {
      const { delay, ...rest } = opts
      const w = new S.Writable({
        ...rest,
        write (chunk, enc, cb) {
          w.chunks.push(chunk)
          t.log('sink write', chunk)
          delay ? setTimeout(cb, delay) : cb()
        }
      })
      w.chunks = []
      return w
    }
  }
  return t
}

process.on('uncaughtException', (err) => {
  if (current) current.log.push('UNCAUGHT ' + fmt(err))
  else process.stderr.write('libs child: uncaught outside a case: ' + (err && err.stack) + '\n')
})
process.on('unhandledRejection', (err) => {
  if (current) current.log.push('UNHANDLED REJECTION ' + fmt(err))
})

async function main () {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : ''
  const cases = require('./cases.cjs')
  const results = []
  for (const c of cases) {
    const id = `${c.lib}: ${c.name}`
    if (only && !id.includes(only)) continue
    const r = { id, log: [] }
    results.push(r)
    current = r
    let timer
    try {
      await Promise.race([
        Promise.resolve().then(() => c.run(makeT(r.log))),
        new Promise((resolve, reject) => { timer = setTimeout(() => reject(Object.assign(new Error('case did not complete'), { timeout: true })), CASE_TIMEOUT) })
      ])
    } catch (err) {
      r.log.push(err && err.timeout ? `TIMEOUT after ${CASE_TIMEOUT} ms` : 'THREW ' + fmt(err))
    } finally {
      clearTimeout(timer)
    }
    // Let late events land in this case's log (they are logged into r.log whenever they come).
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  current = null
  await new Promise((resolve) => setTimeout(resolve, 20))
  const loaded = Object.keys(require.cache)
    .filter((f) => f.startsWith(libsDir) && /[\\/]readable-stream[\\/]/.test(f))
    .map((f) => path.relative(libsDir, f).split(/[\\/]readable-stream[\\/]/)[0] + '/readable-stream')
  process.stdout.write(JSON.stringify({ mode, results, mapped: globalThis.__hwMapped || [], loaded: [...new Set(loaded)] }) + '\n')
}

main().then(() => process.exit(0), (err) => { process.stderr.write(String(err && err.stack) + '\n'); process.exit(2) })
