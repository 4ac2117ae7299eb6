// readable.pipe(dest, { end }) and unpipe: backpressure, several destinations, the 'pipe' and
// 'unpipe' events, ending, errors and closes on either side, and readableFlowing along the way.

import { scenario, record, attempt, state, wstate, tick, immediate } from './harness.js';

/** A Readable that pushes the given chunks one per _read call, then null. */
function source(lib, chunks, options = {}) {
  let i = 0;
  return new lib.Readable({
    ...options,
    read() {
      this.push(i < chunks.length ? chunks[i++] : null);
    },
  });
}

/** A Readable fed by hand (push from the scenario). */
function manual(lib, options = {}) {
  return new lib.Readable({ ...options, read() {} });
}

/** A Writable that logs each chunk as `name` and completes writes at once. */
function sink(lib, log, name, options = {}) {
  return new lib.Writable({
    ...options,
    write(chunk, encoding, cb) {
      log(name, 'write', chunk);
      cb();
    },
  });
}

/**
 * A Writable that logs each chunk as `name` and completes a write only when the scenario calls
 * `release()` (oldest first); `release` returns whether a write was waiting.
 */
function slowSink(lib, log, name, options = {}) {
  const waiting = [];
  const w = new lib.Writable({
    ...options,
    write(chunk, encoding, cb) {
      log(name, 'write', chunk);
      waiting.push(cb);
    },
  });
  w.release = (err) => {
    const cb = waiting.shift();
    if (cb) cb(err);
    return cb !== undefined;
  };
  return w;
}

/** Completes every write of `w` one at a time with an immediate between them. */
async function drainAll(w) {
  while (w.release()) await immediate();
  await immediate();
}

/** Logs the listeners pipe() may leave on `dest`. */
function listeners(label, dest, log) {
  const counts = {};
  for (const event of ['unpipe', 'drain', 'error', 'close', 'finish']) counts[event] = dest.listenerCount(event);
  log(label, counts);
}

function flowing(label, r, log) {
  log(label, r.readableFlowing, r.isPaused());
}

const srcEvents = ['pause', 'resume', 'end', 'error', 'close'];
const destEvents = ['pipe', 'unpipe', 'drain', 'finish', 'error', 'close'];

/** Records the 'pipe'/'unpipe' events of `dest` with whether their source is `src`. */
function recordPipeEvents(dest, src, log, name) {
  dest.on('pipe', (s) => log(name, 'pipe', s === src));
  dest.on('unpipe', (s, info) => log(name, 'unpipe', s === src, info));
}

// ---- basics ----

scenario('pipe returns dest, writes every chunk and ends it', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c']);
  const w = sink(lib, log, 'w');
  record(r, srcEvents, 'src');
  record(w, ['finish', 'close'], 'dest');
  recordPipeEvents(w, r, log, 'dest');
  log('returns dest', r.pipe(w) === w);
  flowing('after pipe', r, log);
  await immediate();
  state('src', r);
  wstate('dest', w);
  listeners('dest listeners', w, log);
});

scenario("'pipe' is emitted synchronously, before the source starts flowing", async (lib, log) => {
  const r = source(lib, ['a']);
  const w = sink(lib, log, 'w');
  w.on('pipe', (s) => {
    log('pipe event', s === r);
    flowing('in pipe event', r, log);
  });
  r.pipe(w);
  log('after pipe call');
  await tick();
  flowing('one tick later', r, log);
  await immediate();
});

scenario("'unpipe' arguments on the source's end", async (lib, log) => {
  const r = source(lib, ['x']);
  const w = sink(lib, log, 'w');
  record(r, ['end'], 'src');
  record(w, ['finish'], 'dest');
  w.on('unpipe', (s, info) => log('unpipe', s === r, info, w.writableEnded));
  r.pipe(w);
  await immediate();
});

scenario('pipe with null and non-boolean end options', async (lib, log) => {
  const r1 = source(lib, ['a']);
  const r2 = source(lib, ['b']);
  const w1 = sink(lib, log, 'w1');
  const w2 = sink(lib, log, 'w2');
  record(w1, ['finish'], 'w1');
  record(w2, ['finish'], 'w2');
  r1.pipe(w1, null);
  r2.pipe(w2, { end: 0 });
  await immediate();
  log('ended', w1.writableEnded, w2.writableEnded);
});

