// destroy / _destroy / _construct: the order of 'error' and 'close', and the state around them.

import { scenario, record, attempt, state, tick, immediate } from './harness.js';

scenario('destroy() emits close without error', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  attempt('destroy', () => r.destroy() === r);
  state('sync', r);
  await tick();
  state('one tick', r);
  await immediate();
  state('settled', r);
});

scenario('destroy(err) emits error then close', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const err = new Error('kaput');
  record(r);
  r.on('error', (e) => log('same error', e === err));
  r.destroy(err);
  state('sync', r);
  await immediate();
  state('settled', r);
});

scenario('destroy(err) without an error listener throws uncaught', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, ['close']);
  r.destroy(new Error('nobody listens'));
  await immediate();
  state('settled', r);
});

scenario('_destroy receives the error and a callback', async (lib, log) => {
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      log('_destroy', err, typeof cb);
      cb(err);
    },
  });
  record(r);
  r.destroy(new Error('first'));
  await immediate();
});

scenario('_destroy receives null when destroy() has no error', async (lib, log) => {
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      log('_destroy', err);
      cb();
    },
  });
  record(r);
  r.destroy();
  await immediate();
});

scenario('_destroy callback error replaces the destroy error', async (lib, log) => {
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      cb(new Error('from _destroy'));
    },
  });
  record(r);
  r.destroy(new Error('original'));
  await immediate();
  state('settled', r);
});

scenario('_destroy callback error when destroy() had none', async (lib, log) => {
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      cb(new Error('from _destroy'));
    },
  });
  record(r);
  r.destroy();
  state('sync', r);
  await immediate();
  state('settled', r);
});

scenario('_destroy calling back null after destroy(err)', async (lib, log) => {
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      cb(null);
    },
  });
  record(r);
  r.destroy(new Error('original'));
  await immediate();
  state('settled', r);
});

scenario('_destroy that throws emits the thrown error', async (lib, log) => {
  const r = new lib.Readable({
    read() {},
    destroy() {
      throw new Error('thrown in _destroy');
    },
  });
  record(r);
  attempt('destroy', () => r.destroy() === r);
  await immediate();
  state('settled', r);
});

scenario('_destroy calling back later delays close', async (lib, log) => {
  let done;
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      log('_destroy');
      done = cb;
    },
  });
  record(r);
  r.destroy();
  await immediate();
  state('waiting', r);
  done();
  state('called back', r);
  await immediate();
  state('settled', r);
});

scenario('_destroy callback called twice', async (lib, log) => {
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      cb();
      attempt('second cb', () => cb(new Error('second')));
    },
  });
  record(r);
  r.destroy();
  await immediate();
});

scenario('destroyed set back to false: a second destroy calls _destroy again, and its callback counts', async (lib, log) => {
  let calls = 0;
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      calls++;
      log('_destroy', calls);
      cb();
      attempt('extra cb', () => cb(new Error('extra')));
    },
  });
  record(r);
  r.destroy();
  await immediate();
  r.destroyed = false;
  r.destroy();
  await immediate();
  state('settled', r);
});

scenario('destroy twice, and again after close', async (lib, log) => {
  let calls = 0;
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      calls++;
      log('_destroy', calls, err);
      cb(err);
    },
  });
  record(r);
  r.destroy(new Error('one'));
  attempt('destroy again', () => r.destroy(new Error('two')) === r);
  await immediate();
  attempt('destroy after close', () => r.destroy(new Error('three')) === r);
  await immediate();
  state('settled', r);
});

scenario('destroy(err, cb) calls the callback', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.destroy(new Error('with cb'), (e) => log('cb', e));
  await immediate();
  r.destroy(null, (e) => log('cb after destroyed', e));
  await immediate();
});

scenario('destroy(null) and destroy(undefined) are not errors', async (lib, log) => {
  const a = new lib.Readable({ read() {} });
  const b = new lib.Readable({ read() {} });
  record(a, ['error', 'close'], 'a');
  record(b, ['error', 'close'], 'b');
  a.destroy(null);
  b.destroy(undefined);
  await immediate();
  state('a', a);
  state('b', b);
});

scenario('destroy with a non-Error value', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.destroy('a string');
  state('sync', r);
  await immediate();
});

scenario('destroy with buffered data', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push('abc');
  r.push('de');
  r.destroy();
  state('sync', r);
  attempt('read()', () => r.read());
  await immediate();
  state('settled', r);
  attempt('read()', () => r.read());
});

scenario('push after destroy is ignored', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.destroy();
  attempt('push', () => r.push('x'));
  attempt('push(null)', () => r.push(null));
  attempt('unshift', () => r.unshift('y'));
  await immediate();
  state('settled', r);
});

scenario('destroy inside a data handler with more chunks buffered', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push('a');
  r.push('b');
  r.push('c');
  r.on('data', (d) => {
    log('data', d);
    r.destroy();
  });
  await immediate();
  state('settled', r);
});

scenario('destroy inside _read', async (lib, log) => {
  const r = new lib.Readable({
    read(size) {
      log('_read', size);
      this.destroy();
    },
  });
  record(r);
  r.on('data', (d) => log('data', d));
  await immediate();
  state('settled', r);
});

scenario("destroy in the 'end' handler", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.on('end', () => {
    state('in end', r);
    r.destroy(new Error('late'));
  });
  r.push(null);
  r.resume();
  await immediate();
  state('settled', r);
});

