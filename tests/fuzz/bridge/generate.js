// Random bridge scripts (issue 15): a linear chain from a source to a sink that crosses between
// Node-style streams and WHATWG web streams through toWeb/fromWeb, with native web stages,
// strategies, chunk kinds, producer/consumer speeds and at most one fault. A script is plain
// JSON; the same seed always gives the same script.

import { random } from '../generate.js';

/** Chunk kinds: bytes run in byte mode (empty chunks among them), strings and objects in object mode. */
export const chunkKinds = ['bytes', 'strings', 'objects'];

const texts = ['a', 'bc', 'déf', 'xyz12', '€', 'hello world', ''];

function chunkValue(r, kind) {
  const text = r.pick(texts);
  if (kind === 'bytes') return { t: 'b', v: r.chance(0.1) ? '' : text };
  if (kind === 'strings') return { t: 's', v: text || 'e' };
  return { t: 'v', v: r.pick([{ k: 1 }, [2, 3], 0, 7, { s: text }, true]) };
}

/** A web strategy: none, CountQueuingStrategy, ByteLengthQueuingStrategy or a bare highWaterMark. */
function strategy(r, kind, least = 0) {
  const hwm = r.pick([0, 1, 2, 4, 16, 1024].filter((h) => h >= least));
  const which = r.weighted({ none: 3, count: 2, bytes: kind === 'bytes' ? 2 : 0, hwm: 2 });
  if (which === 'none') return null;
  return { kind: which, hwm };
}

/** A speed: fast (synchronous), slow (a macrotask per chunk) or bursty (several, then a pause). */
const speed = (r) => r.weighted({ fast: 3, slow: 2, bursty: 2 });

/**
 * One middle stage: a highwater/node Transform in the Node domain, a native TransformStream in
 * the web domain, or a Transform bridged with Transform.toWeb used with pipeThrough.
 */
function stage(r, kind) {
  const type = r.pick(['node-transform', 'web-transform', 'transform-toweb']);
  const s = { type };
  // Not 0 under Transform.toWeb: its writable side becomes a WritableStream of highWaterMark 0,
  // which pipeThrough never writes to (see the sink below).
  if (type === 'node-transform') s.hwm = r.pick([undefined, 0, 1, 2, 16]);
  else if (type === 'transform-toweb') s.hwm = r.pick([undefined, 1, 2, 16]);
  else {
    // At least 1: pipeThrough is a pipeTo into the writable side, and with highWaterMark 0 that
    // side has backpressure from the start, so the spec's pipeTo never writes (both libraries hang).
    s.writableStrategy = strategy(r, kind, 1);
    s.readableStrategy = strategy(r, kind);
  }
  return s;
}

/** The script for one seed. */
export function generate(seed) {
  const r = random(seed);
  const kind = r.weighted({ bytes: 3, strings: 1, objects: 2 });
  const chunks = Array.from({ length: r.int(0, 12) }, () => chunkValue(r, kind));
  const source = r.pick(['node-readable', 'web-readable']);
  const script = {
    seed,
    kind,
    chunks,
    source: {
      type: source,
      speed: speed(r),
      burst: r.int(2, 5),
      // A Node Readable's highWaterMark, or the web source's strategy.
      hwm: r.pick([undefined, 0, 1, 2, 16]),
      strategy: strategy(r, kind),
      // Readable.toWeb's strategy when the source is bridged to the web directly.
      toWebStrategy: strategy(r, kind),
    },
    stages: Array.from({ length: r.weighted({ 0: 2, 1: 3, 2: 2 }) }, () => stage(r, kind)),
    sink: {
      // node-writable: a Writable (reached by pipeline, or by pipeTo through Writable.toWeb);
      // web-writable: a WritableStream (reached by pipeTo, or by pipeline through Writable.fromWeb);
      // reader: a reader loop; writer: a reader loop that writes into Writable.toWeb(writable).
      type: r.pick(['node-writable', 'web-writable', 'reader', 'writer']),
      speed: speed(r),
      hwm: r.pick([undefined, 0, 1, 2, 16]),
      // At least 1: pipeTo into a WritableStream of highWaterMark 0 never writes (the spec's
      // pipeTo waits for desiredSize > 0; node:stream and highwater both hang there).
      strategy: strategy(r, kind, 1),
      fromWebHwm: r.pick([undefined, 0, 1, 4]),
    },
    // How web-to-web hops and the final pipeTo are made.
    pipeTo: {
      preventClose: r.chance(0.1),
      preventAbort: r.chance(0.1),
      preventCancel: r.chance(0.1),
      signal: r.chance(0.15),
    },
    fromWebHwm: r.pick([undefined, 0, 1, 4, 16]),
    fault: null,
  };
  // A Writable reached through Writable.toWeb (by pipeTo, or by a writer that awaits `ready`)
  // with highWaterMark 0 is a WritableStream of highWaterMark 0: never ready, nothing written.
  const stages = script.stages;
  const endsWeb = stages.length ? stages.at(-1).type !== 'node-transform' : source === 'web-readable';
  if (script.sink.hwm === 0 && (script.sink.type === 'writer' || (script.sink.type === 'node-writable' && endsWeb))) {
    script.sink.hwm = 1;
  }
  if (r.chance(0.5)) {
    const types = ['destroy', 'cancel', 'abort', 'controller-error', 'throw-read', 'throw-transform', 'throw-write', 'signal'];
    script.fault = { type: r.pick(types), at: r.int(0, Math.max(0, chunks.length)) };
  }
  extras(r, script);
  return script;
}

