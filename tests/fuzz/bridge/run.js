// Runs a bridge script (generate.js) against one library (highwater's js/index.js, or
// node:stream with its own toWeb/fromWeb) and returns what happened: the data delivered at the
// sink, how each end finished, the events of every Node-style stream, and the invariant
// violations seen (checked on highwater; recorded for node:stream too, for information).

import v8 from 'node:v8';
import vm from 'node:vm';
import { isDeepStrictEqual } from 'node:util';
import * as nodeStream from 'node:stream';
import * as highwater from '../../../js/index.js';
import { core } from '../../../js/platform/core.js';

v8.setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? vm.runInNewContext('gc');

export const libs = { highwater, node: nodeStream };
export const liveCores = () => core.hw_live_streams();

/** Macrotask turns after which a script that has not settled counts as hung. */
const maxTurns = 400;
const immediate = () => new Promise((resolve) => setImmediate(resolve));

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

function strategyOf(s) {
  if (!s) return undefined;
  if (s.kind === 'count') return new CountQueuingStrategy({ highWaterMark: s.hwm });
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
  const result = { delivered: [], source: {}, faulted: false, log, violations };
  // How the sink end finished; frozen once the run is over (a callback that fires when the
  // leftovers are destroyed afterwards must not turn a hang into an error).
  let sinkState = { state: 'pending' };
  let sinkFrozen = false;
  Object.defineProperty(result, 'sink', {
    enumerable: true,
    get: () => sinkState,
    set: (v) => { if (!sinkFrozen) sinkState = v; },
  });
  const fault = script.fault ?? { type: 'none', at: -1 };
  const reason = (what) => new Error(`fault: ${what}`);
  let signalController = null;

  const watch = (label, stream) => {
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
          // stage's: each side's highWaterMark plus one chunk.
          const both = len + s.writableLength;
          const bound = s.readableHighWaterMark + s.writableHighWaterMark + 2 * maxChunk;
          if (both > bound) violate(`${b.label}: readableLength ${len} + writableLength ${s.writableLength} > both highWaterMarks + a chunk each (${bound})`);
        } else if (len > b.readable.readableHighWaterMark + (producing ? 2 : 1) * maxChunk) {
          violate(`${b.label}: readableLength ${len} > highWaterMark ${b.readable.readableHighWaterMark} + ${producing ? 'two chunks, at a push' : 'one chunk'} (${maxChunk})`);
        }
      }
      if (b.writable && !b.writable.destroyed) {
        const len = b.writable.writableLength;
        if (len > b.writable.writableHighWaterMark + maxChunk) {
          violate(`${b.label}: writableLength ${len} > highWaterMark ${b.writable.writableHighWaterMark} + one chunk (${maxChunk})`);
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

  let cur; // {web: ReadableStream} or {node: [streams of the current Node segment]}
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
              const more = this.push(value(script.chunks[produced++]));
              sample(false, true);
              if (!more) return;
            }
          } catch (err) {
            if (speed === 'fast') throw err;
            this.destroy(err);
          }
        };
        if (speed === 'fast') go();
        else setImmediate(go);
      },
    });
    watch('source', source);
    result.sourceStream = source;
    cur = { node: [source] };
  } else {
    const { speed, burst } = script.source;
    const web = new ReadableStream({
      pull(controller) {
        const go = () => {
          let n = speed === 'bursty' ? burst : 1;
          while (n-- > 0) {
            if (produced === fault.at && sourceFault(null, controller)) return;
            if (produced >= total) {
              controller.close();
              result.source.closed = true;
              return;
            }
            controller.enqueue(value(script.chunks[produced++]));
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
    }, strategyOf(script.source.strategy));
    result.sourceWeb = web;
    cur = { web };
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
    const web = lib.Readable.toWeb(last, strategy ? { strategy: strategyOf(strategy) } : undefined);
    // Byte mode with a size other than byte length keeps a web-side queue (README).
    const webQueue = !objectMode && strategy && strategy.kind === 'count';
    if (!webQueue) bridges.push({ label: 'Readable.toWeb', readable: last });
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
  const endsWeb = script.stages.length ? script.stages.at(-1).type !== 'node-transform' : script.source.type === 'web-readable';
  script = { ...script, pipeToFinal: (script.sink.type === 'node-writable' && endsWeb) || (script.sink.type === 'web-writable' && endsWeb) };

  try {
    for (const [i, stage] of script.stages.entries()) {
      if (stage.type === 'node-transform') {
        if (cur.web) cur = { node: [fromWeb(cur.web)] };
        cur.node.push(nodeTransform(`stage ${i}`, stage.hwm));
      } else if (stage.type === 'web-transform') {
        const web = toWeb();
        let count = 0;
        const ts = new TransformStream({
          transform(chunk, controller) {
            if (fault.type === 'throw-transform' && !result.faulted && count++ === fault.at) {
              result.faulted = true;
              throw reason('transform threw');
            }
            controller.enqueue(chunk);
          },
        }, strategyOf(stage.writableStrategy), strategyOf(stage.readableStrategy));
        cur = { web: web.pipeThrough(ts) };
      } else {
        const web = toWeb();
        const t = nodeTransform(`stage ${i} (Transform.toWeb)`, stage.hwm);
        const pair = lib.Transform.toWeb(t);
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
          if (slow) setImmediate(() => cb(err));
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
      () => { result.sink = { state: 'ok' }; },
      (err) => { result.sink = { state: 'error', error: errorInfo(err) }; },
    );
    if (sink.type === 'node-writable' && cur.node) {
      sinkStream = nodeSink();
      lib.pipeline(...cur.node, sinkStream, (err) => {
        result.sink = err ? { state: 'error', error: errorInfo(err) } : { state: 'ok' };
      });
    } else if (sink.type === 'node-writable') {
      sinkStream = nodeSink();
      const web = lib.Writable.toWeb(sinkStream);
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
          result.sink = err ? { state: 'error', error: errorInfo(err) } : { state: 'ok' };
        });
      }
    } else {
      // A reader loop; for 'writer' it writes each chunk into Writable.toWeb(a Writable).
      const web = toWeb();
      const reader = web.getReader();
      let writer = null;
      let open = true; // the writer's stream is writable (not closed, erroring or errored)
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
      let target = null;
      if (sink.type === 'writer') {
        target = nodeSink();
        sinkStream = target;
        writer = lib.Writable.toWeb(target).getWriter();
        // The destination failing (destroyed, errored) cancels the reader, as pipeTo would: the
        // loop may be waiting in reader.read() for a chunk that never comes.
        writer.closed.then(() => { open = false; }, (err) => {
          open = false;
          reader.cancel(err).catch(() => {});
        });
        bridges.push({ label: 'Writable.toWeb (writer)', writable: target, writer, open: () => open && !target.writableEnded });
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
            result.sink = { state: 'error', error: errorInfo(reason('cancel')), by: 'us' };
            return;
          }
          if (fault.type === 'abort' && writer && !result.faulted && taken === fault.at) {
            result.faulted = true;
            const why = reason('abort');
            open = false;
            await writer.abort(why);
            await reader.cancel(why);
            result.sink = { state: 'error', error: errorInfo(why), by: 'us' };
            return;
          }
          const { done, value: chunk } = await reader.read();
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
        result.sink = { state: 'ok' };
      })().catch((err) => {
        result.sink = { state: 'error', error: errorInfo(err) };
      });
    }
    // A signal that nothing above took (a Node-only chain, a reader loop from a Node source):
    // addAbortSignal on the source, as an application would.
    if (signalController && !signalUsed && result.sourceStream) {
      lib.addAbortSignal(signalController.signal, result.sourceStream);
      signalUsed = true;
    }
  } catch (err) {
    result.sink = { state: 'error', error: errorInfo(err), at: 'build' };
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
  // Leave nothing open: what a script leaves open on purpose (preventClose, preventCancel, ...).
  for (const [, stream] of nodeStreams) stream.destroy();
  delete result.sourceStream;
  delete result.sourceWeb;
  return result;
}

