// Writable state getters sampled at many points of a stream's life: inside _write, inside
// callbacks and events, and tick by tick.

import { scenario, attempt, wstate, immediate } from './harness.js';

/** Samples the writable state inside each of the named events of `w`. */
function sampleIn(w, events) {
  for (const event of events) w.on(event, () => wstate(`in ${event}`, w));
}

scenario('getters inside _write, write callback, drain, finish and close', async (lib, log) => {
  const w = new lib.Writable({
    highWaterMark: 2,
    write(chunk, encoding, cb) {
      wstate('in _write', this);
      process.nextTick(cb);
    },
  });
  sampleIn(w, ['drain', 'prefinish', 'finish', 'close']);
  w.write('abc', () => wstate('in write cb', w));
  wstate('after write', w);
  await immediate();
  w.end(() => wstate('in end cb', w));
  wstate('after end', w);
  await immediate();
});

scenario('getters tick by tick with tick-deferred writes', async (lib, log) => {
  const w = new lib.Writable({
    highWaterMark: 3,
    write(chunk, encoding, cb) {
      process.nextTick(cb);
    },
  });
  w.write('ab');
  w.write('cd');
  w.end('e');
  // A chain of nextTick callbacks samples between the stream's own ticks.
  const sample = (i) => {
    wstate(`tick ${i}`, w);
    if (i < 6) process.nextTick(sample, i + 1);
  };
  process.nextTick(sample, 0);
  await immediate();
});

scenario('getters inside error and close after a write error', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb(new Error('bad'));
    },
  });
  sampleIn(w, ['error', 'close']);
  w.write('x', () => wstate('in write cb', w));
  await immediate();
});

scenario('getters while corked and after uncork', async (lib, log) => {
  const w = new lib.Writable({
    highWaterMark: 4,
    write(chunk, encoding, cb) {
      cb();
    },
    writev(chunks, cb) {
      wstate('in _writev', this);
      cb();
    },
  });
  w.cork();
  w.write('abc');
  w.write('de');
  wstate('corked', w);
  w.uncork();
  wstate('uncorked', w);
  await immediate();
  wstate('settled', w);
});

scenario('getters in object mode', async (lib, log) => {
  const w = new lib.Writable({
    objectMode: true,
    highWaterMark: 1,
    write(chunk, encoding, cb) {
      process.nextTick(cb);
    },
  });
  w.write({});
  w.write({});
  wstate('two objects', w);
  await immediate();
  wstate('settled', w);
});

scenario('getters inside _final and during construct', async (lib, log) => {
  const w = new lib.Writable({
    construct(cb) {
      wstate('in _construct', this);
      cb();
    },
    write(chunk, encoding, cb) {
      cb();
    },
    final(cb) {
      wstate('in _final', this);
      cb();
    },
  });
  wstate('new', w);
  w.end();
  wstate('after end', w);
  await immediate();
});

scenario('getters after destroy(err) inside _write', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      this.destroy(new Error('inside'));
      wstate('after destroy in _write', this);
      cb();
    },
  });
  w.on('error', () => wstate('in error', w));
  w.write('a', (err) => log('cb', err));
  await immediate();
  wstate('settled', w);
});

scenario('writable getter is false after end, destroy and error', async (lib, log) => {
  const a = new lib.Writable({ write(c, e, cb) { cb(); } });
  a.end();
  const b = new lib.Writable({ write(c, e, cb) { cb(); } });
  b.destroy();
  const c = new lib.Writable({ write(c2, e, cb) { cb(new Error('x')); } });
  c.on('error', () => {});
  c.write('a');
  log('after end', a.writable, 'after destroy', b.writable, 'after error', c.writable);
  await immediate();
});

scenario('writable getter can be overwritten with a plain value', async (lib, log) => {
  const w = new lib.Writable({ write(c, e, cb) { cb(); } });
  attempt('set writable', () => {
    w.writable = false;
    return w.writable;
  });
  attempt('write', () => w.write('a'));
  await immediate();
});