scenario('readableFlowing transitions through pipe, backpressure, drain and unpipe', async (lib, log) => {
  const r = manual(lib);
  const w = slowSink(lib, log, 'w', { highWaterMark: 2 });
  flowing('fresh', r, log);
  r.pipe(w);
  flowing('piped', r, log);
  r.push('aa');
  flowing('after a write that fills dest', r, log);
  await immediate();
  w.release();
  await immediate();
  flowing('after drain', r, log);
  r.unpipe(w);
  flowing('after unpipe', r, log);
});

scenario('chunks pushed before pipe are written when it starts', async (lib, log) => {
  const r = manual(lib);
  r.push('a');
  r.push('b');
  r.push(null);
  const w = sink(lib, log, 'w');
  record(w, ['finish'], 'w');
  r.pipe(w);
  log('sync end of pipe');
  await immediate();
});

// ---- backpressure ----

scenario('the source pauses when write returns false and resumes on drain', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c', 'd', 'e', 'f']);
  const w = slowSink(lib, log, 'w', { highWaterMark: 2 });
  record(r, srcEvents, 'src');
  record(w, ['drain', 'finish'], 'dest');
  r.pipe(w);
  await immediate();
  log('buffered', r.readableLength, w.writableLength, w.writableNeedDrain);
  while (w.release()) {
    await immediate();
    log('buffered', r.readableLength, w.writableLength, r.readableFlowing);
  }
  await immediate();
});

scenario('object mode backpressure with highWaterMark 1', async (lib, log) => {
  const r = source(lib, [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }], { objectMode: true, highWaterMark: 1 });
  const w = slowSink(lib, log, 'w', { objectMode: true, highWaterMark: 1 });
  record(r, srcEvents, 'src');
  record(w, ['drain', 'finish'], 'dest');
  r.pipe(w);
  await immediate();
  log('buffered', r.readableLength, w.writableLength);
  await drainAll(w);
  wstate('dest', w);
});

scenario('a destination with highWaterMark 0 pauses the source on every chunk', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c']);
  const w = slowSink(lib, log, 'w', { highWaterMark: 0 });
  record(r, ['pause', 'resume', 'end'], 'src');
  record(w, ['drain', 'finish'], 'dest');
  r.pipe(w);
  await immediate();
  await drainAll(w);
});

scenario('a destination with highWaterMark 1 that completes synchronously', async (lib, log) => {
  const r = source(lib, ['aa', 'b', 'cc']);
  const w = sink(lib, log, 'w', { highWaterMark: 1 });
  record(r, ['pause', 'resume', 'end'], 'src');
  record(w, ['drain', 'finish'], 'dest');
  r.pipe(w);
  await immediate();
});

scenario('a destination already needing drain pauses the source at pipe time', async (lib, log) => {
  const w = slowSink(lib, log, 'w', { highWaterMark: 1 });
  w.write('zz');
  log('needDrain', w.writableNeedDrain);
  const r = source(lib, ['a', 'b']);
  record(r, ['pause', 'resume', 'end'], 'src');
  record(w, ['drain', 'finish'], 'dest');
  r.pipe(w);
  flowing('after pipe', r, log);
  await immediate();
  await drainAll(w);
});

scenario('a pipe through a slow Transform keeps the buffers bounded', async (lib, log) => {
  const chunks = Array.from({ length: 12 }, (_, i) => `c${i}`);
  const r = source(lib, chunks, { highWaterMark: 4 });
  const t = new lib.PassThrough({ highWaterMark: 4 });
  const w = slowSink(lib, log, 'w', { highWaterMark: 4 });
  record(w, ['finish'], 'w');
  r.pipe(t).pipe(w);
  await immediate();
  log('buffered', r.readableLength, t.writableLength, t.readableLength, w.writableLength);
  while (w.release()) {
    await immediate();
    log('buffered', r.readableLength, t.writableLength, t.readableLength, w.writableLength);
  }
});

scenario('the user pausing a piped source stops the data until resume', async (lib, log) => {
  const r = manual(lib);
  const w = sink(lib, log, 'w');
  r.pipe(w);
  r.push('a');
  await immediate();
  r.pause();
  r.push('b');
  await immediate();
  log('buffered while paused', r.readableLength);
  r.resume();
  await immediate();
  log('buffered after resume', r.readableLength);
});

