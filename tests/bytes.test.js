// Differential tests of js/platform/bytes.js against Node's Buffer and node:string_decoder.
// The whole file runs twice: as is (the Node path, results are Buffers) and, from the last test, in a
// child process with BYTES_TEST_NO_BUFFER=1 that deletes globalThis.Buffer before loading the module
// (the browser path, results are plain Uint8Arrays). Node's own Buffer stays reachable here through
// the node:buffer import, so it remains the reference in both runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { StringDecoder as NodeStringDecoder } from 'node:string_decoder';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const withoutBuffer = process.env.BYTES_TEST_NO_BUFFER === '1';
if (withoutBuffer) delete globalThis.Buffer;
const bytes = await import('../js/platform/bytes.js');
const { normalizeEncoding, isBytes, isByteView, toBytes, fromString, concat, toString, StringDecoder } = bytes;

const ENCODINGS = ['utf8', 'utf16le', 'latin1', 'ascii', 'base64', 'base64url', 'hex'];

/** Asserts `actual` is a byte chunk of the kind this run should make, holding `expected`'s bytes. */
function assertBytes(actual, expected, message) {
  assert.equal(isBytes(actual), true, message);
  assert.equal(Buffer.isBuffer(actual), !withoutBuffer, `${message}: Buffer in Node, plain Uint8Array without`);
  assert.deepEqual([...actual], [...expected], message);
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  '',
  'a',
  'hello, world',
  '\u0000\u007f',
  'é',
  'ÿ',
  'caf\u00e9 na\u00efve',
  '\u20ac',
  '\u0100\u0161',
  '\u4e2d\u6587',
  '\ud83d\ude00',
  'a\ud83d\ude00b\ud83c\udf89c',
  '\ud800',
  '\udc00x',
  'a\ud83d',
  '\ude00\ud83d',
  '\ufeffbom',
  '\uffff\ufffd',
  'Zm9vYmFy',
  'Zm9vYg==',
  'Zm9vYg',
  'Zm9v\nYmFy',
  ' Z m 9 v ',
  'QQ==QUJD',
  'QU=JD',
  'Q-_/+A',
  'QUJDR',
  '\u0151\u0151\u0151\u0151',
  '48656c6c6f',
  '48656C6C6F',
  '4865z6c',
  '486',
  '\u0161\u0162zz',
  '00ff80',
];

/** Random strings over an alphabet that stresses each encoding's parser. */
function randomStrings(seed, count) {
  const next = random(seed);
  const pieces = [
    ...'ABCXYZabcxyz0189+/-_= \n\t.%fF',
    'é',
    '\u0141',
    '\u20ac',
    '\ud83d\ude00',
    '\ud800',
    '\udc00',
    '\u0000',
  ];
  const out = [];
  for (let n = 0; n < count; n++) {
    let s = '';
    const length = Math.floor(next() * 14);
    for (let i = 0; i < length; i++) s += pieces[Math.floor(next() * pieces.length)];
    out.push(s);
  }
  return out;
}

/** Byte sequences to decode: valid text, invalid and truncated UTF-8, split surrogates, random bytes. */
function byteSequences() {
  const list = [
    [],
    [0x41],
    [0xef, 0xbb, 0xbf, 0x41],
    [0xc2, 0xa2],
    [0xe2, 0x82, 0xac],
    [0xf0, 0x9f, 0x98, 0x80],
    [0xc0, 0x80],
    [0xc1, 0xbf],
    [0xe0, 0x80, 0x80],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf5, 0x80, 0x41],
    [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0xe2, 0x82],
    [0xf0, 0x9f, 0x98],
    [0x80, 0x80, 0x80, 0x80, 0x80],
    [0xc2],
    [0xe1, 0x80, 0x41],
    [0xff, 0xfe, 0xfd],
    [0x41, 0xf0, 0x9f, 0x98, 0x80, 0xe2, 0x82, 0xac, 0x42],
    [0x3d, 0xd8, 0x00, 0xde],
    [0x3d, 0xd8, 0x41, 0x00],
    [0x00, 0xd8, 0x00, 0xd8, 0x00, 0xdc],
    [0x00, 0xdc, 0x00, 0xd8],
  ];
  for (const s of STRINGS) for (const enc of ['utf8', 'utf16le']) list.push([...Buffer.from(s, enc)]);
  const next = random(7);
  const interesting = [0x41, 0x80, 0x9f, 0xbf, 0xc2, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf8, 0xd8, 0xdc, 0x00];
  for (let n = 0; n < 120; n++) {
    const seq = [];
    const length = 1 + Math.floor(next() * 9);
    for (let i = 0; i < length; i++) {
      seq.push(next() < 0.7 ? interesting[Math.floor(next() * interesting.length)] : Math.floor(next() * 256));
    }
    list.push(seq);
  }
  return list.map((seq) => Uint8Array.from(seq));
}

