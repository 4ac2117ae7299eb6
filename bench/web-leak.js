/**
 * Memory check of the web adapters: builds, uses and finishes 20,000 bridges of each kind per
 * round and prints the RSS after a full GC. Flat figures mean finished bridges are freed (js/web/
 * lets go of both sides when a bridge is done).
 * Run: node --expose-gc bench/web-leak.js
 */
import { loadHighwater } from './lib.js'

const hw = await loadHighwater()
if (!hw) process.exit(0)
const { Readable, Writable } = hw
if (typeof globalThis.gc !== 'function') {
  console.log('run with --expose-gc')
  process.exit(1)
}

const kinds = {
  'Readable.toWeb': async () => {
    const node = new Readable({ objectMode: true, read () { this.push(null) } })
    for await (const _ of Readable.toWeb(node));
  },
  'Readable.fromWeb': async () => {
    const web = new ReadableStream({ start (c) { c.enqueue('a'); c.close() } })
    for await (const _ of Readable.fromWeb(web, { objectMode: true }));
  },
  'Writable.toWeb': async () => {
    const node = new Writable({ objectMode: true, write (chunk, encoding, cb) { cb() } })
    const writer = Writable.toWeb(node).getWriter()
    await writer.write('x')
    await writer.close()
  },
  'Writable.fromWeb': async () => {
    const node = Writable.fromWeb(new WritableStream({ write () {} }), { objectMode: true })
    node.end('x')
    await new Promise((resolve) => node.on('close', resolve))
  }
}

const settle = async () => {
  globalThis.gc()
  await new Promise((resolve) => setTimeout(resolve, 100))
  globalThis.gc()
}
const mib = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0)

for (const [name, bridge] of Object.entries(kinds)) {
  const figures = []
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < 20000; i++) await bridge()
    await settle()
    figures.push(mib())
  }
  console.log(`${name.padEnd(17)} RSS after each 20,000 bridges (MiB): ${figures.join(', ')}`)
}
