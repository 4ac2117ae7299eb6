// setEncoding and the encoding option: decoded strings, characters split across chunks.

import { scenario, record, attempt, state, immediate } from './harness.js';

const hex = (s) => Buffer.from(s, 'hex');

/** Pushes the byte chunks (hex strings) into a stream decoding `encoding` and logs 'data'. */
async function decodeFlowing(lib, log, encoding, chunks) {
  const r = new lib.Readable({ read() {} });
  attempt('setEncoding', () => r.setEncoding(encoding) === r);
  log('readableEncoding', r.readableEncoding);
  record(r, ['data', 'end']);
  for (const c of chunks) r.push(hex(c));
  r.push(null);
  await immediate();
}

scenario('utf8: a 3-byte char split across chunks', (lib, log) =>
  // '€' = e2 82 ac
  decodeFlowing(lib, log, 'utf8', ['41e2', '82', 'ac42']),
);

scenario('utf8: a 4-byte emoji split into single bytes', (lib, log) =>
  // U+1F600 = f0 9f 98 80
  decodeFlowing(lib, log, 'utf8', ['f0', '9f', '98', '80', '21']),
);

scenario('utf8: an incomplete char at the end becomes U+FFFD', (lib, log) =>
  decodeFlowing(lib, log, 'utf8', ['61e282']),
);

scenario('utf8: invalid bytes become U+FFFD', (lib, log) =>
  decodeFlowing(lib, log, 'utf8', ['61ff62', 'c3', '28']),
);

scenario('utf-8 spelled UTF-8 is normalized', (lib, log) =>
  decodeFlowing(lib, log, 'UTF-8', ['c3', 'a9']),
);

scenario('utf16le: code units split at odd bytes', (lib, log) =>
  decodeFlowing(lib, log, 'utf16le', ['41', '00420043', '00']),
);

scenario('utf16le: a surrogate pair split across chunks', (lib, log) =>
  // U+1F600 = 3dd8 00de
  decodeFlowing(lib, log, 'utf16le', ['3dd8', '00', 'de4100']),
);

scenario('utf16le: a trailing odd byte at the end', (lib, log) =>
  decodeFlowing(lib, log, 'ucs2', ['410042']),
);

scenario('latin1 decodes each byte', (lib, log) =>
  decodeFlowing(lib, log, 'latin1', ['41e9', 'ff80']),
);

scenario('binary is an alias of latin1', (lib, log) =>
  decodeFlowing(lib, log, 'binary', ['e9']),
);

scenario('ascii with high bytes', (lib, log) =>
  decodeFlowing(lib, log, 'ascii', ['41e9', 'ff7f']),
);

scenario('base64 with chunks not a multiple of 3 bytes', (lib, log) =>
  decodeFlowing(lib, log, 'base64', ['6162', '636465', '66', '67']),
);

scenario('base64url with bytes that need - and _', (lib, log) =>
  decodeFlowing(lib, log, 'base64url', ['fbff', 'fe', 'ff']),
);

scenario('hex encoding', (lib, log) =>
  decodeFlowing(lib, log, 'hex', ['00ff', '10']),
);

scenario('encoding option decodes like setEncoding', async (lib, log) => {
  const r = new lib.Readable({ read() {}, encoding: 'utf8' });
  log('readableEncoding', r.readableEncoding);
  record(r, ['data', 'end']);
  r.push(hex('e282'));
  r.push(hex('ac'));
  r.push('plain');
  r.push(null);
  await immediate();
});

scenario('encoding option keeps the spelling given, setEncoding normalizes', async (lib, log) => {
  const a = new lib.Readable({ read() {}, encoding: 'UTF-8' });
  log('option', a.readableEncoding);
  const b = new lib.Readable({ read() {} });
  b.setEncoding('UTF-8');
  log('setEncoding', b.readableEncoding);
  const c = new lib.Readable({ read() {} });
  c.setEncoding('Latin1');
  log('setEncoding latin1', c.readableEncoding);
  await immediate();
});

scenario('unknown encoding throws ERR_UNKNOWN_ENCODING', async (lib, log) => {
  attempt('option', () => new lib.Readable({ read() {}, encoding: 'bogus' }).readableEncoding);
  const r = new lib.Readable({ read() {} });
  attempt('setEncoding', () => r.setEncoding('bogus'));
  log('readableEncoding', r.readableEncoding);
  await immediate();
});