/** Every way to cut `length` bytes into 1, 2 or 3 pieces, as lists of cut points. */
function cuts(length) {
  const out = [[]];
  for (let i = 0; i <= length; i++) {
    out.push([i]);
    for (let j = i; j <= length; j++) out.push([i, j]);
  }
  return out;
}

/** The pieces of `seq` between the cut points; `kind` picks the chunk type fed to the decoder. */
function piecesOf(seq, points, kind) {
  const bounds = [0, ...points, seq.length];
  const pieces = [];
  for (let i = 0; i + 1 < bounds.length; i++) pieces.push(seq.slice(bounds[i], bounds[i + 1]));
  if (kind === 'buffer') return pieces.map((p) => Buffer.from(p));
  if (kind === 'dataview') return pieces.map((p) => new DataView(p.buffer, p.byteOffset, p.byteLength));
  return pieces;
}

/** What a decoder returns for each write and for end(), optionally handing the last piece to end(). */
function run(decoder, pieces, lastToEnd) {
  const out = [];
  const writes = lastToEnd ? pieces.slice(0, -1) : pieces;
  for (const piece of writes) out.push(decoder.write(piece));
  out.push(lastToEnd ? decoder.end(pieces.at(-1)) : decoder.end());
  return out;
}

test('the module runs with or without Buffer, as this run wants', () => {
  assert.equal(typeof globalThis.Buffer, withoutBuffer ? 'undefined' : 'function');
});

