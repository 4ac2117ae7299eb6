// Runs a fuzz script (see generate.js) against one stream library and returns its log, in
// the normalized form of tests/diff/harness.js; compares node:stream with highwater.

import { isDeepStrictEqual, inspect } from 'node:util';
import * as nodeStream from 'node:stream';
import { show } from '../diff/harness.js';
import { hasReadable, hasWritable } from './generate.js';

export const highwater = await import('../../dist/highwater.mjs');
export { nodeStream };

// Scripts add many listeners to one stream on purpose: keep the leak warnings about that quiet
// (Node's goes through process 'warning', highwater's EventEmitter prints with console.warn).
const leakWarning = 'MaxListenersExceededWarning';
const warningPrinters = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== leakWarning) for (const print of warningPrinters) print(warning);
});
const consoleWarn = console.warn;
console.warn = (...args) => {
  if (!String(args[0]).startsWith(leakWarning)) consoleWarn(...args);
};

/**
 * After the last step, macrotask turns run until `quietTurns` turns in a row log nothing
 * (at most `maxSettleTurns`), so that every pending callback has run.
 */
const quietTurns = 5;
const maxSettleTurns = 300;

/** Where a log is cut: a script that logs more runs away (an endless loop of events). */
const maxEntries = 3000;

const readableGetters = [
  'readableLength', 'readableHighWaterMark', 'readableObjectMode', 'readableEnded',
  'readableFlowing', 'readableAborted', 'readableDidRead', 'readableEncoding',
];
const writableGetters = [
  'writable', 'writableLength', 'writableNeedDrain', 'writableFinished', 'writableEnded',
  'writableCorked', 'writableHighWaterMark', 'writableObjectMode', 'writableAborted',
];
const commonGetters = ['destroyed', 'errored', 'closed'];

/** A chunk of the script as a value: bytes, a string, a fresh copy of a value, or null. */
function value(chunk) {
  if (chunk === null || chunk === undefined) return chunk;
  if (chunk.t === 'b') return Buffer.from(chunk.v);
  if (chunk.t === 'u') return new TextEncoder().encode(chunk.v);
  if (chunk.t === 's') return chunk.v;
  return structuredClone(chunk.v);
}

