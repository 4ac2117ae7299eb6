// No JS input can make the wasm core trap. A Rust panic (panic = "abort") surfaces as
// `WebAssembly.RuntimeError: unreachable`, and a trap leaves the one instance shared by every
// stream in an unknown state; so every export the wasm layer has is called with wrong types,
// out-of-range numbers, huge sizes, NaN, negative values, stale and made-up handles, in random
// (seeded, replayable) order, and the public API is abused the same way. Each call must return
// or throw a JS error, never trap, and streams created afterwards must work in the same instance.
//
// js/index.js and js/platform/core.js share one wasm instance (js/platform/core.js instantiates it), so the raw
// exports below and the streams are the same instance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../js/platform/core.js';
import * as hw from '../js/index.js';

const SEED = Number(process.env.BOUNDARY_SEED ?? 7);
const CALLS = Number(process.env.BOUNDARY_CALLS ?? 100_000);

/** A seeded generator (mulberry32), so that a failure names the seed that replays it. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  next.pick = (list) => list[Math.floor(next() * list.length)];
  return next;
}

/** Whether `error` is a wasm trap (a Rust panic is one: `unreachable`). */
const isTrap = (error) => error instanceof WebAssembly.RuntimeError;

/** Runs `fn`; returns the trap it raised, or null when it returned or threw a JS error. */
function trapOf(fn) {
  try {
    fn();
    return null;
  } catch (error) {
    return isTrap(error) ? error : null;
  }
}

/** Wrong values of every kind, for any parameter. */
const junk = [
  undefined, null, NaN, Infinity, -Infinity, -0, 0, -1, 1, 2, 1.5, -1.5, 0.1, 2 ** -60,
  255, 256, 2 ** 24, 2 ** 24 + 1, 2 ** 30, 2 ** 30 + 1, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 32 + 1,
  2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e308,
  true, false, '', '0', '12', 'abc', {}, [], [1], () => {}, Symbol('x'), 10n, new Uint8Array(4),
  { valueOf: () => 3 }, { valueOf: () => { throw new Error('valueOf'); } },
];

/** Helper objects for the web_* exports: right shape, wrong shape, throwing methods. */
const thrower = () => { throw new Error('helper'); };
const helperObjects = [
  {},
  { eos: thrower, destroyer: thrower, byteChunk: thrower, ended: thrower, abortError: thrower, chunkSize: thrower, prematureClose: thrower },
  { eos: () => {}, destroyer: () => {}, byteChunk: (c) => c, ended: () => false, abortError: () => new Error('a'), chunkSize: () => NaN, prematureClose: () => null },
];

/** The raw exports: every function the wasm layer has, found at run time so that new ones are covered. */
const exports = Object.keys(core).filter((name) => typeof core[name] === 'function').sort();

/** The process-wide defaults, put back after each test (hw_set_default_hwm is among the abused). */
const defaults = [core.hw_default_hwm(false), core.hw_default_hwm(true)];
function restoreDefaults() {
  core.hw_set_default_hwm(false, defaults[0]);
  core.hw_set_default_hwm(true, defaults[1]);
}

/** Handles of every kind: live (each side combination), destroyed, freed, made up. */
function handlePool() {
  const live = [];
  for (const [r, w] of [[64, 0], [0, 64], [64, 64], [65, 65], [64 | 8, 64 | 16], [64 | 32, 64 | 4]]) {
    live.push(core.st_new(NaN, r, NaN, w));
  }
  const destroyed = core.st_new(NaN, 64, NaN, 64);
  core.st_destroy(destroyed, true);
  const freed = core.st_new(NaN, 64, NaN, 0);
  core.st_free(freed);
  const madeUp = [0, 1, 0xffffff, 0x1000001, 0xffffffff, 2 ** 32, -1, live[0] + (1 << 24)];
  return { live, all: [...live, destroyed, freed, ...madeUp] };
}

