// Writable errors: which are thrown, which are emitted, which go to callbacks, and when.

import { scenario, record, attempt, wstate, tick, immediate } from './harness.js';

const lifeEvents = ['prefinish', 'finish', 'close', 'error'];

/** A Writable whose _write calls back at once. */
function sink(lib, options = {}) {
  return new lib.Writable({
    ...options,
    write(chunk, encoding, cb) {
      cb();
    },
  });
}

scenario('write(null) throws ERR_STREAM_NULL_VALUES', async (lib, log) => {
  const w = sink(lib);
  record(w, lifeEvents);
  attempt('write null', () => w.write(null, (err) => log('cb', err)));
  wstate('after', w);
  await immediate();
});

scenario('write(null) in object mode throws ERR_STREAM_NULL_VALUES', async (lib, log) => {
  const w = sink(lib, { objectMode: true });
  record(w, lifeEvents);
  attempt('write null', () => w.write(null));
  await immediate();
});

scenario('write(undefined) in object mode is accepted', async (lib, log) => {
  const w = new lib.Writable({
    objectMode: true,
    write(chunk, encoding, cb) {
      log('_write', chunk);
      cb();
    },
  });
  attempt('write undefined', () => w.write(undefined));
  await immediate();
});

for (const [label, chunk] of [
  ['1', 1],
  ['undefined', undefined],
  ['an object', { a: 1 }],
  ['true', true],
  ['an array', [1, 2]],
]) {
  scenario(`write(${label}) throws ERR_INVALID_ARG_TYPE`, async (lib, log) => {
    const w = sink(lib);
    record(w, lifeEvents);
    attempt('write', () => w.write(chunk, (err) => log('cb', err)));
    wstate('after', w);
    await immediate();
  });
}

scenario('end(1) throws ERR_INVALID_ARG_TYPE', async (lib, log) => {
  const w = sink(lib);
  record(w, lifeEvents);
  attempt('end', () => w.end(1));
  wstate('after', w);
  await immediate();
});

scenario('write after end: error to the callback and emitted', async (lib, log) => {
  const w = sink(lib);
  record(w, lifeEvents);
  w.end();
  attempt('write', () => w.write('late', (...args) => log('write cb', ...args)));
  log('after write');
  await tick();
  log('one tick');
  await immediate();
  wstate('settled', w);
});

scenario('write after end without a callback', async (lib, log) => {
  const w = sink(lib);
  record(w, lifeEvents);
  w.end();
  attempt('write', () => w.write('late'));
  await immediate();
});

scenario('write after end without an error listener is uncaught', async (lib, log) => {
  const w = sink(lib);
  record(w, ['finish', 'close']);
  w.end();
  attempt('write', () => w.write('late'));
  await immediate();
});

scenario('write after finish', async (lib, log) => {
  const w = sink(lib);
  record(w, lifeEvents);
  w.end();
  await immediate();
  attempt('write', () => w.write('late', (err) => log('write cb', err)));
  await immediate();
});

scenario('write callback called twice: ERR_MULTIPLE_CALLBACK', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
      attempt('second cb', () => cb());
    },
  });
  record(w, lifeEvents);
  w.write('a', (...args) => log('write cb', ...args));
  await immediate();
  wstate('settled', w);
});

scenario('write callback called twice later: ERR_MULTIPLE_CALLBACK', async (lib, log) => {
  let saved;
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      saved = cb;
      cb();
    },
  });
  record(w, lifeEvents);
  w.write('a', (...args) => log('write cb', ...args));
  await immediate();
  attempt('second cb', () => saved());
  await immediate();
  wstate('settled', w);
});

scenario('final callback called twice: ERR_MULTIPLE_CALLBACK', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
    },
    final(cb) {
      cb();
      attempt('second final cb', () => cb());
    },
  });
  record(w, lifeEvents);
  w.end((...args) => log('end cb', ...args));
  await immediate();
  wstate('settled', w);
});

scenario('write after destroy: ERR_STREAM_DESTROYED to the callback', async (lib, log) => {
  const w = sink(lib);
  record(w, lifeEvents);
  w.destroy();
  attempt('write', () => w.write('x', (...args) => log('write cb', ...args)));
  log('after write');
  await immediate();
});

scenario('end(cb) after destroy', async (lib, log) => {
  const w = sink(lib);
  record(w, lifeEvents);
  w.destroy();
  attempt('end', () => w.end((...args) => log('end cb', ...args)) === w);
  await immediate();
});

