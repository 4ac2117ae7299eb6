// Errors Readable emits or throws: push after EOF, unshift after end, bad chunks, missing _read.

import { scenario, record, attempt, state, immediate } from './harness.js';

scenario('push after push(null) emits ERR_STREAM_PUSH_AFTER_EOF', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push('a');
  r.push(null);
  attempt('push after EOF', () => r.push('b'));
  state('sync', r);
  await immediate();
  state('settled', r);
});

scenario('push after EOF without an error listener throws uncaught', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, ['close']);
  r.push(null);
  attempt('push after EOF', () => r.push('b'));
  await immediate();
});

scenario("push after 'end' was emitted", async (lib, log) => {
  const r = new lib.Readable({ read() {}, autoDestroy: false });
  record(r);
  r.push(null);
  r.resume();
  await immediate();
  attempt('push after end', () => r.push('late'));
  await immediate();
  state('settled', r);
});

scenario('push of an empty chunk after EOF', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push(null);
  attempt("push ''", () => r.push(''));
  await immediate();
});

scenario("unshift after 'end' emits ERR_STREAM_UNSHIFT_AFTER_END_EVENT", async (lib, log) => {
  const r = new lib.Readable({ read() {}, autoDestroy: false });
  record(r);
  r.push(null);
  r.resume();
  await immediate();
  attempt('unshift', () => r.unshift('x'));
  await immediate();
  state('settled', r);
});

scenario("unshift after 'end' with autoDestroy destroys", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push(null);
  r.on('end', () => attempt('unshift in end', () => r.unshift('x')));
  r.resume();
  await immediate();
  state('settled', r);
});

scenario('push of a number emits ERR_INVALID_ARG_TYPE', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  attempt('push 1', () => r.push(1));
  state('sync', r);
  await immediate();
  state('settled', r);
});

scenario('push of invalid chunk types in byte mode', async (lib, log) => {
  for (const [label, chunk] of [
    ['object', { a: 1 }],
    ['boolean', true],
    ['array', [1, 2]],
    ['ArrayBuffer', new ArrayBuffer(2)],
    ['symbol', Symbol('s')],
    ['bigint', 1n],
  ]) {
    const r = new lib.Readable({ read() {} });
    r.on('error', (e) => log(label, 'error', e));
    r.on('close', () => log(label, 'close'));
    attempt(`push ${label}`, () => r.push(chunk));
    await immediate();
  }
});

scenario('push of undefined in byte mode is like an empty chunk', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  attempt('push undefined', () => r.push(undefined));
  attempt('push()', () => r.push());
  state('after', r);
  await immediate();
});

scenario('push of other typed arrays and DataView in byte mode', async (lib, log) => {
  const r = new lib.Readable({ read() {}, highWaterMark: 100 });
  record(r);
  attempt('push Uint16Array', () => r.push(new Uint16Array([0x0201])));
  attempt('push DataView', () => r.push(new DataView(new Uint8Array([3, 4, 5]).buffer, 1, 2)));
  attempt('push Float32Array', () => r.push(new Float32Array([0])));
  attempt('push subarray', () => r.push(new Uint8Array([9, 8, 7, 6]).subarray(1, 3)));
  log('length', r.readableLength);
  r.push(null);
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  await immediate();
});

scenario('unshift of an invalid chunk type', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  attempt('unshift 5', () => r.unshift(5));
  await immediate();
  state('settled', r);
});

scenario('invalid chunk without an error listener throws uncaught', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, ['close']);
  attempt('push {}', () => r.push({}));
  await immediate();
});

scenario('missing _read emits ERR_METHOD_NOT_IMPLEMENTED on read()', async (lib, log) => {
  const r = new lib.Readable();
  record(r);
  attempt('read()', () => r.read());
  state('sync', r);
  await immediate();
  state('settled', r);
});

scenario('missing _read in flowing mode', async (lib, log) => {
  const r = new lib.Readable();
  record(r);
  r.on('data', (d) => log('data', d));
  await immediate();
});

scenario('missing _read without an error listener throws uncaught', async (lib, log) => {
  const r = new lib.Readable();
  record(r, ['close']);
  r.resume();
  await immediate();
});

scenario('missing _read is fine while data is buffered', async (lib, log) => {
  const r = new lib.Readable({ highWaterMark: 2 });
  record(r);
  r.push('abcd');
  attempt('read(1)', () => r.read(1));
  attempt('read(1)', () => r.read(1));
  attempt('read(1)', () => r.read(1));
  await immediate();
});

scenario('_read that throws destroys with the error', async (lib, log) => {
  const r = new lib.Readable({
    read() {
      throw new Error('read threw');
    },
  });
  record(r);
  attempt('read()', () => r.read());
  state('sync', r);
  await immediate();
});

scenario('_read that throws while flowing', async (lib, log) => {
  const r = new lib.Readable({
    read() {
      throw new Error('read threw');
    },
  });
  record(r);
  r.on('data', (d) => log('data', d));
  await immediate();
  state('settled', r);
});

scenario("emit('error') by hand does not destroy", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  attempt('emit', () => r.emit('error', new Error('manual')));
  state('after', r);
  await immediate();
});

scenario("emit('error') by hand without a listener throws synchronously", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  attempt('emit', () => r.emit('error', new Error('manual')));
  attempt('emit non-error', () => r.emit('error', 'str'));
  state('after', r);
  await immediate();
});

scenario('errors after the first one are not emitted', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push(1);
  attempt('push 2', () => r.push(2));
  r.destroy(new Error('third'));
  await immediate();
  state('settled', r);
});

scenario('read() on an errored stream', async (lib, log) => {
  const r = new lib.Readable({ read() {}, autoDestroy: false });
  record(r);
  r.push('ab');
  r.push({});
  await immediate();
  attempt('read()', () => r.read());
  attempt('read(0)', () => r.read(0));
  log('length', r.readableLength);
  await immediate();
});

scenario('error thrown by an error listener', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('error', (e) => {
    log('error', e);
    throw new Error('listener threw');
  });
  record(r, ['close']);
  r.destroy(new Error('first'));
  await immediate();
});

scenario('error thrown by an end listener', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('end', () => {
    log('end');
    throw new Error('end listener threw');
  });
  record(r, ['error', 'close']);
  r.push(null);
  r.resume();
  await immediate();
  state('settled', r);
});

scenario('error thrown by a readable listener', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('readable', () => {
    log('readable');
    throw new Error('readable listener threw');
  });
  record(r);
  r.push('x');
  await immediate();
  state('settled', r);
});

scenario('push in object mode accepts any value, null ends', async (lib, log) => {
  const r = new lib.Readable({ read() {}, objectMode: true });
  record(r, ['data', 'end', 'error', 'close']);
  attempt('push symbol', () => r.push(Symbol.for('s')));
  attempt('push fn', () => r.push(() => {}));
  attempt('push bigint', () => r.push(5n));
  attempt('push null', () => r.push(null));
  attempt('push after null', () => r.push(1));
  await immediate();
});

scenario('destroyed stream error after close is not emitted', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.destroy();
  await immediate();
  attempt('push 1', () => r.push(1));
  attempt('push after', () => r.push('x'));
  await immediate();
  state('settled', r);
});
