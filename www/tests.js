/**
 * Scenario page (tests.html): runs the stream scenarios of tests/browser/scenarios.js against highwater and
 * shows each result. Sets window.__highwaterResults ([{ name, ok, detail }]) and
 * window.__highwaterDone for tests/browser/run.js.
 */
import * as highwater from 'highwater'
import { runScenarios } from '../tests/browser/scenarios.js'

const results = await runScenarios(highwater)
const list = document.getElementById('results')
for (const { name, ok, detail } of results) {
  const item = document.createElement('li')
  item.className = ok ? 'ok' : 'fail'
  item.textContent = name
  const pre = document.createElement('pre')
  pre.textContent = detail
  item.append(pre)
  list.append(item)
}
const passed = results.filter((r) => r.ok).length
document.getElementById('summary').textContent = `${passed} of ${results.length} scenarios match Node.`
window.__highwaterResults = results
window.__highwaterDone = true
