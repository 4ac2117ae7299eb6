// Runs a bridge script (generate.js) against one library (highwater's js/index.js, or
// node:stream with its own toWeb/fromWeb) and returns what happened: the data delivered at the
// sink, how each end finished, the events of every Node-style stream, and the invariant
// violations seen (checked on highwater; recorded for node:stream too, for information).

import * as highwater from '../../../js/index.js';
import { core } from '../../../js/platform/core.js';

// This module runs in Node and in a browser page (tests/fuzz/bridge/browser.js): what differs
// comes from outside. node-env.js (Node) adds node:stream as the 'node' library and V8's gc;
// in Chromium the page is started with --js-flags=--expose-gc.
let gc = globalThis.gc;
/** The full GC to use (node-env.js gives V8's). */
export function setGc(fn) {
  gc = fn;
}

export const libs = { highwater };
export const liveCores = () => core.hw_live_streams();

// Every stream a highwater run makes (Node-style and web) is registered here under the run's id:
// after the run and a full GC, none may be left (a closure retained by the core or a bridge would
// keep one alive).
const alive = new Map(); // run id -> streams registered and not collected yet
let runs = 0;
const registry = new FinalizationRegistry((id) => {
  const left = alive.get(id) - 1;
  if (left > 0) alive.set(id, left);
  else alive.delete(id);
});
/** Streams of run `id` not collected yet. */
export const aliveOf = (id) => alive.get(id) ?? 0;

/** Full GCs until the count of uncollected streams stops falling (or `rounds` passed). */
export async function settleAll(rounds = 10) {
  let last = -1;
  for (let i = 0; i < rounds; i++) {
    const now = [...alive.values()].reduce((a, b) => a + b, 0);
    if (now === 0 || now === last) break;
    last = now;
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Full GCs until every stream of run `id` was collected or `rounds` passed; returns how many are left. */
export async function collectRetained(id, rounds = 10) {
  for (let i = 0; i < rounds && alive.has(id); i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, i < 2 ? 0 : 10));
  }
  return alive.get(id) ?? 0;
}

/** Stage types that run in the Node domain (the others are web stages). */
const nodeStages = ['node-transform', 'duplex-fromweb'];

/** Macrotask turns after which a script that has not settled counts as hung. */
const maxTurns = 400;
/** A macrotask: setImmediate where there is one (Node), else a MessageChannel message. */
const macrotask = globalThis.setImmediate
  ? (fn) => globalThis.setImmediate(fn)
  : (fn) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      fn();
    };
    channel.port2.postMessage(0);
  };
const immediate = () => new Promise((resolve) => macrotask(resolve));

/** Deep equality of the values a script delivers (JSON-like values, byte arrays, hex strings). */
function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || ArrayBuffer.isView(a) !== ArrayBuffer.isView(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]));
}

/** Byte chunks concatenated, as hex. */
function hex(chunks) {
  let out = '';
  for (const c of chunks) {
    const bytes = new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
    for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  }
  return out;
}

/** A chunk of the script as a fresh value. */
function value(chunk) {
  if (chunk.t === 'b') return new TextEncoder().encode(chunk.v);
  if (chunk.t === 's') return chunk.v;
  return structuredClone(chunk.v);
}

/** An error or reason as {name, code, message}, or what it is when it is not an object. */
export function errorInfo(err) {
  if (err === null || typeof err !== 'object') return { value: String(err) };
  return { name: err.name, code: err.code, message: err.message };
}

/** The custom `size` of a 'size' strategy: a chunk's length + 1 (bytes or characters), else 2. */
export function sizeOf(chunk) {
  if (typeof chunk === 'string') return chunk.length + 1;
  if (typeof chunk?.byteLength === 'number') return chunk.byteLength + 1;
  return 2;
}

function strategyOf(s) {
  if (!s) return undefined;
  if (s.kind === 'count') return new CountQueuingStrategy({ highWaterMark: s.hwm });
  if (s.kind === 'size') return { highWaterMark: s.hwm, size: sizeOf };
  if (s.kind === 'bytes') return new ByteLengthQueuingStrategy({ highWaterMark: s.hwm });
  return { highWaterMark: s.hwm };
}

