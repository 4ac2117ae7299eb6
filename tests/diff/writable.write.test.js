// Writable.write(): its return value, the write callbacks and exactly when 'drain' is emitted,
// with _write calling back synchronously, on a later tick and from a timer.

import { scenario, record, attempt, wstate, tick, immediate } from './harness.js';

/** Resolves after a timer of `ms` milliseconds. */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A Writable whose _write logs what it receives and calls back at once. */
function syncWritable(lib, log, options = {}) {
  return new lib.Writable({
    ...options,
    write(chunk, encoding, cb) {
      log('_write', chunk, encoding);
      cb();
    },
  });
}

/** A Writable whose _write logs what it receives and calls back on the next tick. */
function tickWritable(lib, log, options = {}) {
  return new lib.Writable({
    ...options,
    write(chunk, encoding, cb) {
      log('_write', chunk, encoding);
      process.nextTick(cb);
    },
  });
}

scenario('write below the high water mark (sync _write)', async (lib, log) => {
  const w = syncWritable(lib, log, { highWaterMark: 4 });
  record(w, ['drain', 'finish', 'close', 'error']);
  attempt('write ab', () => w.write('ab'));
  attempt('write c', () => w.write('c'));
  await immediate();
});

scenario('one chunk reaching the high water mark (sync _write)', async (lib, log) => {
  const w = syncWritable(lib, log, { highWaterMark: 3 });
  record(w, ['drain', 'finish', 'close', 'error']);
  attempt('write abc', () => w.write('abc'));
  wstate('after write', w);
  await tick();
  wstate('one tick', w);
  await immediate();
  wstate('settled', w);
});

scenario('one chunk exceeding the high water mark (sync _write)', async (lib, log) => {
  const w = syncWritable(lib, log, { highWaterMark: 3 });
  record(w, ['drain']);
  attempt('write abcdef', () => w.write('abcdef'));
  await immediate();
});

scenario('writes queued behind a tick-deferred _write return false at the mark', async (lib, log) => {
  const w = tickWritable(lib, log, { highWaterMark: 5 });
  record(w, ['drain', 'error']);
  attempt('write 1', () => w.write('aa'));
  attempt('write 2', () => w.write('bb'));
  attempt('write 3', () => w.write('cc'));
  attempt('write 4', () => w.write('dd'));
  wstate('after writes', w);
  await immediate();
  wstate('settled', w);
});

scenario('drain is emitted once after several writes returned false', async (lib, log) => {
  const w = tickWritable(lib, log, { highWaterMark: 2 });
  record(w, ['drain']);
  for (let i = 0; i < 4; i++) attempt(`write ${i}`, () => w.write('xy'));
  for (let i = 0; i < 8; i++) {
    await tick();
    log('tick', i, w.writableLength);
  }
  await immediate();
});

scenario('no drain when write never returned false', async (lib, log) => {
  const w = tickWritable(lib, log, { highWaterMark: 10 });
  record(w, ['drain', 'finish']);
  attempt('write 1', () => w.write('a'));
  attempt('write 2', () => w.write('b'));
  await immediate();
  w.end();
  await immediate();
});

scenario('write callbacks and drain order with sync _write', async (lib, log) => {
  const w = syncWritable(lib, log, { highWaterMark: 2 });
  record(w, ['drain']);
  attempt('write 1', () => w.write('a', () => log('cb 1')));
  attempt('write 2', () => w.write('b', () => log('cb 2')));
  attempt('write 3', () => w.write('c', () => log('cb 3')));
  log('after writes');
  await tick();
  log('one tick');
  await immediate();
});

scenario('write callbacks and drain order with tick-deferred _write', async (lib, log) => {
  const w = tickWritable(lib, log, { highWaterMark: 2 });
  record(w, ['drain']);
  attempt('write 1', () => w.write('a', () => log('cb 1')));
  attempt('write 2', () => w.write('b', () => log('cb 2')));
  attempt('write 3', () => w.write('c', () => log('cb 3')));
  log('after writes');
  await immediate();
});

scenario('write callbacks and drain with a timer-deferred _write', async (lib, log) => {
  const w = new lib.Writable({
    highWaterMark: 3,
    write(chunk, encoding, cb) {
      log('_write', chunk);
      setTimeout(() => {
        log('calling back', chunk);
        cb();
      }, 1);
    },
  });
  record(w, ['drain', 'finish', 'close']);
  attempt('write 1', () => w.write('ab', () => log('cb 1')));
  attempt('write 2', () => w.write('cd', () => log('cb 2')));
  attempt('write 3', () => w.write('ef', () => log('cb 3')));
  wstate('after writes', w);
  await sleep(30);
  wstate('after timers', w);
  w.end(() => log('end cb'));
  await immediate();
});

scenario('write callback is never called synchronously', async (lib, log) => {
  const w = syncWritable(lib, log);
  w.write('a', () => log('cb'));
  log('write returned');
  await tick();
  log('after one tick');
});

scenario('drain is emitted after the last write callback', async (lib, log) => {
  const w = tickWritable(lib, log, { highWaterMark: 1 });
  record(w, ['drain']);
  w.write('a', () => log('cb a'));
  w.write('b', () => log('cb b'));
  await immediate();
});