scenario("a 'data' listener next to a pipe sees the same chunks", async (lib, log) => {
  const r = source(lib, ['a', 'b']);
  const w = sink(lib, log, 'w');
  r.on('data', (d) => log('data', d));
  r.pipe(w);
  await immediate();
});

scenario("a 'readable' listener keeps a piped source from flowing", async (lib, log) => {
  const r = source(lib, ['a', 'b']);
  const w = sink(lib, log, 'w');
  r.on('readable', () => log('readable', r.readableLength));
  r.pipe(w);
  flowing('after pipe', r, log);
  await immediate();
  wstate('dest', w);
  r.removeAllListeners('readable');
  await immediate();
  flowing('after removing readable', r, log);
  wstate('dest', w);
});

// ---- several destinations ----

scenario('two destinations both get every chunk and both end', async (lib, log) => {
  const r = source(lib, ['a', 'b']);
  const w1 = sink(lib, log, 'w1');
  const w2 = sink(lib, log, 'w2');
  record(w1, ['finish'], 'w1');
  record(w2, ['finish'], 'w2');
  r.pipe(w1);
  r.pipe(w2);
  await immediate();
});

scenario('the slowest destination sets the pace', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c', 'd', 'e']);
  const fast = sink(lib, log, 'fast', { highWaterMark: 1 });
  const slow = slowSink(lib, log, 'slow', { highWaterMark: 1 });
  record(r, ['pause', 'resume', 'end'], 'src');
  record(slow, ['drain', 'finish'], 'slow');
  record(fast, ['finish'], 'fast');
  r.pipe(fast);
  r.pipe(slow);
  await immediate();
  await drainAll(slow);
});

scenario('the source waits for every destination owed a drain', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c']);
  const w1 = slowSink(lib, log, 'w1', { highWaterMark: 1 });
  const w2 = slowSink(lib, log, 'w2', { highWaterMark: 1 });
  record(r, ['pause', 'resume'], 'src');
  r.pipe(w1);
  r.pipe(w2);
  await immediate();
  w1.release();
  await immediate();
  flowing('w1 drained, w2 not', r, log);
  w2.release();
  await immediate();
  flowing('both drained', r, log);
  await drainAll(w1);
  await drainAll(w2);
});

scenario('three destinations with different highWaterMarks', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c', 'd']);
  const ws = [0, 1, 3].map((hwm) => slowSink(lib, log, `w${hwm}`, { highWaterMark: hwm }));
  for (const w of ws) r.pipe(w);
  await immediate();
  for (let round = 0; round < 5; round++) {
    for (const w of ws) w.release();
    await immediate();
    log('lengths', ...ws.map((w) => w.writableLength));
  }
});

scenario('piping the same destination twice writes each chunk twice', async (lib, log) => {
  const r = source(lib, ['a', 'b']);
  const w = sink(lib, log, 'w');
  recordPipeEvents(w, r, log, 'w');
  record(w, ['finish'], 'w');
  r.pipe(w);
  r.pipe(w);
  listeners('listeners', w, log);
  await immediate();
});

scenario('unpiping a destination piped twice removes one pipe at a time', async (lib, log) => {
  const r = manual(lib);
  const w = sink(lib, log, 'w');
  recordPipeEvents(w, r, log, 'w');
  r.pipe(w);
  r.pipe(w);
  r.unpipe(w);
  listeners('after one unpipe', w, log);
  r.push('a');
  await immediate();
  r.unpipe(w);
  listeners('after two', w, log);
  flowing('source', r, log);
});

scenario('piping the same slow destination twice', async (lib, log) => {
  const r = source(lib, ['a', 'b']);
  const w = slowSink(lib, log, 'w', { highWaterMark: 1 });
  record(r, ['pause', 'resume', 'end'], 'src');
  record(w, ['drain', 'finish'], 'w');
  r.pipe(w);
  r.pipe(w);
  await immediate();
  await drainAll(w);
});

