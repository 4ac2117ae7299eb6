// State getters sampled inside event handlers and across a stream's whole life.

import { scenario, record, attempt, state, tick, immediate } from './harness.js';

/** Samples the state inside each of the named events of `r`. */
function sampleIn(r, events) {
  for (const event of events) r.on(event, () => state(`in ${event}`, r));
}

scenario('getters inside data, end and close in flowing mode', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  sampleIn(r, ['data', 'end', 'close']);
  r.push('ab');
  r.push(null);
  await immediate();
});

scenario('getters inside readable, end and close in paused mode', async (lib, log) => {
  const r = new lib.Readable({ read() {}, highWaterMark: 4 });
  sampleIn(r, ['readable', 'end', 'close']);
  r.push('abc');
  await immediate();
  r.read();
  r.push(null);
  await immediate();
  r.read();
  await immediate();
});

scenario('getters inside error and close after destroy(err)', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  sampleIn(r, ['error', 'close']);
  r.push('x');
  r.destroy(new Error('e'));
  await immediate();
});

scenario('getters at each tick of a flowing stream', async (lib, log) => {
  let n = 0;
  const r = new lib.Readable({
    highWaterMark: 2,
    read() {
      n++;
      process.nextTick(() => this.push(n <= 2 ? 'zz' : null));
    },
  });
  state('new', r);
  record(r, ['data', 'end', 'close']);
  r.resume();
  for (let i = 0; i < 6; i++) {
    await tick();
    state(`tick ${i}`, r);
  }
  await immediate();
  state('settled', r);
});

scenario('getters for an object mode stream with an encoding', async (lib, log) => {
  const r = new lib.Readable({ read() {}, objectMode: true, encoding: 'latin1' });
  state('new', r);
  attempt('push a', () => r.push('a'));
  attempt('push {}', () => r.push({}));
  state('pushed', r);
  r.pause();
  state('paused', r);
  await immediate();
});

scenario('getters when construct fails', async (lib, log) => {
  const r = new lib.Readable({
    read() {},
    construct(cb) {
      setImmediate(() => cb(new Error('no')));
    },
  });
  sampleIn(r, ['error', 'close']);
  state('new', r);
  await immediate();
  state('settled', r);
});

scenario('getters during a pending _destroy callback', async (lib, log) => {
  let done;
  const r = new lib.Readable({
    read() {},
    destroy(err, cb) {
      state('in _destroy', this);
      done = () => cb(err);
    },
  });
  sampleIn(r, ['error', 'close']);
  r.destroy(new Error('slow'));
  await immediate();
  state('waiting', r);
  done();
  await immediate();
});

scenario('getters of a stream ended with autoDestroy false', async (lib, log) => {
  const r = new lib.Readable({ read() {}, autoDestroy: false, emitClose: false });
  sampleIn(r, ['end']);
  r.push('x');
  r.push(null);
  state('pushed null', r);
  r.resume();
  await immediate();
  state('settled', r);
  r.destroy();
  state('destroyed', r);
  await immediate();
});

scenario('readableLength counts bytes, characters or objects', async (lib, log) => {
  const bytes = new lib.Readable({ read() {} });
  bytes.push('\u20ac');
  log('bytes', bytes.readableLength);
  const chars = new lib.Readable({ read() {}, encoding: 'utf8' });
  chars.push('\u20ac');
  log('chars', chars.readableLength);
  const utf16 = new lib.Readable({ read() {}, encoding: 'utf16le' });
  utf16.push(Buffer.from('ab', 'utf16le'));
  log('utf16 chars', utf16.readableLength);
  const objects = new lib.Readable({ read() {}, objectMode: true });
  objects.push('long string');
  log('objects', objects.readableLength);
  await immediate();
});
