// Duplex: both sides, allowHalfOpen, per-side options, readable: false / writable: false, and
// exactly when 'close' is emitted.

import { scenario, record, attempt, state, wstate, tick, immediate } from './harness.js';

const events = ['end', 'prefinish', 'finish', 'close', 'error'];

/** A Duplex that logs what its writable side receives and lets the test push by hand. */
function duplex(lib, log, options = {}) {
  return new lib.Duplex({
    ...options,
    read() {},
    write(chunk, encoding, cb) {
      log('_write', chunk, encoding);
      cb();
    },
  });
}

/** Logs both sides' getters. */
function both(label, d) {
  state(`${label} readable`, d);
  wstate(`${label} writable`, d);
}

scenario('new Duplex() getters of both sides', async (lib, log) => {
  const d = new lib.Duplex();
  both('new', d);
  log('allowHalfOpen', d.allowHalfOpen);
});

scenario('both sides carry data independently', async (lib, log) => {
  const d = duplex(lib, log);
  record(d, [...events, 'data']);
  d.write('in');
  d.push('out');
  await immediate();
  both('settled', d);
});

scenario('allowHalfOpen true: readable end leaves the writable side open', async (lib, log) => {
  const d = duplex(lib, log);
  record(d, events);
  d.resume();
  d.push(null);
  await immediate();
  both('after end', d);
  attempt('write', () => d.write('still open'));
  d.end();
  await immediate();
  both('settled', d);
});

scenario('allowHalfOpen true: writable finish leaves the readable side open', async (lib, log) => {
  const d = duplex(lib, log);
  record(d, [...events, 'data']);
  d.end('last');
  await immediate();
  both('after finish', d);
  d.push('more');
  d.push(null);
  await immediate();
  both('settled', d);
});

scenario('close waits for both sides', async (lib, log) => {
  const d = duplex(lib, log);
  record(d, events);
  d.end();
  await immediate();
  log('writable side done');
  d.resume();
  d.push(null);
  await immediate();
  both('settled', d);
});

scenario('allowHalfOpen false: readable end ends the writable side', async (lib, log) => {
  const d = duplex(lib, log, { allowHalfOpen: false });
  record(d, events);
  log('allowHalfOpen', d.allowHalfOpen);
  d.write('a');
  d.resume();
  d.push(null);
  await tick();
  both('one tick', d);
  await immediate();
  both('settled', d);
});

scenario('allowHalfOpen false: writable finish does not end the readable side', async (lib, log) => {
  const d = duplex(lib, log, { allowHalfOpen: false });
  record(d, events);
  d.end();
  await immediate();
  both('after finish', d);
  d.resume();
  d.push(null);
  await immediate();
  both('settled', d);
});

scenario('allowHalfOpen false: write after the readable side ended', async (lib, log) => {
  const d = duplex(lib, log, { allowHalfOpen: false });
  record(d, events);
  d.resume();
  d.push(null);
  await immediate();
  attempt('write', () => d.write('late', (err) => log('write cb', err)));
  await immediate();
});

scenario('allowHalfOpen false with pending writes when the readable side ends', async (lib, log) => {
  const d = new lib.Duplex({
    allowHalfOpen: false,
    read() {},
    write(chunk, encoding, cb) {
      log('_write', chunk);
      process.nextTick(cb);
    },
    final(cb) {
      log('_final');
      cb();
    },
  });
  record(d, events);
  d.write('a', () => log('cb a'));
  d.write('b', () => log('cb b'));
  d.resume();
  d.push(null);
  await immediate();
});

scenario('readableHighWaterMark and writableHighWaterMark', async (lib, log) => {
  const d = new lib.Duplex({ readableHighWaterMark: 3, writableHighWaterMark: 5 });
  log('hwm', d.readableHighWaterMark, d.writableHighWaterMark);
});

scenario('highWaterMark applies to both sides and wins over per-side values', async (lib, log) => {
  const d = new lib.Duplex({ highWaterMark: 7, readableHighWaterMark: 3, writableHighWaterMark: 5 });
  log('hwm', d.readableHighWaterMark, d.writableHighWaterMark);
});