/** One run of `script` against `lib`: builds the streams, runs the steps, returns the log. */
export async function runScript(lib, script) {
  const entries = [];
  let over = false;
  const log = (...entry) => {
    if (over) return;
    if (entries.length < maxEntries) entries.push(entry.map(show));
    else if (entries.length === maxEntries) entries.push(['log too long']);
  };
  // Once the log is too long, implementations and listeners stop acting, which ends a loop
  // that they drive (a write on every 'drain', say).
  const runaway = () => entries.length > maxEntries;
  const macro = script.macro === 'timeout' ? (fn) => setTimeout(fn, 0) : (fn) => setImmediate(fn);
  // A deferred callback that throws is logged here: after an uncaught exception, where Node
  // runs the callbacks queued behind it varies. A synchronous one throws into the library, as
  // a throwing _read or _write would.
  const guarded = (fn) => () => {
    try {
      fn();
    } catch (err) {
      log('callback threw', err);
    }
  };
  const later = (timing, fn) => {
    if (runaway()) return;
    if (timing === 'sync') fn();
    else if (timing === 'tick') process.nextTick(guarded(fn));
    else if (timing === 'micro') queueMicrotask(guarded(fn));
    else macro(guarded(fn));
  };
  const wait = (kind) => new Promise((resolve) => {
    if (kind === 'micro') queueMicrotask(resolve);
    else if (kind === 'tick') process.nextTick(resolve);
    else macro(resolve);
  });

  const saved = {
    uncaughtException: process.listeners('uncaughtException'),
    unhandledRejection: process.listeners('unhandledRejection'),
  };
  for (const event of Object.keys(saved)) process.removeAllListeners(event);
  process.on('uncaughtException', (err) => log('uncaught', err));
  process.on('unhandledRejection', (err) => log('unhandled rejection', err));
  try {
    const streams = [];
    const controllers = [];
    /** Whether a step's call is running (and not a tick, microtask or timer). */
    let stepping = false;
    const listeners = [];
    /** Names a stream of this run (s0, s1, ...) in the log; other values as they are. */
    const named = (v) => {
      const i = streams.indexOf(v);
      return i >= 0 ? `s${i}` : v;
    };
    const snapshot = (i) => {
      const s = streams[i];
      const { kind } = script.streams[i];
      const values = {};
      if (hasReadable(kind)) {
        for (const key of readableGetters) values[key] = s[key];
        values.isPaused = s.isPaused();
      }
      if (hasWritable(kind)) for (const key of writableGetters) values[key] = s[key];
      for (const key of commonGetters) values[key] = s[key];
      log(`s${i}`, 'state', values);
    };

    script.streams.forEach((config, i) => {
      const controller = config.signal ? new AbortController() : null;
      const stream = build(lib, config, `s${i}`, log, later, controller?.signal, () => stepping);
      streams.push(stream);
      controllers.push(controller);
      listeners.push({});
      // 'error' too: with no listener, an error is thrown from a tick, and where Node runs the
      // callbacks queued behind an uncaught exception varies from run to run.
      const passive = ['close', 'error'];
      if (hasReadable(config.kind)) passive.push('end', 'pause', 'resume');
      if (hasWritable(config.kind)) passive.push('finish');
      for (const event of passive) stream.on(event, (...args) => log(`s${i}`, `(${event})`, ...args.map(named)));
    });

    for (const step of script.steps) {
      const label = describe(step);
      if (step.op === 'wait') {
        await wait(step.kind);
        log(label);
        continue;
      }
      stepping = true;
      try {
        const result = perform(lib, step, streams, listeners, log, controllers, runaway);
        log(label, 'returned', named(result));
      } catch (err) {
        log(label, 'threw', err);
      } finally {
        stepping = false;
      }
      const touched = new Set([step.s, step.to, ...(step.streams ?? [])].filter((i) => i !== undefined));
      for (const i of touched) snapshot(i);
    }
    let quiet = 0;
    for (let turn = 1; turn <= maxSettleTurns && quiet < quietTurns; turn++) {
      const length = entries.length;
      await wait('macro');
      if (entries.length === length) quiet++;
      else {
        quiet = 0;
        log('end of settle turn', turn);
      }
    }
    log('settled');
    streams.forEach((_, i) => snapshot(i));
  } finally {
    over = true;
    for (const [event, list] of Object.entries(saved)) {
      process.removeAllListeners(event);
      for (const listener of list) process.on(event, listener);
    }
  }
  return entries;
}

/** Builds one stream of the script, with implementations that log their calls. */
function build(lib, config, name, log, later, signal, stepping) {
  const options = { ...config.options };
  const { read, write, final, transform, flush, destroy, construct } = config;
  if (read) {
    let next = 0;
    options.read = function (n) {
      log(name, '_read', n);
      if (read.timing === 'never') return;
      if (read.timing === 'throw') throw new Error('_read threw');
      later(read.timing, () => {
        do {
          if (next < read.source.length) log(name, '_read push', this.push(value(read.source[next++])));
          else if (read.end) log(name, '_read push null', this.push(null));
        } while (read.burst && next < read.source.length);
      });
    };
  }
  if (write) {
    let count = 0;
    const done = (cb) => {
      // Thrown only into a step's own call: thrown from a tick or timer it would be uncaught.
      if (count === write.throwAt && stepping()) {
        count++;
        throw new Error('_write threw');
      }
      const failed = count++ === write.failAt;
      later(write.timing, () => cb(failed ? new Error('write failed') : undefined));
    };
    options.write = function (chunk, encoding, cb) {
      log(name, '_write', chunk, encoding);
      done(cb);
    };
    if (write.writev) {
      options.writev = function (chunks, cb) {
        log(name, '_writev', chunks.map((c) => [c.chunk, c.encoding]));
        done(cb);
      };
    }
  }
  if (final) {
    options.final = function (cb) {
      log(name, '_final');
      later(final.timing, () => cb(final.fail ? new Error('final failed') : undefined));
    };
  }
  if (transform) {
    let count = 0;
    options.transform = function (chunk, encoding, cb) {
      const failed = count++ === transform.failAt;
      log(name, '_transform', chunk, encoding);
      later(transform.timing, () => {
        if (failed) cb(new Error('transform failed'));
        else if (transform.mode === 'same') cb(null, chunk);
        else if (transform.mode === 'drop') cb();
        else {
          log(name, '_transform push', this.push(chunk));
          if (transform.mode === 'twice') cb(null, chunk);
          else cb();
        }
      });
    };
  }
  if (flush) {
    options.flush = function (cb) {
      log(name, '_flush');
      later(flush.timing, () => {
        if (flush.fail) cb(new Error('flush failed'));
        else if (flush.push) cb(null, value(flush.push));
        else cb();
      });
    };
  }
  if (construct) {
    options.construct = function (cb) {
      log(name, '_construct');
      later(construct.timing, () => cb(construct.fail ? new Error('construct failed') : undefined));
    };
  }
  if (signal) options.signal = signal;
  if (destroy) {
    options.destroy = function (err, cb) {
      log(name, '_destroy', err);
      later(destroy.timing, () => cb(err));
    };
  }
  return new lib[config.kind](options);
}

