// The deliberate differences from node:stream listed in README.md, each shown against Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter as NodeEmitter } from 'node:events';
import * as node from 'node:stream';
import * as hw from '../dist/highwater.mjs';

test('Writable.call(duplex, options) keeps the writable side\'s highWaterMark, where Node gives it a new state', () => {
  const write = (chunk, encoding, cb) => cb();
  const nodeDuplex = new node.Duplex({ writableHighWaterMark: 3 });
  const ours = new hw.Duplex({ writableHighWaterMark: 3 });
  assert.equal(node.Writable.call(nodeDuplex, { write, highWaterMark: 5 }), undefined);
  assert.equal(hw.Writable.call(ours, { write, highWaterMark: 5 }), undefined);
  assert.equal(nodeDuplex.writableHighWaterMark, 5);
  assert.equal(ours.writableHighWaterMark, 3);
  assert.equal(ours._write, write);
});

test('streams are our own EventEmitter, not node:events', () => {
  assert.ok(new node.Readable() instanceof NodeEmitter);
  assert.ok(!(new hw.Readable() instanceof NodeEmitter));
  assert.equal(typeof new hw.Readable().on, 'function');
});

test('finished() on a web stream is ERR_INVALID_ARG_TYPE, where Node 26 waits for it', async () => {
  const web = new ReadableStream({ start: (c) => c.close() });
  assert.throws(() => hw.finished(web, () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
  await new Promise((resolve, reject) => node.finished(new ReadableStream({ start: (c) => c.close() }), (err) => (err ? reject(err) : resolve())));
});

test('_readableState: length, buffer and pendingcb cannot be assigned (Node stores them), other fields can', () => {
  const r = new hw.Readable({ read() {} });
  r.push('ab');
  assert.throws(() => {
    r._readableState.length = 99;
  }, TypeError);
  assert.throws(() => {
    r._readableState.buffer = [];
  }, TypeError);
  const w = new hw.Writable({ write(c, e, cb) {} });
  assert.throws(() => {
    w._writableState.pendingcb = 3;
  }, TypeError);
  const n = new node.Readable({ read() {} });
  n._readableState.length = 99;
  assert.equal(n.readableLength, 99);
  assert.equal(r.readableLength, 2);
  r._readableState.highWaterMark = 1;
  assert.equal(r.readableHighWaterMark, 1);
  assert.equal(r.push('c'), false);
});

test('addAbortSignal() on a web stream is ERR_INVALID_ARG_TYPE, where Node 26 accepts it', () => {
  const signal = new AbortController().signal;
  assert.throws(() => hw.addAbortSignal(signal, new ReadableStream()), { code: 'ERR_INVALID_ARG_TYPE' });
  const web = new ReadableStream();
  assert.equal(node.addAbortSignal(signal, web), web);
});