/** Runs `script` against `lib` ('highwater' or 'node'). */
export async function runScript(libName, script) {
  const lib = libs[libName];
  const objectMode = script.kind !== 'bytes';
  const total = script.chunks.length;
  const maxChunk = objectMode ? 1 : Math.max(1, ...script.chunks.map((c) => value(c).byteLength));
  const violations = [];
  const violate = (what) => {
    if (violations.length < 20) violations.push(what);
  };
  const log = [];
  const nodeStreams = []; // [label, stream, events]
  const bridges = []; // what sample() checks
  let firstNode = null;
  let sinkStream = null; // the sink's Node-style or web stream
  const result = { delivered: [], sink: { state: 'pending' }, source: {}, faulted: false, log, violations };
  // How the sink end finished; frozen once the run is over (a callback that fires when the
  // leftovers are destroyed afterwards must not turn a hang into an error). `result` holds no
  // closure of this run: one would keep every stream of the run alive (V8 closures share their
  // function's context), and a dropped chain must be collectable.
  let sinkFrozen = false;
  const setSink = (v) => {
    if (!sinkFrozen) result.sink = v;
  };
  const fault = script.fault ?? { type: 'none', at: -1 };
  const reason = (what) => new Error(`fault: ${what}`);
  let signalController = null;

  const runId = ++runs;
  result.runId = runId;
  const track = (stream) => {
    if (libName === 'highwater' && stream && typeof stream === 'object') {
      registry.register(stream, runId);
      alive.set(runId, (alive.get(runId) ?? 0) + 1);
    }
    return stream;
  };
  const watch = (label, stream) => {
    track(stream);
    const events = [];
    nodeStreams.push([label, stream, events]);
    const emit = stream.emit;
    stream.emit = function (event, ...args) {
      // pipe's own 'unpipe' may follow 'close' (it does in node:stream): only stream events count.
      if (events.includes('close') && ['data', 'end', 'finish', 'error', 'close', 'readable', 'drain'].includes(event)) {
        violate(`${label}: '${event}' after 'close'`);
      }
      if (['close', 'end', 'finish', 'error'].includes(event)) events.push(event);
      return emit.call(this, event, ...args);
    };
    firstNode ??= stream;
    return stream;
  };

  /**
   * The one-buffer checks, at this moment (highwater only: node:stream holds two buffers).
   * `settled` is true at a macrotask boundary: only there must `writer.desiredSize` equal the Node
   * side's number exactly; in between it may lag by the chunks whose write callback ran but whose
   * web write promise has not settled yet (the platform dequeues a chunk from the WritableStream's
   * queue a microtask after the sink's promise settles), so it is checked as an upper bound there.
   * `producing` is true right after the source produced a chunk: that may be inside a read() that
   * has not taken its chunk yet (Node's read(n) calls _read first when what would remain is below
   * highWaterMark, and highwater does the same), so one more chunk is allowed there: the one
   * on its way out. At deliveries and macrotask boundaries the bound is highWaterMark + one chunk.
   */
  const sample = (settled = false, producing = false) => {
    if (libName !== 'highwater') return;
    for (const b of bridges) {
      if (b.readable && !b.readable.destroyed) {
        const len = b.readable.readableLength;
        const s = b.readable;
        if (s.writableEnded && typeof s.writableLength === 'number') {
          // A Transform (or Duplex) whose writable side has ended: a node:stream Transform then
          // runs every buffered write through _transform at once ("backwards compat" in Node's
          // Transform._write: the callback is not held for the readable side once ended), so
          // what its writable side held moves to its readable side. The bound is then the whole
          // stage's: each side's highWaterMark plus one chunk, in the readable side's unit (an
          // object the writable side counts 1 weighs up to `b.unit` there under a size strategy).
          const weight = objectMode && b.unit ? b.unit : 1;
          const both = len + s.writableLength * weight;
          const bound = s.readableHighWaterMark + (b.unit ?? maxChunk) + (s.writableHighWaterMark + maxChunk) * weight;
          if (both > bound) violate(`${b.label}: readableLength ${len} + writableLength ${s.writableLength} > both highWaterMarks + a chunk each (${bound})`);
        } else if (len > b.readable.readableHighWaterMark + (producing ? 2 : 1) * (b.unit ?? maxChunk)) {
          violate(`${b.label}: readableLength ${len} > highWaterMark ${b.readable.readableHighWaterMark} + ${producing ? 'two chunks, at a push' : 'one chunk'} (${b.unit ?? maxChunk})`);
        }
      }
      if (b.writable && !b.writable.destroyed) {
        const len = b.writable.writableLength;
        if (len > b.writable.writableHighWaterMark + (b.wunit ?? maxChunk)) {
          violate(`${b.label}: writableLength ${len} > highWaterMark ${b.writable.writableHighWaterMark} + one chunk (${b.wunit ?? maxChunk})`);
        }
        if (b.writer && b.open()) {
          const want = b.writable.writableHighWaterMark - b.writable.writableLength;
          const size = b.writer.desiredSize;
          if (settled ? size !== want : size > want) {
            violate(`${b.label}: writer.desiredSize ${size} ${settled ? '!=' : '>'} writableHighWaterMark - writableLength = ${want}${settled ? ' (at a macrotask boundary)' : ''}`);
          }
        }
      }
    }
  };

  // The source. `produced` counts chunks handed to the chain.
  let produced = 0;
  const sourceFault = (stream, controller) => {
    if (result.faulted) return false;
    if (fault.type === 'destroy' && firstNode) {
      result.faulted = true;
      firstNode.destroy(reason('destroy'));
      return true;
    }
    if (fault.type === 'signal' && signalController) {
      result.faulted = true;
      signalController.abort();
      return true;
    }
    if (fault.type === 'controller-error' && controller) {
      result.faulted = true;
      controller.error(reason('controller.error'));
      return true;
    }
    if (fault.type === 'throw-read') {
      result.faulted = true;
      throw reason(controller ? 'pull threw' : '_read threw');
    }
    return false;
  };

  // {web: ReadableStream, bytes: whether it is a byte stream} or {node: [streams of the current Node segment]}
  let cur;
  if (script.source.type === 'node-readable') {
    const { speed, burst, hwm } = script.source;
    let reading = false;
    const source = new lib.Readable({
      objectMode,
      highWaterMark: hwm,
      read() {
        if (reading) return;
        reading = true;
        const go = () => {
          reading = false;
          let n = speed === 'bursty' ? burst : 1;
          try {
            while (n-- > 0 && !this.destroyed) {
              if (produced === fault.at && sourceFault(this, null)) return;
              if (produced >= total) {
                this.push(null);
                return;
              }
              const chunk = script.chunks[produced++];
              // Whether the source's last answer was an empty chunk (check.js: a stall on it).
              result.source.lastEmpty = chunk.t === 'b' && chunk.v === '';
              const more = this.push(value(chunk));
              sample(false, true);
              if (!more) return;
            }
          } catch (err) {
            if (speed === 'fast') throw err;
            this.destroy(err);
          }
        };
        if (speed === 'fast') go();
        else macrotask(go);
      },
    });
    watch('source', source);
    // Paused by backpressure at some point (check.js: pacing that differs with the buffering).
    source.on('pause', () => {
      result.source.paused = true;
    });
    result.sourceStream = source;
    cur = { node: [source] };
  } else {
    const { speed, burst } = script.source;
    // 'web-bytes': a native byte stream (`type: 'bytes'`), which takes no empty chunk (they are
    // skipped: they carry no bytes) and, with byobFill, answers a BYOB request by filling the
    // reader's view (the rest of a chunk that does not fit is enqueued).
    const byteStream = script.source.type === 'web-bytes';
    const web = track(new ReadableStream({
      type: byteStream ? 'bytes' : undefined,
      pull(controller) {
        const go = () => {
          let n = speed === 'bursty' ? burst : 1;
          while (n-- > 0) {
            if (produced === fault.at && sourceFault(null, controller)) return;
            if (produced >= total) {
              controller.close();
              // A byte stream closed with a BYOB read pending settles that read only when the
              // request is answered with 0 bytes (the spec's rule for a closed byte source).
              if (byteStream) controller.byobRequest?.respond(0);
              result.source.closed = true;
              return;
            }
            const chunk = value(script.chunks[produced++]);
            if (byteStream && chunk.byteLength === 0) {
              n++;
              continue;
            }
            const request = byteStream && script.source.byobFill ? controller.byobRequest : null;
            if (request?.view) {
              const fit = Math.min(request.view.byteLength, chunk.byteLength);
              new Uint8Array(request.view.buffer, request.view.byteOffset, fit).set(chunk.subarray(0, fit));
              request.respond(fit);
              if (fit < chunk.byteLength) controller.enqueue(chunk.slice(fit));
            } else {
              controller.enqueue(chunk);
            }
            sample(false, true);
            if (speed === 'bursty' && controller.desiredSize <= 0) return;
          }
        };
        if (speed === 'fast') return go();
        return immediate().then(go);
      },
      cancel(why) {
        result.source.cancelled = errorInfo(why);
      },
    }, strategyOf(script.source.strategy)));
    result.sourceWeb = web;
    cur = { web, bytes: byteStream };
  }

  if (fault.type === 'signal') signalController = new AbortController();
  let signalUsed = false;

  const segmentCallbacks = [];
  const toWeb = () => {
    if (cur.web) return cur.web;
    const chain = cur.node;
    const last = chain[chain.length - 1];
    if (chain.length > 1) {
      lib.pipeline(...chain, (err) => segmentCallbacks.push(err ? errorInfo(err) : 'ok'));
    }
    const strategy = script.source.toWebStrategy;
    const type = script.source.toWebType;
    const options = strategy || type ? { ...(strategy && { strategy: strategyOf(strategy) }), ...(type && { type }) } : undefined;
    const web = track(lib.Readable.toWeb(last, options));
    cur = { web, bytes: type === 'bytes' };
    // Byte mode with a size other than byte length keeps a web-side queue (README).
    const webQueue = !objectMode && type !== 'bytes' && strategy && (strategy.kind === 'count' || strategy.kind === 'size');
    // In object mode a strategy's size measures each object in readableLength: one chunk is
    // then the largest size of any chunk.
    const measure = objectMode && strategy && (strategy.kind === 'count' || strategy.kind === 'size') ? strategyOf(strategy).size : null;
    const unit = measure ? Math.max(1, ...script.chunks.map((c) => measure(value(c)))) : undefined;
    // The same stream checked as another bridge (a Duplex.fromWeb stage) is measured so too.
    if (unit !== undefined) for (const other of bridges) if (other.readable === last) other.unit = unit;
    if (!webQueue) bridges.push({ label: 'Readable.toWeb', readable: last, unit });
    return web;
  };
  const fromWeb = (web) => {
    const options = { objectMode, highWaterMark: script.fromWebHwm };
    if (signalController && !signalUsed && !script.pipeToFinal) {
      // The signal goes to the final pipeTo when there is one (see below), else to the first fromWeb.
      options.signal = signalController.signal;
      signalUsed = true;
    }
    const readable = watch('Readable.fromWeb', lib.Readable.fromWeb(web, options));
    cur = { node: [readable] };
    bridges.push({ label: 'Readable.fromWeb', readable });
    return readable;
  };
  const nodeTransform = (label, hwm) => {
    let count = 0;
    return watch(label, new lib.Transform({
      objectMode,
      highWaterMark: hwm,
      transform(chunk, encoding, cb) {
        if (fault.type === 'throw-transform' && !result.faulted && count++ === fault.at) {
          result.faulted = true;
          return cb(reason('_transform failed'));
        }
        cb(null, chunk);
      },
    }));
  };
  const webTransform = (stage) => {
    let count = 0;
    return new TransformStream({
      transform(chunk, controller) {
        if (fault.type === 'throw-transform' && !result.faulted && count++ === fault.at) {
          result.faulted = true;
          throw reason('transform threw');
        }
        controller.enqueue(chunk);
      },
    }, strategyOf(stage.writableStrategy), strategyOf(stage.readableStrategy));
  };
  const passThroughDuplex = (label, hwm) => {
    let count = 0;
    let held = null;
    return watch(label, new lib.Duplex({
      objectMode,
      highWaterMark: hwm,
      write(chunk, encoding, cb) {
        if (fault.type === 'throw-transform' && !result.faulted && count++ === fault.at) {
          result.faulted = true;
          return cb(reason('Duplex _write failed'));
        }
        if (this.push(chunk)) cb();
        else held = cb;
      },
      final(cb) {
        this.push(null);
        cb();
      },
      read() {
        const cb = held;
        held = null;
        cb?.();
      },
    }));
  };
  const pipeOptions = () => {
    const { preventClose, preventAbort, preventCancel } = script.pipeTo;
    const options = { preventClose, preventAbort, preventCancel };
    if (signalController && !signalUsed) {
      options.signal = signalController.signal;
      signalUsed = true;
    }
    return options;
  };
  // Whether the sink is reached by pipeTo: then the signal and prevent* options go there.
  const endsWeb = script.stages.length ? !nodeStages.includes(script.stages.at(-1).type) : script.source.type !== 'node-readable';
  script = { ...script, pipeToFinal: (script.sink.type === 'node-writable' && endsWeb) || (script.sink.type === 'web-writable' && endsWeb) };

  try {
    for (const [i, stage] of script.stages.entries()) {
      if (stage.type === 'node-transform') {
        if (cur.web) fromWeb(cur.web);
        cur.node.push(nodeTransform(`stage ${i}`, stage.hwm));
      } else if (stage.type === 'duplex-fromweb') {
        // Duplex.fromWeb over a TransformStream, as a stage of a Node pipeline.
        if (cur.web) fromWeb(cur.web);
        const d = watch(`stage ${i} (Duplex.fromWeb)`, lib.Duplex.fromWeb(webTransform(stage), { objectMode }));
        bridges.push({ label: `stage ${i} Duplex.fromWeb`, readable: d, writable: d });
        cur.node.push(d);
      } else if (stage.type === 'duplex-toweb') {
        // A PassThrough-like Duplex (its write pushes, its callback waits for a read when the
        // readable side is full) under Duplex.toWeb, used with pipeThrough.
        const web = toWeb();
        const d = passThroughDuplex(`stage ${i} (Duplex.toWeb)`, stage.hwm);
        const pair = lib.Duplex.toWeb(d);
        track(pair.readable);
        track(pair.writable);
        bridges.push({ label: `stage ${i} Duplex.toWeb`, readable: d, writable: d });
        cur = { web: web.pipeThrough(pair) };
      } else if (stage.type === 'web-transform') {
        const web = toWeb();
        cur = { web: web.pipeThrough(webTransform(stage)) };
      } else {
        const web = toWeb();
        const t = nodeTransform(`stage ${i} (Transform.toWeb)`, stage.hwm);
        const pair = lib.Transform.toWeb(t);
        track(pair.readable);
        track(pair.writable);
        bridges.push({ label: `stage ${i} Transform.toWeb`, readable: t, writable: t });
        cur = { web: web.pipeThrough(pair) };
      }
    }

    // The sink.
    const { sink } = script;
    let consumed = 0;
    const deliver = (chunk) => {
      result.delivered.push(chunk);
      consumed++;
      sample();
    };
    const sinkWrite = (chunk, stream = null) => {
      if (stream?.errored) {
        // node:stream calls _write once more after a synchronous cb(err): onwrite sets `errored`
        // and clears the buffer before the destroy (nextTick) lands; highwater does the same.
        // That chunk was handed to a sink that already failed: not a delivery.
        result.writesAfterError = (result.writesAfterError ?? 0) + 1;
        return stream.errored;
      }
      if (fault.type === 'throw-write' && !result.faulted && consumed === fault.at) {
        result.faulted = true;
        return reason('write threw');
      }
      deliver(chunk);
      return null;
    };
    const nodeSink = () => {
      let n = 0;
      return watch('sink', new lib.Writable({
        objectMode,
        highWaterMark: sink.hwm,
        write(chunk, encoding, cb) {
          const err = sinkWrite(objectMode ? chunk : new Uint8Array(chunk), this);
          const slow = sink.speed === 'slow' || (sink.speed === 'bursty' && ++n % 3 === 0);
          if (slow) macrotask(() => cb(err));
          else cb(err);
        },
      }));
    };
    // With preventClose, pipeTo resolving says only that the source closed; the destination is
    // left open for its owner to close, which is what the script then does (a write that failed
    // while the source closed surfaces there, as the spec's pipeTo resolves regardless).
    const settleSink = (promise, dest) => promise.then(
      () => (script.pipeTo.preventClose && dest ? dest.getWriter().close() : undefined),
    ).then(
      () => { setSink({ state: 'ok' }); },
      (err) => { setSink({ state: 'error', error: errorInfo(err) }); },
    );
    if (sink.type === 'node-writable' && cur.node) {
      sinkStream = nodeSink();
      lib.pipeline(...cur.node, sinkStream, (err) => {
        setSink(err ? { state: 'error', error: errorInfo(err) } : { state: 'ok' });
      });
    } else if (sink.type === 'node-writable') {
      sinkStream = nodeSink();
      const web = track(lib.Writable.toWeb(sinkStream));
      bridges.push({ label: 'Writable.toWeb', writable: sinkStream });
      settleSink(cur.web.pipeTo(web, pipeOptions()), web);
    } else if (sink.type === 'web-writable') {
      let n = 0;
      const ws = new WritableStream({
        write(chunk) {
          const err = sinkWrite(chunk);
          if (err) throw err;
          const slow = sink.speed === 'slow' || (sink.speed === 'bursty' && ++n % 3 === 0);
          if (slow) return immediate();
          return undefined;
        },
        close() { result.source.sinkClosed = true; },
        abort(why) { result.source.sinkAborted = errorInfo(why); },
      }, strategyOf(sink.strategy));
      sinkStream = ws;
      if (cur.web) settleSink(cur.web.pipeTo(ws, pipeOptions()), ws);
      else {
        const w = watch('Writable.fromWeb', lib.Writable.fromWeb(ws, { objectMode, highWaterMark: sink.fromWebHwm }));
        bridges.push({ label: 'Writable.fromWeb', writable: w });
        lib.pipeline(...cur.node, w, (err) => {
          setSink(err ? { state: 'error', error: errorInfo(err) } : { state: 'ok' });
        });
      }
    } else {
      // A reader loop; for 'writer' it writes each chunk into Writable.toWeb(a Writable). It
      // reads with a BYOB reader when asked to and the stream is a byte stream.
      let web = toWeb();
      const byob = sink.byob && cur.bytes;
      result.byob = byob;
      const getReader = () => (byob ? web.getReader({ mode: 'byob' }) : web.getReader());
      const read = () => (byob ? reader.read(new Uint8Array(sink.byobSize)) : reader.read());
      let reader = getReader();
      let writer = null;
      let ws = null;
      let open = true; // the writer's stream is writable (not closed, erroring or errored)
      let bridge = null;
      // A signal no pipeTo or fromWeb took is the loop's own: on abort it cancels (and aborts).
      const loopSignal = signalController && !signalUsed && !result.sourceStream ? signalController.signal : null;
      if (loopSignal) {
        signalUsed = true;
        loopSignal.addEventListener('abort', () => {
          reader.cancel(loopSignal.reason).catch(() => {});
          if (writer) {
            // Erroring from here on: the spec's desiredSize is null, not the Node side's number.
            open = false;
            writer.abort(loopSignal.reason).catch(() => {});
          }
        }, { once: true });
      }
      const takeWriter = () => {
        const w = ws.getWriter();
        writer = w;
        // The destination failing (destroyed, errored) cancels the reader, as pipeTo would: the
        // loop may be waiting in reader.read() for a chunk that never comes. (A writer released
        // by the loop rejects `closed` too: that one is not a failure.)
        w.closed.then(() => { if (w === writer) open = false; }, (err) => {
          if (w !== writer) return;
          open = false;
          reader.cancel(err).catch(() => {});
        });
        if (bridge) bridge.writer = w;
      };
      if (sink.type === 'writer') {
        const target = nodeSink();
        sinkStream = target;
        ws = track(lib.Writable.toWeb(target));
        takeWriter();
        // A BYOB read takes every queued byte that fits its view: one chunk is then up to the
        // view's size.
        const totalBytes = script.chunks.reduce((sum, c) => sum + value(c).byteLength, 0);
        const wunit = byob ? Math.max(maxChunk, Math.min(sink.byobSize, totalBytes)) : undefined;
        bridge = { label: 'Writable.toWeb (writer)', writable: target, writer, open: () => open && !target.writableEnded, wunit };
        bridges.push(bridge);
      }
      (async () => {
        let n = 0;
        // Chunks this loop has read: the faults below trigger on it, not on what the Writable has
        // processed (which, behind Writable.toWeb, depends on when each library settles a write).
        let taken = 0;
        for (;;) {
          if (sink.speed === 'slow' || (sink.speed === 'bursty' && ++n % 3 === 0)) await immediate();
          if (fault.type === 'cancel' && !writer && !result.faulted && taken === fault.at) {
            result.faulted = true;
            await reader.cancel(reason('cancel'));
            setSink({ state: 'error', error: errorInfo(reason('cancel')), by: 'us' });
            return;
          }
          if (fault.type === 'abort' && writer && !result.faulted && taken === fault.at) {
            result.faulted = true;
            const why = reason('abort');
            open = false;
            await writer.abort(why);
            await reader.cancel(why);
            setSink({ state: 'error', error: errorInfo(why), by: 'us' });
            return;
          }
          if (fault.type === 'release' && !result.released && taken === fault.at) {
            // Released between reads and taken again: nothing may be lost or repeated.
            result.released = true;
            reader.releaseLock();
            reader = getReader();
            if (writer) {
              writer.releaseLock();
              takeWriter();
            }
          }
          if (fault.type === 'drop' && taken === fault.at) {
            // Released and dropped mid-stream, neither cancelled nor closed: once collected,
            // every core of the chain must be free (check.js) and every stream collected.
            reader.releaseLock();
            writer?.releaseLock();
            reader = null;
            writer = null;
            web = null;
            ws = null;
            if (bridge) bridges.splice(bridges.indexOf(bridge), 1);
            bridge = null;
            result.dropped = true;
            setSink({ state: 'dropped' });
            return;
          }
          const { done, value: chunk } = await read();
          if (loopSignal?.aborted) throw loopSignal.reason;
          if (done) break;
          taken++;
          if (writer) {
            try {
              await writer.ready;
              await writer.write(chunk);
            } catch (err) {
              // The writer failed: stop reading and cancel the source with why, as pipeTo does.
              await reader.cancel(err).catch(() => {});
              throw err;
            }
            // A Writable under Writable.toWeb counts what it was handed: deliver() ran in _write.
          } else {
            const err = sinkWrite(chunk);
            if (err) {
              await reader.cancel(err);
              throw err;
            }
          }
        }
        if (writer) {
          try {
            await writer.close();
          } catch (err) {
            await reader.cancel(err).catch(() => {});
            throw err;
          }
        }
        setSink({ state: 'ok' });
      })().catch((err) => {
        setSink({ state: 'error', error: errorInfo(err) });
      });
    }
    // A signal that nothing above took (a Node-only chain, a reader loop from a Node source):
    // addAbortSignal on the source, as an application would.
    if (signalController && !signalUsed && result.sourceStream) {
      lib.addAbortSignal(signalController.signal, result.sourceStream);
      signalUsed = true;
    }
  } catch (err) {
    setSink({ state: 'error', error: errorInfo(err), at: 'build' });
  }

  for (let turn = 0; turn < maxTurns && result.sink.state === 'pending'; turn++) {
    await immediate();
    sample(true);
  }
  for (let turn = 0; turn < 5; turn++) await immediate();
  result.hung = result.sink.state === 'pending';
  sinkFrozen = true;
  result.segments = segmentCallbacks;

  // How the ends finished.
  const src = result.sourceStream;
  if (src) {
    result.source = { ...result.source, ended: src.readableEnded, destroyed: src.destroyed, errored: src.errored ? errorInfo(src.errored) : null };
  }
  if (sinkStream && typeof sinkStream.write === 'function') {
    result.sinkEnd = { finished: sinkStream.writableFinished, destroyed: sinkStream.destroyed, errored: sinkStream.errored ? errorInfo(sinkStream.errored) : null };
  }
  result.events = nodeStreams.map(([label, , events]) => [label, events]);
  for (const [label, , events] of nodeStreams) {
    if (events.filter((e) => e === 'close').length > 1) violate(`${label}: 'close' ${events.filter((e) => e === 'close').length} times`);
  }
  // Leave nothing open: what a script leaves open on purpose (preventClose, preventCancel, ...);
  // except a dropped chain, left to the garbage collector.
  if (!result.dropped) for (const [, stream] of nodeStreams) stream.destroy();
  nodeStreams.length = 0;
  bridges.length = 0;
  firstNode = null;
  delete result.sourceStream;
  delete result.sourceWeb;
  return result;
}

