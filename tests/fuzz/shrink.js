// Shrinks a failing fuzz script to a small one that still fails: drops steps (large runs
// first, then one at a time), drops streams no step uses, and simplifies what is left.

import { compare } from './run.js';

/** Whether highwater still diverges from a deterministic node:stream on `script`. */
export async function fails(script) {
  const result = await compare(script);
  return result.deterministic && result.at >= 0;
}

/** The smaller variants of one stream config: options removed, implementations simplified. */
function simplerConfigs(config) {
  const variants = [];
  for (const key of Object.keys(config.options)) {
    const options = { ...config.options };
    delete options[key];
    variants.push({ ...config, options });
  }
  for (const key of ['final', 'flush', 'destroy', 'construct']) {
    if (config[key]) variants.push({ ...config, [key]: undefined });
  }
  for (const key of ['read', 'write', 'final', 'transform', 'flush', 'destroy', 'construct']) {
    const impl = config[key];
    if (!impl) continue;
    if (!['sync', 'never', 'throw'].includes(impl.timing)) variants.push({ ...config, [key]: { ...impl, timing: 'sync' } });
    if (impl.source?.length) {
      for (let i = 0; i < impl.source.length; i++) {
        variants.push({ ...config, [key]: { ...impl, source: impl.source.filter((_, j) => j !== i) } });
      }
    }
    if (impl.failAt >= 0) variants.push({ ...config, [key]: { ...impl, failAt: -1 } });
    if (impl.throwAt >= 0) variants.push({ ...config, [key]: { ...impl, throwAt: -1 } });
    if (impl.fail) variants.push({ ...config, [key]: { ...impl, fail: false } });
    if (impl.writev) variants.push({ ...config, [key]: { ...impl, writev: false } });
    if (impl.burst) variants.push({ ...config, [key]: { ...impl, burst: false } });
  }
  return variants.map((v) => JSON.parse(JSON.stringify(v)));
}

/** The script without stream `drop`, when no step uses it; stream numbers are renumbered. */
function withoutStream(script, drop) {
  const used = script.steps.some((s) => s.s === drop || s.to === drop || s.streams?.includes(drop));
  if (used) return null;
  const renumber = (i) => (i > drop ? i - 1 : i);
  const steps = script.steps.map((s) => {
    const copy = { ...s };
    if (copy.s !== undefined) copy.s = renumber(copy.s);
    if (copy.to !== undefined) copy.to = renumber(copy.to);
    if (copy.streams) copy.streams = copy.streams.map(renumber);
    return copy;
  });
  return { ...script, streams: script.streams.filter((_, i) => i !== drop), steps };
}

/**
 * Returns the smallest failing script found from a failing `script`.
 * `budget` bounds the number of candidate scripts tried.
 */
export async function shrink(script, budget = 400) {
  let best = script;
  let tries = 0;
  const attempt = async (candidate) => {
    if (!candidate || tries >= budget) return false;
    tries++;
    if (await fails(candidate)) {
      best = candidate;
      return true;
    }
    return false;
  };

  let progress = true;
  while (progress && tries < budget) {
    progress = false;
    // Steps: remove runs of decreasing length.
    for (let size = Math.max(1, best.steps.length >> 1); size >= 1; size >>= 1) {
      for (let start = 0; start < best.steps.length; ) {
        const steps = best.steps.filter((_, i) => i < start || i >= start + size);
        if (await attempt({ ...best, steps })) progress = true;
        else start += size;
      }
    }
    for (let i = best.streams.length - 1; i >= 0; i--) {
      if (await attempt(withoutStream(best, i))) progress = true;
    }
    for (let i = 0; i < best.streams.length; i++) {
      for (const config of simplerConfigs(best.streams[i])) {
        const streams = best.streams.map((c, j) => (j === i ? config : c));
        if (await attempt({ ...best, streams })) {
          progress = true;
          break;
        }
      }
    }
    if (best.macro !== 'immediate' && (await attempt({ ...best, macro: 'immediate' }))) progress = true;
  }
  return best;
}