scenario('adding a destination while the source waits for a drain', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c']);
  const w1 = slowSink(lib, log, 'w1', { highWaterMark: 1 });
  const w2 = slowSink(lib, log, 'w2', { highWaterMark: 1 });
  record(r, ['pause', 'resume', 'end'], 'src');
  record(w1, ['finish'], 'w1');
  record(w2, ['finish'], 'w2');
  r.pipe(w1);
  await immediate();
  r.pipe(w2);
  flowing('after second pipe', r, log);
  await immediate();
  w1.release();
  await immediate();
  flowing('w1 drained', r, log);
  for (let i = 0; i < 4; i++) {
    w1.release();
    w2.release();
    await immediate();
  }
});

scenario('a source paused by the user before pipe is resumed by it', async (lib, log) => {
  const r = source(lib, ['a']);
  r.pause();
  flowing('paused', r, log);
  const w = sink(lib, log, 'w');
  record(w, ['finish'], 'w');
  r.pipe(w);
  flowing('after pipe', r, log);
  await immediate();
});

scenario('piping a Duplex into a Writable and a Readable into the Duplex', async (lib, log) => {
  const d = new lib.Duplex({
    read() {},
    write(chunk, encoding, cb) {
      log('duplex got', chunk);
      this.push(chunk);
      cb();
    },
    final(cb) {
      this.push(null);
      cb();
    },
  });
  const w = sink(lib, log, 'w');
  record(d, ['finish', 'end', 'close'], 'duplex');
  record(w, ['finish', 'close'], 'w');
  source(lib, ['a', 'b']).pipe(d).pipe(w);
  await immediate();
});

// ---- unpipe ----

scenario('unpipe(dest) stops the writes to it, the other destination goes on', async (lib, log) => {
  const r = manual(lib);
  const w1 = sink(lib, log, 'w1');
  const w2 = sink(lib, log, 'w2');
  recordPipeEvents(w1, r, log, 'w1');
  recordPipeEvents(w2, r, log, 'w2');
  record(w1, ['finish'], 'w1');
  record(w2, ['finish'], 'w2');
  r.pipe(w1);
  r.pipe(w2);
  r.push('a');
  await immediate();
  log('unpipe returns src', r.unpipe(w1) === r);
  flowing('after unpipe w1', r, log);
  r.push('b');
  r.push(null);
  await immediate();
  listeners('w1', w1, log);
});

scenario('unpipe() unpipes every destination and pauses the source', async (lib, log) => {
  const r = manual(lib);
  const w1 = sink(lib, log, 'w1');
  const w2 = sink(lib, log, 'w2');
  record(r, ['pause', 'resume'], 'src');
  recordPipeEvents(w1, r, log, 'w1');
  recordPipeEvents(w2, r, log, 'w2');
  r.pipe(w1);
  r.pipe(w2);
  r.push('a');
  await immediate();
  log('unpipe returns src', r.unpipe() === r);
  flowing('after unpipe()', r, log);
  r.push('b');
  await immediate();
  log('buffered', r.readableLength);
  listeners('w1', w1, log);
  listeners('w2', w2, log);
});

scenario('unpipe without destinations, or of a stranger, does nothing', async (lib, log) => {
  const r = manual(lib);
  record(r, ['pause', 'resume'], 'src');
  const w = sink(lib, log, 'w');
  const stranger = sink(lib, log, 'stranger');
  recordPipeEvents(stranger, r, log, 'stranger');
  log('no pipes', r.unpipe() === r, r.unpipe(w) === r);
  flowing('untouched', r, log);
  r.pipe(w);
  log('stranger', r.unpipe(stranger) === r);
  flowing('still piped', r, log);
  r.push('a');
  await immediate();
});

scenario('unpipe of the destination owed a drain lets the other one flow', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c', 'd']);
  const slow = slowSink(lib, log, 'slow', { highWaterMark: 1 });
  const fast = sink(lib, log, 'fast');
  record(r, ['pause', 'resume', 'end'], 'src');
  record(fast, ['finish'], 'fast');
  r.pipe(slow);
  r.pipe(fast);
  await immediate();
  flowing('waiting for slow', r, log);
  r.unpipe(slow);
  flowing('after unpipe slow', r, log);
  await immediate();
  listeners('slow', slow, log);
});