/** Normalizes delivered data: bytes concatenated (as hex), objects as they are. */
export function deliveredOf(script, result) {
  if (script.kind !== 'bytes') return result.delivered;
  return hex(result.delivered);
}

export function expectedOf(script) {
  if (script.kind !== 'bytes') return script.chunks.map(value);
  return hex(script.chunks.map(value));
}

/** The invariants of one run; returns the list of violations. */
export function invariants(script, result) {
  const out = [...result.violations];
  const delivered = deliveredOf(script, result);
  const expected = expectedOf(script);
  const isPrefix = script.kind === 'bytes'
    ? expected.startsWith(delivered)
    : delivered.length <= expected.length && delivered.every((c, i) => same(c, expected[i]));
  if (!isPrefix) out.push('delivered data is not a prefix of the chunks: lost, duplicated, reordered or changed');
  if (result.hung) out.push('hung: the sink end never finished nor errored');
  if (result.sink.state === 'ok' && !same(delivered, expected)) out.push('the sink finished without every chunk');
  if (result.sink.state === 'ok' && result.faulted && script.fault.type !== 'destroy' && script.fault.type !== 'signal') {
    // A destroy or an abort may land after the last chunk went through.
    out.push(`the sink finished cleanly after a fault (${script.fault.type})`);
  }
  if (!result.faulted && script.pipeTo.signal === false && result.sink.state === 'error') {
    out.push(`no fault, yet the sink end errored: ${JSON.stringify(result.sink.error)}`);
  }
  if (result.sink.state === 'error' && !(result.sink.error?.name || result.sink.error?.message)) {
    out.push(`the sink end errored without naming why: ${JSON.stringify(result.sink.error)}`);
  }
  const s = result.source;
  // preventCancel leaves the source open; so does a consumer that dropped its end.
  const leftOpen = script.pipeTo.preventCancel || result.dropped;
  if (!leftOpen && !result.hung) {
    if (script.source.type === 'node-readable' && !s.ended && !s.destroyed) out.push('the source end is still open');
    if (script.source.type !== 'node-readable' && !s.closed && !s.cancelled && result.sink.state === 'error' && !result.faulted) {
      out.push('the web source was neither closed nor cancelled');
    }
  }
  for (const entry of result.log) {
    if (entry[0] !== 'uncaught' && entry[0] !== 'unhandled rejection') continue;
    if (nodeWebStreamsBug(entry)) continue;
    out.push(`${entry[0]}: ${JSON.stringify(entry[1])}`);
  }
  return out;
}