scenario('destroy after end with autoDestroy false emits error and close', async (lib, log) => {
  const r = new lib.Readable({ read() {}, autoDestroy: false });
  record(r);
  r.push(null);
  r.resume();
  await immediate();
  state('ended', r);
  r.destroy(new Error('after end'));
  await immediate();
  state('settled', r);
});

scenario('readableAborted is true when destroyed before end', async (lib, log) => {
  const a = new lib.Readable({ read() {} });
  a.push('x');
  a.destroy();
  log('a sync', a.readableAborted);
  await immediate();
  log('a settled', a.readableAborted);
  const b = new lib.Readable({ read() {} });
  b.push(null);
  b.resume();
  await immediate();
  log('b ended', b.readableAborted, b.destroyed);
  const c = new lib.Readable({ read() {} });
  c.push(null);
  c.destroy();
  await immediate();
  log('c ended-not-emitted', c.readableAborted, c.readableEnded);
});

scenario('_construct runs on the next tick and delays _read', async (lib, log) => {
  let done;
  const r = new lib.Readable({
    construct(cb) {
      log('_construct', typeof cb);
      done = cb;
    },
    read(size) {
      log('_read', size);
      this.push(null);
    },
  });
  record(r);
  log('constructed');
  attempt('read()', () => r.read());
  await immediate();
  state('constructing', r);
  done();
  log('called back');
  await immediate();
  r.resume();
  await immediate();
});

scenario('_construct with buffered pushes before callback', async (lib, log) => {
  let done;
  const r = new lib.Readable({
    construct(cb) {
      done = cb;
    },
    read(size) {
      log('_read', size);
    },
  });
  record(r, ['data', 'end']);
  r.push('early');
  r.push(null);
  await immediate();
  log('length', r.readableLength);
  done();
  await immediate();
});

scenario('_construct callback with an error destroys the stream', async (lib, log) => {
  const r = new lib.Readable({
    construct(cb) {
      cb(new Error('construct failed'));
    },
    read() {
      log('_read');
    },
  });
  record(r);
  r.on('data', (d) => log('data', d));
  await immediate();
  state('settled', r);
});

scenario('_construct that throws destroys the stream', async (lib, log) => {
  const r = new lib.Readable({
    construct() {
      throw new Error('construct threw');
    },
    read() {},
  });
  record(r);
  await immediate();
  state('settled', r);
});

scenario('_construct callback called twice', async (lib, log) => {
  const r = new lib.Readable({
    construct(cb) {
      cb();
      cb();
    },
    read() {},
  });
  record(r);
  await immediate();
  state('settled', r);
});

scenario('destroy during _construct waits for the callback', async (lib, log) => {
  let done;
  const r = new lib.Readable({
    construct(cb) {
      log('_construct');
      done = cb;
    },
    read() {
      log('_read');
    },
    destroy(err, cb) {
      log('_destroy', err);
      cb(err);
    },
  });
  record(r);
  r.destroy(new Error('early destroy'));
  state('sync', r);
  await immediate();
  state('waiting', r);
  done();
  await immediate();
  state('settled', r);
});

scenario('destroy during _construct when construct fails too', async (lib, log) => {
  let done;
  const r = new lib.Readable({
    construct(cb) {
      done = cb;
    },
    read() {},
    destroy(err, cb) {
      log('_destroy', err);
      cb(err);
    },
  });
  record(r);
  r.destroy();
  await immediate();
  done(new Error('construct failed late'));
  await immediate();
  state('settled', r);
});

scenario('destroy before _construct has even started', async (lib, log) => {
  const r = new lib.Readable({
    construct(cb) {
      log('_construct');
      cb();
    },
    read() {},
  });
  record(r);
  r.destroy();
  await immediate();
  state('settled', r);
});

scenario('emitClose false: destroy emits no close', async (lib, log) => {
  const r = new lib.Readable({ read() {}, emitClose: false });
  record(r);
  r.destroy(new Error('quiet'));
  await immediate();
  state('settled', r);
});

scenario('autoDestroy: close follows end and destroyed becomes true', async (lib, log) => {
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      log('_destroy', err);
      cb(err);
    },
  });
  record(r);
  r.push('x');
  r.push(null);
  r.resume();
  await tick();
  state('one tick', r);
  await immediate();
  state('settled', r);
});

scenario("'close' has no arguments", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('close', (...args) => log('close args', args.length));
  r.destroy(new Error('x'));
  r.on('error', () => {});
  await immediate();
});

scenario('destroy() while a read() is pending in _read', async (lib, log) => {
  let pushLater;
  const r = new lib.Readable({
    read() {
      log('_read');
      pushLater = () => log('late push', this.push('late'));
    },
  });
  record(r);
  r.read();
  r.destroy();
  pushLater();
  await immediate();
  state('settled', r);
});

scenario('errored and closed getters around destroy(err)', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('error', (e) => {
    log('in error: errored', r.errored, 'closed', r.closed, 'destroyed', r.destroyed);
  });
  r.on('close', () => {
    log('in close: errored', r.errored, 'closed', r.closed);
  });
  r.destroy(new Error('e'));
  log('sync: errored', r.errored, 'closed', r.closed);
  await immediate();
});
