// Real libraries on highwater (tests/libs/run.js): each documented behaviour of concat-stream@2,
// from2@2, split2@4, split2@2, through2@2, through2@4, duplexify@4 and bl@6 is one test, which passes
// when the library logs the same values, events and errors with its stream module resolved to
// highwater as with it resolved to Node 26's node:stream. The pinned libraries are installed once
// into .cache/libs (tests/libs/install.js).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { diffLogs, runAll } from './libs/run.js'

const { cases, problems } = await runAll()

test('libs: each mode runs the libraries on the stream module it names', () => {
  assert.deepEqual(problems, [])
  assert.ok(cases.length >= 80, `only ${cases.length} cases ran`)
})

for (const c of cases) {
  test(`libs: ${c.id}`, () => {
    assert.ok(c.node && c.node.length, 'the case logged nothing on node:stream')
    if (!c.pass) assert.fail(`highwater differs from node:stream\n${diffLogs(c.node, c.highwater)}`)
  })
}