/**
 * Node's own WHATWG streams (not highwater: it uses the platform's ReadableStream/WritableStream
 * and their pipeTo) fail an internal assertion in pipeTo with preventCancel once the destination
 * errored: forwardChunk writes to the errored destination and writableStreamDefaultWriterWriteWithRequest
 * asserts, an unhandled ERR_INTERNAL_ASSERTION (Node 26.10; a plain ReadableStream piped to a
 * WritableStream whose write throws shows it, cases/pending/seed-365.md). Not highwater's.
 */
export function nodeWebStreamsBug(entry) {
  return entry[0] === 'unhandled rejection' && entry[1]?.code === 'ERR_INTERNAL_ASSERTION'
    && /node:internal\/webstreams\/writablestream/.test(entry[2] ?? '');
}

/**
 * Logs uncaught exceptions and unhandled rejections into `log` (the process's in Node, the
 * window's in a page) until the returned function is called.
 */
function guard(log) {
  const frames = (err) => String(err?.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 3).join('\n');
  const uncaught = (err) => log.push(['uncaught', errorInfo(err), frames(err)]);
  const unhandled = (err) => log.push(['unhandled rejection', errorInfo(err), frames(err)]);
  const proc = globalThis.process;
  if (typeof proc?.listeners === 'function') {
    const saved = { uncaughtException: proc.listeners('uncaughtException'), unhandledRejection: proc.listeners('unhandledRejection') };
    for (const event of Object.keys(saved)) proc.removeAllListeners(event);
    proc.on('uncaughtException', uncaught);
    proc.on('unhandledRejection', unhandled);
    return () => {
      for (const [event, list] of Object.entries(saved)) {
        proc.removeAllListeners(event);
        for (const listener of list) proc.on(event, listener);
      }
    };
  }
  const onError = (event) => {
    event.preventDefault();
    uncaught(event.error);
  };
  const onRejection = (event) => {
    event.preventDefault();
    unhandled(event.reason);
  };
  globalThis.addEventListener('error', onError);
  globalThis.addEventListener('unhandledrejection', onRejection);
  return () => {
    globalThis.removeEventListener('error', onError);
    globalThis.removeEventListener('unhandledrejection', onRejection);
  };
}

