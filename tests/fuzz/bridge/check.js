// One bridge script through highwater (invariants) and through node:stream's own adapters
// (the differential, where Node's adapters are right). See README.md beside this file.

import './node-env.js';
import { runGuarded, deliveredOf, nodeWebStreamsBug, checkHighwater } from './run.js';

/**
 * Differences from node:stream that are not highwater bugs, each with its reason; a script they
 * apply to is compared on what is left. Returns the reasons that apply to the pair of runs.
 */
export function exclusions(script, node, hw) {
  const out = [];
  if (node.log.some((e) => (e[0] === 'uncaught' || e[0] === 'unhandled rejection') && !nodeWebStreamsBug(e))) {
    out.push('node:stream threw uncaught or left an unhandled rejection (a known Node adapter bug class: issue 15)');
  }
  if (node.hung) out.push('node:stream never settled (Node adapter bug)');
  if (hw?.byob && ['throw-write', 'cancel', 'abort', 'drop'].includes(script.fault?.type)) {
    // The fault triggers on the n-th chunk the consumer gets, and a BYOB read takes every queued
    // byte that fits its view: where the chunks split depends on how much each library queued
    // (two buffers in Node's adapter, one here), so whether the fault is reached differs.
    out.push('BYOB reader with a fault counted in chunks: chunk boundaries differ by design (buffering)');
  }
  if ([...node.log, ...(hw?.log ?? [])].some(nodeWebStreamsBug)) out.push('Node\'s own pipeTo failed an internal assertion (ERR_INTERNAL_ASSERTION in node:internal/webstreams, preventCancel after the destination errored): not highwater\'s');
  return out;
}

/** The longest run of empty byte chunks in a row. */
export function emptyRun(script) {
  let run = 0;
  let best = 0;
  for (const c of script.chunks) {
    run = c.t === 'b' && c.v === '' ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** What the differential compares: data (only without a fault: with one, how much gets through depends on how much each buffers, two buffers in Node, one here) and how the sink end finished. */
function comparable(script, result) {
  const out = { sink: result.sink.state };
  if (!script.fault) out.delivered = deliveredOf(script, result);
  return out;
}

/**
 * Checks one script; returns {violations, divergence, excluded, hw, node}.
 * `collect`: also wait (full GCs) until every stream of the run was collected, for every script
 * (a dropped chain always is): slower, so the CI test checks that once per batch instead.
 */
export async function check(script, { differential = true, collect = false } = {}) {
  const { violations, hw } = await checkHighwater(script, { collect });
  let divergence = null;
  let excluded = [];
  let node = null;
  if (differential) {
    node = await runGuarded('node', script);
    excluded = exclusions(script, node, hw);
    if (hw.hung && node.hung && emptyRun(script) > 0 && JSON.stringify(deliveredOf(script, hw)) === JSON.stringify(deliveredOf(script, node))) {
      // node:stream stalls the same way, after the same data: an empty push schedules no further
      // `_read` (Node's docs: "empty data ... will not cause readable._read() to be called"), and
      // maybeReadMore_ stops after a read(0) that added nothing; how many empty chunks it gets
      // through depends on the highWaterMark (two at 0, four at the default in a row).
      const i = violations.indexOf('hung: the sink end never finished nor errored');
      violations.splice(i, 1);
      excluded = [...excluded, 'hang after empty chunks where node:stream hangs after the same data (Node semantics)'];
    }
    if (hw.hung && !node.hung && hw.source.lastEmpty && hw.source.paused && !hw.source.ended) {
      // The Node-side source stalled on its own empty chunks after backpressure paused it: with
      // one buffer (README) a bridge pushes back on the Node side where Node's adapter, with a
      // queue of its own, keeps it flowing, and how many more `_read`s an empty push gets (Node's
      // docs: none are asked for) depends on that pacing (campaign seed 873058).
      const i = violations.indexOf('hung: the sink end never finished nor errored');
      violations.splice(i, 1);
      excluded = [...excluded, 'hang: the source stalled on its own empty chunks after backpressure paused it (pacing differs by buffering)'];
    }
    if (!excluded.length) {
      const a = comparable(script, hw);
      const b = comparable(script, node);
      if (JSON.stringify(a) !== JSON.stringify(b)) divergence = { highwater: a, node: b };
    }
  }
  return { violations, divergence, excluded, hw, node };
}

/** What kind of failure a check found (numbers masked), or null when it passed. */
export function signature(r) {
  if (r.violations.length) return `violation: ${r.violations[0].replace(/-?[0-9]+/g, 'N').replace(/null/g, 'N')}`;
  if (r.divergence) return `divergence: highwater ${JSON.stringify({ sink: r.divergence.highwater.sink })} / node ${JSON.stringify({ sink: r.divergence.node.sink })}${'delivered' in r.divergence.node && r.divergence.node.delivered !== r.divergence.highwater.delivered ? ' (data)' : ''}`;
  return null;
}

/** Whether a script fails in the same way as `first` (for the shrinker). */
export function failsLike(first) {
  const want = signature(first);
  return async (script) => want !== null && signature(await check(script, { collect: true })) === want;
}
