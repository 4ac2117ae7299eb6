// highwater's additions to node:stream's streams (README, deliberate differences).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable, Writable } from '../dist/highwater.mjs';

test('readableDesiredSize is highWaterMark minus the buffered length, in the stream unit', () => {
  const bytes = new Readable({ read() {}, highWaterMark: 10 });
  assert.equal(bytes.readableDesiredSize, 10);
  bytes.push(Buffer.from('abcd'));
  assert.equal(bytes.readableDesiredSize, 6);
  bytes.push(Buffer.from('abcdefgh'));
  assert.equal(bytes.readableDesiredSize, -2);
  bytes.read(5);
  assert.equal(bytes.readableDesiredSize, 3);

  const objects = new Readable({ read() {}, objectMode: true, highWaterMark: 2 });
  objects.push({ big: 'x'.repeat(100) });
  assert.equal(objects.readableDesiredSize, 1);
});

test('writableDesiredSize is highWaterMark minus the unprocessed length', () => {
  const held = [];
  const w = new Writable({ highWaterMark: 10, write(chunk, encoding, cb) { held.push(cb); } });
  assert.equal(w.writableDesiredSize, 10);
  w.write(Buffer.from('abcd'));
  w.write(Buffer.from('abcdefgh'));
  assert.equal(w.writableDesiredSize, -2);
  held.shift()();
  assert.equal(w.writableDesiredSize, 2);
});