scenario('setEncoding after data was buffered converts the buffer', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push(hex('6162'));
  r.push(hex('e282ac'));
  log('length before', r.readableLength);
  r.setEncoding('utf8');
  state('after setEncoding', r);
  attempt('read()', () => r.read());
  await immediate();
});

scenario('setEncoding after buffering half a char', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push(hex('61e2'));
  r.setEncoding('utf8');
  log('length', r.readableLength);
  r.push(hex('82ac'));
  log('length', r.readableLength);
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  await immediate();
});

scenario('setEncoding twice keeps strings already decoded', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.setEncoding('hex');
  r.push(hex('6162'));
  r.setEncoding('utf8');
  state('after', r);
  attempt('read()', () => r.read());
  await immediate();
});

scenario('read(n) with an encoding counts characters', async (lib, log) => {
  const r = new lib.Readable({ read() {}, highWaterMark: 100 });
  r.setEncoding('utf8');
  r.push(hex('e282ace282ac61'));
  log('length', r.readableLength);
  attempt('read(2)', () => r.read(2));
  attempt('read(5)', () => r.read(5));
  r.push(null);
  attempt('read(5)', () => r.read(5));
  await immediate();
});

scenario('hex encoding read(n) counts hex digits', async (lib, log) => {
  const r = new lib.Readable({ read() {}, highWaterMark: 100 });
  r.setEncoding('hex');
  r.push(hex('a1b2c3'));
  log('length', r.readableLength);
  attempt('read(3)', () => r.read(3));
  attempt('read()', () => r.read());
  await immediate();
});

scenario('read() with an encoding concatenates buffered strings after end', async (lib, log) => {
  const r = new lib.Readable({ read() {}, encoding: 'utf8' });
  r.push('ab');
  r.push('cd');
  r.push(null);
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  await immediate();
});

scenario('push(string, encoding) into a decoding stream', async (lib, log) => {
  const r = new lib.Readable({ read() {}, encoding: 'utf8' });
  record(r, ['data']);
  r.push('68c3a9', 'hex');
  r.push('w6k=', 'base64');
  r.push('same', 'utf8');
  await immediate();
});

scenario('push(string) into a hex decoding stream converts from utf8', async (lib, log) => {
  const r = new lib.Readable({ read() {}, encoding: 'hex' });
  record(r, ['data']);
  r.push('ab');
  r.push('ff', 'hex');
  await immediate();
});

scenario('unshift into a decoding stream', async (lib, log) => {
  const r = new lib.Readable({ read() {}, encoding: 'utf8' });
  r.push('cd');
  attempt('unshift string', () => r.unshift('ab'));
  attempt('unshift bytes', () => r.unshift(hex('7a')));
  attempt('unshift hex string', () => r.unshift('79', 'hex'));
  log('length', r.readableLength);
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  await immediate();
});

scenario('unshift into a hex decoding stream', async (lib, log) => {
  const r = new lib.Readable({ read() {}, encoding: 'hex' });
  r.push(hex('01'));
  attempt('unshift', () => r.unshift('a'));
  log('length', r.readableLength);
  r.push(null);
  attempt('read()', () => r.read());
  await immediate();
});

scenario('setEncoding in object mode decodes pushed Buffers', async (lib, log) => {
  const r = new lib.Readable({ read() {}, objectMode: true });
  r.setEncoding('utf8');
  log('readableEncoding', r.readableEncoding);
  r.push(hex('6869'));
  r.push('str');
  log('length', r.readableLength);
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  await immediate();
});

scenario('setEncoding in object mode converts buffered Buffers', async (lib, log) => {
  const r = new lib.Readable({ read() {}, objectMode: true });
  r.push(hex('6869'));
  attempt('setEncoding', () => r.setEncoding('utf8') === r);
  log('length', r.readableLength);
  attempt('read()', () => r.read());
  await immediate();
});

scenario('encoding with async iteration yields strings', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.setEncoding('utf16le');
  r.push(hex('4100'));
  r.push(hex('42'));
  r.push(hex('00'));
  r.push(null);
  for await (const chunk of r) log('chunk', chunk);
  log('done');
});

scenario('base64 remainder flushed at end in paused mode', async (lib, log) => {
  const r = new lib.Readable({ read() {}, encoding: 'base64' });
  record(r, ['end']);
  r.push(hex('6162636465'));
  log('length', r.readableLength);
  r.push(null);
  log('length after end', r.readableLength);
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  await immediate();
});
