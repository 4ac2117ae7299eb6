/**
 * Browser test: serves www/dist (built by `npm run build:www`) on 127.0.0.1 and opens it in Debian's
 * headless Chromium through playwright-core (tests/browser/chromium.js). tests.html: every scenario
 * it reports in window.__highwaterResults must be ok. index.html, the playground: two presets run
 * and checked by tests/browser/playground.js. No page may log an error. Saves
 * tests/artifacts/browser.png and tests/artifacts/playground.png.
 * Usage: node tests/browser/run.js [folder to serve, default www/dist]
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { launch } from './chromium.js'
import { checkPlayground } from './playground.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const served = path.resolve(process.argv[2] ?? path.join(root, 'www/dist'))
const artifacts = path.join(root, 'tests/artifacts')

for (const page of ['index.html', 'tests.html']) {
  if (!fs.existsSync(path.join(served, page))) {
    console.error(`browser: ${served}/${page} is missing; run npm run build:www first`)
    process.exit(1)
  }
}
fs.mkdirSync(artifacts, { recursive: true })

const browser = await launch(served)
const { problems } = browser
let results
try {
  const scenarios = await browser.open('tests.html')
  await scenarios.waitForFunction(() => window.__highwaterDone === true, null, { timeout: 30_000 })
    .catch(() => problems.push('tests.html never set window.__highwaterDone'))
  results = await scenarios.evaluate(() => window.__highwaterResults ?? [])
  if (results.length === 0) problems.push('tests.html reported no results')
  await scenarios.screenshot({ path: path.join(artifacts, 'browser.png'), fullPage: true })

  const playground = await browser.open('index.html')
  results.push(...await checkPlayground(playground, path.join(artifacts, 'playground.png'))
    .catch((err) => { problems.push(`playground: ${err.message}`); return [] }))
} finally {
  await browser.close()
}

for (const { name, ok, detail } of results) {
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${name}`)
  if (!ok) console.log(`  ${detail.replaceAll('\n', '\n  ')}`)
}
for (const problem of problems) console.log(`FAILED ${problem}`)
const passed = results.filter((r) => r.ok).length
const failed = results.length - passed + problems.length
console.log('browser: screenshots tests/artifacts/browser.png, tests/artifacts/playground.png')
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
