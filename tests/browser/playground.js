/**
 * Browser check of the playground page (index.html): runs two presets through the form, then
 * checks that every way delivered all data, that each of its charts received points, and that the
 * readouts are consistent where highwater keeps one buffer (the Node-style and bridged ways):
 * nothing buffered below 0 or above its highWaterMark plus one chunk, and every desiredSize read
 * from an API equal to highWaterMark - buffered. Saves a screenshot. Resolves to
 * [{ name, ok, detail }] like the scenario page's results.
 */

export const playgroundPresets = ['slow-consumer', 'objects']

/** The most a stage may hold: its highWaterMark plus one chunk; toWeb has no queue of its own but a read in flight at each end. */
function bound (stage, chunk) {
  return stage.hwm === null ? 2 * chunk : stage.hwm + chunk
}

// A Node-style Transform's readable side may run past highWaterMark plus one chunk: when read()
// asks for more, the Transform takes the writes buffered meanwhile (node:stream shows the same
// peaks; `npm run compare`), so 'transform out' is only checked for consistency, not for the bound.
const unbounded = new Set(['transform out'])

/** The problems in one way's result. */
function check (wayId, result, sc) {
  const problems = []
  if (!result.ok) problems.push(`did not deliver all data: ${result.problem}`)
  for (const [chart, points] of Object.entries(result.points)) {
    if (!(points > 0)) problems.push(`chart ${chart} received no data`)
  }
  if (result.samples.length === 0) problems.push('no samples')
  if (wayId === 'web') return problems // native pipeTo holds more than one buffer: nothing to bound
  const chunk = sc.objectMode ? 1 : sc.chunkSize
  for (const sample of result.samples) {
    for (const stage of sample.stages) {
      const at = `${stage.name} at ${Math.round(sample.t)} ms`
      if (stage.buffered < 0) problems.push(`${at}: buffered ${stage.buffered} < 0`)
      if (!unbounded.has(stage.name) && stage.buffered > bound(stage, chunk)) {
        problems.push(`${at}: buffered ${stage.buffered} > ${bound(stage, chunk)}`)
      }
      if (stage.api && stage.desired !== stage.hwm - stage.buffered) {
        problems.push(`${at}: desiredSize ${stage.desired} but highWaterMark ${stage.hwm} - buffered ${stage.buffered}`)
      }
    }
  }
  for (const stage of result.stages) {
    if (!unbounded.has(stage.name) && stage.peak > bound(stage, chunk)) {
      problems.push(`${stage.name}: peak ${stage.peak} > ${bound(stage, chunk)}`)
    }
  }
  return problems.slice(0, 5)
}

/** Runs the presets on `page` (the playground, loaded) and saves `screenshot`. */
export async function checkPlayground (page, screenshot) {
  await page.waitForFunction(() => window.__playground?.ready === true, null, { timeout: 30_000 })
  const results = []
  for (const [index, preset] of playgroundPresets.entries()) {
    await page.selectOption('#preset', preset)
    await page.click('#run')
    await page.waitForFunction((n) => window.__playground.runs.length === n, index + 1, { timeout: 60_000 })
    const run = await page.evaluate((n) => window.__playground.runs[n], index)
    for (const wayId of ['node', 'web', 'bridge']) {
      const result = run.ways[wayId]
      const problems = result ? check(wayId, result, run.scenario) : ['the page did not run this way']
      const peaks = result?.stages.map((s) => `${s.name} ${s.peak}`).join(', ')
      results.push({
        name: `playground ${preset}, ${wayId}: all delivered, charts filled, readouts consistent`,
        ok: problems.length === 0,
        detail: problems.length ? problems.join('\n') : `peaks: ${peaks}`
      })
    }
  }
  await page.screenshot({ path: screenshot, fullPage: true })
  return results
}
