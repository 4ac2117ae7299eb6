// Readable constructor options and their validation.

import { scenario, record, attempt, state, immediate } from './harness.js';

scenario('no options: defaults', async (lib, log) => {
  state('new Readable()', new lib.Readable());
  state('undefined options', new lib.Readable(undefined));
  state('empty options', new lib.Readable({}));
  await immediate();
});

scenario('objectMode defaults', async (lib, log) => {
  state('objectMode', new lib.Readable({ objectMode: true }));
  await immediate();
});

scenario('highWaterMark option values', async (lib, log) => {
  for (const hwm of [0, 1, 5, 1024, 2 ** 31]) {
    attempt(`hwm ${hwm}`, () => new lib.Readable({ highWaterMark: hwm }).readableHighWaterMark);
  }
  attempt('objectMode hwm 3', () => new lib.Readable({ objectMode: true, highWaterMark: 3 }).readableHighWaterMark);
  attempt('hwm undefined', () => new lib.Readable({ highWaterMark: undefined }).readableHighWaterMark);
  attempt('hwm null', () => new lib.Readable({ highWaterMark: null }).readableHighWaterMark);
  await immediate();
});

scenario('invalid highWaterMark throws ERR_INVALID_ARG_VALUE', async (lib, log) => {
  for (const hwm of [-1, 1.5, '5', NaN, Infinity, true]) {
    attempt(`hwm ${String(hwm)}`, () => new lib.Readable({ highWaterMark: hwm }).readableHighWaterMark);
  }
  await immediate();
});

scenario('readableObjectMode and readableHighWaterMark are ignored by a plain Readable', async (lib, log) => {
  const r = new lib.Readable({ readableObjectMode: true, readableHighWaterMark: 3 });
  state('options', r);
  await immediate();
});

scenario('read option is used as _read', async (lib, log) => {
  const r = new lib.Readable({
    highWaterMark: 7,
    read(size) {
      log('read option', size, this === r);
      this.push(null);
    },
  });
  record(r);
  r.resume();
  await immediate();
});

scenario('subclass overriding _read', async (lib, log) => {
  class Counter extends lib.Readable {
    constructor() {
      super({ objectMode: true, highWaterMark: 2 });
      this.n = 0;
    }

    _read(size) {
      log('_read', size);
      this.n++;
      this.push(this.n <= 3 ? this.n : null);
    }
  }
  const r = new Counter();
  log('instanceof', r instanceof lib.Readable);
  record(r, ['data', 'end', 'close']);
  await immediate();
});

scenario('subclass overriding _destroy and _construct', async (lib, log) => {
  class Res extends lib.Readable {
    _construct(cb) {
      log('_construct');
      cb();
    }

    _read() {
      log('_read');
      this.push(null);
    }

    _destroy(err, cb) {
      log('_destroy', err);
      cb(err);
    }
  }
  const r = new Res();
  record(r);
  r.resume();
  await immediate();
});

scenario('destroy option is used as _destroy', async (lib, log) => {
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      log('destroy option', err, this === r);
      cb(err);
    },
  });
  record(r);
  r.destroy();
  await immediate();
});

scenario('construct option is used as _construct', async (lib, log) => {
  const r = new lib.Readable({
    construct(cb) {
      log('construct option', this === r);
      cb();
    },
    read() {
      log('_read');
      this.push(null);
    },
  });
  record(r);
  r.resume();
  await immediate();
});

scenario('signal: abort destroys with AbortError', async (lib, log) => {
  const ac = new AbortController();
  const r = new lib.Readable({ read() {}, signal: ac.signal });
  record(r);
  r.push('x');
  ac.abort();
  state('sync', r);
  await immediate();
  state('settled', r);
});

scenario('signal: the AbortError carries the abort reason as cause', async (lib, log) => {
  const ac = new AbortController();
  const reason = new Error('the reason');
  const r = new lib.Readable({ read() {}, signal: ac.signal });
  r.on('error', (e) => log('error', e, 'cause is reason', e.cause === reason));
  ac.abort(reason);
  await immediate();
});

scenario('signal: abort without a user error listener (the signal watcher listens)', async (lib, log) => {
  const ac = new AbortController();
  const r = new lib.Readable({ read() {}, signal: ac.signal });
  record(r, ['close']);
  ac.abort();
  await immediate();
});

scenario('signal: already aborted signal destroys right away', async (lib, log) => {
  const ac = new AbortController();
  ac.abort();
  const r = new lib.Readable({ read() {}, signal: ac.signal });
  record(r);
  state('sync', r);
  await immediate();
  state('settled', r);
});

scenario('signal: abort after the stream closed does nothing', async (lib, log) => {
  const ac = new AbortController();
  const r = new lib.Readable({ read() {}, signal: ac.signal });
  record(r);
  r.push(null);
  r.resume();
  await immediate();
  ac.abort();
  await immediate();
  state('settled', r);
});

scenario('signal: abort while flowing', async (lib, log) => {
  const ac = new AbortController();
  let n = 0;
  const r = new lib.Readable({
    signal: ac.signal,
    read() {
      n++;
      setImmediate(() => this.push(`c${n}`));
    },
  });
  record(r, ['data', 'end', 'error', 'close']);
  r.on('data', () => {
    if (n === 2) ac.abort();
  });
  for (let i = 0; i < 5; i++) await immediate();
  state('settled', r);
});

scenario('signal that is not an AbortSignal throws ERR_INVALID_ARG_TYPE', async (lib, log) => {
  attempt('signal {}', () => new lib.Readable({ read() {}, signal: {} }).destroyed);
  attempt('signal 1', () => new lib.Readable({ read() {}, signal: 1 }).destroyed);
  await immediate();
});

scenario('emitClose false: end without close', async (lib, log) => {
  const r = new lib.Readable({ read() {}, emitClose: false });
  record(r);
  r.push(null);
  r.resume();
  await immediate();
  state('settled', r);
});

scenario('autoDestroy false: end without destroy or close', async (lib, log) => {
  const r = new lib.Readable({
    read() {},
    autoDestroy: false,
    destroy(err, cb) {
      log('_destroy');
      cb(err);
    },
  });
  record(r);
  r.push('a');
  r.push(null);
  r.resume();
  await immediate();
  state('ended', r);
  r.destroy();
  await immediate();
  state('destroyed', r);
});

scenario('autoDestroy false: an emitted error does not destroy', async (lib, log) => {
  const r = new lib.Readable({ read() {}, autoDestroy: false });
  record(r);
  r.push(1);
  await immediate();
  state('settled', r);
  attempt('push after error', () => r.push('ok'));
  log('length', r.readableLength);
});

scenario('objectMode with highWaterMark 0', async (lib, log) => {
  const r = new lib.Readable({
    objectMode: true,
    highWaterMark: 0,
    read(size) {
      log('_read', size);
    },
  });
  attempt('push', () => r.push({ a: 1 }));
  state('after push', r);
  attempt('read()', () => r.read());
  await immediate();
});

scenario('unknown options are ignored', async (lib, log) => {
  const r = new lib.Readable({ read() {}, foo: 1, writableObjectMode: true, allowHalfOpen: false });
  state('options', r);
  await immediate();
});

scenario('read option that is not a function', async (lib, log) => {
  const r = new lib.Readable({ read: 'nope' });
  record(r);
  attempt('read()', () => r.read());
  await immediate();
});

scenario('constructor names', async (lib, log) => {
  log('Readable.name', lib.Readable.name);
  log('instance', new lib.Readable().constructor.name);
  log('from', lib.Readable.from([]).constructor.name);
  await immediate();
});
