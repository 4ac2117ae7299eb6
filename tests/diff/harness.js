// Differential harness: every scenario runs once against node:stream and once against
// highwater, each run writes an event log, and the two logs must be equal.
//
// Set HIGHWATER_DIFF_SELF=1 to run node:stream against itself (checks that every
// scenario is deterministic, and works before dist/highwater.mjs is built).
// Set HIGHWATER_DIFF_PRINT=1 to print node:stream's log of every scenario.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect, isDeepStrictEqual } from 'node:util';
import * as nodeStream from 'node:stream';

const self = process.env.HIGHWATER_DIFF_SELF === '1';
const print = process.env.HIGHWATER_DIFF_PRINT === '1';
const other = self ? nodeStream : await import('../../dist/highwater.mjs');

/** The two implementations compared by every scenario, run in this order. */
const libs = [
  ['node', nodeStream],
  [self ? 'node (again)' : 'highwater', other],
];

/** Turns a value into a plain, comparable form: bytes as hex, errors as name/code/message. */
export function show(value) {
  if (value instanceof Error) {
    return { name: value.name, code: value.code, message: value.message };
  }
  if (value instanceof Uint8Array) {
    return { bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex') };
  }
  if (typeof value === 'function') return '[function]';
  if (typeof value === 'symbol') return String(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(show);
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, show(v)]));
  }
  return { object: value.constructor?.name };
}

/** The log being written by the run in progress; runs never overlap. */
let current = null;

function currentLog() {
  if (!current) throw new Error('harness helper used outside a scenario run');
  return current;
}

/** Resolves after one process.nextTick turn and the microtasks that follow it. */
export function tick() {
  return new Promise((resolve) => process.nextTick(resolve));
}

/** Resolves after one setImmediate turn (all ticks and microtasks before it have run). */
export function immediate() {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Logs each of the named events of `stream` with its arguments, as
 * [name?, event, ...args]. Only the listed events get listeners, because
 * adding a 'data', 'readable' or 'error' listener changes what a stream does.
 */
export function record(stream, events = ['pause', 'resume', 'end', 'error', 'close'], name) {
  const log = currentLog();
  for (const event of events) {
    stream.on(event, (...args) => {
      if (name === undefined) log(event, ...args);
      else log(name, event, ...args);
    });
  }
}

/** Runs `fn`, logs [label, 'returned', value] or [label, 'threw', error], and returns the value. */
export function attempt(label, fn) {
  const log = currentLog();
  try {
    const value = fn();
    log(label, 'returned', value);
    return value;
  } catch (err) {
    log(label, 'threw', err);
    return undefined;
  }
}

/** The getters sampled by `state`, in log order. */
const getters = [
  'readableLength',
  'readableHighWaterMark',
  'readableObjectMode',
  'readableEnded',
  'readableFlowing',
  'readableAborted',
  'readableDidRead',
  'readableEncoding',
  'destroyed',
  'errored',
  'closed',
];

/** Logs [label, {getter: value, ...}] for every public Readable state getter. */
export function state(label, stream) {
  const values = {};
  for (const key of getters) values[key] = stream[key];
  currentLog()(label, values);
}

/** The getters sampled by `wstate`, in log order. */
const writableGetters = [
  'writable',
  'writableLength',
  'writableNeedDrain',
  'writableFinished',
  'writableEnded',
  'writableCorked',
  'writableHighWaterMark',
  'writableObjectMode',
  'writableAborted',
  'destroyed',
  'errored',
  'closed',
];

/** Logs [label, {getter: value, ...}] for every public Writable state getter. */
export function wstate(label, stream) {
  const values = {};
  for (const key of writableGetters) values[key] = stream[key];
  currentLog()(label, values);
}

const settleTurns = 5;
const runTimeoutMs = 2000;

/** Runs one scenario against one lib and returns its log. */
async function run(lib, fn) {
  const entries = [];
  const log = (...entry) => {
    entries.push(entry.map(show));
  };
  // 'error' without a listener throws from a tick in both libs; catch it here as part of
  // the log instead of letting the test runner see it.
  const saved = {
    uncaughtException: process.listeners('uncaughtException'),
    unhandledRejection: process.listeners('unhandledRejection'),
  };
  for (const event of Object.keys(saved)) process.removeAllListeners(event);
  process.on('uncaughtException', (err) => log('uncaught', err));
  process.on('unhandledRejection', (err) => log('unhandled rejection', err));
  current = log;
  let timer;
  try {
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), runTimeoutMs);
    });
    const body = (async () => fn(lib, log))().then(
      () => 'done',
      (err) => {
        log('scenario threw', err);
        return 'done';
      },
    );
    if ((await Promise.race([body, timeout])) === 'timeout') log('timeout');
    for (let i = 0; i < settleTurns; i++) await immediate();
  } finally {
    clearTimeout(timer);
    current = null;
    for (const [event, listeners] of Object.entries(saved)) {
      process.removeAllListeners(event);
      for (const listener of listeners) process.on(event, listener);
    }
  }
  return entries;
}

/** One log entry (or a list of them) on one line. */
function oneLine(entry) {
  return entry === undefined ? '(log ended)' : inspect(entry, { depth: 6, breakLength: Infinity, compact: true });
}

/** Describes the first entry where two logs differ, with the entries before it. */
function firstDifference(names, a, b) {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (!isDeepStrictEqual(a[i], b[i])) {
      return [
        `logs differ at entry #${i}`,
        `  ${names[0]}: ${oneLine(a[i])}`,
        `  ${names[1]}: ${oneLine(b[i])}`,
        `  before it: ${oneLine(a.slice(Math.max(0, i - 3), i))}`,
      ].join('\n');
    }
  }
  return 'logs are equal';
}

/**
 * Registers a node:test test that runs `fn(lib, log)` against node:stream, then against
 * highwater, and asserts that the two logs are equal.
 */
export function scenario(name, fn) {
  test(name, async () => {
    const logs = [];
    for (const [, lib] of libs) logs.push(await run(lib, fn));
    const names = libs.map(([libName]) => libName);
    if (print) console.log([name, ...logs[0].map((entry) => `  ${oneLine(entry)}`)].join('\n'));
    assert.ok(logs[0].length > 0, 'scenario logged nothing under node:stream');
    assert.deepStrictEqual(logs[1], logs[0], firstDifference(names, logs[0], logs[1]));
  });
}
