// The demo page's scenarios in Node: their expected logs must be what node:stream (Node 26) does,
// and highwater must produce the same logs in Node as it does in the browser.
import assert from 'node:assert/strict'
import * as stream from 'node:stream'
import { test } from 'node:test'
import { compositionScenarios, scenarios, webScenarios, writableScenarios } from './scenarios.js'

const isNode26 = Number(process.versions.node.split('.')[0]) >= 26

/**
 * Node 26's node:stream and highwater must both log `expected` (Node logs `nodeExpected` where
 * highwater differs on purpose; `nodeSkip` says why node:stream cannot run it); `pick` chooses
 * what `run` gets.
 */
function compare ({ name, expected, nodeExpected = expected, nodeSkip, run }, pick) {
  test(`node:stream: ${name}`, { skip: nodeSkip ?? (!isNode26 && 'the expected logs are Node 26 behaviour') }, async () => {
    assert.deepEqual(await run(pick(stream)), nodeExpected)
  })

  test(`highwater: ${name}`, async () => {
    assert.deepEqual(await run(pick(await import('highwater'))), expected)
  })
}

for (const scenario of scenarios) compare(scenario, (streams) => streams.Readable)
for (const scenario of writableScenarios) compare(scenario, (streams) => streams)
for (const scenario of webScenarios) compare(scenario, (streams) => streams)
for (const scenario of compositionScenarios) compare(scenario, (streams) => streams)