scenario('readableObjectMode only', async (lib, log) => {
  const d = duplex(lib, log, { readableObjectMode: true });
  log('modes', d.readableObjectMode, d.writableObjectMode);
  log('hwm', d.readableHighWaterMark, d.writableHighWaterMark);
  d.on('data', (chunk) => log('data', chunk));
  d.push({ x: 1 });
  attempt('write object', () => d.write({ y: 2 }));
  d.write('bytes');
  await immediate();
});

scenario('writableObjectMode only', async (lib, log) => {
  const d = duplex(lib, log, { writableObjectMode: true });
  log('modes', d.readableObjectMode, d.writableObjectMode);
  log('hwm', d.readableHighWaterMark, d.writableHighWaterMark);
  d.on('data', (chunk) => log('data', chunk));
  d.write({ y: 2 });
  attempt('push object', () => d.push({ x: 1 }));
  await immediate();
});

scenario('objectMode applies to both sides', async (lib, log) => {
  const d = duplex(lib, log, { objectMode: true });
  log('modes', d.readableObjectMode, d.writableObjectMode);
  log('hwm', d.readableHighWaterMark, d.writableHighWaterMark);
});

scenario('readable: false', async (lib, log) => {
  const d = duplex(lib, log, { readable: false });
  record(d, events);
  both('new', d);
  d.end('x');
  await immediate();
  both('settled', d);
});

scenario('writable: false', async (lib, log) => {
  const d = duplex(lib, log, { writable: false });
  record(d, events);
  both('new', d);
  attempt('write', () => d.write('x', (err) => log('write cb', err)));
  await immediate();
  both('after write', d);
});

scenario('writable: false closes after the readable side ends', async (lib, log) => {
  const d = duplex(lib, log, { writable: false });
  record(d, events);
  d.resume();
  d.push('a');
  d.push(null);
  await immediate();
  both('settled', d);
});

scenario('readable: false and writable: false', async (lib, log) => {
  const d = duplex(lib, log, { readable: false, writable: false });
  record(d, events);
  both('new', d);
  await immediate();
  both('settled', d);
});

scenario('emitClose false on a Duplex', async (lib, log) => {
  const d = duplex(lib, log, { emitClose: false });
  record(d, events);
  d.end();
  d.resume();
  d.push(null);
  await immediate();
  both('settled', d);
});

scenario('autoDestroy false on a Duplex', async (lib, log) => {
  const d = duplex(lib, log, { autoDestroy: false });
  record(d, events);
  d.end();
  d.resume();
  d.push(null);
  await immediate();
  both('settled', d);
});

scenario('Duplex subclass with _read and _write', async (lib, log) => {
  class Echo extends lib.Duplex {
    _read() {}
    _write(chunk, encoding, cb) {
      this.push(chunk);
      cb();
    }
    _final(cb) {
      this.push(null);
      cb();
    }
  }
  const d = new Echo();
  record(d, [...events, 'data']);
  d.write('ping');
  d.end('pong');
  await immediate();
  both('settled', d);
});

scenario('Duplex construct delays both sides', async (lib, log) => {
  let done;
  const d = new lib.Duplex({
    construct(cb) {
      log('_construct');
      done = cb;
    },
    read() {
      log('_read');
      this.push('r');
      this.push(null);
    },
    write(chunk, encoding, cb) {
      log('_write', chunk);
      cb();
    },
  });
  record(d, [...events, 'data']);
  d.write('w');
  d.end();
  await immediate();
  log('calling construct back');
  done();
  await immediate();
});

scenario('Duplex backpressure on the writable side', async (lib, log) => {
  const d = new lib.Duplex({
    writableHighWaterMark: 2,
    read() {},
    write(chunk, encoding, cb) {
      process.nextTick(cb);
    },
  });
  record(d, ['drain']);
  attempt('write 1', () => d.write('a'));
  attempt('write 2', () => d.write('b'));
  await immediate();
});

scenario('Duplex final runs before finish and readable side is unaffected', async (lib, log) => {
  const d = new lib.Duplex({
    read() {},
    write(chunk, encoding, cb) {
      cb();
    },
    final(cb) {
      log('_final');
      this.push('from final');
      cb();
    },
  });
  record(d, [...events, 'data']);
  d.end();
  await immediate();
  both('settled', d);
});