scenario('write returns true again after drain', async (lib, log) => {
  const w = tickWritable(lib, log, { highWaterMark: 2 });
  w.on('drain', () => {
    log('drain', w.writableNeedDrain);
    attempt('write in drain', () => w.write('z'));
  });
  attempt('write 1', () => w.write('ab'));
  await immediate();
  attempt('write later', () => w.write('q'));
  await immediate();
});

scenario('writableNeedDrain follows the write return value', async (lib, log) => {
  const w = tickWritable(lib, log, { highWaterMark: 3 });
  wstate('new', w);
  w.write('a');
  log('needDrain', w.writableNeedDrain);
  w.write('bc');
  log('needDrain', w.writableNeedDrain);
  w.once('drain', () => log('in drain needDrain', w.writableNeedDrain));
  await immediate();
  log('needDrain', w.writableNeedDrain);
});

scenario('highWaterMark 0 with sync _write', async (lib, log) => {
  const w = syncWritable(lib, log, { highWaterMark: 0 });
  record(w, ['drain']);
  attempt('write 1', () => w.write('a'));
  await immediate();
  attempt('write 2', () => w.write('b'));
  attempt('write 3', () => w.write('c'));
  await immediate();
});

scenario('highWaterMark 0 with tick-deferred _write', async (lib, log) => {
  const w = tickWritable(lib, log, { highWaterMark: 0 });
  record(w, ['drain']);
  attempt('write 1', () => w.write('a'));
  attempt('write 2', () => w.write('b'));
  await immediate();
});

scenario('highWaterMark 0 with an empty chunk', async (lib, log) => {
  const w = syncWritable(lib, log, { highWaterMark: 0 });
  record(w, ['drain']);
  attempt('write empty', () => w.write(''));
  await immediate();
});

scenario('empty string and empty buffer writes reach _write', async (lib, log) => {
  const w = syncWritable(lib, log, { highWaterMark: 1 });
  record(w, ['drain', 'finish']);
  attempt('write empty string', () => w.write('', () => log('cb string')));
  attempt('write empty buffer', () => w.write(Buffer.alloc(0), () => log('cb buffer')));
  wstate('after writes', w);
  w.end();
  await immediate();
});

scenario('object mode counts objects against the high water mark', async (lib, log) => {
  const w = tickWritable(lib, log, { objectMode: true, highWaterMark: 2 });
  record(w, ['drain']);
  attempt('write 1', () => w.write({ n: 1 }));
  attempt('write 2', () => w.write('a long string counts as one'));
  attempt('write 3', () => w.write(3));
  wstate('after writes', w);
  await immediate();
});

scenario('object mode default high water mark is 16', async (lib, log) => {
  const w = tickWritable(lib, () => {}, { objectMode: true });
  const returns = [];
  for (let i = 0; i < 17; i++) returns.push(w.write(i));
  log('returns', returns);
  wstate('after writes', w);
  await immediate();
});

scenario('default high water mark with pending writes around 16 KiB and 64 KiB', async (lib, log) => {
  const w = tickWritable(lib, () => {});
  record(w, ['drain']);
  attempt('write 16383', () => w.write(Buffer.alloc(16383)));
  attempt('write 1', () => w.write(Buffer.alloc(1)));
  attempt('write 49151', () => w.write(Buffer.alloc(49151)));
  attempt('write 1 more', () => w.write(Buffer.alloc(1)));
  wstate('after writes', w);
  await immediate();
});

scenario('write(chunk, cb) and write(chunk, encoding, cb) both call the callback', async (lib, log) => {
  const w = syncWritable(lib, log);
  attempt('two args', () => w.write('aa', () => log('cb two args')));
  attempt('three args', () => w.write('6869', 'hex', () => log('cb three args')));
  attempt('null encoding', () => w.write('x', null, () => log('cb null encoding')));
  await immediate();
});

scenario('write callback receives no error on success', async (lib, log) => {
  const w = syncWritable(lib, log);
  w.write('a', (...args) => log('cb args', args.length, args[0]));
  await immediate();
});

scenario('writes during _write are buffered and written afterwards', async (lib, log) => {
  let first = true;
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      log('_write', chunk);
      if (first) {
        first = false;
        attempt('nested write', () => this.write('inner', () => log('cb inner')));
        wstate('inside _write', this);
      }
      cb();
    },
  });
  w.write('outer', () => log('cb outer'));
  await immediate();
});

scenario('writing inside a write callback', async (lib, log) => {
  const w = tickWritable(lib, log, { highWaterMark: 2 });
  record(w, ['drain']);
  w.write('a', () => {
    log('cb a');
    attempt('write in cb', () => w.write('bc', () => log('cb bc')));
  });
  await immediate();
});

scenario('writableLength while tick-deferred writes are pending', async (lib, log) => {
  const w = tickWritable(lib, () => {}, { highWaterMark: 100 });
  w.write('abc');
  log('length 1', w.writableLength);
  w.write('de');
  log('length 2', w.writableLength);
  await tick();
  log('length after a tick', w.writableLength);
  await immediate();
  log('length settled', w.writableLength);
});

scenario('drain with mixed sync and async callbacks', async (lib, log) => {
  let n = 0;
  const w = new lib.Writable({
    highWaterMark: 2,
    write(chunk, encoding, cb) {
      n++;
      log('_write', chunk, n);
      if (n % 2) cb();
      else process.nextTick(cb);
    },
  });
  record(w, ['drain']);
  for (let i = 0; i < 5; i++) attempt(`write ${i}`, () => w.write('ab', () => log('cb', i)));
  await immediate();
});