test('the module imports nothing and names no Node global except a guarded globalThis.Buffer', () => {
  const source = readFileSync(new URL('../js/platform/bytes.js', import.meta.url), 'utf8');
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  assert.doesNotMatch(code, /^\s*import\b|\bimport\s*\(|\brequire\s*\(/m);
  assert.doesNotMatch(code, /\bprocess\b/);
  assert.deepEqual(code.match(/[\w.]*\bBuffer\b/g), ['globalThis.Buffer', 'globalThis.Buffer']);
});

test('normalizeEncoding agrees with the encoding Node gives a StringDecoder', () => {
  const names = [
    undefined, null, '', 'utf8', 'UTF8', 'utf-8', 'Utf-8', 'ucs2', 'UCS2', 'ucs-2', 'UCS-2', 'utf16le',
    'UTF16LE', 'utf-16le', 'Utf-16LE', 'latin1', 'LATIN1', 'binary', 'BINARY', 'ascii', 'ASCII', 'base64',
    'BASE64', 'base64url', 'Base64URL', 'hex', 'HEX', 'Hex', 'utf16', 'utf-16', 'utf32', 'latin-1',
    'base-64', 'foo', ' utf8', 'utf8 ', '__proto__', 'toString', 123, {},
  ];
  for (const name of names) {
    let expected;
    try {
      expected = new NodeStringDecoder(name).encoding;
    } catch (error) {
      assert.equal(error.code, 'ERR_UNKNOWN_ENCODING');
    }
    assert.equal(normalizeEncoding(name), expected, String(name));
  }
});

test('isBytes and isByteView tell byte chunks from other values, across realms', () => {
  const other = vm.runInNewContext('({ bytes: new Uint8Array(2), clamped: new Uint8ClampedArray(2), view: new DataView(new ArrayBuffer(2)) })');
  const views = [new Uint8Array(1), Buffer.alloc(1), other.bytes];
  const otherViews = [new Uint8ClampedArray(1), new Int8Array(1), new Uint16Array(1), new Float64Array(1), new DataView(new ArrayBuffer(1)), other.clamped, other.view];
  const notViews = [undefined, null, 0, 'ab', [1, 2], new ArrayBuffer(2), { length: 1, 0: 1 }];
  for (const x of views) assert.deepEqual([isBytes(x), isByteView(x)], [true, true]);
  for (const x of otherViews) assert.deepEqual([isBytes(x), isByteView(x)], [false, true]);
  for (const x of notViews) assert.deepEqual([isBytes(x), isByteView(x)], [false, false]);
});

test('toBytes views the same memory as the view it is given', () => {
  const memory = new ArrayBuffer(8);
  new Uint8Array(memory).set([1, 2, 3, 4, 5, 6, 7, 8]);
  for (const view of [new Uint16Array(memory, 2, 2), new DataView(memory, 1, 5), new Uint8Array(memory, 3), new Float32Array(memory, 4, 1)]) {
    const out = toBytes(view);
    assertBytes(out, new Uint8Array(memory, view.byteOffset, view.byteLength), view.constructor.name);
    assert.equal(out.buffer, memory);
    out[0] = 99;
    assert.equal(new Uint8Array(memory)[view.byteOffset], 99);
    new Uint8Array(memory)[view.byteOffset] = view.byteOffset + 1;
  }
  const buffer = Buffer.from('abc');
  if (!withoutBuffer) assert.equal(toBytes(buffer), buffer);
  const plain = new Uint8Array(2);
  if (withoutBuffer) assert.equal(toBytes(plain), plain);
});

test('fromString encodes like Buffer.from for every encoding', () => {
  for (const str of [...STRINGS, ...randomStrings(1, 3000)]) {
    for (const enc of ENCODINGS) {
      assertBytes(fromString(str, enc), Buffer.from(str, enc), `${enc} ${JSON.stringify(str)}`);
    }
  }
  const long = 'x\u00e9\ud83d\ude00'.repeat(5000);
  for (const enc of ENCODINGS) assertBytes(fromString(long, enc), Buffer.from(long, enc), `long ${enc}`);
});

test('fromString and toString take any alias and reject unknown encodings like Node', () => {
  assertBytes(fromString('\u00e9'), Buffer.from('\u00e9'), 'default');
  assertBytes(fromString('\u00e9', 'Binary'), Buffer.from('\u00e9', 'binary'), 'binary');
  assertBytes(fromString('\u00e9', 'UCS-2'), Buffer.from('\u00e9', 'ucs2'), 'ucs-2');
  assert.equal(toString(Uint8Array.of(0xe9, 0x00)), Buffer.of(0xe9, 0x00).toString());
  assert.equal(toString(Uint8Array.of(0xe9, 0x00), 'UTF-16LE'), '\u00e9');
  let expected;
  try {
    Buffer.from('a', 'nope');
  } catch (error) {
    expected = error;
  }
  for (const call of [() => fromString('a', 'nope'), () => toString(new Uint8Array(1), 'nope'), () => new StringDecoder('nope')]) {
    assert.throws(call, { name: expected.name, code: expected.code, message: expected.message });
  }
});

test('toString decodes like buf.toString for every encoding', () => {
  const sequences = byteSequences();
  const next = random(3);
  const long = Uint8Array.from({ length: 50000 }, () => Math.floor(next() * 256));
  for (const seq of [...sequences, long]) {
    for (const enc of ENCODINGS) {
      const label = `${enc} [${seq.length > 20 ? 'long' : seq}]`;
      assert.equal(toString(seq, enc), Buffer.from(seq).toString(enc), label);
      assert.equal(toString(new DataView(seq.buffer), enc), Buffer.from(seq).toString(enc), label);
    }
  }
});

test('toString reverses fromString like Buffer does', () => {
  for (const str of STRINGS) {
    for (const enc of ENCODINGS) {
      assert.equal(toString(fromString(str, enc), enc), Buffer.from(str, enc).toString(enc), `${enc} ${JSON.stringify(str)}`);
    }
  }
});

test('concat joins chunks like Buffer.concat, cut or zero-filled to totalLength', () => {
  const list = [Uint8Array.of(1, 2), Buffer.from([3]), new Uint8Array(0), Uint8Array.of(4, 5, 6)];
  for (const total of [undefined, 0, 1, 2, 3, 5, 6, 9]) {
    assertBytes(concat(list, total), Buffer.concat(list, total), `totalLength ${total}`);
  }
  assertBytes(concat([]), Buffer.concat([]), 'empty list');
  const single = Uint8Array.of(7, 8);
  const copy = concat([single]);
  assertBytes(copy, single, 'one chunk');
  copy[0] = 0;
  assert.equal(single[0], 7, 'the result is a copy');
});

test('StringDecoder reports its canonical encoding', () => {
  for (const name of [undefined, 'utf-8', 'UCS2', 'utf-16le', 'binary', 'ASCII', 'base64', 'base64url', 'hex']) {
    assert.equal(new StringDecoder(name).encoding, new NodeStringDecoder(name).encoding);
  }
});

test('StringDecoder matches node:string_decoder for every split into 1 to 3 pieces', () => {
  const sequences = byteSequences();
  const kinds = ['uint8array', 'buffer', 'dataview'];
  let runs = 0;
  for (const enc of ENCODINGS) {
    for (const [n, seq] of sequences.entries()) {
      for (const points of cuts(seq.length)) {
        const kind = kinds[(n + points.length) % kinds.length];
        const pieces = piecesOf(seq, points, kind);
        const lastToEnd = (n + points[0]) % 2 === 1;
        const mine = new StringDecoder(enc);
        const node = new NodeStringDecoder(enc);
        const label = `${enc} [${seq}] cut at ${points} (${kind}${lastToEnd ? ', last piece to end()' : ''})`;
        assert.deepEqual(run(mine, pieces, lastToEnd), run(node, pieces, lastToEnd), label);
        // After end() a decoder starts afresh.
        assert.deepEqual(run(mine, [seq], false), run(node, [seq], false), `${label}, reused`);
        runs++;
      }
    }
  }
  assert.ok(runs > 50000, `${runs} runs`);
});

test('StringDecoder matches node:string_decoder on long random chunk streams', () => {
  const next = random(11);
  const text = Buffer.from('ascii \u00e9\u20ac\ud83d\ude00 \ud800 mixed '.repeat(200));
  for (const enc of ENCODINGS) {
    for (let round = 0; round < 20; round++) {
      const source = round % 2 === 0 ? text : Uint8Array.from({ length: 3000 }, () => Math.floor(next() * 256));
      const mine = new StringDecoder(enc);
      const node = new NodeStringDecoder(enc);
      for (let at = 0; at < source.length; ) {
        const size = Math.floor(next() * 9);
        const piece = source.subarray(at, at + size);
        at += size;
        assert.equal(mine.write(piece), node.write(piece), `${enc} round ${round} at ${at}`);
      }
      assert.equal(mine.end(), node.end(), `${enc} round ${round} end`);
    }
  }
});

test('StringDecoder passes strings through and writes nothing for empty chunks', () => {
  const mine = new StringDecoder('utf8');
  const node = new NodeStringDecoder('utf8');
  for (const chunk of [Uint8Array.of(0xe2), 'text', new Uint8Array(0), Uint8Array.of(0x82, 0xac)]) {
    assert.equal(mine.write(chunk), node.write(chunk));
  }
  assert.equal(mine.end('tail'), node.end('tail'));
});

test('the same tests pass with globalThis.Buffer deleted (the browser path)', { skip: withoutBuffer }, () => {
  const env = { ...process.env, BYTES_TEST_NO_BUFFER: '1' };
  delete env.NODE_TEST_CONTEXT;
  const child = spawnSync(process.execPath, ['--test-reporter=tap', fileURLToPath(import.meta.url)], { env, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stdout + child.stderr);
  assert.match(child.stdout, /# fail 0/);
  assert.doesNotMatch(child.stdout, /# pass 0\b/);
});
