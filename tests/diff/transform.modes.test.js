// Transform object mode combinations: objectMode, readableObjectMode, writableObjectMode, and
// the high water marks that go with them.

import { scenario, attempt, immediate } from './harness.js';

const combos = [
  ['no object mode', {}],
  ['objectMode', { objectMode: true }],
  ['readableObjectMode', { readableObjectMode: true }],
  ['writableObjectMode', { writableObjectMode: true }],
  ['both per-side object modes', { readableObjectMode: true, writableObjectMode: true }],
  ['objectMode false with readableObjectMode', { objectMode: false, readableObjectMode: true }],
];

for (const [label, options] of combos) {
  scenario(`Transform ${label}: modes and high water marks`, async (lib, log) => {
    const t = new lib.Transform({ ...options, transform(c, e, cb) { cb(null, c); } });
    log('object modes', t.readableObjectMode, t.writableObjectMode);
    log('high water marks', t.readableHighWaterMark, t.writableHighWaterMark);
  });

  scenario(`Transform ${label}: what flows through`, async (lib, log) => {
    const t = new lib.Transform({
      ...options,
      transform(chunk, encoding, cb) {
        log('_transform', chunk, encoding);
        cb(null, chunk);
      },
    });
    t.on('data', (chunk) => log('data', chunk));
    t.on('error', (err) => log('error', err));
    attempt('write string', () => t.write('str'));
    attempt('write object', () => t.write({ o: 1 }));
    attempt('write number', () => t.write(5));
    await immediate();
  });
}

scenario('writableObjectMode transform turning objects into strings', async (lib, log) => {
  const t = new lib.Transform({
    writableObjectMode: true,
    transform(chunk, encoding, cb) {
      cb(null, `${JSON.stringify(chunk)}\n`);
    },
  });
  t.on('data', (chunk) => log('data', chunk));
  t.write({ a: 1 });
  t.write([2]);
  t.end('tail');
  await immediate();
});

scenario('readableObjectMode transform turning bytes into objects', async (lib, log) => {
  const t = new lib.Transform({
    readableObjectMode: true,
    transform(chunk, encoding, cb) {
      for (const byte of chunk) this.push({ byte });
      cb();
    },
  });
  t.on('data', (chunk) => log('data', chunk));
  t.end(Buffer.from([1, 2]));
  await immediate();
});

scenario('readableObjectMode transform pushing null ends the readable side', async (lib, log) => {
  const t = new lib.Transform({
    readableObjectMode: true,
    transform(chunk, encoding, cb) {
      this.push(null);
      cb();
    },
  });
  t.on('data', (chunk) => log('data', chunk));
  t.on('end', () => log('end'));
  t.on('error', (err) => log('error', err));
  t.write('a');
  await immediate();
  attempt('write after push(null)', () => t.write('b', (err) => log('write cb', err)));
  await immediate();
});

scenario('PassThrough with readableObjectMode and string chunks', async (lib, log) => {
  const t = new lib.PassThrough({ readableObjectMode: true });
  t.on('data', (chunk) => log('data', chunk));
  t.write('ab');
  t.write('cd');
  await immediate();
});

scenario('PassThrough with writableObjectMode and string chunks', async (lib, log) => {
  const t = new lib.PassThrough({ writableObjectMode: true });
  t.on('data', (chunk) => log('data', chunk));
  t.on('error', (err) => log('error', err));
  t.write('ab');
  attempt('write object', () => t.write({ x: 1 }));
  await immediate();
});

scenario('Transform highWaterMark option sets both sides', async (lib, log) => {
  const t = new lib.Transform({ highWaterMark: 3, transform(c, e, cb) { cb(); } });
  log('high water marks', t.readableHighWaterMark, t.writableHighWaterMark);
  const u = new lib.Transform({ readableHighWaterMark: 2, writableHighWaterMark: 9, transform(c, e, cb) { cb(); } });
  log('per side', u.readableHighWaterMark, u.writableHighWaterMark);
});
