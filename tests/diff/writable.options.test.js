// Writable constructor options: highWaterMark, objectMode, write/writev/final/destroy/construct,
// signal, emitClose, autoDestroy.

import { scenario, record, attempt, wstate, tick, immediate } from './harness.js';

const lifeEvents = ['prefinish', 'finish', 'close', 'error'];

scenario('new Writable() with no options', async (lib, log) => {
  const w = new lib.Writable();
  wstate('new', w);
});

scenario('objectMode sets the object mode getters and high water mark', async (lib, log) => {
  const w = new lib.Writable({ objectMode: true });
  wstate('new', w);
});

scenario('writableObjectMode option on a plain Writable', async (lib, log) => {
  const w = new lib.Writable({ writableObjectMode: true });
  log('objectMode', w.writableObjectMode, 'hwm', w.writableHighWaterMark);
});

scenario('writableHighWaterMark option on a plain Writable', async (lib, log) => {
  const w = new lib.Writable({ writableHighWaterMark: 7 });
  log('hwm', w.writableHighWaterMark);
});

scenario('write option becomes _write and is called with this', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      log('this is the stream', this === w, typeof cb);
      cb();
    },
  });
  w.write('a');
  await immediate();
});

scenario('final option is called with this and a callback', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
    },
    final(cb) {
      log('_final', this === w, typeof cb);
      cb();
    },
  });
  record(w, lifeEvents);
  w.end();
  await immediate();
});

scenario('destroy option receives the error and a callback', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
    },
    destroy(err, cb) {
      log('_destroy', err, this === w);
      cb(err);
    },
  });
  record(w, lifeEvents);
  w.destroy(new Error('boom'));
  await immediate();
});

scenario('destroy option runs after a normal finish', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
    },
    destroy(err, cb) {
      log('_destroy', err);
      cb();
    },
  });
  record(w, lifeEvents);
  w.end('a');
  await immediate();
});

scenario('construct delays writes until its callback', async (lib, log) => {
  let done;
  const w = new lib.Writable({
    construct(cb) {
      log('_construct', this === w);
      done = cb;
    },
    write(chunk, encoding, cb) {
      log('_write', chunk);
      cb();
    },
  });
  record(w, lifeEvents);
  attempt('write', () => w.write('early', () => log('cb early')));
  wstate('constructing', w);
  await immediate();
  log('calling construct back');
  done();
  await immediate();
  w.end();
  await immediate();
});

scenario('construct is called on the next tick', async (lib, log) => {
  new lib.Writable({
    construct(cb) {
      log('_construct');
      cb();
    },
    write(chunk, encoding, cb) {
      cb();
    },
  });
  log('after new');
  await tick();
  log('one tick');
});

scenario('construct delays _final until its callback', async (lib, log) => {
  let done;
  const w = new lib.Writable({
    construct(cb) {
      done = cb;
    },
    write(chunk, encoding, cb) {
      cb();
    },
    final(cb) {
      log('_final');
      cb();
    },
  });
  record(w, lifeEvents);
  w.end();
  await immediate();
  log('calling construct back');
  done();
  await immediate();
});

scenario('construct error destroys the stream', async (lib, log) => {
  const w = new lib.Writable({
    construct(cb) {
      cb(new Error('cannot construct'));
    },
    write(chunk, encoding, cb) {
      log('_write');
      cb();
    },
  });
  record(w, lifeEvents);
  w.write('a', (err) => log('write cb', err));
  await immediate();
  wstate('settled', w);
});

scenario('construct that throws destroys the stream', async (lib, log) => {
  const w = new lib.Writable({
    construct() {
      throw new Error('thrown in construct');
    },
    write(chunk, encoding, cb) {
      cb();
    },
  });
  record(w, lifeEvents);
  await immediate();
  wstate('settled', w);
});

scenario('destroy during construct', async (lib, log) => {
  let done;
  const w = new lib.Writable({
    construct(cb) {
      done = cb;
    },
    write(chunk, encoding, cb) {
      cb();
    },
    destroy(err, cb) {
      log('_destroy', err);
      cb(err);
    },
  });
  record(w, lifeEvents);
  w.write('a', (err) => log('write cb', err));
  w.destroy();
  await immediate();
  log('calling construct back');
  done();
  await immediate();
  wstate('settled', w);
});