/** Normalizes delivered data: bytes concatenated (as hex), objects as they are. */
export function deliveredOf(script, result) {
  if (script.kind !== 'bytes') return result.delivered;
  return Buffer.concat(result.delivered.map((c) => Buffer.from(c))).toString('hex');
}

export function expectedOf(script) {
  if (script.kind !== 'bytes') return script.chunks.map(value);
  return Buffer.concat(script.chunks.map((c) => Buffer.from(value(c)))).toString('hex');
}

/** The invariants of one run; returns the list of violations. */
export function invariants(script, result) {
  const out = [...result.violations];
  const delivered = deliveredOf(script, result);
  const expected = expectedOf(script);
  const isPrefix = script.kind === 'bytes'
    ? expected.startsWith(delivered)
    : delivered.length <= expected.length && delivered.every((c, i) => isDeepStrictEqual(c, expected[i]));
  if (!isPrefix) out.push('delivered data is not a prefix of the chunks: lost, duplicated, reordered or changed');
  if (result.hung) out.push('hung: the sink end never finished nor errored');
  if (result.sink.state === 'ok' && !isDeepStrictEqual(delivered, expected)) out.push('the sink finished without every chunk');
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
  const leftOpen = script.pipeTo.preventCancel;
  if (!leftOpen && !result.hung) {
    if (script.source.type === 'node-readable' && !s.ended && !s.destroyed) out.push('the source end is still open');
    if (script.source.type === 'web-readable' && !s.closed && !s.cancelled && result.sink.state === 'error' && !result.faulted) {
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

/** Runs the script with the process's uncaught exceptions and unhandled rejections logged into it. */
export async function runGuarded(libName, script) {
  const saved = {
    uncaughtException: process.listeners('uncaughtException'),
    unhandledRejection: process.listeners('unhandledRejection'),
  };
  const log = [];
  for (const event of Object.keys(saved)) process.removeAllListeners(event);
  const frames = (err) => String(err?.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 3).join('\n');
  process.on('uncaughtException', (err) => log.push(['uncaught', errorInfo(err), frames(err)]));
  process.on('unhandledRejection', (err) => log.push(['unhandled rejection', errorInfo(err), frames(err)]));
  let result;
  try {
    result = await runScript(libName, script);
    await immediate();
    await immediate();
  } catch (err) {
    result = { delivered: [], sink: { state: 'threw', error: errorInfo(err) }, source: {}, log: [], violations: [`runScript threw: ${err?.stack}`] };
  } finally {
    for (const [event, list] of Object.entries(saved)) {
      process.removeAllListeners(event);
      for (const listener of list) process.on(event, listener);
    }
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
    gc();
    await new Promise((resolve) => setTimeout(resolve, i < 2 ? 0 : 10));
  }
  return liveCores() - base;
}