/** Runs the script with uncaught exceptions and unhandled rejections logged into it. */
export async function runGuarded(libName, script) {
  const log = [];
  const unguard = guard(log);
  let result;
  try {
    result = await runScript(libName, script);
    await immediate();
    await immediate();
  } catch (err) {
    result = { delivered: [], sink: { state: 'threw', error: errorInfo(err) }, source: {}, log: [], violations: [`runScript threw: ${err?.stack}`] };
  } finally {
    unguard();
  }
  result.log.push(...log);
  for (const entry of log) {
    if (entry[1]?.name === 'RuntimeError') result.violations.push(`wasm trap: ${JSON.stringify(entry[1])}`);
  }
  return result;
}

/** Live cores back to `base`, after full GCs if need be; returns the count left over. */
export async function coresBack(base) {
  for (let i = 0; i < 8 && liveCores() > base; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, i < 2 ? 0 : 10));
  }
  return liveCores() - base;
}

/**
 * highwater's side of a check (also what the Chromium page runs): the invariants, the live cores
 * back to their count before the run, and every stream of the run collected when it was dropped
 * (or, with `collect`, always). Returns {violations, hw}.
 */
export async function checkHighwater(script, { collect = false } = {}) {
  const base = liveCores();
  const hw = await runGuarded('highwater', script);
  const violations = invariants(script, hw);
  const leaked = await coresBack(base);
  if (leaked > 0) violations.push(`${leaked} wasm core(s) still live after the run (its streams destroyed, or dropped, and collected)`);
  if (hw.dropped || collect) {
    // Every stream of the run must be collected (destroyed, or dropped mid-stream by the
    // consumer), nothing kept alive by a closure the core or a bridge retains.
    const left = await collectRetained(hw.runId);
    if (left > 0) violations.push(`${left} stream(s) never collected after ${hw.dropped ? 'a dropped chain' : 'the run'} (a retained closure)`);
  }
  return { violations, hw };
}
