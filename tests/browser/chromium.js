/**
 * The browser tests' launcher: serves a folder on 127.0.0.1 and opens Debian's headless Chromium
 * through playwright-core. `problems` collects every 404, console error, page error and failed
 * request of the pages opened with `open`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { serve } from '../../scripts/serve.js'

/** Resolves to { url, open(page path), close(), problems }. */
export async function launch (folder) {
  const problems = []
  const { server, url } = await serve(folder, 0, (missing) => problems.push(`not found: ${missing}`))
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'highwater-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  return {
    url,
    problems,
    /** A new tab at `page` (relative to `url`, or a full URL of another server), watched for errors. */
    async open (page) {
      const tab = await context.newPage()
      tab.on('console', (msg) => { if (msg.type() === 'error') problems.push(`${page}: console error: ${msg.text()}`) })
      tab.on('pageerror', (err) => problems.push(`${page}: page error: ${err.stack || err.message || err}`))
      tab.on('requestfailed', (req) => problems.push(`${page}: request failed: ${req.url()}`))
      await tab.goto(new URL(page, url).href)
      return tab
    },
    async close () {
      await context.close()
      server.close()
      fs.rmSync(profile, { recursive: true, force: true })
    }
  }
}