scenario('signal aborted later destroys with an AbortError', async (lib, log) => {
  const controller = new AbortController();
  const w = new lib.Writable({
    signal: controller.signal,
    write(chunk, encoding, cb) {
      cb();
    },
  });
  record(w, lifeEvents);
  w.write('a', (err) => log('write cb', err));
  await immediate();
  controller.abort();
  wstate('after abort', w);
  await immediate();
  wstate('settled', w);
});

scenario('signal already aborted', async (lib, log) => {
  const w = new lib.Writable({
    signal: AbortSignal.abort(),
    write(chunk, encoding, cb) {
      cb();
    },
  });
  record(w, lifeEvents);
  wstate('new', w);
  await immediate();
  wstate('settled', w);
});

scenario('signal aborted after finish does nothing', async (lib, log) => {
  const controller = new AbortController();
  const w = new lib.Writable({
    signal: controller.signal,
    write(chunk, encoding, cb) {
      cb();
    },
  });
  record(w, lifeEvents);
  w.end();
  await immediate();
  controller.abort();
  await immediate();
  wstate('settled', w);
});

scenario('signal that is not an AbortSignal throws', async (lib, log) => {
  attempt('construct', () => new lib.Writable({ signal: {} }));
});

scenario('emitClose false: no close after finish', async (lib, log) => {
  const w = new lib.Writable({
    emitClose: false,
    write(chunk, encoding, cb) {
      cb();
    },
  });
  record(w, lifeEvents);
  w.end('a');
  await immediate();
  wstate('settled', w);
});

scenario('emitClose false: no close after destroy(err)', async (lib, log) => {
  const w = new lib.Writable({
    emitClose: false,
    write(chunk, encoding, cb) {
      cb();
    },
  });
  record(w, lifeEvents);
  w.destroy(new Error('bye'));
  await immediate();
  wstate('settled', w);
});

scenario('autoDestroy false: finish without destroy or close', async (lib, log) => {
  const w = new lib.Writable({
    autoDestroy: false,
    write(chunk, encoding, cb) {
      cb();
    },
  });
  record(w, lifeEvents);
  w.end('a');
  await immediate();
  wstate('finished', w);
  w.destroy();
  await immediate();
  wstate('destroyed', w);
});

scenario('autoDestroy false: write error is emitted without destroying', async (lib, log) => {
  const w = new lib.Writable({
    autoDestroy: false,
    write(chunk, encoding, cb) {
      cb(new Error('write failed'));
    },
  });
  record(w, lifeEvents);
  w.write('a', (err) => log('cb a', err));
  await immediate();
  wstate('after error', w);
  attempt('write again', () => w.write('b', (err) => log('cb b', err)));
  w.end((err) => log('end cb', err));
  await immediate();
  wstate('settled', w);
});

scenario('emitClose false and autoDestroy false together', async (lib, log) => {
  const w = new lib.Writable({
    emitClose: false,
    autoDestroy: false,
    write(chunk, encoding, cb) {
      cb();
    },
  });
  record(w, lifeEvents);
  w.end();
  await immediate();
  w.destroy();
  await immediate();
  wstate('settled', w);
});

scenario('subclass methods are used when no options are given', async (lib, log) => {
  class Sink extends lib.Writable {
    _write(chunk, encoding, cb) {
      log('_write', chunk, encoding);
      cb();
    }
    _final(cb) {
      log('_final');
      cb();
    }
  }
  const w = new Sink();
  record(w, lifeEvents);
  w.end('z');
  await immediate();
});

scenario('options win over subclass methods', async (lib, log) => {
  class Sink extends lib.Writable {
    _write(chunk, encoding, cb) {
      log('subclass _write');
      cb();
    }
  }
  const w = new Sink({
    write(chunk, encoding, cb) {
      log('option write');
      cb();
    },
  });
  w.write('a');
  await immediate();
});