/** Arguments for `name`: a handle first for the stream functions, then junk; web_* get objects. */
function argsFor(name, rnd, handles) {
  const arity = core[name].length;
  const args = [];
  for (let i = 0; i < Math.max(arity, 1) + 1; i++) args.push(rnd.pick(junk));
  if (/^(st|rd|wr)_/.test(name) && name !== 'st_new' && rnd() < 0.8) args[0] = rnd.pick(handles);
  if (name === 'st_restore' && rnd() < 0.8) {
    // A snapshot's shape (sides, then numbers and queue counts) filled with wrong numbers.
    const numbers = junk.filter((v) => typeof v === 'number');
    const words = [rnd.pick([1, 2, 3])];
    for (let i = Math.floor(rnd() * 20); i > 0; i--) words.push(rnd() < 0.3 ? Math.floor(rnd() * 4) : rnd.pick(numbers));
    args[0] = new Float64Array(words);
  }
  if (name.startsWith('web_')) {
    const subjects = [...junk, new hw.Readable({ read() {} }), new hw.Writable({ write(c, e, cb) { cb(); } }), new ReadableStream(), new WritableStream()];
    for (let i = 0; i < arity; i++) args[i] = rnd() < 0.5 ? rnd.pick(subjects) : rnd.pick(junk);
    if (rnd() < 0.7) args[arity - 1] = rnd.pick(helperObjects);
  }
  return args;
}

test('the trap detector catches a wasm trap (a Rust panic compiles to `unreachable`)', () => {
  // (module (func (export "f") unreachable))
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02,
    0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,
  ]);
  const { f } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
  const trap = trapOf(f);
  assert.ok(trap, 'a trap is caught');
  assert.match(trap.message, /unreachable/);
  assert.equal(trapOf(() => { throw new TypeError('a JS error'); }), null);
});

test('every raw export, every parameter, every wrong value: no trap', () => {
  const { all } = handlePool();
  const traps = [];
  for (const name of exports) {
    const arity = Math.max(core[name].length, 1);
    for (let position = 0; position < arity; position++) {
      for (const handle of all) {
        for (const value of [...junk, ...helperObjects]) {
          const args = [handle, 1, 1, true, helperObjects[2]].slice(0, arity);
          args[position] = value;
          const trap = trapOf(() => core[name](...args));
          if (trap) traps.push(`${name}(${args.map(String).join(', ')}): ${trap.message}`);
        }
      }
    }
  }
  restoreDefaults();
  assert.deepEqual(traps.slice(0, 10), []);
});

test(`${CALLS} raw calls in random order (seed ${SEED}): no trap`, () => {
  const rnd = random(SEED);
  let { live, all } = handlePool();
  const freed = [];
  let restored = 0;
  let trap = null;
  for (let i = 0; i < CALLS && !trap; i++) {
    const name = rnd() < 0.02 ? 'st_free' : rnd() < 0.02 ? 'st_new' : rnd.pick(exports);
    const args = argsFor(name, rnd, rnd() < 0.7 ? live : all);
    if (name === 'st_new') {
      args[1] = Math.floor(rnd() * 128);
      args[3] = Math.floor(rnd() * 128);
    }
    let value;
    trap = trapOf(() => { value = core[name](...args); });
    if (trap) trap = `call ${i} (BOUNDARY_SEED=${SEED}): ${name}(${args.map(String).join(', ')}): ${trap.message}`;
    if ((name === 'st_new' || name === 'st_restore') && value) live.push(value);
    if (name === 'st_restore' && value) restored++;
    if (name === 'st_free' && value) {
      live = live.filter((h) => h !== args[0]);
      freed.push(args[0]);
      all = [...all, args[0]];
    }
    if (live.length === 0) live.push(core.st_new(NaN, 64, NaN, 64));
  }
  for (const h of live) core.st_free(h);
  restoreDefaults();
  assert.equal(trap, null);
  assert.ok(freed.length > 0, 'the run freed handles and went on using them');
  assert.ok(restored > 0, 'made-up snapshots were restored and used');
});

