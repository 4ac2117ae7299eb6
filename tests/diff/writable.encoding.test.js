// String chunks: how they are encoded to bytes (or kept as strings) before _write sees them,
// defaultEncoding, setDefaultEncoding and unknown encodings.

import { scenario, attempt, wstate, immediate } from './harness.js';

/** A Writable whose _write logs the chunk (bytes as hex) and the encoding argument. */
function logging(lib, log, options = {}) {
  return new lib.Writable({
    ...options,
    write(chunk, encoding, cb) {
      log('_write', chunk, encoding, typeof chunk);
      cb();
    },
  });
}

const text = 'héllo €';

for (const encoding of ['utf8', 'utf-8', 'utf16le', 'ucs2', 'latin1', 'binary', 'ascii']) {
  scenario(`string written as ${encoding} reaches _write as bytes`, async (lib, log) => {
    const w = logging(lib, log);
    attempt('write', () => w.write(text, encoding));
    log('length', w.writableLength);
    await immediate();
  });
}

scenario('string written as base64 is decoded to bytes', async (lib, log) => {
  const w = logging(lib, log);
  w.write('aGVsbG8gd29ybGQ=', 'base64');
  w.write('aGk', 'base64');
  await immediate();
});

scenario('string written as base64url is decoded to bytes', async (lib, log) => {
  const w = logging(lib, log);
  w.write('-_-_', 'base64url');
  await immediate();
});

scenario('string written as hex is decoded to bytes', async (lib, log) => {
  const w = logging(lib, log);
  w.write('deadBEEF', 'hex');
  await immediate();
});

scenario('encoding names are case-insensitive', async (lib, log) => {
  const w = logging(lib, log);
  w.write('6869', 'HEX');
  w.write('hi', 'UTF8');
  w.write('hi', 'Latin1');
  await immediate();
});

scenario('default string encoding is utf8', async (lib, log) => {
  const w = logging(lib, log);
  w.write(text);
  await immediate();
});

scenario('bytes are passed through with encoding buffer', async (lib, log) => {
  const w = logging(lib, log);
  w.write(Buffer.from([0, 255, 16]));
  w.write(Buffer.from('ignored encoding'), 'hex');
  await immediate();
});

scenario('a Uint8Array chunk reaches _write as bytes', async (lib, log) => {
  const w = logging(lib, log);
  w.write(new Uint8Array([1, 2, 3]), (err) => log('cb', err));
  await immediate();
});

scenario('decodeStrings false keeps strings with their encoding', async (lib, log) => {
  const w = logging(lib, log, { decodeStrings: false });
  w.write('plain');
  w.write('6869', 'hex');
  w.write('aGk=', 'base64');
  w.write(text, 'latin1');
  log('length', w.writableLength);
  await immediate();
});

scenario('decodeStrings false still passes bytes as bytes', async (lib, log) => {
  const w = logging(lib, log, { decodeStrings: false });
  w.write(Buffer.from('ab'));
  await immediate();
});

scenario('decodeStrings false: writableLength counts string length', async (lib, log) => {
  const w = new lib.Writable({
    decodeStrings: false,
    write(chunk, encoding, cb) {
      process.nextTick(cb);
    },
  });
  w.write('€€');
  w.write('abcd', 'hex');
  log('length', w.writableLength);
  await immediate();
});

scenario('decoded strings: writableLength counts bytes', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      process.nextTick(cb);
    },
  });
  w.write('€€');
  w.write('abcd', 'hex');
  log('length', w.writableLength);
  await immediate();
});

scenario('defaultEncoding hex applies to writes without an encoding', async (lib, log) => {
  const w = logging(lib, log, { defaultEncoding: 'hex' });
  w.write('6869');
  w.write('hi', 'utf8');
  await immediate();
});

scenario('defaultEncoding with decodeStrings false', async (lib, log) => {
  const w = logging(lib, log, { defaultEncoding: 'base64', decodeStrings: false });
  w.write('aGk=');
  await immediate();
});

scenario('unknown defaultEncoding option', async (lib, log) => {
  attempt('construct', () => {
    const w = new lib.Writable({ defaultEncoding: 'nope', write(c, e, cb) { cb(); } });
    return w.writableLength;
  });
});

scenario('setDefaultEncoding with a valid encoding returns the stream', async (lib, log) => {
  const w = logging(lib, log);
  attempt('setDefaultEncoding', () => w.setDefaultEncoding('hex') === w);
  w.write('ff00');
  await immediate();
});

scenario('setDefaultEncoding is case-insensitive', async (lib, log) => {
  const w = logging(lib, log);
  attempt('setDefaultEncoding', () => w.setDefaultEncoding('BASE64') === w);
  w.write('AAEC');
  await immediate();
});

scenario('setDefaultEncoding with an unknown encoding throws', async (lib, log) => {
  const w = logging(lib, log);
  attempt('setDefaultEncoding bogus', () => w.setDefaultEncoding('bogus'));
  attempt('setDefaultEncoding number', () => w.setDefaultEncoding(42));
  w.write('still utf8');
  await immediate();
});

scenario('write with an unknown encoding throws', async (lib, log) => {
  const w = logging(lib, log);
  w.on('error', (err) => log('error', err));
  attempt('write', () => w.write('abc', 'bogus', (err) => log('cb', err)));
  wstate('after', w);
  await immediate();
});

scenario('object mode keeps strings and ignores encodings', async (lib, log) => {
  const w = logging(lib, log, { objectMode: true });
  w.write('text');
  w.write('6869', 'hex');
  w.write(Buffer.from('b'));
  await immediate();
});

scenario('object mode with decodeStrings true still keeps strings', async (lib, log) => {
  const w = logging(lib, log, { objectMode: true, decodeStrings: true });
  w.write('text', 'base64');
  await immediate();
});

scenario('end(string, encoding) encodes the last chunk', async (lib, log) => {
  const w = logging(lib, log);
  w.end('00ff', 'hex');
  await immediate();
});

scenario('end(string, encoding) with decodeStrings false', async (lib, log) => {
  const w = logging(lib, log, { decodeStrings: false });
  w.end('00ff', 'hex');
  await immediate();
});