/** A listener that logs its event and, per variant, pauses, reads or writes. */
function listener(stream, name, event, variant, log, runaway) {
  if (event === 'data') {
    return (chunk) => {
      log(name, 'data', chunk);
      if (runaway()) return;
      if (variant === 'pause') stream.pause();
      if (variant === 'read') log(name, 'read()', stream.read());
    };
  }
  if (event === 'readable') {
    return () => {
      log(name, 'readable');
      if (runaway()) return;
      if (variant === 'one') log(name, 'read()', stream.read());
      if (variant === 'drain') {
        for (let i = 0; i < 50; i++) {
          const chunk = stream.read();
          log(name, 'read()', chunk);
          if (chunk === null) break;
        }
      }
    };
  }
  if (event === 'drain' && variant === 'write') {
    // Writes again after the first two drains only: a write on every drain can go on forever.
    let writes = 2;
    return () => {
      log(name, 'drain');
      if (writes-- > 0) log(name, 'write(x)', stream.write('x'));
    };
  }
  return (...args) => log(name, event, ...args);
}

/** Runs one step (not a wait) and returns what the call returned. */
function perform(lib, step, streams, listeners, log, controllers, runaway) {
  const s = streams[step.s];
  const name = `s${step.s}`;
  switch (step.op) {
    case 'abort':
      return controllers[step.s].abort();
    case 'removeAll':
      delete listeners[step.s][step.event];
      return s.removeAllListeners(step.event);
    case 'iterate':
      // for await in the background, leaving the loop after `take` chunks.
      (async () => {
        let count = 0;
        for await (const chunk of s) {
          log(name, 'iterated', chunk);
          if (++count >= step.take) break;
        }
        log(name, 'iteration done');
      })().catch((err) => log(name, 'iteration threw', err));
      return undefined;
    case 'finished':
      return lib.finished(s, (...args) => log(name, 'finished callback', ...args));
    case 'destroy':
      return s.destroy(step.error ? new Error('boom') : undefined);
    case 'on': {
      const fn = listener(s, name, step.event, step.variant, log, runaway);
      (listeners[step.s][step.event] ??= []).push(fn);
      return s.on(step.event, fn);
    }
    case 'off': {
      const fn = listeners[step.s][step.event]?.shift();
      return fn ? s.removeListener(step.event, fn) : 'no listener';
    }
    case 'push':
      return s.push(value(step.chunk));
    case 'unshift':
      return s.unshift(value(step.chunk));
    case 'read':
      return step.n === null ? s.read() : s.read(step.n);
    case 'pause':
    case 'resume':
    case 'cork':
    case 'uncork':
      return s[step.op]();
    case 'setEncoding':
    case 'setDefaultEncoding':
      return s[step.op](step.encoding);
    case 'pipe':
      return s.pipe(streams[step.to], { end: step.end });
    case 'unpipe':
      return step.to === undefined ? s.unpipe() : s.unpipe(streams[step.to]);
    case 'write': {
      const args = [value(step.chunk)];
      if (step.encoding !== undefined) args.push(step.encoding);
      if (step.callback) args.push((...cbArgs) => log(name, 'write callback', describe(step), ...cbArgs));
      return s.write(...args);
    }
    case 'end': {
      const args = step.chunk === undefined ? [] : [value(step.chunk)];
      if (step.callback) args.push((...cbArgs) => log(name, 'end callback', ...cbArgs));
      return s.end(...args);
    }
    case 'pipeline': {
      const chain = step.streams.map((i) => streams[i]);
      return lib.pipeline(...chain, (...args) => log('pipeline callback', ...args.map((a) => {
        const i = streams.indexOf(a);
        return i >= 0 ? `s${i}` : a;
      })));
    }
  }
  throw new Error(`unknown op ${step.op}`);
}