scenario('unpipe() while one of two destinations is owed a drain', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c']);
  const slow = slowSink(lib, log, 'slow', { highWaterMark: 1 });
  const fast = sink(lib, log, 'fast');
  record(r, ['pause', 'resume', 'end'], 'src');
  r.pipe(slow);
  r.pipe(fast);
  await immediate();
  r.unpipe();
  flowing('after unpipe()', r, log);
  await immediate();
  slow.release();
  await immediate();
  flowing('after the old drain', r, log);
  log('buffered', r.readableLength);
});

scenario('pipe(undefined) throws a TypeError', async (lib, log) => {
  const r = manual(lib);
  attempt('pipe undefined', () => r.pipe(undefined));
  attempt('pipe a number', () => r.pipe(5));
});

scenario('unpipe of the only destination owed a drain', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c']);
  const w = slowSink(lib, log, 'w', { highWaterMark: 1 });
  record(r, ['pause', 'resume', 'end'], 'src');
  r.pipe(w);
  await immediate();
  r.unpipe(w);
  flowing('after unpipe', r, log);
  await immediate();
  log('buffered', r.readableLength);
  w.release();
  await immediate();
  flowing('after the old drain', r, log);
});

scenario('unpipe from inside write() that returns false does not pause the source', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c']);
  let w2;
  const w1 = new lib.Writable({
    highWaterMark: 1,
    write(chunk, encoding, cb) {
      log('w1 write', chunk);
      r.unpipe(w1);
    },
  });
  w2 = sink(lib, log, 'w2');
  record(r, ['pause', 'resume', 'end'], 'src');
  r.pipe(w1);
  r.pipe(w2);
  await immediate();
  flowing('source', r, log);
});

scenario("unpipe inside the 'pipe' event", async (lib, log) => {
  const r = source(lib, ['a']);
  const w = sink(lib, log, 'w');
  record(r, ['pause', 'resume', 'end'], 'src');
  w.on('pipe', (s) => {
    log('pipe');
    s.unpipe(w);
  });
  w.on('unpipe', () => log('unpipe'));
  r.pipe(w);
  flowing('after pipe', r, log);
  await immediate();
  wstate('dest', w);
});

scenario('pipe again after unpipe', async (lib, log) => {
  const r = manual(lib);
  const w = sink(lib, log, 'w');
  record(w, ['finish'], 'w');
  recordPipeEvents(w, r, log, 'w');
  r.pipe(w);
  r.push('a');
  await immediate();
  r.unpipe(w);
  r.push('b');
  await immediate();
  r.pipe(w);
  r.push('c');
  r.push(null);
  await immediate();
});

scenario('an unpipe event with a foreign source is ignored by pipe', async (lib, log) => {
  const r = manual(lib);
  const other = manual(lib);
  const w = sink(lib, log, 'w');
  r.pipe(w);
  w.emit('unpipe', other, { hasUnpiped: false });
  w.emit('unpipe', r);
  w.emit('unpipe', r, { hasUnpiped: true });
  listeners('still piped', w, log);
  r.push('a');
  await immediate();
});

// ---- end ----

scenario('{ end: false } leaves the destination open', async (lib, log) => {
  const r = source(lib, ['a']);
  const w = sink(lib, log, 'w');
  record(r, ['end'], 'src');
  record(w, ['finish'], 'w');
  recordPipeEvents(w, r, log, 'w');
  r.pipe(w, { end: false });
  await immediate();
  wstate('dest', w);
  listeners('dest', w, log);
  w.end('z');
  await immediate();
});

scenario('two sources into one destination with { end: false }', async (lib, log) => {
  const r1 = source(lib, ['a1', 'b1']);
  const r2 = source(lib, ['a2', 'b2']);
  const w = sink(lib, log, 'w');
  record(w, ['finish'], 'w');
  r1.pipe(w, { end: false });
  r2.pipe(w, { end: false });
  await immediate();
  w.end();
  await immediate();
});

scenario('piping a source that already ended ends the destination on the next tick', async (lib, log) => {
  const r = source(lib, []);
  r.resume();
  await immediate();
  log('ended', r.readableEnded);
  const w = sink(lib, log, 'w');
  record(w, ['finish', 'close'], 'w');
  recordPipeEvents(w, r, log, 'w');
  r.pipe(w);
  log('sync', w.writableEnded);
  await tick();
  log('tick', w.writableEnded);
  await immediate();
  flowing('source', r, log);
});

