// Backpressure through a Transform: once the readable side is full and unread, _transform is
// not called and write() returns false; reading resumes the flow.

import { scenario, record, attempt, state, wstate, immediate } from './harness.js';

/** A Transform that logs each _transform call and passes the chunk on. */
function logging(lib, log, options = {}) {
  return new lib.Transform({
    ...options,
    transform(chunk, encoding, cb) {
      log('_transform', chunk);
      cb(null, chunk);
    },
  });
}

scenario('writes stop reaching _transform once the readable side is full', async (lib, log) => {
  const t = logging(lib, log, { readableHighWaterMark: 2, writableHighWaterMark: 2 });
  record(t, ['drain', 'end', 'finish']);
  for (let i = 0; i < 5; i++) attempt(`write ${i}`, () => t.write(`${i}${i}`));
  await immediate();
  state('readable side', t);
  wstate('writable side', t);
});

scenario('reading resumes _transform and emits drain', async (lib, log) => {
  const t = logging(lib, log, { readableHighWaterMark: 2, writableHighWaterMark: 2 });
  record(t, ['drain', 'end', 'finish']);
  for (let i = 0; i < 4; i++) attempt(`write ${i}`, () => t.write(`${i}${i}`));
  await immediate();
  for (let i = 0; i < 4; i++) {
    log('read', t.read());
    await immediate();
    log('lengths', t.readableLength, t.writableLength);
  }
  t.end();
  log('read', t.read());
  await immediate();
});

scenario('resume() drains a backed-up transform', async (lib, log) => {
  const t = logging(lib, log, { highWaterMark: 1 });
  record(t, ['data', 'drain', 'end', 'finish', 'close']);
  for (let i = 0; i < 3; i++) attempt(`write ${i}`, () => t.write(`c${i}`));
  await immediate();
  log('lengths', t.readableLength, t.writableLength);
  t.resume();
  t.end();
  await immediate();
});

scenario('object mode backpressure counts objects on both sides', async (lib, log) => {
  const t = logging(lib, log, { objectMode: true, highWaterMark: 1 });
  record(t, ['drain']);
  for (let i = 0; i < 4; i++) attempt(`write ${i}`, () => t.write({ i }));
  await immediate();
  log('lengths', t.readableLength, t.writableLength);
  log('read', t.read());
  await immediate();
  log('lengths', t.readableLength, t.writableLength);
});

scenario('a transform that pushes more than it receives', async (lib, log) => {
  const t = new lib.Transform({
    readableHighWaterMark: 4,
    transform(chunk, encoding, cb) {
      log('_transform', chunk);
      for (let i = 0; i < 3; i++) log('push returned', this.push(chunk));
      cb();
    },
  });
  record(t, ['drain']);
  attempt('write 1', () => t.write('ab'));
  attempt('write 2', () => t.write('cd'));
  await immediate();
  log('lengths', t.readableLength, t.writableLength);
  log('read', t.read());
  await immediate();
  log('lengths', t.readableLength, t.writableLength);
});

scenario('PassThrough backpressure with a slow consumer', async (lib, log) => {
  const t = new lib.PassThrough({ highWaterMark: 4 });
  record(t, ['drain', 'end', 'finish']);
  const returns = [];
  for (let i = 0; i < 6; i++) returns.push(t.write('xy'));
  log('returns', returns);
  await immediate();
  log('lengths', t.readableLength, t.writableLength);
  t.on('readable', () => {
    let chunk;
    while ((chunk = t.read()) !== null) log('read', chunk);
  });
  await immediate();
  t.end();
  await immediate();
});

scenario('write callbacks wait for the transform to accept the chunk', async (lib, log) => {
  const t = logging(lib, log, { highWaterMark: 1 });
  for (let i = 0; i < 3; i++) t.write(`w${i}`, () => log('write cb', i));
  await immediate();
  log('reading');
  t.read();
  await immediate();
  t.read();
  await immediate();
});

scenario('end with a full readable side: finish after flush, end after reading', async (lib, log) => {
  const t = new lib.Transform({
    highWaterMark: 1,
    transform(chunk, encoding, cb) {
      log('_transform', chunk);
      cb(null, chunk);
    },
    flush(cb) {
      log('_flush');
      cb();
    },
  });
  record(t, ['prefinish', 'finish', 'end', 'close']);
  t.write('a');
  t.write('b');
  t.end();
  await immediate();
  log('read', t.read());
  await immediate();
  log('read', t.read());
  await immediate();
  log('read', t.read());
  await immediate();
});