/** Methods of the public API and the wrong arguments they get, for the abuse below. */
const calls = {
  push: () => [junk, [junk, junk]],
  unshift: () => [junk, [junk, junk]],
  read: () => [junk],
  setEncoding: () => [junk],
  write: () => [junk, [junk, junk], [junk, junk, junk]],
  end: () => [junk, [junk, junk]],
  cork: () => [[]],
  uncork: () => [[]],
  pause: () => [[]],
  resume: () => [[]],
  destroy: () => [junk, [junk, junk]],
  setDefaultEncoding: () => [junk],
  unpipe: () => [junk],
  iterator: () => [junk],
};

test('public API: methods with wrong arguments, in any order, after destroy: JS errors only', async () => {
  const rnd = random(SEED + 1);
  const errors = [];
  const made = [];
  const make = () => {
    const kind = rnd.pick(['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough']);
    const options = rnd() < 0.5 ? {} : { objectMode: rnd() < 0.5, highWaterMark: rnd.pick([0, 1, 16, 2 ** 20]) };
    options.read = () => {};
    options.write = (chunk, encoding, cb) => cb();
    const stream = new hw[kind](options);
    stream.on('error', (error) => errors.push(error));
    made.push(stream);
    return stream;
  };
  for (let i = 0; i < 20; i++) make();
  let trap = null;
  for (let i = 0; i < 20_000 && !trap; i++) {
    if (rnd() < 0.01) make();
    const stream = rnd.pick(made);
    const method = rnd.pick(Object.keys(calls));
    if (typeof stream[method] !== 'function') continue;
    const shapes = calls[method]();
    const shape = rnd.pick(shapes);
    const args = Array.isArray(shape[0]) || shape.length === 0 ? shape.map((values) => rnd.pick(values)) : [rnd.pick(shape)];
    // A wrong callback would be called: give it a function sometimes, recording its error.
    if ((method === 'write' || method === 'end' || method === 'destroy') && rnd() < 0.3) args.push((error) => error && errors.push(error));
    try {
      const result = stream[method](...args);
      if (method === 'iterator' && result) result.return?.().catch((error) => errors.push(error));
    } catch (error) {
      if (isTrap(error)) trap = `${method}(${args.map(String).join(', ')}): ${error.message}`;
      else errors.push(error);
    }
    if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(trap, null);
  assert.deepEqual(errors.filter(isTrap), []);
  // The wrong arguments were answered with Node's coded errors.
  const codes = new Set(errors.map((error) => error.code));
  for (const code of ['ERR_INVALID_ARG_TYPE', 'ERR_STREAM_DESTROYED']) assert.ok(codes.has(code), `${code} among ${[...codes]}`);
  for (const stream of made) stream.destroy();
});

test('after all that abuse, new streams of every kind work in the same instance', async () => {
  const { Readable, Writable, Duplex, Transform, PassThrough, pipeline } = hw;
  const got = [];
  const duplex = new Duplex({
    read() {},
    write(chunk, encoding, cb) { this.push(chunk); cb(); },
    final(cb) { this.push(null); cb(); },
  });
  await new Promise((resolve, reject) => pipeline(
    Readable.from(['a', 'b', 'c'].map((s) => Buffer.from(s))),
    new Transform({ transform(chunk, encoding, cb) { cb(null, chunk.toString().toUpperCase()); } }),
    new PassThrough(),
    duplex,
    new Writable({ write(chunk, encoding, cb) { got.push(chunk.toString()); cb(); } }),
    (error) => (error ? reject(error) : resolve()),
  ));
  assert.deepEqual(got, ['A', 'B', 'C']);

  // The web bridge (the web_* exports) still works too.
  const web = Readable.toWeb(Readable.from(['x', 'y']));
  const back = [];
  for await (const chunk of Readable.fromWeb(web, { objectMode: true })) back.push(chunk);
  assert.deepEqual(back, ['x', 'y']);

  // And the core answers as new: a fresh stream's state is the default one.
  const fresh = new Readable({ read() {} });
  assert.equal(fresh.readableHighWaterMark, defaults[0]);
  assert.equal(fresh.readableLength, 0);
  fresh.push('zz');
  assert.equal(fresh.read().toString(), 'zz');
});
