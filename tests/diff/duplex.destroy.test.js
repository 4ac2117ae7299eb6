// Duplex destroy and errors: 'close' once, 'error' once, both sides' state afterwards.

import { scenario, record, attempt, state, wstate, immediate } from './harness.js';

const events = ['end', 'finish', 'close', 'error'];

/** A Duplex that does nothing by itself. */
function idle(lib, options = {}) {
  return new lib.Duplex({
    ...options,
    read() {},
    write(chunk, encoding, cb) {
      cb();
    },
  });
}

/** Logs both sides' getters. */
function both(label, d) {
  state(`${label} readable`, d);
  wstate(`${label} writable`, d);
}

scenario('Duplex destroy() closes once', async (lib, log) => {
  const d = idle(lib);
  record(d, events);
  d.destroy();
  both('sync', d);
  d.destroy();
  await immediate();
  both('settled', d);
});

scenario('Duplex destroy(err) emits error once then close', async (lib, log) => {
  const d = idle(lib);
  record(d, events);
  d.destroy(new Error('first'));
  d.destroy(new Error('second'));
  await immediate();
  both('settled', d);
});

scenario('Duplex destroy(err) with pending reads and writes', async (lib, log) => {
  const d = new lib.Duplex({
    read() {},
    write(chunk, encoding, cb) {
      log('_write', chunk);
    },
  });
  record(d, events);
  d.push('unread');
  d.write('a', (err) => log('cb a', err));
  d.write('b', (err) => log('cb b', err));
  d.destroy(new Error('stop'));
  await immediate();
  both('settled', d);
});

scenario('Duplex write error destroys the readable side too', async (lib, log) => {
  const d = new lib.Duplex({
    read() {},
    write(chunk, encoding, cb) {
      cb(new Error('write failed'));
    },
  });
  record(d, events);
  d.push('data');
  d.write('a');
  await immediate();
  both('settled', d);
});

scenario('push after EOF on a Duplex errors the whole stream', async (lib, log) => {
  const d = idle(lib);
  record(d, events);
  d.push(null);
  attempt('push after EOF', () => d.push('late'));
  await immediate();
  both('settled', d);
});

scenario('Duplex destroy after the readable side ended', async (lib, log) => {
  const d = idle(lib);
  record(d, events);
  d.resume();
  d.push(null);
  await immediate();
  d.destroy();
  await immediate();
  both('settled', d);
});

scenario('Duplex destroy after the writable side finished', async (lib, log) => {
  const d = idle(lib);
  record(d, events);
  d.end();
  await immediate();
  d.destroy();
  await immediate();
  both('settled', d);
});

scenario('Duplex _destroy receives the error once', async (lib, log) => {
  const d = new lib.Duplex({
    read() {},
    write(chunk, encoding, cb) {
      cb();
    },
    destroy(err, cb) {
      log('_destroy', err);
      cb(err);
    },
  });
  record(d, events);
  d.destroy(new Error('x'));
  d.destroy(new Error('y'));
  await immediate();
});

scenario('Duplex signal abort', async (lib, log) => {
  const controller = new AbortController();
  const d = idle(lib, { signal: controller.signal });
  record(d, events);
  controller.abort();
  await immediate();
  both('settled', d);
});

scenario('Duplex destroy(err) without an error listener is uncaught', async (lib, log) => {
  const d = idle(lib);
  record(d, ['close']);
  d.destroy(new Error('nobody listens'));
  await immediate();
});

scenario('Duplex readableAborted and writableAborted after destroy', async (lib, log) => {
  const d = idle(lib);
  d.destroy();
  log('aborted', d.readableAborted, d.writableAborted);
  const e = idle(lib);
  e.end();
  e.resume();
  e.push(null);
  await immediate();
  log('aborted after both sides ended', e.readableAborted, e.writableAborted);
});
