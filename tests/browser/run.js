/**
 * Browser test: serves www/dist (built by `npm run build:www`) on 127.0.0.1, opens it in Debian's
 * headless Chromium through playwright-core, and checks that the page logs no error and that every
 * scenario it reports in window.__highwaterResults is ok. Saves tests/artifacts/browser.png.
 * Usage: node tests/browser/run.js [folder to serve, default www/dist]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { serve } from '../../scripts/serve.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const served = path.resolve(process.argv[2] ?? path.join(root, 'www/dist'))
const screenshot = path.join(root, 'tests/artifacts/browser.png')

if (!fs.existsSync(path.join(served, 'index.html'))) {
  console.error(`browser: ${served}/index.html is missing; run npm run build:www first`)
  process.exit(1)
}

const problems = []
const { server, url } = await serve(served, 0, (missing) => problems.push(`not found: ${missing}`))

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'highwater-chromium-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync']
})

let results = []
try {
  const page = context.pages()[0] ?? await context.newPage()
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`) })
  page.on('pageerror', (err) => problems.push(`page error: ${err.stack ?? err}`))
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`))
  await page.goto(url)
  await page.waitForFunction(() => window.__highwaterDone === true, null, { timeout: 30_000 })
    .catch(() => problems.push('page never set window.__highwaterDone'))
  results = await page.evaluate(() => window.__highwaterResults ?? [])
  fs.mkdirSync(path.dirname(screenshot), { recursive: true })
  await page.screenshot({ path: screenshot, fullPage: true })
} finally {
  await context.close()
  server.close()
  fs.rmSync(profile, { recursive: true, force: true })
}

if (results.length === 0) problems.push('the page reported no results')
for (const { name, ok, detail } of results) {
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${name}`)
  if (!ok) console.log(`  ${detail}`)
}
for (const problem of problems) console.log(`FAILED ${problem}`)
const passed = results.filter((r) => r.ok).length
const failed = results.length - passed + problems.length
console.log(`browser: screenshot ${path.relative(root, screenshot)}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