scenario('piping an ended source with { end: false } unpipes on the next tick', async (lib, log) => {
  const r = source(lib, []);
  r.resume();
  await immediate();
  const w = sink(lib, log, 'w');
  record(w, ['finish'], 'w');
  recordPipeEvents(w, r, log, 'w');
  r.pipe(w, { end: false });
  await tick();
  listeners('dest', w, log);
  wstate('dest', w);
});

scenario("piping a source that has pushed null but not emitted 'end'", async (lib, log) => {
  const r = manual(lib);
  r.push('last');
  r.push(null);
  const w = sink(lib, log, 'w');
  record(r, ['end'], 'src');
  record(w, ['finish'], 'w');
  r.pipe(w);
  await immediate();
});

scenario('the order of events at the end of a pipe', async (lib, log) => {
  const r = source(lib, ['a']);
  const w = sink(lib, log, 'w');
  record(r, srcEvents, 'src');
  record(w, ['unpipe', 'prefinish', 'finish', 'close'], 'dest');
  r.pipe(w);
  await immediate();
});

scenario('piping into process.stdout does not end it', async (lib, log) => {
  const r = source(lib, []);
  const out = process.stdout;
  const onUnpipe = (s) => log('stdout unpipe', s === r);
  out.on('unpipe', onUnpipe);
  r.pipe(out);
  await immediate();
  log('stdout ended', out.writableEnded);
  log('listener left', out.listeners('unpipe').length);
  out.removeListener('unpipe', onUnpipe);
});

// ---- destination errors, closes, finishes ----

scenario('a destination write error unpipes and leaves the source paused', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c']);
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      log('write', chunk);
      cb(new Error('write failed'));
    },
  });
  record(r, srcEvents, 'src');
  record(w, destEvents, 'dest');
  r.pipe(w);
  await immediate();
  state('src', r);
  listeners('dest', w, log);
});

scenario('a destination error with no user listener is thrown', async (lib, log) => {
  const r = source(lib, ['a']);
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb(new Error('boom'));
    },
  });
  record(r, ['pause', 'end', 'close'], 'src');
  w.on('unpipe', () => log('unpipe'));
  r.pipe(w);
  await immediate();
  log('dest errored', w.errored);
});

scenario('destroying the destination with an error unpipes before the error event', async (lib, log) => {
  const r = manual(lib);
  const w = sink(lib, log, 'w');
  record(r, ['pause', 'resume', 'close'], 'src');
  record(w, destEvents, 'dest');
  r.pipe(w);
  r.push('a');
  await immediate();
  w.destroy(new Error('gone'));
  await immediate();
  flowing('source', r, log);
  r.push('b');
  await immediate();
  log('buffered', r.readableLength);
});

scenario("the user emitting 'error' on the destination with no listener destroys it", async (lib, log) => {
  const r = manual(lib);
  const w = sink(lib, log, 'w');
  record(w, ['unpipe', 'close'], 'dest');
  r.pipe(w);
  attempt('emit error', () => w.emit('error', new Error('by hand')));
  log('destroyed', w.destroyed);
  await immediate();
  wstate('dest', w);
});

scenario("the user emitting 'error' on the destination with a listener", async (lib, log) => {
  const r = manual(lib);
  const w = sink(lib, log, 'w');
  record(w, ['unpipe', 'error', 'close'], 'dest');
  r.pipe(w);
  attempt('emit error', () => w.emit('error', new Error('by hand')));
  log('destroyed', w.destroyed);
  await immediate();
  listeners('dest', w, log);
});

scenario('a destination error with autoDestroy off', async (lib, log) => {
  const r = manual(lib);
  const w = new lib.Writable({
    autoDestroy: false,
    write(chunk, encoding, cb) {
      cb(new Error('no autoDestroy'));
    },
  });
  record(w, destEvents, 'dest');
  r.pipe(w);
  r.push('a');
  await immediate();
  wstate('dest', w);
  flowing('source', r, log);
});

