// js/platform/inflate.js, which unpacks the wasm embedded in the package: everything Node's zlib writes
// as raw DEFLATE (every block kind: stored, fixed and dynamic Huffman codes, long and overlapping
// matches) comes back byte for byte. Raw DEFLATE has no checksum, so a damaged stream either
// throws an Error or decodes to other bytes (which WebAssembly.Module then refuses); it never hangs
// or writes outside its output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { inflate } from '../js/platform/inflate.js';

/** Seeded bytes (mulberry32), so a failure replays. */
function noise(length, seed) {
  const out = new Uint8Array(length);
  let a = seed;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}

const inputs = {
  empty: new Uint8Array(0),
  'one byte': new Uint8Array([7]),
  'random bytes': noise(100_000, 1),
  'one repeated byte': new Uint8Array(70_000).fill(3),
  'a short pattern (overlapping matches)': new TextEncoder().encode('abcabcabd'.repeat(5000)),
  'text with a small alphabet': noise(50_000, 2).map((b) => 97 + (b % 4)),
  'the wasm': new Uint8Array(fs.readFileSync(new URL('../dist/wasm/highwater_bg.wasm', import.meta.url))),
};
const { Z_FIXED, Z_HUFFMAN_ONLY, Z_RLE } = zlib.constants;
const settings = {
  'level 9': { level: 9 },
  'level 1': { level: 1 },
  'level 0 (stored blocks)': { level: 0 },
  'fixed codes': { strategy: Z_FIXED },
  'Huffman only': { strategy: Z_HUFFMAN_ONLY },
  RLE: { strategy: Z_RLE },
};

for (const [inputName, data] of Object.entries(inputs)) {
  test(`inflate: ${inputName}, every zlib setting`, () => {
    for (const [settingName, options] of Object.entries(settings)) {
      const deflated = zlib.deflateRawSync(data, options);
      assert.deepEqual(inflate(deflated, data.length), data, settingName);
    }
  });
}

test('inflate: a truncated, corrupted or wrongly sized stream throws', () => {
  const data = noise(20_000, 3).map((b) => 97 + (b % 8));
  const deflated = zlib.deflateRawSync(data, { level: 9 });
  assert.throws(() => inflate(deflated.subarray(0, deflated.length >> 1), data.length), Error);
  assert.throws(() => inflate(deflated, data.length - 1), Error);
  assert.throws(() => inflate(deflated, data.length + 1), Error);
  assert.throws(() => inflate(new Uint8Array([0xff, 0xff, 0xff]), 10), Error); // block type 3
  for (let i = 0; i < 200; i++) {
    const damaged = Uint8Array.from(deflated);
    damaged[(i * 7919) % damaged.length] ^= 1 << (i % 8);
    let output;
    try {
      output = inflate(damaged, data.length);
    } catch (error) {
      assert.ok(error instanceof Error);
      continue;
    }
    assert.equal(output.length, data.length);
  }
});
