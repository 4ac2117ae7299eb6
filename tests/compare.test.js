// The comparison command (bin/highwater-compare.js, `npm run compare`): the shape of its output, and
// its delivery checks: a normal run delivers everything, a run that loses a chunk is reported as failed.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { presets } from '../compare/engine.js'

const bin = fileURLToPath(new URL('../bin/highwater-compare.js', import.meta.url))
const ways = ['node:stream', 'highwater', 'web streams', 'node:stream adapters', 'highwater adapters']

/** Runs the command; resolves to { code, stdout }. */
function compare (...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr })
    })
  })
}

/** The table rows: lines starting with a preset name. */
const rows = (stdout, names) => stdout.split('\n').filter((line) => names.some((name) => line.startsWith(`${name} `)))

test('the table has a row per preset and way, every run delivered all data', async () => {
  const names = ['slow-consumer', 'objects']
  const { code, stdout } = await compare('--quick', '--preset', names.join(','))
  assert.equal(code, 0, stdout)
  assert.match(stdout, /preset\s+way\s+seconds\s+throughput\s+peak buffered per stage\s+RSS\s+backpressure signals\s+delivered/)
  const table = rows(stdout, names)
  assert.equal(table.length, names.length * ways.length)
  for (const [i, line] of table.entries()) {
    const way = ways[i % ways.length]
    assert.ok(line.includes(` ${way} `), `row ${i} is ${way}: ${line}`)
    assert.match(line, / all$/)
    assert.match(line, /(KiB|obj)\/s/)
  }
  // Node-style ways report write() === false and 'drain'; highwater's bridge keeps no toWeb queue.
  const [nodeRow, highwaterRow] = table
  assert.match(nodeRow, /write false \d+, drain \d+/)
  assert.match(highwaterRow, /write false \d+, drain \d+/)
  assert.match(table[4], /toWeb [0-2]\.\d · /) // at most a read in flight at each end: 2 chunks of 1 KiB
  assert.match(stdout, /ok: all 10 runs delivered all data, in order/)
  assert.doesNotMatch(stdout, /FAIL/)
  // The event-order part: every canonical scenario, node:stream and highwater side by side.
  assert.match(stdout, /Event order: node:stream \| highwater/)
  assert.match(stdout, /Writable \(highWaterMark 2\): write\(\) === false, 'drain', end\(\), 'finish' \(same\)/)
  assert.match(stdout, /write\(b\) -> false\s+\| write\(b\) -> false/)
  assert.match(stdout, /Writable\.toWeb .*\n\s+desiredSize 2\s+\| desiredSize 2/)
  assert.match(stdout, /Readable\.toWeb /)
})

test('a run that loses a chunk fails loudly', async () => {
  const { code, stdout } = await compare('--quick', '--preset', 'objects,tiny-chunks', '--no-order', '--drop-chunk')
  assert.equal(code, 1, stdout)
  for (const way of ways) {
    assert.match(stdout, new RegExp(`FAIL objects / ${way}: object 37 expected, got \\{"i":38\\}`))
    assert.match(stdout, new RegExp(`FAIL tiny-chunks / ${way}: wrong byte at offset 8000`))
  }
  assert.equal(rows(stdout, ['objects', 'tiny-chunks']).filter((line) => line.endsWith(' FAIL')).length, 10)
  assert.match(stdout, /FAILED: 10 of 10 runs did not deliver all data/)
})

test('bad arguments are refused', async () => {
  assert.equal((await compare('--preset', 'nope')).code, 2)
  assert.equal((await compare('--bogus')).code, 2)
  assert.ok(Object.keys(presets).length >= 4)
})