scenario('a destination destroyed without error unpipes on close', async (lib, log) => {
  const r = manual(lib);
  const w = sink(lib, log, 'w');
  record(r, ['pause', 'resume', 'close'], 'src');
  record(w, destEvents, 'dest');
  r.pipe(w);
  r.push('a');
  await immediate();
  w.destroy();
  await immediate();
  flowing('source', r, log);
  listeners('dest', w, log);
});

scenario('a destination ended by the user unpipes on finish', async (lib, log) => {
  const r = manual(lib);
  const w = sink(lib, log, 'w');
  record(w, destEvents, 'dest');
  r.pipe(w);
  r.push('a');
  await immediate();
  w.end();
  await immediate();
  flowing('source', r, log);
  r.push('b');
  await immediate();
  log('buffered', r.readableLength);
});

scenario('a destination that was ended before pipe gets write-after-end', async (lib, log) => {
  const w = sink(lib, log, 'w');
  w.end();
  await immediate();
  const r = source(lib, ['a', 'b']);
  record(r, ['pause', 'end', 'close'], 'src');
  record(w, destEvents, 'dest');
  r.pipe(w);
  await immediate();
  flowing('source', r, log);
});

scenario('a destination destroyed before pipe', async (lib, log) => {
  const w = sink(lib, log, 'w');
  w.destroy();
  await immediate();
  const r = source(lib, ['a', 'b']);
  record(r, ['pause', 'resume', 'end', 'close'], 'src');
  record(w, destEvents, 'dest');
  r.pipe(w);
  await immediate();
  flowing('source', r, log);
  log('buffered', r.readableLength);
});

scenario('a destination whose write throws is destroyed with the error', async (lib, log) => {
  const r = manual(lib);
  const w = sink(lib, log, 'w');
  w.write = () => {
    throw new Error('write threw');
  };
  record(w, destEvents, 'dest');
  r.pipe(w);
  r.push('a');
  await immediate();
  log('destroyed', w.destroyed, w.errored);
  flowing('source', r, log);
});

scenario('one destination failing leaves the others piped', async (lib, log) => {
  const r = manual(lib);
  const bad = new lib.Writable({
    write(chunk, encoding, cb) {
      cb(new Error('bad'));
    },
  });
  const good = sink(lib, log, 'good');
  record(bad, ['unpipe', 'error', 'close'], 'bad');
  record(good, ['finish'], 'good');
  r.pipe(bad);
  r.pipe(good);
  r.push('a');
  await immediate();
  r.push('b');
  r.push(null);
  await immediate();
});

scenario('one slow destination erroring while owed a drain releases the source', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c']);
  const slow = slowSink(lib, log, 'slow', { highWaterMark: 1 });
  const fast = sink(lib, log, 'fast');
  record(r, ['pause', 'resume', 'end'], 'src');
  record(slow, ['unpipe', 'error', 'close'], 'slow');
  record(fast, ['finish'], 'fast');
  r.pipe(slow);
  r.pipe(fast);
  await immediate();
  slow.release(new Error('slow failed'));
  await immediate();
  flowing('source', r, log);
});

// ---- source errors and destroy ----

scenario('a source error leaves the destination piped and open', async (lib, log) => {
  const r = manual(lib);
  const w = sink(lib, log, 'w');
  record(r, srcEvents, 'src');
  record(w, destEvents, 'dest');
  r.pipe(w);
  r.push('a');
  await immediate();
  r.destroy(new Error('source failed'));
  await immediate();
  wstate('dest', w);
  listeners('dest', w, log);
});

scenario('a source destroyed without error', async (lib, log) => {
  const r = source(lib, ['a', 'b', 'c']);
  const w = slowSink(lib, log, 'w', { highWaterMark: 1 });
  record(r, srcEvents, 'src');
  record(w, destEvents, 'dest');
  r.pipe(w);
  await immediate();
  r.destroy();
  await immediate();
  await drainAll(w);
  wstate('dest', w);
});

scenario('a source whose _read throws', async (lib, log) => {
  const r = new lib.Readable({
    read() {
      throw new Error('read threw');
    },
  });
  const w = sink(lib, log, 'w');
  record(r, srcEvents, 'src');
  record(w, ['unpipe', 'finish', 'close'], 'dest');
  r.pipe(w);
  await immediate();
  wstate('dest', w);
});

