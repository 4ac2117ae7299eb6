// Flowing mode: 'data' vs 'readable', readableFlowing transitions, pause/resume/isPaused.

import { scenario, record, attempt, state, tick, immediate } from './harness.js';

/** A Readable that pushes the given chunks one per _read call, then null. */
function source(lib, log, chunks, options = {}) {
  let i = 0;
  return new lib.Readable({
    ...options,
    read(size) {
      log('_read', size);
      this.push(i < chunks.length ? chunks[i++] : null);
    },
  });
}

function flowing(label, r, log) {
  log(label, r.readableFlowing, r.isPaused());
}

scenario("adding a 'data' listener starts flowing on the next tick", async (lib, log) => {
  const r = source(lib, log, ['a', 'b', 'c']);
  record(r);
  flowing('before', r, log);
  r.on('data', (d) => log('data', d));
  flowing('after on(data)', r, log);
  await tick();
  flowing('one tick', r, log);
  await immediate();
  state('end', r);
});

scenario('flowing mode emits each chunk separately', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('a');
  r.push('bb');
  r.push('ccc');
  r.push(null);
  r.on('data', (d) => log('data', d));
  record(r);
  await immediate();
});

scenario('resume() without listeners drains the data and ends', async (lib, log) => {
  const r = source(lib, log, ['a', 'b']);
  record(r);
  attempt('resume', () => r.resume() === r);
  flowing('after resume', r, log);
  await immediate();
  state('end', r);
});

scenario('pause() stops data and sets readableFlowing false', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.on('data', (d) => log('data', d));
  r.push('a');
  await immediate();
  attempt('pause', () => r.pause() === r);
  flowing('paused', r, log);
  r.push('b');
  r.push('c');
  await immediate();
  log('length', r.readableLength);
  r.resume();
  flowing('resumed', r, log);
  await immediate();
});

scenario('pause() inside a data handler stops the following chunks', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push('a');
  r.push('b');
  r.push('c');
  r.on('data', (d) => {
    log('data', d);
    if (String(d) === 'a') r.pause();
  });
  await immediate();
  log('length', r.readableLength);
  r.resume();
  await immediate();
});

scenario('isPaused is false initially, true after pause, false after resume', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  flowing('initial', r, log);
  r.pause();
  flowing('pause', r, log);
  r.pause();
  flowing('pause twice', r, log);
  r.resume();
  flowing('resume', r, log);
  r.resume();
  flowing('resume twice', r, log);
  await immediate();
});

scenario("a 'data' listener on a paused stream does not resume it", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('a');
  r.pause();
  r.on('data', (d) => log('data', d));
  flowing('after on(data)', r, log);
  await immediate();
  log('length', r.readableLength);
  r.resume();
  await immediate();
});

scenario("adding a 'readable' listener stops flowing", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.on('data', (d) => log('data', d));
  r.push('a');
  await immediate();
  r.on('readable', () => log('readable', r.readableLength));
  flowing('after on(readable)', r, log);
  r.push('b');
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
});

scenario("removing the 'readable' listener resumes flowing when 'data' listeners exist", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  const onReadable = () => log('readable');
  r.on('readable', onReadable);
  r.on('data', (d) => log('data', d));
  r.push('a');
  await immediate();
  flowing('both', r, log);
  r.removeListener('readable', onReadable);
  flowing('removed', r, log);
  await tick();
  flowing('one tick', r, log);
  await immediate();
  r.push('b');
  await immediate();
});

scenario("removing the only 'readable' listener makes readableFlowing null", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const onReadable = () => log('readable');
  r.on('readable', onReadable);
  flowing('listening', r, log);
  r.off('readable', onReadable);
  await immediate();
  flowing('removed', r, log);
  r.push('x');
  await immediate();
  log('length', r.readableLength);
});

scenario("removing 'readable' in the tick of resume() makes the stream flow", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  const onReadable = () => log('readable');
  r.on('readable', onReadable);
  r.push('a');
  r.resume();
  r.removeListener('readable', onReadable);
  flowing('removed', r, log);
  await immediate();
  flowing('settled', r, log);
  log('length', r.readableLength);
});

