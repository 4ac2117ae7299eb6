// Random stream scripts for differential fuzzing. A script is plain JSON: the streams to
// build (kind, options, how their _read/_write/_transform/... behave) and the steps to run on
// them. The same seed always gives the same script.

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** True with probability p. */
    chance: (p) => next() < p,
    /** An integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** One element of a list. */
    pick: (list) => list[Math.floor(next() * list.length)],
    /** One key of {key: weight}, chosen by weight. */
    weighted(weights) {
      const entries = Object.entries(weights);
      let x = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, w] of entries) {
        x -= w;
        if (x < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
  };
}

export const kinds = ['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough'];

/** Whether a stream of this kind has a readable side / a writable side. */
export const hasReadable = (kind) => kind !== 'Writable';
export const hasWritable = (kind) => kind !== 'Readable';

/**
 * When a callback of an implementation runs: at once, on a nextTick, on a microtask, or on
 * the script's macrotask (setImmediate or setTimeout 0; one kind per script, because the
 * order between an immediate and a timer is a race).
 */
const timings = ['sync', 'tick', 'micro', 'macro'];

const byteTexts = ['a', 'bc', 'déf', '', 'xyz12', '€'];
const objectValues = [0, 1, 7, 'a', 'bc', '', { k: 1 }, [2, 3], false];
const encodings = ['utf8', 'hex', 'base64', 'latin1', 'utf16le'];

/**
 * A chunk as JSON: {t: 'b'} a Buffer of the UTF-8 text v, {t: 'u'} a plain Uint8Array of it,
 * {t: 's'} the string v, {t: 'v'} the value v.
 */
function chunk(r, objectMode) {
  if (objectMode) return { t: 'v', v: r.pick(objectValues) };
  if (r.chance(0.03)) return { t: 'v', v: r.pick([5, { k: 1 }, true]) }; // invalid in byte mode
  return { t: r.pick(['b', 'b', 'u', 's', 's']), v: r.pick(byteTexts) };
}

/** A random stream: its kind, options, implementations and what its chunks are. */
function streamConfig(r) {
  const kind = r.pick(kinds);
  const options = {};
  if (r.chance(0.25)) options.objectMode = true;
  else if ((kind === 'Duplex' || kind === 'Transform') && r.chance(0.15)) {
    options[r.pick(['readableObjectMode', 'writableObjectMode'])] = true;
  }
  if (r.chance(0.5)) options.highWaterMark = r.pick([0, 1, 2, 3, 5, 16]);
  else if ((kind === 'Duplex' || kind === 'Transform') && r.chance(0.2)) {
    options[r.pick(['readableHighWaterMark', 'writableHighWaterMark'])] = r.pick([0, 1, 3]);
  }
  if (hasReadable(kind) && r.chance(0.1)) options.encoding = r.pick(encodings);
  if (hasWritable(kind) && r.chance(0.2)) options.decodeStrings = false;
  if (hasWritable(kind) && r.chance(0.1)) options.defaultEncoding = r.pick(encodings);
  if (r.chance(0.1)) options.emitClose = false;
  if (r.chance(0.1)) options.autoDestroy = false;
  if ((kind === 'Duplex' || kind === 'Transform' || kind === 'PassThrough') && r.chance(0.2)) {
    options.allowHalfOpen = false;
  }
  const config = { kind, options };
  const rObj = hasReadable(kind) && Boolean(options.objectMode || options.readableObjectMode);
  const wObj = hasWritable(kind) && Boolean(options.objectMode || options.writableObjectMode);
  if (kind === 'Readable' || kind === 'Duplex') {
    config.read = {
      timing: r.chance(0.15) ? 'never' : r.chance(0.04) ? 'throw' : r.pick(timings),
      source: Array.from({ length: r.int(0, 4) }, () => chunk(r, rObj)),
      end: r.chance(0.6),
      burst: r.chance(0.2),
    };
  }
  if (kind === 'Writable' || kind === 'Duplex') {
    config.write = {
      timing: r.pick(timings),
      failAt: r.chance(0.15) ? r.int(0, 3) : -1,
      throwAt: r.chance(0.05) ? r.int(0, 2) : -1,
      writev: r.chance(0.2),
    };
  }
  if (hasWritable(kind) && kind !== 'PassThrough' && r.chance(0.3)) {
    config.final = { timing: r.pick(timings), fail: r.chance(0.2) };
  }
  if (kind === 'Transform') {
    config.transform = {
      timing: r.pick(timings),
      mode: r.pick(['same', 'twice', 'drop', 'push']),
      failAt: r.chance(0.15) ? r.int(0, 3) : -1,
    };
    if (r.chance(0.3)) {
      config.flush = { timing: r.pick(timings), push: r.chance(0.6) ? chunk(r, rObj) : null, fail: r.chance(0.15) };
    }
  }
  if (kind !== 'PassThrough' && r.chance(0.15)) config.destroy = { timing: r.pick(timings) };
  if (kind !== 'PassThrough' && r.chance(0.1)) config.construct = { timing: r.pick(timings), fail: r.chance(0.2) };
  if (r.chance(0.1)) config.signal = true;
  config.chunks = { readable: rObj, writable: wObj };
  return config;
}

/** Listener variants per event: what the listener does besides logging. */
const listenerVariants = {
  data: ['log', 'log', 'pause', 'read'],
  readable: ['log', 'drain', 'one'],
  end: ['log'],
  finish: ['log'],
  drain: ['log', 'write'],
  error: ['log'],
  close: ['log'],
};

