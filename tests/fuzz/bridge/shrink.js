// Shrinks a failing bridge script, the way tests/fuzz/shrink.js does for Node-side scripts
// (greedy: keep any smaller variant that still fails the same way, until none does): fewer
// chunks, fewer stages, no fault, simpler source/sink/strategies/options.

/** The smaller variants of a script, smallest changes last. */
function variants(s) {
  const out = [];
  const put = (patch) => out.push(JSON.parse(JSON.stringify({ ...s, ...patch })));
  for (let size = s.chunks.length >> 1; size >= 1; size >>= 1) {
    for (let start = 0; start + size <= s.chunks.length; start += size) {
      put({ chunks: s.chunks.filter((_, i) => i < start || i >= start + size) });
    }
  }
  s.stages.forEach((_, i) => put({ stages: s.stages.filter((__, j) => j !== i) }));
  if (s.fault) put({ fault: null });
  if (s.fault?.at > 0) put({ fault: { ...s.fault, at: s.fault.at - 1 } });
  for (const key of ['preventClose', 'preventAbort', 'preventCancel', 'signal']) {
    if (s.pipeTo[key]) put({ pipeTo: { ...s.pipeTo, [key]: false } });
  }
  for (const key of ['strategy', 'toWebStrategy']) if (s.source[key]) put({ source: { ...s.source, [key]: null } });
  if (s.source.speed !== 'fast') put({ source: { ...s.source, speed: 'fast' } });
  if (s.source.hwm !== undefined) put({ source: { ...s.source, hwm: undefined } });
  if (s.sink.speed !== 'fast') put({ sink: { ...s.sink, speed: 'fast' } });
  if (s.sink.hwm !== undefined) put({ sink: { ...s.sink, hwm: undefined } });
  if (s.sink.strategy) put({ sink: { ...s.sink, strategy: null } });
  if (s.fromWebHwm !== undefined) put({ fromWebHwm: undefined });
  // The later additions: BYOB, byte streams, Duplex stages back to the plainer kinds.
  if (s.sink.byob) put({ sink: { ...s.sink, byob: false } });
  if (s.source.toWebType) put({ source: { ...s.source, toWebType: undefined } });
  if (s.source.type === 'web-bytes') put({ source: { ...s.source, type: 'web-readable', byobFill: undefined } });
  if (s.source.byobFill) put({ source: { ...s.source, byobFill: false } });
  s.stages.forEach((stage, i) => {
    const plainer = { 'duplex-toweb': 'transform-toweb', 'duplex-fromweb': 'node-transform' }[stage.type];
    if (plainer) put({ stages: s.stages.map((x, j) => (j === i ? { type: plainer, hwm: x.hwm } : x)) });
  });
  s.stages.forEach((stage, i) => {
    for (const key of ['hwm', 'writableStrategy', 'readableStrategy']) {
      if (stage[key] !== undefined && stage[key] !== null) {
        put({ stages: s.stages.map((x, j) => (j === i ? { ...x, [key]: undefined } : x)) });
      }
    }
  });
  return out.map((v) => JSON.parse(JSON.stringify(v)));
}

/** The smallest script found from `script` for which `fails` (async) still says true. */
export async function shrink(script, fails, budget = 300) {
  let best = script;
  let tries = 0;
  let progress = true;
  while (progress && tries < budget) {
    progress = false;
    for (const candidate of variants(best)) {
      if (tries++ >= budget) break;
      if (await fails(candidate)) {
        best = candidate;
        progress = true;
        break;
      }
    }
  }
  return best;
}