scenario("removing 'readable' after a processed resume() leaves readableFlowing null", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  const onReadable = () => log('readable');
  r.on('readable', onReadable);
  r.resume();
  flowing('resume with readable', r, log);
  r.push('a');
  await immediate();
  r.removeListener('readable', onReadable);
  await immediate();
  flowing('removed', r, log);
  r.push('b');
  await immediate();
  log('length', r.readableLength);
});

scenario("with both 'readable' and 'data', data is emitted by read()", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.on('readable', () => {
    log('readable');
    let chunk;
    while ((chunk = r.read()) !== null) log('read', chunk);
  });
  r.on('data', (d) => log('data', d));
  r.push('a');
  r.push('b');
  await immediate();
  r.push(null);
  await immediate();
});

scenario("'readable' attached before 'data' keeps readableFlowing false", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('readable', () => log('readable'));
  flowing('readable', r, log);
  r.on('data', (d) => log('data', d));
  flowing('data too', r, log);
  r.push('a');
  await immediate();
  log('length', r.readableLength);
});

scenario("resume() has no effect while a 'readable' listener exists", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.on('readable', () => log('readable', r.readableLength));
  r.push('a');
  r.resume();
  flowing('after resume', r, log);
  await immediate();
  log('length', r.readableLength);
});

scenario("removeAllListeners('readable') with a 'data' listener resumes", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('readable', () => log('readable'));
  r.on('readable', () => log('readable 2'));
  r.on('data', (d) => log('data', d));
  r.push('a');
  await immediate();
  r.removeAllListeners('readable');
  await immediate();
  flowing('after', r, log);
  r.push('b');
  await immediate();
});

scenario("removing the 'data' listener does not stop flowing", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  const onData = (d) => log('data', d);
  r.on('data', onData);
  r.push('a');
  await immediate();
  r.removeListener('data', onData);
  flowing('removed', r, log);
  r.push('b');
  await immediate();
  log('length', r.readableLength);
});

scenario("once('data') receives one chunk and the rest still flows", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.once('data', (d) => log('once', d));
  r.push('a');
  r.push('b');
  await immediate();
  flowing('after', r, log);
  log('length', r.readableLength);
});

scenario("'pause' and 'resume' events are emitted once per transition", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, ['pause', 'resume']);
  r.pause();
  r.pause();
  r.resume();
  r.resume();
  await immediate();
  r.pause();
  await immediate();
  r.resume();
  await immediate();
});

scenario('resume then pause in the same tick emits no data', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.on('data', (d) => log('data', d));
  r.push('a');
  r.pause();
  await immediate();
  r.resume();
  r.pause();
  await immediate();
  flowing('after', r, log);
  log('length', r.readableLength);
});

scenario('flowing mode _read sizes and call order with sync pushes', async (lib, log) => {
  const r = source(lib, log, ['aa', 'bb', 'cc', 'dd'], { highWaterMark: 3 });
  record(r);
  r.on('data', (d) => log('data', d, r.readableLength));
  await immediate();
});

scenario('flowing mode with async pushes', async (lib, log) => {
  let i = 0;
  const r = new lib.Readable({
    highWaterMark: 2,
    read(size) {
      log('_read', size);
      setImmediate(() => {
        i++;
        log('push', this.push(i <= 3 ? `n${i}` : null));
      });
    },
  });
  record(r);
  r.on('data', (d) => log('data', d));
  for (let k = 0; k < 6; k++) await immediate();
});

scenario('push while flowing with an empty buffer emits data synchronously', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('data', (d) => log('data', d));
  await immediate();
  log('before push');
  attempt('push', () => r.push('x'));
  log('after push');
  await immediate();
});

scenario("a 'data' listener added after push(null) gets the rest then 'end'", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push('a');
  r.push(null);
  await immediate();
  r.on('data', (d) => log('data', d));
  await immediate();
  state('after', r);
});

scenario("resume() after 'end' does nothing", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push(null);
  r.resume();
  await immediate();
  r.resume();
  flowing('after', r, log);
  await immediate();
});

scenario("a 'readable' listener added after 'end'", async (lib, log) => {
  const r = new lib.Readable({ read() {}, autoDestroy: false });
  record(r);
  r.push(null);
  r.resume();
  await immediate();
  r.on('readable', () => log('readable', r.read()));
  await immediate();
  state('after', r);
});

