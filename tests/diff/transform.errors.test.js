// Transform errors: thrown or called back from _transform and _flush, missing _transform,
// destroy in the middle of a transform.

import { scenario, record, attempt, state, wstate, immediate } from './harness.js';

const events = ['data', 'end', 'prefinish', 'finish', 'close', 'error'];

/** Logs both sides' getters. */
function both(label, t) {
  state(`${label} readable`, t);
  wstate(`${label} writable`, t);
}

scenario('Transform without _transform: ERR_METHOD_NOT_IMPLEMENTED', async (lib, log) => {
  const t = new lib.Transform();
  record(t, events);
  attempt('write', () => t.write('a', (err) => log('write cb', err)));
  await immediate();
  both('settled', t);
});

scenario('Transform without _transform but no writes ends cleanly', async (lib, log) => {
  const t = new lib.Transform();
  record(t, events);
  t.end();
  t.resume();
  await immediate();
});

scenario('_transform callback(err) synchronously', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(new Error('transform failed'));
    },
  });
  record(t, events);
  attempt('write 1', () => t.write('a', (...args) => log('cb 1', ...args)));
  attempt('write 2', () => t.write('b', (...args) => log('cb 2', ...args)));
  await immediate();
  both('settled', t);
});

scenario('_transform callback(err) asynchronously', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      process.nextTick(cb, new Error('late transform failure'));
    },
  });
  record(t, events);
  t.write('a', (...args) => log('cb 1', ...args));
  t.write('b', (...args) => log('cb 2', ...args));
  await immediate();
  both('settled', t);
});

scenario('_transform callback(err, data) does not push the data', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(new Error('with data'), 'ignored?');
    },
  });
  record(t, events);
  t.write('a');
  await immediate();
  both('settled', t);
});

scenario('_transform that throws synchronously', async (lib, log) => {
  const t = new lib.Transform({
    transform() {
      throw new Error('thrown in _transform');
    },
  });
  record(t, events);
  attempt('write', () => t.write('a', (err) => log('write cb', err)));
  await immediate();
  both('settled', t);
});

scenario('_flush callback(err)', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, chunk);
    },
    flush(cb) {
      cb(new Error('flush failed'));
    },
  });
  record(t, events);
  t.end('a', (...args) => log('end cb', ...args));
  await immediate();
  both('settled', t);
});

scenario('_flush callback(err) asynchronously', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, chunk);
    },
    flush(cb) {
      process.nextTick(cb, new Error('late flush failure'));
    },
  });
  record(t, events);
  t.end('a', (...args) => log('end cb', ...args));
  await immediate();
  both('settled', t);
});

scenario('_flush that throws', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, chunk);
    },
    flush() {
      throw new Error('thrown in _flush');
    },
  });
  record(t, events);
  t.end('a', (...args) => log('end cb', ...args));
  await immediate();
  both('settled', t);
});

scenario('_transform callback called twice', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, chunk);
      attempt('second cb', () => cb(null, 'again'));
    },
  });
  record(t, events);
  t.write('a');
  await immediate();
  both('settled', t);
});

scenario('destroy while _transform is pending', async (lib, log) => {
  let pending;
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      log('_transform', chunk);
      pending = cb;
    },
  });
  record(t, events);
  t.write('a', (...args) => log('cb a', ...args));
  t.write('b', (...args) => log('cb b', ...args));
  t.destroy();
  await immediate();
  attempt('pending cb', () => pending(null, 'late'));
  await immediate();
  both('settled', t);
});

scenario('destroy(err) on a Transform emits error once', async (lib, log) => {
  const t = new lib.PassThrough();
  record(t, events);
  t.write('a');
  t.destroy(new Error('first'));
  t.destroy(new Error('second'));
  await immediate();
  both('settled', t);
});

scenario('Transform error without an error listener is uncaught', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(new Error('nobody listens'));
    },
  });
  record(t, ['close']);
  t.write('a');
  await immediate();
});

scenario('push after the transform ended', async (lib, log) => {
  const t = new lib.PassThrough();
  record(t, events);
  t.end('a');
  await immediate();
  attempt('push', () => t.push('late'));
  await immediate();
  both('settled', t);
});

scenario('write after end on a Transform', async (lib, log) => {
  const t = new lib.PassThrough();
  record(t, events);
  t.end();
  attempt('write', () => t.write('late', (err) => log('write cb', err)));
  await immediate();
});
