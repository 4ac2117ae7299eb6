// The record (core/src/record.rs, js/streams/record.js): each stream's state and answers in wasm
// memory, read by the façade through typed-array views instead of by calling the core. Growing
// memory detaches the views, so a stream read across a growth must still read right; a closed
// stream's getters read its kept record and do not put its core back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeStream from 'node:stream';
import { core, memory } from '../js/platform/core.js';
import { Readable, Writable, PassThrough } from '../js/index.js';

test('streams read right across a growth of wasm memory', async () => {
  const r = new Readable({ read() {} });
  r.push('abc');
  r.push('de');
  const w = new Writable({ highWaterMark: 4, write(chunk, encoding, cb) { setImmediate(cb); } });
  assert.equal(w.write('xyz'), true);
  assert.equal(r.readableLength, 5);
  const views = memory.u32;
  const before = core.hw_memory_bytes();
  // Grow memory mid-stream: many live cores fill new record blocks and table slots.
  const held = [];
  while (core.hw_memory_bytes() === before) {
    for (let i = 0; i < 1000; i++) held.push(new PassThrough());
  }
  assert.ok(core.hw_memory_bytes() > before, 'memory grew');
  assert.equal(views.length, 0, 'the old views were detached by the growth');
  assert.equal(r.readableLength, 5);
  assert.equal(r._readableState.length, 5);
  assert.equal(w.writableLength, 3);
  assert.equal(w.write('ab'), false, 'length 5 reaches the highWaterMark of 4');
  assert.equal(w.writableNeedDrain, true);
  assert.notEqual(memory.u32.length, 0, 'fresh views');
  const got = [];
  r.on('data', (c) => got.push(String(c)));
  r.push(null);
  await new Promise((resolve) => r.on('end', resolve));
  assert.deepEqual(got, ['abc', 'de']);
  await new Promise((resolve) => w.on('drain', resolve));
  assert.equal(w.writableNeedDrain, false);
  assert.equal(held.length > 0, true);
});

test('a closed stream answers its getters from its kept record, without its core', async () => {
  const r = new Readable({ read() {} });
  r.on('data', () => {});
  r.push('abc');
  r.push(null);
  await new Promise((resolve) => r.on('close', resolve));
  await new Promise((resolve) => setImmediate(resolve));
  const live = core.hw_live_streams();
  assert.equal(r.destroyed, true);
  assert.equal(r.readable, false);
  assert.equal(r.readableLength, 0);
  assert.equal(r.readableEnded, true);
  assert.equal(r.readableAborted, false);
  assert.equal(r.readableFlowing, true);
  assert.equal(r.closed, true);
  assert.equal(r.isPaused(), false);
  assert.equal(r.readableHighWaterMark, 65536);
  assert.equal(r._readableState.endEmitted, true);
  assert.equal(core.hw_live_streams(), live, 'no getter put the core back into the table');
});

test('planned steps (a write returning, a data emission) leave the state node:stream has', () => {
  const run = ({ Readable: R, Writable: W }) => {
    const log = [];
    // A write that fills the buffer: needDrain read before any further call.
    const w = new W({ highWaterMark: 2, write(chunk, encoding, cb) { this.pending = cb; } });
    log.push(w.write('abc'), w.writableNeedDrain, w._writableState.sync);
    // push inside a 'data' listener: push's answers and the read-more mark.
    const r = new R({ highWaterMark: 1, read() {} });
    r.once('data', () => log.push(r.push('b'), r._readableState.readingMore));
    r.resume();
    log.push(r.push('a'), r._readableState.readingMore, r.readableLength);
    return log;
  };
  assert.deepEqual(run({ Readable, Writable }), run(nodeStream));
});
