/**
 * The playground page: runs a scenario of compare/engine.js three ways at once (highwater
 * Node-style, native web streams, the highwater bridge) and charts each way's samples. Each
 * finished run is appended to window.__playground.runs for tests/browser/run.js.
 */
import * as highwater from 'highwater';
import { presets, scenario, runScenario, stopSignals, goSignals } from '../compare/engine.js';
import { Chart } from './charts.js';

const ways = [
  {
    id: 'node',
    title: 'highwater, Node-style',
    kind: 'node',
    lib: highwater,
    chain: (sc) => `Readable (push) → ${sc.transform ? 'Transform → ' : ''}Writable, by pipeline(); pipe counts write() === false and waits for 'drain'`,
  },
  {
    id: 'web',
    title: 'native Web Streams',
    kind: 'web',
    chain: (sc) => `ReadableStream (pull) → ${sc.transform ? 'pipeThrough(TransformStream) → ' : ''}pipeTo(WritableStream); pipeTo hides the writer, so the sink's queue is counted`,
  },
  {
    id: 'bridge',
    title: 'bridged through highwater',
    kind: 'bridge',
    lib: highwater,
    chain: (sc) => `ReadableStream → Readable.fromWeb → ${sc.transform ? 'Transform → ' : ''}Readable.toWeb → writer loop (awaits writer.ready) → WritableStream`,
  },
];

const form = document.getElementById('scenario');
const select = document.getElementById('preset');
const log = document.getElementById('log');
const fields = ['chunks', 'chunkSize', 'highWaterMark', 'producerRate', 'burst', 'consumerRate'];
const flags = ['objectMode', 'transform'];

for (const [name, preset] of Object.entries(presets)) select.add(new Option(preset.label, name));
select.add(new Option('custom', 'custom'));

/** Fills the form with a preset's scenario. */
function show(name) {
  const sc = scenario(name);
  for (const field of fields) form.elements[field].value = sc[field];
  for (const flag of flags) form.elements[flag].checked = sc[flag];
}
select.addEventListener('change', () => { if (select.value !== 'custom') show(select.value); });
form.addEventListener('input', (event) => { if (event.target !== select) select.value = 'custom'; });
show(select.value);

/** The scenario the form describes. */
function read() {
  const sc = {};
  for (const field of fields) sc[field] = Math.max(0, Number(form.elements[field].value) || 0);
  for (const flag of flags) sc[flag] = form.elements[flag].checked;
  return scenario(sc);
}

// One column per way: a heading, its chain, a status line and four charts.
for (const way of ways) {
  const column = document.createElement('section');
  column.className = 'way';
  column.innerHTML = '<h2></h2><div class="chain"></div><div class="status">not run yet</div>';
  column.querySelector('h2').textContent = way.title;
  way.column = column;
  way.charts = {};
  for (const name of ['buffered', 'desired', 'signals', 'throughput']) {
    const canvas = document.createElement('canvas');
    canvas.dataset.way = way.id;
    canvas.dataset.chart = name;
    column.append(canvas);
    way.charts[name] = canvas;
  }
  document.getElementById('ways').append(column);
}

let lines = [];
let logPending = false;
/** Appends a line to the event log (the last 400 lines are shown). */
function note(line) {
  lines.push(line);
  if (logPending) return;
  logPending = true;
  requestAnimationFrame(() => {
    logPending = false;
    lines = lines.slice(-400);
    log.textContent = lines.join('\n');
    log.scrollTop = log.scrollHeight;
  });
}