scenario("adding 'readable' while flowing with buffered data", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('data', (d) => log('data', d));
  r.pause();
  r.push('a');
  r.push('b');
  r.on('readable', () => log('readable', r.readableLength));
  flowing('after', r, log);
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
});

scenario('paused mode read() while a data listener is attached emits data', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.pause();
  r.on('data', (d) => log('data', d));
  r.push('a');
  r.push('b');
  attempt('read(1)', () => r.read(1));
  attempt('read()', () => r.read());
  await immediate();
});

scenario("'end' is followed by 'close' in flowing mode", async (lib, log) => {
  const r = source(lib, log, ['a']);
  record(r, ['data', 'end', 'close']);
  r.resume();
  await tick();
  state('one tick', r);
  await immediate();
  state('end', r);
});

scenario('object mode flowing with falsy values', async (lib, log) => {
  const r = source(lib, log, [0, '', false, { k: 1 }], { objectMode: true, highWaterMark: 2 });
  record(r, ['data', 'end', 'close']);
  await immediate();
});

scenario('pause() before any listener, then on(data)', async (lib, log) => {
  const r = source(lib, log, ['a', 'b']);
  record(r, ['pause', 'resume', 'end']);
  r.pause();
  r.on('data', (d) => log('data', d));
  await immediate();
  flowing('after', r, log);
  r.resume();
  await immediate();
});

scenario("'data' handler that throws propagates out of push", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('data', (d) => {
    log('data', d);
    throw new Error('boom from data');
  });
  await immediate();
  attempt('push', () => r.push('x'));
  state('after', r);
  await immediate();
});

scenario("push inside a 'data' handler", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  let pushed = false;
  r.on('data', (d) => {
    log('data', d, r.readableLength);
    if (!pushed) {
      pushed = true;
      log('inner push', r.push('inner'));
      log('after inner push', r.readableLength);
    }
  });
  r.push('outer');
  await immediate();
});

scenario("read() inside a 'data' handler", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('a');
  r.push('b');
  r.push('c');
  r.on('data', (d) => {
    log('data', d);
    if (String(d) === 'a') attempt('inner read()', () => r.read());
  });
  await immediate();
});

scenario("unshift inside a 'data' handler", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  let once = false;
  r.on('data', (d) => {
    log('data', d);
    if (!once) {
      once = true;
      r.pause();
      attempt('unshift', () => r.unshift(d.subarray(1)));
      r.resume();
    }
  });
  r.push('xyz');
  await immediate();
});

scenario("resume() inside a 'readable' handler", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.on('readable', () => {
    log('readable', r.readableLength);
    r.resume();
    log('flowing', r.readableFlowing);
  });
  r.push('a');
  await immediate();
  log('length', r.readableLength);
});

scenario("read() inside an 'end' handler", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('end', () => attempt('read in end', () => r.read()));
  record(r, ['close']);
  r.push(null);
  r.resume();
  await immediate();
});

scenario('flowing data chunks are the pushed Buffers themselves', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const buf = Buffer.from('same');
  const u8 = new Uint8Array([1, 2]);
  const seen = [];
  r.on('data', (d) => seen.push(d));
  r.push(buf);
  r.push(u8);
  await immediate();
  log('buffer identity', seen[0] === buf);
  log('Uint8Array becomes a Buffer', Buffer.isBuffer(seen[1]), seen[1] === u8, seen[1]);
  log('shares memory', seen[1]?.buffer === u8.buffer);
});

scenario('paused read(n) of a whole chunk returns that chunk', async (lib, log) => {
  const r = new lib.Readable({ read() {}, highWaterMark: 100 });
  const a = Buffer.from('ab');
  const b = Buffer.from('cd');
  r.push(a);
  r.push(b);
  log('read(2) is a', r.read(2) === a);
  log('read() is b', r.read() === b);
  await immediate();
});

scenario('sync pushes from _read in object mode with highWaterMark 1', async (lib, log) => {
  let i = 0;
  const r = new lib.Readable({
    objectMode: true,
    highWaterMark: 1,
    read(size) {
      log('_read', size, r.readableLength);
      i++;
      log('push', i, this.push(i <= 3 ? i : null));
      if (i <= 3) log('push again', this.push(i * 10));
    },
  });
  record(r, ['data', 'end']);
  await immediate();
});