/** Whether stream `to` reaches stream `from` through the `flows` (pipe/pipeline) so far. */
function reaches(flows, to, from) {
  const seen = new Set();
  const visit = (i) => i === from || (!seen.has(i) && (seen.add(i), flows.some(([a, b]) => a === i && visit(b))));
  return visit(to);
}

/**
 * One random step. `flows` lists the [from, to] pipes so far: a new one never closes a
 * cycle, where data would go round forever (on ticks, so that no timer ever runs again).
 */
function step(r, streams, flows) {
  const ids = streams.map((_, i) => i);
  // Most steps act on stream 0, so that one stream sees long sequences.
  const s = r.chance(0.5) ? 0 : r.pick(ids);
  const { kind, chunks } = streams[s];
  const targets = ids.filter((t) => t !== s && hasWritable(streams[t].kind) && !reaches(flows, t, s));
  const ops = { wait: 6, destroy: 0.6, on: 3, off: 1, finished: 0.4 };
  if (streams[s].signal) ops.abort = 0.6;
  if (hasReadable(kind)) {
    Object.assign(ops, { push: 3, unshift: 0.5, read: 3, pause: 1, resume: 1.5, removeAll: 0.3, iterate: 0.3 });
    // Not on an object-mode side: there Node's setEncoding sets the length to the characters
    // buffered while reads count 1 per chunk, leaving a length with nothing buffered.
    if (!chunks.readable) ops.setEncoding = 0.4;
    if (targets.length) Object.assign(ops, { pipe: 1.2, unpipe: 0.4 });
  }
  if (hasWritable(kind)) Object.assign(ops, { write: 4, end: 1.2, cork: 0.6, uncork: 0.6, setDefaultEncoding: 0.2 });
  if (streams.length > 1) ops.pipeline = 0.4;
  const op = r.weighted(ops);
  switch (op) {
    case 'wait':
      return { op, kind: r.pick(['micro', 'tick', 'macro', 'macro']) };
    case 'destroy':
      return { op, s, error: r.chance(0.5) };
    case 'abort':
    case 'finished':
      return { op, s };
    case 'removeAll':
      return { op, s, event: r.pick(['data', 'readable']) };
    case 'iterate':
      return { op, s, take: r.pick([1, 2, Infinity]) };
    case 'on': {
      const events = ['error', 'close'];
      if (hasReadable(kind)) events.push('data', 'data', 'readable', 'end');
      if (hasWritable(kind)) events.push('finish', 'drain');
      const event = r.pick(events);
      return { op, s, event, variant: r.pick(listenerVariants[event]) };
    }
    case 'off': {
      const events = ['error', 'close'];
      if (hasReadable(kind)) events.push('data', 'readable', 'end');
      if (hasWritable(kind)) events.push('finish', 'drain');
      return { op, s, event: r.pick(events) };
    }
    case 'push':
      return { op, s, chunk: r.chance(0.15) ? null : chunk(r, chunks.readable) };
    case 'unshift':
      return { op, s, chunk: chunk(r, chunks.readable) };
    case 'read':
      return { op, s, n: r.pick([null, null, 0, 1, 2, 3, 5, 100]) };
    case 'pause':
    case 'resume':
    case 'cork':
    case 'uncork':
      return { op, s };
    case 'setEncoding':
    case 'setDefaultEncoding':
      return { op, s, encoding: r.pick(encodings) };
    case 'pipe': {
      const to = r.pick(targets);
      flows.push([s, to]);
      return { op, s, to, end: r.chance(0.8) };
    }
    case 'unpipe':
      return r.chance(0.3) ? { op, s } : { op, s, to: r.pick(targets) };
    case 'write':
      return {
        op, s, chunk: chunk(r, chunks.writable),
        encoding: r.chance(0.15) ? r.pick(encodings) : undefined,
        callback: r.chance(0.6),
      };
    case 'end':
      return { op, s, chunk: r.chance(0.3) ? chunk(r, chunks.writable) : undefined, callback: r.chance(0.5) };
    case 'pipeline':
      return pipelineStep(r, streams, flows);
  }
  throw new Error(`unknown op ${op}`);
}

/** A pipeline over 2 or 3 distinct streams: readable first, duplex in the middle, writable last. */
function pipelineStep(r, streams, flows) {
  const ids = streams.map((_, i) => i);
  const firsts = ids.filter((i) => hasReadable(streams[i].kind));
  if (firsts.length === 0) return { op: 'wait', kind: 'tick' };
  const first = r.pick(firsts);
  const lasts = ids.filter((i) => i !== first && hasWritable(streams[i].kind) && !reaches(flows, i, first));
  if (lasts.length === 0) return { op: 'wait', kind: 'tick' };
  const last = r.pick(lasts);
  const chain = [first];
  const middles = ids.filter((i) => i !== first && i !== last && hasReadable(streams[i].kind) && hasWritable(streams[i].kind)
    && !reaches(flows, i, first) && !reaches(flows, last, i));
  if (middles.length && r.chance(0.5)) chain.push(r.pick(middles));
  chain.push(last);
  for (let i = 1; i < chain.length; i++) flows.push([chain[i - 1], chain[i]]);
  return { op: 'pipeline', streams: chain };
}

/** The script for one seed: 1 to 3 streams and 1 to 40 steps. */
export function generate(seed) {
  const r = random(seed);
  const macro = r.pick(['immediate', 'timeout']);
  const count = Number(r.weighted({ 1: 4, 2: 4, 3: 2 }));
  const streams = Array.from({ length: count }, () => streamConfig(r));
  const flows = [];
  const steps = Array.from({ length: r.int(1, 40) }, () => step(r, streams, flows));
  return { seed, macro, streams, steps };
}
