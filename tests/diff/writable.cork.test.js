// cork()/uncork() with nesting, and what _writev receives: the chunks with their encodings.

import { scenario, record, attempt, wstate, tick, immediate } from './harness.js';

/** Turns a _writev batch into its [chunk, encoding] pairs and its allBuffers flag. */
function describeBatch(chunks) {
  return { entries: chunks.map((c) => [c.chunk, c.encoding]), allBuffers: chunks.allBuffers };
}

/** A Writable with both _write and _writev, logging every call; `later` defers the callbacks. */
function batching(lib, log, options = {}, later = false) {
  const done = (cb) => (later ? process.nextTick(cb) : cb());
  return new lib.Writable({
    ...options,
    write(chunk, encoding, cb) {
      log('_write', chunk, encoding);
      done(cb);
    },
    writev(chunks, cb) {
      log('_writev', describeBatch(chunks));
      done(cb);
    },
  });
}

scenario('cork buffers writes and uncork sends them to _writev', async (lib, log) => {
  const w = batching(lib, log);
  w.cork();
  wstate('corked', w);
  w.write('a', () => log('cb a'));
  w.write(Buffer.from('b'), () => log('cb b'));
  wstate('after writes', w);
  w.uncork();
  wstate('uncorked', w);
  await immediate();
});

scenario('_writev entries carry chunks and encodings with decodeStrings false', async (lib, log) => {
  const w = batching(lib, log, { decodeStrings: false });
  w.cork();
  w.write('plain');
  w.write('6869', 'hex');
  w.write(Buffer.from('bytes'));
  w.write('aGk=', 'base64');
  w.uncork();
  await immediate();
});

scenario('_writev allBuffers is true when every chunk is bytes', async (lib, log) => {
  const w = batching(lib, log, { decodeStrings: false });
  w.cork();
  w.write(Buffer.from('a'));
  w.write(new Uint8Array([98]));
  w.uncork();
  await immediate();
});

scenario('a single corked chunk goes to _write, not _writev', async (lib, log) => {
  const w = batching(lib, log);
  w.cork();
  w.write('only');
  w.uncork();
  await immediate();
});

scenario('nested cork needs as many uncork calls', async (lib, log) => {
  const w = batching(lib, log);
  w.cork();
  w.cork();
  w.write('a');
  log('corked', w.writableCorked);
  w.uncork();
  log('corked', w.writableCorked);
  await immediate();
  log('nothing written yet');
  w.uncork();
  log('corked', w.writableCorked);
  await immediate();
});

scenario('uncork when not corked does nothing', async (lib, log) => {
  const w = batching(lib, log);
  w.uncork();
  log('corked', w.writableCorked);
  w.write('a');
  await immediate();
});

scenario('cork then uncork on the next tick', async (lib, log) => {
  const w = batching(lib, log);
  w.cork();
  w.write('a');
  w.write('b');
  w.write('c');
  process.nextTick(() => w.uncork());
  await immediate();
});

scenario('cork without _writev writes chunks one by one on uncork', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      log('_write', chunk, encoding);
      cb();
    },
  });
  w.cork();
  w.write('a', () => log('cb a'));
  w.write('b', () => log('cb b'));
  w.uncork();
  log('after uncork');
  await immediate();
});

scenario('writes buffered during a pending _write go to _writev', async (lib, log) => {
  const w = batching(lib, log, {}, true);
  w.write('first', () => log('cb first'));
  w.write('second', () => log('cb second'));
  w.write('third', () => log('cb third'));
  await immediate();
});

scenario('corked writes count toward the high water mark', async (lib, log) => {
  const w = batching(lib, log, { highWaterMark: 3 });
  record(w, ['drain']);
  w.cork();
  attempt('write 1', () => w.write('ab'));
  attempt('write 2', () => w.write('cd'));
  wstate('corked', w);
  w.uncork();
  await immediate();
});

scenario('async _writev calls back every write callback', async (lib, log) => {
  const w = batching(lib, log, { highWaterMark: 2 }, true);
  record(w, ['drain', 'finish']);
  w.cork();
  w.write('a', () => log('cb a'));
  w.write('b', () => log('cb b'));
  w.write('c', () => log('cb c'));
  w.uncork();
  wstate('after uncork', w);
  await immediate();
  w.end();
  await immediate();
});

scenario('_writev error goes to every write callback', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
    },
    writev(chunks, cb) {
      log('_writev', chunks.length);
      cb(new Error('writev failed'));
    },
  });
  record(w, ['error', 'close', 'finish']);
  w.cork();
  w.write('a', (...args) => log('cb a', ...args));
  w.write('b', (...args) => log('cb b', ...args));
  w.uncork();
  await immediate();
  wstate('settled', w);
});

scenario('object mode _writev receives the objects', async (lib, log) => {
  const w = batching(lib, log, { objectMode: true });
  w.cork();
  w.write({ a: 1 });
  w.write('s');
  w.write(7);
  w.uncork();
  await immediate();
});

scenario('_writev defined by a subclass', async (lib, log) => {
  class Batched extends lib.Writable {
    _write(chunk, encoding, cb) {
      log('_write', chunk);
      cb();
    }
    _writev(chunks, cb) {
      log('_writev', describeBatch(chunks));
      cb();
    }
  }
  const w = new Batched();
  w.cork();
  w.write('x');
  w.write('y');
  w.uncork();
  await immediate();
});

scenario('only writev given: a single write goes through _writev', async (lib, log) => {
  const w = new lib.Writable({
    writev(chunks, cb) {
      log('_writev', describeBatch(chunks));
      cb();
    },
  });
  record(w, ['finish', 'error']);
  w.write('solo', () => log('cb solo'));
  w.end();
  await immediate();
});

scenario('cork after end has no effect on finishing', async (lib, log) => {
  const w = batching(lib, log);
  record(w, ['finish', 'close']);
  w.write('a');
  w.end();
  w.cork();
  log('corked', w.writableCorked);
  await immediate();
  wstate('settled', w);
});

scenario('writes after uncork and re-cork are batched separately', async (lib, log) => {
  const w = batching(lib, log, {}, true);
  w.cork();
  w.write('a');
  w.write('b');
  w.uncork();
  w.cork();
  w.write('c');
  w.write('d');
  w.uncork();
  await immediate();
});

scenario('writableLength and writableCorked through a cork cycle', async (lib, log) => {
  const w = batching(lib, () => {});
  w.cork();
  w.write('abc');
  w.cork();
  w.write('de');
  log('corked', w.writableCorked, 'length', w.writableLength);
  w.uncork();
  log('corked', w.writableCorked, 'length', w.writableLength);
  w.uncork();
  log('corked', w.writableCorked, 'length', w.writableLength);
  await tick();
  log('corked', w.writableCorked, 'length', w.writableLength);
});