scenario('piping a destroyed source', async (lib, log) => {
  const r = manual(lib);
  r.destroy();
  await immediate();
  const w = sink(lib, log, 'w');
  record(w, destEvents, 'dest');
  log('returns dest', r.pipe(w) === w);
  flowing('source', r, log);
  await immediate();
  wstate('dest', w);
});

// ---- modes, encodings, chains ----

scenario('object mode values go through unchanged', async (lib, log) => {
  const r = source(lib, [{ a: 1 }, 'str', 7, [1, 2]], { objectMode: true });
  const w = sink(lib, log, 'w', { objectMode: true });
  record(w, ['finish'], 'w');
  r.pipe(w);
  await immediate();
});

scenario('a byte source into an object mode destination', async (lib, log) => {
  const r = source(lib, ['ab', 'cd']);
  const w = sink(lib, log, 'w', { objectMode: true });
  r.pipe(w);
  await immediate();
});

scenario('an object source into a byte destination fails on a non-byte chunk', async (lib, log) => {
  const r = source(lib, ['ok', { bad: true }], { objectMode: true });
  const w = sink(lib, log, 'w');
  record(r, ['pause', 'end'], 'src');
  record(w, destEvents, 'dest');
  r.pipe(w);
  await immediate();
});

scenario('a source with an encoding writes strings', async (lib, log) => {
  const r = source(lib, [Buffer.from('héllo')]);
  r.setEncoding('utf8');
  const w = new lib.Writable({
    decodeStrings: false,
    write(chunk, encoding, cb) {
      log('write', typeof chunk, chunk, encoding);
      cb();
    },
  });
  r.pipe(w);
  await immediate();
});

scenario('chaining pipe through Transforms returns each destination', async (lib, log) => {
  const r = source(lib, ['a', 'b']);
  const upper = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, chunk.toString().toUpperCase());
    },
  });
  const twice = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, chunk.toString().repeat(2));
    },
  });
  const w = sink(lib, log, 'w');
  record(upper, ['unpipe', 'finish', 'end'], 'upper');
  record(twice, ['unpipe', 'finish', 'end'], 'twice');
  record(w, ['unpipe', 'finish', 'close'], 'w');
  const last = r.pipe(upper).pipe(twice).pipe(w);
  log('chain returns the last', last === w);
  await immediate();
});

scenario('a PassThrough piped into two writables', async (lib, log) => {
  const p = new lib.PassThrough();
  const w1 = sink(lib, log, 'w1');
  const w2 = sink(lib, log, 'w2');
  record(w1, ['finish'], 'w1');
  record(w2, ['finish'], 'w2');
  p.pipe(w1);
  p.pipe(w2);
  p.write('x');
  p.end('y');
  await immediate();
});

scenario('an object mode Transform with backpressure in the middle', async (lib, log) => {
  const r = source(lib, [1, 2, 3, 4, 5], { objectMode: true, highWaterMark: 1 });
  const t = new lib.Transform({
    objectMode: true,
    highWaterMark: 1,
    transform(n, encoding, cb) {
      cb(null, n * 10);
    },
  });
  const w = slowSink(lib, log, 'w', { objectMode: true, highWaterMark: 1 });
  record(w, ['finish'], 'w');
  r.pipe(t).pipe(w);
  await immediate();
  log('buffered', r.readableLength, t.writableLength, t.readableLength, w.writableLength);
  await drainAll(w);
});

scenario('a legacy Stream destination with write and end', async (lib, log) => {
  const r = source(lib, ['a', 'b']);
  const dest = new lib.Stream();
  let calls = 0;
  dest.write = (chunk) => {
    log('write', chunk);
    return ++calls % 2 === 0;
  };
  dest.end = () => log('end');
  record(r, ['pause', 'resume', 'end'], 'src');
  r.pipe(dest);
  await immediate();
  log('emitting drain');
  dest.emit('drain');
  await immediate();
});

scenario("a legacy Stream destination's error is rethrown when nobody else listens", async (lib, log) => {
  const r = manual(lib);
  const dest = new lib.Stream();
  dest.write = () => true;
  dest.end = () => {};
  dest.on('unpipe', () => log('unpipe'));
  r.pipe(dest);
  attempt('emit error', () => dest.emit('error', new Error('legacy')));
  log('error listeners', dest.listenerCount('error'));
});