/** A short label for a step, e.g. "s1.write(b:'bc', hex)". */
export function describe(step) {
  const chunk = (c) => (c === null ? 'null' : c === undefined ? '' : `${c.t}:${JSON.stringify(c.v)}`);
  switch (step.op) {
    case 'wait': return `wait ${step.kind}`;
    case 'destroy': return `s${step.s}.destroy(${step.error ? 'error' : ''})`;
    case 'on': return `s${step.s}.on(${step.event}, ${step.variant})`;
    case 'off': return `s${step.s}.off(${step.event})`;
    case 'push': case 'unshift': return `s${step.s}.${step.op}(${chunk(step.chunk)})`;
    case 'read': return `s${step.s}.read(${step.n ?? ''})`;
    case 'setEncoding': case 'setDefaultEncoding': return `s${step.s}.${step.op}(${step.encoding})`;
    case 'pipe': return `s${step.s}.pipe(s${step.to}, {end: ${step.end}})`;
    case 'unpipe': return `s${step.s}.unpipe(${step.to === undefined ? '' : `s${step.to}`})`;
    case 'write': return `s${step.s}.write(${[chunk(step.chunk), step.encoding, step.callback ? 'cb' : undefined].filter(Boolean).join(', ')})`;
    case 'end': return `s${step.s}.end(${[chunk(step.chunk), step.callback ? 'cb' : undefined].filter(Boolean).join(', ')})`;
    case 'pipeline': return `pipeline(${step.streams.map((i) => `s${i}`).join(', ')})`;
    case 'abort': return `abort the signal of s${step.s}`;
    case 'removeAll': return `s${step.s}.removeAllListeners(${step.event})`;
    case 'iterate': return `for await (chunk of s${step.s}) (at most ${step.take})`;
    case 'finished': return `finished(s${step.s}, cb)`;
    default: return `s${step.s}.${step.op}()`;
  }
}

/** One log entry on one line. */
export function oneLine(entry) {
  return entry === undefined ? '(log ended)' : inspect(entry, { depth: 6, breakLength: Infinity, compact: true });
}

/** The index of the first entry where two logs differ, or -1 when they are equal. */
export function firstDifference(a, b) {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) if (!isDeepStrictEqual(a[i], b[i])) return i;
  return -1;
}

/**
 * Runs `script` against node:stream twice (a script whose two node logs differ is
 * nondeterministic, a bug of the generator) and against highwater.
 * Returns {node, again, highwater, deterministic, at}: `at` is the index of the first
 * entry where highwater's log differs from node's, or -1.
 */
export async function compare(script) {
  const node = await runScript(nodeStream, script);
  const again = await runScript(nodeStream, script);
  const hw = await runScript(highwater, script);
  return {
    node,
    again,
    highwater: hw,
    deterministic: firstDifference(node, again) === -1,
    at: firstDifference(node, hw),
  };
}

/** A report of a divergence: the first differing entries and the ones before them. */
export function explain(result, context = 4) {
  const { node, highwater: hw, at } = result;
  return [
    `logs differ at entry #${at}`,
    ...node.slice(Math.max(0, at - context), at).map((e) => `    ${oneLine(e)}`),
    `  node:      ${oneLine(node[at])}`,
    `  highwater: ${oneLine(hw[at])}`,
  ].join('\n');
}