/** Runs one way of `sc`, feeding its charts; resolves to the engine's result plus chart point counts. */
async function runWay(way, sc) {
  const unit = sc.objectMode ? 'objects' : 'B';
  const amount = (v) => (sc.objectMode || Math.abs(v) < 1024 ? `${Math.round(v)}` : `${(v / 1024).toFixed(1)}K`);
  const charts = {
    buffered: new Chart(way.charts.buffered, `buffered (${unit})`, amount),
    desired: new Chart(way.charts.desired, 'desiredSize', amount),
    signals: new Chart(way.charts.signals, 'signals so far', (v) => String(Math.round(v))),
    throughput: new Chart(way.charts.throughput, `throughput (${unit}/s)`, amount),
  };
  charts.buffered.reset([{ label: `highWaterMark ${sc.highWaterMark}`, value: sc.highWaterMark }]);
  charts.desired.reset([{ label: '0', value: 0 }]);
  charts.signals.reset();
  charts.throughput.reset();
  way.column.querySelector('.chain').textContent = way.chain(sc);
  const status = way.column.querySelector('.status');
  status.className = 'status';
  status.textContent = 'running…';
  const onSample = (sample) => {
    for (const stage of sample.stages) {
      charts.buffered.add(stage.name, sample.t, stage.buffered);
      charts.desired.add(stage.name, sample.t, stage.desired);
    }
    const types = [...stopSignals, ...goSignals];
    charts.signals.add('all', sample.t, types.reduce((sum, type) => sum + sample.signals[type], 0));
    for (const type of types) {
      if (sample.signals[type] || charts.signals.series.has(type)) charts.signals.add(type, sample.t, sample.signals[type]);
    }
    charts.throughput.add('in', sample.t, sample.rateIn);
    charts.throughput.add('out', sample.t, sample.rateOut);
  };
  const onEvent = ({ t, stage, type }) => note(`${(t / 1000).toFixed(3)} s  ${way.id.padEnd(6)}  ${stage}: ${type}`);
  const result = await runScenario(way.kind, sc, { lib: way.lib, onSample, onEvent, sampleMs: 40 });
  status.className = `status ${result.ok ? 'ok' : 'fail'}`;
  status.textContent = result.ok
    ? `done in ${result.seconds.toFixed(2)} s, all data delivered in order`
    : `FAILED: ${result.problem}`;
  const points = Object.fromEntries(Object.entries(charts).map(([name, chart]) => [name, chart.points]));
  return { ...result, points };
}

/** The summary table of a finished run. */
function summarize(sc, results) {
  const unit = sc.objectMode ? 'objects' : 'bytes';
  const table = document.createElement('table');
  table.innerHTML = `<tr><th>way</th><th>delivered</th><th>seconds</th><th>throughput (${unit}/s)</th>` +
    `<th>peak buffered per stage / highWaterMark (${unit})</th><th>backpressure signals</th></tr>`;
  ways.forEach((way, i) => {
    const r = results[i];
    const row = table.insertRow();
    const cells = [way.title, r.ok ? 'all, in order' : `FAILED: ${r.problem}`, r.seconds.toFixed(2),
      Math.round(r.throughput).toLocaleString('en-US'),
      r.stages.map((s) => `${s.name} ${s.peak}${s.hwm === null ? '' : ` / ${s.hwm}`}`).join('; '),
      Object.entries(r.signals).filter(([, n]) => n).map(([type, n]) => `${type} ${n}`).join(', ') || '-'];
    for (const text of cells) row.insertCell().textContent = text;
    if (!r.ok) row.cells[1].className = 'fail';
  });
  const box = document.getElementById('summary');
  box.replaceChildren(table);
}

window.__playground = { runs: [], running: false };
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (window.__playground.running) return;
  window.__playground.running = true;
  const button = document.getElementById('run');
  button.disabled = true;
  const sc = read();
  lines = [];
  note(`run: ${select.options[select.selectedIndex].text}, ${JSON.stringify(sc)}`);
  const results = await Promise.all(ways.map((way) => runWay(way, sc)));
  summarize(sc, results);
  window.__playground.runs.push({
    preset: select.value,
    scenario: sc,
    ways: Object.fromEntries(ways.map((way, i) => [way.id, results[i]])),
  });
  button.disabled = false;
  window.__playground.running = false;
});
window.__playground.ready = true;