/**
 * The later additions (issue 15 item 1), drawn after everything above so that they only add to
 * what a seed gave before: Duplex stages, native byte streams and Readable.toWeb's
 * `type: 'bytes'` with BYOB readers, custom `size` strategies, readers/writers released
 * mid-stream, and a consumer end dropped mid-stream and collected.
 */
function extras(r, script) {
  const bytes = script.kind === 'bytes';
  // Duplex stages: a PassThrough-like Duplex under Duplex.toWeb (pipeThrough), or
  // Duplex.fromWeb over a TransformStream in a Node pipeline.
  for (const stage of script.stages) {
    if (!r.chance(0.3)) continue;
    if (stage.type === 'transform-toweb') stage.type = 'duplex-toweb';
    else if (stage.type === 'node-transform') {
      stage.type = 'duplex-fromweb';
      stage.writableStrategy = strategy(r, script.kind, 1);
      stage.readableStrategy = strategy(r, script.kind);
    }
  }
  // A native `type: 'bytes'` ReadableStream as the source, answering BYOB requests or enqueuing.
  if (bytes && script.source.type === 'web-readable' && r.chance(0.3)) {
    script.source.type = 'web-bytes';
    script.source.byobFill = r.chance(0.5);
    // A byte stream takes a highWaterMark only (no size).
    if (script.source.strategy) script.source.strategy = { kind: 'hwm', hwm: script.source.strategy.hwm };
  }
  // Readable.toWeb(..., { type: 'bytes' }): a byte stream, readable with a BYOB reader.
  if (bytes && r.chance(0.4)) {
    script.source.toWebType = 'bytes';
    if (script.source.toWebStrategy) script.source.toWebStrategy = { kind: 'hwm', hwm: script.source.toWebStrategy.hwm };
  }
  // A BYOB reader (where the stream the loop reads is a byte stream) and its view size.
  script.sink.byob = bytes && r.chance(0.6);
  script.sink.byobSize = r.pick([1, 3, 16, 1024]);
  // Custom size strategies: `size(chunk)` = its length + 1 (2 for other objects).
  const sized = (s) => (s && s.kind !== 'bytes' && r.chance(0.3) ? { kind: 'size', hwm: s.hwm } : s);
  if (script.source.type !== 'web-bytes') script.source.strategy = sized(script.source.strategy);
  if (script.source.toWebType !== 'bytes') script.source.toWebStrategy = sized(script.source.toWebStrategy);
  script.sink.strategy = sized(script.sink.strategy);
  for (const stage of script.stages) {
    if (stage.writableStrategy !== undefined) stage.writableStrategy = sized(stage.writableStrategy);
    if (stage.readableStrategy !== undefined) stage.readableStrategy = sized(stage.readableStrategy);
  }
  // No error fault: sometimes the consumer loop releases its reader (and writer) mid-stream and
  // takes a new one ('release'), or releases and drops its end, the rest collected ('drop').
  if (!script.fault && (script.sink.type === 'reader' || script.sink.type === 'writer') && r.chance(0.3)) {
    script.fault = { type: r.pick(['release', 'release', 'drop']), at: r.int(0, script.chunks.length) };
  }
}
