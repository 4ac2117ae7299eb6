// Writable.destroy(): 'error'/'close' order, in-flight and buffered write callbacks, _destroy.

import { scenario, record, attempt, wstate, tick, immediate } from './harness.js';

const lifeEvents = ['prefinish', 'finish', 'close', 'error'];

scenario('destroy() emits close and no finish', async (lib, log) => {
  const w = new lib.Writable({ write(c, e, cb) { cb(); } });
  record(w, lifeEvents);
  attempt('destroy', () => w.destroy() === w);
  wstate('sync', w);
  await tick();
  wstate('one tick', w);
  await immediate();
});

scenario('destroy(err) emits error then close', async (lib, log) => {
  const w = new lib.Writable({ write(c, e, cb) { cb(); } });
  const err = new Error('kaput');
  record(w, lifeEvents);
  w.on('error', (e) => log('same error', e === err));
  w.destroy(err);
  wstate('sync', w);
  await immediate();
  wstate('settled', w);
});

scenario('destroy(err) without an error listener is uncaught', async (lib, log) => {
  const w = new lib.Writable({ write(c, e, cb) { cb(); } });
  record(w, ['close']);
  w.destroy(new Error('nobody listens'));
  await immediate();
});

scenario('destroy twice: second error is ignored', async (lib, log) => {
  const w = new lib.Writable({ write(c, e, cb) { cb(); } });
  record(w, lifeEvents);
  w.destroy(new Error('first'));
  w.destroy(new Error('second'));
  await immediate();
  wstate('settled', w);
});

scenario('destroy while a write is in flight', async (lib, log) => {
  let inFlight;
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      log('_write', chunk);
      inFlight = cb;
    },
  });
  record(w, lifeEvents);
  w.write('a', (...args) => log('cb a', ...args));
  w.write('b', (...args) => log('cb b', ...args));
  w.write('c', (...args) => log('cb c', ...args));
  w.destroy();
  log('destroyed');
  await immediate();
  log('in-flight write calls back');
  attempt('in-flight cb', () => inFlight());
  await immediate();
  wstate('settled', w);
});

scenario('destroy(err) while a write is in flight', async (lib, log) => {
  let inFlight;
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      inFlight = cb;
    },
  });
  record(w, lifeEvents);
  w.write('a', (...args) => log('cb a', ...args));
  w.write('b', (...args) => log('cb b', ...args));
  w.destroy(new Error('stop'));
  await immediate();
  attempt('in-flight cb', () => inFlight());
  await immediate();
});

scenario('in-flight write calls back with an error after destroy', async (lib, log) => {
  let inFlight;
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      inFlight = cb;
    },
  });
  record(w, lifeEvents);
  w.write('a', (...args) => log('cb a', ...args));
  w.destroy();
  await immediate();
  attempt('in-flight cb', () => inFlight(new Error('late failure')));
  await immediate();
  wstate('settled', w);
});

scenario('destroy with buffered corked writes', async (lib, log) => {
  const w = new lib.Writable({ write(c, e, cb) { log('_write'); cb(); } });
  record(w, lifeEvents);
  w.cork();
  w.write('a', (...args) => log('cb a', ...args));
  w.write('b', (...args) => log('cb b', ...args));
  w.destroy(new Error('corked stop'));
  await immediate();
  wstate('settled', w);
});

scenario('destroy during _final', async (lib, log) => {
  let finalCb;
  const w = new lib.Writable({
    write(c, e, cb) {
      cb();
    },
    final(cb) {
      log('_final');
      finalCb = cb;
    },
  });
  record(w, lifeEvents);
  w.end((...args) => log('end cb', ...args));
  await immediate();
  w.destroy();
  await immediate();
  attempt('final cb', () => finalCb());
  await immediate();
  wstate('settled', w);
});

scenario('destroy after finish closes only once', async (lib, log) => {
  const w = new lib.Writable({ autoDestroy: false, write(c, e, cb) { cb(); } });
  record(w, lifeEvents);
  w.end();
  await immediate();
  w.destroy();
  w.destroy();
  await immediate();
  wstate('settled', w);
});

scenario('destroy() after autoDestroy closed does nothing', async (lib, log) => {
  const w = new lib.Writable({ write(c, e, cb) { cb(); } });
  record(w, lifeEvents);
  w.end();
  await immediate();
  attempt('destroy', () => w.destroy(new Error('too late')) === w);
  await immediate();
  wstate('settled', w);
});

scenario('destroy between end and finish', async (lib, log) => {
  const w = new lib.Writable({
    write(c, e, cb) {
      process.nextTick(cb);
    },
  });
  record(w, lifeEvents);
  w.write('a', (...args) => log('cb a', ...args));
  w.end((...args) => log('end cb', ...args));
  w.destroy();
  wstate('sync', w);
  await immediate();
  wstate('settled', w);
});

scenario('destroy inside a write callback', async (lib, log) => {
  const w = new lib.Writable({ write(c, e, cb) { cb(); } });
  record(w, lifeEvents);
  w.write('a', () => {
    log('cb a');
    w.destroy();
  });
  w.write('b', (...args) => log('cb b', ...args));
  await immediate();
});

scenario('destroy inside _write before calling back', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      this.destroy();
      cb();
    },
  });
  record(w, lifeEvents);
  w.write('a', (...args) => log('cb a', ...args));
  await immediate();
  wstate('settled', w);
});

scenario('_destroy callback error replaces the destroy error', async (lib, log) => {
  const w = new lib.Writable({
    write(c, e, cb) {
      cb();
    },
    destroy(err, cb) {
      log('_destroy', err);
      cb(new Error('from _destroy'));
    },
  });
  record(w, lifeEvents);
  w.destroy(new Error('original'));
  await immediate();
  wstate('settled', w);
});

scenario('_destroy calling back later delays close', async (lib, log) => {
  let done;
  const w = new lib.Writable({
    write(c, e, cb) {
      cb();
    },
    destroy(err, cb) {
      log('_destroy');
      done = cb;
    },
  });
  record(w, lifeEvents);
  w.destroy();
  await immediate();
  wstate('before _destroy calls back', w);
  done();
  await immediate();
  wstate('settled', w);
});

scenario('writableAborted after destroy before and after end', async (lib, log) => {
  const a = new lib.Writable({ write(c, e, cb) { cb(); } });
  a.destroy();
  log('destroyed before end', a.writableAborted);
  const b = new lib.Writable({ write(c, e, cb) { process.nextTick(cb); } });
  b.write('x');
  b.end();
  b.destroy();
  log('destroyed after end before finish', b.writableAborted);
  const c = new lib.Writable({ write(c2, e, cb) { cb(); } });
  c.end();
  await immediate();
  log('finished', c.writableAborted);
});

scenario('destroy with emitClose false', async (lib, log) => {
  const w = new lib.Writable({ emitClose: false, write(c, e, cb) { cb(); } });
  record(w, lifeEvents);
  w.destroy();
  await immediate();
  wstate('settled', w);
});

scenario('destroy with a pending drain', async (lib, log) => {
  const w = new lib.Writable({
    highWaterMark: 1,
    write(c, e, cb) {
      process.nextTick(cb);
    },
  });
  record(w, [...lifeEvents, 'drain']);
  attempt('write', () => w.write('ab', (...args) => log('cb', ...args)));
  w.destroy();
  await immediate();
});