scenario('end(chunk) after destroy', async (lib, log) => {
  const w = sink(lib);
  record(w, lifeEvents);
  w.destroy();
  attempt('end', () => w.end('x', (...args) => log('end cb', ...args)) === w);
  await immediate();
});

scenario('no _write: ERR_METHOD_NOT_IMPLEMENTED', async (lib, log) => {
  const w = new lib.Writable();
  record(w, lifeEvents);
  attempt('write', () => w.write('a', (err) => log('write cb', err)));
  await immediate();
  wstate('settled', w);
});

scenario('no _write but end() without chunks finishes', async (lib, log) => {
  const w = new lib.Writable();
  record(w, lifeEvents);
  w.end();
  await immediate();
});

scenario('writable.pipe() emits ERR_STREAM_CANNOT_PIPE', async (lib, log) => {
  const w = sink(lib);
  const target = sink(lib);
  record(w, lifeEvents);
  attempt('pipe', () => w.pipe(target) === target);
  await immediate();
  wstate('settled', w);
});

scenario('error passed synchronously to the _write callback', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      log('_write', chunk);
      cb(new Error('sync failure'));
    },
  });
  record(w, lifeEvents);
  attempt('write 1', () => w.write('a', (...args) => log('cb 1', ...args)));
  wstate('after write 1', w);
  attempt('write 2', () => w.write('b', (...args) => log('cb 2', ...args)));
  log('after writes');
  await tick();
  log('one tick');
  await immediate();
  wstate('settled', w);
});

scenario('error passed asynchronously to the _write callback', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      log('_write', chunk);
      process.nextTick(cb, new Error('async failure'));
    },
  });
  record(w, lifeEvents);
  w.write('a', (...args) => log('cb 1', ...args));
  w.write('b', (...args) => log('cb 2', ...args));
  w.write('c', (...args) => log('cb 3', ...args));
  await immediate();
  wstate('settled', w);
});

scenario('error to the _write callback from a timer with a pending end', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      setTimeout(cb, 1, new Error('timer failure'));
    },
  });
  record(w, lifeEvents);
  w.write('a', (...args) => log('write cb', ...args));
  w.end((...args) => log('end cb', ...args));
  await new Promise((resolve) => setTimeout(resolve, 20));
  wstate('settled', w);
});

scenario('_write that throws synchronously', async (lib, log) => {
  const w = new lib.Writable({
    write() {
      throw new Error('thrown in _write');
    },
  });
  record(w, lifeEvents);
  attempt('write', () => w.write('a', (err) => log('write cb', err)));
  await immediate();
  wstate('settled', w);
});

scenario('error passed to the _final callback', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
    },
    final(cb) {
      cb(new Error('final failure'));
    },
  });
  record(w, lifeEvents);
  w.end((...args) => log('end cb', ...args));
  await immediate();
  wstate('settled', w);
});

scenario('error passed to the _final callback later', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
    },
    final(cb) {
      process.nextTick(cb, new Error('late final failure'));
    },
  });
  record(w, lifeEvents);
  w.end((...args) => log('end cb', ...args));
  await immediate();
  wstate('settled', w);
});

scenario('_final that throws', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
    },
    final() {
      throw new Error('thrown in _final');
    },
  });
  record(w, lifeEvents);
  w.end((...args) => log('end cb', ...args));
  await immediate();
  wstate('settled', w);
});

scenario('error event is emitted only once for several failing writes', async (lib, log) => {
  let n = 0;
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      n++;
      cb(new Error(`failure ${n}`));
    },
  });
  record(w, lifeEvents);
  w.write('a', (err) => log('cb a', err));
  w.write('b', (err) => log('cb b', err));
  await immediate();
  attempt('write c', () => w.write('c', (err) => log('cb c', err)));
  await immediate();
});

scenario('write error without an error listener is uncaught', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb(new Error('nobody listens'));
    },
  });
  record(w, ['close']);
  w.write('a');
  await immediate();
});

scenario('write after an error: callback gets an error', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb(new Error('first'));
    },
  });
  record(w, lifeEvents);
  w.write('a');
  await immediate();
  attempt('write', () => w.write('b', (...args) => log('cb b', ...args)));
  attempt('end', () => w.end((...args) => log('end cb', ...args)) === w);
  await immediate();
});

scenario('a non-Error value passed to the _write callback', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb('a string error');
    },
  });
  record(w, lifeEvents);
  w.write('a', (...args) => log('cb', ...args));
  await immediate();
  wstate('settled', w);
});
