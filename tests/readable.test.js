// highwater's additions to node:stream's Readable (README, deliberate differences).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from '../dist/highwater.mjs';

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
