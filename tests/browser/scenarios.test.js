// The demo page's scenarios in Node: their expected logs must be what node:stream (Node 26) does,
// and highwater must produce the same logs in Node as it does in the browser.
import assert from 'node:assert/strict'
import * as stream from 'node:stream'
import { test } from 'node:test'
import { scenarios } from './scenarios.js'

const isNode26 = Number(process.versions.node.split('.')[0]) >= 26

for (const { name, expected, run } of scenarios) {
  test(`node:stream: ${name}`, { skip: !isNode26 && 'the expected logs are Node 26 behaviour' }, async () => {
    assert.deepEqual(await run(stream.Readable), expected)
  })

  test(`highwater: ${name}`, async () => {
    const { Readable } = await import('highwater')
    assert.deepEqual(await run(Readable), expected)
  })
}
